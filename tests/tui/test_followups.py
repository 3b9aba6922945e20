"""The Follow-ups screen: forwarding asks the agency, answering asks the answer; closing."""

from __future__ import annotations

from sqlalchemy import select
from textual.widgets import Input

from radiodesk.interviews import add_entry
from radiodesk.models import LogEntry
from radiodesk.tui.dialogs.followup import FollowUpDialog
from radiodesk.tui.dialogs.prompt import TextPrompt
from radiodesk.tui.screens.followups import FollowupsScreen
from tests.tui.conftest import NOW, Desk, screen_text, settle, text_with


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


async def test_enter_opens_the_whole_item_and_records_the_answer(desk: Desk) -> None:
    with (desk.station.home / "radiodesk.toml").open("a", encoding="utf-8") as settings:
        settings.write(
            '\n[[agency]]\nname = "Dinas PUPR"\n'
            'full_name = "Dinas Pekerjaan Umum dan Penataan Ruang"\naliases = ["PU"]\n'
        )
    with desk.station.session() as session:
        add_entry(
            session, desk.special_id, "Jembatan gantung Sabbang rusak", "complaint", now=NOW,
            caller_name="Pak Rudi", caller_location="Sabbang", channel="phone", agency="PU",
        )  # fmt: skip
        add_entry(session, desk.special_id, "Formulir PPID di mana?", "question", now=NOW)
    app = desk.app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, FollowupsScreen)
        # Stored as "PU" (typed before the list existed): grouped under the list's short name.
        assert screen.items[0].agency == "PU"
        text = await text_with(pilot, "Dinas PUPR", "⏎ Open / answer", "open 2")
        assert "Dinas PUPR" in text
        assert "⏎ Open / answer" in text  # in the key bar at 80×24
        assert "open 2" in text

        await pilot.press("enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, FollowUpDialog)
        parts = ("Jembatan gantung Sabbang rusak", "Sabbang", "Pak Rudi", "phone")
        shown = await text_with(pilot, *parts)
        for part in parts:
            assert part in shown, part
        await pilot.press(*"Dicek tim Senin depan", "enter")
        await settle(pilot)
        assert app.screen is screen
        # Recorded with the agency under its short name.
        assert (screen.items[0].status, screen.items[0].agency, screen.items[0].answer) == (
            "answered",
            "Dinas PUPR",
            "Dicek tim Senin depan",
        )
        # The counts follow: one answered, one still open.
        assert "open 1 · answered 1" in await text_with(pilot, "open 1 · answered 1")

        # Opened again: the answer and the history are there.
        await pilot.press("enter")
        await settle(pilot)
        shown = await text_with(pilot, "Dicek tim Senin depan", "History")
        assert "Dicek tim Senin depan" in shown and "History" in shown
        await pilot.press("escape")
        await settle(pilot)

        # The question has no agency: clearing nothing and saving nothing closes the dialog;
        # an agency typed under another name is stored under its short name (forwarded).
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, FollowUpDialog)
        await pilot.press(*"pu", "enter")
        await settle(pilot)
        assert (screen.items[1].status, screen.items[1].agency) == ("forwarded", "Dinas PUPR")

        # A recorded answer cannot be emptied by mistake: refused inside the dialog.
        await pilot.press("up", "enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, FollowUpDialog)
        answer = dialog.query_one("#answer", Input)
        answer.value = ""
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is dialog
        assert "answer recorded stays" in await text_with(pilot, "answer recorded stays")
        await pilot.press("escape")
        await settle(pilot)

    rows = followups(desk)
    assert rows[0][:4] == ("complaint", "answered", "Dinas PUPR", "Dicek tim Senin depan")
    assert rows[1][:3] == ("question", "forwarded", "Dinas PUPR")
