"""Slots into airings: the recurrence of each slot (python-dateutil's rrule) and the rolling
plan of broadcast rows over a horizon.

A slot's times are wall-clock times of the station's zone; an airing is stored as UTC
instants. Its ``occurrence`` is the slot's own start for that airing and never changes, so
planning twice leaves the same rows. A slot's duration is air time: elapsed minutes, also
on a night when the clocks change.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil import rrule as rr
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from radiodesk.config import Settings
from radiodesk.errors import InputError
from radiodesk.i18n import _
from radiodesk.models import (
    Appearance,
    Broadcast,
    BroadcastStatus,
    ChangeAction,
    LogEntry,
    Recording,
    Slot,
)
from radiodesk.schedule.views import record_change
from radiodesk.timeinput import local_to_utc

DEFAULT_WEEKS = 8
MAX_WEEKS = 104
_WEEKDAYS = {
    "MO": rr.MO,
    "TU": rr.TU,
    "WE": rr.WE,
    "TH": rr.TH,
    "FR": rr.FR,
    "SA": rr.SA,
    "SU": rr.SU,
}
# An airing lasts at most 24 hours, so one that overlaps a window starts at most a day
# before it; searching a day further on each side also absorbs any UTC offset.
_REACH = timedelta(days=2)


@dataclass(frozen=True)
class SlotRule:
    """A slot's recurrence, independent of the database (see ``shows.py`` for the fields)."""

    weekdays: tuple[str, ...]
    start_time: time
    duration_minutes: int
    valid_from: date
    valid_until: date | None = None
    interval: int = 1
    monthly_nth: int | None = None


@dataclass(frozen=True)
class PlanReport:
    """What one planning run did. ``protected`` counts rows left alone (started, aired,
    cancelled, moved, or carrying log entries, appearances or recordings)."""

    since: datetime
    until: datetime
    slots: int
    created: int
    updated: int
    removed: int
    protected: int


def rule_of(slot: Slot) -> SlotRule:
    """The recurrence of a slot row."""
    return SlotRule(
        weekdays=tuple(d for d in slot.weekdays.split(",") if d),
        start_time=slot.start_time,
        duration_minutes=slot.duration_minutes,
        valid_from=slot.valid_from,
        valid_until=slot.valid_until,
        interval=slot.interval or 1,
        monthly_nth=slot.monthly_nth,
    )


def recurrence(rule: SlotRule, first: date | None = None) -> rr.rrule:
    """The rrule of the slot's local start times (naive, station time).

    ``first`` starts the rule later than ``valid_from`` (it need not be an airing day): for
    a fortnightly slot it is moved back to the Monday of a week the slot airs, so that the
    week count stays that of ``valid_from``.
    """
    begin = rule.valid_from
    if first is not None and first > begin:
        if rule.monthly_nth is None and rule.interval > 1:
            week0 = begin - timedelta(days=begin.weekday())
            weeks = (first - week0).days // 7
            first = week0 + timedelta(weeks=weeks - weeks % rule.interval)
        begin = max(begin, first)
    start = datetime.combine(begin, rule.start_time)
    until = datetime.combine(rule.valid_until, rule.start_time) if rule.valid_until else None
    if rule.monthly_nth is not None:
        days = [_WEEKDAYS[d](rule.monthly_nth) for d in rule.weekdays]
        return rr.rrule(rr.MONTHLY, dtstart=start, byweekday=days, until=until, wkst=rr.MO)
    return rr.rrule(
        rr.WEEKLY,
        dtstart=start,
        interval=rule.interval,
        byweekday=[_WEEKDAYS[d] for d in rule.weekdays],
        until=until,
        wkst=rr.MO,
    )


def occurrences(
    rule: SlotRule, zone: ZoneInfo, start: datetime, end: datetime
) -> list[tuple[datetime, datetime]]:
    """The airings of ``rule`` that overlap ``[start, end)``: (start, end) pairs in UTC."""
    air = timedelta(minutes=rule.duration_minutes)
    local_from = start.astimezone(zone).replace(tzinfo=None) - _REACH
    local_to = end.astimezone(zone).replace(tzinfo=None) + _REACH
    found = []
    # Start the rule near the window: iterating from a valid_from years ago costs time.
    series = recurrence(rule, local_from.date())
    for local in series.between(local_from, local_to, inc=True):
        begin = local_to_utc(local, zone)
        finish = begin + air
        if finish > start and begin < end:
            found.append((begin, finish))
    return found


def _busy_ids(session: Session, slot_ids: list[int], since: datetime) -> set[int]:
    """Broadcasts of these slots that carry a log entry, an appearance or a recording."""
    busy: set[int] = set()
    for model in (LogEntry, Appearance, Recording):
        column = model.broadcast_id  # type: ignore[attr-defined]
        query = (
            select(column)
            .join(Broadcast, Broadcast.id == column)
            .where(Broadcast.slot_id.in_(slot_ids), Broadcast.occurrence >= since)
            .distinct()
        )
        busy.update(i for i in session.scalars(query) if i is not None)
    return busy


