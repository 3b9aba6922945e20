"""Searching the archive: one function for the desk (search as you type) and the CLI.

:func:`search` takes its own session (one per worker thread), parses the query safely, asks
the database's full-text index for the candidates and returns plain frozen dataclasses.

Ranking: the most recent matches (after the filters) are ranked by relevance, see
:mod:`radiodesk.search.candidates`.
"""

from __future__ import annotations

import time as clock
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from radiodesk.clock import system_clock
from radiodesk.config import Settings
from radiodesk.errors import InputError, NotFound
from radiodesk.i18n import _, format_datetime
from radiodesk.models import AccessClass, FollowupStatus, LogKind, Role, Show, values_of
from radiodesk.search import abbreviations, candidates, index, spelling
from radiodesk.search import filters as filters_
from radiodesk.search.documents import Rows, as_datetime, read
from radiodesk.search.query import MAX_WORDS, ParsedQuery, parse
from radiodesk.search.snippets import highlight
from radiodesk.search.text import words
from radiodesk.timeinput import day_start

MAX_LIMIT = 500
DOC_KINDS = ("programme", "broadcast", "person", "episode", "transcript")
KINDS = (*DOC_KINDS, "log", *values_of(LogKind))


@dataclass(frozen=True)
class SearchFilters:
    """Narrowing a search. Dates are calendar days in the station's zone, both included.

    ``shows``: programmes by slug or title; ``person``: by name, position or institution;
    ``agency``: a live-log entry passed to it; ``followup``: a live-log entry at this
    follow-up status. Any of them without words lists the broadcasts they leave."""

    shows: tuple[str, ...] = ()
    person: str | None = None
    institution: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    kinds: tuple[str, ...] = ()
    has_audio: bool = False
    access: str | None = None
    agency: str | None = None
    followup: str | None = None

    def any(self) -> bool:
        """Whether anything narrows the search (then a search needs no words)."""
        return self != SearchFilters()


@dataclass(frozen=True)
class Speaker:
    """Someone who appeared in the broadcast (as the person they were merged into)."""

    name: str
    position: str
    institution: str
    role: Role


@dataclass(frozen=True)
class SearchHit:
    """One document found.

    ``snippet`` is plain text; ``highlights`` are (start, end) character spans of the
    matching words in it. ``at`` is UTC, ``when`` the same instant in the station's zone.
    ``offset_seconds``/``offset`` (HH:MM:SS) say where in ``recording_id`` the match is
    heard: for a live-log entry, its time into the recording; for a transcript, its cue.
    A broadcast listed by filters alone (no words) has ``doc_id`` 0 and ``score`` 0.
    """

    doc_id: int
    kind: str
    source_id: int
    title: str
    snippet: str
    highlights: tuple[tuple[int, int], ...]
    show_slug: str | None
    show_title: str | None
    broadcast_id: int | None
    at: datetime | None
    when: str | None
    speakers: tuple[Speaker, ...]
    recording_id: int | None
    offset_seconds: float | None
    offset: str | None
    has_audio: bool
    access: str | None
    score: float


@dataclass(frozen=True)
class SearchPage:
    """A page of hits, best first. ``has_more``: a next page exists (``offset + limit``).
    ``corrected``: the query as searched when a word that matched nothing was replaced by
    the nearest known word (``notice`` says so)."""

    query: str
    hits: tuple[SearchHit, ...]
    limit: int
    offset: int
    has_more: bool
    notice: str | None
    elapsed_ms: float
    corrected: str | None = None


@dataclass(frozen=True)
class RebuildReport:
    documents: int
    seconds: float


def clock_text(seconds: float) -> str:
    """Seconds as HH:MM:SS (hours always shown), for jumping in a player."""
    total = int(seconds)
    hours, rest = divmod(total, 3600)
    return f"{hours:02d}:{rest // 60:02d}:{rest % 60:02d}"


