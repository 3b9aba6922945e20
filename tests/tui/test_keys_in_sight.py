"""Every key in sight at 80×24, a list of them on F10 or ?, and the special's form that
keeps what was typed when the schedule refuses it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from radiodesk import i18n
from radiodesk.models import Broadcast
from radiodesk.tui.dialogs.confirm import ConfirmDialog
from radiodesk.tui.dialogs.keys import KeysDialog
from radiodesk.tui.dialogs.schedule_forms import SpecialDialog
from radiodesk.tui.screens.schedule import ScheduleScreen
from radiodesk.tui.widgets.key_bar import KeyBar
from tests.tui.conftest import Desk, screen_text, settle

SCREENS = ["f1", "f2", "f3", "f4", "f5", "f6"]


@pytest.mark.parametrize("lang", ["en", "id"])
async def test_every_shown_key_of_every_screen_is_in_sight_at_80x24(desk: Desk, lang: str) -> None:
    i18n.set_language(lang)
    app = desk.app()
    async with app.run_test(size=(80, 24)) as pilot:
        for key in SCREENS:
            await pilot.press(key)
            await settle(pilot)
            screen = app.screen
            shown = " ".join(screen_text(app).split())
            bar = screen.query_one(KeyBar)
            # The bar is inside the terminal and every key it should show is on it.
            assert bar.region.bottom <= 24 and bar.region.height <= 3, key
            for active in screen.active_bindings.values():
                binding = active.binding
                if binding.show and binding.description:
                    words = f"{app.get_key_display(binding)} {binding.description}"
                    assert words in shown, (key, words)
            help_key = "F10" if "F10" in shown else "f10"
            assert help_key in shown


async def test_f10_lists_every_key_of_the_screen_and_escape_closes_it(desk: Desk) -> None:
    app = desk.app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        on_air = app.screen
        await pilot.press("f10")
        await settle(pilot)
        assert isinstance(app.screen, KeysDialog)
        listed = dict(app.screen.keys)
        for key in ("f7", "f8", "f9", "^e", "^d", "^g", "^o", "f2", "^q"):
            assert key in listed, key
        # The arrows choose the entry Ctrl+E edits: said in the list.
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is on_air


async def test_a_special_starts_now_keeps_its_fields_and_may_overlap_when_confirmed(
    desk: Desk,
) -> None:
    app = desk.app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f2", "a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, SpecialDialog)
        # Now, by default: 09:30 on the desk's clock.
        assert form.query_one("#start").value == "2026-11-23 09:30"
        await pilot.press("ctrl+s")
        await settle(pilot)
        # No title: refused inside the form, which stays open with its fields.
        assert app.screen is form
        assert "needs a title" in screen_text(app)
        assert not app._notifications  # said once, in the form, not in a toast as well
        form.query_one("#title").focus()
        await pilot.press(*"Banjir: posko darurat")
        await pilot.press("ctrl+s")
        await settle(pilot)
        # It overlaps the special planned 09:00-10:00: the desk asks before adding it.
        assert isinstance(app.screen, ConfirmDialog)
        assert "Dialog Khusus Banjir Masamba" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is form and form.query_one("#title").value == "Banjir: posko darurat"
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, ScheduleScreen)
        assert any("Saved: Banjir: posko darurat" in n.message for n in app._notifications)
        assert "Banjir: posko darurat" in screen_text(app)
    with desk.station.session() as session:
        titles = session.scalars(select(Broadcast.title).where(Broadcast.special)).all()
    assert "Banjir: posko darurat" in titles


TEXTUAL_ENGLISH = [
    "palette",
    "Do you want to quit",
    "to quit the app",
    "Search for commands",
    "No matches found",
]


async def test_no_english_of_textuals_reaches_an_indonesian_desk(desk: Desk) -> None:
    i18n.set_language("id")
    app = desk.app()
    seen: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        seen.append(screen_text(app))
        # Ctrl+C where no text field takes it as "copy": Textual's hint how to quit.
        await pilot.press("f2", "ctrl+c")
        await settle(pilot)
        seen.append(screen_text(app))
        notes = [f"{n.title} {n.message}" for n in app._notifications]
        assert any("Ingin keluar" in note and "^q" in note for note in notes), notes
        seen.extend(notes)
        await pilot.press("ctrl+p")
        await settle(pilot)
        seen.append(screen_text(app))
        await pilot.press(*"zzzqqq")
        await pilot.pause(0.8)
        await settle(pilot)
        seen.append(screen_text(app))
        assert "Tidak ada yang cocok" in seen[-1]
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("f10")
        await settle(pilot)
        seen.append(screen_text(app))
    for text in seen:
        for english in TEXTUAL_ENGLISH:
            assert english not in text, english
