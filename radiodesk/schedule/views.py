"""What the schedule hands to the shells: plain, frozen views of airings and their history,
and the parsing of dates and times typed by an operator (read in the station's zone)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from radiodesk.errors import InputError, NotFound
from radiodesk.i18n import _, format_date, format_time, zone_abbreviation
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
    """Append a history line to ``broadcast``; the new values are read from the row itself."""
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


def local_to_utc(local: datetime, zone: ZoneInfo) -> datetime:
    """A wall-clock time of ``zone`` (naive) as a UTC instant.

    As RFC 5545 says for DATE-TIME with TZID: a time that occurs twice (clocks go back) is
    the first of the two; a time that does not exist (clocks go forward) is read with the
    offset before the gap, so 02:30 on a spring-forward night becomes 03:30 summer time.
    """
    return local.replace(tzinfo=zone, fold=0).astimezone(UTC)


def parse_local_datetime(text: str, zone: ZoneInfo, what: str = "time") -> datetime:
    """An instant typed by an operator ("2026-11-30 10:00", station time) as UTC.

    An offset (``+08:00`` or ``Z``) in the text is honoured. A wall-clock time that does
    not exist in the station's zone (the hour skipped when clocks go forward) is refused.
    """
    value = text.strip()
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise InputError(
            _(
                "{what}: '{value}' is not a date and time; expected e.g. 2026-11-30 10:00 "
                "(station time)"
            ).format(what=what, value=text)
        ) from None
    if moment.tzinfo is not None:
        return moment.astimezone(UTC)
    instant = local_to_utc(moment, zone)
    if instant.astimezone(zone).replace(tzinfo=None) != moment:
        raise InputError(
            _("{what}: {value} does not exist in {zone} (the clocks skip that hour)").format(
                what=what, value=text, zone=zone.key
            )
        )
    return instant


def parse_day(text: str, what: str = "date") -> date:
    """A calendar date typed as 2026-11-30."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(
            _("{what}: '{value}' is not a date; expected e.g. 2026-11-30").format(
                what=what, value=text
            )
        ) from None


def parse_month(text: str) -> date:
    """A month typed as 2026-11; returns its first day."""
    try:
        year, month = text.strip().split("-")
        return date(int(year), int(month), 1)
    except ValueError:
        raise InputError(
            _("month: '{value}' is not a month; expected YYYY-MM, e.g. 2026-11").format(value=text)
        ) from None


def month_instants(month: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The first instant of ``month`` in ``zone`` and of the month after, both UTC."""
    first = date(month.year, month.month, 1)
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return (
        local_to_utc(datetime.combine(first, datetime.min.time()), zone),
        local_to_utc(datetime.combine(following, datetime.min.time()), zone),
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
