"""The feeds as podcast apps read them: feedparser (many apps) and podcastparser (gPodder)."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import podcastparser
from lxml import etree
from PIL import Image
from sqlalchemy import select

from radiodesk.models import Episode, Rendition
from radiodesk.publish import edit_episode, publish
from radiodesk.publish.categories import apple_category
from radiodesk.publish.podcast_ext import PODCAST_NS, podcast_guid
from tests.conftest import Station
from tests.publish.helpers import NOW, build_world, snapshot

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
NS = {"itunes": ITUNES, "podcast": PODCAST_NS, "atom": "http://www.w3.org/2005/Atom"}
LEGACY_NS = "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md"


def local_file(station: Station, url: str) -> Path:
    """The file under public/ that an absolute URL of the station names."""
    base = station.settings.station.public_url.rstrip("/")
    assert url.startswith(base + "/"), url
    return station.settings.public_dir / urlsplit(url).path.lstrip("/")


def all_feeds(station: Station) -> list[Path]:
    public = station.settings.public_dir
    return sorted(public.glob("*/feed.xml")) + [public / "feed.xml"]


def test_every_feed_reads_right_in_feedparser_and_podcastparser(
    station: Station, tones: dict[str, Path]
) -> None:
    world = build_world(station, tones)
    result = publish(station.settings, NOW)
    assert result.problems == (), result.problems
    assert result.episodes == 3
    with station.session() as session:
        episodes = {e.guid: e for e in session.scalars(select(Episode))}
        renditions = {r.recording_id: r for r in session.scalars(select(Rendition))}
        expected = {
            e.guid: (e.published_at, renditions[e.recording_id].duration, e.chapters)
            for e in episodes.values()
            if e.id in world.published
        }
    seen: set[str] = set()
    for path in all_feeds(station):
        data = path.read_bytes()
        etree.fromstring(data)  # well-formed XML
        parsed = feedparser.parse(data)
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        gpodder = podcastparser.parse(str(path), io.BytesIO(data))
        guids = [e.id for e in parsed.entries]
        assert len(guids) == len(set(guids)), "guids must be unique in a feed"
        assert [e["guid"] for e in gpodder["episodes"]] == guids
        for entry, episode in zip(parsed.entries, gpodder["episodes"], strict=True):
            assert entry.id in expected, entry.id
            published_at, duration, _chapters = expected[entry.id]
            seen.add(entry.id)
            # Enclosure: an absolute URL to a file of exactly the stated length.
            (enclosure,) = episode["enclosures"]
            target = local_file(station, enclosure["url"])
            assert target.is_file()
            assert enclosure["file_size"] == target.stat().st_size
            assert enclosure["mime_type"] == "audio/mpeg"
            assert target.name.isascii()
            (fp_enclosure,) = entry.enclosures
            assert int(fp_enclosure["length"]) == target.stat().st_size
            # RFC 2822 date in UTC, as the database has it.
            raw_date = etree.fromstring(data).xpath(f"//item[guid='{entry.id}']/pubDate/text()")[0]
            assert raw_date.endswith("+0000")
            assert parsedate_to_datetime(raw_date) == published_at.replace(microsecond=0)
            assert episode["published"] == int(published_at.timestamp())
            # Duration in whole seconds.
            assert episode["total_time"] == round(duration)
            assert entry.itunes_duration == str(round(duration))
    assert seen == set(expected)


def test_channel_meets_apple_and_podcasting_2_requirements(
    station: Station, tones: dict[str, Path]
) -> None:
    build_world(station, tones)
    publish(station.settings, NOW)
    settings = station.settings
    feed = settings.public_dir / "dialog-interaktif" / "feed.xml"
    root = etree.fromstring(feed.read_bytes())
    channel = root.find("channel")
    url = f"{settings.station.public_url}/dialog-interaktif/feed.xml"
    assert channel.xpath("atom:link[@rel='self']/@href", namespaces=NS) == [url]
    assert channel.findtext("link") == f"{settings.station.public_url}/dialog-interaktif/"
    assert channel.findtext("language") == "id"
    assert channel.findtext(f"{{{ITUNES}}}explicit") == "false"
    assert channel.findtext(f"{{{ITUNES}}}author") == settings.station.name
    assert channel.findtext(f"{{{ITUNES}}}owner/{{{ITUNES}}}email") == settings.station.owner_email
    assert channel.xpath("itunes:category/@text", namespaces=NS) == ["Government"]
    # podcast:guid is the UUIDv5 of the URL without its scheme (spec's own example below).
    assert channel.findtext(f"{{{PODCAST_NS}}}guid") == podcast_guid(url)
    assert (
        podcast_guid("https://mp3s.nashownotes.com/pc20rss.xml")
        == "917393e3-1b1e-5cef-ace4-edaa54e1f810"
    )
    locked = channel.find(f"{{{PODCAST_NS}}}locked")
    assert locked.text == "yes" and locked.get("owner") == settings.station.owner_email
    location = channel.find(f"{{{PODCAST_NS}}}location")
    assert location.text == settings.station.region
    assert location.get("geo") == "geo:-2.5527,120.3285"
    hosts = channel.xpath("podcast:person", namespaces=NS)
    assert [(p.text, p.get("role"), p.get("group")) for p in hosts] == [
        ("Rahmat Hidayat", "host", "cast")
    ]
    # Artwork: square PNG or JPEG between 1400 and 3000 pixels, same in <image> and iTunes.
    art_url = channel.xpath("itunes:image/@href", namespaces=NS)[0]
    assert channel.findtext("image/url") == art_url
    with Image.open(local_file(station, art_url)) as image:
        assert image.format in ("PNG", "JPEG") and image.mode == "RGB"
        assert image.size[0] == image.size[1] and 1400 <= image.size[0] <= 3000
    news = etree.fromstring((settings.public_dir / "kabar-pagi" / "feed.xml").read_bytes())
    assert news.xpath("//itunes:category/@text", namespaces=NS) == ["News", "Daily News"]
    station_feed = etree.fromstring((settings.public_dir / "feed.xml").read_bytes())
    assert station_feed.findtext("channel/title") == settings.station.name
    assert len(station_feed.findall("channel/item")) == 3


def test_persons_chapters_and_transcript_as_apps_see_them(
    station: Station, tones: dict[str, Path]
) -> None:
    world = build_world(station, tones)
    publish(station.settings, NOW)
    public = station.settings.public_dir
    data = (public / "dialog-interaktif" / "feed.xml").read_bytes()
    # podcastparser 0.6 knows the namespace only by its former URI, which the specification
    # says clients must treat as the same: read the feed as such a client does.
    gpodder = podcastparser.parse(
        "x", io.BytesIO(data.replace(PODCAST_NS.encode(), LEGACY_NS.encode()))
    )
    (episode,) = gpodder["episodes"]
    persons = [(p["name"], p["role"], p["group"]) for p in episode["persons"]]
    assert persons == [
        ("Rahmat Hidayat", "host", "cast"),
        ("Ir. Andi Mappanyukki", "guest", "cast"),
        ("Siti Rahma", "guest", "cast"),
    ]
    # Chapters: JSON chapters at the URL given, and Podlove chapters inside the feed.
    chapters_url = episode["chapters_json_url"]
    chapters = json.loads(local_file(station, chapters_url).read_bytes())
    assert chapters["version"] == "1.2.0"
    assert [(c["startTime"], c["title"]) for c in chapters["chapters"]] == [
        (0.0, "Pembukaan"),
        (1.25, "Dialog dengan Kepala Dinas"),
        (2.5, "Penutup"),
    ]
    assert [(c["start"], c["title"]) for c in episode["chapters"]] == [
        (0, "Pembukaan"),
        (1, "Dialog dengan Kepala Dinas"),
        (2, "Penutup"),
    ]
    root = etree.fromstring(data)
    assert root.xpath("//podcast:chapters/@type", namespaces=NS) == ["application/json+chapters"]
    # The transcript is copied next to the audio and linked.
    transcript = local_file(station, episode["transcript_url"])
    assert transcript.read_text(encoding="utf-8").startswith("WEBVTT")
    assert root.xpath("//podcast:transcript/@type", namespaces=NS) == ["text/vtt"]
    # The description names the topic and the guests who consented, with their position.
    assert "Perbaikan jalan poros Masamba & <irigasi>" in episode["description_html"].replace(
        "&amp;", "&"
    ).replace("&lt;", "<").replace("&gt;", ">")
    assert "Kepala Dinas PUPR" in episode["description_html"]
    assert world.published


def test_guids_never_change_across_republish_and_title_edits(
    station: Station, tones: dict[str, Path]
) -> None:
    world = build_world(station, tones)
    publish(station.settings, NOW)

    def guids() -> dict[str, str]:
        out = {}
        for path in all_feeds(station):
            for entry in feedparser.parse(path.read_bytes()).entries:
                out[entry.link] = entry.id
        return out

    before = guids()
    assert len(set(before.values())) == 3
    with station.session() as session:
        edit_episode(session, station.settings, world.published[0], now=NOW, title="Judul baru")
    result = publish(station.settings, NOW + timedelta(minutes=5))
    assert guids() == before
    titles = [
        e.title
        for e in feedparser.parse((station.settings.public_dir / "feed.xml").read_bytes()).entries
    ]
    assert "Judul baru" in titles
    # The edit rewrote feeds and pages, and the edited episode's audio only (its title tag).
    audio = [p for p in result.written if p.endswith(".mp3")]
    assert len(audio) == 1 and audio[0].endswith(f"-e{world.published[0]}.mp3")


def test_republish_with_no_change_writes_nothing(station: Station, tones: dict[str, Path]) -> None:
    build_world(station, tones)
    first = publish(station.settings, NOW)
    assert first.written and not first.removed
    before = snapshot(station.settings.public_dir)
    again = publish(station.settings, NOW)
    assert again.written == () and again.removed == ()
    assert again.unchanged == len(first.written)
    assert snapshot(station.settings.public_dir) == before


def test_audio_is_hard_linked_from_the_archive(station: Station, tones: dict[str, Path]) -> None:
    build_world(station, tones)
    publish(station.settings, NOW)
    with station.session() as session:
        stored = {
            (station.settings.archive_dir / r.stored_path).stat().st_ino
            for r in session.scalars(select(Rendition))
        }
    published = {p.stat().st_ino for p in station.settings.public_dir.glob("*/episodes/*.mp3")}
    assert published and published <= stored


def test_apple_categories_are_mapped_and_checked() -> None:
    assert apple_category("society and culture", "places & travel", "x")[:2] == (
        "Society & Culture",
        "Places & Travel",
    )
    main, sub, warnings = apple_category("Radio Shows", "Talk", "halo")
    assert (main, sub) == ("Government", None) and "halo" in warnings[0]
    main, sub, warnings = apple_category("News", "Gossip", "x")
    assert (main, sub) == ("News", None) and "Gossip" in warnings[0]


def test_scheduled_episode_appears_when_its_time_comes(
    station: Station, tones: dict[str, Path]
) -> None:
    world = build_world(station, tones)
    publish(station.settings, NOW)
    later = NOW + timedelta(days=2, minutes=1)
    result = publish(station.settings, later)
    assert world.scheduled_later in result.published_now
    with station.session() as session:
        episode = session.get(Episode, world.scheduled_later)
        assert episode.status == "published"
        assert episode.published_at == NOW + timedelta(days=2)
    feed = feedparser.parse(
        (station.settings.public_dir / "mimbar-jumat" / "feed.xml").read_bytes()
    )
    assert [e.id for e in feed.entries] == [episode.guid]
    assert datetime(*feed.entries[0].published_parsed[:6], tzinfo=UTC) == NOW + timedelta(days=2)
