"""The history of a live-log entry: every earlier state, with who changed it and when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from radiodesk.interviews.livelog import LogLine, load_entry, log_line, was_edited
from radiodesk.models import FollowupStatus, LogEntry, LogKind, RevisionAction


@dataclass(frozen=True)
class RevisionLine:
    """An earlier state of an entry: what it was before ``author`` did ``action`` at ``at``."""

    at: datetime
    author: str
    action: RevisionAction
    old_text: str
    old_kind: LogKind
    old_at: datetime
    old_followup_status: FollowupStatus | None


@dataclass(frozen=True)
class EntryHistory:
    """An entry as it is now, and every earlier state, oldest first."""

    entry: LogLine
    revisions: tuple[RevisionLine, ...]


def entry_history(session: Session, entry_id: int) -> EntryHistory:
    """An entry now and every earlier state, oldest first."""
    entry = load_entry(session, entry_id)
    return EntryHistory(
        entry=log_line(entry, edited=was_edited(entry)), revisions=revision_lines(entry)
    )


def revision_lines(entry: LogEntry) -> tuple[RevisionLine, ...]:
    """Every earlier state of ``entry``, oldest first."""
    return tuple(
        RevisionLine(
            at=r.at,
            author=r.author,
            action=r.action,
            old_text=r.old_text,
            old_kind=r.old_kind,
            old_at=r.old_at,
            old_followup_status=r.old_followup_status,
        )
        for r in sorted(entry.revisions, key=lambda r: (r.at, r.id))
    )
