"""Retention: only what is older than the retention period and not kept for hand-over goes,
and only with --yes; access classes and hand-over marks."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import select

from radiodesk.archive import prune
from radiodesk.models import Broadcast
from tests.archive.conftest import NOW, Air, MakeAudio, archive_files, recordings, renditions
from tests.conftest import CliResult, Station

LONG_AGO = NOW - timedelta(days=400)


def _ingest_at(cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch, when, *paths):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("RADIODESK_NOW", when.isoformat())
    result = cli("ingest", *map(str, paths))
    monkeypatch.setenv("RADIODESK_NOW", NOW.isoformat())
    assert result.code == 0, result.out + result.err


def test_prune_removes_only_old_recordings_not_kept_for_handover(
    station: Station,
    air: Air,
    audio: MakeAudio,
    cli: Callable[..., CliResult],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    old = air.broadcast("kabar-pagi", "2025-10-01 06:00")
    kept = air.broadcast("dialog-interaktif", "2025-10-02 09:00", 90)
    young = air.broadcast("kabar-pagi", "2026-11-20 06:00")
    _ingest_at(
        cli,
        monkeypatch,
        LONG_AGO,
        audio("2025-10-01_06-00-30.wav", freq=300),
        audio("2025-10-02_09-00-30.wav", freq=310),
    )
    _ingest_at(cli, monkeypatch, NOW, audio("2026-11-20_06-00-30.wav", freq=320))
    # Aired long ago, archived only now: its age counts from today.
    late = audio("2025-10-01_06-30-00.wav", freq=330)
    _ingest_at(cli, monkeypatch, NOW, late)
    assert cli("archive", "handover", str(kept)).code == 0
    before = archive_files(station)

    shown = cli("archive", "prune")

    assert shown.code == 0
    assert "#1 " in shown.out and "400 days old" in shown.out
    assert "1 old recordings are kept for hand-over." in shown.out
    assert "run again with --yes" in shown.out
    assert archive_files(station) == before and len(recordings(station)) == 4

    removed = cli("archive", "prune", "--yes")

    assert removed.code == 0 and "Removed 1 recordings" in removed.out
    left = recordings(station)
    assert [r.broadcast_id for r in left] == [kept, young, old]
    assert len(renditions(station)) == 3
    assert len(archive_files(station)) == len(before) - 2
    # Nothing more is old enough, whatever is asked.
    assert prune(station.settings, NOW).items == ()
    assert "Nothing is older" in cli("archive", "prune", "--yes").out


def test_handover_and_access_marks(
    station: Station, air: Air, cli: Callable[..., CliResult]
) -> None:
    broadcast = air.broadcast("dialog-interaktif", "2026-11-19 09:00", 90)

    assert "marked for hand-over" in cli("archive", "handover", str(broadcast)).out
    assert cli("archive", "access", str(broadcast), "exempt").code == 0
    with station.session() as session:
        row = session.scalars(select(Broadcast)).one()
        assert row.handover and row.access_class == "exempt"
    assert "no longer marked" in cli("archive", "handover", str(broadcast), "--off").out
    assert cli("archive", "access", str(broadcast), "secret").code == 2
    assert cli("archive", "access", "999", "open").code == 1
    with station.session() as session:
        row = session.scalars(select(Broadcast)).one()
        assert not row.handover and row.access_class == "exempt"
