"""A station's private files: the database (and its WAL), the error log, and ``archive/``.

They hold guests' private contacts and callers' names, so they are created readable by their
owner only: files 0600, folders 0700. A station where several accounts share the desk names
a ``shared_group`` in radiodesk.toml; then that group may read and write them too (files
0660, folders 02770, so that what is made inside a folder keeps its group). The modes are
set explicitly, whatever the umask of the process that creates them.
"""

from __future__ import annotations

import grp
import os
from dataclasses import dataclass
from pathlib import Path

from radiodesk.errors import RadiodeskError
from radiodesk.i18n import _


@dataclass(frozen=True)
class Sharing:
    """Who may read a station's private files: the owner, or also ``group`` (a group name)."""

    group: str = ""

    @property
    def file_mode(self) -> int:
        return 0o660 if self.group else 0o600

    @property
    def folder_mode(self) -> int:
        return 0o2770 if self.group else 0o700

    def gid(self) -> int | None:
        """The shared group's id, or None when the files are the owner's alone."""
        if not self.group:
            return None
        try:
            return grp.getgrnam(self.group).gr_gid
        except KeyError:
            raise RadiodeskError(
                _("There is no group '{group}' on this machine (shared_group).").format(
                    group=self.group
                )
            ) from None


OWNER_ONLY = Sharing()


def _cannot(path: Path, err: OSError) -> RadiodeskError:
    return RadiodeskError(
        _("{path}: cannot be made private: {reason}").format(path=path, reason=err.strerror)
    )


def restrict(path: Path, sharing: Sharing = OWNER_ONLY) -> None:
    """Give an existing file or folder its private mode (and the shared group, if any)."""
    mode = sharing.folder_mode if path.is_dir() else sharing.file_mode
    gid = sharing.gid()
    try:
        if gid is not None:
            os.chown(path, -1, gid)
        os.chmod(path, mode)
    except OSError as err:
        raise _cannot(path, err) from None


def private_folder(path: Path, sharing: Sharing = OWNER_ONLY) -> Path:
    """Create the folder ``path`` (and its parents) if missing; a new one is made private."""
    if not path.is_dir():
        path.mkdir(parents=True, exist_ok=True)
        restrict(path, sharing)
    return path


def create_private_file(path: Path, sharing: Sharing = OWNER_ONLY) -> bool:
    """Create the empty file ``path`` with its private mode; False if it already exists."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, sharing.file_mode)
    except FileExistsError:
        return False
    try:
        gid = sharing.gid()
        if gid is not None:
            os.fchown(fd, -1, gid)
        os.fchmod(fd, sharing.file_mode)
    except OSError as err:
        raise _cannot(path, err) from None
    finally:
        os.close(fd)
    return True
