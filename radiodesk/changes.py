"""Has anything been committed to the station's database since the last look?

Open desks ask this a few times a second so that an entry logged from the CLI, another
desk, the logger or a publish shows everywhere within moments. Both answers are cheap and
need nothing from the writers:

- SQLite: ``PRAGMA data_version`` on a connection of its own changes whenever another
  connection (any process) commits a change to the file.
- PostgreSQL: the text of ``pg_current_snapshot()`` changes whenever a transaction that
  wrote anything commits (the set of running writers, or the next transaction id, moves).
  It counts writes to every database of the server, so another database's traffic only
  makes a desk read again for nothing; no commit is ever missed.
"""

from __future__ import annotations

import contextlib
from typing import Any

from radiodesk import db
from radiodesk.config import Settings

_STAMPS = {
    "sqlite": "PRAGMA data_version",
    "postgresql": "SELECT pg_current_snapshot()::text",
}


class ChangeWatch:
    """Tells whether something was committed since the previous :meth:`changed`.

    Holds one connection of its own (made on first use, made again after an error); use it
    from one thread. Close it with :meth:`close`.
    """

    def __init__(self, settings: Settings) -> None:
        self._engine = db.engine_for(settings)
        self._query = _STAMPS[self._engine.dialect.name]
        self._connection: Any = None
        self._last: object = None

    def _stamp(self) -> object:
        if self._connection is None:
            self._connection = self._engine.raw_connection()
        cursor = self._connection.cursor()
        try:
            cursor.execute(self._query)
            row = cursor.fetchone()
        finally:
            cursor.close()
        # No transaction left open between two looks (PostgreSQL would hold a snapshot).
        self._connection.commit()
        return row[0] if row else None

    def changed(self) -> bool:
        """True when a commit happened since the last call (False on the first call, and
        while the database cannot be reached: the desk's own reads report that)."""
        try:
            stamp = self._stamp()
        except Exception:  # SQLAlchemy's, the driver's own, the network's
            self.close()
            return False
        last, self._last = self._last, stamp
        return last is not None and stamp != last

    def close(self) -> None:
        if self._connection is not None:
            # Already broken: nothing to give back.
            with contextlib.suppress(Exception):
                self._connection.close()
            self._connection = None
