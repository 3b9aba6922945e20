"""Follow-up of listeners' questions and complaints: transitions with dates, lists, reports."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from radiodesk.errors import Conflict, InputError
from radiodesk.interviews import (
    add_entry,
    broadcast_log,
    entry_history,
    list_followups,
    monthly_report,
    set_followup,
)
from tests.conftest import CliResult, Station
from tests.interviews.conftest import MakeBroadcast, counts

START = datetime(2026, 11, 19, 11, 30, tzinfo=UTC)  # Thursday 19:30 WITA
LATE = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)  # Monday 30 November 23:00 WITA


def _complaint(
    station: Station,
    broadcast: int,
    now: datetime,
    minutes: int = 30,
    agency: str | None = "Dinas PUPR",
    text: str = "Jalan rusak",
    kind: str = "complaint",
    start: datetime = START,
) -> int:
    with station.session() as session:
        return add_entry(
            session,
            broadcast,
            text,
            kind,
            start + timedelta(minutes=minutes),
            now=now,
            caller_location="Seko",
            channel="phone",
            agency=agency,
        ).id


def test_transitions_stamp_their_dates_and_keep_history(
    station: Station, make_broadcast: MakeBroadcast, now: datetime
) -> None:
    b = make_broadcast(START, status="aired")
    entry = _complaint(station, b, now, agency=None)
    day = timedelta(days=1)
    with station.session() as session:
        forwarded = set_followup(
            session, entry, "forwarded", now=now, agency="Dinas PUPR", author="rina"
        )
    assert (forwarded.status, forwarded.agency, forwarded.forwarded_at) == (
        "forwarded",
        "Dinas PUPR",
        now,
    )
    with station.session() as session:
        answered = set_followup(
            session, entry, "answered", now=now + day, answer="Diperbaiki pekan depan"
        )
    assert answered.answered_at == now + day and answered.forwarded_at == now
    with station.session() as session:
        closed = set_followup(session, entry, "closed", now=now + 2 * day)
    assert (closed.closed_at, closed.answer) == (now + 2 * day, "Diperbaiki pekan depan")
    # The caller rings again: not fixed. Re-opening clears the later dates.
    with station.session() as session:
        reopened = set_followup(session, entry, "forwarded", now=now + 3 * day)
    assert reopened.forwarded_at == now + 3 * day
    assert (reopened.answered_at, reopened.closed_at) == (None, None)
    with station.session() as session:
        history = entry_history(session, entry)
    assert [(r.action, r.old_followup_status) for r in history.revisions] == [
        ("followup", "open"),
        ("followup", "forwarded"),
        ("followup", "answered"),
        ("followup", "closed"),
    ]
    # A follow-up step is history, but not an edit of what the log says.
    with station.session() as session:
        assert not broadcast_log(session, b).entries[0].edited
    # Setting the status it already has writes nothing.
    before = counts(station)
    with station.session() as session:
        set_followup(session, entry, "forwarded", now=now + 4 * day)
    assert counts(station) == before


def test_bad_transitions_write_nothing(
    station: Station, make_broadcast: MakeBroadcast, now: datetime
) -> None:
    b = make_broadcast(START, status="aired")
    unassigned = _complaint(station, b, now, agency=None)
    with station.session() as session:
        note = add_entry(session, b, "Catatan", "note", START, now=now).id
    before = counts(station)
    for entry_id, status, kwargs, error, message in (
        (unassigned, "forwarded", {}, InputError, "which agency"),
        (unassigned, "answered", {}, InputError, "--answer"),
        (unassigned, "solved", {}, InputError, "open, forwarded, answered, closed"),
        (note, "closed", {}, Conflict, "not a listener's question"),
    ):
        with pytest.raises(error) as err, station.session() as session:
            set_followup(session, entry_id, status, now=now, **kwargs)
        assert message in str(err.value)
    assert counts(station) == before


def test_open_followups_grouped_by_agency_forgiving_the_agency_name(
    station: Station, make_broadcast: MakeBroadcast, now: datetime
) -> None:
    b = make_broadcast(START, status="aired")
    road = _complaint(station, b, now, 30, "Dinas PUPR", "Jalan Rampi")
    water = _complaint(station, b, now, 32, "PDAM", "Air mati", kind="question")
    bridge = _complaint(station, b, now, 35, "dinas pupr", "Jembatan Seko")
    nobody = _complaint(station, b, now, 40, None, "Lampu jalan")
    done = _complaint(station, b, now, 45, "PDAM", "Tarif air")
    with station.session() as session:
        set_followup(session, done, "closed", now=now)
        set_followup(session, bridge, "forwarded", now=now)
    with station.session() as session:
        groups = list_followups(session)
        assert [(g.agency, [i.entry_id for i in g.items]) for g in groups] == [
            ("Dinas PUPR", [road, bridge]),
            ("PDAM", [water]),
            ("", [nobody]),
        ]
        pupr = list_followups(session, agency="DINAS pupr")
        assert [i.entry_id for g in pupr for i in g.items] == [road, bridge]
        forwarded = list_followups(session, status="forwarded")
        assert [i.entry_id for g in forwarded for i in g.items] == [bridge]
        closed = list_followups(session, status="closed")
        assert [i.entry_id for g in closed for i in g.items] == [done]
        assert groups[0].items[0].show_title == "Dialog Interaktif Halo Bupati"


def test_monthly_report_counts_by_agency_and_status_in_the_station_zone(
    station: Station, make_broadcast: MakeBroadcast, now: datetime
) -> None:
    # 30 November 23:00–24:00 WITA: the last minutes are in November, 00:30 is December.
    late = make_broadcast(LATE, 120, slug="malam-remaja", status="aired")
    b = make_broadcast(START, status="aired")
    a = _complaint(station, b, now, 30, "Dinas PUPR")
    _complaint(station, b, now, 31, "Dinas PUPR")
    c = _complaint(station, b, now, 32, "PDAM")
    _complaint(station, b, now, 33, None)
    _complaint(station, late, now, 55, "PDAM", start=LATE)
    _complaint(station, late, now, 90, "PDAM", start=LATE)  # 00:30 WITA, 1 December
    with station.session() as session:
        set_followup(session, a, "answered", now=now, answer="Sudah")
        set_followup(session, c, "closed", now=now)
    with station.session() as session:
        report = monthly_report(session, "2026-11", "Asia/Makassar")
        december = monthly_report(session, "2026-12", "Asia/Makassar")
    assert report.start == datetime(2026, 10, 31, 16, 0, tzinfo=UTC)
    assert report.table_rows() == [
        ["agency", "open", "forwarded", "answered", "closed", "total"],
        ["Dinas PUPR", 1, 0, 1, 0, 2],
        ["PDAM", 1, 0, 0, 1, 2],
        ["", 1, 0, 0, 0, 1],
        ["Total", 3, 0, 1, 1, 5],
    ]
    assert december.totals.total == 1
    with station.session() as session, pytest.raises(InputError) as err:
        monthly_report(session, "2026-13", "Asia/Makassar")
    assert str(err.value) == "month: 2026-13 is not in the calendar: there is no month 13."
    with station.session() as session, pytest.raises(InputError) as err:
        monthly_report(session, "Desember", "Asia/Makassar")
    assert "YYYY-MM" in str(err.value)


def test_followups_commands(
    station: Station,
    make_broadcast: MakeBroadcast,
    now: datetime,
    cli: Callable[..., CliResult],
    tmp_path: Path,
) -> None:
    b = make_broadcast(START, status="aired")
    road = _complaint(station, b, now, 30, "Dinas PUPR", "Jalan Rampi")
    water = _complaint(station, b, now, 32, "PDAM", "Air mati")
    listed = cli("followups")
    assert listed.code == 0, listed.err
    assert listed.out.index("Dinas PUPR (1)") < listed.out.index("PDAM (1)")
    assert "Jalan Rampi" in listed.out
    data = json.loads(cli("followups", "--agency", "pdam", "--json").out)
    assert [(g["agency"], [i["entry_id"] for i in g["items"]]) for g in data] == [("PDAM", [water])]
    assert "caller_name" in data[0]["items"][0]["private"]
    moved = cli("followups", "set", str(road), "answered", "--answer", "Diperbaiki")
    assert moved.code == 0 and "answered" in moved.out, moved.err
    bad = cli("followups", "set", str(water), "answered")
    assert bad.code == 1 and "--answer" in bad.err
    assert cli("followups", "set", str(water), "closed").code == 0
    only_open = json.loads(cli("followups", "--json").out)
    assert [i["entry_id"] for g in only_open for i in g["items"]] == [road]
    out = tmp_path / "aduan-2026-11.csv"
    report = cli("followups", "report", "--month", "2026-11", "--csv", str(out))
    assert report.code == 0, report.err
    assert "Dinas PUPR" in report.out and "Total" in report.out
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows == [
        ["agency", "open", "forwarded", "answered", "closed", "total"],
        ["Dinas PUPR", "0", "0", "1", "0", "1"],
        ["PDAM", "0", "0", "0", "1", "1"],
        ["Total", "0", "0", "1", "1", "2"],
    ]
    as_json = json.loads(cli("followups", "report", "--month", "2026-11", "--json").out)
    assert as_json["totals"]["total"] == 2
    assert cli("followups", "report", "--month", "November").code == 1
