"""The desk under test: a station with a small, known week, and the clock fixed.

Monday 23 November 2026, 09:30 WITA. A special ("Dialog Khusus Banjir Masamba", 09:00–10:00)
is planned now, so the On Air screen has a broadcast; the programme grid is planned for the
week; the directory holds three people.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from textual.pilot import Pilot
from textual.worker import WorkerCancelled, WorkerFailed

from radiodesk import db
from radiodesk.clock import fixed_clock
from radiodesk.config import load_settings
from radiodesk.interviews import add_person
from radiodesk.schedule.exceptions import add_special
from radiodesk.schedule.plan import plan_airings
from radiodesk.shows import sync_shows
from radiodesk.tui.app import DeskApp, make_app
from tests.conftest import Station, Templates

ZONE = ZoneInfo("Asia/Makassar")
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=ZONE).astimezone(UTC)
WEEK_START = datetime(2026, 11, 23, 0, 0, tzinfo=ZONE).astimezone(UTC)


@dataclass
class Desk:
    """A station ready for the desk, and how to build the desk on it."""

    station: Station
    special_id: int
    people: dict[str, int]

    def app(self) -> DeskApp:
        return make_app(self.station.settings, clock=fixed_clock(NOW))


PEOPLE = [
    ("Andi Rahman", "dr.", "Kepala Dinas", "Dinas Kesehatan Kabupaten Luwu Utara"),
    ("Siti Aminah", "Ir.", "Kepala Bidang Bina Marga", "Dinas Pekerjaan Umum dan Penataan Ruang"),
    ("Muhammad Yusuf", "", "Camat", "Kecamatan Masamba"),
]


@pytest.fixture
def desk(station: Station) -> Desk:
    return fill_station(station)


@pytest.fixture
def sqlite_desk(
    make_home: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, templates: Templates
) -> Desk:
    """The same station on a SQLite file only: for tests that lock the database file."""
    home = make_home()
    monkeypatch.setenv("RADIODESK_HOME", str(home))
    settings = load_settings(home)
    templates.sqlite_copy(settings.archive_dir / "radiodesk.db")
    with db.unit_of_work(settings) as session:
        # Planned from the desk's fixed clock: the pictures must not depend on today's date.
        sync_shows(session, settings, now=NOW)
    return fill_station(Station(settings, home))


def fill_station(station: Station) -> Desk:
    """Plan the grid from Monday, add the special on air now and three people."""
    settings = station.settings
    with station.session() as session:
        plan_airings(session, settings, NOW, weeks=2, since=WEEK_START)
        special = add_special(
            session,
            settings,
            "dialog-interaktif",
            datetime(2026, 11, 23, 9, 0, tzinfo=ZONE).astimezone(UTC),
            60,
            "Dialog Khusus Banjir Masamba",
            now=NOW - timedelta(days=2),
            reason="Banjir di Masamba",
            topic="Penanganan banjir dan layanan kesehatan",
        )
        people = {
            name: add_person(
                session, name, now=NOW, honorific=h, position=p, institution=i, consent="given"
            ).id
            for name, h, p, i in PEOPLE
        }
    return Desk(station, special.id, people)


async def settle(pilot: Pilot[None]) -> None:
    """Let every worker finish and the screen catch up with their messages."""
    for _ in range(3):
        await pilot.pause()
        # The desk shows a failed worker's error itself; the tests assert on that. A worker
        # replaced by a newer one of its group (the database probe) is cancelled: done too.
        with contextlib.suppress(WorkerFailed, WorkerCancelled):
            await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def text_with(pilot: Pilot[None], *words: str, limit: float = 10.0) -> str:
    """The screen's text once it shows every one of ``words`` (a loaded machine may draw a
    frame or two late), or as it is after ``limit`` seconds: the caller asserts on it."""
    app = pilot.app
    assert isinstance(app, DeskApp)
    deadline = time.monotonic() + limit
    text = screen_text(app)
    while not all(w in text for w in words) and time.monotonic() < deadline:
        await pilot.pause(0.05)
        text = screen_text(app)
    return text


def screen_text(app: DeskApp) -> str:
    """Every line the terminal shows now, as plain text (what the operator reads)."""
    # The compositor's strips are exactly what is drawn; their segments carry the text.
    return "\n".join(
        "".join(segment.text for segment in strip)
        for strip in app.screen._compositor.render_strips()
    )


SnapCompare = Callable[..., bool]
