"""Specials, cancellations and moves through the command line: each kept in the history,
overlaps refused unless allowed, bad input refused with one line and nothing written."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from radiodesk.models import Broadcast
from tests.conftest import CliResult, Station
from tests.schedule.conftest import airings, programme, snapshot

WITA = ZoneInfo("Asia/Makassar")


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=WITA).astimezone(UTC)


def one_line(result: CliResult) -> str:
    assert result.code == 1, (result.out, result.err)
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.err, result.err
    return lines[0]


def find(station: Station, slug: str, start: str) -> Broadcast:
    at = local(start)
    return next(b for b in airings(station, slug) if b.planned_start == at)


def history(cli: Callable[..., CliResult], broadcast_id: int) -> list[dict]:
    result = cli("schedule", "history", str(broadcast_id), "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["broadcast"]["id"] == broadcast_id
    return data["changes"]


def test_a_special_is_added_in_station_time_with_its_reason(
    station: Station, cli: Callable[..., CliResult]
) -> None:
    result = cli(
        "schedule", "special", "dialog-interaktif",
        "--start", "2026-11-30 14:00", "--duration", "60",
        "--title", "Siaran Khusus: Pidato Bupati Hari Jadi Luwu Utara",
        "--reason", "Hari jadi kabupaten",
    )  # fmt: skip
    assert result.code == 0, result.err
    specials = [b for b in airings(station) if b.special]
    assert len(specials) == 1
    special = specials[0]
    assert special.planned_start == datetime(2026, 11, 30, 6, 0, tzinfo=UTC)
    assert special.planned_end - special.planned_start == timedelta(minutes=60)
    assert special.slot_id is None and special.occurrence is None
    assert special.show.slug == "dialog-interaktif"
    assert special.title == "Siaran Khusus: Pidato Bupati Hari Jadi Luwu Utara"
    assert f"#{special.id}" in result.out and "Pidato Bupati" in result.out
    changes = history(cli, special.id)
    assert [(c["action"], c["reason"]) for c in changes] == [("special", "Hari jadi kabupaten")]


def test_an_overlapping_special_is_refused_unless_allowed(
    station: Station, cli: Callable[..., CliResult]
) -> None:
    before = snapshot(station)
    args = ["schedule", "special", "kabar-pagi", "--start", "2026-11-30 10:30",
            "--duration", "60", "--title", "Laporan banjir Masamba"]  # fmt: skip
    line = one_line(cli(*args))
    # The other programme and its time are named.
    assert "Info Layanan Masyarakat" in line
    assert "Monday, 30 November 2026 10:00–11:00 WITA" in line
    assert snapshot(station) == before
    allowed = cli(*args, "--allow-overlap")
    assert allowed.code == 0, allowed.err
    assert len([b for b in airings(station) if b.special]) == 1


def test_cancel_keeps_the_reason_and_a_second_cancel_is_refused(
    station: Station, cli: Callable[..., CliResult]
) -> None:
    target = find(station, "kabar-pagi", "2026-11-25 06:00")
    result = cli("schedule", "cancel", str(target.id), "--reason", "Siaran langsung pelantikan")
    assert result.code == 0, result.err
    assert "Kabar Pagi" in result.out
    after = find(station, "kabar-pagi", "2026-11-25 06:00")
    assert after.status == "cancelled"
    # The series goes on: the next day's airing is untouched.
    assert find(station, "kabar-pagi", "2026-11-26 06:00").status == "planned"
    changes = history(cli, target.id)
    assert [(c["action"], c["reason"], c["old_status"], c["new_status"]) for c in changes] == [
        ("cancel", "Siaran langsung pelantikan", "planned", "cancelled")
    ]
    before = snapshot(station)
    line = one_line(cli("schedule", "cancel", str(target.id), "--reason", "lagi"))
    assert "already cancelled" in line and f"broadcast {target.id}" in line
    assert snapshot(station) == before
    text = cli("schedule", "history", str(target.id))
    assert text.code == 0 and "Siaran langsung pelantikan" in text.out


def test_a_reason_is_required(station: Station, cli: Callable[..., CliResult]) -> None:
    target = find(station, "kabar-pagi", "2026-11-25 06:00")
    before = snapshot(station)
    assert "reason" in one_line(cli("schedule", "cancel", str(target.id), "--reason", "  "))
    missing = cli("schedule", "cancel", str(target.id))
    assert missing.code == 2 and "--reason" in missing.err
    assert snapshot(station) == before


def test_move_keeps_the_occurrence_and_records_old_and_new_times(
    station: Station, cli: Callable[..., CliResult]
) -> None:
    target = find(station, "kabar-pagi", "2026-11-24 06:00")
    result = cli(
        "schedule", "move", str(target.id), "--to", "2026-11-24 07:00", "--duration", "45",
        "--reason", "Tukar dengan siaran langsung DPRD",
    )  # fmt: skip
    assert result.code == 0, result.err
    with station.session() as session:
        moved = session.get(Broadcast, target.id)
        assert moved is not None
        assert moved.moved and moved.status == "planned"
        assert moved.planned_start == local("2026-11-24 07:00")
        assert moved.planned_end == local("2026-11-24 07:45")
        assert moved.occurrence == local("2026-11-24 06:00")
    (change,) = history(cli, target.id)
    assert change["action"] == "move"
    assert change["reason"] == "Tukar dengan siaran langsung DPRD"
    assert datetime.fromisoformat(change["old_start"]) == local("2026-11-24 06:00")
    assert datetime.fromisoformat(change["new_start"]) == local("2026-11-24 07:00")
    # Planning again leaves the moved airing where it was put.
    assert cli("schedule", "plan").code == 0
    assert find(station, "kabar-pagi", "2026-11-24 07:00").id == target.id
    assert all(b.planned_start != local("2026-11-24 06:00") for b in airings(station, "kabar-pagi"))


def test_a_move_onto_another_programme_is_refused_unless_allowed(
    station: Station, cli: Callable[..., CliResult]
) -> None:
    target = find(station, "kabar-pagi", "2026-11-24 06:00")
    before = snapshot(station)
    args = ["schedule", "move", str(target.id), "--to", "2026-11-24 09:30", "--reason", "x"]
    line = one_line(cli(*args))
    assert "Dialog Interaktif Halo Bupati" in line and "09:00–10:30" in line
    assert snapshot(station) == before
    assert cli(*args, "--allow-overlap").code == 0
    assert find(station, "kabar-pagi", "2026-11-24 09:30").moved


def test_an_aired_broadcast_cannot_be_moved_or_cancelled(
    station: Station, cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = find(station, "layanan-masyarakat", "2026-11-23 10:00")
    monkeypatch.setenv("RADIODESK_NOW", local("2026-11-23 10:01").isoformat())
    assert cli("schedule", "start").code == 0
    line = one_line(cli("schedule", "move", str(target.id), "--to", "2026-11-23 15:00",
                        "--reason", "x"))  # fmt: skip
    assert "on air" in line
    monkeypatch.setenv("RADIODESK_NOW", local("2026-11-23 11:00").isoformat())
    assert cli("schedule", "stop").code == 0
    before = snapshot(station)
    line = one_line(cli("schedule", "move", str(target.id), "--to", "2026-11-23 15:00",
                        "--reason", "x"))  # fmt: skip
    assert "already aired" in line
    assert "already aired" in one_line(cli("schedule", "cancel", str(target.id), "--reason", "x"))
    assert snapshot(station) == before


BAD = [
    (["schedule", "cancel", "99999", "--reason", "x"], "no broadcast 99999"),
    (["schedule", "move", "99999", "--to", "2026-11-30 15:00", "--reason", "x"], "99999"),
    (["schedule", "history", "99999"], "no broadcast 99999"),
    (["schedule", "special", "kabar-pagi", "--start", "2026-11-31 10:00", "--duration", "30",
      "--title", "x"], "--start: 2026-11-31 is not in the calendar: November 2026 has 30 days"),
    (["schedule", "special", "kabar-pagi", "--start", "2026-11-30 25:00", "--duration", "30",
      "--title", "x"], "--start"),
    (["schedule", "special", "kabar-pagi", "--start", "besok", "--duration", "30",
      "--title", "x"], "expected e.g. 2026-11-30 10:00"),
    (["schedule", "special", "kabar-pagi", "--start", "2026-11-30 15:00", "--duration", "0",
      "--title", "x"], "duration"),
    (["schedule", "special", "kabar-pagi", "--start", "2026-11-30 15:00", "--duration",
      "1441", "--title", "x"], "24 hours"),
    (["schedule", "special", "kabar-pagi", "--start", "2026-11-30 15:00", "--duration", "30",
      "--title", "  "], "title"),
    (["schedule", "special", "tidak-ada", "--start", "2026-11-30 15:00", "--duration", "30",
      "--title", "x"], "no programme 'tidak-ada'"),
    (["schedule", "report", "--month", "2026-13"], "month"),
    (["schedule", "--week", "minggu depan"], "--week"),
    (["schedule", "now", "--at", "kemarin"], "--at"),
    (["schedule", "check", "--from", "2026-02-30"], "--from"),
    (["schedule", "stop"], "Nothing is on air"),
]  # fmt: skip


def test_bad_input_gives_one_line_and_writes_nothing(
    station: Station, cli: Callable[..., CliResult]
) -> None:
    before = snapshot(station)
    for args, expected in BAD:
        assert expected in one_line(cli(*args)), args
    assert snapshot(station) == before


def test_moving_into_the_past_is_refused(station: Station, cli: Callable[..., CliResult]) -> None:
    target = find(station, "kabar-pagi", "2026-11-24 06:00")
    before = snapshot(station)
    assert "in the past" in one_line(
        cli("schedule", "move", str(target.id), "--to", "2026-11-20 15:00", "--reason", "x")
    )
    assert snapshot(station) == before


def test_a_local_time_skipped_by_the_clocks_is_refused(
    zone_station: Callable[..., Station], cli: Callable[..., CliResult]
) -> None:
    station = zone_station(
        "Europe/Berlin",
        {"morgen.toml": programme("Morgen", 'days = ["SA"]\nstart = "06:00"\nduration = 60\n'
                                            "from = 2026-03-01")},
        now=datetime(2026, 3, 1, tzinfo=UTC),
    )  # fmt: skip
    before = snapshot(station)
    line = one_line(
        cli("schedule", "special", "morgen", "--start", "2026-03-29 02:30", "--duration", "30",
            "--title", "Sondersendung")
    )  # fmt: skip
    assert "does not exist in Europe/Berlin" in line
    assert snapshot(station) == before
    # An explicit offset is taken as it is; a time that exists is read as Berlin time.
    ok = cli("schedule", "special", "morgen", "--start", "2026-03-29 03:30", "--duration", "30",
             "--title", "Sondersendung")  # fmt: skip
    assert ok.code == 0, ok.err
    special = next(b for b in airings(station) if b.special)
    assert special.planned_start == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
