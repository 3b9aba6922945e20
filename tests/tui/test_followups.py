"""The Follow-ups screen: forwarding asks the agency, answering asks the answer; closing."""

from __future__ import annotations

from sqlalchemy import select

from radiodesk.interviews import add_entry
from radiodesk.models import LogEntry
from radiodesk.tui.dialogs.prompt import TextPrompt
from radiodesk.tui.screens.followups import FollowupsScreen
from tests.tui.conftest import NOW, Desk, screen_text, settle


def followups(desk: Desk) -> list[tuple[object, ...]]:
    with desk.station.session() as session:
        return [
            (e.kind, e.followup_status, e.agency, e.answer, e.forwarded_at, e.closed_at)
            for e in session.scalars(select(LogEntry).order_by(LogEntry.id))
        ]


async def test_forward_answer_and_close_listeners_calls(desk: Desk) -> None:
    with desk.station.session() as session:
        for text, kind, agency in (
            ("Jalan ke Rampi putus", "complaint", "Dinas PU"),
            ("Kapan bantuan beras datang?", "question", None),
        ):
            add_entry(session, desk.special_id, text, kind, now=NOW, agency=agency)
    app = desk.app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, FollowupsScreen)
        assert [i.text for i in screen.items] == [
            "Jalan ke Rampi putus",
            "Kapan bantuan beras datang?",
        ]
        assert "Open questions and complaints: 2" in screen_text(app)

        # Forwarded: the agency is asked, the one known already filled in (typing replaces it).
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        prompt = app.screen
        assert isinstance(prompt, TextPrompt) and prompt.value == "Dinas PU"
        await pilot.press(*"Dinas PUPR", "enter")
        await settle(pilot)
        assert (screen.items[0].status, screen.items[0].agency) == ("forwarded", "Dinas PUPR")
        assert "Dinas PUPR" in screen_text(app) and "forwarded" in screen_text(app)

        # Answered: the answer is asked; an empty one is refused.
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, TextPrompt)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TextPrompt)
        await pilot.press(*"Diperbaiki minggu depan", "enter")
        await settle(pilot)
        assert screen.items[0].status == "answered"

        # Closed: nothing more to ask; it leaves the open list for the closed one.
        await pilot.press("down", "s")
        await settle(pilot)
        await pilot.press("down", "down", "down", "enter")
        await settle(pilot)
        assert [i.text for i in screen.items] == ["Jalan ke Rampi putus"]
        await pilot.press("c")
        await settle(pilot)
        assert "Closed questions and complaints: 1" in screen_text(app)
        assert [i.text for i in screen.items] == ["Kapan bantuan beras datang?"]

    complaint, question = followups(desk)
    assert complaint[:4] == ("complaint", "answered", "Dinas PUPR", "Diperbaiki minggu depan")
    assert complaint[4] == NOW
    assert question[:2] == ("question", "closed") and question[5] == NOW