def _key(value: str, what: str) -> str:
    key = " ".join(words(value))
    if not key:
        raise InputError(_("{what}: give a name to look for.").format(what=what))
    return key


def _shows(session: Session, wanted: tuple[str, ...]) -> list[int]:
    """Programme ids by slug, or by the words of their title (raises NotFound)."""
    programmes = session.connection().execute(select(Show.id, Show.slug, Show.title)).all()
    found: set[int] = set()
    for typed in wanted:
        key = " ".join(words(typed))
        matching = {
            row.id
            for row in programmes
            if row.slug == typed or (key and f" {key} " in " " + " ".join(words(row.title)) + " ")
        }
        if not matching:
            raise NotFound(
                _("There is no programme '{slug}' (see 'radiodesk shows list').").format(slug=typed)
            )
        found |= matching
    return sorted(found)


def _validate(
    session: Session, settings: Settings, filters: SearchFilters, limit: int, offset: int
) -> dict[str, Any]:
    """Check the filters and turn them into values for the SQL (raises InputError)."""
    if not 1 <= limit <= MAX_LIMIT:
        raise InputError(_("--limit: expected 1 to {most}.").format(most=MAX_LIMIT))
    if offset < 0:
        raise InputError(_("--offset: expected 0 or more."))
    values: dict[str, Any] = {}
    if filters.shows:
        values["shows"] = _shows(session, filters.shows)
    kinds: set[str] = set()
    for kind in filters.kinds:
        if kind not in KINDS:
            raise InputError(_("--kind: expected one of {kinds}.").format(kinds=", ".join(KINDS)))
        kinds.update(LogKind if kind == "log" else (kind,))
    if kinds:
        values["kinds"] = sorted(kinds)
    if filters.access is not None:
        if filters.access not in tuple(AccessClass):
            raise InputError(
                _("--access: expected one of {classes}.").format(classes=", ".join(AccessClass))
            )
        values["access"] = filters.access
    if filters.person is not None:
        values["person"] = _key(filters.person, "--person")
    if filters.institution is not None:
        values["institution"] = _key(filters.institution, "--institution")
    if filters.agency is not None:
        values["agency"] = _key(filters.agency, "--agency")
    if filters.followup is not None:
        if filters.followup not in tuple(FollowupStatus):
            raise InputError(
                _("--status: expected one of {statuses}.").format(
                    statuses=", ".join(FollowupStatus)
                )
            )
        values["followup"] = filters.followup
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        raise InputError(_("--from must not be after --to."))
    zone = settings.zone
    if filters.date_from:
        values["date_from"] = day_start(filters.date_from, zone)
    if filters.date_to:
        values["date_to"] = day_start(filters.date_to + timedelta(days=1), zone)
    return values


def search(
    session: Session,
    settings: Settings,
    query: str,
    filters: SearchFilters | None = None,
    limit: int = 20,
    offset: int = 0,
    now: datetime | None = None,
) -> SearchPage:
    """Search the archive for ``query`` (see :mod:`radiodesk.search.query` for the syntax).

    Without words, the filters list the broadcasts they leave that started by ``now``
    (UTC; the station clock when None), newest first.

    Raises :class:`~radiodesk.errors.InputError` for a query with nothing to look for or a
    wrong filter, and nothing else for any text typed. Safe to call from a worker thread
    with a session of its own.
    """
    started = clock.perf_counter()
    filters = filters or SearchFilters()
    if filters.any() and not words(query):
        values = _validate(session, settings, filters, limit, offset)
        ids = filters_.list_broadcasts(
            session.connection(), values, filters.has_audio, now or system_clock(), limit, offset
        )
        return SearchPage(
            query=query[:200],
            hits=_broadcast_hits(session, settings, ids[:limit]),
            limit=limit,
            offset=offset,
            has_more=len(ids) > limit,
            notice=None,
            elapsed_ms=round((clock.perf_counter() - started) * 1000, 2),
        )
    parsed = abbreviations.expand(parse(query), abbreviations.load(settings.home))
    values = _validate(session, settings, filters, limit, offset)
    parsed, corrected = spelling.correct(session.connection(), parsed)
    found, partial = candidates.find(
        session.connection(), parsed, values, filters.has_audio, limit, offset
    )
    hits = _hits(session, settings, parsed, found[:limit])
    searched = spelling.shown(parsed) if corrected else None
    notices = []
    if parsed.truncated:
        notices.append(
            _("Only the first {count} words of the query were used.").format(count=MAX_WORDS)
        )
    if partial:
        notices.append(_("Nothing has every word: showing what has some of them."))
    if searched is not None:
        notices.append(_("Showing results for: {query}").format(query=searched))
    notice = " ".join(notices) or None
    return SearchPage(
        query=query[:200],
        hits=hits,
        limit=limit,
        offset=offset,
        has_more=len(found) > limit,
        notice=notice,
        corrected=searched,
        elapsed_ms=round((clock.perf_counter() - started) * 1000, 2),
    )


