"""Is this a safe place for a SQLite file? Not on a network share, nor in a synced folder.

SQLite's locking is unreliable over network file systems (sqlite.org, "SQLite Over a
Network, Caveats and Considerations"), and sync clients copy a half-written file between
machines. Several workstations share data through the clinic server instead.
"""

import sys
from pathlib import Path

NETWORK_FILE_SYSTEMS = {
    "nfs",
    "nfs4",
    "cifs",
    "smb3",
    "smbfs",
    "ncpfs",
    "afs",
    "9p",
    "ceph",
    "glusterfs",
    "sshfs",
    "davfs",
    "webdav",
    "afpfs",
    "lustre",
    "gpfs",
    "beegfs",
}
SYNC_FOLDER_NAMES = {
    "dropbox",
    "onedrive",
    "google drive",
    "googledrive",
    "icloud drive",
    "icloud",
    "mobile documents",
    "box",
    "box sync",
    "nextcloud",
    "owncloud",
    "syncthing",
    "megasync",
}

MESSAGE = (
    "The database folder {folder} is {why}. A database file there can be damaged when two "
    "computers use it. Keep the data folder on this computer's own disk, or, so that several "
    "workstations share one patient list, use the clinic server (--database "
    "postgresql+psycopg://...)."
)


def _linux_file_system(path: Path) -> str | None:
    """The type of the mount that holds `path`, from /proc/self/mountinfo."""
    try:
        lines = Path("/proc/self/mountinfo").read_text().splitlines()
    except OSError:
        return None
    best, best_type = "", None
    resolved = str(path.resolve())
    for line in lines:
        fields = line.split(" - ")
        if len(fields) != 2:
            continue
        mount_point = fields[0].split()[4].replace("\\040", " ")
        fs_type = fields[1].split()[0]
        inside = resolved == mount_point or resolved.startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) >= len(best):
            best, best_type = mount_point, fs_type
    return best_type


def unsafe_location(folder: Path, file_system: str | None = None) -> str | None:
    """A message for the clinician when `folder` is no place for the database, else None."""
    for part in folder.resolve().parts:
        if part.casefold() in SYNC_FOLDER_NAMES or part.casefold().startswith("onedrive"):
            return MESSAGE.format(folder=folder, why=f"inside a synced folder ({part})")
    if str(folder).startswith(("\\\\", "//")):
        return MESSAGE.format(folder=folder, why="on a network share")
    if file_system is None and sys.platform.startswith("linux"):
        file_system = _linux_file_system(folder)
    if file_system is not None:
        kind = file_system.split(".")[0]
        if kind in NETWORK_FILE_SYSTEMS or file_system.startswith("fuse."):
            return MESSAGE.format(
                folder=folder, why=f"on a network or FUSE file system ({file_system})"
            )
    return None
