"""Bad files fail alone with one line each; odd names and lying headers are handled."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from mutagen.id3 import ID3, TDRC, TIT2, TXXX

from radiodesk.archive import audio as audio_tools
from tests.archive.conftest import (
    Air,
    MakeAudio,
    archive_files,
    decoded_seconds,
    ffmpeg,
    recordings,
    renditions,
    sha256,
)
from tests.conftest import CliResult, Station


def _cut(path: Path, keep: float) -> Path:
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    return path


def test_a_batch_goes_on_past_bad_files_and_leaves_nothing_half_written(
    station: Station, air: Air, audio: MakeAudio, card: Path, cli: Callable[..., CliResult]
) -> None:
    air.broadcast("kabar-pagi", "2026-11-20 06:00")
    good = audio("2026-11-20_06-00-30.wav", freq=300)
    _cut(audio("truncated.wav", freq=310, seconds=8), 0.5)
    _cut(audio("cut-short.mp3", freq=320, seconds=8), 0.5)
    damaged = audio("damaged.flac", freq=330, seconds=8)
    data = bytearray(damaged.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 3000] = bytes(range(256)) * 11 + bytes(184)
    damaged.write_bytes(bytes(data))
    (card / "empty.mp3").write_bytes(b"")
    (card / "notes.mp3").write_text("Catatan siaran, bukan rekaman.\n" * 20)
    (card / "gone.mp3").symlink_to(card / "nowhere.mp3")
    os.mkfifo(card / "pipe.wav")
    absurd = audio("absurd tags.mp3", freq=340)
    tags = ID3()
    tags.add(TDRC(encoding=3, text=["1890-01-01T08:00:00"]))
    tags.add(TIT2(encoding=3, text=["Judul " * 10000]))
    tags.add(TXXX(encoding=3, desc="\x00\x01junk", text=["\ufffd" * 500]))
    tags.save(absurd)
    odd = [
        audio("rekaman pagi – Bupati ä 🎙.wav", freq=350),
        audio(" spasi di depan.mp3", freq=360),
        audio("a'b\"c;$(echo x).wav", freq=370),
    ]
    latin1 = card / os.fsdecode(b"wawancara-\xe9t\xe9.wav")
    latin1.write_bytes(audio("x.wav", freq=380).read_bytes())
    (card / "x.wav").unlink()
    originals = {p.name: sha256(p) for p in [good, absurd, *odd, latin1]}

    result = cli("ingest", str(card))

    assert result.code == 1
    assert "6 archived, 0 already archived, 7 failed." in result.out
    reasons = {
        "truncated.wav": "truncated: it holds 0:04 of the 0:08 its header declares",
        "cut-short.mp3": "truncated",
        "damaged.flac": "damaged audio",
        "empty.mp3": "empty file (0 bytes)",
        "notes.mp3": "not audio that ffmpeg can read",
        "gone.mp3": "cannot be read: No such file or directory",
        "pipe.wav": "not a regular file",
    }
    failed_lines = result.err.strip().splitlines()
    for name, reason in reasons.items():
        [line] = [x for x in failed_lines if x.split(": failed: ")[0].endswith(name)]
        assert reason in line, line
    assert "Traceback" not in result.err
    rows = recordings(station)
    assert len(rows) == 6
    assert {r.original_name for r in rows} >= {
        "rekaman pagi – Bupati ä 🎙.wav",
        " spasi di depan.mp3",
        "a'b\"c;$(echo x).wav",
        "wawancara-\ufffdt\ufffd.wav",
        "absurd tags.mp3",
    }
    # The absurd date was set aside: the file's own time placed it.
    absurd_row = next(r for r in rows if r.original_name == "absurd tags.mp3")
    assert absurd_row.recorded_start and absurd_row.recorded_start.year == 2026
    assert "the date in the tags is impossible; ignored" in result.out
    # Nothing else in the archive than what the rows name: no partial, no orphan.
    named = {r.stored_path for r in rows} | {r.stored_path for r in renditions(station)}
    assert set(archive_files(station)) == named
    for path in [good, absurd, *odd, latin1]:
        assert sha256(path) == originals[path.name]


def test_durations_are_decoded_when_headers_lie(
    station: Station, air: Air, audio: MakeAudio, card: Path, cli: Callable[..., CliResult]
) -> None:
    air.broadcast("kabar-pagi", "2026-11-20 06:00")
    # A VBR MP3 without a Xing header, starting quiet: its bit rate misleads the estimate.
    vbr = card / "2026-11-20_06-01-00.mp3"
    ffmpeg(
        "-f",
        "lavfi",
        "-i",
        "anoisesrc=d=20:a=0.5,volume=enable='lt(t,3)':volume=0",
        "-q:a",
        "2",
        "-write_xing",
        "0",
        str(vbr),
    )
    # A WAV left by a recorder that crashed: sizes still the 0xFFFFFFFF placeholders.
    crashed = audio("2026-11-20_06-02-00.wav", seconds=7)
    data = bytearray(crashed.read_bytes())
    at = data.find(b"data")
    data[4:8] = data[at + 4 : at + 8] = b"\xff\xff\xff\xff"
    crashed.write_bytes(bytes(data))
    assert abs(audio_tools.probe(vbr).duration - 20) > 10  # what the header makes ffprobe say

    result = cli("ingest", "--no-render", str(vbr), str(crashed))

    assert result.code == 0, result.out + result.err
    rows = {r.original_name: r for r in recordings(station)}
    assert abs(rows[vbr.name].duration - decoded_seconds(vbr)) < 1.0
    assert abs(rows[vbr.name].duration - 20) < 1.0
    assert abs(rows[crashed.name].duration - 7) < 1.0
