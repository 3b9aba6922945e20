"""The operator's flow on the On Air screen, checked on the screen and in the database."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from radiodesk.models import Appearance, Broadcast, LogEntry
from radiodesk.tui.dialogs.confirm import ConfirmDialog
from radiodesk.tui.screens.on_air import OnAirScreen
from radiodesk.tui.widgets.live_log import LiveLogList
from tests.tui.conftest import NOW, Desk, screen_text, settle


async def test_a_live_programme_from_start_to_stop(desk: Desk) -> None:
    app = desk.app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, OnAirScreen)
        assert app.focused is screen.query_one("#entry")
        assert "Dialog Khusus Banjir Masamba" in screen_text(app)

        await pilot.press("ctrl+o")
        await settle(pilot)
        assert "ON AIR" in screen_text(app)
        assert app.on_air_title == "Dialog Khusus Banjir Masamba"

        # A guest from the directory: type part of the institution, Enter takes the first match.
        await pilot.press("ctrl+g")
        await settle(pilot)
        await pilot.press(*"sehat")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert "Kepala Dinas, Dinas Kesehatan" in screen_text(app)

        # The log: a segment and a note; a question and a complaint through their form
        # (Enter saves the question as typed; the complaint's agency is the last field).
        for text, keys in (
            ("Pembukaan", ["f7"]),
            ("Air surut", ["enter"]),
            ("Posko kapan", ["f8", "enter"]),
            ("Jalan rusak", ["f9", "tab", "tab", "tab", *"Dinas PU", "enter"]),
        ):
            await pilot.press(*text)
            for key in keys:
                await pilot.press(key)
                await settle(pilot)
            assert app.screen is screen and app.focused is screen.query_one("#entry")
            assert screen.query_one("#entry").value == ""

        shown = [(e.kind, e.text, e.agency) for e in screen.query_one(LiveLogList).entries]
        assert shown == [
            ("segment", "Pembukaan", None),
            ("note", "Air surut", None),
            ("question", "Posko kapan", None),
            ("complaint", "Jalan rusak", "Dinas PUPR"),
        ]
        text = screen_text(app)
        assert "Pembukaan" in text and "→ Dinas PUPR" in text

        await pilot.press("ctrl+o")
        await settle(pilot)
        await pilot.press("enter")  # the question's default answer is "Keep on air"
        await settle(pilot)
        assert app.on_air_title == "Dialog Khusus Banjir Masamba"
        await pilot.press("ctrl+o")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert app.on_air_title is None

    with desk.station.session() as session:
        broadcast = session.get(Broadcast, desk.special_id)
        assert broadcast is not None
        assert broadcast.status == "aired"
        assert broadcast.actual_start == NOW and broadcast.actual_end == NOW
        entries = session.scalars(select(LogEntry).order_by(LogEntry.id)).all()
        assert [(e.kind, e.text, e.agency, e.channel, e.followup_status) for e in entries] == [
            ("segment", "Pembukaan", None, None, None),
            ("note", "Air surut", None, None, None),
            ("question", "Posko kapan", None, "phone", "open"),
            ("complaint", "Jalan rusak", "Dinas PUPR", "phone", "open"),
        ]
        guests = session.scalars(select(Appearance)).all()
        assert [(g.person_id, g.role) for g in guests] == [(desk.people["Andi Rahman"], "guest")]


async def test_a_save_that_fails_keeps_the_text_and_says_why(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    from radiodesk.schedule.exceptions import cancel_airing
    from radiodesk.tui import app as desk_app

    # The desk would see the cancellation within a second and say so before any save;
    # here the save itself must meet it.
    monkeypatch.setattr(desk_app, "CHANGE_SECONDS", 3600.0)
    app = desk.app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # Meanwhile another desk cancels the airing: the log no longer takes entries.
        with desk.station.session() as session:
            cancel_airing(session, desk.station.settings, desk.special_id, "Banjir", now=NOW)
        await pilot.press(*"Air naik")
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert screen.query_one("#entry").value == "Air naik"
        assert app.focused is screen.query_one("#entry")
        assert screen.query_one(LiveLogList).entries == []
        assert "Not saved" in screen_text(app) and "cancelled" in screen_text(app)
    with desk.station.session() as session:
        assert session.scalars(select(LogEntry)).all() == []


async def test_quitting_while_on_air_asks_first(desk: Desk) -> None:
    app = desk.app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert dialog.question == "Dialog Khusus Banjir Masamba is on air. Quit the desk anyway?"
        assert "Quit the desk" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, OnAirScreen)
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert not app.is_running
    # Quitting does not stop the broadcast: it stays on air for the next desk.
    with desk.station.session() as session:
        broadcast = session.get(Broadcast, desk.special_id)
        assert broadcast is not None and broadcast.status == "on_air"


async def test_quitting_with_nothing_on_air_does_not_ask(desk: Desk) -> None:
    app = desk.app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert not app.is_running
