"""Retention, hand-over and access class.

Broadcast material is kept at least ``station.retention_days`` (365 by default; the settings
refuse less: UU 32/2002 Pasal 45, PP 50/2005 Pasal 20). A recording's age counts from when it
aired or, if later, when it was archived — so a wrong date on a file can never make it
prunable early. A recording of a broadcast marked for hand-over to the regional archive is
never pruned. The period is counted in calendar years as well as days
(:func:`retention_cutoff`): 365 days across a 29 February are one day short of a year.

The air logger's segments fall under the same period, counted from their last sample; a
segment is kept as long as any archived recording of the air it holds (a broadcast cut from
it) is kept. The age test is made again inside :func:`prune`, the one function here that
deletes: nothing younger can be removed through radiodesk.

Each broadcast also carries an access class for the station's information officer (PPID,
UU 14/2008): ``open`` (public information) or ``exempt`` (excluded under Pasal 17).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from radiodesk import db
from radiodesk.archive.queries import BroadcastSummary, broadcast_summary
from radiodesk.archive.render import recording_title
from radiodesk.config import Settings
from radiodesk.errors import InputError, NotFound
from radiodesk.i18n import _
from radiodesk.models import (
    AccessClass,
    Broadcast,
    LoggerSegment,
    Recording,
    Rendition,
    Transcript,
)


@dataclass(frozen=True)
class PruneItem:
    """A recording the policy allows to remove. ``age_days`` counts from the later of its
    air time and its archiving; ``size`` is the bytes freed (master and renditions)."""

    recording_id: int
    title: str
    stored_path: str
    recorded_start: datetime | None
    age_days: int
    size: int
    broadcast_id: int | None


@dataclass(frozen=True)
class SegmentPruneItem:
    """A segment of the air logger the policy allows to remove; ``age_days`` counts from
    its last sample (or its writing, if later); ``size`` in bytes."""

    segment_id: int
    path: str
    start: datetime
    age_days: int
    size: int


@dataclass(frozen=True)
class PruneReport:
    """What may be (or, with ``removed``, was) pruned; ``kept_for_handover`` counts old
    recordings kept because their broadcast goes to the regional archive; ``segments`` are
    the air logger's."""

    retention_days: int
    items: tuple[PruneItem, ...]
    kept_for_handover: int
    removed: bool
    segments: tuple[SegmentPruneItem, ...] = ()

    @property
    def size(self) -> int:
        return sum(item.size for item in self.items) + sum(s.size for s in self.segments)


def retention_cutoff(now: datetime, days: int) -> datetime:
    """The instant (UTC) before which material may go, ``days`` of retention as of ``now``:
    ``days`` back, and no later than as many calendar years back as it holds whole 365 days
    (a year that crosses 29 February has 366 days; 29 February goes back to 28 February)."""
    years, rest = divmod(days, 365)
    try:
        back = now.replace(year=now.year - years)
    except ValueError:  # 29 February, to a year without one
        back = now.replace(year=now.year - years, day=28)
    return min(back - timedelta(days=rest), now - timedelta(days=days))


def _age_start(row: Recording) -> datetime:
    aired = row.recorded_start or row.ingested_at
    return max(aired, row.ingested_at)


def _old_enough(row: Recording, now: datetime, days: int) -> bool:
    return _age_start(row) < retention_cutoff(now, days)


def _segment_age_start(row: LoggerSegment) -> datetime:
    return max(row.start + timedelta(seconds=row.duration), row.created_at)


def _segments_plan(
    session: Session, now: datetime, days: int, doomed: set[int]
) -> list[LoggerSegment]:
    """Finished segments past the period that hold no air of a recording that is kept
    (one not in ``doomed``, the recordings pruned with them)."""
    cutoff = retention_cutoff(now, days)
    rows = session.scalars(
        select(LoggerSegment)
        .where(LoggerSegment.complete.is_(True), LoggerSegment.start < cutoff)
        .order_by(LoggerSegment.start)
    ).all()
    rows = [r for r in rows if _segment_age_start(r) < cutoff]
    if not rows:
        return []
    last_end = max(_segment_age_start(r) for r in rows)
    kept = [
        (r.recorded_start, r.recorded_start + timedelta(seconds=r.duration or 0.0))
        for r in session.scalars(
            select(Recording).where(
                Recording.recorded_start.is_not(None), Recording.recorded_start < last_end
            )
        )
        if r.id not in doomed and r.recorded_start is not None
    ]
    return [
        row
        for row in rows
        if not any(
            start < row.start + timedelta(seconds=row.duration) and end > row.start
            for start, end in kept
        )
    ]


def _segment_item(row: LoggerSegment, now: datetime) -> SegmentPruneItem:
    return SegmentPruneItem(
        row.id, row.path, row.start, (now - _segment_age_start(row)).days, row.size
    )


