"""A feed's life: no feed before a programme's first episode; what changes when it changes."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path

import feedparser
import mutagen
from lxml import etree
from sqlalchemy import select

from radiodesk.config import Settings
from radiodesk.models import Episode, Person, Rendition, Show
from radiodesk.publish import edit_episode, plan_publish, publish, publish_episode
from radiodesk.publish.podcast_ext import ITUNES_NS as ITUNES
from radiodesk.publish.podcast_ext import PODCAST_NS, podcast_guid
from tests.conftest import Station
from tests.publish.helpers import NOW, World, build_world

NS = {"atom": "http://www.w3.org/2005/Atom"}


def test_a_programme_has_no_feed_and_no_link_before_its_first_episode(
    station: Station, tones: dict[str, Path]
) -> None:
    world = build_world(station, tones)
    settings = station.settings
    public = settings.public_dir
    with station.session() as session:
        plan = plan_publish(session, settings, NOW)
    # Mimbar Jumat has only a draft, Suara Petani only episodes that may not be public.
    assert {"mimbar-jumat", "suara-petani"} <= set(plan.no_feed_yet)
    assert "kabar-pagi" not in plan.no_feed_yet
    result = publish(settings, NOW)
    slugs = {link.slug for link in result.feeds}
    assert {"kabar-pagi", "dialog-interaktif", None} == slugs
    assert not (public / "mimbar-jumat").exists()
    index = (public / "index.html").read_text(encoding="utf-8")
    assert "mimbar-jumat" not in index and "kabar-pagi/index.html" in index

    with station.session() as session:
        publish_episode(session, settings, world.draft, now=NOW)
    result = publish(settings, NOW)
    assert "mimbar-jumat" in {link.slug for link in result.feeds}
    assert world.titles[world.draft] in (public / "mimbar-jumat" / "feed.xml").read_text("utf-8")
    assert "mimbar-jumat/index.html" in (public / "index.html").read_text(encoding="utf-8")


def test_a_station_without_public_episodes_has_no_feed(station: Station) -> None:
    public = station.settings.public_dir
    result = publish(station.settings, NOW)
    assert result.feeds == ()
    assert not (public / "feed.xml").exists()
    index = (public / "index.html").read_text(encoding="utf-8")
    assert "feed.xml" not in index


def _published(station: Station, tones: dict[str, Path]) -> tuple[World, Settings, Path]:
    """The test world, published once: (world, settings, public/)."""
    world = build_world(station, tones)
    publish(station.settings, NOW)
    return world, station.settings, station.settings.public_dir


def _channel(public: Path, path: str) -> etree._Element:
    return etree.fromstring((public / path).read_bytes()).find("channel")


def test_a_feed_keeps_its_guid_when_the_public_url_changes_and_names_its_new_address(
    station: Station, tones: dict[str, Path]
) -> None:
    _world, settings, public = _published(station, tones)
    old_url = f"{settings.station.public_url}/kabar-pagi/feed.xml"
    before = _channel(public, "kabar-pagi/feed.xml")
    guid = before.findtext(f"{{{PODCAST_NS}}}guid")
    assert guid == podcast_guid(old_url)  # assigned at the first publish
    assert before.find(f"{{{ITUNES}}}new-feed-url") is None

    # From the test address to the real domain.
    moved = replace(
        settings, station=replace(settings.station, public_url="https://radio.luwuutarakab.go.id")
    )
    result = publish(moved, NOW + timedelta(hours=1))
    assert "kabar-pagi/feed.xml" in result.written
    after = _channel(public, "kabar-pagi/feed.xml")
    assert after.findtext(f"{{{PODCAST_NS}}}guid") == guid
    new_url = "https://radio.luwuutarakab.go.id/kabar-pagi/feed.xml"
    assert after.findtext(f"{{{ITUNES}}}new-feed-url") == new_url
    assert after.xpath("atom:link[@rel='self']/@href", namespaces=NS) == [new_url]
    # Apps still reading it at the old address follow; podcast apps read it as before.
    parsed = feedparser.parse((public / "kabar-pagi/feed.xml").read_bytes())
    assert not parsed.bozo and len(parsed.entries) == 2
    # Nothing changed since: nothing is written again.
    assert publish(moved, NOW + timedelta(hours=2)).written == ()


def test_last_build_date_moves_when_what_the_feed_says_changes(
    station: Station, tones: dict[str, Path]
) -> None:
    world, settings, public = _published(station, tones)

    def built(path: str = "dialog-interaktif/feed.xml") -> datetime:
        return parsedate_to_datetime(_channel(public, path).findtext("lastBuildDate"))

    first = built()
    assert first == NOW
    later = NOW + timedelta(hours=1)
    publish(settings, later)
    assert built() == first  # nothing changed
    # An episode's title.
    with station.session() as session:
        edit_episode(session, settings, world.published[0], now=later, title="Judul baru")
    publish(settings, later)
    assert built() == later
    # A guest's name.
    even_later = later + timedelta(hours=1)
    with station.session() as session:
        person = session.scalars(select(Person).where(Person.name == "Andi Mappanyukki")).one()
        person.name = "Andi Mappanyukki Baso"
    publish(settings, even_later)
    assert built() == even_later
    assert "Andi Mappanyukki Baso" in (public / "dialog-interaktif/feed.xml").read_text("utf-8")
    # The programme's own text.
    latest = even_later + timedelta(hours=1)
    with station.session() as session:
        show = session.scalars(select(Show).where(Show.slug == "dialog-interaktif")).one()
        show.description = "Dialog interaktif bersama pejabat daerah, setiap pagi."
    publish(settings, latest)
    assert built() == latest
    assert built("feed.xml") >= even_later


def test_calendar_event_ids_stay_when_the_public_url_changes(
    station: Station, tones: dict[str, Path]
) -> None:
    build_world(station, tones)
    settings = station.settings
    calendar = settings.public_dir / "schedule.ics"

    def uids() -> list[str]:
        return [
            line.removeprefix("UID:")
            for line in calendar.read_text(encoding="utf-8").splitlines()
            if line.startswith("UID:")
        ]

    publish(settings, NOW)
    before = uids()
    assert before and all(uid.endswith("@localhost") for uid in before)
    moved = replace(
        settings, station=replace(settings.station, public_url="https://radio.luwuutarakab.go.id")
    )
    publish(moved, NOW + timedelta(hours=1))
    assert uids() == before


def test_a_retitled_episode_s_audio_file_carries_the_new_title(
    station: Station, tones: dict[str, Path]
) -> None:
    world, settings, public = _published(station, tones)
    target = world.published[1]
    with station.session() as session:
        edit_episode(session, settings, target, now=NOW, title="Harga gabah naik: dialog petani")
    result = publish(settings, NOW + timedelta(minutes=5))
    assert result.problems == ()
    (audio,) = public.glob(f"kabar-pagi/episodes/*-e{target}.mp3")
    assert mutagen.File(audio, easy=True)["title"] == ["Harga gabah naik: dialog petani"]
    # The archive's checksum and size follow the file; the feed's length is the file's.
    with station.session() as session:
        episode = session.get(Episode, target)
        rendition = session.scalars(
            select(Rendition).where(Rendition.recording_id == episode.recording_id)
        ).one()
        stored = settings.archive_dir / rendition.stored_path
        assert rendition.sha256 == hashlib.sha256(stored.read_bytes()).hexdigest()
        assert rendition.size == stored.stat().st_size == audio.stat().st_size
    parsed = feedparser.parse((public / "kabar-pagi/feed.xml").read_bytes())
    (entry,) = [e for e in parsed.entries if e.title == "Harga gabah naik: dialog petani"]
    assert int(entry.enclosures[0].length) == audio.stat().st_size
    # Once written, the title is not written again.
    assert publish(settings, NOW + timedelta(minutes=10)).written == ()
