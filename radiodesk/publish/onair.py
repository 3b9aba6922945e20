"""``schedule.ics`` and ``now.json``: the programme grid for calendars and office screens.

Both are made from the broadcasts table; only public fields (programme, title, topic, times)
are written, never a broadcast's internal notes. Neither carries the time it was made, so
publishing twice with nothing changed writes neither again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from icalendar import Calendar, Event
from sqlalchemy import select
from sqlalchemy.orm import Session

from radiodesk.config import Settings
from radiodesk.models import Broadcast, Show
from radiodesk.publish.text import clean_line, clean_text

# The calendar covers last week and the next eight weeks.
CALENDAR_BEFORE = timedelta(days=7)
CALENDAR_AFTER = timedelta(days=56)
# now.json lists what comes in the next day, so a screen can move on by itself.
UPCOMING = timedelta(hours=24)
UPCOMING_LIMIT = 24


@dataclass(frozen=True)
class Airing:
    """A broadcast as the public sees it. Times in UTC."""

    id: int
    show: str
    title: str
    topic: str
    start: datetime
    end: datetime
    status: str
    updated: datetime


def airings(session: Session, start: datetime, end: datetime) -> list[Airing]:
    """Broadcasts overlapping [start, end), in order, with public fields only."""
    rows = session.execute(
        select(
            Broadcast.id,
            Show.slug,
            Show.title,
            Broadcast.title,
            Broadcast.topic,
            Broadcast.planned_start,
            Broadcast.planned_end,
            Broadcast.actual_start,
            Broadcast.actual_end,
            Broadcast.status,
            Broadcast.updated_at,
        )
        .join(Show, Show.id == Broadcast.show_id)
        .where(Broadcast.planned_end > start, Broadcast.planned_start < end)
        .order_by(Broadcast.planned_start, Broadcast.id)
    )
    return [
        Airing(
            id=bid,
            show=slug,
            title=clean_line(title or show_title),
            topic=clean_line(topic, 500),
            start=actual_start or planned_start,
            end=actual_end or planned_end,
            status=status,
            updated=updated,
        )
        for (
            bid,
            slug,
            show_title,
            title,
            topic,
            planned_start,
            planned_end,
            actual_start,
            actual_end,
            status,
            updated,
        ) in rows
    ]


def calendar_airings(session: Session, now: datetime) -> list[Airing]:
    """The broadcasts ``schedule.ics`` holds: from a week before today to eight weeks on."""
    day = now.replace(hour=0, minute=0, second=0, microsecond=0)
    return airings(session, day - CALENDAR_BEFORE, day + CALENDAR_AFTER)


def schedule_ics(items: list[Airing], settings: Settings) -> bytes:
    """An iCalendar file of ``items`` (see :func:`calendar_airings`)."""
    station = settings.station
    host = urlsplit(station.public_url).hostname or "radiodesk"
    calendar = Calendar()
    calendar.add("prodid", "-//radiodesk//schedule//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", clean_line(station.name))
    calendar.add("x-wr-timezone", station.timezone)
    for airing in items:
        event = Event()
        event.add("uid", f"broadcast-{airing.id}@{host}")
        event.add("dtstamp", airing.updated)
        event.add("last-modified", airing.updated)
        event.add("dtstart", airing.start)
        event.add("dtend", airing.end)
        event.add("summary", airing.title)
        if airing.topic:
            event.add("description", clean_text(airing.topic))
        event.add("status", "CANCELLED" if airing.status == "cancelled" else "CONFIRMED")
        calendar.add_component(event)
    return calendar.to_ical()


def _entry(airing: Airing) -> dict[str, str]:
    return {
        "show": airing.show,
        "title": airing.title,
        "topic": airing.topic,
        "start": airing.start.isoformat(),
        "end": airing.end.isoformat(),
    }


def now_json(session: Session, settings: Settings, now: datetime) -> bytes:
    """What is on air at ``now`` and what comes next, and the day ahead (times in UTC)."""
    live = [a for a in airings(session, now - timedelta(hours=24), now + UPCOMING)]
    live = [a for a in live if a.status != "cancelled" and a.end > now]
    current = next((a for a in live if a.status == "on_air"), None) or next(
        (a for a in live if a.start <= now < a.end), None
    )
    later = [a for a in live if a.start > now and a is not current]
    station = settings.station
    data = {
        "station": clean_line(station.name),
        "frequency": clean_line(station.frequency),
        "timezone": station.timezone,
        "now": _entry(current) if current else None,
        "next": _entry(later[0]) if later else None,
        "upcoming": [_entry(a) for a in later[:UPCOMING_LIMIT]],
    }
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