def _plan(session: Session, settings: Settings, now: datetime) -> tuple[list[Recording], int]:
    days = settings.station.retention_days
    # recorded_start or ingested_at is older than the cutoff for every prunable row.
    cutoff = retention_cutoff(now, days)
    rows = session.scalars(
        select(Recording).where(Recording.ingested_at < cutoff).order_by(Recording.id)
    ).all()
    chosen: list[Recording] = []
    kept = 0
    for row in rows:
        if not _old_enough(row, now, days):
            continue
        if row.broadcast is not None and row.broadcast.handover:
            kept += 1
            continue
        chosen.append(row)
    return chosen, kept


def _item(session: Session, settings: Settings, row: Recording, now: datetime) -> PruneItem:
    renditions = session.scalars(select(Rendition).where(Rendition.recording_id == row.id)).all()
    return PruneItem(
        recording_id=row.id,
        title=recording_title(row, settings.zone),
        stored_path=row.stored_path,
        recorded_start=row.recorded_start,
        age_days=(now - _age_start(row)).days,
        size=row.size + sum(r.size for r in renditions),
        broadcast_id=row.broadcast_id,
    )


def prune_plan(session: Session, settings: Settings, now: datetime) -> PruneReport:
    """What :func:`prune` would remove now; removes nothing."""
    rows, kept = _plan(session, settings, now)
    days = settings.station.retention_days
    segments = _segments_plan(session, now, days, {r.id for r in rows})
    return PruneReport(
        days,
        tuple(_item(session, settings, r, now) for r in rows),
        kept,
        removed=False,
        segments=tuple(_segment_item(r, now) for r in segments),
    )


def prune(settings: Settings, now: datetime) -> PruneReport:
    """Remove what the retention policy allows: rows first (one unit of work), then files.

    A crash between the two leaves files without rows, never rows without files.
    """
    files: list[str] = []
    with db.unit_of_work(settings) as session:
        rows, kept = _plan(session, settings, now)
        items = [_item(session, settings, r, now) for r in rows]
        doomed = {r.id for r in rows}
        days = settings.station.retention_days
        segments = _segments_plan(session, now, days, doomed)
        segment_items = [_segment_item(r, now) for r in segments]
        for segment in segments:
            if not _segment_age_start(segment) < retention_cutoff(now, days):
                raise InputError(
                    _("Logger segment {path} is too young to be removed.").format(path=segment.path)
                )
            files.append(segment.path)
            session.delete(segment)
        # Their automatic transcripts (the rows go with the recordings').
        auto_paths = {
            recording_id: path
            for recording_id, path in session.execute(
                select(Transcript.recording_id, Transcript.path).where(
                    Transcript.recording_id.in_(doomed)
                )
            )
        }
        for row in rows:
            # The policy, once more, right where the deleting happens.
            if not _old_enough(row, now, settings.station.retention_days):
                raise InputError(_("Recording {id} is too young to be removed.").format(id=row.id))
            if row.broadcast is not None and row.broadcast.handover:
                raise InputError(_("Recording {id} is kept for hand-over.").format(id=row.id))
            # A younger clip of it stays, as a recording of its own.
            for clip in session.scalars(select(Recording).where(Recording.parent_id == row.id)):
                if clip.id not in doomed:
                    clip.parent_id = None
            files.append(row.stored_path)
            files.extend(r.stored_path for r in row.renditions)
            if row.transcript_path:
                files.append(row.transcript_path)
            auto = auto_paths.get(row.id)
            if auto and auto != row.transcript_path:
                files.append(auto)
        session.flush()
        for row in sorted(rows, key=lambda r: r.parent_id is None):
            session.delete(row)
            session.flush()
    for rel in files:
        (settings.archive_dir / rel).unlink(missing_ok=True)
    return PruneReport(
        settings.station.retention_days,
        tuple(items),
        kept,
        removed=True,
        segments=tuple(segment_items),
    )


def _broadcast(session: Session, broadcast_id: int) -> Broadcast:
    broadcast = session.get(Broadcast, broadcast_id)
    if broadcast is None:
        raise NotFound(_("There is no broadcast {id}.").format(id=broadcast_id))
    return broadcast


def set_handover(session: Session, broadcast_id: int, handover: bool) -> BroadcastSummary:
    """Mark (or unmark) a broadcast for hand-over to the regional archive."""
    broadcast = _broadcast(session, broadcast_id)
    broadcast.handover = handover
    session.flush()
    return broadcast_summary(broadcast)


def set_access(session: Session, broadcast_id: int, access_class: str) -> BroadcastSummary:
    """Set a broadcast's access class: ``open`` or ``exempt``."""
    try:
        value = AccessClass(access_class)
    except ValueError:
        raise InputError(
            _("Unknown access class '{value}'; expected one of {choices}.").format(
                value=access_class, choices=", ".join(AccessClass)
            )
        ) from None
    broadcast = _broadcast(session, broadcast_id)
    broadcast.access_class = value
    session.flush()
    return broadcast_summary(broadcast)
