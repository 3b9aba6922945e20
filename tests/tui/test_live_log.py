"""On Air's live log: a listener's call with its details; deleting, restoring, editing it."""

from __future__ import annotations

from sqlalchemy import select

from radiodesk.models import LogEntry
from radiodesk.tui.dialogs.confirm import ConfirmDialog
from radiodesk.tui.dialogs.edit_entry import EditEntryDialog
from radiodesk.tui.dialogs.listener import ListenerDialog
from radiodesk.tui.screens.on_air import OnAirScreen
from radiodesk.tui.widgets.live_log import LiveLogList
from tests.tui.conftest import Desk, screen_text, settle


def log_rows(desk: Desk) -> list[tuple[object, ...]]:
    with desk.station.session() as session:
        return [
            (e.kind, e.text, e.caller_name, e.caller_location, e.channel, e.agency, e.deleted)
            for e in session.scalars(select(LogEntry).order_by(LogEntry.id))
        ]


async def test_a_listeners_call_with_its_details_then_delete_and_restore(desk: Desk) -> None:
    app = desk.app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, OnAirScreen)
        line = screen.query_one("#entry")
        log = screen.query_one(LiveLogList)

        # The question typed in the line is carried into the form; the caller comes next.
        await pilot.press(*"Kapan posko dibuka?", "f8")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ListenerDialog)
        assert form.query_one("#text").value == "Kapan posko dibuka?"
        assert app.focused is form.query_one("#caller")
        await pilot.press(*"Ibu Rina", "tab", *"Baebunta", "tab", "right", "right")
        await pilot.press("tab", *"Dinas Kesehatan", "enter")  # filed as Dinkes: the demo list
        await settle(pilot)
        assert app.screen is screen and app.focused is line and line.value == ""
        assert "Ibu Rina, Baebunta, WhatsApp → Dinkes" in screen_text(app)

        # A complaint: Escape leaves the text in the line; Enter without an agency is refused.
        await pilot.press(*"Lampu jalan mati", "f9")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen and line.value == "Lampu jalan mati"
        await pilot.press("f9")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ListenerDialog)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is form and app.focused is form.query_one("#agency")
        assert "A complaint needs the agency" in screen_text(app)
        await pilot.press(*"PLN", "enter")
        await settle(pilot)
        assert app.screen is screen and line.value == ""
        assert [(e.kind, e.agency) for e in log.entries] == [
            ("question", "Dinkes"),
            ("complaint", "PLN ULP Masamba"),
        ]
        assert log_rows(desk) == [
            (
                "question",
                "Kapan posko dibuka?",
                "Ibu Rina",
                "Baebunta",
                "whatsapp",
                "Dinkes",
                False,
            ),
            ("complaint", "Lampu jalan mati", "", "", "phone", "PLN ULP Masamba", False),
        ]

        # Delete the question, after saying no once; it stays in view, struck through.
        await pilot.press("up", "ctrl+d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "Kapan posko dibuka?" in app.screen.question
        await pilot.press("n")
        await settle(pilot)
        assert log_rows(desk)[0][-1] is False
        await pilot.press("ctrl+d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert [e.deleted for e in log.entries] == [True, False]
        text = screen_text(app)
        assert "Kapan posko dibuka? — Ibu Rina" in text and "(deleted)" in text
        assert "Restore entry" in text and "Deleted the entry of 09:30." in text
        assert log_rows(desk)[0][-1] is True

        # A deleted entry is not edited; the same key restores it.
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert app.screen is screen and "Ctrl+D restores it first" in screen_text(app)
        await pilot.press("ctrl+d")
        await settle(pilot)
        assert "Restore the entry of 09:30" in app.screen.question  # type: ignore[attr-defined]
        await pilot.press("y")
        await settle(pilot)
        assert [e.deleted for e in log.entries] == [False, False]
        assert "(deleted)" not in screen_text(app) and "Delete entry" in screen_text(app)

        # Editing a listener's entry reaches the caller's details too.
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert isinstance(app.screen, EditEntryDialog)
        await pilot.press("tab", "tab", "tab", *"Masamba", "enter")
        await settle(pilot)
        assert "Ibu Rina, Masamba, WhatsApp → Dinkes (edited)" in screen_text(app)
        assert log_rows(desk)[0][3] == "Masamba"

    assert [row[-1] for row in log_rows(desk)] == [False, False]
    with desk.station.session() as session:
        question = session.scalars(select(LogEntry).order_by(LogEntry.id)).first()
        assert question is not None
        assert [r.action for r in question.revisions] == ["delete", "restore", "edit"]
