"""The feed's items, written by radiodesk's feedgen extension, read as feedgen's own entries.

A programme's feed holds every episode it ever published, so radiodesk writes the items itself
(see :func:`radiodesk.publish.feeds._items`) instead of through feedgen's entry objects. Here
the same episodes, hostile text and all, go through feedgen's entries too: every element
feedgen writes must come out the same, and the Podcasting 2.0 tags must read back as given.
"""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta, timezone

import feedparser
import podcastparser
import pytest
from feedgen.feed import FeedGenerator
from lxml import etree

from radiodesk.config import StationSettings
from radiodesk.publish import feeds
from radiodesk.publish.catalogue import PublicEpisode, PublicShow
from radiodesk.publish.feedrecords import FeedRecord
from radiodesk.publish.paths import Urls
from radiodesk.publish.podcast_ext import PODCAST_NS, PSC_NS
from radiodesk.publish.text import clean_line, xml_attr, xml_text

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
RECORD = FeedRecord("ead4c236-0000-5000-8000-000000000000", datetime(2026, 11, 25, tzinfo=UTC))
# What feedgen's entry and its iTunes extension write, in their order.
FEEDGEN_TAGS = [
    "title",
    "link",
    "description",
    "guid",
    "enclosure",
    "pubDate",
    f"{{{ITUNES}}}duration",
    f"{{{ITUNES}}}season",
    f"{{{ITUNES}}}episode",
    f"{{{ITUNES}}}episodeType",
]
HOSTILE = [
    "Dialog & tanya-jawab <RSUD> \"Andi Djemma\" 'Masamba'",
    "Banjir 🌊 di Sabbang — ‏مرحبا بكم‏ עברית",
    "Kontrol\x00\x07\x1b di\u202e judul\u2066 ini",
    "Baris\r\nbaru\tdan tab",
    "x" * 10_000,
    "]]> <![CDATA[ &amp; &#0; &lt;",
]


def _episode(i: int, title: str, *, season: int | None, number: int | None) -> PublicEpisode:
    chapters = [
        {"start": 0.0, "end": 61.5, "title": f"Pembukaan {title[:40]}"},
        {"start": 61.5, "end": 3600.0, "title": 'Tanya "jawab"\tpendengar & <dinas>'},
    ]
    return PublicEpisode(
        id=i,
        guid=f"radiodesk:rklu:episode-{i}",
        show_slug="dialog-interaktif",
        raw_title=title,
        raw_description=f"{title}\n\nNarasumber: Kepala Dinas <Kesehatan> & RSUD.\r\nBaris dua",
        aired=datetime(2026, 11, 20, 1, 0, tzinfo=UTC) + timedelta(days=i),
        # Not UTC on purpose: the feed must say it in UTC.
        published_at=datetime(2026, 11, 20, 10, 0, tzinfo=timezone(timedelta(hours=8)))
        + timedelta(days=i, seconds=i),
        duration=3599.6 + i,
        season=season,
        number=number,
        audio_source="/nowhere.mp3",
        audio_size=1_234_567 + i,
        audio_stamp=(1, 1, 1),
        mime_type="audio/mpeg",
        stem=f"2026-11-2{i}-0900-e{i}",
        extension=".mp3",
        transcript_source="/archive/t.vtt" if i % 2 else None,
        transcript_type="text/vtt" if i % 2 else None,
        transcript_stamp=(1, 1, 1) if i % 2 else None,
        chapters_json=json.dumps(chapters),
        people=(
            ("host", "", "Rina <Andi> & Co", "", "", False),
            ("guest", "dr.", f"Nama {title[:30]}", "Kepala Dinas", "Dinkes", True),
        ),
    )


@pytest.fixture
def show() -> PublicShow:
    episodes = tuple(
        _episode(i, title, season=(2 if i % 2 else None), number=(i if i % 3 else None))
        for i, title in enumerate(HOSTILE, start=1)
    )
    return PublicShow(
        slug="dialog-interaktif",
        title="Dialog Interaktif",
        description="Dialog bersama pejabat daerah.",
        hosts=("Rina",),
        category="Government",
        subcategory=None,
        language="id",
        explicit=False,
        artwork_source=None,
        episodes=episodes,
    )


def _feedgen_items(urls: Urls, show: PublicShow) -> list[etree._Element]:
    """The same episodes through feedgen's own entries and iTunes extension."""
    fg = FeedGenerator()
    fg.load_extension("podcast")
    fg.title(show.title)
    fg.link(href=urls.page(show.slug), rel="alternate")
    fg.description(show.description)
    for e in show.episodes:
        entry = fg.add_entry(order="append")
        entry.guid(e.guid, permalink=False)
        entry.title(e.title)
        entry.link(href=f"{urls.page(e.show_slug)}#e{e.id}")
        entry.description(feeds.description_html(e.description or e.title))
        entry.enclosure(urls.of(e.audio_name), str(e.audio_size), e.mime_type)
        entry.pubDate(e.published_at.astimezone(UTC))
        entry.podcast.itunes_duration(int(round(e.duration)))
        entry.podcast.itunes_episode_type("full")
        if e.season:
            entry.podcast.itunes_season(e.season)
        if e.number:
            entry.podcast.itunes_episode(e.number)
    root = etree.fromstring(fg.rss_str())
    return root.findall("channel/item")


