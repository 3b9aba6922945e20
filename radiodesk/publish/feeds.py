"""Podcast feeds (RSS 2.0 with the iTunes and Podcasting 2.0 namespaces) with feedgen.

What Apple Podcasts requires is written for every feed: artwork, a category from its list,
``itunes:explicit`` true/false, author, owner e-mail, language, a self link; for every item a
guid that never changes (``isPermaLink="false"``), an enclosure with an absolute URL, its
exact length in bytes and MIME type, an RFC 2822 date in UTC, ``itunes:duration`` in whole
seconds, and season and episode numbers when set. Descriptions are at most 4000 bytes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from feedgen.feed import FeedGenerator

from radiodesk import __version__
from radiodesk.config import StationSettings
from radiodesk.publish import podcast_ext
from radiodesk.publish.catalogue import PublicEpisode, PublicShow
from radiodesk.publish.categories import FALLBACK, apple_category
from radiodesk.publish.feedrecords import FeedRecord
from radiodesk.publish.paths import Urls
from radiodesk.publish.text import (
    DESCRIPTION_BYTES,
    clean_line,
    description_html,
    truncate_bytes,
)

# The station-wide feed carries the newest episodes only; each programme's feed has them all.
STATION_FEED_LIMIT = 300


def _channel(
    station: StationSettings,
    urls: Urls,
    *,
    slug: str | None,
    title: str,
    description: str,
    language: str,
    artwork_url: str,
    category: tuple[str, str | None],
    explicit: bool,
    hosts: Iterable[str],
    newest: datetime | None,
    record: FeedRecord,
) -> FeedGenerator:
    fg = FeedGenerator()
    fg.load_extension("podcast")
    podcast_ext.register(fg)
    feed_url = urls.feed(slug)
    fg.title(title)
    # feedgen takes the RSS <link> from the last link given: the page, not the feed.
    fg.link(href=feed_url, rel="self", type="application/rss+xml")
    fg.link(href=urls.page(slug), rel="alternate")
    text = truncate_bytes(description or title, DESCRIPTION_BYTES)
    fg.description(text)
    fg.language(language)
    fg.generator(f"radiodesk {__version__}")
    fg.image(url=artwork_url, title=title, link=urls.page(slug))
    fg.podcast.itunes_image(artwork_url)
    fg.podcast.itunes_author(station.name)
    fg.podcast.itunes_owner(name=station.owner_name or station.name, email=station.owner_email)
    main, sub = category
    fg.podcast.itunes_category({"cat": main, "sub": sub} if sub else {"cat": main})
    fg.podcast.itunes_type("episodic")
    fg.podcast.itunes_summary(text)
    index = fg.podcastindex
    index.explicit(explicit)
    index.guid(record.guid)
    if record.new_feed_url:
        fg.podcast.itunes_new_feed_url(record.new_feed_url)
    index.locked(True, station.owner_email)
    index.location(clean_line(station.region or station.city), station.latitude, station.longitude)
    for host in hosts:
        index.person(podcast_ext.Person(host, "host", "cast"))
    # When what the feed says last changed, not the time of this publish: the same
    # content gives the same bytes.
    fg.lastBuildDate(record.built_at.astimezone(UTC))
    if newest is not None:
        fg.pubDate(newest.astimezone(UTC))
    return fg


def _add_items(
    fg: FeedGenerator,
    urls: Urls,
    episodes: Iterable[PublicEpisode],
    explicit_of: dict[str, bool],
    language: str,
) -> None:
    """The feed's items, in order, through feedgen's entry API and the extensions."""
    for e in episodes:
        entry = fg.add_entry(order="append")
        entry.title(e.title)
        entry.link(href=f"{urls.page(e.show_slug)}#e{e.id}")
        entry.description(description_html(e.description or e.title))
        entry.guid(e.guid, permalink=False)
        entry.enclosure(urls.of(e.audio_name), str(e.audio_size), e.mime_type)
        entry.pubDate(e.published_at.astimezone(UTC))
        itunes = entry.podcast
        itunes.itunes_duration(int(round(e.duration)))
        if e.season:
            itunes.itunes_season(e.season)
        if e.number:
            itunes.itunes_episode(e.number)
        itunes.itunes_episode_type("full")
        index = entry.podcastindex
        index.explicit(explicit_of.get(e.show_slug, False))
        for person in e.persons:
            index.person(podcast_ext.Person(person.name, person.role, "cast"))
        if e.has_chapters:
            index.chapters(urls.of(e.chapters_name))
            index.simple_chapters([(c.start, c.title) for c in e.chapters])
        if e.transcript_name and e.transcript_type:
            index.transcript(urls.of(e.transcript_name), e.transcript_type, language)


def show_feed(
    station: StationSettings, urls: Urls, show: PublicShow, artwork_url: str, record: FeedRecord
) -> tuple[bytes, list[str]]:
    """A programme's feed with all its public episodes, newest first; and category warnings."""
    main, sub, warnings = apple_category(show.category, show.subcategory, show.slug)
    fg = _channel(
        station,
        urls,
        slug=show.slug,
        title=show.title,
        description=show.description,
        language=show.language,
        artwork_url=artwork_url,
        category=(main, sub),
        explicit=show.explicit,
        hosts=show.hosts,
        newest=show.episodes[0].published_at if show.episodes else None,
        record=record,
    )
    _add_items(fg, urls, show.episodes, {show.slug: show.explicit}, show.language)
    return fg.rss_str(pretty=True, encoding="UTF-8", xml_declaration=True), warnings


def station_episodes(
    shows: Iterable[PublicShow], limit: int = STATION_FEED_LIMIT
) -> list[PublicEpisode]:
    """The station-wide feed's episodes: the newest ``limit`` of every programme."""
    return sorted(
        (e for s in shows for e in s.episodes),
        key=lambda e: (e.published_at, e.id),
        reverse=True,
    )[:limit]


def station_feed(
    station: StationSettings,
    urls: Urls,
    episodes: Sequence[PublicEpisode],
    explicit_of: dict[str, bool],
    artwork_url: str,
    record: FeedRecord,
) -> bytes:
    """The station-wide feed of ``episodes``, the newest of every programme
    (:func:`station_episodes`); ``explicit_of``: programme slug → its explicit flag."""
    fg = _channel(
        station,
        urls,
        slug=None,
        title=clean_line(station.name),
        description=station.description or station.name,
        language=station.language,
        artwork_url=artwork_url,
        category=(FALLBACK, None),
        explicit=any(explicit_of.get(e.show_slug, False) for e in episodes),
        hosts=(),
        newest=episodes[0].published_at if episodes else None,
        record=record,
    )
    _add_items(fg, urls, episodes, explicit_of, station.language)
    return fg.rss_str(pretty=True, encoding="UTF-8", xml_declaration=True)


def chapters_json(episode: PublicEpisode) -> bytes:
    """Podcasting 2.0 JSON chapters (``application/json+chapters``, version 1.2.0), compact."""
    chapters = [
        {"startTime": round(c.start, 3), "endTime": round(c.end, 3), "title": c.title}
        for c in episode.chapters
    ]
    document = {"version": "1.2.0", "chapters": chapters}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
