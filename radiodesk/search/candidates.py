"""Finding the matches of a query in the index, filtered and ranked, one page at a time.

Both databases take the :data:`RANK_WINDOW` most recent matches that pass the filters
(document ids grow with time: a rebuild numbers documents in time order and new ones come
last) and rank them by relevance; ties go to the more recent, then to their source rows.
A word found in half the archive thus answers in milliseconds, with the most relevant of
its recent matches first; more words or a filter (``--from``, ``--show`` …) reach further
back.

- SQLite: FTS5 finds the matches, newest first, and ranks them with its own ``bm25()``.
  Programme, kind, a guest's few broadcasts and an end date long ago become tags ANDed to
  the query (:mod:`radiodesk.search.tags`); the others are checked on each match.
- PostgreSQL: the GIN index finds them, SQL conditions filter them, ``ts_rank_cd``
  ranks them (cover density, divided by 1 + the log of the length: long documents do not
  win by being long).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, bindparam, text

from radiodesk.models import UTCDateTime
from radiodesk.search.documents import as_datetime
from radiodesk.search.filters import filtered_broadcasts
from radiodesk.search.query import ParsedQuery, to_fts5, to_tsquery
from radiodesk.search.schema import FTS_TABLE
from radiodesk.search.tags import (
    KIND_GROUPS,
    broadcast_tag,
    either,
    kind_tag,
    month_tag,
    show_tag,
    year_tag,
)

RANK_WINDOW = 200
# A guest filter reaching at most this many broadcasts goes into the FTS5 query as tags.
FEW_BROADCASTS = 300
# An end date this long before the newest document makes year and month tags worth it.
OLD = timedelta(days=180)
MAX_DATE_TAGS = 60


@dataclass
class _Plan:
    """How the filters are applied: FTS5 expressions ANDed to the query (``tags``) and SQL
    conditions on the document ``d`` with their parameters."""

    tags: list[str] = field(default_factory=list)
    where: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def sql(self) -> str:
        return "".join(f" AND {condition}" for condition in self.where)


def _common_conditions(plan: _Plan, values: dict[str, Any], has_audio: bool) -> None:
    if "date_from" in values:
        plan.where.append("d.at >= :date_from")
        plan.params.append(bindparam("date_from", type_=UTCDateTime))
    if "date_to" in values:
        plan.where.append("d.at < :date_to")
        plan.params.append(bindparam("date_to", type_=UTCDateTime))
    if "access" in values:
        plan.where.append(
            "EXISTS (SELECT 1 FROM broadcast b WHERE b.id = d.broadcast_id"
            " AND b.access_class = :access)"
        )
    if has_audio:
        plan.where.append(
            "EXISTS (SELECT 1 FROM recording r WHERE r.broadcast_id = d.broadcast_id)"
        )


def _in_list(column: str, ids: list[int]) -> str:
    # Integers only, formatted as integers.
    return f"{column} IN ({','.join(str(int(i)) for i in ids) or 'NULL'})"


def _postgresql_plan(values: dict[str, Any], has_audio: bool, guests: list[int] | None) -> _Plan:
    plan = _Plan()
    if "shows" in values:
        plan.where.append(_in_list("d.show_id", values["shows"]))
    if "kinds" in values:
        plan.where.append("d.kind IN :kinds")
        plan.params.append(bindparam("kinds", expanding=True))
    if guests is not None:
        plan.where.append(_in_list("d.broadcast_id", guests))
    _common_conditions(plan, values, has_audio)
    return plan


def _sqlite_plan(
    conn: Connection, values: dict[str, Any], has_audio: bool, guests: list[int] | None
) -> _Plan:
    plan = _Plan()
    if "kinds" in values:
        # FTS5 intersects the kind's tag with the words, newest first.
        kinds = frozenset(values["kinds"])
        group = next((g for g, members in KIND_GROUPS.items() if members == kinds), None)
        plan.tags.append(either([kind_tag(group)] if group else [kind_tag(k) for k in kinds]))
    if "shows" in values:
        plan.tags.append(either([show_tag(i) for i in values["shows"]]))
    if guests is not None:
        if len(guests) <= FEW_BROADCASTS:
            plan.tags.append(either([broadcast_tag(i) for i in guests]))
        else:
            plan.where.append(_in_list("d.broadcast_id", guests))
    if "date_to" in values:
        dates = _date_tags(conn, values.get("date_from"), values["date_to"])
        if dates:
            plan.tags.append(either(dates))
    _common_conditions(plan, values, has_audio)
    return plan


def _date_tags(conn: Connection, start: datetime | None, end: datetime) -> list[str]:
    """Year and month tags covering [start, end) (UTC), when the range ends long before the
    newest document: then most matches are newer and FTS5 should skip them. Else none."""
    newest = conn.exec_driver_sql(
        "SELECT at FROM search_doc WHERE id = (SELECT max(id) FROM search_doc)"
    ).scalar()
    newest_at = as_datetime(newest)
    if newest_at is None or end > newest_at - OLD:
        return []
    years = [y for (y,) in conn.exec_driver_sql("SELECT year FROM search_year ORDER BY year")]
    last = end - timedelta(microseconds=1)
    first_year = start.year if start else (years[0] if years else last.year)
    first_month = start.month if start else 1
    tags: list[str] = []
    for year in (y for y in years if first_year <= y <= last.year):
        low = first_month if year == first_year else 1
        high = last.month if year == last.year else 12
        if low == 1 and high == 12:
            tags.append(year_tag(year))
        else:
            tags += [month_tag(year, m) for m in range(low, high + 1)]
    return tags if len(tags) <= MAX_DATE_TAGS else []


def _tune_sqlite(conn: Connection) -> None:
    # Reading the index through a memory map and a larger page cache makes a search several
    # times faster on a big archive; set once per pooled connection.
    info = conn.connection.info
    if not info.get("radiodesk_search"):
        conn.exec_driver_sql("PRAGMA mmap_size = 268435456")
        conn.exec_driver_sql("PRAGMA cache_size = -65536")
        info["radiodesk_search"] = True


def _tiers(parsed: ParsedQuery, sqlite: bool) -> list[tuple[str, str | None]]:
    """(expression, the expression of the tiers before it) in order: words as written
    first, then any word of their stems. Each tier is ranked on its own."""
    convert = to_fts5 if sqlite else to_tsquery
    written, stems = convert(parsed, surface=True), convert(parsed)
    if written == stems:
        return [(stems, None)]
    return [(written, None), (stems, written)]


def find(
    conn: Connection,
    parsed: ParsedQuery,
    values: dict[str, Any],
    has_audio: bool,
    limit: int,
    offset: int,
) -> tuple[list[tuple[int, float]], bool]:
    """(document id, relevance) of one page, and one more when there is a next page; and
    whether they match only some of the words.

    Documents that have the query's words as written come first, then those that only
    share their stems (:func:`_tiers`). When no document has every word, those with any of
    them are ranked instead (more words, rarer words first)."""
    window = max(RANK_WINDOW, offset + limit + 1)
    guests = filtered_broadcasts(conn, values)
    if guests == []:
        return [], False
    # The filters' plan is the same for every tier and for the any-word fallback: made once.
    if conn.dialect.name == "sqlite":
        _tune_sqlite(conn)
        plan = _sqlite_plan(conn, values, has_audio, guests)
    else:
        plan = _postgresql_plan(values, has_audio, guests)
    found = _find_tiers(conn, parsed, values, plan, window, offset + limit + 1)
    if found or len(parsed.groups) < 2:
        return found[offset : offset + limit + 1], False
    anyword = ParsedQuery((parsed.terms,), parsed.excluded, parsed.truncated)
    found = _find_tiers(conn, anyword, values, plan, window, offset + limit + 1)
    return found[offset : offset + limit + 1], bool(found)


def _find_tiers(
    conn: Connection,
    parsed: ParsedQuery,
    values: dict[str, Any],
    plan: _Plan,
    window: int,
    wanted: int,
) -> list[tuple[int, float]]:
    sqlite = conn.dialect.name == "sqlite"
    find_in = _find_sqlite if sqlite else _find_postgresql
    found: list[tuple[int, float]] = []
    for expression, before in _tiers(parsed, sqlite):
        if len(found) >= wanted:
            break
        found += find_in(conn, expression, before, values, plan, window)
    return found


def _find_sqlite(
    conn: Connection,
    expression: str,
    before: str | None,
    values: dict[str, Any],
    plan: _Plan,
    window: int,
) -> list[tuple[int, float]]:
    matched = f"({expression}) NOT ({before})" if before else expression
    expression = " AND ".join([f"({matched})", *plan.tags])
    # Ordered by the FTS table's own rowid, so that FTS5 walks its matches newest first and
    # stops as soon as the window is full; FTS5's bm25() weighs them (lower is better; an
    # affixed word as written counts half as much as a stem, tags nothing).
    inner = (
        f"SELECT d.id, bm25({FTS_TABLE}, 1.0, 0.5, 0.0) AS score, d.at, d.source, d.source_id,"
        f" d.seq FROM {FTS_TABLE} JOIN search_doc d ON d.id = {FTS_TABLE}.rowid"
        f" WHERE {FTS_TABLE} MATCH :q{plan.sql()} ORDER BY {FTS_TABLE}.rowid DESC LIMIT :window"
    )
    arguments = {**values, "q": expression, "window": window}
    return _best_first(conn, inner, plan, arguments, higher_is_better=False)


def _best_first(
    conn: Connection, inner: str, plan: _Plan, arguments: dict[str, Any], higher_is_better: bool
) -> list[tuple[int, float]]:
    """(id, relevance: higher is better) of ``inner``'s rows, best first; ties to the more
    recent, then (any fixed order) by source row."""
    sql = (
        f"SELECT id, score FROM ({inner}) AS recent ORDER BY score"
        f"{' DESC' if higher_is_better else ''}, at IS NULL, at DESC, source DESC,"
        " source_id DESC, seq DESC"
    )
    rows = conn.execute(text(sql).bindparams(*plan.params), arguments)
    sign = 1.0 if higher_is_better else -1.0
    return [(row[0], sign * float(row[1])) for row in rows]


def _find_postgresql(
    conn: Connection,
    expression: str,
    before: str | None,
    values: dict[str, Any],
    plan: _Plan,
    window: int,
) -> list[tuple[int, float]]:
    not_before = " AND NOT d.tsv @@ CAST(:before AS tsquery)" if before else ""
    inner = (
        "SELECT d.id, ts_rank_cd(d.tsv, CAST(:q AS tsquery), 1) AS score, d.at, d.source,"
        f" d.source_id, d.seq FROM search_doc d WHERE d.tsv @@ CAST(:q AS tsquery){not_before}"
        f"{plan.sql()} ORDER BY d.id DESC LIMIT :window"
    )
    arguments = {**values, "q": expression, "window": window}
    if before:
        arguments["before"] = before
    return _best_first(conn, inner, plan, arguments, higher_is_better=True)
