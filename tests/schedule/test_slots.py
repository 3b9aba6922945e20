"""Editing a slot from the desk: the programme file is rewritten line by line, checked by
the same parser as `shows sync`, and the slot's future airings are re-planned."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from radiodesk.errors import ConfigError
from radiodesk.schedule import edit_slot, list_slots
from tests.conftest import CliResult, Station
from tests.schedule.conftest import NOW, airings, snapshot

WITA = ZoneInfo("Asia/Makassar")


def kabar_file(station: Station) -> str:
    return (station.home / "shows" / "kabar-pagi.toml").read_text(encoding="utf-8")


def test_editing_a_slot_rewrites_its_lines_and_replans(
    station: Station, cli: Callable[..., CliResult]
) -> None:
    path = station.home / "shows" / "kabar-pagi.toml"
    path.write_text(kabar_file(station).replace('start = "06:00"', 'start = "06:00"  # pagi'))
    before = kabar_file(station)
    with station.session() as session:
        result = edit_slot(
            session, station.settings, "kabar-pagi", "hari-kerja",
            {"start": "07:00", "duration": 90, "until": date(2026, 12, 31)}, now=NOW,
        )  # fmt: skip
    assert result.slot.start_time == time(7) and result.slot.duration_minutes == 90
    assert result.slot.valid_until == date(2026, 12, 31)
    assert result.plan.updated > 0
    after = kabar_file(station)
    assert 'start = "07:00"  # pagi' in after and "duration = 90" in after
    assert "until = 2026-12-31" in after
    # Every other line is as it was.
    changed = [a for a, b in zip(after.splitlines(), before.splitlines(), strict=False) if a != b]
    assert len(changed) == 2
    rows = airings(station, "kabar-pagi")
    assert rows and all(b.planned_start.astimezone(WITA).time() == time(7) for b in rows)
    assert all(b.planned_end - b.planned_start == timedelta(minutes=90) for b in rows)
    assert max(b.planned_start for b in rows).astimezone(WITA).date() <= date(2026, 12, 31)
    # The file and the database agree: a sync finds nothing to do.
    state = snapshot(station)
    sync = cli("shows", "sync")
    assert sync.code == 0 and "9 unchanged" in sync.out
    assert snapshot(station) == state
    (view,) = [s for s in list_slots_of(station) if s.show_slug == "kabar-pagi"]
    assert view.key == "hari-kerja" and view.weekdays == ("MO", "TU", "WE", "TH", "FR")


def list_slots_of(station: Station) -> list:
    with station.session() as session:
        return list(list_slots(session))


BAD = [
    ({"start": "25:00"}, "slots[0].start", "00:00 to 23:59"),
    ({"duration": 0}, "slots[0].duration", "more than 0"),
    ({"duration": 1441}, "slots[0].duration", "24 hours"),
    ({"days": ["MO", "XX"]}, "slots[0].days", "unknown weekday"),
    ({"until": date(2025, 1, 1)}, "slots[0].until", "before"),
    ({"nth": 1, "every": 2}, "slots[0].every", "cannot be combined"),
]


def test_a_bad_edit_names_the_file_and_field_and_changes_nothing(station: Station) -> None:
    before_file = kabar_file(station)
    before = snapshot(station)
    for changes, key, reason in BAD:
        with pytest.raises(ConfigError) as err, station.session() as session:
            edit_slot(session, station.settings, "kabar-pagi", "hari-kerja", changes, now=NOW)
        message = str(err.value)
        assert str(station.home / "shows" / "kabar-pagi.toml") in message
        assert key in message and reason in message, message
    assert kabar_file(station) == before_file
    assert snapshot(station) == before
    assert not [p for p in (station.home / "shows").iterdir() if p.name.startswith(".")]
