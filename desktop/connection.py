"""Which database to open: --database, else the clinic server named in this computer's
settings file, else the local file.

The settings file is `boosterdesk.ini` in the configuration folder, written once by the
clinic's IT person on each workstation that shares the clinic server:

    [database]
    url = postgresql+psycopg://boosterdesk@clinic-server/clinic
"""

import configparser
from pathlib import Path

SETTINGS_FILE = "boosterdesk.ini"


def configured_database_url(config_dir: Path) -> str | None:
    settings = configparser.ConfigParser()
    settings.read(config_dir / SETTINGS_FILE, encoding="utf-8")
    url = settings.get("database", "url", fallback="").strip()
    return url or None


def database_url(command_line: str | None, config_dir: Path) -> str | None:
    return command_line or configured_database_url(config_dir)
