"""Which broadcast a recording belongs to, from when it started.

The start is taken from, in order: the file name (:mod:`radiodesk.archive.naming`), the tags
(:func:`radiodesk.archive.tags.start_from_tags`), the file's modification time (when the
recorder stopped writing, so its length is taken off). Times that cannot be right — before
1990, or after now — are set aside.

A recording fits a broadcast when it started within [start − 10 min, end] of it (actual
times where the as-run log has them, else planned). Exactly one non-cancelled broadcast must
fit; none or several leave the recording unlinked, for the operator to link.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from radiodesk.archive.naming import start_from_name
from radiodesk.archive.tags import start_from_tags
from radiodesk.errors import InputError, NotFound
from radiodesk.i18n import _
from radiodesk.models import Broadcast, BroadcastStatus

EARLY_START = timedelta(minutes=10)
EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)
SOURCES = ("broadcast", "name", "tag", "mtime")


@dataclass(frozen=True)
class StartTime:
    """When a recording started (UTC), where that was read, and what was set aside."""

    moment: datetime
    source: str
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class BroadcastRef:
    """A broadcast as the archive needs it: its show's rendition settings included."""

    id: int
    show_id: int
    show_slug: str
    show_title: str
    title: str
    topic: str
    start: datetime
    end: datetime
    status: BroadcastStatus
    podcast: bool
    audio_channels: int


@dataclass(frozen=True)
class Match:
    """The one broadcast a recording fits, or None with the ones that fit (several, or none)."""

    broadcast: BroadcastRef | None
    candidates: tuple[BroadcastRef, ...] = ()


def plausible(moment: datetime, now: datetime) -> bool:
    return EARLIEST <= moment <= now + timedelta(minutes=5)


def recording_start(
    path: Path, zone: ZoneInfo, now: datetime, length: float | None = None
) -> StartTime:
    """When the recording at ``path`` started: from its name, its tags, or its mtime."""
    notes: list[str] = []
    named = start_from_name(path.name, zone)
    if named is not None:
        if plausible(named.start, now):
            return StartTime(named.start, "name")
        notes.append(_("the time in the file name is impossible; ignored"))
    tagged = start_from_tags(path, zone)
    if tagged is not None:
        if plausible(tagged, now):
            return StartTime(tagged, "tag", tuple(notes))
        notes.append(_("the date in the tags is impossible; ignored"))
    modified = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    # The recorder stops writing at the end: the start is its length earlier.
    start = modified - timedelta(seconds=length or 0)
    return StartTime(start, "mtime", tuple(notes))


def _ref(broadcast: Broadcast) -> BroadcastRef:
    show = broadcast.show
    return BroadcastRef(
        id=broadcast.id,
        show_id=show.id,
        show_slug=show.slug,
        show_title=show.title,
        title=broadcast.title or show.title,
        topic=broadcast.topic,
        start=broadcast.actual_start or broadcast.planned_start,
        end=broadcast.actual_end or broadcast.planned_end,
        status=broadcast.status,
        podcast=show.podcast,
        audio_channels=show.audio_channels,
    )


def broadcast_ref(session: Session, broadcast_id: int) -> BroadcastRef:
    """The broadcast ``broadcast_id``; NotFound, or InputError when it was cancelled."""
    broadcast = session.get(Broadcast, broadcast_id)
    if broadcast is None:
        raise NotFound(_("There is no broadcast {id}.").format(id=broadcast_id))
    if broadcast.status == BroadcastStatus.CANCELLED:
        raise InputError(
            _("Broadcast {id} was cancelled; a recording cannot belong to it.").format(
                id=broadcast_id
            )
        )
    return _ref(broadcast)


def fitting_broadcasts(session: Session, moment: datetime) -> list[BroadcastRef]:
    """Every non-cancelled broadcast that a recording started at ``moment`` fits."""
    # Generous bounds in SQL (no interval arithmetic, same on SQLite and PostgreSQL); the
    # exact window is checked below with actual times where known.
    rows = session.scalars(
        select(Broadcast)
        .where(
            Broadcast.status != BroadcastStatus.CANCELLED,
            Broadcast.planned_start <= moment + timedelta(days=1),
            Broadcast.planned_end >= moment - timedelta(days=1),
        )
        .order_by(Broadcast.planned_start, Broadcast.id)
    ).all()
    refs = [_ref(b) for b in rows]
    return [r for r in refs if r.start - EARLY_START <= moment <= r.end]


def match_broadcast(session: Session, moment: datetime) -> Match:
    """The broadcast a recording started at ``moment`` belongs to, if exactly one fits."""
    fits = fitting_broadcasts(session, moment)
    if len(fits) == 1:
        return Match(fits[0])
    return Match(None, tuple(fits))


def nearest_broadcasts(session: Session, moment: datetime, limit: int = 3) -> list[BroadcastRef]:
    """The non-cancelled broadcasts closest in time to ``moment`` (suggestions for linking)."""
    rows = session.scalars(
        select(Broadcast)
        .where(
            Broadcast.status != BroadcastStatus.CANCELLED,
            Broadcast.planned_start <= moment + timedelta(hours=12),
            Broadcast.planned_end >= moment - timedelta(hours=12),
        )
        .order_by(Broadcast.planned_start)
    ).all()
    refs = [_ref(b) for b in rows]
    refs.sort(key=lambda r: abs((r.start - moment).total_seconds()))
    return refs[:limit]
