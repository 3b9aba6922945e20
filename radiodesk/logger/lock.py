"""One logger per station: an exclusive lock on ``archive/logger/.lock``, held for life."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import IO

from radiodesk.errors import Conflict
from radiodesk.i18n import _


class LoggerLock:
    """``with LoggerLock(folder):`` — or Conflict, naming the process that holds it."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / ".lock"
        self.handle: IO[str] | None = None

    def __enter__(self) -> LoggerLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = self.path.open("a+", encoding="ascii")
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "?"
            handle.close()
            raise Conflict(
                _("Another logger is already recording this station (process {pid}).").format(
                    pid=holder
                )
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self.handle = handle
        return self

    def __exit__(self, *exc: object) -> None:
        if self.handle is not None:
            self.handle.close()  # closing releases the lock
            self.handle = None
