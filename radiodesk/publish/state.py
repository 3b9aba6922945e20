"""The state of everything a publish reads, in one short text, from a few aggregate queries.

A publish compares it with the state its last complete run saved in the manifest: when they
are equal and every file of that run is intact (:meth:`Writer.intact`), nothing can have
changed — no recording to draft, nothing due, nothing to read again — and the publish only
brings ``now.json`` and the calendar up to date, without reading ten thousand episodes.
Whatever else changes one of these numbers:

- an episode added, edited, published, scheduled, withdrawn or deleted (its ``updated_at``,
  the count), and one whose publication time has come (the counts of those public and of
  those scheduled and due);
- the live log's segments (chapters are made from them);
- a person's consent, name or position (``updated_at``); an appearance added or removed;
- a programme or broadcast changed (the grid's own state);
- a recording's transcript, a rendition added, re-made or moved (counts, sums of sizes,
  durations and path lengths);
- the station's settings, the artwork files, the templates, radiodesk's version, and the
  language of the pages.

Audio and transcript files changed in the archive without the database knowing are caught by
:meth:`Writer.intact`, which compares each with what it was when linked.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from radiodesk import __version__
from radiodesk.config import Settings
from radiodesk.i18n import normalise_language
from radiodesk.models import (
    Appearance,
    Episode,
    EpisodeStatus,
    LogEntry,
    LogKind,
    Person,
    Recording,
    Rendition,
    Show,
)
from radiodesk.publish import artwork, site
from radiodesk.publish.artwork import resolve_artwork


def input_state(
    session: Session, settings: Settings, now: datetime, grid_key: str, version: str
) -> str:
    """A hash of everything a publish at ``now`` reads (see the module docstring)."""
    public = case(
        (and_(Episode.status == EpisodeStatus.PUBLISHED, Episode.published_at <= now), 1), else_=0
    )
    due = case(
        (and_(Episode.status == EpisodeStatus.SCHEDULED, Episode.publish_at <= now), 1), else_=0
    )
    queries = [
        select(
            func.count(Episode.id),
            func.max(Episode.id),
            func.max(Episode.updated_at),
            func.sum(public),
            func.sum(due),
        ),
        select(func.count(LogEntry.id), func.max(LogEntry.id), func.max(LogEntry.updated_at)).where(
            LogEntry.kind == LogKind.SEGMENT
        ),
        select(func.count(Person.id), func.max(Person.id), func.max(Person.updated_at)),
        select(func.count(Appearance.id), func.max(Appearance.id), func.sum(Appearance.id)),
        select(
            func.count(Recording.id),
            func.max(Recording.id),
            func.count(Recording.transcript_path),
            func.sum(func.length(Recording.transcript_path)),
            func.count(Recording.recorded_start),
        ),
        select(
            func.count(Rendition.id),
            func.max(Rendition.id),
            func.sum(Rendition.size),
            func.sum(Rendition.duration),
            func.sum(func.length(Rendition.stored_path)),
        ),
    ]
    digest = hashlib.blake2b(digest_size=16)
    for part in (
        version,
        __version__,
        site.templates_key(),
        normalise_language(settings.station.language),
        repr(settings.station),
        str(settings.archive_dir),
        grid_key,
        *(repr(tuple(session.execute(q).one())) for q in queries),
    ):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x1f")
    for name in [settings.station.artwork, *session.scalars(select(Show.artwork))]:
        digest.update(artwork.source_key(resolve_artwork(settings, name)).encode())
    return digest.hexdigest()
