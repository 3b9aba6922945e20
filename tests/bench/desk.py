"""Benchmark of the studio desk on a station with 100,000 broadcasts.

    python tests/bench/desk.py [--broadcasts N]

Builds a throw-away station home (SQLite), bulk-inserts N broadcasts with SQLAlchemy Core
(one every 30 minutes, back from the fixed "now"), and measures in a headless terminal of
120×40:

1. the desk's first frame: from building the app with ``make_app`` until the On Air screen
   has drawn the broadcast on air, its guests and its log;
2. the archive's first frame: from pressing F4 until the list of every broadcast has drawn
   its first rows (one count and one page);
3. scrolling: Page Down twenty times, then End (the oldest of N broadcasts), each until the
   rows on screen are drawn;
4. every screen switch (F2 Schedule, F3 Guests, F4 Archive, F5 Publish, F6 Follow-ups, F1 On
   Air), first visit and return, each from the key until the screen shown has no read
   running and has drawn (at 80×24, the smallest terminal the desk supports).

The baselines, run in the same process: an empty Textual app (one Static) to its first
frame, one key press through the test pilot on it, and a switch between two screens of an
empty app with modes. Goal: desk and archive <= 1 s each; each screen switch <= 300 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from sqlalchemy import insert, select  # noqa: E402
from textual.app import App, ComposeResult  # noqa: E402
from textual.pilot import Pilot  # noqa: E402
from textual.screen import Screen  # noqa: E402
from textual.widgets import Static  # noqa: E402
from textual.worker import WorkerState  # noqa: E402

from radiodesk import db  # noqa: E402
from radiodesk.clock import fixed_clock  # noqa: E402
from radiodesk.config import load_settings  # noqa: E402
from radiodesk.models import Broadcast, Show  # noqa: E402
from radiodesk.shows import sync_shows  # noqa: E402
from radiodesk.tui.app import make_app  # noqa: E402
from radiodesk.tui.screens.archive import ArchiveScreen  # noqa: E402
from radiodesk.tui.screens.base import DeskScreen  # noqa: E402
from radiodesk.tui.screens.on_air import OnAirScreen  # noqa: E402
from radiodesk.tui.widgets.archive_list import ArchiveList  # noqa: E402
from radiodesk.tui.widgets.chrome import SCREENS  # noqa: E402

NOW = datetime(2026, 11, 23, 1, 30, tzinfo=UTC)  # 09:30 WITA
SIZE = (120, 40)
SWITCH_SIZE = (80, 24)
BATCH = 5000


def build_station(root: Path, count: int) -> Path:
    """A station home with the demo programmes and ``count`` broadcasts, the last on air."""
    home = root / "home"
    (home / "shows").mkdir(parents=True)
    (home / "archive").mkdir()
    shutil.copy(REPO / "radiodesk.toml", home / "radiodesk.toml")
    for f in (REPO / "shows").glob("*.toml"):
        shutil.copy(f, home / "shows" / f.name)
    settings = load_settings(home)
    db.upgrade(settings)
    with db.unit_of_work(settings) as session:
        sync_shows(session, settings)
        show_ids = list(session.scalars(select(Show.id).order_by(Show.id)))
    engine = db.engine_for(settings)
    started = time.perf_counter()
    with engine.begin() as conn:
        rows = []
        for i in range(count):
            start = NOW - timedelta(minutes=30 * i + 10)
            rows.append(
                {
                    "show_id": show_ids[i % len(show_ids)],
                    "planned_start": start,
                    "planned_end": start + timedelta(minutes=30),
                    "actual_start": start if i == 0 else None,
                    "status": "on_air" if i == 0 else "aired",
                    "special": False,
                    "moved": False,
                    "topic": f"Topik siaran nomor {i}",
                    "notes": "",
                    "access_class": "open",
                    "handover": False,
                    "created_at": NOW,
                    "updated_at": NOW,
                }
            )
            if len(rows) == BATCH:
                conn.execute(insert(Broadcast.__table__), rows)
                rows = []
        if rows:
            conn.execute(insert(Broadcast.__table__), rows)
    print(f"station: {count:,} broadcasts inserted in {time.perf_counter() - started:.1f} s")
    return home


async def until(pilot: Pilot[None], ready: Callable[[], bool], limit: float = 30.0) -> None:
    """Let the app run until ``ready()`` holds, then let it draw that frame."""
    deadline = time.perf_counter() + limit
    while not ready():
        if time.perf_counter() > deadline:
            raise TimeoutError("the desk did not get there in time")
        await asyncio.sleep(0.002)
    await pilot.pause()


class Empty(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("radiodesk")


async def baseline() -> tuple[float, float]:
    """The empty app's first frame, and one key press through the test pilot (seconds)."""
    started = time.perf_counter()
    app = Empty()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        first = time.perf_counter() - started
        started = time.perf_counter()
        for _ in range(20):
            await pilot.press("x")
            await pilot.pause()
        return first, (time.perf_counter() - started) / 20