def _hits(
    session: Session, settings: Settings, parsed: ParsedQuery, page: list[tuple[int, float]]
) -> tuple[SearchHit, ...]:
    if not page:
        return ()
    conn = session.connection()
    rows = {row[0]: row for row in read(conn, _DOCS, Rows("d.id", [doc_id for doc_id, _ in page]))}
    broadcast_ids = {row[5] for row in rows.values() if row[5] is not None}
    speakers = _speakers(conn, broadcast_ids)
    recordings = _recordings(conn, broadcast_ids)
    zone = settings.station.timezone
    hits = []
    for doc_id, score in page:
        if doc_id not in rows:
            continue
        _id, kind, source_id, title, text, broadcast_id, raw_at, cue_start, slug, show, access = (
            rows[doc_id]
        )
        at = as_datetime(raw_at)
        snippet, spans = highlight(text, parsed)
        heard = recordings.get(broadcast_id, []) if broadcast_id is not None else []
        recording_id, offset_seconds = _place(kind, source_id, at, cue_start, heard)
        hits.append(
            SearchHit(
                doc_id=doc_id,
                kind=kind,
                source_id=source_id,
                title=title,
                snippet=snippet,
                highlights=spans,
                show_slug=slug,
                show_title=show,
                broadcast_id=broadcast_id,
                at=at,
                when=format_datetime(at, zone) if at else None,
                speakers=speakers.get(broadcast_id, ()) if broadcast_id is not None else (),
                recording_id=recording_id,
                offset_seconds=None if offset_seconds is None else round(offset_seconds, 3),
                offset=None if offset_seconds is None else clock_text(offset_seconds),
                has_audio=recording_id is not None or bool(heard),
                access=access,
                score=round(score, 6),
            )
        )
    return tuple(hits)


_BROADCASTS = (
    "SELECT b.id, b.title, b.topic, b.notes, coalesce(b.actual_start, b.planned_start),"
    " s.slug, s.title, b.access_class FROM broadcast b JOIN show s ON s.id = b.show_id"
    " WHERE 1 = 1"
)


def _broadcast_hits(
    session: Session, settings: Settings, broadcast_ids: list[int]
) -> tuple[SearchHit, ...]:
    """Broadcasts as hits of their own, in the order given (a listing by filters alone)."""
    if not broadcast_ids:
        return ()
    conn = session.connection()
    rows = {row[0]: row for row in read(conn, _BROADCASTS, Rows("b.id", broadcast_ids))}
    speakers = _speakers(conn, set(broadcast_ids))
    recordings = _recordings(conn, set(broadcast_ids))
    zone = settings.station.timezone
    hits = []
    for broadcast_id in broadcast_ids:
        _id, title, topic, notes, raw_at, slug, show, access = rows[broadcast_id]
        at = as_datetime(raw_at)
        heard = recordings.get(broadcast_id, [])
        hits.append(
            SearchHit(
                doc_id=0,
                kind="broadcast",
                source_id=broadcast_id,
                title=title or show,
                snippet=" ".join((topic or notes or title or show).split()),
                highlights=(),
                show_slug=slug,
                show_title=show,
                broadcast_id=broadcast_id,
                at=at,
                when=format_datetime(at, zone) if at else None,
                speakers=speakers.get(broadcast_id, ()),
                recording_id=heard[0][0] if heard else None,
                offset_seconds=None,
                offset=None,
                has_audio=bool(heard),
                access=access,
                score=0.0,
            )
        )
    return tuple(hits)


