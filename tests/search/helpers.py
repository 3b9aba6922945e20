"""Rows for search tests, made directly with the ORM (as the other jobs' services would)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from radiodesk.models import Appearance, Broadcast, Episode, LogEntry, Person, Recording, Show
from radiodesk.search import SearchFilters, SearchPage, search
from tests.conftest import Station

# Monday 23 November 2026, 08:00 WITA.
MORNING = datetime(2026, 11, 23, 0, 0, tzinfo=UTC)


def show(session: Session, slug: str = "kabar-pagi") -> Show:
    return session.scalars(select(Show).where(Show.slug == slug)).one()


def broadcast(
    session: Session,
    slug: str = "kabar-pagi",
    start: datetime = MORNING,
    minutes: int = 60,
    **values: Any,
) -> Broadcast:
    row = Broadcast(
        show=show(session, slug),
        planned_start=start,
        planned_end=start + timedelta(minutes=minutes),
        **{"status": "aired", **values},
    )
    session.add(row)
    session.flush()
    return row


def person(session: Session, name: str, **values: Any) -> Person:
    row = Person(name=name, **values)
    session.add(row)
    session.flush()
    return row


def appear(
    session: Session, on: Broadcast, who: Person, role: str = "guest", topic: str = ""
) -> Appearance:
    row = Appearance(broadcast=on, person=who, role=role, topic=topic)
    session.add(row)
    session.flush()
    return row


def log(
    session: Session, on: Broadcast, minutes_in: float, text: str, kind: str = "note", **values: Any
) -> LogEntry:
    row = LogEntry(
        broadcast=on,
        at=on.planned_start + timedelta(minutes=minutes_in),
        kind=kind,
        text=text,
        **values,
    )
    session.add(row)
    session.flush()
    return row


def recording(
    session: Session,
    on: Broadcast | None,
    start: datetime,
    duration: float,
    name: str,
    **values: Any,
) -> Recording:
    row = Recording(
        sha256=(name.encode().hex() * 64)[:64],
        original_name=name,
        stored_path=f"masters/{name}",
        size=1000,
        duration=duration,
        recorded_start=start,
        broadcast=on,
        **values,
    )
    session.add(row)
    session.flush()
    return row


def episode(session: Session, on: Broadcast, title: str, description: str = "") -> Episode:
    row = Episode(
        guid=f"urn:test:{title}",
        show_id=on.show_id,
        broadcast=on,
        title=title,
        description=description,
    )
    session.add(row)
    session.flush()
    return row


def find(
    station: Station, query: str, limit: int = 20, offset: int = 0, **filters: Any
) -> SearchPage:
    """Search in a unit of work of its own, as the desk's worker does."""
    with station.session() as session:
        return search(session, station.settings, query, SearchFilters(**filters), limit, offset)


def found(station: Station, query: str, **filters: Any) -> list[tuple[str, int]]:
    """(kind, source id) of every hit, best first."""
    return [(h.kind, h.source_id) for h in find(station, query, limit=100, **filters).hits]
