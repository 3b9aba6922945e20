"""The programme grid as iCalendar (RFC 5545), written with the icalendar library.

Each slot is one recurring event (RRULE) in the station's zone, with a VTIMEZONE. Within the
planned period the feed says exactly what the database says: cancelled airings (and dates
a changed slot no longer airs) are EXDATEs, moved or retitled airings are overrides with a
RECURRENCE-ID (the airing's ``occurrence``), and specials and airings off their slot's rule
are single events. Beyond the planned period the rule speaks for the slot.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vRecur
from sqlalchemy import or_, select
from sqlalchemy.orm import Session, joinedload

from radiodesk.config import Settings, without_control_characters
from radiodesk.errors import InputError
from radiodesk.i18n import _
from radiodesk.models import Broadcast, BroadcastStatus, Show, Slot
from radiodesk.schedule.plan import SlotRule, recurrence, rule_of
from radiodesk.timeinput import local_to_utc

# The VTIMEZONE lists offset changes this far past the last airing, for open-ended rules.
_ZONE_YEARS_AHEAD = 5


@dataclass(frozen=True)
class IcalResult:
    """What ``write_ical`` wrote: counts of events by kind."""

    path: Path
    series: int
    overrides: int
    singles: int
    exdates: int


def _when(instant: datetime, zone: ZoneInfo) -> datetime:
    """An instant as a local time with TZID, or in UTC when the local time would be ambiguous
    (the second pass of a repeated hour cannot be written with a TZID)."""
    local = instant.astimezone(zone)
    if local_to_utc(local.replace(tzinfo=None), zone) != instant:
        return instant.astimezone(UTC)
    return local.replace(fold=0)


def _recur(rule: SlotRule, until: datetime | None) -> vRecur:
    parts: dict[str, object] = {"freq": "monthly" if rule.monthly_nth is not None else "weekly"}
    if rule.monthly_nth is not None:
        parts["byday"] = [f"{rule.monthly_nth}{d}" for d in rule.weekdays]
    else:
        parts["byday"] = list(rule.weekdays)
        if rule.interval > 1:
            parts["interval"] = rule.interval
    parts["wkst"] = "MO"
    if until is not None:
        parts["until"] = until.astimezone(UTC)
    return vRecur(parts)


def _event(uid: str, start: datetime, end: datetime, summary: str, zone: ZoneInfo) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstart", _when(start, zone))
    event.add("duration", end - start)
    event.add("summary", without_control_characters(summary))  # RFC 5545 forbids them
    return event


def build_calendar(
    session: Session,
    settings: Settings,
    now: datetime,
    since: datetime | None = None,
    uid_host: str | None = None,
) -> tuple[Calendar, dict[str, int]]:
    """The station's calendar and counts of its parts (series, overrides, singles, exdates).

    ``since`` (UTC), when given, leaves out airings before it: each slot's series then starts
    at its first occurrence from ``since`` on, and ended slots with no airing since are left
    out. Without it the calendar holds every airing ever planned. ``uid_host``: the domain of
    the event ids (default: the public URL's), kept by a publish from its first one.
    """
    zone = settings.zone
    station = settings.station
    host = uid_host or urlparse(station.public_url).hostname or "radiodesk"
    cal = Calendar()
    cal.add("prodid", f"-//radiodesk//{station.short_name or station.name}//ID")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", station.name)
    cal.add("x-wr-timezone", station.timezone)
    counts = {"series": 0, "overrides": 0, "singles": 0, "exdates": 0}
    stamp = now.astimezone(UTC)
    latest = now

    query = select(Broadcast).options(joinedload(Broadcast.show))
    if since is not None:
        # A window keeps a station's years of past airings out of every calendar it makes.
        query = query.where(or_(Broadcast.planned_start >= since, Broadcast.occurrence >= since))
    rows_by_slot: dict[int | None, list[Broadcast]] = defaultdict(list)
    for row in session.scalars(
        query.order_by(Broadcast.occurrence, Broadcast.planned_start, Broadcast.id)
    ):
        rows_by_slot[None if row.special else row.slot_id].append(row)
        latest = max(latest, row.planned_end)
    singles: list[Broadcast] = list(rows_by_slot.pop(None, []))
    earliest = [now]

    slots = session.scalars(
        select(Slot).options(joinedload(Slot.show)).join(Show).order_by(Show.slug, Slot.key)
    ).unique()
    for slot in slots:
        rows = rows_by_slot.pop(slot.id, [])
        rule = rule_of(slot)
        live = slot.active and slot.show.active
        if not live and not rows:
            continue
        air = timedelta(minutes=rule.duration_minutes)
        anchor = rows[0].occurrence if rows else None
        search_from = (
            anchor.astimezone(zone).replace(tzinfo=None)
            if anchor is not None
            else datetime.combine(rule.valid_from, datetime.min.time())
        )
        if since is not None and anchor is None:
            search_from = max(search_from, since.astimezone(zone).replace(tzinfo=None))
        first_local = recurrence(rule).after(search_from, inc=True)
        if first_local is None:
            singles.extend(rows)
            continue
        until = None
        if rule.valid_until is not None:
            until = local_to_utc(datetime.combine(rule.valid_until, rule.start_time), zone)
        if not live:
            last_row = rows[-1].occurrence
            assert last_row is not None
            until = min(until, last_row) if until is not None else last_row
        series_rule = recurrence(rule, first_local.date())
        show = slot.show
        uid = f"{show.slug}.{slot.key}@{host}"
        series = _event(
            uid,
            local_to_utc(first_local, zone),
            local_to_utc(first_local, zone) + air,
            show.title,
            zone,
        )
        series.add("dtstamp", stamp)
        series.add("rrule", _recur(rule, until))
        if show.description:
            series.add("description", without_control_characters(show.description))
        earliest.append(local_to_utc(first_local, zone))

        by_occurrence: dict[datetime | None, Broadcast] = {r.occurrence: r for r in rows}
        exdates: list[datetime] = []
        overrides: list[Event] = []
        if rows:
            last = max(o for o in by_occurrence if o is not None)
            stop = last.astimezone(zone).replace(tzinfo=None) + timedelta(days=1)
            for local in series_rule.between(first_local, stop, inc=True):
                instant = local_to_utc(local, zone)
                if instant > last or (until is not None and instant > until):
                    break
                airing = by_occurrence.pop(instant) if instant in by_occurrence else None
                stamped = local.replace(tzinfo=zone)
                if airing is None or airing.status == BroadcastStatus.CANCELLED:
                    exdates.append(stamped)
                    continue
                retitled = bool(airing.title) and airing.title != show.title
                span = (airing.planned_start, airing.planned_end)
                if span != (instant, instant + air) or retitled:
                    override = _event(uid, span[0], span[1], airing.title or show.title, zone)
                    override.add("dtstamp", stamp)
                    override.add("recurrence-id", stamped)
                    if airing.topic:
                        override.add("description", without_control_characters(airing.topic))
                    overrides.append(override)
        if exdates:
            series.add("exdate", exdates)
        cal.add_component(series)
        for override in overrides:
            cal.add_component(override)
        counts["series"] += 1
        counts["overrides"] += len(overrides)
        counts["exdates"] += len(exdates)
        # Airings of an older form of the slot, no longer on its rule.
        singles.extend(by_occurrence.values())
    for rows in rows_by_slot.values():
        singles.extend(rows)

    for row in sorted(singles, key=lambda r: (r.planned_start, r.id)):
        if row.status == BroadcastStatus.CANCELLED and not row.special:
            continue
        event = _event(
            f"broadcast-{row.id}@{host}",
            row.planned_start,
            row.planned_end,
            row.title or row.show.title,
            zone,
        )
        event.add("dtstamp", stamp)
        if row.topic:
            event.add("description", without_control_characters(row.topic))
        if row.status == BroadcastStatus.CANCELLED:
            event.add("status", "CANCELLED")
        cal.add_component(event)
        counts["singles"] += 1
        earliest.append(row.planned_start)

    first_day = min(earliest).astimezone(zone).date() - timedelta(days=7)
    last_day = date(latest.year + _ZONE_YEARS_AHEAD, 1, 1)
    cal.add_missing_timezones(first_date=first_day, last_date=last_day)
    return cal, counts


def write_ical(session: Session, settings: Settings, path: Path, now: datetime) -> IcalResult:
    """Write the station's calendar to ``path`` (an .ics file); ``now`` stamps the events."""
    cal, counts = build_calendar(session, settings, now)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(cal.to_ical())
    except OSError as err:
        raise InputError(
            _("{file}: cannot be written: {reason}").format(file=path, reason=err.strerror)
        ) from None
    return IcalResult(path=path, **counts)
