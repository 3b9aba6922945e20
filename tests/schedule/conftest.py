"""Fixtures of the schedule tests: a fixed "now", and stations in other zones."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from radiodesk import db
from radiodesk.config import load_settings
from radiodesk.models import Broadcast
from tests.conftest import REPO, Station

# Monday 23 November 2026, 08:00 WITA: Kabar Pagi (06:00-07:00) is over, Info Layanan
# (10:00) is next.
NOW = datetime(2026, 11, 23, 0, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def fixed_now(isolate: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[datetime]:
    """Every process clock (and so ``shows sync``'s planning) says NOW."""
    monkeypatch.setenv("RADIODESK_NOW", NOW.isoformat())
    yield NOW


def settings_text(zone: str) -> str:
    text = (REPO / "radiodesk.toml").read_text(encoding="utf-8")
    return text.replace('timezone = "Asia/Makassar"', f'timezone = "{zone}"')


@pytest.fixture
def zone_station(
    make_home: Callable[..., Path], migrated_db_url: str, monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Station]:
    """A station in ``zone`` whose only programmes are the given files (name -> TOML)."""

    def make(zone: str, files: dict[str, str], now: datetime = NOW) -> Station:
        from radiodesk.shows import sync_shows

        home = make_home(
            name=f"home-{zone.replace('/', '-')}", shows=False, settings_text=settings_text(zone)
        )
        for name, content in files.items():
            (home / "shows" / name).write_text(content, encoding="utf-8")
        monkeypatch.setenv("RADIODESK_DATABASE_URL", migrated_db_url)
        monkeypatch.setenv("RADIODESK_HOME", str(home))
        monkeypatch.setenv("RADIODESK_NOW", now.isoformat())
        settings = load_settings(home)
        with db.unit_of_work(settings) as session:
            sync_shows(session, settings)
        return Station(settings, home)

    return make


def programme(title: str, *slots: str) -> str:
    """A programme file's text with the given [[slots]] bodies."""
    body = f'title = "{title}"\n'
    for slot in slots:
        body += "\n[[slots]]\n" + slot.strip() + "\n"
    return body


def airings(station: Station, slug: str | None = None) -> list[Broadcast]:
    """Broadcast rows (detached, with their show loaded), in planned order."""
    from sqlalchemy.orm import joinedload

    from radiodesk.models import Show

    with station.session() as session:
        query = (
            select(Broadcast)
            .options(joinedload(Broadcast.show))
            .order_by(Broadcast.planned_start, Broadcast.id)
        )
        if slug is not None:
            query = query.join(Show).where(Show.slug == slug)
        return list(session.scalars(query).unique())


def snapshot(station: Station) -> list[tuple]:
    """Every broadcast and history row, for comparing two states of the database."""
    from radiodesk.models import BroadcastChange

    with station.session() as session:
        rows: list[tuple] = [
            (
                b.id,
                b.slot_id,
                b.occurrence,
                b.planned_start,
                b.planned_end,
                b.actual_start,
                b.actual_end,
                b.status,
                b.moved,
                b.special,
                b.title,
                b.updated_at,
            )
            for b in session.scalars(select(Broadcast).order_by(Broadcast.id))
        ]
        rows += [
            (c.id, c.broadcast_id, c.action, c.reason, c.at)
            for c in session.scalars(select(BroadcastChange).order_by(BroadcastChange.id))
        ]
        return rows
