"""What the schedule hands to the shells: plain, frozen views of airings and their history.

Dates and times typed by an operator are read by :mod:`radiodesk.timeinput`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from radiodesk.errors import InputError, NotFound
from radiodesk.i18n import _, format_date, format_time, zone_abbreviation
from radiodesk.limits import MAX_REASON, refuse_too_long
from radiodesk.models import Broadcast, BroadcastChange, BroadcastStatus, ChangeAction


@dataclass(frozen=True)
class Airing:
    """One broadcast as the desk shows it. Instants are UTC; durations are in minutes."""

    id: int
    show_slug: str
    show_title: str
    title: str
    planned_start: datetime
    planned_end: datetime
    actual_start: datetime | None
    actual_end: datetime | None
    status: BroadcastStatus
    special: bool
    moved: bool
    slot_id: int | None
    occurrence: datetime | None
    topic: str

    @property
    def planned_minutes(self) -> float:
        return (self.planned_end - self.planned_start).total_seconds() / 60

    @property
    def aired_minutes(self) -> float | None:
        if self.actual_start is None or self.actual_end is None:
            return None
        return (self.actual_end - self.actual_start).total_seconds() / 60


@dataclass(frozen=True)
class Change:
    """One line of a broadcast's history (instants UTC)."""

    at: datetime
    action: ChangeAction
    reason: str
    author: str
    old_start: datetime | None
    old_end: datetime | None
    new_start: datetime | None
    new_end: datetime | None
    old_status: BroadcastStatus | None
    new_status: BroadcastStatus | None


def span_text(start: datetime, end: datetime, zone: str) -> str:
    """ "Friday, 27 November 2026 11:00–11:45 WITA": an airing's planned time for people."""
    return _("{day} {start}–{end} {zone}").format(
        day=format_date(start.astimezone(ZoneInfo(zone)).date()),
        start=format_time(start, zone),
        end=format_time(end, zone),
        zone=zone_abbreviation(zone, start),
    )


def airing_of(broadcast: Broadcast) -> Airing:
    """The frozen view of a broadcast row (its show must be loadable)."""
    show = broadcast.show
    return Airing(
        id=broadcast.id,
        show_slug=show.slug,
        show_title=show.title,
        title=broadcast.title or show.title,
        planned_start=broadcast.planned_start,
        planned_end=broadcast.planned_end,
        actual_start=broadcast.actual_start,
        actual_end=broadcast.actual_end,
        status=broadcast.status,
        special=broadcast.special,
        moved=broadcast.moved,
        slot_id=broadcast.slot_id,
        occurrence=broadcast.occurrence,
        topic=broadcast.topic,
    )


def get_broadcast(session: Session, broadcast_id: int) -> Broadcast:
    """The broadcast row with this id, or NotFound naming it."""
    broadcast = session.get(Broadcast, broadcast_id)
    if broadcast is None:
        raise NotFound(_("There is no broadcast {id}.").format(id=broadcast_id))
    return broadcast


def broadcast_summary(session: Session, broadcast_id: int) -> Airing:
    """The airing with this id (NotFound when there is none)."""
    return airing_of(get_broadcast(session, broadcast_id))


def broadcast_history(session: Session, broadcast_id: int) -> tuple[Change, ...]:
    """Every recorded change of a broadcast, oldest first."""
    get_broadcast(session, broadcast_id)
    rows = session.scalars(
        select(BroadcastChange)
        .where(BroadcastChange.broadcast_id == broadcast_id)
        .order_by(BroadcastChange.at, BroadcastChange.seq, BroadcastChange.id)
    )
    return tuple(
        Change(
            at=c.at,
            action=c.action,
            reason=c.reason,
            author=c.author,
            old_start=c.old_start,
            old_end=c.old_end,
            new_start=c.new_start,
            new_end=c.new_end,
            old_status=c.old_status,
            new_status=c.new_status,
        )
        for c in rows
    )


def record_change(
    session: Session,
    broadcast: Broadcast,
    action: ChangeAction,
    at: datetime,
    *,
    reason: str = "",
    author: str = "",
    old_start: datetime | None = None,
    old_end: datetime | None = None,
    old_status: BroadcastStatus | None = None,
) -> None:
    """Append a history line to ``broadcast``; the new values are read from the row itself.

    Every reason for a change to the grid is kept here, so its length is checked here."""
    refuse_too_long(_("reason"), reason, MAX_REASON)
    seq = len(broadcast.changes) + 1 if broadcast.id is not None else 1
    broadcast.changes.append(
        BroadcastChange(
            at=at,
            action=action,
            reason=reason,
            author=author[:100],
            old_start=old_start,
            old_end=old_end,
            new_start=broadcast.planned_start,
            new_end=broadcast.planned_end,
            old_status=old_status,
            new_status=broadcast.status,
            seq=seq,
        )
    )


def check_reason(reason: str | None) -> str:
    """A reason is required for every change an operator makes to the grid."""
    text = (reason or "").strip()
    if not text:
        raise InputError(_("reason: say why (it is kept in the broadcast's history)"))
    return text


def check_duration(minutes: int) -> int:
    """Minutes of air time: more than 0 and at most 24 hours."""
    if not 0 < minutes <= 24 * 60:
        raise InputError(
            _(
                "duration: expected minutes, more than 0 and at most 24 hours (1440), got {n}"
            ).format(n=minutes)
        )
    return minutes
