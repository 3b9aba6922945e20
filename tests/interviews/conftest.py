"""Helpers of the interviews tests: broadcasts to log into, at a fixed "now"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import delete, func, select

from radiodesk.models import Appearance, Broadcast, LogEntry, LogRevision, Person, Show
from tests.conftest import Station

# Monday 23 November 2026, 10:00 WITA.
NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)

MakeBroadcast = Callable[..., int]


@pytest.fixture(autouse=True)
def now(monkeypatch: pytest.MonkeyPatch) -> datetime:
    """The fixed instant of these tests, also for commands run through the CLI (and for the
    airings ``shows sync`` plans when the station is made)."""
    monkeypatch.setenv("RADIODESK_NOW", NOW.isoformat())
    return NOW


@pytest.fixture
def make_broadcast(station: Station) -> MakeBroadcast:
    """Add a broadcast of show ``slug`` starting at ``start`` (UTC) for ``minutes``.

    The airings planned from the programme files are removed first: each test knows every
    broadcast it works with (ids, what is on air now).
    """
    with station.session() as session:
        session.execute(delete(Broadcast))

    def make(
        start: datetime,
        minutes: int = 60,
        slug: str = "dialog-interaktif",
        status: str = "planned",
        actual_end: datetime | None = None,
    ) -> int:
        with station.session() as session:
            show = session.scalars(select(Show).where(Show.slug == slug)).one()
            broadcast = Broadcast(
                show=show,
                planned_start=start,
                planned_end=start + timedelta(minutes=minutes),
                status=status,
                actual_end=actual_end,
            )
            session.add(broadcast)
            session.flush()
            return broadcast.id

    return make


def counts(station: Station) -> dict[str, int]:
    """How many rows the interviews tables hold: to prove bad input wrote nothing."""
    with station.session() as session:
        return {
            model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
            for model in (Person, Appearance, LogEntry, LogRevision)
        }
