"""The desk warns, on every screen, while a broadcast is on air and the air logger is not
recording it; the warning follows the logger's heartbeat within 10 s."""

from __future__ import annotations

import time
from datetime import timedelta

from textual.pilot import Pilot

from radiodesk import i18n
from radiodesk.clock import fixed_clock
from radiodesk.config import load_settings
from radiodesk.logger.state import set_state
from radiodesk.tui.app import make_app
from radiodesk.tui.widgets.logger_banner import LoggerBanner
from tests.tui.conftest import NOW, Desk, screen_text, settle


def with_logger(desk: Desk) -> None:
    """Give the desk's station a [logger] source (nothing runs it yet)."""
    home = desk.station.home
    with (home / "radiodesk.toml").open("a", encoding="utf-8") as file:
        file.write('\n[logger]\nsource = "http://127.0.0.1:9/live"\n')


async def until(pilot: Pilot[None], shown: bool, limit: float = 10.0) -> float:
    """Seconds until the banner is shown (or hidden); fails after ``limit``."""
    started = time.monotonic()
    banner = pilot.app.screen.query_one(LoggerBanner)
    while banner.has_class("-shown") != shown:
        assert time.monotonic() - started < limit, f"banner still {'hidden' if shown else 'up'}"
        await pilot.pause(0.1)
    return time.monotonic() - started


async def test_on_air_without_a_recording_logger_warns_in_indonesian(desk: Desk) -> None:
    i18n.set_language("id")
    with_logger(desk)
    settings = load_settings(desk.station.home)
    app = make_app(settings, clock=fixed_clock(NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await until(pilot, shown=True)
        text = " ".join(screen_text(app).split())
        assert (
            "Dialog Khusus Banjir Masamba sedang mengudara dan tidak direkam: "
            "logger tidak berjalan." in text
        )
        # The logger starts and records: the warning goes.
        with desk.station.session() as session:
            set_state(session, NOW, "recording", recorded_until=NOW - timedelta(seconds=2))
        await until(pilot, shown=False)
        # It loses its stream: the warning says why, on every screen.
        with desk.station.session() as session:
            set_state(session, NOW, "disconnected", cause="connection_refused")
        await until(pilot, shown=True)
        await pilot.press("f2")
        await settle(pilot)
        await until(pilot, shown=True)
        text = " ".join(screen_text(app).split())
        assert "logger terputus sejak 09:30 (koneksi ditolak)" in text


async def test_no_warning_off_air_or_without_a_logger_source(desk: Desk) -> None:
    # Nothing on air at 11:00: no warning although no logger runs.
    with_logger(desk)
    settings = load_settings(desk.station.home)
    app = make_app(settings, clock=fixed_clock(NOW + timedelta(hours=1, minutes=30)))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.pause(2.5)  # one more look at the logger than the first
        await settle(pilot)
        assert app.logger_warning == ""
        assert not app.screen.query_one(LoggerBanner).has_class("-shown")
    # A station with no logger set up is not nagged (the special is on air at NOW).
    app = desk.app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.logger_warning == ""
        assert not app.screen.query_one(LoggerBanner).has_class("-shown")
