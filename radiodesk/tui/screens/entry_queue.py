"""The live log's entries between Enter and their commit: kept in order, one saved at a time.

Every Enter (or F7, or a listener's form, or each line of a paste) becomes exactly one
entry here at once; the screen saves them one after the other, so a fast typist never has
an entry refused or merged while the one before it is still being written. A failed save
stops the queue with every entry still in it; the operator's next Enter starts it again.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from radiodesk.interviews import new_client_id

if TYPE_CHECKING:
    from radiodesk.tui.dialogs.listener import ListenerCall


@dataclass(frozen=True)
class PendingEntry:
    """An entry as the operator gave it: text, kind, the instant of the key (UTC), and for a
    listener's call what the form held; ``client_id`` is made once, here, and sent with every
    try, so a save retried after a commit that was not answered is not stored twice."""

    text: str
    kind: str
    at: datetime
    call: ListenerCall | None = None
    client_id: str = field(default_factory=new_client_id)


@dataclass(frozen=True)
class QueuedEntry:
    """A pending entry bound to the broadcast that was current when it was typed."""

    entry: PendingEntry
    broadcast_id: int


class EntryQueue:
    """First in, first saved; at most one save in flight; stopped after a failure."""

    def __init__(self) -> None:
        self._waiting: deque[QueuedEntry] = deque()
        self._saving = False
        self._stopped = False

    @property
    def waiting(self) -> list[QueuedEntry]:
        """Every entry not committed yet, the one being saved first."""
        return list(self._waiting)

    def add(self, entry: PendingEntry, broadcast_id: int) -> None:
        self._waiting.append(QueuedEntry(entry, broadcast_id))
        # A new Enter after a failure is the operator saying "try again".
        self._stopped = False

    def resume(self) -> None:
        self._stopped = False

    def next(self) -> QueuedEntry | None:
        """The entry to save now, or None (one is in flight, none waits, or stopped)."""
        if self._saving or self._stopped or not self._waiting:
            return None
        self._saving = True
        return self._waiting[0]

    def saved(self) -> None:
        """The entry in flight was committed."""
        self._waiting.popleft()
        self._saving = False

    def failed(self) -> None:
        """The entry in flight was not saved: it stays first; the queue stops."""
        self._saving = False
        self._stopped = True

    def take_back(self) -> PendingEntry:
        """Remove the oldest waiting entry (to put its text back in the line)."""
        return self._waiting.popleft().entry
