"""verify: every archived file re-read against its checksum; one flipped byte is found."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from tests.archive.conftest import NOW, Air, MakeAudio, recordings, renditions
from tests.conftest import CliResult, Station


def test_verify_finds_a_flipped_byte_and_a_missing_file(
    station: Station,
    air: Air,
    audio: MakeAudio,
    cli: Callable[..., CliResult],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    air.broadcast("kabar-pagi", "2026-11-20 06:00")
    files = [audio("2026-11-20_06-00-30.wav", freq=300), audio("2026-11-20_06-20-00.wav", freq=310)]
    assert cli("ingest", *map(str, files)).code == 0

    clean = cli("verify")
    assert clean.code == 0, clean.out
    assert "Checked 4 files: 4 intact, 0 missing or changed." in clean.out
    assert all(r.verified_ok and r.verified_at == NOW for r in recordings(station))
    assert all(r.verified_ok for r in renditions(station))

    first, second = recordings(station)
    master = station.settings.archive_dir / first.stored_path
    data = bytearray(master.read_bytes())
    data[len(data) // 2] ^= 0x01
    master.write_bytes(bytes(data))
    podcast = station.settings.archive_dir / renditions(station)[1].stored_path
    podcast.unlink()

    broken = cli("verify")

    assert broken.code == 1
    assert f"master of recording {first.id}: changed: {first.stored_path}" in broken.out
    assert f"podcast file of recording {second.id}: missing:" in broken.out
    assert "Checked 4 files: 2 intact, 2 missing or changed." in broken.out
    assert [r.verified_ok for r in recordings(station)] == [False, True]
    assert [r.verified_ok for r in renditions(station)] == [True, False]

    # Checked today: --older-than 1 skips everything; a day later it checks again.
    recent = cli("verify", "--older-than", "1", "--json")
    assert recent.code == 0 and json.loads(recent.out)["skipped"] == 4
    monkeypatch.setenv("RADIODESK_NOW", "2026-11-25T04:00:00+00:00")
    later = cli("verify", "--older-than", "1", "--json")
    assert later.code == 1
    report = json.loads(later.out)
    assert report["checked"] == 4 and {p["problem"] for p in report["problems"]} == {
        "changed",
        "missing",
    }
