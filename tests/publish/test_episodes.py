"""Drafting episodes from recordings, auto-publishing, and the editors' workflow."""

from __future__ import annotations

import hashlib
import re
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from radiodesk.errors import InputError, NotFound
from radiodesk.models import Episode, LogEntry, Person, Recording, Rendition
from radiodesk.publish import (
    edit_episode,
    episode_detail,
    list_episodes,
    plan_publish,
    publish,
    sync_drafts,
)
from radiodesk.publish.episodes import promote_due
from tests.conftest import Station
from tests.publish.helpers import NOW, PRIVATE, Guest, add_aired, build_world


def test_a_draft_for_every_podcast_recording_once(station: Station, tones: dict[str, Path]) -> None:
    settings = station.settings
    with station.session() as session:
        kept = add_aired(
            session,
            settings,
            tones["short"],
            show="suara-petani",
            start=NOW - timedelta(days=1),
            topic="Pupuk bersubsidi",
            guests=[
                Guest("Ir. Syamsul", position="Penyuluh", institution="Dinas Pertanian"),
                Guest(PRIVATE["unknown_guest"], consent="unknown"),
                Guest(PRIVATE["refused_guest"], consent="refused"),
            ],
            notes=PRIVATE["broadcast_notes"],
            segments=[(0, "Pembukaan"), (1.0, "Tanya jawab")],
            calls=[(1.2, PRIVATE["question"], PRIVATE["caller_name"], PRIVATE["caller_location"])],
        )
        # Podcasting is off for Malam Remaja: no episode for its recordings.
        add_aired(
            session, settings, tones["short"], show="malam-remaja", start=NOW - timedelta(days=2)
        )
        # A recording without a podcast file yet: no episode until the archive renders one.
        bare = add_aired(
            session, settings, tones["short"], show="mimbar-jumat", start=NOW - timedelta(days=3)
        )
        session.execute(
            Rendition.__table__.delete().where(Rendition.recording_id == bare.recording_id)
        )
        first = sync_drafts(session, settings, NOW)
        again = sync_drafts(session, settings, NOW)
        assert len(first.created) == 1 and again.created == ()
        episode = session.get(Episode, first.created[0])
        assert episode.recording_id == kept.recording_id
        assert episode.status == "draft"
        assert re.fullmatch(r"radiodesk:rklu:[0-9a-f-]{36}", episode.guid)
        assert "Suara Petani Kakao" in episode.title and "Pupuk bersubsidi" in episode.title
        text = episode.title + episode.description
        assert "Ir. Syamsul (Penyuluh, Dinas Pertanian)" in episode.description
        assert (
            "00:00 Pembukaan" in episode.description and "00:01 Tanya jawab" in episode.description
        )
        for private in PRIVATE.values():
            assert private not in text
        assert [c["title"] for c in episode.chapters] == ["Pembukaan", "Tanya jawab"]
        # Now the archive renders the bare recording: it gets its draft too.
        path = settings.archive_dir / "renditions" / "late.mp3"
        shutil.copy(tones["short"], path)
        session.add(
            Rendition(
                recording_id=bare.recording_id,
                stored_path="renditions/late.mp3",
                format="mp3",
                mime_type="audio/mpeg",
                size=path.stat().st_size,
                sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
                duration=2.0,
            )
        )
        session.flush()
        assert len(sync_drafts(session, settings, NOW).created) == 1


def test_a_clip_becomes_an_episode_with_its_own_title_and_chapters(
    station: Station, tones: dict[str, Path]
) -> None:
    settings = station.settings
    with station.session() as session:
        full = add_aired(
            session,
            settings,
            tones["long"],
            show="dialog-interaktif",
            start=NOW - timedelta(days=1),
            topic="Dialog lengkap",
            segments=[(0, "Pembukaan"), (1.0, "Wawancara"), (3.0, "Penutup")],
        )
        clip = add_aired(
            session,
            settings,
            tones["short"],
            show="dialog-interaktif",
            start=NOW - timedelta(days=1),
            name="clip",
        )
        row = session.get(Recording, clip.recording_id)
        row.parent_id = full.recording_id
        row.broadcast_id = None
        row.clip_start = 0.5
        row.clip_end = 2.5
        row.title = "Wawancara Kepala Dinas"
        session.flush()
        created = sync_drafts(session, settings, NOW).created
        episodes = {session.get(Episode, i).recording_id: session.get(Episode, i) for i in created}
        episode = episodes[clip.recording_id]
        assert episode.title.startswith("Wawancara Kepala Dinas (Dialog Interaktif Halo Bupati, ")
        assert episode.broadcast_id == full.broadcast_id
        # Chapters of the clip start 0.5 s into the recording.
        assert [(c["start"], c["title"]) for c in episode.chapters] == [
            (0.0, "Pembukaan"),
            (0.5, "Wawancara"),
        ]


