"""Building a station's broadcasts, people, live log and archived recordings for the tests.

Recordings and renditions are made here with the ORM (the archive job's ingest is not
needed): real MP3 files made by ffmpeg, placed under the home's archive folder, with their
real size and the duration ffprobe measures.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from radiodesk.config import Settings
from radiodesk.models import (
    Appearance,
    Broadcast,
    Episode,
    LogEntry,
    Person,
    Recording,
    Rendition,
    Show,
)


def make_tone(path: Path, seconds: float, frequency: int = 440) -> Path:
    """A short mono MP3 (64 kbit/s) made by ffmpeg."""
    path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            "ffmpeg",
            "-nostdin",
            "-loglevel",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            f"sine=frequency={frequency}:duration={seconds}",
            "-ac",
            "1",
            "-ar",
            "22050",
            "-b:a",
            "64k",
            "-map_metadata",
            "-1",
            "-id3v2_version",
            "0",
            "-write_xing",
            "1",
            str(path),
        ],
        check=True,
    )
    return path


def probe_duration(path: Path) -> float:
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "json", str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return float(json.loads(out)["format"]["duration"])


@dataclass
class Guest:
    name: str
    consent: str = "given"
    role: str = "guest"
    position: str = ""
    institution: str = ""
    phone: str = ""
    email: str = ""
    notes: str = ""
    honorific: str = ""
    publish_name: bool = True
    publish_position: bool = True


@dataclass
class Aired:
    """What :func:`add_aired` made: ids of the broadcast, recording and people."""

    broadcast_id: int
    recording_id: int
    person_ids: list[int] = field(default_factory=list)


def add_aired(
    session: Session,
    settings: Settings,
    tone: Path,
    *,
    show: str,
    start: datetime,
    minutes: int = 60,
    topic: str = "",
    title: str | None = None,
    notes: str = "",
    guests: list[Guest] | None = None,
    segments: list[tuple[float, str]] | None = None,
    calls: list[tuple[float, str, str, str]] | None = None,
    transcript: str | None = None,
    access_class: str = "open",
    name: str | None = None,
) -> Aired:
    """An aired broadcast of ``show`` with people, a live log, and a recording whose podcast
    file is a copy of ``tone`` under the archive. ``segments``: (seconds after the start,
    text); ``calls``: (seconds, question text, caller name, caller location)."""
    show_row = session.scalars(select(Show).where(Show.slug == show)).one()
    end = start + timedelta(minutes=minutes)
    broadcast = Broadcast(
        show_id=show_row.id,
        planned_start=start,
        planned_end=end,
        actual_start=start,
        actual_end=end,
        status="aired",
        special=True,
        title=title,
        topic=topic,
        notes=notes,
        access_class=access_class,
    )
    session.add(broadcast)
    session.flush()
    person_ids: list[int] = []
    for guest in guests or []:
        person = Person(
            name=guest.name,
            honorific=guest.honorific,
            position=guest.position,
            institution=guest.institution,
            phone=guest.phone,
            email=guest.email,
            notes=guest.notes,
            consent=guest.consent,
            publish_name=guest.publish_name,
            publish_position=guest.publish_position,
        )
        session.add(person)
        session.flush()
        session.add(Appearance(broadcast_id=broadcast.id, person_id=person.id, role=guest.role))
        person_ids.append(person.id)
    for offset, text in segments or []:
        session.add(
            LogEntry(
                broadcast_id=broadcast.id,
                at=start + timedelta(seconds=offset),
                kind="segment",
                text=text,
            )
        )
    for offset, text, caller, place in calls or []:
        session.add(
            LogEntry(
                broadcast_id=broadcast.id,
                at=start + timedelta(seconds=offset),
                kind="question",
                text=text,
                caller_name=caller,
                caller_location=place,
                channel="phone",
                followup_status="open",
            )
        )
    stem = name or f"{show}-{start:%Y%m%d%H%M}-{broadcast.id}"
    master = f"masters/{stem}.wav"
    rendition_path = f"renditions/{stem}.mp3"
    target = settings.archive_dir / rendition_path
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(tone, target)
    data = target.read_bytes()
    duration = probe_duration(target)
    recording = Recording(
        sha256=hashlib.sha256(f"master:{stem}".encode()).hexdigest(),
        original_name=f"{stem}.wav",
        stored_path=master,
        size=len(data) * 10,
        container="wav",
        codec="pcm_s16le",
        duration=duration,
        recorded_start=start,
        broadcast_id=broadcast.id,
        title="",
    )
    if transcript is not None:
        transcript_path = f"transcripts/{stem}.vtt"
        (settings.archive_dir / transcript_path).parent.mkdir(parents=True, exist_ok=True)
        (settings.archive_dir / transcript_path).write_text(transcript, encoding="utf-8")
        recording.transcript_path = transcript_path
    session.add(recording)
    session.flush()
    session.add(
        Rendition(
            recording_id=recording.id,
            stored_path=rendition_path,
            format="mp3",
            mime_type="audio/mpeg",
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            duration=duration,
            bit_rate=64000,
        )
    )
    session.flush()
    return Aired(broadcast.id, recording.id, person_ids)


def public_files(public: Path) -> dict[str, bytes]:
    """Every file under public/ (hidden manifest included) by relative path."""
    return {
        str(p.relative_to(public)): p.read_bytes() for p in sorted(public.rglob("*")) if p.is_file()
    }


def snapshot(public: Path) -> dict[str, tuple[int, int, int]]:
    """(size, mtime_ns, inode) of every file under public/."""
    out = {}
    for p in sorted(public.rglob("*")):
        if p.is_file():
            st = p.stat()
            out[str(p.relative_to(public))] = (st.st_size, st.st_mtime_ns, st.st_ino)
    return out


NOW = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)

# Strings that must never appear in any file under public/.
PRIVATE = {
    "phone": "0812-5550-1234",
    "email": "andi.private@example.go.id",
    "person_notes": "Catatan pribadi: jangan dihubungi malam",
    "broadcast_notes": "Internal: naskah belum disetujui kabag",
    "caller_name": "Bu Hasnah Penelepon",
    "caller_location": "Desa Rahasia Baebunta",
    "question": "Kapan jalan rusak di dusun kami diperbaiki",
    "refused_guest": "Haji Refusal Tolak",
    "unknown_guest": "Daeng Unknown Belum",
    "hidden_position": "Jabatan Tersembunyi",
}


@dataclass
class World:
    """A station with episodes in every state, made by :func:`build_world`."""

    published: list[int] = field(default_factory=list)
    draft: int = 0
    scheduled_later: int = 0
    withdrawn: int = 0
    refused: int = 0
    exempt: int = 0
    titles: dict[int, str] = field(default_factory=dict)


def build_world(station, tones: dict[str, Path], now: datetime = NOW) -> World:  # type: ignore[no-untyped-def]
    """Published episodes on two programmes (one with a transcript), and one episode in each
    state that must not be public, with private details all around them."""
    from radiodesk.publish import (
        edit_episode,
        publish_episode,
        schedule_episode,
        sync_drafts,
        withdraw_episode,
    )

    settings = station.settings
    world = World()
    day = now - timedelta(days=3)
    with station.session() as session:
        first = add_aired(
            session,
            settings,
            tones["long"],
            show="dialog-interaktif",
            start=day,
            topic="Perbaikan jalan poros Masamba & <irigasi>",
            notes=PRIVATE["broadcast_notes"],
            guests=[
                Guest(
                    "Andi Mappanyukki",
                    honorific="Ir.",
                    position="Kepala Dinas PUPR",
                    institution="Pemkab Luwu Utara",
                    phone=PRIVATE["phone"],
                    email=PRIVATE["email"],
                    notes=PRIVATE["person_notes"],
                ),
                Guest("Rahmat Hidayat", role="host"),
                Guest(PRIVATE["unknown_guest"], consent="unknown"),
                Guest("Siti Rahma", position=PRIVATE["hidden_position"], publish_position=False),
            ],
            segments=[(0, "Pembukaan"), (1.25, "Dialog dengan Kepala Dinas"), (2.5, "Penutup")],
            calls=[(1.5, PRIVATE["question"], PRIVATE["caller_name"], PRIVATE["caller_location"])],
            transcript="WEBVTT\n\n00:00.000 --> 00:02.000\nSelamat pagi pendengar.\n",
        )
        second = add_aired(
            session,
            settings,
            tones["short"],
            show="kabar-pagi",
            start=day + timedelta(days=1),
            topic="Harga gabah di Sukamaju",
            guests=[Guest("Nur Aeni", position="Penyuluh Pertanian", institution="BPP Sukamaju")],
            segments=[(0, "Kabar kecamatan"), (1.0, "Harga pasar")],
        )
        third = add_aired(
            session,
            settings,
            tones["short"],
            show="kabar-pagi",
            start=day + timedelta(days=2),
            topic="Jadwal posyandu",
        )
        draft = add_aired(
            session,
            settings,
            tones["short"],
            show="mimbar-jumat",
            start=day + timedelta(hours=5),
            topic="Draft episode must stay private",
        )
        later = add_aired(
            session,
            settings,
            tones["short"],
            show="mimbar-jumat",
            start=day + timedelta(hours=7),
            topic="Scheduled for later stays private",
        )
        gone = add_aired(
            session,
            settings,
            tones["short"],
            show="suara-petani",
            start=day + timedelta(hours=9),
            topic="Withdrawn episode stays private",
        )
        refused = add_aired(
            session,
            settings,
            tones["short"],
            show="suara-petani",
            start=day + timedelta(hours=11),
            topic="Refused guest episode stays private",
            guests=[Guest(PRIVATE["refused_guest"], consent="refused")],
        )
        exempt = add_aired(
            session,
            settings,
            tones["short"],
            show="suara-petani",
            start=day + timedelta(hours=13),
            topic="Exempt broadcast stays private",
            access_class="exempt",
        )
        sync_drafts(session, settings, now)
        by_recording = {e.recording_id: e for e in session.scalars(select(Episode))}
        for aired in (first, second, third):
            episode = by_recording[aired.recording_id]
            # An editor publishes each a little after its broadcast.
            episode.status = "draft"
            episode.publish_at = None
            session.flush()
            publish_episode(session, settings, episode.id, now=now - timedelta(hours=1))
            world.published.append(episode.id)
        world.draft = by_recording[draft.recording_id].id
        world.scheduled_later = by_recording[later.recording_id].id
        schedule_episode(
            session, settings, world.scheduled_later, at=now + timedelta(days=2), now=now
        )
        world.withdrawn = by_recording[gone.recording_id].id
        publish_episode(session, settings, world.withdrawn, now=now - timedelta(hours=2))
        withdraw_episode(session, settings, world.withdrawn, now=now)
        # Someone forces these to "published" behind the editors' backs: still never public.
        for aired, attr in ((refused, "refused"), (exempt, "exempt")):
            episode = by_recording[aired.recording_id]
            episode.status = "published"
            episode.published_at = now - timedelta(hours=1)
            setattr(world, attr, episode.id)
        # Titles only these episodes carry (their topics are in the public schedule anyway).
        for episode_id, label in (
            (world.scheduled_later, "later"),
            (world.withdrawn, "withdrawn"),
            (world.refused, "refused"),
            (world.exempt, "exempt"),
        ):
            session.get(Episode, episode_id).title = f"Hidden episode title ({label})"
        edit_episode(session, settings, world.draft, now=now, title="Hidden episode title (draft)")
        session.flush()
        for episode in session.scalars(select(Episode)):
            world.titles[episode.id] = episode.title
    return world
