"""Plain data for the desk's screens, made from the services' results.

Each function here runs inside one unit of work opened by a worker, calls the services and
returns frozen dataclasses the screens can hold safely (no ORM objects cross into Textual).
Nothing here imports Textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from radiodesk.config import Settings
from radiodesk.i18n import format_time
from radiodesk.interviews import LogLine, appearances_for, broadcast_log, get_person
from radiodesk.models import Show
from radiodesk.schedule.nownext import now_next
from radiodesk.schedule.views import Airing


@dataclass(frozen=True)
class GuestOnAir:
    """Someone in the broadcast on air, with what the studio needs to introduce them."""

    person_id: int
    name: str
    role: str
    position: str
    institution: str
    topic: str


@dataclass(frozen=True)
class OnAirState:
    """What the On Air screen shows: the airing now (or none), the next, guests and log."""

    current: Airing | None
    next: Airing | None
    guests: tuple[GuestOnAir, ...]
    entries: tuple[LogLine, ...]

    @property
    def on_air(self) -> bool:
        return self.current is not None and self.current.status == "on_air"


def guests_of(session: Session, broadcast_id: int) -> tuple[GuestOnAir, ...]:
    """Everyone in a broadcast with their position and institution."""
    guests = []
    for line in appearances_for(session, broadcast_id):
        card = get_person(session, line.person_id)
        guests.append(
            GuestOnAir(
                person_id=line.person_id,
                name=line.person_name,
                role=line.role,
                position=card.position,
                institution=card.institution,
                topic=line.topic,
            )
        )
    return tuple(guests)


def load_on_air(session: Session, settings: Settings, now: datetime) -> OnAirState:
    """The airing on air now (or planned now), the next one, its guests and its live log."""
    station = now_next(session, settings, now)
    current, upcoming = station.current, station.next
    if current is None:
        return OnAirState(None, upcoming, (), ())
    log = broadcast_log(session, current.id)
    return OnAirState(current, upcoming, guests_of(session, current.id), log.entries)


def active_shows(session: Session) -> list[tuple[str, str]]:
    """(slug, title) of every active programme, by title.

    A thin read-only helper: the schedule service has ``find_show`` by slug but no listing.
    """
    rows = session.execute(
        select(Show.slug, Show.title).where(Show.active.is_(True)).order_by(Show.title)
    )
    return [(slug, title) for slug, title in rows]


def short_moment(moment: datetime, zone: str) -> str:
    """A compact local day and time for narrow tables: "3/11 09:28" ("3/11 09.28" in id)."""
    local = moment.astimezone(ZoneInfo(zone))
    return f"{local.day}/{local.month} {format_time(local)}"