def _content(element: etree._Element) -> tuple:
    """An element as a reader sees it: tag, attributes, text and children."""
    return (
        element.tag,
        dict(element.attrib),
        element.text,
        [_content(child) for child in element],
    )


def test_items_are_what_feedgen_s_entries_write(show: PublicShow) -> None:
    urls = Urls("https://radio.example.go.id/podcast")
    data, _warnings = feeds.show_feed(StationSettings(), urls, show, urls.of("art.png"), RECORD)
    ours = etree.fromstring(data).findall("channel/item")
    theirs = _feedgen_items(urls, show)
    assert len(ours) == len(theirs) == len(HOSTILE)
    for mine, reference in zip(ours, theirs, strict=True):
        written = [child for child in mine if child.tag in FEEDGEN_TAGS]
        assert [c.tag for c in written] == [c.tag for c in reference]
        for a, b in zip(written, reference, strict=True):
            assert _content(a) == _content(b)
        # After feedgen's part: the Podcasting 2.0 tags, nothing else.
        rest = [child.tag for child in mine if child.tag not in FEEDGEN_TAGS]
        assert rest[0] == f"{{{ITUNES}}}explicit"
        assert all(t.startswith((f"{{{PODCAST_NS}}}", f"{{{PSC_NS}}}")) for t in rest[1:])


def test_podcasting_2_item_tags_read_back_as_given(show: PublicShow) -> None:
    urls = Urls("https://radio.example.go.id")
    data, _warnings = feeds.show_feed(StationSettings(), urls, show, urls.of("art.png"), RECORD)
    items = etree.fromstring(data).findall("channel/item")
    for episode, item in zip(show.episodes, items, strict=True):
        persons = item.findall(f"{{{PODCAST_NS}}}person")
        assert [(p.get("role"), p.get("group"), p.text) for p in persons] == [
            (p.role, "cast", p.name) for p in episode.persons
        ]
        assert persons[0].text == "Rina <Andi> & Co"
        chapters = item.find(f"{{{PODCAST_NS}}}chapters")
        assert chapters is not None
        assert chapters.get("url") == urls.of(episode.chapters_name)
        assert chapters.get("type") == "application/json+chapters"
        simple = item.findall(f"{{{PSC_NS}}}chapters/{{{PSC_NS}}}chapter")
        assert [(c.get("start"), c.get("title")) for c in simple] == [
            ("00:00:00", clean_line(f"Pembukaan {episode.raw_title[:40]}")),
            ("00:01:01.500", 'Tanya "jawab" pendengar & <dinas>'),
        ]
        transcript = item.find(f"{{{PODCAST_NS}}}transcript")
        if episode.transcript_name:
            assert transcript is not None
            assert transcript.attrib == {
                "url": urls.of(episode.transcript_name),
                "type": "text/vtt",
                "language": "id",
                "rel": "captions",
            }
        else:
            assert transcript is None
    # And as apps read them: every item, its date in UTC, its exact length.
    parsed = feedparser.parse(data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert [e.enclosures[0].length for e in parsed.entries] == [
        str(e.audio_size) for e in show.episodes
    ]
    assert [e.published for e in parsed.entries] == [
        feeds.rfc2822(e.published_at) for e in show.episodes
    ]
    assert all(e.published.endswith("+0000") for e in parsed.entries)
    gpodder = podcastparser.parse("https://radio.example.go.id/x/feed.xml", io.BytesIO(data))
    # gPodder lists the newest first.
    read = sorted((e["guid"], e["title"], e["total_time"]) for e in gpodder["episodes"])
    assert read == sorted((e.guid, e.title, int(round(e.duration))) for e in show.episodes)


@pytest.mark.parametrize(
    "text",
    ["a & b < c > d \"e\" 'f'", "baris\r\nbaru\tdan\rCR", "&amp; &#0; ]]> <!-- x -->", "🌊 ‏مرحبا‏"],
)
def test_item_text_escaping_reads_back_exactly(text: str) -> None:
    """What the item writer escapes is read back by an XML parser as it was, white space
    in attributes and carriage returns included (a parser would otherwise normalise them)."""
    element = etree.fromstring(f'<a b="{xml_attr(text)}">{xml_text(text)}</a>'.encode())
    assert element.get("b") == text
    assert element.text == text
