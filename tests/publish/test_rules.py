"""Publishing rules: what must not be public is in no file under public/."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from radiodesk.errors import Conflict, InputError
from radiodesk.models import Episode, Person
from radiodesk.publish import publish, publish_episode, schedule_episode, withdraw_episode
from radiodesk.publish.catalogue import PublicEpisode, collect
from radiodesk.publish.paths import manifest_path
from radiodesk.publish.public import reasons
from tests.conftest import Station
from tests.publish.helpers import NOW, PRIVATE, World, build_world, public_files


def leaks(station: Station, needles: list[str]) -> list[tuple[str, str]]:
    """(file, text) for every needle found in any file under public/ (bytes, UTF-8)."""
    found = []
    for name, data in public_files(station.settings.public_dir).items():
        for needle in needles:
            if needle.encode("utf-8") in data:
                found.append((name, needle))
    return found


@pytest.fixture
def world(station: Station, tones: dict[str, Path]) -> World:
    world = build_world(station, tones)
    result = publish(station.settings, NOW)
    assert result.episodes == 3
    return world


def test_private_details_never_reach_public(station: Station, world: World) -> None:
    assert leaks(station, list(PRIVATE.values())) == []
    # Only public files: the manifest (archive paths, reasons for holding back) is elsewhere.
    assert not [p for p in station.settings.public_dir.rglob(".*")]
    assert manifest_path(station.settings).is_file()
    assert str(station.settings.archive_dir).encode() not in b"".join(
        public_files(station.settings.public_dir).values()
    )
    # The same text with "&" or "<" escaped must not slip through either.
    assert leaks(station, [PRIVATE["caller_name"].replace(" ", "&#32;")]) == []


def test_drafts_later_withdrawn_refused_and_exempt_episodes_stay_out(
    station: Station, world: World
) -> None:
    hidden = [world.draft, world.scheduled_later, world.withdrawn, world.refused, world.exempt]
    with station.session() as session:
        guids = [session.get(Episode, i).guid for i in hidden]
    titles = [world.titles[i] for i in hidden]
    assert leaks(station, guids + titles) == []
    # Their audio files are not there either: only the three published ones are.
    audio = sorted(p.name for p in station.settings.public_dir.glob("*/episodes/*.mp3"))
    assert len(audio) == 3
    assert all(f"-e{i}." not in name for name in audio for i in hidden)


def test_editor_cannot_publish_or_schedule_a_refused_guest(station: Station, world: World) -> None:
    with station.session() as session:
        episode = session.get(Episode, world.refused)
        episode.status = "draft"
    with station.session() as session, pytest.raises(Conflict, match="refused consent") as err:
        publish_episode(session, station.settings, world.refused, now=NOW)
    assert PRIVATE["refused_guest"] in str(err.value)
    with station.session() as session, pytest.raises(Conflict, match="refused consent"):
        schedule_episode(
            session, station.settings, world.refused, at=NOW + timedelta(days=1), now=NOW
        )
    with station.session() as session, pytest.raises(Conflict, match="exempt"):
        publish_episode(session, station.settings, world.exempt, now=NOW)


def test_consent_refused_after_publication_takes_the_episode_down(
    station: Station, world: World
) -> None:
    target = world.published[1]
    with station.session() as session:
        episode = session.get(Episode, target)
        guid = episode.guid
        person = session.scalars(select(Person).where(Person.name == "Nur Aeni")).one()
        person.consent = "refused"
    result = publish(station.settings, NOW + timedelta(minutes=1))
    assert any(target == held for held, _reason in result.held)
    assert any(path.endswith(f"-e{target}.mp3") for path in result.removed)
    assert leaks(station, [guid, "Nur Aeni"]) == []


def test_withdrawing_removes_the_file_and_the_item(station: Station, world: World) -> None:
    target = world.published[0]
    with station.session() as session:
        guid = session.get(Episode, target).guid
        withdraw_episode(session, station.settings, target, now=NOW)
    result = publish(station.settings, NOW + timedelta(minutes=1))
    removed = set(result.removed)
    assert any(p.endswith(f"-e{target}.mp3") for p in removed)
    assert any(p.endswith(f"-e{target}.chapters.json") for p in removed)
    assert any(p.endswith(f"-e{target}.vtt") for p in removed)
    assert leaks(station, [guid]) == []
    # The programme's feed is still there, now without items.
    feed = station.settings.public_dir / "dialog-interaktif" / "feed.xml"
    assert feed.exists() and b"<item>" not in feed.read_bytes()


def test_a_lost_manifest_still_takes_a_withdrawn_episode_down(
    station: Station, world: World
) -> None:
    target = world.published[2]
    manifest_path(station.settings).unlink()
    with station.session() as session:
        withdraw_episode(session, station.settings, target, now=NOW)
    publish(station.settings, NOW + timedelta(minutes=1))
    assert not list(station.settings.public_dir.glob(f"*/episodes/*-e{target}.*"))


def test_the_writer_checks_again_before_writing(station: Station, world: World) -> None:
    with station.session() as session:
        catalogue = collect(session, station.settings, NOW)
    (episode, *_rest) = catalogue.episodes
    from dataclasses import replace

    def refusal(episode: PublicEpisode, now: datetime) -> str:
        return "; ".join(reasons(episode.standing, now))

    assert refusal(episode, NOW) == ""
    assert "refused consent" in refusal(replace(episode, refused=True), NOW)
    assert "draft" in refusal(replace(episode, status="draft"), NOW)
    assert "later" in refusal(replace(episode, published_at=NOW + timedelta(hours=1)), NOW)
    assert "exempt" in refusal(replace(episode, exempt=True), NOW)


def test_scheduling_needs_a_time_in_the_future(station: Station, world: World) -> None:
    with station.session() as session, pytest.raises(InputError, match="not in the future"):
        schedule_episode(session, station.settings, world.draft, at=NOW, now=NOW)


def test_text_naming_someone_who_may_not_be_named_is_held_back(
    station: Station, world: World
) -> None:
    from radiodesk.publish import edit_episode

    target = world.published[0]  # the dialog in which that guest appeared
    with station.session() as session:
        edit_episode(
            session,
            station.settings,
            target,
            now=NOW,
            description=f"Bersama {PRIVATE['unknown_guest']} dan Nur Aeni.",
        )
    result = publish(station.settings, NOW + timedelta(minutes=1))
    assert [reason for held, reason in result.held if held == target] == [
        "its title or description names a person who has not allowed it; "
        "redraft it ('radiodesk episodes edit ID --redraft') or edit the text"
    ]
    assert leaks(station, [PRIVATE["unknown_guest"]]) == []
    assert any(f"-e{target}." in p for p in result.removed)
