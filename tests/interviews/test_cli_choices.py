"""Follow-up statuses typed and printed in the user's language: `--status dijawab`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest

from radiodesk.interviews import add_entry
from tests.conftest import CliResult, Station
from tests.interviews.conftest import MakeBroadcast


def test_statuses_in_indonesian_are_read_and_printed(
    station: Station,
    make_broadcast: MakeBroadcast,
    now: datetime,
    cli: Callable[..., CliResult],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    broadcast = make_broadcast(now - timedelta(minutes=10), 60)
    with station.session() as session:
        entry = add_entry(
            session, broadcast, "Jembatan rusak", "complaint", now=now, agency="Dinas PUPR"
        ).id
    monkeypatch.setenv("RADIODESK_LANG", "id")
    done = cli("followups", "set", str(entry), "Dijawab", "--answer", "Diperbaiki pekan depan")
    assert done.code == 0 and "dijawab" in done.out, done
    listed = cli("followups", "--status", "dijawab")
    assert listed.code == 0 and "Jembatan rusak" in listed.out
    # The stored word is still accepted; a word of neither language is refused, with the
    # choices in the user's language.
    assert cli("followups", "--status", "answered").out == listed.out
    wrong = cli("followups", "--status", "beres")
    assert wrong.code == 2 and "terbuka, diteruskan, dijawab, selesai" in wrong.err
