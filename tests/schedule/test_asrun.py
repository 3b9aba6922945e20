"""The as-run log: start and stop, hand-over, refusals; the monthly report and its CSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from radiodesk import i18n
from radiodesk.models import Broadcast
from radiodesk.schedule import add_special, cancel_airing, month_report, plan_airings
from tests.conftest import CliResult, Station
from tests.schedule.conftest import NOW, airings, snapshot

WITA = ZoneInfo("Asia/Makassar")


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=WITA).astimezone(UTC)


def find(station: Station, slug: str, start: str) -> Broadcast:
    at = local(start)
    return next(b for b in airings(station, slug) if b.planned_start == at)


def test_start_and_stop_the_airing_planned_now(
    station: Station, cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = find(station, "layanan-masyarakat", "2026-11-23 10:00")
    monkeypatch.setenv("RADIODESK_NOW", local("2026-11-23 09:58").isoformat())
    started = cli("schedule", "start")
    assert started.code == 0, started.err
    assert f"#{target.id}" in started.out and "09:58" in started.out
    monkeypatch.setenv("RADIODESK_NOW", local("2026-11-23 11:04").isoformat())
    stopped = cli("schedule", "stop")
    assert stopped.code == 0, stopped.err
    assert "66 min aired" in stopped.out
    row = find(station, "layanan-masyarakat", "2026-11-23 10:00")
    assert row.status == "aired"
    assert (row.actual_start, row.actual_end) == (
        local("2026-11-23 09:58"),
        local("2026-11-23 11:04"),
    )
    changes = json.loads(cli("schedule", "history", str(target.id), "--json").out)["changes"]
    assert [(c["action"], c["old_status"], c["new_status"]) for c in changes] == [
        ("start", "planned", "on_air"),
        ("stop", "on_air", "aired"),
    ]


def test_starting_the_next_airing_hands_over(station: Station) -> None:
    first = find(station, "dialog-interaktif", "2026-11-24 09:00")
    with station.session() as session:
        special = add_special(
            session, station.settings, "kabar-pagi", local("2026-11-24 10:30"), 30,
            "Laporan khusus", now=NOW,
        )  # fmt: skip
        from radiodesk.schedule import start_broadcast

        start_broadcast(session, station.settings, first.id, now=local("2026-11-24 09:00"))
        result = start_broadcast(session, station.settings, None, now=local("2026-11-24 10:29"))
    assert result.started.id == special.id and result.started.status == "on_air"
    assert result.stopped is not None and result.stopped.id == first.id
    assert result.stopped.actual_end == local("2026-11-24 10:29")
    assert result.stopped.status == "aired"


def test_start_and_stop_refusals_write_nothing(
    station: Station, cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    tomorrow = find(station, "kabar-pagi", "2026-11-24 06:00")
    cancelled = find(station, "kabar-pagi", "2026-11-25 06:00")
    with station.session() as session:
        cancel_airing(session, station.settings, cancelled.id, "Libur", now=NOW)
    before = snapshot(station)
    cases = [
        (("schedule", "start"), "Nothing is planned"),
        (("schedule", "start", str(tomorrow.id)), "can be started from 30 minutes before"),
        (("schedule", "start", str(cancelled.id)), "cancelled"),
        (("schedule", "stop", str(tomorrow.id)), "not on air"),
        (("schedule", "start", "424242"), "no broadcast 424242"),
    ]
    for args, expected in cases:
        result = cli(*args)
        assert result.code == 1 and expected in result.err, (args, result.err)
        assert len(result.err.strip().splitlines()) == 1
    assert snapshot(station) == before
    monkeypatch.setenv("RADIODESK_NOW", local("2026-11-24 06:00").isoformat())
    assert cli("schedule", "start", str(tomorrow.id)).code == 0
    again = cli("schedule", "start", str(tomorrow.id))
    assert again.code == 1 and "already on air" in again.err


def prepare_november(station: Station) -> dict[str, int]:
    """Kabar Pagi in November: every past airing on time except one late by 5 minutes, one
    over by 7, one cancelled and one never logged; two specials either side of the month's
    end in station time."""
    with station.session() as session:
        plan_airings(session, station.settings, NOW, since=local("2026-11-01 00:00"))
        rows = session.query(Broadcast).filter(Broadcast.show.has(slug="kabar-pagi")).all()
        past = sorted((b for b in rows if b.planned_end <= NOW), key=lambda b: b.planned_start)
        late, over, cancelled, unlogged = past[1], past[3], past[5], past[7]
        for b in past:
            if b in (cancelled, unlogged):
                continue
            b.actual_start, b.actual_end, b.status = b.planned_start, b.planned_end, "aired"
        late.actual_start = late.planned_start + timedelta(minutes=5)
        over.actual_end = over.planned_end + timedelta(minutes=7)
        session.flush()
        cancel_airing(session, station.settings, cancelled.id, "Pelantikan pejabat", now=NOW)
        for start in ("2026-11-30 23:30", "2026-12-01 00:30"):
            add_special(
                session, station.settings, "kabar-pagi", local(start), 20, "Malam Hari Jadi",
                now=NOW,
            )  # fmt: skip
        return {
            "late": late.id,
            "over": over.id,
            "cancelled": cancelled.id,
            "unlogged": unlogged.id,
        }


def weekdays_in(year: int, month: int) -> list[date]:
    day, found = date(year, month, 1), []
    while day.month == month:
        if day.weekday() < 5:
            found.append(day)
        day += timedelta(days=1)
    return found


def test_month_report_counts_planned_aired_late_over_and_cancelled(station: Station) -> None:
    ids = prepare_november(station)
    weekdays = weekdays_in(2026, 11)
    past_days = [d for d in weekdays if local(f"{d} 07:00") <= NOW]
    with station.session() as session:
        report = month_report(session, station.settings, date(2026, 11, 1), NOW)
    kabar = next(p for p in report.programmes if p.show_slug == "kabar-pagi")
    # One cancelled, one special on 30 November 23:30 (its December twin is not counted).
    assert kabar.airings == len(weekdays) - 1 + 1
    assert kabar.planned_minutes == (len(weekdays) - 1) * 60 + 20
    assert kabar.cancelled == 1
    aired = len(past_days) - 2
    assert kabar.aired == aired
    assert kabar.aired_minutes == aired * 60 - 5 + 7
    assert (kabar.late_starts, kabar.late_minutes) == (1, 5)
    assert (kabar.overruns, kabar.overrun_minutes) == (1, 7)
    assert kabar.not_logged == 1
    kinds = {(n.kind, n.airing.id) for n in report.notes}
    assert {("late", ids["late"]), ("overrun", ids["over"]), ("cancelled", ids["cancelled"]),
            ("not_logged", ids["unlogged"])} <= kinds  # fmt: skip
    assert next(n for n in report.notes if n.kind == "cancelled").reason == "Pelantikan pejabat"
    assert report.total.airings == sum(p.airings for p in report.programmes)
    assert report.total.planned_minutes == pytest.approx(
        sum(p.planned_minutes for p in report.programmes)
    )
    with station.session() as session:
        december = month_report(session, station.settings, date(2026, 12, 1), NOW)
    kabar_dec = next(p for p in december.programmes if p.show_slug == "kabar-pagi")
    assert kabar_dec.planned_minutes == kabar_dec.airings * 60 - 40  # the 00:30 special


def read_csv(path: Path, delimiter: str) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "spreadsheets need the UTF-8 byte-order mark"
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh, delimiter=delimiter))


def test_report_csv_reads_back_with_headings_and_numbers(
    station: Station, cli: Callable[..., CliResult], tmp_path: Path
) -> None:
    prepare_november(station)
    # A title with characters a spreadsheet must not mangle.
    with station.session() as session:
        from radiodesk.models import Show

        show = session.query(Show).filter_by(slug="malam-remaja").one()
        show.title = "Ruang Remaja – Malam Minggu, “Santai”"
    out = tmp_path / "laporan" / "2026-11.csv"
    result = cli("schedule", "report", "--month", "2026-11", "--csv", str(out))
    assert result.code == 0, result.err
    assert "Kabar Pagi Luwu Utara" in result.out and "Pelantikan pejabat" in result.out
    rows = read_csv(out, ",")
    assert rows[0] == [
        "Programme", "Airings", "Planned minutes", "Aired", "Aired minutes", "Cancelled",
        "Late starts", "Minutes late", "Overruns", "Minutes over", "Not logged",
    ]  # fmt: skip
    by_title = {r[0]: r for r in rows[1:]}
    assert "Ruang Remaja – Malam Minggu, “Santai”" in by_title
    with station.session() as session:
        report = month_report(session, station.settings, date(2026, 11, 1), NOW)
    for programme in (*report.programmes, report.total):
        row = by_title[programme.show_title]
        assert int(row[1]) == programme.airings
        assert int(row[2]) == round(programme.planned_minutes)
        assert int(row[4]) == round(programme.aired_minutes)
        assert int(row[5]) == programme.cancelled
        assert int(row[6]) == programme.late_starts
        assert int(row[8]) == programme.overruns
        assert int(row[10]) == programme.not_logged
    assert rows[-1][0] == "All programmes"


def test_report_csv_in_indonesian_uses_semicolons_and_translated_headings(
    station: Station, cli: Callable[..., CliResult], tmp_path: Path
) -> None:
    prepare_november(station)
    out = tmp_path / "laporan.csv"
    result = cli("--lang", "id", "schedule", "report", "--month", "2026-11", "--csv", str(out))
    assert result.code == 0, result.err
    rows = read_csv(out, ";")
    i18n.set_language("id")
    try:
        expected = [i18n._(h) for h in ("Programme", "Airings", "Planned minutes")]
    finally:
        i18n.set_language("en")
    assert rows[0][:3] == expected
    assert all(len(r) == 11 for r in rows)