def test_auto_publishing_when_every_guest_consented(
    station: Station, tones: dict[str, Path]
) -> None:
    settings = station.settings
    start = NOW - timedelta(hours=5)
    with station.session() as session:
        ready = add_aired(
            session,
            settings,
            tones["short"],
            show="kabar-pagi",
            start=start,
            guests=[Guest("Siap Terbit")],
        )
        waiting = add_aired(
            session,
            settings,
            tones["short"],
            show="kabar-pagi",
            start=start - timedelta(days=1),
            guests=[Guest("Belum Setuju", consent="unknown")],
        )
        result = sync_drafts(session, settings, NOW)
        by_recording = {e.recording_id: e for e in session.scalars(select(Episode))}
        auto = by_recording[ready.recording_id]
        held = by_recording[waiting.recording_id]
        # Kabar Pagi publishes 120 minutes after the broadcast ends.
        assert result.scheduled == (auto.id,)
        assert auto.status == "scheduled"
        assert auto.publish_at == start + timedelta(minutes=60 + 120)
        assert held.status == "draft"
        published, _held = promote_due(session, NOW)
        assert published == [auto.id]
        assert auto.published_at == auto.publish_at
        # Consent arrives: the next sync schedules the waiting one.
        person = session.scalars(select(Person).where(Person.name == "Belum Setuju")).one()
        person.consent = "given"
        session.flush()
        assert sync_drafts(session, settings, NOW).scheduled == (held.id,)


def test_chapters_follow_the_live_log(station: Station, tones: dict[str, Path]) -> None:
    settings = station.settings
    with station.session() as session:
        aired = add_aired(
            session,
            settings,
            tones["long"],
            show="mimbar-jumat",
            start=NOW - timedelta(days=1),
            segments=[(0, "Pembukaan")],
        )
        (created,) = sync_drafts(session, settings, NOW).created
        entry = session.scalars(
            select(LogEntry).where(LogEntry.broadcast_id == aired.broadcast_id)
        ).one()
        entry.text = "Salam pembuka"
        session.add(
            LogEntry(
                broadcast_id=aired.broadcast_id,
                at=entry.at + timedelta(seconds=2),
                kind="segment",
                text="Kajian",
            )
        )
        session.flush()
        assert sync_drafts(session, settings, NOW).chapters_refreshed == 1
        assert [c["title"] for c in session.get(Episode, created).chapters] == [
            "Salam pembuka",
            "Kajian",
        ]
        assert sync_drafts(session, settings, NOW).chapters_refreshed == 0


def test_editing_keeps_the_guid_and_checks_input(station: Station, tones: dict[str, Path]) -> None:
    world = build_world(station, tones)
    settings = station.settings
    with station.session() as session:
        before = episode_detail(session, settings, world.draft)
        after = edit_episode(
            session,
            settings,
            before.summary.guid,
            now=NOW,
            title="  Judul\tbaru  ",
            description="Baris satu\r\nBaris dua",
            season=2,
            number=7,
        )
        assert after.summary.guid == before.summary.guid
        assert after.summary.title == "Judul baru"
        assert after.description == "Baris satu\nBaris dua"
        assert (after.summary.season, after.summary.number) == (2, 7)
        cleared = edit_episode(session, settings, world.draft, now=NOW, season=0)
        assert cleared.summary.season is None and cleared.summary.number == 7
        with pytest.raises(InputError, match="title: must not be empty"):
            edit_episode(session, settings, world.draft, now=NOW, title=" \x07 ")
        with pytest.raises(InputError, match="longer than 300"):
            edit_episode(session, settings, world.draft, now=NOW, title="x" * 301)
        with pytest.raises(NotFound, match="no episode 999"):
            episode_detail(session, settings, 999)
        redrafted = edit_episode(session, settings, world.draft, now=NOW, redraft=True)
        assert redrafted.summary.title.startswith("Mimbar Jumat, ")


def test_list_shows_status_and_why_an_episode_cannot_be_published(
    station: Station, tones: dict[str, Path]
) -> None:
    world = build_world(station, tones)
    with station.session() as session:
        rows = list_episodes(session, station.settings)
        assert {r.id for r in rows} == set(world.titles)
        by_id = {r.id: r for r in rows}
        assert by_id[world.refused].blocked and "refused consent" in by_id[world.refused].blocked[0]
        assert by_id[world.draft].status == "draft"
        drafts = list_episodes(session, station.settings, status="draft")
        assert [r.id for r in drafts] == [world.draft]
        assert [
            r.show_slug for r in list_episodes(session, station.settings, show="kabar-pagi")
        ] == [
            "kabar-pagi",
            "kabar-pagi",
        ]
        with pytest.raises(NotFound):
            list_episodes(session, station.settings, show="no-such-show")


def test_the_plan_says_what_the_next_publish_does_and_changes_nothing(
    station: Station, tones: dict[str, Path]
) -> None:
    world = build_world(station, tones)
    settings = station.settings
    with station.session() as session:
        plan = plan_publish(session, settings, NOW)
        count = session.scalar(select(func.count()).select_from(Episode))
    assert sorted(c.id for c in plan.added) == sorted(world.published)
    assert plan.changed == () and plan.withdrawn == ()
    assert {i for i, _reason in plan.held} == {world.refused, world.exempt}
    publish(settings, NOW)
    with station.session() as session:
        edit_episode(session, settings, world.published[0], now=NOW, title="Baru")
        from radiodesk.publish import withdraw_episode

        withdraw_episode(session, settings, world.published[1], now=NOW)
        plan = plan_publish(session, settings, NOW)
        assert session.scalar(select(func.count()).select_from(Episode)) == count
    assert [c.id for c in plan.changed] == [world.published[0]]
    assert [c.id for c in plan.withdrawn] == [world.published[1]]
    assert plan.added == () and plan.unchanged == 1
