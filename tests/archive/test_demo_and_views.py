"""The archive's part of `radiodesk demo`, and the archive list and show commands."""

from __future__ import annotations

import json
import random
from collections.abc import Callable

from radiodesk import db
from radiodesk.archive.demo import fill
from tests.archive.conftest import NOW, Air, MakeAudio, recordings, renditions
from tests.conftest import CliResult, Station


def test_demo_recordings_link_to_past_broadcasts_and_get_renditions(
    station: Station, air: Air
) -> None:
    ids = [
        air.broadcast("kabar-pagi", "2026-11-20 06:00", topic="Harga gabah"),
        air.broadcast("dialog-interaktif", "2026-11-19 09:00", 90, topic="Jalan rusak"),
        air.broadcast("suara-petani", "2026-11-18 16:00"),
        air.broadcast("tembang-kenangan", "2026-11-18 20:00"),  # not a podcast
        air.broadcast("kabar-pagi", "2026-11-24 06:00", status="planned"),  # not yet aired
    ]
    air.segment(ids[0], "2026-11-20 06:00:00", "Pembukaan")

    with db.unit_of_work(station.settings) as session:
        line = fill(session, station.settings, random.Random(1), NOW)

    assert line.startswith("Archive: 4 recordings ingested (3 linked")
    rows = recordings(station)
    assert {r.broadcast_id for r in rows} == {ids[0], ids[1], ids[2], None}
    assert all(30 <= r.duration <= 91 for r in rows)
    assert len(renditions(station)) == 3
    assert sum(1 for r in rows if r.transcript_path) == 1


def test_archive_list_and_show(
    station: Station, air: Air, audio: MakeAudio, cli: Callable[..., CliResult]
) -> None:
    broadcast = air.broadcast("kabar-pagi", "2026-11-20 06:00", topic="Harga gabah")
    air.segment(broadcast, "2026-11-20 06:00:35", "Harga pasar")
    assert cli("ingest", str(audio("2026-11-20_06-00-30.wav"))).code == 0

    listed = cli("archive", "list")
    assert listed.code == 0 and "kabar-pagi" in listed.out and "Harga gabah" in listed.out
    [item] = json.loads(cli("archive", "list", "--json").out)
    assert item["id"] == 1 and item["renditions"] == 1 and item["show_slug"] == "kabar-pagi"

    shown = cli("archive", "show", "1")
    assert shown.code == 0
    assert "Podcast file: renditions/2026/11/20/" in shown.out
    assert "Chapter 0:05: Harga pasar" in shown.out
    detail = json.loads(cli("archive", "show", "1", "--json").out)
    assert detail["broadcast"]["id"] == broadcast
    assert detail["chapters"] == [{"start": 5.0, "end": 6.0, "title": "Harga pasar"}]
    assert detail["renditions"][0]["format"] == "mp3"
    assert cli("archive", "show", "7").code == 1
