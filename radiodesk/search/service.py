"""Searching the archive: one function for the desk (search as you type) and the CLI.

:func:`search` takes its own session (one per worker thread), parses the query safely, asks
the database's full-text index for the candidates and returns plain frozen dataclasses.

Ranking: the index finds every match; the :data:`RANK_WINDOW` most recent of them (after the
filters) are ranked by relevance (SQLite ``bm25``, PostgreSQL ``ts_rank``). A word found in
half the archive thus still answers in milliseconds, with the most relevant of the recent
matches first; a narrower query or a filter (``--from``, ``--show`` …) reaches further back.
"""

from __future__ import annotations

import time as clock
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import bindparam, select, text
from sqlalchemy.orm import Session

from radiodesk.config import Settings
from radiodesk.errors import InputError, NotFound
from radiodesk.i18n import _, format_datetime
from radiodesk.models import ACCESS_CLASSES, LOG_KINDS, Appearance, Recording, Show, UTCDateTime
from radiodesk.search import index
from radiodesk.search.query import MAX_WORDS, ParsedQuery, parse, to_fts5, to_tsquery
from radiodesk.search.schema import BM25, search_doc, search_person
from radiodesk.search.snippets import highlight
from radiodesk.search.text import words

RANK_WINDOW = 1000
_ORDER = "d.at, d.source, d.source_id, d.seq"
MAX_LIMIT = 500
DOC_KINDS = ("programme", "broadcast", "person", "episode", "transcript")
KINDS = (*DOC_KINDS, "log", *LOG_KINDS)


@dataclass(frozen=True)
class SearchFilters:
    """Narrowing a search. Dates are calendar days in the station's zone, both included."""

    shows: tuple[str, ...] = ()
    person: str | None = None
    institution: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    kinds: tuple[str, ...] = ()
    has_audio: bool = False
    access: str | None = None


@dataclass(frozen=True)
class Speaker:
    """Someone who appeared in the broadcast (as the person they were merged into)."""

    name: str
    position: str
    institution: str
    role: str


