"""Build the one-folder bundle, prove it works, report its size, pack the Linux tarball.

    .venv/bin/python installer/build.py              (what `make installer` runs)
    .venv/bin/python installer/build.py --reuse      (skip PyInstaller if nothing changed)
    .venv/bin/python installer/build.py --no-tarball

Installs PyInstaller into the running environment if it is missing, builds
installer/boosterdesk.spec into dist/boosterdesk/ (work files in build/installer/), runs
the built program's `--self-test` and `--check-bundle` off screen, prints the unpacked size
and, on Linux, writes dist/BoosterDesk-<version>-linux-<arch>.tar.gz with the .desktop
file, the icon and install.sh. Exits non-zero if the build or either check fails.
"""

import argparse
import hashlib
import importlib.metadata
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTALLER = ROOT / "installer"
SPEC = INSTALLER / "boosterdesk.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "installer"
FINGERPRINT = WORK / "fingerprint.txt"
PYINSTALLER = "pyinstaller>=6.18,<7"
SIZE_LIMIT_MB = 250
CHECK_TIMEOUT = 300
# What goes into the bundle: a change to any of these means a new build.
SOURCES = (
    "pyproject.toml",
    "desktop",
    "ui",
    "db",
    "reports",
    "clinical",
    "installer/boosterdesk.spec",
    "installer/entry.py",
    "installer/bundle_check.py",
    "installer/icons",
)


def project() -> dict:
    with (ROOT / "pyproject.toml").open("rb") as file:
        return tomllib.load(file)["project"]


def bundle_dir() -> Path:
    return DIST / project()["name"]


def executable() -> Path:
    name = project()["name"] + (".exe" if sys.platform == "win32" else "")
    if sys.platform == "darwin":
        return DIST / "Booster Desk.app" / "Contents" / "MacOS" / project()["name"]
    return bundle_dir() / name


def ensure_pyinstaller() -> None:
    """pip leaves a version that satisfies the pin alone, without going to the network."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            PYINSTALLER,
        ],
        check=True,
    )


def fingerprint() -> str:
    """Everything the bundle is made from: our files, the spec, every installed
    distribution's version, the Python that runs PyInstaller."""
    digest = hashlib.sha256()
    digest.update(sys.version.encode())
    for source in SOURCES:
        top = ROOT / source
        for path in sorted([top, *top.rglob("*")] if top.is_dir() else [top]):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(ROOT).as_posix().encode())
                digest.update(path.read_bytes())
    versions = sorted(
        f"{dist.metadata['Name']}=={dist.version}" for dist in importlib.metadata.distributions()
    )
    digest.update("\n".join(versions).encode())
    return digest.hexdigest()


def build(reuse: bool) -> None:
    wanted = fingerprint()
    if (
        reuse
        and executable().is_file()
        and FINGERPRINT.is_file()
        and FINGERPRINT.read_text().strip() == wanted
    ):
        print(f"reusing {bundle_dir().relative_to(ROOT)}: spec, sources and packages unchanged")
        return
    ensure_pyinstaller()
    WORK.mkdir(parents=True, exist_ok=True)
    FINGERPRINT.unlink(missing_ok=True)
    log = WORK / "pyinstaller.log"
    print(f"building {SPEC.relative_to(ROOT)} (PyInstaller log: {log.relative_to(ROOT)})")
    started = time.monotonic()
    with log.open("w") as output:
        result = subprocess.run(
            [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
             "--distpath", str(DIST), "--workpath", str(WORK), str(SPEC)],
            cwd=ROOT, stdout=output, stderr=subprocess.STDOUT, check=False,
        )  # fmt: skip
    if result.returncode != 0:
        print(log.read_text()[-6000:])
        raise SystemExit(f"PyInstaller failed (exit {result.returncode})")
    FINGERPRINT.write_text(wanted + "\n")
    print(f"built in {time.monotonic() - started:.0f} s")


def run_check(flag: str, expected: str) -> bool:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    print(f"running {executable().relative_to(ROOT)} {flag}")
    try:
        result = subprocess.run(
            [str(executable()), flag],
            env=env, capture_output=True, text=True, timeout=CHECK_TIMEOUT, check=False,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        print(f"{flag} did not finish in {CHECK_TIMEOUT} s")
        return False
    print(result.stdout + result.stderr, end="")
    if sys.platform == "win32" and not result.stdout:
        # The Windows program has no console: should it print nothing, its exit code tells.
        return result.returncode == 0
    return result.returncode == 0 and expected in result.stdout


def folder_size(folder: Path) -> int:
    return sum(path.lstat().st_size for path in folder.rglob("*") if not path.is_dir())


def report_size() -> int:
    size_mb = folder_size(bundle_dir()) / 1_000_000
    du = shutil.which("du")
    if du:
        shown = subprocess.run(
            [du, "-sh", str(bundle_dir())], capture_output=True, text=True, check=False
        ).stdout.split()[0]
        print(f"bundle size (du -sh): {shown}")
    print(f"bundle size: {size_mb:.0f} MB unpacked in {bundle_dir().relative_to(ROOT)}")
    if size_mb >= SIZE_LIMIT_MB:
        print(f"warning: the bundle is over the {SIZE_LIMIT_MB} MB aim")
    return round(size_mb)


def linux_tarball() -> Path:
    """BoosterDesk/ holding the bundle, the .desktop template, icons and install.sh."""
    version = project()["version"]
    target = DIST / f"BoosterDesk-{version}-linux-{platform.machine()}.tar.gz"
    top = "BoosterDesk"
    linux = INSTALLER / "linux"
    extras = {
        linux / "boosterdesk.desktop": "boosterdesk.desktop",
        linux / "install.sh": "install.sh",
        linux / "INSTALL.txt": "INSTALL.txt",
        INSTALLER / "icons" / "boosterdesk.png": "boosterdesk.png",
        INSTALLER / "icons" / "boosterdesk.svg": "boosterdesk.svg",
    }
    partial = target.with_suffix(".partial")
    with tarfile.open(partial, "w:gz", compresslevel=6) as tar:
        tar.add(bundle_dir(), arcname=top)
        for source, name in extras.items():
            tar.add(source, arcname=f"{top}/{name}")
    partial.replace(target)
    print(f"tarball: {target.relative_to(ROOT)} ({target.stat().st_size / 1_000_000:.0f} MB)")
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse", action="store_true", help="skip PyInstaller if unchanged")
    parser.add_argument("--no-tarball", action="store_true", help="do not pack the tarball")
    args = parser.parse_args()
    build(args.reuse)
    passed = run_check("--self-test", "self-test passed")
    passed = run_check("--check-bundle", "bundle check passed") and passed
    report_size()
    if not passed:
        print("the built program FAILED its checks")
        return 1
    if sys.platform.startswith("linux") and not args.no_tarball:
        linux_tarball()
    return 0


if __name__ == "__main__":
    sys.exit(main())
