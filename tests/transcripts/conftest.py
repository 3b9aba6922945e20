"""Speech for the transcript tests: Indonesian spoken by espeak-ng (Debian's; .ci/setup
installs it), padded and joined by ffmpeg. Whisper (base, installed by .ci/setup) hears it."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from radiodesk.config import load_settings
from radiodesk.models import Episode, Recording
from radiodesk.publish import publish_episode, sync_drafts
from tests.conftest import Station
from tests.publish.helpers import NOW, Aired, add_aired

SENTENCE = (
    "Selamat pagi. Kepala Dinas Kesehatan berbicara tentang rumah sakit umum daerah di "
    "Masamba. Pembangunan jalan dan jembatan akan dimulai bulan depan."
)
# The words of SENTENCE that carry its meaning (what staff would search for).
CONTENT_WORDS = [
    *("selamat", "pagi", "kepala", "dinas", "kesehatan", "berbicara", "tentang", "rumah"),
    *("sakit", "umum", "daerah", "masamba", "pembangunan", "jalan", "jembatan", "dimulai"),
    *("bulan", "depan"),
]
PARAGRAPHS = [
    "Para pendengar, hari ini kita membahas harga gabah di Kecamatan Sukamaju.",
    "Bupati Luwu Utara meresmikan pasar baru di Masamba pada hari Senin.",
    "Petani diminta menjaga saluran irigasi agar sawah tidak kekeringan.",
    "Sekolah dasar di desa terpencil akan mendapat guru tambahan tahun depan.",
    "Dinas Pekerjaan Umum memperbaiki jembatan yang rusak karena banjir.",
    "Puskesmas membuka layanan imunisasi gratis untuk anak balita.",
]


def say(path: Path, text: str, *, silence_before: float = 0.0) -> Path:
    """``text`` spoken in Indonesian into the WAV ``path`` (22.05 kHz mono), after
    ``silence_before`` seconds of silence."""
    spoken = path.with_name(path.stem + ".spoken.wav")
    subprocess.run(["espeak-ng", "-v", "id", "-s", "140", "-w", str(spoken), text], check=True)
    if silence_before <= 0:
        # ffmpeg reads "-t 0" as no limit: anullsrc would write silence until the disk is full.
        spoken.replace(path)
        return path
    subprocess.run(
        [
            "ffmpeg", "-nostdin", "-loglevel", "error", "-y",
            "-f", "lavfi", "-t", f"{silence_before:.3f}", "-i", "anullsrc=r=22050:cl=mono",
            "-i", str(spoken),
            "-filter_complex", "[0][1]concat=n=2:v=0:a=1", str(path),
        ],
        check=True,
    )  # fmt: skip
    spoken.unlink()
    return path


def with_transcripts(station: Station, text: str) -> Station:
    """The station with ``text`` as its [transcripts] table."""
    settings_file = station.home / "radiodesk.toml"
    settings_file.write_text(
        settings_file.read_text(encoding="utf-8") + "\n[transcripts]\n" + text, encoding="utf-8"
    )
    return Station(load_settings(station.home), station.home)


@pytest.fixture
def incoming(tmp_path: Path) -> Path:
    folder = tmp_path / "incoming"
    folder.mkdir()
    return folder


def archive_spoken(station: Station, speech: Path, **aired: Any) -> Aired:
    """An aired broadcast (``add_aired``'s keywords) whose master is ``speech``."""
    settings = station.settings
    with station.session() as session:
        made = add_aired(session, settings, speech, **aired)
        recording = session.get(Recording, made.recording_id)
        assert recording is not None
        # add_aired leaves the master out: the speech is the master here.
        master = settings.archive_dir / recording.stored_path
        master.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(speech, master)
    return made


def published_dialog(station: Station, speech: Path) -> tuple[Aired, int]:
    """Yesterday's dialog-interaktif with ``speech`` as its master and its episode published
    (what :func:`publish` puts in its feed); returns what was aired and the episode's id."""
    aired = archive_spoken(station, speech, show="dialog-interaktif", start=NOW - timedelta(1))
    with station.session() as session:
        # The speech is the master: its checksum too, so that verify finds it intact.
        recording = session.get(Recording, aired.recording_id)
        assert recording is not None
        recording.sha256 = hashlib.sha256(speech.read_bytes()).hexdigest()
        recording.size = speech.stat().st_size
        sync_drafts(session, station.settings, NOW)
        episode = session.scalars(
            select(Episode).where(Episode.recording_id == aired.recording_id)
        ).one()
        episode.status, episode.publish_at = "draft", None
        session.flush()
        publish_episode(session, station.settings, episode.id, now=NOW - timedelta(hours=1))
        return aired, episode.id


def public_text(public: Path) -> str:
    """Every file under ``public`` as text, joined."""
    return "\n".join(
        p.read_bytes().decode("utf-8", "replace") for p in public.rglob("*") if p.is_file()
    )