_DOCS = (
    "SELECT d.id, d.kind, d.source_id, d.title, d.text, d.broadcast_id, d.at, d.cue_start,"
    " s.slug, s.title, b.access_class FROM search_doc d LEFT JOIN show s ON s.id = d.show_id"
    " LEFT JOIN broadcast b ON b.id = d.broadcast_id WHERE 1 = 1"
)
_SPEAKERS = (
    "SELECT a.broadcast_id, a.role, p.canonical_id, p.display, p.position, p.institution"
    " FROM appearance a JOIN search_person p ON p.person_id = a.person_id WHERE 1 = 1"
)
_RECORDINGS = (
    "SELECT r.id, r.broadcast_id, r.recorded_start, r.duration, r.parent_id FROM recording r"
    " WHERE 1 = 1"
)


def _speakers(conn: Connection, broadcast_ids: set[int]) -> dict[int, tuple[Speaker, ...]]:
    """The people who appeared in each broadcast, in the order they were added."""
    if not broadcast_ids:
        return {}
    found: dict[int, list[Speaker]] = {}
    seen: set[tuple[int, int, str]] = set()
    rows = read(conn, _SPEAKERS, Rows("a.broadcast_id", sorted(broadcast_ids)))
    for broadcast_id, role, person_id, display, position, institution in sorted(
        rows, key=lambda r: r[0]
    ):
        if (broadcast_id, person_id, role) in seen:
            continue
        seen.add((broadcast_id, person_id, role))
        found.setdefault(broadcast_id, []).append(Speaker(display, position, institution, role))
    return {key: tuple(value) for key, value in found.items()}


def _recordings(conn: Connection, broadcast_ids: set[int]) -> dict[int, list[tuple[Any, ...]]]:
    """Each broadcast's recordings as (id, start, duration): masters first, then longest."""
    if not broadcast_ids:
        return {}
    found: dict[int, list[tuple[Any, ...]]] = {}
    rows = read(
        conn,
        _RECORDINGS,
        Rows("r.broadcast_id", sorted(broadcast_ids)),
    )
    rows.sort(key=lambda r: (r[4] is not None, -(r[3] or 0.0), r[0]))
    for recording_id, broadcast_id, start, duration, _parent in rows:
        found.setdefault(broadcast_id, []).append((recording_id, as_datetime(start), duration))
    return found


def _place(
    kind: str,
    source_id: int,
    at: datetime | None,
    cue_start: float | None,
    recordings: list[tuple[Any, ...]],
) -> tuple[int | None, float | None]:
    """The recording and the offset (seconds) where a hit is heard, if known."""
    if kind == "transcript":
        return source_id, cue_start
    if kind in tuple(LogKind) and at is not None:
        for recording_id, start, duration in recordings:
            if start is None:
                continue
            into = (at - start).total_seconds()
            if into >= 0 and (not duration or into <= duration):
                return recording_id, into
    return (recordings[0][0] if recordings else None), None


def rebuild_index(session: Session, settings: Settings) -> RebuildReport:
    """Build the whole search index again, in the session's transaction."""
    started = clock.perf_counter()
    count = index.rebuild(session.connection(), settings.archive_dir)
    return RebuildReport(documents=count, seconds=round(clock.perf_counter() - started, 2))
