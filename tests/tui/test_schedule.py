"""The Schedule screen: the week, and cancelling an airing with its reason."""

from __future__ import annotations

from radiodesk.models import Broadcast
from radiodesk.tui.screens.schedule import ScheduleScreen
from tests.tui.conftest import Desk, screen_text, settle


async def test_cancel_an_airing_from_the_week_grid(desk: Desk) -> None:
    app = desk.app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ScheduleScreen)
        text = screen_text(app)
        assert "Week of Monday, 23 November 2026" in text
        assert "Dialog Khusus Banjir Masamba" in text and "Kabar Pagi Luwu Utara" in text
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
