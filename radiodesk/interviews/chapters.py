"""Chapters of a recording, made from the segment entries of its broadcast's live log.

One function for everyone: the archive writes them as ID3 CHAP/CTOC frames, publishing as
Podcasting 2.0 JSON chapters.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from radiodesk.models import LogEntry, LogKind


@dataclass(frozen=True)
class Chapter:
    """A chapter: ``start`` and ``end`` in seconds from the start of the recording."""

    start: float
    end: float
    title: str


def chapters_for(
    session: Session,
    broadcast_id: int,
    recording_start: datetime,
    duration: float,
    offset: float = 0.0,
) -> list[Chapter]:
    """The chapters of a recording of ``duration`` seconds that began at ``recording_start``.

    ``offset`` (seconds) shifts the window for a clip cut from a longer recording: a clip from
    00:12:30 passes ``offset=750``. Segments that start before the window open the first
    chapter at 0 (the segment was already running); segments after its end are left out.
    Each chapter ends where the next begins, the last at ``duration``.
    """
    entries = session.scalars(
        select(LogEntry)
        .where(
            LogEntry.broadcast_id == broadcast_id,
            LogEntry.kind == LogKind.SEGMENT,
            LogEntry.deleted.is_(False),
        )
        .order_by(LogEntry.at, LogEntry.id)
    ).all()
    starts: list[tuple[float, str]] = []
    for entry in entries:
        at = (entry.at - recording_start).total_seconds() - offset
        if at >= duration:
            break
        title = " ".join(entry.text.split())
        if at <= 0:
            # A segment already running when the recording (or clip) starts opens it.
            starts = [(0.0, title)]
        elif starts and abs(starts[-1][0] - at) < 1e-6:
            starts[-1] = (at, title)
        else:
            starts.append((at, title))
    return [
        Chapter(
            start=round(start, 3),
            end=round(starts[i + 1][0] if i + 1 < len(starts) else duration, 3),
            title=title,
        )
        for i, (start, title) in enumerate(starts)
    ]
