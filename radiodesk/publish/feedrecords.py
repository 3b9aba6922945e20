"""What a feed keeps from one publish to the next: its guid, its moves, its build date.

The Podcasting 2.0 namespace assigns ``podcast:guid`` once, when a feed is first published:
it is kept in the database (:class:`radiodesk.models.PublishedFeed`), so that moving from a
test address to the station's real domain does not make the feed another podcast. When the
public URL changes, the feed names its new URL in ``itunes:new-feed-url``; the file is the
same, so apps that still read it at the old address (kept serving ``public/``, see the
README) follow. The calendar keeps the domain of its event ids the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from radiodesk.models import PublishedFeed
from radiodesk.publish.paths import SCHEDULE
from radiodesk.publish.podcast_ext import podcast_guid


@dataclass(frozen=True)
class FeedRecord:
    """A feed as it is to be written: ``built_at`` (UTC) is its ``lastBuildDate``;
    ``new_feed_url`` is set once the feed has moved."""

    guid: str
    built_at: datetime
    new_feed_url: str | None = None


def published_paths(session: Session) -> set[str]:
    """The feeds published at least once (a feed once published stays, even empty)."""
    return set(session.scalars(select(PublishedFeed.path)))


def _first_guid(path: str, url: str) -> str:
    if path == SCHEDULE:
        return urlsplit(url).hostname or "radiodesk"
    return podcast_guid(url)


def calendar_host(session: Session, url: str, now: datetime) -> str:
    """The domain of the calendar's event ids: the public URL's at its first publish, kept
    (a calendar app would otherwise see every event removed and another added)."""
    return sync_feeds(session, {SCHEDULE: (f"{url.rstrip('/')}/{SCHEDULE}", "")}, now)[
        SCHEDULE
    ].guid


def sync_feeds(
    session: Session, wanted: dict[str, tuple[str, str]], now: datetime
) -> dict[str, FeedRecord]:
    """Bring the records of the feeds in ``wanted`` (path → (URL, content key)) up to date
    at ``now``: a new feed gets its guid; a moved one notes where it was; one whose content
    changed is built anew. Returns each feed's record."""
    rows = {row.path: row for row in session.scalars(select(PublishedFeed))}
    records: dict[str, FeedRecord] = {}
    for path, (url, key) in sorted(wanted.items()):
        row = rows.get(path)
        if row is None:
            row = PublishedFeed(
                path=path,
                guid=_first_guid(path, url),
                url=url,
                content_key=key,
                built_at=now,
                first_published_at=now,
            )
            session.add(row)
        else:
            if row.url != url:
                row.previous_url, row.url, row.moved_at = row.url, url, now
            if row.content_key != key:
                row.content_key, row.built_at = key, now
        records[path] = FeedRecord(row.guid, row.built_at, url if row.previous_url else None)
    session.flush()
    return records
