"""``schedule.ics`` and ``now.json``: the programme grid for calendars and office screens.

The calendar is the schedule job's own (:func:`radiodesk.schedule.ical.build_calendar`),
stamped with the time the grid last changed rather than the time of publishing, so that
publishing twice with nothing changed writes it once. ``now.json`` says what is on air and
what comes next (:func:`radiodesk.schedule.now_next`) and lists the day ahead, so a screen
can move on by itself between two publishes. Only public fields are written: programme,
title, topic and times, never a broadcast's internal notes.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from radiodesk.config import Settings
from radiodesk.models import Broadcast, BroadcastStatus, Show, Slot
from radiodesk.publish.feedrecords import calendar_host
from radiodesk.publish.text import clean_line
from radiodesk.schedule.ical import build_calendar
from radiodesk.schedule.nownext import now_next

# now.json lists what comes in the next day.
UPCOMING = timedelta(hours=24)
UPCOMING_LIMIT = 24
# schedule.ics holds the airings from this long before the grid last changed on (and all
# planned ahead): a station's years of past airings would make it slow and of no use.
CALENDAR_BACK = timedelta(weeks=8)


def grid_state(session: Session) -> tuple[str, datetime]:
    """A text that changes whenever the grid changes, and when it last changed (UTC)."""
    parts: list[str] = []
    stamps: list[datetime] = []
    for model in (Broadcast, Slot, Show):
        count, last_id, last = session.execute(
            select(func.count(model.id), func.max(model.id), func.max(model.updated_at))
        ).one()
        parts.append(f"{count}:{last_id}:{last.isoformat() if last else '-'}")
        if last is not None:
            stamps.append(last)
    return "|".join(parts), max(stamps, default=datetime(2000, 1, 1, tzinfo=UTC))


def schedule_ics(session: Session, settings: Settings, changed: datetime) -> bytes:
    """The station's iCalendar file, stamped with ``changed`` (see :func:`grid_state`).

    It covers :data:`CALENDAR_BACK` before ``changed`` up to the last planned airing; being
    anchored on ``changed`` rather than the clock, the same grid gives the same bytes."""
    host = calendar_host(session, settings.station.public_url, changed)
    since = changed - CALENDAR_BACK
    calendar, _counts = build_calendar(session, settings, changed, since=since, uid_host=host)
    return calendar.to_ical()


def _entry(show: str, title: str, topic: str, start: datetime, end: datetime) -> dict[str, str]:
    return {
        "show": show,
        "title": clean_line(title),
        "topic": clean_line(topic, 500),
        "start": start.isoformat(),
        "end": end.isoformat(),
    }


def now_json(session: Session, settings: Settings, now: datetime) -> bytes:
    """What is on air at ``now`` and what comes next, and the day ahead (times in UTC)."""
    state = now_next(session, settings, now)
    entries: dict[str, dict[str, str] | None] = {"now": None, "next": None}
    for key, airing in (("now", state.current), ("next", state.next)):
        if airing is not None:
            entries[key] = _entry(
                airing.show_slug,
                airing.title,
                airing.topic,
                airing.actual_start or airing.planned_start,
                airing.actual_end or airing.planned_end,
            )
    upcoming = session.execute(
        select(
            Show.slug,
            Show.title,
            Broadcast.title,
            Broadcast.topic,
            Broadcast.planned_start,
            Broadcast.planned_end,
        )
        .join(Show, Show.id == Broadcast.show_id)
        .where(
            Broadcast.status != BroadcastStatus.CANCELLED,
            Broadcast.planned_start > now,
            Broadcast.planned_start < now + UPCOMING,
        )
        .order_by(Broadcast.planned_start, Broadcast.id)
        .limit(UPCOMING_LIMIT)
    ).all()
    station = settings.station
    data = {
        "station": clean_line(station.name),
        "frequency": clean_line(station.frequency),
        "timezone": station.timezone,
        "now": entries["now"],
        "next": entries["next"],
        "upcoming": [
            _entry(slug, title or show_title, topic, start, end)
            for slug, show_title, title, topic, start, end in upcoming
        ],
    }
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
