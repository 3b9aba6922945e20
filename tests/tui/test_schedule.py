"""The Schedule screen: the week, adding a special, and cancelling an airing with its reason."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from radiodesk.models import Broadcast
from radiodesk.tui.dialogs.schedule_forms import SpecialDialog
from radiodesk.tui.screens.schedule import ScheduleScreen
from tests.tui.conftest import ZONE, Desk, screen_text, settle


async def test_add_a_special_and_cancel_an_airing_from_the_week_grid(desk: Desk) -> None:
    app = desk.app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ScheduleScreen)
        # The week's rows come from a worker: wait for them (bounded), not for one pause.
        deadline = time.monotonic() + 10
        while (
            "Dialog Khusus Banjir Masamba" not in screen_text(app) and time.monotonic() < deadline
        ):
            await pilot.pause(0.05)
        text = screen_text(app)
        assert "Week of Monday, 23 November 2026" in text
        assert "Dialog Khusus Banjir Masamba" in text and "Kabar Pagi Luwu Utara" in text
        # A special: every field of the form in reach of Tab, Enter saves.
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, SpecialDialog)
        await pilot.press("tab", *"2026-11-24 14:00", "tab", "ctrl+u", *"45", "tab")
        await pilot.press(*"Dialog Khusus Pupuk", "tab", *"Pupuk bersubsidi", "tab")
        await pilot.press(*"Permintaan Dinas Pertanian", "enter")
        await settle(pilot)
        assert app.screen is screen and "Dialog Khusus Pupuk" in screen_text(app)
        with desk.station.session() as session:
            special = session.scalars(
                select(Broadcast).where(Broadcast.title == "Dialog Khusus Pupuk")
            ).one()
            start = datetime(2026, 11, 24, 14, 0, tzinfo=ZONE).astimezone(UTC)
            assert (special.planned_start, special.topic) == (start, "Pupuk bersubsidi")
            assert special.planned_end - special.planned_start == timedelta(minutes=45)

        titles = [row.airing.title for row in screen.rows]
        # Monday: Kabar Pagi 06:00, the special 09:00, Layanan Masyarakat 10:00, …
        target = titles.index("Info Layanan Masyarakat")
        airing_id = screen.rows[target].airing.id
        for _ in range(target):
            await pilot.press("down")
        await pilot.press("c")
        await settle(pilot)
        await pilot.press(*"Banjir", "enter")
        await settle(pilot)
        assert screen.rows[target].airing.status == "cancelled"
        assert "cancelled" in screen_text(app)
    with desk.station.session() as session:
        broadcast = session.get(Broadcast, airing_id)
        assert broadcast is not None and broadcast.status == "cancelled"
        assert broadcast.changes[-1].reason == "Banjir"