class Plain(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Static(type(self).__name__)


class One(Plain):
    pass


class Two(Plain):
    pass


class TwoModes(App[None]):
    MODES = {"one": One, "two": Two}
    DEFAULT_MODE = "one"
    BINDINGS = [("f1", "switch_mode('one')"), ("f2", "switch_mode('two')")]


async def baseline_switch() -> float:
    """An empty app's switch between two screens (mean of 20, seconds)."""
    app = TwoModes()
    async with app.run_test(size=SWITCH_SIZE) as pilot:
        await pilot.pause()
        started = time.perf_counter()
        for i in range(20):
            target = Two if i % 2 == 0 else One
            await pilot.press("f2" if target is Two else "f1")
            await until(pilot, functools.partial(shown, app, target))
        return (time.perf_counter() - started) / 20


def shown(app: App[None], screen: type[Screen[None]]) -> bool:
    return isinstance(app.screen, screen)


def idle(app: App[None], mode: str) -> bool:
    """The screen of ``mode`` is shown and none of its reads is still running."""
    screen = app.screen
    if not isinstance(screen, DeskScreen) or mode != screen.MODE:
        return False
    return not any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers)


async def switches(home: Path) -> list[tuple[str, float, float]]:
    """(screen, first visit, return) in seconds for every screen of the desk, at 80×24."""
    settings = load_settings(home)
    app = make_app(settings, clock=fixed_clock(NOW))
    order = [s for s in SCREENS if s[0] != "on_air"] + [s for s in SCREENS if s[0] == "on_air"]
    times: dict[str, list[float]] = {}
    async with app.run_test(size=SWITCH_SIZE) as pilot:
        await until(pilot, lambda: idle(app, "on_air"))
        for _round in range(2):
            for mode, key, _title in order:
                started = time.perf_counter()
                await pilot.press(key.lower())
                await until(pilot, functools.partial(idle, app, mode))
                times.setdefault(mode, []).append(time.perf_counter() - started)
    return [(title, times[mode][0], times[mode][1]) for mode, _key, title in order]


async def desk(home: Path) -> dict[str, float]:
    settings = load_settings(home)
    figures: dict[str, float] = {}
    started = time.perf_counter()
    app = make_app(settings, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        await until(
            pilot, lambda: isinstance(app.screen, OnAirScreen) and app.screen.state is not None
        )
        figures["desk"] = time.perf_counter() - started

        started = time.perf_counter()
        await pilot.press("f4")
        archive = (
            app.screen.query_one(ArchiveList) if isinstance(app.screen, ArchiveScreen) else None
        )
        assert archive is not None
        await until(pilot, lambda: 0 in archive.rows)
        figures["archive"] = time.perf_counter() - started
        figures["archive_rows"] = archive.total

        archive.focus()
        await pilot.pause()
        started = time.perf_counter()
        for _ in range(20):
            await pilot.press("pagedown")
            await until(pilot, lambda: archive.cursor in archive.rows)
        figures["pagedown"] = (time.perf_counter() - started) / 20

        started = time.perf_counter()
        await pilot.press("end")
        await until(pilot, lambda: archive.cursor in archive.rows)
        figures["end"] = time.perf_counter() - started
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--broadcasts", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = build_station(Path(tmp), args.broadcasts)
        base, key = min(asyncio.run(baseline()) for _ in range(3))
        figures = asyncio.run(desk(home))
        switch_base = min(asyncio.run(baseline_switch()) for _ in range(3))
        switched = asyncio.run(switches(home))
        db.dispose_engines()
    print(f"baseline: empty Textual app, first frame       {base * 1000:7.0f} ms")
    print(
        f"desk:     On Air first frame (loaded)          {figures['desk'] * 1000:7.0f} ms"
        f"  ({figures['desk'] / base:.1f}× baseline; goal <= 1000 ms)"
    )
    print(
        f"archive:  first frame of {int(figures['archive_rows']):,} broadcasts   "
        f"{figures['archive'] * 1000:7.0f} ms  ({figures['archive'] / base:.1f}× baseline; goal <= 1000 ms)"
    )
    print(f"baseline: one key press through the pilot        {key * 1000:7.1f} ms")
    print(
        f"scroll:   Page Down, rows drawn (mean of 20)   {figures['pagedown'] * 1000:7.1f} ms"
        f"  ({figures['pagedown'] / key:.1f}× a key press)"
    )
    print(f"scroll:   End, oldest broadcast drawn          {figures['end'] * 1000:7.1f} ms")
    print(f"baseline: empty app, switch between 2 screens  {switch_base * 1000:7.1f} ms")
    for title, first, back in switched:
        worst = max(first, back)
        print(
            f"switch:   {title:<14} first {first * 1000:6.0f} ms, again {back * 1000:6.0f} ms"
            f"  ({worst / switch_base:.0f}× baseline; goal <= 300 ms"
            f"{'' if worst <= 0.3 else ', MISSED'})"
        )


if __name__ == "__main__":
    main()
