"""Renditions in every programme format: loudness and true peak measured after encoding,
tags and chapters read back with mutagen, the master never touched."""

from __future__ import annotations

from collections.abc import Callable

import mutagen
import pytest
from mutagen.mp4 import MP4

from radiodesk.archive import ingest_paths, render_recording
from tests.archive.conftest import (
    NOW,
    Air,
    MakeAudio,
    decoded_seconds,
    ebur128,
    recordings,
    renditions,
    sha256,
)
from tests.conftest import CliResult, Station

FORMATS = [
    # (programme format, channels, bit rate, target LUFS, master file)
    ("mp3", 1, 64, -16.0, "2026-11-19_09-00-05.flac"),
    ("m4a", 2, 96, -18.0, "2026-11-19_09-00-05.wav"),
    ("ogg", 1, 48, -16.0, "2026-11-19_09-00-05.m4a"),
    ("opus", 1, 32, -19.0, "2026-11-19_09-00-05.ogg"),
]


def _chapters(path, fmt: str) -> list[tuple[float, str]]:  # type: ignore[no-untyped-def]
    if fmt == "mp3":
        from mutagen.id3 import ID3

        chaps = sorted(ID3(path).getall("CHAP"), key=lambda c: c.start_time)
        return [(c.start_time / 1000, c.sub_frames["TIT2"].text[0]) for c in chaps]
    if fmt == "m4a":
        return [(round(c.start, 3), c.title) for c in MP4(path).chapters]
    tags = mutagen.File(path).tags
    found = []
    for i in range(1, 10):
        if f"CHAPTER{i:03d}" in tags:
            h, m, s = tags[f"CHAPTER{i:03d}"][0].split(":")
            found.append((int(h) * 3600 + int(m) * 60 + float(s), tags[f"CHAPTER{i:03d}NAME"][0]))
    return found


@pytest.mark.parametrize(("fmt", "channels", "bitrate", "target", "master"), FORMATS)
def test_each_format_reaches_its_target_with_chapters(
    station: Station,
    air: Air,
    audio: MakeAudio,
    fmt: str,
    channels: int,
    bitrate: int,
    target: float,
    master: str,
) -> None:
    air.show(
        "dialog-interaktif",
        audio_format=fmt,
        audio_channels=channels,
        audio_bitrate=bitrate,
        loudness_target=target,
    )
    broadcast = air.broadcast("dialog-interaktif", "2026-11-19 09:00", 90, topic="Jalan rusak")
    air.segment(broadcast, "2026-11-19 09:00:00", "Pembukaan")
    air.segment(broadcast, "2026-11-19 09:00:08", "Tanya jawab: jalan ke Rampi")
    original = audio(master, seconds=8)
    before = sha256(original)

    report = ingest_paths(station.settings, [original], now=NOW)

    [done] = report.archived
    assert done.rendition is not None and done.rendition.format == fmt
    [rec] = recordings(station)
    assert sha256(station.settings.archive_dir / rec.stored_path) == before == rec.sha256
    [rendition] = renditions(station)
    podcast = station.settings.archive_dir / rendition.stored_path
    assert podcast.suffix == f".{fmt}"
    lufs, peak = ebur128(podcast)
    assert abs(lufs - target) <= 1.0, (lufs, target)
    assert peak <= -1.0, peak
    assert rendition.loudness == pytest.approx(lufs, abs=0.2)
    assert abs(decoded_seconds(podcast) - 8) < 1.0
    info = mutagen.File(podcast)
    assert info.info.channels == channels
    assert _chapters(podcast, fmt) == [(0.0, "Pembukaan"), (3.0, "Tanya jawab: jalan ke Rampi")]
    text = str(info.tags)
    assert "Dialog Interaktif" in text and station.settings.station.name in text


def test_a_loud_master_is_limited_below_minus_one_dbtp(
    station: Station, air: Air, card, cli: Callable[..., CliResult]
) -> None:  # type: ignore[no-untyped-def]
    from tests.archive.conftest import ffmpeg

    air.broadcast("kabar-pagi", "2026-11-20 06:00")
    loud = card / "2026-11-20_06-00-30.wav"
    # Speech-like noise with a sharp click near full scale every second (a bumped
    # microphone): reaching -16 LUFS needs some 10 dB of gain the clicks cannot take.
    ffmpeg(
        "-f", "lavfi", "-i", "anoisesrc=c=pink:a=0.3:d=8:r=44100,tremolo=f=2:d=0.6",
        "-f", "lavfi", "-i", "aevalsrc='0.97*gt(mod(t,1),0.9995)':s=44100:d=8",
        "-filter_complex", "[0][1]amix=inputs=2:normalize=0", "-ac", "2", str(loud),
    )  # fmt: skip
    assert ebur128(loud)[1] > -3

    assert cli("ingest", str(loud)).code == 0
    [rendition] = renditions(station)
    lufs, peak = ebur128(station.settings.archive_dir / rendition.stored_path)
    assert peak <= -1.0 and abs(lufs - -16) <= 1.0, (lufs, peak)


def test_rendering_again_replaces_the_old_rendition(
    station: Station, air: Air, audio: MakeAudio
) -> None:
    air.broadcast("kabar-pagi", "2026-11-20 06:00")
    ingest_paths(station.settings, [audio("2026-11-20_06-00-30.wav")], now=NOW)
    [first] = renditions(station)
    air.show("kabar-pagi", audio_format="opus", audio_bitrate=32)

    again = render_recording(station.settings, 1, now=NOW)

    assert again is not None and again.format == "opus"
    [second] = renditions(station)
    assert second.stored_path.endswith(".opus") and second.format == "opus"
    assert not (station.settings.archive_dir / first.stored_path).exists()
