"""Ingest through the command line: masters kept byte for byte, linked to their broadcasts,
renditions at the programme's loudness with tags and chapters read back by mutagen."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

from mutagen.id3 import ID3, TDRC, TIT2
from PIL import Image

from radiodesk.archive import IngestProgress, ingest_paths
from tests.archive.conftest import (
    NOW,
    Air,
    MakeAudio,
    archive_files,
    decoded_seconds,
    ebur128,
    local,
    recordings,
    renditions,
    sha256,
)
from tests.conftest import CliResult, Station

LAYOUT = re.compile(r"^masters/2026/11/20/kabar-pagi-060030-[0-9a-f]{8}\.wav$")


def test_ingest_links_by_file_name_and_renders_with_tags_and_chapters(
    station: Station, air: Air, audio: MakeAudio, cli: Callable[..., CliResult]
) -> None:
    broadcast = air.broadcast("kabar-pagi", "2026-11-20 06:00", topic="Harga gabah naik")
    air.segment(broadcast, "2026-11-20 06:00:10", "Pembukaan dan kabar kecamatan")
    air.segment(broadcast, "2026-11-20 06:00:33", "Wawancara: Kepala Dinas Pertanian")
    air.segment(broadcast, "2026-11-20 06:00:36", "Harga pasar")
    artwork = station.home / "shows" / "kabar-pagi.png"
    Image.new("RGB", (64, 64), (200, 40, 40)).save(artwork)
    air.show("kabar-pagi", artwork="shows/kabar-pagi.png")
    original = audio("2026-11-20_06-00-30.wav", seconds=8)
    before = sha256(original), original.stat().st_mtime_ns

    result = cli("ingest", str(original))

    assert result.code == 0, result.out + result.err
    assert "archived as recording 1" in result.out
    assert "1 archived, 0 already archived, 0 failed." in result.out
    [rec] = recordings(station)
    assert LAYOUT.match(rec.stored_path), rec.stored_path
    master = station.settings.archive_dir / rec.stored_path
    # The master is the original, byte for byte; the original is untouched.
    assert sha256(master) == rec.sha256 == before[0]
    assert (sha256(original), original.stat().st_mtime_ns) == before
    assert rec.broadcast_id == broadcast
    assert rec.recorded_start == local("2026-11-20 06:00:30")
    assert abs(rec.duration - 8) < 0.1 and rec.container == "wav" and rec.channels == 2
    assert rec.loudness is not None and rec.original_name == "2026-11-20_06-00-30.wav"

    [rendition] = renditions(station)
    assert rendition.stored_path == rec.stored_path.replace("masters/", "renditions/")[:-3] + "mp3"
    podcast = station.settings.archive_dir / rendition.stored_path
    # Measured here, independently, on the file as published.
    lufs, peak = ebur128(podcast)
    assert abs(lufs - -16.0) <= 1.0, lufs
    assert peak <= -1.0, peak
    assert abs(rendition.loudness - lufs) < 0.2 and abs(rendition.true_peak - peak) < 0.2
    assert sha256(podcast) == rendition.sha256 and rendition.mime_type == "audio/mpeg"
    assert abs(decoded_seconds(podcast) - 8) < 1.0

    tags = ID3(podcast)
    assert "Kabar Pagi" in str(tags["TIT2"]) and "Harga gabah naik" in str(tags["TIT2"])
    assert str(tags["TALB"]) == "Kabar Pagi Luwu Utara"
    assert str(tags["TPE1"]) == station.settings.station.name
    assert str(tags["TDRC"]) == "2026-11-20"
    assert tags.getall("APIC")[0].data == artwork.read_bytes()
    [toc] = tags.getall("CTOC")
    chapters = sorted(tags.getall("CHAP"), key=lambda c: c.start_time)
    assert toc.child_element_ids == [c.element_id for c in chapters]
    # The first segment was running when the recorder started; the next ones follow it.
    assert [(c.start_time, c.sub_frames["TIT2"].text[0]) for c in chapters] == [
        (0, "Pembukaan dan kabar kecamatan"),
        (3000, "Wawancara: Kepala Dinas Pertanian"),
        (6000, "Harga pasar"),
    ]
    assert chapters[-1].end_time == 8000


def test_the_same_bytes_twice_are_archived_once(
    station: Station, air: Air, audio: MakeAudio, cli: Callable[..., CliResult]
) -> None:
    air.broadcast("kabar-pagi", "2026-11-20 06:00")
    first = audio("2026-11-20_06-00-30.wav")
    copy = first.with_name("salinan rekaman.wav")
    copy.write_bytes(first.read_bytes())
    assert cli("ingest", str(first)).code == 0
    files = archive_files(station)

    again = cli("ingest", str(first), str(copy))

    assert again.code == 0
    assert again.out.count("already archived as recording 1") == 2
    assert "0 archived, 2 already archived, 0 failed." in again.out
    assert len(recordings(station)) == 1 and len(renditions(station)) == 1
    assert archive_files(station) == files


def test_iso_names_with_offset_tags_and_mtime_place_a_recording(
    station: Station, air: Air, audio: MakeAudio, cli: Callable[..., CliResult]
) -> None:
    early = air.broadcast("kabar-pagi", "2026-11-20 06:00", 60)
    dialog = air.broadcast("dialog-interaktif", "2026-11-19 09:00", 90)
    petani = air.broadcast("suara-petani", "2026-11-18 16:00", 60)
    # 05:30 in Jakarta (WIB, +07) is 06:30 in Masamba.
    iso = audio("studio1_2026-11-20T053000+0700_PT1H30M.mp3", freq=300)
    tagged = audio("rekaman dialog.mp3", freq=310)
    tags = ID3()
    tags.add(TDRC(encoding=3, text=["2026-11-19T09:04:00"]))
    tags.add(TIT2(encoding=3, text=["Dialog"]))
    tags.save(tagged)
    by_time = audio("studio one.wav", freq=320)
    # A recorder stops writing at the end: mtime is the start plus the length.
    end = local("2026-11-18 16:02:00").timestamp() + 6
    os.utime(by_time, (end, end))

    result = cli("ingest", "--no-render", str(iso), str(tagged), str(by_time))

    assert result.code == 0, result.out + result.err
    rows = {r.original_name: r for r in recordings(station)}
    assert rows["studio1_2026-11-20T053000+0700_PT1H30M.mp3"].broadcast_id == early
    assert rows["studio1_2026-11-20T053000+0700_PT1H30M.mp3"].recorded_start == local(
        "2026-11-20 06:30"
    )
    assert rows["rekaman dialog.mp3"].broadcast_id == dialog
    assert rows["rekaman dialog.mp3"].recorded_start == local("2026-11-19 09:04")
    assert rows["studio one.wav"].broadcast_id == petani
    assert (
        abs((rows["studio one.wav"].recorded_start - local("2026-11-18 16:02")).total_seconds()) < 1
    )
    assert not renditions(station)


def test_a_broadcast_wav_is_placed_by_its_bext_chunk(
    station: Station, air: Air, audio: MakeAudio, cli: Callable[..., CliResult]
) -> None:
    broadcast = air.broadcast("dialog-interaktif", "2026-11-19 09:00", 90)
    plain = audio("TAKE0007.wav")
    data = plain.read_bytes()
    bext = bytearray(602)
    bext[320:338] = b"2026-11-1909:15:00"
    chunk = b"bext" + len(bext).to_bytes(4, "little") + bytes(bext)
    riff = data[:12] + chunk + data[12:]
    riff = riff[:4] + (len(riff) - 8).to_bytes(4, "little") + riff[8:]
    plain.write_bytes(riff)

    assert cli("ingest", "--no-render", str(plain)).code == 0

    [rec] = recordings(station)
    assert rec.broadcast_id == broadcast and rec.recorded_start == local("2026-11-19 09:15")


def test_unlinked_recordings_are_listed_and_linked_by_hand(
    station: Station, air: Air, audio: MakeAudio, cli: Callable[..., CliResult]
) -> None:
    kabar = air.broadcast("kabar-pagi", "2026-11-20 06:00", 60)
    special = air.broadcast("layanan-masyarakat", "2026-11-20 06:30", 60)
    air.broadcast("dialog-interaktif", "2026-11-20 07:40", 60, status="cancelled")
    both = audio("2026-11-20_06-40-00.wav", freq=300)
    none = audio("2026-11-20_03-00-00.wav", freq=310)
    cancelled_only = audio("2026-11-20_07-45-00.wav", freq=320)

    result = cli("ingest", str(both), str(none), str(cancelled_only))

    assert result.code == 0
    assert "unlinked: 2 broadcasts fit" in result.out
    assert result.out.count("unlinked: no broadcast fits") == 2
    assert "3 recordings belong to no broadcast yet" in result.out
    assert all(r.broadcast_id is None for r in recordings(station))
    assert all(r.stored_path.split("/")[-1].startswith("unlinked-") for r in recordings(station))
    assert not renditions(station)

    listed = cli("archive", "unlinked")
    assert listed.code == 0
    assert "fits several broadcasts" in listed.out
    assert f"#{kabar} Kabar Pagi" in listed.out and f"#{special} " in listed.out

    linked = cli("archive", "link", "1", str(kabar))
    assert linked.code == 0, linked.err
    first = recordings(station)[0]
    assert first.broadcast_id == kabar
    [rendition] = renditions(station)
    assert rendition.recording_id == 1
    assert cli("archive", "link", "2", "999").code == 1


def test_explicit_broadcast_and_transcript_beside_and_move(
    station: Station, air: Air, audio: MakeAudio, cli: Callable[..., CliResult]
) -> None:
    broadcast = air.broadcast("dialog-interaktif", "2026-11-19 09:00", 90)
    recording = audio("Wawancara Bupati.wav")
    transcript = recording.with_suffix(".vtt")
    transcript.write_text("WEBVTT\n\n00:00.000 --> 00:03.000\nSelamat pagi.\n", encoding="utf-8")
    text = transcript.read_bytes()

    result = cli("ingest", "--broadcast", str(broadcast), "--move", str(recording))

    assert result.code == 0, result.err
    [rec] = recordings(station)
    assert rec.broadcast_id == broadcast
    assert rec.recorded_start == local("2026-11-19 09:00")
    assert rec.transcript_path == rec.stored_path[:-4] + ".vtt"
    assert (station.settings.archive_dir / rec.transcript_path).read_bytes() == text
    assert not recording.exists() and not transcript.exists()
    assert "original removed" in result.out
    assert cli("ingest", "--broadcast", "999", str(recording)).code == 1


def test_progress_reaches_the_end_through_every_stage(
    station: Station, air: Air, audio: MakeAudio
) -> None:
    air.broadcast("kabar-pagi", "2026-11-20 06:00")
    files = [audio("2026-11-20_06-00-30.wav", freq=300), audio("2026-11-20_06-10-00.wav", freq=310)]
    seen: list[IngestProgress] = []

    report = ingest_paths(station.settings, files, now=NOW, progress=seen.append)

    assert len(report.archived) == 2
    overall = [p.overall for p in seen]
    assert overall == sorted(overall) and overall[-1] == 1.0
    assert {p.stage for p in seen} >= {"hash", "copy", "render", "measure"}
    assert {p.index for p in seen} == {0, 1} and all(p.count == 2 for p in seen)


def test_a_folder_is_searched_recursively_for_audio(
    station: Station, air: Air, audio: MakeAudio, card: Path, cli: Callable[..., CliResult]
) -> None:
    air.broadcast("kabar-pagi", "2026-11-20 06:00")
    audio("senin/2026-11-20_06-00-30.wav", freq=300)
    audio("senin/pagi/2026-11-20_06-20-00.mp3", freq=310)
    (card / "senin" / "catatan.txt").write_text("bukan audio")
    (card / ".Trashes").mkdir()

    result = cli("ingest", "--no-render", str(card))

    assert result.code == 0, result.out + result.err
    assert len(recordings(station)) == 2
    assert cli("ingest", str(station.settings.archive_dir)).code == 1
