"""Helpers of the archive tests: real audio made by ffmpeg, broadcasts to record, a fixed now.

Audio is generated once per session (a few seconds each) and copied into each test's own
"recorder card" folder, so tests never share files they might change.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import delete, select

from radiodesk.models import Appearance, Broadcast, LogEntry, Person, Recording, Rendition, Show
from tests.conftest import Station

ZONE = ZoneInfo("Asia/Makassar")
# Monday 23 November 2026, 12:00 WITA.
NOW = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)


def local(text: str) -> datetime:
    """'2026-11-20 06:00' in station time, as a UTC instant."""
    return datetime.fromisoformat(text).replace(tzinfo=ZONE).astimezone(UTC)


def ffmpeg(*args: str) -> None:
    subprocess.run(["ffmpeg", "-v", "error", "-nostdin", "-y", *args], check=True)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


CODECS = {
    "wav": ["-c:a", "pcm_s16le"],
    "mp3": ["-c:a", "libmp3lame", "-b:a", "128k"],
    "m4a": ["-c:a", "aac", "-b:a", "96k"],
    "ogg": ["-c:a", "libvorbis", "-q:a", "3"],
    "opus": ["-c:a", "libopus", "-b:a", "64k"],
    "flac": ["-c:a", "flac"],
}


def make_tone(
    path: Path, seconds: float, freq: int, channels: int = 2, level: float = 0.25
) -> None:
    """A tone with pink noise and a speech-like rhythm, ``seconds`` long."""
    ext = path.suffix.lstrip(".")
    graph = (
        f"sine=f={freq}:r=44100:d={seconds}[a];anoisesrc=c=pink:r=44100:a=0.05:d={seconds}[b];"
        f"[a][b]amix=inputs=2:normalize=0,tremolo=f=1.7:d=0.7,volume={level}"
    )
    ffmpeg("-filter_complex", graph, "-ac", str(channels), *CODECS[ext], str(path))


class AudioCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.made: dict[tuple[object, ...], Path] = {}

    def get(self, ext: str, seconds: float, freq: int, channels: int) -> Path:
        key = (ext, seconds, freq, channels)
        if key not in self.made:
            path = self.folder / f"{len(self.made)}.{ext}"
            make_tone(path, seconds, freq, channels)
            self.made[key] = path
        return self.made[key]


@pytest.fixture(scope="session")
def audio_cache(tmp_path_factory: pytest.TempPathFactory) -> AudioCache:
    return AudioCache(tmp_path_factory.mktemp("audio"))


MakeAudio = Callable[..., Path]


@pytest.fixture
def card(tmp_path: Path) -> Path:
    """The recorder's memory card: a folder of files to ingest."""
    folder = tmp_path / "card"
    folder.mkdir()
    return folder


@pytest.fixture
def audio(audio_cache: AudioCache, card: Path) -> MakeAudio:
    """``audio("2026-11-20_06-00-30.wav", seconds=6, freq=330)``: a real file on the card.
    Different ``freq`` gives different bytes."""

    def make(name: str, seconds: float = 6, freq: int = 330, channels: int = 2) -> Path:
        ext = Path(name).suffix.lstrip(".").lower()
        target = card / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(audio_cache.get(ext, seconds, freq, channels), target)
        return target

    return make


@pytest.fixture(autouse=True)
def now(monkeypatch: pytest.MonkeyPatch) -> datetime:
    monkeypatch.setenv("RADIODESK_NOW", NOW.isoformat())
    return NOW


@dataclass
class Air:
    """Broadcasts, log segments and guests for the archive to find."""

    station: Station

    def broadcast(
        self,
        slug: str,
        start: str,
        minutes: int = 60,
        *,
        status: str = "aired",
        topic: str = "",
        actual_start: str | None = None,
    ) -> int:
        with self.station.session() as session:
            show = session.scalars(select(Show).where(Show.slug == slug)).one()
            planned = local(start)
            row = Broadcast(
                show=show,
                planned_start=planned,
                planned_end=planned + timedelta(minutes=minutes),
                actual_start=local(actual_start) if actual_start else None,
                status=status,
                topic=topic,
            )
            session.add(row)
            session.flush()
            return row.id

    def segment(self, broadcast_id: int, at: str, text: str) -> None:
        with self.station.session() as session:
            session.add(
                LogEntry(broadcast_id=broadcast_id, at=local(at), kind="segment", text=text)
            )

    def guest(self, broadcast_id: int, name: str, role: str, consent: str, topic: str = "") -> None:
        with self.station.session() as session:
            person = Person(name=name, consent=consent, institution="Dinas Kesehatan")
            session.add(person)
            session.flush()
            session.add(
                Appearance(broadcast_id=broadcast_id, person_id=person.id, role=role, topic=topic)
            )

    def show(self, slug: str, **values: object) -> None:
        with self.station.session() as session:
            show = session.scalars(select(Show).where(Show.slug == slug)).one()
            for key, value in values.items():
                setattr(show, key, value)


@pytest.fixture
def air(station: Station) -> Air:
    """The station with no broadcasts but those a test adds (the planned airings go)."""
    with station.session() as session:
        session.execute(delete(Broadcast))
    return Air(station)


def recordings(station: Station) -> list[Recording]:
    with station.session() as session:
        return list(session.scalars(select(Recording).order_by(Recording.id)))


def renditions(station: Station) -> list[Rendition]:
    with station.session() as session:
        return list(session.scalars(select(Rendition).order_by(Rendition.id)))


def archive_files(station: Station) -> list[str]:
    """Every file under archive/ but the database and logs, relative, sorted."""
    root = station.settings.archive_dir
    return sorted(
        str(p.relative_to(root))
        for p in root.rglob("*")
        if p.is_file() and not p.name.startswith(("radiodesk.db", "radiodesk-errors"))
    )


_SUMMARY = re.compile(r"I:\s*(-?[\d.]+) LUFS.*?Peak:\s*(-?[\d.]+|-inf) dBFS", re.S)


def ebur128(path: Path) -> tuple[float, float]:
    """Integrated loudness (LUFS) and true peak (dBTP) of a file, measured by ffmpeg here."""
    out = subprocess.run(
        [
            "ffmpeg",
            "-hide_banner",
            "-nostats",
            "-i",
            str(path),
            "-af",
            "ebur128=peak=true:framelog=verbose",
            "-f",
            "null",
            "-",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    match = _SUMMARY.search(out[out.rindex("Summary:") :])
    assert match, out[-2000:]
    return float(match.group(1)), float(match.group(2))


def decoded_seconds(path: Path) -> float:
    """How long the audio of a file is when decoded by ffmpeg."""
    out = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(path), "-f", "null", "-", "-progress", "pipe:1"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return int(re.findall(r"out_time_us=(\d+)", out)[-1]) / 1e6
