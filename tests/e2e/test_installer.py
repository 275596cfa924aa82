"""The installer: the one-folder bundle builds from installer/boosterdesk.spec, the built
program passes its own checks off screen, stays under the size aim, and the Linux tarball
holds what a clinic's IT person installs from.

Building takes about a minute on two cores; installer/build.py --reuse skips PyInstaller
when the spec, our sources and the installed packages are unchanged since the last build.
"""

import os
import platform
import stat
import subprocess
import sys
import tarfile
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
BUNDLE = ROOT / "dist" / PROJECT["name"]
SIZE_LIMIT_BYTES = 250 * 1000 * 1000

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux build is proven"),
]


@pytest.fixture(scope="module")
def executable() -> Path:
    result = subprocess.run(
        [sys.executable, str(ROOT / "installer" / "build.py"), "--reuse"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-6000:]
    return BUNDLE / PROJECT["name"]


def run_bundle(executable: Path, flag: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [str(executable), flag], env=env, capture_output=True, text=True, timeout=300, check=False
    )


def test_built_program_passes_its_self_test(executable: Path) -> None:
    result = run_bundle(executable, "--self-test")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "self-test passed" in result.stdout
    assert "letters rendered and read back: consent, necessity, annual-review, schedule" in (
        result.stdout
    )


def test_bundle_holds_fonts_migrations_and_the_qt_plugins_it_needs(executable: Path) -> None:
    result = run_bundle(executable, "--check-bundle")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "bundle check passed" in result.stdout


def test_bundle_leaves_out_what_the_program_does_not_use(executable: Path) -> None:
    files = [path for path in BUNDLE.rglob("*") if not path.is_dir()]
    size = sum(path.lstat().st_size for path in files)
    assert size < SIZE_LIMIT_BYTES, f"{size / 1e6:.0f} MB unpacked"
    names = " ".join(path.name for path in files)
    for unused in ("WebEngine", "Qt6Quick", "Qt6Qml", "Qt63D", "Multimedia", "pytest", "ruff"):
        assert unused not in names
    assert not [path for path in files if path.is_symlink() and not path.exists()]
    migrations = BUNDLE / "_internal" / "db" / "migrations"
    assert (migrations / "env.py").is_file() and (migrations / "script.py.mako").is_file()
    shipped = {path.name for path in (migrations / "versions").glob("*.py")}
    assert shipped == {path.name for path in (ROOT / "db/migrations/versions").glob("*.py")}


def test_linux_tarball_holds_the_program_menu_entry_icon_and_installer(executable: Path) -> None:
    tarball = ROOT / "dist" / f"BoosterDesk-{PROJECT['version']}-linux-{platform.machine()}.tar.gz"
    with tarfile.open(tarball) as tar:
        members = {member.name: member for member in tar.getmembers()}
    for name in ("boosterdesk", "install.sh", "boosterdesk.desktop", "boosterdesk.png"):
        assert f"BoosterDesk/{name}" in members
    for name in ("boosterdesk", "install.sh"):
        assert members[f"BoosterDesk/{name}"].mode & stat.S_IXUSR
