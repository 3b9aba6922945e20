"""The feed's items (feedgen entries with radiodesk's Podcasting 2.0 extension), hostile text
and all: every tag reads back as given, in feedparser and podcastparser too."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta, timezone
from email.utils import format_datetime

import feedparser
import podcastparser
import pytest
from lxml import etree

from radiodesk.config import StationSettings
from radiodesk.publish import feeds
from radiodesk.publish.catalogue import PublicEpisode, PublicShow
from radiodesk.publish.feedrecords import FeedRecord
from radiodesk.publish.paths import Urls
from radiodesk.publish.podcast_ext import PODCAST_NS, PSC_NS
from radiodesk.publish.text import clean_line

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
RECORD = FeedRecord("ead4c236-0000-5000-8000-000000000000", datetime(2026, 11, 25, tzinfo=UTC))
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
        format_datetime(e.published_at.astimezone(UTC)) for e in show.episodes
    ]
    assert all(e.published.endswith("+0000") for e in parsed.entries)
    gpodder = podcastparser.parse("https://radio.example.go.id/x/feed.xml", io.BytesIO(data))
    # gPodder lists the newest first.
    read = sorted((e["guid"], e["title"], e["total_time"]) for e in gpodder["episodes"])
    assert read == sorted((e.guid, e.title, int(round(e.duration))) for e in show.episodes)