@dataclass(frozen=True)
class SearchHit:
    """One document found.

    ``snippet`` is plain text; ``highlights`` are (start, end) character spans of the
    matching words in it. ``at`` is UTC, ``when`` the same instant in the station's zone.
    ``offset_seconds``/``offset`` (HH:MM:SS) say where in ``recording_id`` the match is
    heard: for a live-log entry, its time into the recording; for a transcript, its cue.
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
    """A page of hits, best first. ``has_more``: a next page exists (``offset + limit``)."""

    query: str
    hits: tuple[SearchHit, ...]
    limit: int
    offset: int
    has_more: bool
    notice: str | None
    elapsed_ms: float


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
        found = {
            row.slug: row.id
            for row in session.execute(
                select(Show.slug, Show.id).where(Show.slug.in_(filters.shows))
            )
        }
        for slug in filters.shows:
            if slug not in found:
                raise NotFound(
                    _("There is no programme '{slug}' (see 'radiodesk shows list').").format(
                        slug=slug
                    )
                )
        values["shows"] = sorted(found.values())
    kinds: set[str] = set()
    for kind in filters.kinds:
        if kind not in KINDS:
            raise InputError(_("--kind: expected one of {kinds}.").format(kinds=", ".join(KINDS)))
        kinds.update(LOG_KINDS if kind == "log" else (kind,))
    if kinds:
        values["kinds"] = sorted(kinds)
    if filters.access is not None:
        if filters.access not in ACCESS_CLASSES:
            raise InputError(
                _("--access: expected one of {classes}.").format(classes=", ".join(ACCESS_CLASSES))
            )
        values["access"] = filters.access
    if filters.person is not None:
        values["person"] = "% " + _key(filters.person, "--person") + "%"
    if filters.institution is not None:
        values["institution"] = "% " + _key(filters.institution, "--institution") + "%"
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        raise InputError(_("--from must not be after --to."))
    zone = settings.zone
    if filters.date_from:
        values["date_from"] = datetime.combine(filters.date_from, time(0), zone).astimezone(UTC)
    if filters.date_to:
        day_after = filters.date_to + timedelta(days=1)
        values["date_to"] = datetime.combine(day_after, time(0), zone).astimezone(UTC)
    return values


def _conditions(values: dict[str, Any], has_audio: bool) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if "shows" in values:
        where.append("d.show_id IN :shows")
        params.append(bindparam("shows", expanding=True))
    if "kinds" in values:
        where.append("d.kind IN :kinds")
        params.append(bindparam("kinds", expanding=True))
    if "date_from" in values:
        where.append("d.at >= :date_from")
        params.append(bindparam("date_from", type_=UTCDateTime))
    if "date_to" in values:
        where.append("d.at < :date_to")
        params.append(bindparam("date_to", type_=UTCDateTime))
    if "access" in values:
        where.append(
            "EXISTS (SELECT 1 FROM broadcast b WHERE b.id = d.broadcast_id"
            " AND b.access_class = :access)"
        )
    if has_audio:
        where.append("EXISTS (SELECT 1 FROM recording r WHERE r.broadcast_id = d.broadcast_id)")
    for name, column in (("person", "name_key"), ("institution", "institution_key")):
        if name in values:
            where.append(
                "d.broadcast_id IN (SELECT a.broadcast_id FROM appearance a"
                " JOIN search_person p ON p.person_id = a.person_id"
                f" WHERE ' ' || p.{column} LIKE :{name})"
            )
    return where, params


def _candidates(
    session: Session, parsed: ParsedQuery, values: dict[str, Any], has_audio: bool, window: int
) -> list[Any]:
    """Rows (id, score, at, source, source_id, seq) of the ``window`` most recent matches,
    best first: higher score, then more recent, then in the order of their sources."""
    conn = session.connection()
    where, params = _conditions(values, has_audio)
    if conn.dialect.name == "sqlite":
        _tune_sqlite(conn)
        sql = (
            f"SELECT d.id, -{BM25} AS score, {_ORDER} FROM search_fts JOIN search_doc d ON d.id = search_fts.rowid"
            " WHERE search_fts MATCH :q"
        )
        expression = to_fts5(parsed)
    else:
        sql = (
            f"SELECT d.id, ts_rank(d.tsv, CAST(:q AS tsquery)) AS score, {_ORDER} FROM search_doc d"
            " WHERE d.tsv @@ CAST(:q AS tsquery)"
        )
        expression = to_tsquery(parsed)
    sql += "".join(f" AND {condition}" for condition in where)
    sql += " ORDER BY d.id DESC LIMIT :window"
    statement = text(sql).bindparams(*params)
    rows = conn.execute(statement, {**values, "q": expression, "window": window})
    found = list(rows)
    # Stable sorts, least significant key first; ties never depend on document ids, which
    # a rebuild renumbers.
    found.sort(key=lambda r: (r.source, r.source_id, r.seq))
    found.sort(key=lambda r: (r.at is not None, r.at), reverse=True)
    found.sort(key=lambda r: r.score, reverse=True)
    return found


def _tune_sqlite(conn: Any) -> None:
    # Reading the index through a memory map and a larger page cache makes a search several
    # times faster on a big archive; set once per pooled connection.
    info = conn.connection.info
    if not info.get("radiodesk_search"):
        conn.exec_driver_sql("PRAGMA mmap_size = 268435456")
        conn.exec_driver_sql("PRAGMA cache_size = -65536")
        info["radiodesk_search"] = True


def search(
    session: Session,
    settings: Settings,
    query: str,
    filters: SearchFilters | None = None,
    limit: int = 20,
    offset: int = 0,
) -> SearchPage:
    """Search the archive for ``query`` (see :mod:`radiodesk.search.query` for the syntax).

    Raises :class:`~radiodesk.errors.InputError` for a query with nothing to look for or a
    wrong filter, and nothing else for any text typed. Safe to call from a worker thread
    with a session of its own.
    """
    started = clock.perf_counter()
    filters = filters or SearchFilters()
    parsed = parse(query)
    values = _validate(session, settings, filters, limit, offset)
    index.remember_archive(settings)
    window = max(RANK_WINDOW, offset + limit + 1)
    found = _candidates(session, parsed, values, filters.has_audio, window)
    page = [(row.id, float(row.score)) for row in found[offset : offset + limit]]
    hits = _hits(session, settings, parsed, page)
    notice = None
    if parsed.truncated:
        notice = _("Only the first {count} words of the query were used.").format(count=MAX_WORDS)
    return SearchPage(
        query=query[:200],
        hits=hits,
        limit=limit,
        offset=offset,
        has_more=len(found) > offset + limit,
        notice=notice,
        elapsed_ms=round((clock.perf_counter() - started) * 1000, 2),
    )


def _hits(
    session: Session, settings: Settings, parsed: ParsedQuery, page: list[tuple[int, float]]
) -> tuple[SearchHit, ...]:
    if not page:
        return ()
    scores = dict(page)
    rows = {
        row.id: row
        for row in session.execute(
            select(
                search_doc,
                Show.slug.label("show_slug"),
                Show.title.label("show_title"),
            )
            .outerjoin(Show, Show.id == search_doc.c.show_id)
            .where(search_doc.c.id.in_(scores))
        )
    }
    broadcast_ids = {row.broadcast_id for row in rows.values() if row.broadcast_id is not None}
    speakers = _speakers(session, broadcast_ids)
    recordings = _recordings(session, broadcast_ids)
    access = _access(session, broadcast_ids)
    zone = settings.station.timezone
    hits = []
    for doc_id, score in page:
        row = rows.get(doc_id)
        if row is None:
            continue
        snippet, spans = highlight(row.text, parsed)
        recording_id, offset_seconds = _place(row, recordings.get(row.broadcast_id, []))
        hits.append(
            SearchHit(
                doc_id=doc_id,
                kind=row.kind,
                source_id=row.source_id,
                title=row.title,
                snippet=snippet,
                highlights=spans,
                show_slug=row.show_slug,
                show_title=row.show_title,
                broadcast_id=row.broadcast_id,
                at=row.at,
                when=format_datetime(row.at, zone) if row.at else None,
                speakers=speakers.get(row.broadcast_id, ()),
                recording_id=recording_id,
                offset_seconds=None if offset_seconds is None else round(offset_seconds, 3),
                offset=None if offset_seconds is None else clock_text(offset_seconds),
                has_audio=recording_id is not None or bool(recordings.get(row.broadcast_id)),
                access=access.get(row.broadcast_id),
                score=round(score, 6),
            )
        )
    return tuple(hits)


def _speakers(session: Session, broadcast_ids: set[int]) -> dict[int, tuple[Speaker, ...]]:
    if not broadcast_ids:
        return {}
    found: dict[int, list[Speaker]] = {}
    seen: set[tuple[int, int, str]] = set()
    statement = (
        select(
            Appearance.broadcast_id,
            Appearance.role,
            search_person.c.canonical_id,
            search_person.c.display,
            search_person.c.position,
            search_person.c.institution,
        )
        .join(search_person, search_person.c.person_id == Appearance.person_id)
        .where(Appearance.broadcast_id.in_(broadcast_ids))
        .order_by(Appearance.broadcast_id, Appearance.id)
    )
    for row in session.execute(statement):
        key = (row.broadcast_id, row.canonical_id, row.role)
        if key in seen:
            continue
        seen.add(key)
        found.setdefault(row.broadcast_id, []).append(
            Speaker(row.display, row.position, row.institution, row.role)
        )
    return {key: tuple(value) for key, value in found.items()}


def _recordings(session: Session, broadcast_ids: set[int]) -> dict[int, list[Any]]:
    if not broadcast_ids:
        return {}
    found: dict[int, list[Any]] = {}
    statement = (
        select(
            Recording.id,
            Recording.broadcast_id,
            Recording.recorded_start,
            Recording.duration,
            Recording.parent_id,
        )
        .where(Recording.broadcast_id.in_(broadcast_ids))
        # Masters before clips, then the longest.
        .order_by(Recording.parent_id.is_not(None), Recording.duration.desc(), Recording.id)
    )
    for row in session.execute(statement):
        found.setdefault(row.broadcast_id, []).append(row)
    return found


def _access(session: Session, broadcast_ids: set[int]) -> dict[int, str]:
    if not broadcast_ids:
        return {}
    from radiodesk.models import Broadcast

    statement = select(Broadcast.id, Broadcast.access_class).where(Broadcast.id.in_(broadcast_ids))
    return {row.id: row.access_class for row in session.execute(statement)}


def _place(row: Any, recordings: list[Any]) -> tuple[int | None, float | None]:
    """The recording and the offset (seconds) where a hit is heard, if known."""
    if row.kind == "transcript":
        return row.source_id, row.cue_start
    if row.kind in LOG_KINDS and row.at is not None:
        for rec in recordings:
            if rec.recorded_start is None:
                continue
            into = (row.at - rec.recorded_start).total_seconds()
            if into >= 0 and (not rec.duration or into <= rec.duration):
                return rec.id, into
    return (recordings[0].id if recordings else None), None


def rebuild_index(session: Session, settings: Settings) -> RebuildReport:
    """Build the whole search index again, in the session's transaction."""
    started = clock.perf_counter()
    index.remember_archive(settings)
    count = index.rebuild(session.connection(), settings.archive_dir)
    return RebuildReport(documents=count, seconds=round(clock.perf_counter() - started, 2))
