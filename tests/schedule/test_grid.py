"""The week grid in station time: text for the terminal, JSON for scripts."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from radiodesk.schedule import add_special, cancel_airing, move_airing, plan_airings, week_grid
from tests.conftest import CliResult, Station
from tests.schedule.conftest import NOW, airings, programme

WITA = ZoneInfo("Asia/Makassar")


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=WITA).astimezone(UTC)


def decorate_week(station: Station) -> dict[str, int]:
    kabar = {b.planned_start: b for b in airings(station, "kabar-pagi")}
    with station.session() as session:
        cancelled = cancel_airing(
            session, station.settings, kabar[local("2026-11-25 06:00")].id, "Libur", now=NOW
        )
        moved = move_airing(
            session, station.settings, kabar[local("2026-11-26 06:00")].id,
            local("2026-11-26 07:00"), "Tukar", now=NOW,
        )  # fmt: skip
        special = add_special(
            session, station.settings, "dialog-interaktif", local("2026-11-27 10:30"), 60,
            "Pidato Bupati", now=NOW, allow_overlap=True,
        )  # fmt: skip
    return {"cancelled": cancelled.id, "moved": moved.id, "special": special.id}


def test_the_text_grid_marks_what_changed(station: Station, cli: Callable[..., CliResult]) -> None:
    ids = decorate_week(station)
    result = cli("schedule", "--week", "2026-11-26")
    assert result.code == 0, result.err
    text = result.out
    days = [f"{name}, {d} November 2026" for name, d in zip(
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
        range(23, 30), strict=True)]  # fmt: skip
    lines = text.splitlines()
    positions = [lines.index(day) for day in days]
    assert positions == sorted(positions)
    assert "(WITA)" in text.splitlines()[0]

    def line_of(broadcast_id: int) -> str:
        return next(line for line in text.splitlines() if f"#{broadcast_id} " in line + " ")

    assert "cancelled" in line_of(ids["cancelled"])
    assert "07:00–08:00" in line_of(ids["moved"]) and "moved" in line_of(ids["moved"])
    special = line_of(ids["special"])
    assert "10:30–11:30" in special and "special" in special and "overlaps" in special
    # Across midnight: on Saturday with "+1 day", continued on Sunday.
    remaja = [line for line in text.splitlines() if "Ruang Remaja" in line]
    assert len(remaja) == 2
    assert "23:00–01:00 (+1 day)" in remaja[0]
    assert "…–01:00" in remaja[1] and "(continued)" in remaja[1]
    assert lines.index(remaja[1]) > lines.index("Sunday, 29 November 2026")
    assert "2 overlapping pairs this week" in text  # the special collides twice


def test_the_json_grid_has_seven_days_in_station_time(
    station: Station, cli: Callable[..., CliResult]
) -> None:
    ids = decorate_week(station)
    result = cli("schedule", "--json")
    assert result.code == 0, result.err
    grid = json.loads(result.out)
    assert grid["week_start"] == "2026-11-23" and grid["week_end"] == "2026-11-29"
    assert [d["day"] for d in grid["days"]] == [
        (date(2026, 11, 23) + timedelta(days=i)).isoformat() for i in range(7)
    ]
    items = [i for d in grid["days"] for i in d["items"]]
    assert all(i["local_start"].endswith("+08:00") for i in items)
    for day in grid["days"]:
        starts = [i["local_start"] for i in day["items"]]
        assert starts == sorted(starts)
    special = next(i for i in items if i["airing"]["id"] == ids["special"])
    assert special["airing"]["special"] and len(special["overlaps"]) == 2
    assert len(grid["overlaps"]) == 2
    sunday = grid["days"][6]["items"]
    assert sunday[0]["continued"] and sunday[0]["airing"]["show_slug"] == "malam-remaja"


def test_a_week_with_a_clock_change_keeps_local_times(
    zone_station: Callable[..., Station],
) -> None:
    start = datetime(2026, 10, 1, tzinfo=UTC)
    station = zone_station(
        "Europe/Berlin",
        {"morgen.toml": programme("Morgen", 'days = ["SA", "SU"]\nstart = "06:00"\n'
                                            "duration = 60\nfrom = 2026-03-01")},
        now=start,
    )  # fmt: skip
    with station.session() as session:
        plan_airings(session, station.settings, start)
        grid = week_grid(session, station.settings, date(2026, 10, 25))
    saturday, sunday = grid.days[5].items[0], grid.days[6].items[0]
    assert saturday.local_start.hour == sunday.local_start.hour == 6
    assert saturday.airing.planned_start.hour == 4 and sunday.airing.planned_start.hour == 5
    assert str(saturday.local_start.tzinfo) == "Europe/Berlin"
