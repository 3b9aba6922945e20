"""Snapshots of every screen at 120×40 and 80×24, in English and (80×24) in Indonesian.

Generated with ``pytest tests/tui/test_snapshots.py --snapshot-update`` after looking at
each picture in the report; they live in ``tests/tui/__snapshots__``. The station is the
SQLite one only: the pictures would be the same on PostgreSQL.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from radiodesk import i18n
from radiodesk.interviews import add_appearance, add_entry, set_followup
from radiodesk.schedule import add_special, start_broadcast
from tests.tui.conftest import NOW, ZONE, Desk, SnapCompare, settle

SIZES = [(120, 40), (80, 24)]
SCREENS = ["f1", "f2", "f3", "f4", "f5", "f6"]


@pytest.fixture
def showcase(sqlite_desk: Desk) -> Desk:
    """The special on air since 09:00 with two guests and a few minutes of log; a complaint
    forwarded; an overlapping special on Wednesday so the grid shows a conflict."""
    settings = sqlite_desk.station.settings
    special = sqlite_desk.special_id
    at = datetime(2026, 11, 23, 9, 0, tzinfo=ZONE)
    with sqlite_desk.station.session() as session:
        start_broadcast(session, settings, special, now=at)
        for name in ("Andi Rahman", "Siti Aminah"):
            add_appearance(session, special, sqlite_desk.people[name], now=at, topic="Banjir")
        entries = [
            (2, "segment", "Pembukaan: banjir di Masamba", None),
            (6, "note", "Air mulai surut di Baebunta", None),
            (14, "question", "Kapan posko kesehatan dibuka?", None),
            (21, "complaint", "Jalan ke Rampi putus", "Dinas PU"),
            (25, "segment", "Layanan kesehatan pascabanjir", None),
        ]
        ids = [
            add_entry(
                session, special, text, kind, at=at + timedelta(minutes=m), now=NOW, agency=agency
            ).id
            for m, kind, text, agency in entries
        ]
        set_followup(session, ids[3], "forwarded", now=NOW)
        add_special(
            session,
            settings,
            "suara-petani",
            datetime(2026, 11, 25, 10, 30, tzinfo=ZONE),
            60,
            "Panen Kakao Bersama",
            now=NOW,
            allow_overlap=True,
        )
    return sqlite_desk


def shows(key: str):  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        if key != "f1":
            await pilot.press(key)
        await settle(pilot)
        # A blinking cursor would be caught on or off at random.
        for line in pilot.app.screen.query(Input):
            line.cursor_blink = False
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("key", SCREENS)
def test_every_screen(
    showcase: Desk, snap_compare: SnapCompare, key: str, size: tuple[int, int]
) -> None:
    assert snap_compare(showcase.app(), terminal_size=size, run_before=shows(key))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_on_air_in_indonesian(
    showcase: Desk, snap_compare: SnapCompare, size: tuple[int, int]
) -> None:
    i18n.set_language("id")
    assert snap_compare(showcase.app(), terminal_size=size, run_before=shows("f1"))


@pytest.mark.parametrize("key", SCREENS)
def test_every_screen_in_indonesian_at_80x24(
    showcase: Desk, snap_compare: SnapCompare, key: str
) -> None:
    i18n.set_language("id")
    assert snap_compare(showcase.app(), terminal_size=(80, 24), run_before=shows(key))
