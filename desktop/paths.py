"""Where the program keeps its files: the user data folder, or the one given as --data-dir."""

from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_config_path, user_data_path, user_log_path

APP_NAME = "BoosterDesk"
DATABASE_FILE = "boosterdesk.sqlite3"


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path
    log_dir: Path
    config_dir: Path

    @property
    def database_file(self) -> Path:
        return self.data_dir / DATABASE_FILE

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def audit_key_dir(self) -> Path:
        """Kept with the user's configuration, never beside the database."""
        return self.config_dir / "audit-keys"

    @property
    def window_settings_file(self) -> Path:
        return self.data_dir / "window.ini"

    def create(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.log_dir.mkdir(parents=True, exist_ok=True)


def resolve_paths(data_dir: Path | None, config_dir: Path | None = None) -> AppPaths:
    config = (
        config_dir.expanduser().resolve()
        if config_dir is not None
        else user_config_path(APP_NAME, appauthor=False)
    )
    if data_dir is not None:
        folder = data_dir.expanduser().resolve()
        return AppPaths(data_dir=folder, log_dir=folder / "logs", config_dir=config)
    return AppPaths(
        data_dir=user_data_path(APP_NAME, appauthor=False),
        log_dir=user_log_path(APP_NAME, appauthor=False),
        config_dir=config,
    )
