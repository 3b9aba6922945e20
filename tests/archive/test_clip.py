"""Clips: cut by stream copy, archived as recordings of their own, chapters from the offset."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from mutagen.id3 import ID3

from radiodesk.archive import audio as audio_tools
from radiodesk.archive import parse_timecode
from radiodesk.errors import InputError
from tests.archive.conftest import (
    Air,
    MakeAudio,
    decoded_seconds,
    local,
    recordings,
    renditions,
    sha256,
)
from tests.conftest import CliResult, Station


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("00:12:30", 750), ("12:30", 750), ("750", 750), ("1:02:03.5", 3723.5), ("0:07", 7)],
)
def test_timecodes(text: str, seconds: float) -> None:
    assert parse_timecode(text) == seconds


@pytest.mark.parametrize("text", ["", "12:75", "1:2:3:4", "abc", "-5"])
def test_bad_timecodes(text: str) -> None:
    with pytest.raises(InputError):
        parse_timecode(text)


@pytest.mark.parametrize("ext", ["wav", "mp3"])
def test_a_clip_is_a_stream_copy_with_chapters_from_its_offset(
    station: Station, air: Air, audio: MakeAudio, cli: Callable[..., CliResult], ext: str
) -> None:
    broadcast = air.broadcast("dialog-interaktif", "2026-11-19 09:00", 90, topic="Pasar baru")
    air.segment(broadcast, "2026-11-19 09:00:02", "Pembukaan")
    air.segment(broadcast, "2026-11-19 09:00:10", "Wawancara Bupati")
    air.segment(broadcast, "2026-11-19 09:00:16", "Telepon pendengar")
    master = audio(f"2026-11-19_09-00-00.{ext}", seconds=20)
    assert cli("ingest", str(master)).code == 0
    [parent] = recordings(station)

    result = cli("clip", "1", "--from", "00:00:07", "--to", "00:00:17", "--title", "Bupati")

    assert result.code == 0, result.err
    assert "archived as recording 2" in result.out
    clip = recordings(station)[1]
    assert clip.parent_id == parent.id and clip.broadcast_id == broadcast
    assert (clip.clip_start, clip.clip_end) == (7.0, 17.0)
    assert clip.recorded_start == local("2026-11-19 09:00:07")
    assert clip.title == "Bupati" and clip.codec == parent.codec  # not re-encoded
    stored = station.settings.archive_dir / clip.stored_path
    assert sha256(stored) == clip.sha256
    assert abs(clip.duration - 10) < 0.1 and abs(decoded_seconds(stored) - 10) < 0.1
    assert audio_tools.probe(stored).codec == parent.codec
    # The parent is untouched.
    assert sha256(station.settings.archive_dir / parent.stored_path) == parent.sha256
    podcast = next(r for r in renditions(station) if r.recording_id == clip.id)
    tags = ID3(station.settings.archive_dir / podcast.stored_path)
    chapters = sorted(tags.getall("CHAP"), key=lambda c: c.start_time)
    assert [(c.start_time, c.sub_frames["TIT2"].text[0]) for c in chapters] == [
        (0, "Pembukaan"),
        (3000, "Wawancara Bupati"),
        (9000, "Telepon pendengar"),
    ]
    assert str(tags["TIT2"]) == "Bupati"

    again = cli("clip", "1", "--from", "7", "--to", "17")
    assert again.code == 0 and "already archived as recording 2" in again.out
    assert len(recordings(station)) == 2


def test_a_clip_outside_the_recording_is_refused(
    station: Station, air: Air, audio: MakeAudio, cli: Callable[..., CliResult]
) -> None:
    assert cli("ingest", "--no-render", str(audio("2026-11-19_09-00-00.wav"))).code == 0
    for args, message in [
        (("--from", "00:00:05", "--to", "00:00:02"), "must start before it ends"),
        (("--from", "00:10:00", "--to", "00:11:00"), "is only 0:06 long"),
        (("--from", "00:00:01", "--to", "00:00:01.5"), "at least one second"),
        (("--from", "soon", "--to", "00:00:03"), "not a time"),
    ]:
        result = cli("clip", "1", *args)
        assert result.code == 1 and message in result.err, (args, result.err)
        assert len(result.err.strip().splitlines()) == 1
    assert cli("clip", "9", "--from", "0", "--to", "3").code == 1
    assert len(recordings(station)) == 1


def _pcm(path, start: float = 0, end: float | None = None) -> bytes:  # type: ignore[no-untyped-def]
    import subprocess

    window = ["-ss", str(start)] + (["-to", str(end)] if end is not None else [])
    return subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(path), *window, "-f", "s16le", "-"],
        capture_output=True,
        check=True,
    ).stdout


def test_a_wav_clip_is_exact_to_the_sample_even_from_a_crashed_recorder(
    station: Station, air: Air, audio: MakeAudio, cli: Callable[..., CliResult]
) -> None:
    master = audio("2026-11-19_09-00-00.wav", seconds=8)
    data = master.read_bytes()
    bext = b"bext" + (602).to_bytes(4, "little") + bytes(602)
    riff = bytearray(data[:12] + bext + data[12:])
    at = riff.find(b"data")
    riff[4:8] = riff[at + 4 : at + 8] = b"\xff\xff\xff\xff"
    master.write_bytes(bytes(riff))
    assert cli("ingest", "--no-render", str(master)).code == 0

    assert cli("clip", "1", "--from", "1.5", "--to", "4.25").code == 0

    clip = recordings(station)[1]
    stored = station.settings.archive_dir / clip.stored_path
    assert clip.duration == 2.75 and sha256(stored) == clip.sha256
    assert audio_tools.probe(stored).duration == 2.75
    # 2.75 s of 44.1 kHz stereo 16-bit, the very samples of the master.
    expected = _pcm(master)[int(1.5 * 44100) * 4 : int(4.25 * 44100) * 4]
    assert _pcm(stored) == expected
