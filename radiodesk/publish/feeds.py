"""Podcast feeds (RSS 2.0 with the iTunes and Podcasting 2.0 namespaces) with feedgen.

What Apple Podcasts requires is written for every feed: artwork, a category from its list,
``itunes:explicit`` true/false, author, owner e-mail, language, a self link; for every item a
guid that never changes (``isPermaLink="false"``), an enclosure with an absolute URL, its
exact length in bytes and MIME type, an RFC 2822 date in UTC, ``itunes:duration`` in whole
seconds, and season and episode numbers when set. Descriptions are at most 4000 bytes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
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
    xml_attr,
    xml_text,
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


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def rfc2822(moment: datetime) -> str:
    """``moment`` as an RFC 2822 date in UTC, in English whatever the locale:
    ``Mon, 23 Nov 2026 04:00:00 +0000`` (what feedgen writes for a UTC time)."""
    t = moment.astimezone(UTC)
    return (
        f"{_DAYS[t.weekday()]}, {t.day:02d} {_MONTHS[t.month - 1]} {t.year:04d} "
        f"{t.hour:02d}:{t.minute:02d}:{t.second:02d} +0000"
    )


def _items(
    urls: Urls, episodes: Iterable[PublicEpisode], explicit_of: dict[str, bool], language: str
) -> podcast_ext.ItemText:
    """The feed's items as XML text, for the Podcasting 2.0 extension to put in the channel.

    Each ``<item>`` holds, in feedgen's order, what feedgen's own entry and its iTunes
    extension write (title, link, description, guid, enclosure, pubDate, itunes:duration,
    season, episode, episodeType), then the Podcasting 2.0 tags; a test holds it equal to
    feedgen's entries. Written here because a programme's feed holds every episode it ever
    published, and feedgen's entry objects cost ten times as much.
    """

    def item(e: PublicEpisode) -> str:
        explicit = "true" if explicit_of.get(e.show_slug, False) else "false"
        parts = [
            f"<item><title>{xml_text(e.title)}</title>"
            f"<link>{xml_text(urls.page(e.show_slug))}#e{e.id}</link>"
            f"<description>{xml_text(description_html(e.description or e.title))}</description>"
            f'<guid isPermaLink="false">{xml_text(e.guid)}</guid>'
            f'<enclosure url="{xml_attr(urls.of(e.audio_name))}" length="{e.audio_size}" '
            f'type="{xml_attr(e.mime_type)}"/>'
            f"<pubDate>{rfc2822(e.published_at)}</pubDate>"
            f"<itunes:duration>{int(round(e.duration))}</itunes:duration>"
        ]
        if e.season:
            parts.append(f"<itunes:season>{e.season}</itunes:season>")
        if e.number:
            parts.append(f"<itunes:episode>{e.number}</itunes:episode>")
        parts.append(
            f"<itunes:episodeType>full</itunes:episodeType><itunes:explicit>{explicit}</itunes:explicit>"
        )
        parts.extend(
            podcast_ext.person_xml(podcast_ext.Person(p.name, p.role, "cast")) for p in e.persons
        )
        if e.has_chapters:
            parts.append(podcast_ext.chapters_xml(urls.of(e.chapters_name)))
        if e.transcript_name and e.transcript_type:
            parts.append(
                podcast_ext.transcript_xml(urls.of(e.transcript_name), e.transcript_type, language)
            )
        if e.has_chapters and e.chapters:
            parts.append(podcast_ext.simple_chapters_xml([(c.start, c.title) for c in e.chapters]))
        parts.append("</item>")
        return "".join(parts)

    return lambda: "".join(item(e) for e in episodes)


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
    fg.podcastindex.items(_items(urls, show.episodes, {show.slug: show.explicit}, show.language))
    return fg.rss_str(pretty=True, encoding="UTF-8", xml_declaration=True), warnings


def station_feed(
    station: StationSettings,
    urls: Urls,
    shows: Iterable[PublicShow],
    artwork_url: str,
    record: FeedRecord,
    limit: int = STATION_FEED_LIMIT,
) -> bytes:
    """The station-wide feed: the newest ``limit`` episodes of every programme."""
    shows = list(shows)
    explicit_of = {s.slug: s.explicit for s in shows}
    episodes = sorted(
        (e for s in shows for e in s.episodes),
        key=lambda e: (e.published_at, e.id),
        reverse=True,
    )[:limit]
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
    fg.podcastindex.items(_items(urls, episodes, explicit_of, station.language))
    return fg.rss_str(pretty=True, encoding="UTF-8", xml_declaration=True)


_json_string = json.encoder.encode_basestring  # type: ignore[attr-defined]


def chapters_json(episode: PublicEpisode) -> bytes:
    """Podcasting 2.0 JSON chapters (``application/json+chapters``, version 1.2.0).

    Compact, and put together here rather than by ``json.dumps`` (there are thousands of
    these): times are plain JSON numbers (a float's shortest repr, as json writes them),
    titles JSON strings written by json's own C encoder.
    """
    parts = [
        f'{{"startTime":{round(c.start, 3)!r},"endTime":{round(c.end, 3)!r},'
        f'"title":{_json_string(c.title)}}}'
        for c in episode.chapters
    ]
    return ('{"version":"1.2.0","chapters":[' + ",".join(parts) + "]}").encode("utf-8")
