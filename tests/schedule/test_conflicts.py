"""Overlaps are found airing by airing; a colliding date never condemns a whole series."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from radiodesk.schedule import cancel_airing, find_conflicts
from radiodesk.schedule.conflicts import overlapping_pairs
from radiodesk.shows import sync_shows
from tests.conftest import CliResult, Station
from tests.schedule.conftest import NOW, airings, programme

WITA = ZoneInfo("Asia/Makassar")

# Mondays at 06:30 for three weeks: each collides with Kabar Pagi (06:00-07:00) by 30 min;
# its Thursday slot collides with nothing.
DESA = programme(
    "Kabar Desa",
    'key = "senin"\ndays = ["MO"]\nstart = "06:30"\nduration = 60\nfrom = 2026-11-30\n'
    "until = 2026-12-14",
    'key = "kamis"\ndays = ["TH"]\nstart = "14:00"\nduration = 30\nfrom = 2026-11-26',
)


def add_desa(station: Station) -> None:
    (station.home / "shows" / "kabar-desa.toml").write_text(DESA, encoding="utf-8")
    with station.session() as session:
        sync_shows(session, station.settings)


def test_the_demo_grid_has_no_overlaps(station: Station, cli: Callable[..., CliResult]) -> None:
    result = cli("schedule", "check")
    assert result.code == 0 and "No overlapping airings." in result.out
    with station.session() as session:
        assert find_conflicts(session) == ()


def test_a_colliding_series_is_planned_and_reported_airing_by_airing(
    station: Station, cli: Callable[..., CliResult]
) -> None:
    add_desa(station)
    desa = airings(station, "kabar-desa")
    mondays = [b for b in desa if b.planned_start.astimezone(WITA).weekday() == 0]
    thursdays = [b for b in desa if b.planned_start.astimezone(WITA).weekday() == 3]
    assert [b.planned_start.astimezone(WITA).date() for b in mondays] == [
        date(2026, 11, 30), date(2026, 12, 7), date(2026, 12, 14)
    ]  # fmt: skip
    assert thursdays, "the series' other slot is planned whole"
    with station.session() as session:
        pairs = find_conflicts(session, NOW)
    assert len(pairs) == 3
    for pair, monday in zip(pairs, mondays, strict=True):
        assert {pair.first.show_slug, pair.second.show_slug} == {"kabar-pagi", "kabar-desa"}
        assert monday.id in (pair.first.id, pair.second.id)
        assert pair.start == monday.planned_start
        assert pair.minutes == 30

    result = cli("schedule", "check")
    assert result.code == 1
    lines = [line for line in result.out.splitlines() if "overlaps" in line]
    assert len(lines) == 3
    for line, monday in zip(lines, mondays, strict=True):
        assert f"#{monday.id} Kabar Desa" in line and "Kabar Pagi Luwu Utara" in line
    as_json = cli("schedule", "check", "--json")
    assert as_json.code == 1
    assert [p["second"]["id"] for p in json.loads(as_json.out)] == [b.id for b in mondays]

    # Cancelling one colliding airing removes that pair only.
    with station.session() as session:
        cancel_airing(session, station.settings, mondays[0].id, "Libur", now=NOW)
    again = cli("schedule", "check")
    assert again.code == 1 and again.out.count(" overlaps ") == 2
    # A window without collisions is clean.
    window = cli("schedule", "check", "--from", "2026-12-15", "--to", "2026-12-31")
    assert window.code == 0, window.out
    only_second = cli("schedule", "check", "--from", "2026-12-07", "--to", "2026-12-07")
    assert only_second.code == 1 and only_second.out.count(" overlaps ") == 1


def brute_force(spans: list[tuple[datetime, datetime, int]]) -> set[frozenset[int]]:
    found = set()
    for i, (a_start, a_end, a) in enumerate(spans):
        for b_start, b_end, b in spans[i + 1 :]:
            if a_start < b_end and b_start < a_end:
                found.add(frozenset((a, b)))
    return found


def test_the_sweep_finds_what_comparing_every_pair_finds() -> None:
    rng = random.Random(7)
    base = datetime(2026, 11, 23, tzinfo=UTC)
    for _round in range(20):
        spans = []
        for key in range(60):
            start = base + timedelta(minutes=15 * rng.randrange(0, 400))
            spans.append((start, start + timedelta(minutes=15 * rng.randrange(1, 12)), key))
        pairs = overlapping_pairs(spans)
        assert len(pairs) == len({frozenset(p) for p in pairs})
        assert {frozenset(p) for p in pairs} == brute_force(spans)


def test_back_to_back_airings_do_not_overlap() -> None:
    t = datetime(2026, 11, 23, tzinfo=UTC)
    hour = timedelta(hours=1)
    assert overlapping_pairs([(t, t + hour, "a"), (t + hour, t + 2 * hour, "b")]) == []
    assert overlapping_pairs([(t, t + 2 * hour, "a"), (t + hour, t + 3 * hour, "b")]) == [
        ("a", "b")
    ]
