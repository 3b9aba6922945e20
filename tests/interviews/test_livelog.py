"""The live log: entries in time order, bad input refused whole, edits that keep history."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from radiodesk.errors import Conflict, InputError, NotFound
from radiodesk.interviews import (
    add_entry,
    broadcast_at,
    broadcast_log,
    chapters_for,
    delete_entry,
    edit_entry,
    entry_history,
    restore_entry,
)
from radiodesk.models import Broadcast, LogEntry, LogRevision
from tests.conftest import CliResult, Station
from tests.interviews.conftest import MakeBroadcast, counts

# Sunday 22 November 2026, 10:00–11:00 WITA.
START = datetime(2026, 11, 22, 2, 0, tzinfo=UTC)


@pytest.fixture
def aired(make_broadcast: MakeBroadcast, now: datetime) -> int:
    return make_broadcast(START, 60, status="aired")


def test_entries_read_back_in_time_order_whatever_order_they_came_in(
    station: Station, aired: int, now: datetime
) -> None:
    times = [15, 5, 30, 5, 0]
    with station.session() as session:
        ids = [
            add_entry(session, aired, f"at {m}", "note", START + timedelta(minutes=m), now=now).id
            for m in times
        ]
    with station.session() as session:
        log = broadcast_log(session, aired)
    assert [e.text for e in log.entries] == ["at 0", "at 5", "at 5", "at 15", "at 30"]
    # Two entries at the same minute keep the order they were entered in.
    assert [e.id for e in log.entries][1:3] == [ids[1], ids[3]]
    assert log.show_title == "Dialog Interaktif Halo Bupati" and log.status == "aired"


BAD_ENTRIES: list[tuple[dict[str, Any], type[Exception], str]] = [
    ({"text": ""}, InputError, "no text"),
    ({"text": "  \n\t "}, InputError, "no text"),
    ({"kind": "gossip"}, InputError, "expected one of segment, note, question"),
    ({"broadcast": 9999}, NotFound, "no broadcast 9999"),
    ({"broadcast": "yesterday"}, InputError, "give its number or 'now'"),
    ({"broadcast": "cancelled"}, Conflict, "cancelled"),
    ({"at": START - timedelta(hours=2, minutes=1)}, InputError, "outside broadcast"),
    ({"at": START + timedelta(hours=3, minutes=1)}, InputError, "2 hours after its end"),
    ({"at": "2026-11-25T10:00"}, InputError, "entries are taken from"),
    ({"at": "25:10"}, InputError, "not a time of day"),
    ({"at": "kemarin"}, InputError, "use HH:MM"),
    ({"at": datetime(2026, 11, 22, 10, 5)}, InputError, "time zone"),
    ({"kind": "note", "agency": "Dinas PUPR"}, InputError, "belong to a question"),
    ({"kind": "complaint", "channel": "pigeon"}, InputError, "expected one of phone, sms"),
    ({"kind": "complaint", "caller_name": "x" * 201}, InputError, "at most 200"),
    ({"author": "y" * 101}, InputError, "at most 100"),
]


@pytest.mark.parametrize(("change", "error", "message"), BAD_ENTRIES)
def test_bad_entry_gives_one_clear_message_and_writes_nothing(
    station: Station,
    aired: int,
    make_broadcast: MakeBroadcast,
    now: datetime,
    change: dict[str, Any],
    error: type[Exception],
    message: str,
) -> None:
    cancelled = make_broadcast(START + timedelta(hours=3), status="cancelled")
    args: dict[str, Any] = {
        "broadcast": aired,
        "text": "Pembukaan",
        "kind": "segment",
        "at": START + timedelta(minutes=1),
        **change,
    }
    if args["broadcast"] == "cancelled":
        args["broadcast"] = cancelled
        args["at"] = START + timedelta(hours=3, minutes=1)
    broadcast = args.pop("broadcast")
    before = counts(station)
    with pytest.raises(error) as err, station.session() as session:
        add_entry(session, broadcast, now=now, zone="Asia/Makassar", **args)
    assert message in str(err.value)
    assert "\n" not in str(err.value)
    assert counts(station) == before


def test_the_window_is_two_hours_either_side_and_follows_an_overrun(
    station: Station, make_broadcast: MakeBroadcast, now: datetime
) -> None:
    overran = make_broadcast(
        START, 60, status="aired", actual_end=START + timedelta(hours=1, minutes=40)
    )
    with station.session() as session:
        add_entry(session, overran, "early", at=START - timedelta(hours=2), now=now)
        add_entry(session, overran, "late", at=START + timedelta(hours=3, minutes=40), now=now)
        with pytest.raises(InputError) as err:
            add_entry(
                session,
                overran,
                "too late",
                at=START + timedelta(hours=3, minutes=41),
                now=now,
                zone="Asia/Makassar",
            )
    assert "Sunday, 22 November 2026 08:00 WITA" in str(err.value)
    assert "Sunday, 22 November 2026 13:40 WITA" in str(err.value)


def test_clock_times_land_on_the_broadcast_day_even_past_midnight(
    station: Station, make_broadcast: MakeBroadcast, now: datetime
) -> None:
    # Ruang Remaja: Saturday 21 November 23:00 WITA to Sunday 01:00 WITA.
    late = make_broadcast(
        datetime(2026, 11, 21, 15, 0, tzinfo=UTC), 120, slug="malam-remaja", status="aired"
    )
    with station.session() as session:
        before_midnight = add_entry(session, late, "a", at="23:15", now=now, zone="Asia/Makassar")
        after_midnight = add_entry(session, late, "b", at="00.30", now=now, zone="Asia/Makassar")
        seconds = add_entry(session, late, "c", at="00:45:30", now=now, zone="Asia/Makassar")
        iso_local = add_entry(
            session, late, "d", at="2026-11-22T00:50", now=now, zone="Asia/Makassar"
        )
        iso_offset = add_entry(session, late, "e", at="2026-11-21T16:55+00:00", now=now)
    assert before_midnight.at == datetime(2026, 11, 21, 15, 15, tzinfo=UTC)
    assert after_midnight.at == datetime(2026, 11, 21, 16, 30, tzinfo=UTC)
    assert seconds.at == datetime(2026, 11, 21, 16, 45, 30, tzinfo=UTC)
    assert iso_local.at == datetime(2026, 11, 21, 16, 50, tzinfo=UTC)
    assert iso_offset.at == datetime(2026, 11, 21, 16, 55, tzinfo=UTC)


def test_now_is_the_broadcast_on_air_else_the_one_planned(
    station: Station, make_broadcast: MakeBroadcast, now: datetime
) -> None:
    with station.session() as session, pytest.raises(NotFound):
        broadcast_at(session, now)
    planned = make_broadcast(now - timedelta(minutes=30), 60)
    with station.session() as session:
        assert broadcast_at(session, now).id == planned
        line = add_entry(session, "now", "Sedang berlangsung", now=now)
        assert line.broadcast_id == planned and line.at == now
    # An overrunning broadcast marked on air wins over the next one planned.
    on_air = make_broadcast(now - timedelta(minutes=90), 60, slug="kabar-pagi", status="on_air")
    with station.session() as session:
        assert broadcast_at(session, now).id == on_air
    # One left "on air" by mistake days ago does not.
    with station.session() as session:
        row = session.get(Broadcast, on_air)
        assert row is not None
        row.planned_start -= timedelta(days=3)
        row.planned_end -= timedelta(days=3)
    with station.session() as session:
        assert broadcast_at(session, now).id == planned


def test_listener_entries_start_open_with_their_caller(
    station: Station, aired: int, now: datetime
) -> None:
    with station.session() as session:
        line = add_entry(
            session,
            aired,
            "Jalan ke Rampi rusak",
            "complaint",
            START + timedelta(minutes=30),
            "rina",
            now=now,
            caller_name="Pak Darwis",
            caller_location="Rampi",
            channel="whatsapp",
            agency="Dinas PUPR",
        )
        note = add_entry(session, aired, "Lagu daerah", "music", START, now=now)
    assert line.followup_status == "open" and line.agency == "Dinas PUPR"
    assert line.private.caller_name == "Pak Darwis" and line.caller_location == "Rampi"
    assert note.followup_status is None and note.agency is None


def test_edits_keep_who_when_and_the_old_text(station: Station, aired: int, now: datetime) -> None:
    with station.session() as session:
        entry = add_entry(
            session, aired, "Pembukan", "note", START + timedelta(minutes=1), "rina", now=now
        )
    first_edit = now + timedelta(minutes=1)
    second_edit = now + timedelta(minutes=2)
    with station.session() as session:
        edit_entry(
            session, entry.id, now=first_edit, author="budi", text="Pembukaan", kind="segment"
        )
    with station.session() as session:
        edited = edit_entry(
            session,
            entry.id,
            now=second_edit,
            author="sitti",
            at=START + timedelta(minutes=2),
            kind="complaint",
        )
    assert edited.edited and edited.followup_status == "open"
    before = counts(station)
    # An edit that changes nothing, and bad edits, write nothing.
    with station.session() as session:
        edit_entry(session, entry.id, now=now, author="x", text="Pembukaan")
    for change, error in (
        ({"text": " "}, InputError),
        ({"kind": "rumour"}, InputError),
        ({"at": START + timedelta(hours=5)}, InputError),
        ({}, InputError),
    ):
        with pytest.raises(error), station.session() as session:
            edit_entry(session, entry.id, now=now, author="x", **change)
    with pytest.raises(NotFound), station.session() as session:
        edit_entry(session, 9999, now=now, text="x")
    assert counts(station) == before
    with station.session() as session:
        history = entry_history(session, entry.id)
    assert history.entry.text == "Pembukaan" and history.entry.kind == "complaint"
    assert [
        (r.author, r.at, r.action, r.old_text, r.old_kind, r.old_at, r.old_followup_status)
        for r in history.revisions
    ] == [
        ("budi", first_edit, "edit", "Pembukan", "note", START + timedelta(minutes=1), None),
        ("sitti", second_edit, "edit", "Pembukaan", "segment", START + timedelta(minutes=1), None),
    ]


def test_delete_hides_the_entry_from_log_and_chapters_but_keeps_history(
    station: Station, aired: int, now: datetime
) -> None:
    with station.session() as session:
        keep = add_entry(session, aired, "Pembukaan", "segment", START, now=now)
        gone = add_entry(
            session, aired, "Salah ketik", "segment", START + timedelta(minutes=10), now=now
        )
    with station.session() as session:
        delete_entry(session, gone.id, now=now, author="rina")
    with station.session() as session:
        with pytest.raises(Conflict):
            delete_entry(session, gone.id, now=now)
        with pytest.raises(Conflict):
            edit_entry(session, gone.id, now=now, text="x")
        assert [e.id for e in broadcast_log(session, aired).entries] == [keep.id]
        assert [e.id for e in broadcast_log(session, aired, include_deleted=True).entries] == [
            keep.id,
            gone.id,
        ]
        assert [c.title for c in chapters_for(session, aired, START, 3600)] == ["Pembukaan"]
        row = session.get(LogEntry, gone.id)
        assert row is not None and row.text == "Salah ketik"
    with station.session() as session:
        restore_entry(session, gone.id, now=now, author="budi")
    with station.session() as session:
        history = entry_history(session, gone.id)
        assert [(r.action, r.author) for r in history.revisions] == [
            ("delete", "rina"),
            ("restore", "budi"),
        ]
        assert len(chapters_for(session, aired, START, 3600)) == 2
        assert session.scalars(select(LogRevision)).all()


def test_log_commands(
    station: Station, aired: int, now: datetime, cli: Callable[..., CliResult]
) -> None:
    added = cli(
        "log", str(aired), "Pembukaan", "--kind", "segment", "--at", "10:01", "--author", "rina"
    )
    assert added.code == 0, added.err
    assert "Logged #1 at 10:01" in added.out
    complaint = cli(
        "log",
        "--kind",
        "complaint",
        str(aired),
        "Air PDAM mati",
        "--at",
        "10:30",
        "--caller",
        "Ibu Hasma",
        "--from",
        "Bone-Bone",
        "--channel",
        "sms",
        "--agency",
        "PDAM",
    )
    assert complaint.code == 0, complaint.err
    explicit = cli("log", "add", str(aired), "Jeda lagu", "--kind", "music", "--at", "10:20")
    assert explicit.code == 0, explicit.err
    home_first = cli("log", "--home", str(station.home), str(aired), "Catatan", "--at", "10:40")
    assert home_first.code == 0, home_first.err
    shown = cli("log", "show", str(aired))
    assert shown.code == 0, shown.err
    lines = shown.out.splitlines()
    assert "Dialog Interaktif Halo Bupati" in lines[0]
    assert [line.split()[2] for line in lines[1:]] == ["segment", "music", "complaint", "note"]
    assert "Ibu Hasma" in shown.out and "PDAM" in shown.out
    data = json.loads(cli("log", "show", str(aired), "--json").out)
    entry = data["entries"][2]
    assert entry["private"] == {"caller_name": "Ibu Hasma"} and "caller_name" not in entry
    assert entry["at"] == "2026-11-22T02:30:00+00:00"
    edited = cli("log", "edit", "1", "Pembukaan acara", "--author", "budi")
    assert edited.code == 0, edited.err
    history = cli("log", "history", "1")
    assert "budi" in history.out and "Pembukaan" in history.out
    assert json.loads(cli("log", "history", "1", "--json").out)["revisions"][0]["old_text"] == (
        "Pembukaan"
    )
    before = counts(station)
    for args, message in (
        (("log", str(aired), "x", "--kind", "gossip"), "Unknown kind"),
        (("log", str(aired), "  "), "no text"),
        (("log", "99999", "x"), "no broadcast 99999"),
        (("log", "now", "x"), "No broadcast is on air"),
        (("log", str(aired), "x", "--at", "16:00"), "outside broadcast"),
    ):
        result = cli(*args)
        assert result.code == 1 and message in result.err, result
        assert len(result.err.strip().splitlines()) == 1
    assert counts(station) == before
    deleted = cli("log", "delete", "4")
    assert (
        deleted.code == 0
        and len(json.loads(cli("log", "show", str(aired), "--json").out)["entries"]) == 3
    )
    assert cli("log", "restore", "4").code == 0
    assert cli("log", "--help").code == 0
    assert "show" in cli("log", "--help").out
