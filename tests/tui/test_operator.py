"""Every change from the desk records who made it; an entry sent again after a save whose
answer was lost is not stored twice."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from radiodesk.clock import fixed_clock
from radiodesk.interviews import entry_history
from radiodesk.models import LogEntry, LogKind
from radiodesk.tui.app import make_app
from radiodesk.tui.dialogs.prompt import TextPrompt
from radiodesk.tui.screens.entry_queue import PendingEntry
from radiodesk.tui.screens.on_air import OnAirScreen
from radiodesk.tui.widgets.live_log import LiveLogList
from tests.tui.conftest import NOW, Desk, settle, text_with


def rows(desk: Desk) -> list[tuple[str, str, str | None]]:
    with desk.station.session() as session:
        return [
            (e.text, e.author, e.client_id)
            for e in session.scalars(select(LogEntry).order_by(LogEntry.id))
        ]


async def test_changes_record_the_operator_and_a_resent_entry_is_stored_once(
    desk: Desk,
) -> None:
    app = make_app(desk.station.settings, clock=fixed_clock(NOW), operator="Ina")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, OnAirScreen)
        await pilot.press(*"Pembukaan", "enter")
        await settle(pilot)
        [(text, author, client_id)] = rows(desk)
        assert (text, author) == ("Pembukaan", "Ina") and client_id

        # The same entry sent again (its commit went through, the answer did not): one row.
        screen.queue_entry(PendingEntry("Pembukaan", LogKind.NOTE, NOW, client_id=client_id))
        await settle(pilot)
        assert len(rows(desk)) == 1
        assert [e.text for e in screen.query_one(LiveLogList).entries] == ["Pembukaan"]

        # An edit and a deletion carry the operator too.
        await pilot.press("ctrl+e")
        await settle(pilot)
        await pilot.press("end", *" acara", "ctrl+s")
        await settle(pilot)
        await pilot.press("ctrl+d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)

        # The operator changes: from the command palette.
        screen.ask_operator()
        await settle(pilot)
        assert isinstance(app.screen, TextPrompt)
        await pilot.press("ctrl+u", *"Rahmat", "enter")
        await settle(pilot)
        assert app.operator == "Rahmat"
        assert "recorded as made by Rahmat" in await text_with(pilot, "made by Rahmat")
        await pilot.press(*"Penutup", "enter")
        await settle(pilot)

    assert [(t, a) for t, a, _c in rows(desk)] == [
        ("Pembukaan acara", "Ina"),
        ("Penutup", "Rahmat"),
    ]
    with desk.station.session() as session:
        first = session.scalars(select(LogEntry.id).order_by(LogEntry.id)).first()
        assert first is not None
        history = entry_history(session, first)
    assert [(r.action, r.author) for r in history.revisions] == [("edit", "Ina"), ("delete", "Ina")]


async def test_without_any_name_the_desk_asks_once(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("radiodesk.interviews.senders.login_name", lambda: "")
    app = make_app(desk.station.settings, clock=fixed_clock(NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TextPrompt)
        await pilot.press(*"Nur", "enter")
        await settle(pilot)
        assert isinstance(app.screen, OnAirScreen) and app.operator == "Nur"
        await pilot.press(*"Catatan", "enter")
        await settle(pilot)
    assert [(t, a) for t, a, _c in rows(desk)] == [("Catatan", "Nur")]