def plan_airings(
    session: Session,
    settings: Settings,
    now: datetime,
    *,
    weeks: int = DEFAULT_WEEKS,
    slot_ids: Iterable[int] | None = None,
    since: datetime | None = None,
    author: str = "",
) -> PlanReport:
    """Bring the broadcast rows of slots in line with their rules, ``weeks`` ahead of ``now``.

    Every slot when ``slot_ids`` is None. Airings from ``since`` (default ``now``) are
    created; an airing already under way at ``since`` is created too. Rows that have started,
    are not ``planned``, were moved by hand, or carry log entries, appearances or recordings
    are never touched; on a day where such a row stands, no second airing is added. Other
    future rows follow the slot: re-timed in place on the same day (history: 'replan'),
    or removed when the slot no longer airs then (or is inactive).
    """
    if not 1 <= weeks <= MAX_WEEKS:
        raise InputError(
            _("weeks: expected 1 to {most} weeks ahead, got {n}").format(most=MAX_WEEKS, n=weeks)
        )
    zone = settings.zone
    since = since or now
    horizon = now + timedelta(weeks=weeks)
    query = select(Slot).options(joinedload(Slot.show)).order_by(Slot.id)
    if slot_ids is not None:
        wanted = sorted(set(slot_ids))
        if not wanted:
            return PlanReport(since, horizon, 0, 0, 0, 0, 0)
        query = query.where(Slot.id.in_(wanted))
    slots = list(session.scalars(query).unique())
    ids = [s.id for s in slots]
    if not ids:
        return PlanReport(since, horizon, 0, 0, 0, 0, 0)

    reach = since - _REACH
    rows_by_slot: dict[int, dict[datetime, Broadcast]] = defaultdict(dict)
    for row in session.scalars(
        select(Broadcast).where(Broadcast.slot_id.in_(ids), Broadcast.occurrence >= reach)
    ):
        assert row.slot_id is not None and row.occurrence is not None
        rows_by_slot[row.slot_id][row.occurrence] = row
    busy = _busy_ids(session, ids, reach)

    def touchable(row: Broadcast) -> bool:
        return (
            row.status == BroadcastStatus.PLANNED
            and not row.moved
            and row.actual_start is None
            and row.planned_start > now
            and row.id not in busy
        )

    created = updated = removed = protected = 0
    for slot in slots:
        existing = rows_by_slot.get(slot.id, {})
        desired: dict[datetime, datetime] = {}
        if slot.active and slot.show.active:
            last = max(existing, default=horizon)
            until = max(horizon, last + timedelta(seconds=1))
            desired = dict(occurrences(rule_of(slot), zone, since, until))
        stale: dict[date, Broadcast] = {}
        blocked: set[date] = set()
        for occurrence, old_row in existing.items():
            if occurrence in desired:
                continue
            if touchable(old_row):
                stale[occurrence.astimezone(zone).date()] = old_row
            else:
                protected += old_row.planned_end > since
                blocked.add(occurrence.astimezone(zone).date())
        for occurrence, end in sorted(desired.items()):
            planned = existing.get(occurrence)
            if planned is not None:
                if not touchable(planned):
                    protected += 1
                elif (planned.planned_start, planned.planned_end) != (occurrence, end):
                    _retime(session, planned, occurrence, end, now, author)
                    updated += 1
                continue
            day = occurrence.astimezone(zone).date()
            if day in blocked:
                continue
            old = stale.pop(day, None)
            if old is not None:
                _retime(session, old, occurrence, end, now, author)
                updated += 1
                continue
            session.add(
                Broadcast(
                    show_id=slot.show_id,
                    slot_id=slot.id,
                    occurrence=occurrence,
                    planned_start=occurrence,
                    planned_end=end,
                    status=BroadcastStatus.PLANNED,
                    created_at=now,
                    updated_at=now,
                )
            )
            created += 1
        for row in stale.values():
            session.delete(row)
            removed += 1
    session.flush()
    return PlanReport(since, horizon, len(slots), created, updated, removed, protected)


def _retime(
    session: Session,
    row: Broadcast,
    occurrence: datetime,
    end: datetime,
    now: datetime,
    author: str,
) -> None:
    old_start, old_end = row.planned_start, row.planned_end
    row.occurrence = occurrence
    row.planned_start = occurrence
    row.planned_end = end
    record_change(
        session,
        row,
        ChangeAction.REPLAN,
        now,
        reason=_("The programme's slot changed."),
        author=author,
        old_start=old_start,
        old_end=old_end,
        old_status=row.status,
    )


def expand_all(
    rules: Iterable[SlotRule], zone: ZoneInfo, start: datetime, end: datetime
) -> list[tuple[datetime, datetime, int]]:
    """Every airing of ``rules`` in ``[start, end)`` as (start, end, index of the rule), UTC.

    The database-free core that the benchmark times.
    """
    found: list[tuple[datetime, datetime, int]] = []
    for index, rule in enumerate(rules):
        found.extend((b, e, index) for b, e in occurrences(rule, zone, start, end))
    return found


def utc(moment: datetime) -> datetime:
    """``moment`` as an aware UTC instant (naive values are taken as UTC)."""
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
