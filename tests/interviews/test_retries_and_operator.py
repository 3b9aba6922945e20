"""A log entry sent twice under its sender's id is stored once; every change records who
made it (``--operator``, RADIODESK_OPERATOR or the login)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from radiodesk.errors import Conflict
from radiodesk.interviews import add_entry, command_client_ids, entry_history
from radiodesk.models import LogEntry
from tests.conftest import CliResult, Station
from tests.interviews.conftest import NOW, MakeBroadcast


def entries(station: Station) -> int:
    with station.session() as session:
        return session.scalar(select(func.count()).select_from(LogEntry)) or 0


def test_the_same_id_is_the_same_entry(station: Station, make_broadcast: MakeBroadcast) -> None:
    b = make_broadcast(NOW - timedelta(minutes=20))
    with station.session() as session:
        first = add_entry(session, b, "Pembukaan", "segment", now=NOW, client_id="d-1")
    with station.session() as session:
        again = add_entry(session, b, "Pembukaan", "segment", now=NOW, client_id="d-1")
        # An earlier id of the same entry is recognised too.
        earlier = add_entry(
            session, b, "Pembukaan", "segment", now=NOW, client_id="d-2", same_as=("d-1",)
        )
    assert not first.repeated and again.repeated and earlier.repeated
    assert first.id == again.id == earlier.id and entries(station) == 1
    with station.session() as session, pytest.raises(Conflict, match="says something else"):
        add_entry(session, b, "Penutup", "segment", now=NOW, client_id="d-1")
    # Without an id, the same words are two entries (a note may well be said twice).
    with station.session() as session:
        add_entry(session, b, "Jeda", now=NOW)
        add_entry(session, b, "Jeda", now=NOW)
    assert entries(station) == 3


def test_a_command_id_holds_for_ten_to_twenty_minutes() -> None:
    parts = ["now", "note", "Air surut", "ina"]
    first, _ = command_client_ids(parts, NOW)
    later, earlier = command_client_ids(parts, NOW + timedelta(minutes=10))
    assert later != first and earlier == (first,)
    assert command_client_ids(["now", "note", "Air naik", "ina"], NOW)[0] != first


def test_a_retried_log_command_is_not_stored_twice(
    station: Station,
    make_broadcast: MakeBroadcast,
    cli: Callable[..., CliResult],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    b = make_broadcast(NOW - timedelta(minutes=20))
    args = ("log", str(b), "Warga Baebunta bertanya formulir PPID", "--operator", "ina")
    first = cli(*args, "--json")
    assert first.code == 0, first.err
    logged = json.loads(first.out)
    assert logged["author"] == "ina" and not logged["repeated"]
    # The operator retries the command (it was killed before it printed its answer).
    retried = cli(*args)
    assert retried.code == 0, retried.err
    assert f"Already logged as #{logged['id']}" in retried.out
    assert entries(station) == 1
    # Meant twice: --again.
    assert cli(*args, "--again").code == 0
    assert entries(station) == 2
    # A script's own id.
    for _ in range(2):
        assert cli("log", str(b), "Jeda lagu", "--client-id", "script-7").code == 0
    assert entries(station) == 3

    # Who: RADIODESK_OPERATOR, then --operator; the history keeps each.
    monkeypatch.setenv("RADIODESK_OPERATOR", "Rahmat")
    entry = logged["id"]
    assert cli("log", "edit", str(entry), "Warga Baebunta: formulir PPID").code == 0
    assert cli("followups", "set", str(entry), "closed", "--operator", "ina").code == 1
    assert cli("log", "delete", str(entry), "--operator", "Nur").code == 0
    with station.session() as session:
        history = entry_history(session, entry)
    assert [r.author for r in history.revisions] == ["Rahmat", "Nur"]
