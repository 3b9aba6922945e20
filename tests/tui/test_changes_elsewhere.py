"""What another program commits shows in an open desk within 2 s, and the log follows it."""

from __future__ import annotations

import asyncio
import os
import sys
import time
from asyncio.subprocess import PIPE
from collections.abc import Callable

from radiodesk.changes import ChangeWatch
from radiodesk.tui.screens.on_air import OnAirScreen
from radiodesk.tui.widgets.live_log import LiveLogList
from tests.tui.conftest import NOW, Desk, settle


async def log_from_cli(desk: Desk, text: str) -> tuple[float, asyncio.subprocess.Process]:
    """``radiodesk log now TEXT`` in a process of its own, on the desk's station and clock;
    returns the moment (monotonic) it said the entry was logged (it says so after the
    commit; the test reads no database meanwhile: the desk has the event loop), and the
    process, still ending."""
    env = dict(os.environ, RADIODESK_NOW=NOW.isoformat(), RADIODESK_HOME=str(desk.station.home))
    env["RADIODESK_DATABASE_URL"] = desk.station.settings.database_url
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "radiodesk", "log", "now", text, env=env, stdout=PIPE
    )
    assert process.stdout is not None
    said = await process.stdout.readline()
    committed = time.monotonic()
    assert b"#" in said, said
    return committed, process


async def test_an_entry_from_the_cli_shows_in_the_open_desk_within_two_seconds(
    desk: Desk,
) -> None:
    app = desk.app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, OnAirScreen)
        log = screen.query_one(LiveLogList)
        seen: list[float] = []
        for n in range(1, 4):
            written, process = await log_from_cli(desk, f"dari CLI {n}")
            while time.monotonic() - written < 5:
                if any(e.text == f"dari CLI {n}" for e in log.entries):
                    break
                await asyncio.sleep(0.02)
            seen.append(time.monotonic() - written)
            assert await process.wait() == 0
            # Followed: the newest entry is the highlighted one, in view.
            assert log.selected_entry is not None
            assert log.selected_entry.text == f"dari CLI {n}"
        print("CLI entries in the desk after their commit:", [f"{s:.2f} s" for s in seen])
        assert max(seen) < 2.0

        # Scrolled back to an older entry: a new one arrives, the highlight stays put.
        await pilot.press("up")
        await settle(pilot)
        assert log.selected_entry is not None and log.selected_entry.text == "dari CLI 2"
        written, process = await log_from_cli(desk, "dari CLI 4")
        while not any(e.text == "dari CLI 4" for e in log.entries):
            assert time.monotonic() - written < 2.0
            await asyncio.sleep(0.02)
        assert await process.wait() == 0
        assert log.selected_entry.text == "dari CLI 2"


def quiet(watch: ChangeWatch, desk: Desk, step: Callable[[], object] = lambda: None) -> bool:
    """The watch sees no commit across ``step``. On SQLite its stamp is the file's own: one look
    decides. On PostgreSQL it is the server's (see radiodesk.changes): a commit in any other
    database (another pytest-xdist worker's test, another program) moves it too, so the look is
    tried again until one try has no such commit in it; a ``step`` that moved the stamp itself
    would fail every try."""
    tries = 1 if desk.station.settings.database_url.startswith("sqlite") else 30
    for _ in range(tries):
        step()
        if not watch.changed():  # a try that saw a change has taken the new stamp
            return True
    return False


def test_the_watch_sees_commits_of_other_connections_only(desk: Desk) -> None:
    def write_nothing() -> None:
        with desk.station.session() as session:
            session.connection()  # a unit of work that writes nothing

    watch = ChangeWatch(desk.station.settings)
    try:
        assert not watch.changed()  # the first look only takes the stamp
        assert quiet(watch, desk, write_nothing)
        with desk.station.session() as session:
            from radiodesk.interviews import add_entry

            add_entry(session, desk.special_id, "catatan", now=NOW)
        assert watch.changed()
        assert quiet(watch, desk)  # told once
    finally:
        watch.close()
