"""Keys at full speed: every Enter one entry, in order; pastes kept; keys during a switch.

The keys are handed to the desk the way a terminal does, all at once, with no pause for
the desk to catch up between them (``Pilot.press`` waits after each key; a typist doesn't).
"""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta

from sqlalchemy import select
from textual import events

from radiodesk import db
from radiodesk.clock import fixed_clock
from radiodesk.models import LogEntry
from radiodesk.schedule.nownext import on_air_at
from radiodesk.tui.app import DeskApp, make_app
from radiodesk.tui.dialogs.paste import PasteDialog
from radiodesk.tui.dialogs.schedule_forms import SpecialDialog
from radiodesk.tui.screens.on_air import OnAirScreen
from radiodesk.tui.screens.schedule import ScheduleScreen
from radiodesk.tui.widgets.live_log import LiveLogList
from tests.tui.conftest import NOW, Desk, settle

NAMED = {" ": "space", "?": "question_mark", "-": "minus", ".": "full_stop", ",": "comma"}


def key_events(*keys: str) -> list[events.Event]:
    """Key events for ``keys``: a named key ("enter", "f2", "escape") or text, char by char."""
    out: list[events.Event] = []
    for key in keys:
        if key in ("enter", "escape", "tab") or key.startswith(("f", "ctrl+")) and len(key) > 1:
            char = {"enter": "\r", "escape": "\x1b", "tab": "\t"}.get(key)
            out.append(events.Key(key, char))
        else:
            out.extend(events.Key(NAMED.get(c, c), c) for c in key)
    return out


def burst(app: DeskApp, *items: str | events.Event) -> None:
    """Hand every key (and paste) to the app at once, as a terminal's reader does."""
    driver = app._driver
    assert driver is not None
    for item in items:
        for event in key_events(item) if isinstance(item, str) else [item]:
            event.set_sender(app)
            driver.send_message(event)


def saved_texts(desk: Desk) -> list[str]:
    with desk.station.session() as session:
        return list(session.scalars(select(LogEntry.text).order_by(LogEntry.at, LogEntry.id)))


async def wait_for_rows(desk: Desk, app: DeskApp, count: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and len(saved_texts(desk)) < count:
        await asyncio.sleep(0.05)
    await settle(app._pilot)  # type: ignore[attr-defined]


async def test_fifty_entries_typed_without_a_pause_are_fifty_rows_in_order(desk: Desk) -> None:
    app = desk.app()
    async with app.run_test(size=(80, 24)) as pilot:
        app._pilot = pilot  # type: ignore[attr-defined]
        await settle(pilot)
        typed = [f"cepat {n}" for n in range(1, 51)]
        started = time.monotonic()
        burst(app, *(k for text in typed for k in (text, "enter")))
        await wait_for_rows(desk, app, 50)
        seconds = time.monotonic() - started
        assert saved_texts(desk) == typed
        screen = app.screen
        assert isinstance(screen, OnAirScreen)
        assert [e.text for e in screen.query_one(LiveLogList).entries] == typed
        assert screen.query_one("#entry").value == ""
        print(f"50 entries typed at once: all saved in {seconds:.2f} s")


async def test_a_pasted_message_is_one_entry_with_its_lines_or_one_per_line(desk: Desk) -> None:
    message = "Pak, jembatan di Sabbang rusak.\n\nMohon Dinas PUPR cek.\nTerima kasih"
    app = desk.app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        line = app.screen.query_one("#entry")
        await pilot.press(*"ketik")
        burst(app, events.Paste(message))
        await settle(pilot)
        assert isinstance(app.screen, PasteDialog)
        await pilot.press("enter")  # the first choice: one entry, its lines kept
        await settle(pilot)
        assert saved_texts(desk) == [
            "Pak, jembatan di Sabbang rusak.\nMohon Dinas PUPR cek.\nTerima kasih"
        ]
        # What was being typed is left alone; one line per entry when the operator says so.
        assert line.value == "ketik"
        burst(app, events.Paste(message), "p")
        await settle(pilot)
        assert saved_texts(desk)[1:] == [
            "Pak, jembatan di Sabbang rusak.",
            "Mohon Dinas PUPR cek.",
            "Terima kasih",
        ]
        # A paste of one line goes into the line, even after an empty first line.
        burst(app, events.Paste("\n  di Baebunta\n"))
        await settle(pilot)
        assert line.value == "ketik  di Baebunta"


async def test_keys_during_screen_switches_go_to_the_screen_shown(desk: Desk) -> None:
    app = desk.app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        on_air = app.screen
        line = on_air.query_one("#entry")
        await pilot.press(*"diketik")
        # F2 then `a` opens the special's form on the Schedule screen, not an `a` in the line.
        burst(app, "f2", "a")
        await settle(pilot)
        assert isinstance(app.screen, SpecialDialog)
        assert line.value == "diketik"
        burst(app, "escape", "f6", "s", "escape", "f1", "f3", "a", "escape", "f1", "x")
        await settle(pilot)
        assert app.screen is on_air
        assert line.value == "diketikx"
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, ScheduleScreen)


async def test_entries_refused_with_nothing_on_air_stay_in_the_line_in_order(desk: Desk) -> None:
    """Nothing is on air: each refused text goes back into the line, none lost, in the order
    typed, however fast the next one follows."""
    with db.unit_of_work(desk.station.settings) as session:
        quiet = next(
            NOW + timedelta(hours=h)
            for h in range(1, 72)
            if on_air_at(session, NOW + timedelta(hours=h)) is None
        )
    app = make_app(desk.station.settings, clock=fixed_clock(quiet))
    async with app.run_test(size=(80, 24)) as pilot:
        app._pilot = pilot  # type: ignore[attr-defined]
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, OnAirScreen) and screen.state is not None
        assert screen.state.current is None
        burst(app, "satu", "enter", "dua", "enter", "tiga")
        await settle(pilot)
        assert screen.query_one("#entry").value == "satu dua tiga"
        assert saved_texts(desk) == []
