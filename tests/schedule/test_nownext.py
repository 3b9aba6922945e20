"""Now and next at any instant: across midnight, across DST changes, and overruns."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from radiodesk.schedule import now_next, plan_airings, start_broadcast
from tests.conftest import CliResult, Station
from tests.schedule.conftest import NOW, programme

WITA = ZoneInfo("Asia/Makassar")
BERLIN = ZoneInfo("Europe/Berlin")


def at_local(text: str, zone: ZoneInfo = WITA) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=zone).astimezone(UTC)


def test_across_midnight_the_saturday_night_programme_is_on_air(station: Station) -> None:
    at = at_local("2026-11-29 00:30")
    with station.session() as session:
        state = now_next(session, station.settings, at)
    assert state.current is not None and state.current.show_slug == "malam-remaja"
    assert state.current.planned_start == at_local("2026-11-28 23:00")
    assert state.remaining_seconds == 30 * 60
    assert state.elapsed_seconds == 90 * 60
    assert state.overrun_seconds == 0
    assert state.next is not None and state.next.show_slug == "tembang-kenangan"
    assert state.next.planned_start == at_local("2026-11-29 20:00")
    assert state.until_next_seconds == 19.5 * 3600


EDGES = [
    ("2026-11-23 08:00", None, "layanan-masyarakat", 2 * 3600),
    ("2026-11-23 10:00", "layanan-masyarakat", "kabar-pagi", 20 * 3600),
    ("2026-11-23 10:59", "layanan-masyarakat", "kabar-pagi", 19 * 3600 + 60),
    ("2026-11-23 11:00", None, "kabar-pagi", 19 * 3600),
]


def test_edges_of_an_airing(station: Station) -> None:
    for local, current, next_slug, until_next in EDGES:
        with station.session() as session:
            state = now_next(session, station.settings, at_local(local))
        assert (state.current.show_slug if state.current else None) == current, local
        assert state.next is not None and state.next.show_slug == next_slug
        assert state.until_next_seconds == until_next
        if current is None:
            assert state.remaining_seconds is None and state.elapsed_seconds is None


BERLIN_FILES = {
    "lange-nacht.toml": programme(
        "Lange Nacht", 'days = ["SA"]\nstart = "23:00"\nduration = 300\nfrom = 2026-03-01'
    ),
    "nacht.toml": programme(
        "Nachtprogramm", 'days = ["SU"]\nstart = "02:30"\nduration = 60\nfrom = 2026-03-01'
    ),
}


DST_INSTANTS = [
    # Autumn: five hours from 23:00 CEST end at 03:00 CET; 02:30 happens twice.
    (datetime(2026, 10, 25, 0, 30, tzinfo=UTC), 90, 210),  # the first 02:30 (CEST)
    (datetime(2026, 10, 25, 1, 30, tzinfo=UTC), 30, 270),  # the second 02:30 (CET)
    # Spring: five hours from 23:00 CET end at 05:00 CEST; 02:00-03:00 never happens.
    (datetime(2026, 3, 29, 1, 45, tzinfo=UTC), 75, 225),  # 03:45 CEST
]


def test_across_daylight_saving_changes_in_berlin(zone_station: Callable[..., Station]) -> None:
    start = datetime(2026, 3, 1, tzinfo=UTC)
    files = {"lange-nacht.toml": BERLIN_FILES["lange-nacht.toml"]}
    station = zone_station("Europe/Berlin", files, now=start)
    with station.session() as session:
        plan_airings(session, station.settings, start, weeks=36)
    for instant, remaining, elapsed in DST_INSTANTS:
        with station.session() as session:
            state = now_next(session, station.settings, instant)
        assert state.current is not None and state.current.show_slug == "lange-nacht"
        assert state.remaining_seconds == remaining * 60, instant
        assert state.elapsed_seconds == elapsed * 60, instant
        assert state.next is not None
        assert state.next.planned_start.astimezone(BERLIN).strftime("%a %H:%M") == "Sat 23:00"
        assert state.until_next_seconds == (state.next.planned_start - instant).total_seconds()


def test_spring_night_the_skipped_hour_programme_starts_an_hour_late(
    zone_station: Callable[..., Station],
) -> None:
    start = datetime(2026, 3, 1, tzinfo=UTC)
    station = zone_station("Europe/Berlin", {"nacht.toml": BERLIN_FILES["nacht.toml"]}, start)
    with station.session() as session:
        plan_airings(session, station.settings, start, weeks=8)
        before = now_next(session, station.settings, at_local("2026-03-29 01:59", BERLIN))
        during = now_next(session, station.settings, at_local("2026-03-29 03:45", BERLIN))
    assert before.current is None and before.next is not None
    # 01:59 CET to 03:30 CEST is 31 minutes of real time.
    assert before.until_next_seconds == 31 * 60
    assert during.current is not None and during.remaining_seconds == 45 * 60


def test_an_airing_that_runs_over_stays_current_until_stopped(
    station: Station, cli: Callable[..., CliResult]
) -> None:
    with station.session() as session:
        start_broadcast(session, station.settings, None, now=at_local("2026-11-23 10:02"))
        state = now_next(session, station.settings, at_local("2026-11-23 11:05"))
    assert state.current is not None and state.current.status == "on_air"
    assert state.remaining_seconds == 0 and state.overrun_seconds == 5 * 60
    assert state.elapsed_seconds == 63 * 60
    shown = cli("schedule", "now", "--at", "2026-11-23 11:05")
    assert shown.code == 0 and "Running over by 5:00" in shown.out


def test_now_on_the_command_line(station: Station, cli: Callable[..., CliResult]) -> None:
    result = cli("schedule", "now", "--at", "2026-11-29 00:30")
    assert result.code == 0, result.err
    assert "Ruang Remaja Malam Minggu" in result.out and "30:00 left" in result.out
    assert "Tembang Kenangan" in result.out
    data = json.loads(cli("schedule", "now", "--json").out)
    assert datetime.fromisoformat(data["at"]) == NOW
    assert data["current"] is None and data["next"]["show_slug"] == "layanan-masyarakat"
    assert data["until_next_seconds"] == timedelta(hours=2).total_seconds()
