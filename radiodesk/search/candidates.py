"""Finding the matches of a query in the index, filtered and ranked, one page at a time.

Both databases take the :data:`RANK_WINDOW` most recent matches that pass the filters
(document ids grow with time: a rebuild numbers documents in time order and new ones come
last) and rank them by relevance; ties go to the more recent, then to their source rows.
A word found in half the archive thus answers in milliseconds, with the most relevant of
its recent matches first; more words or a filter (``--from``, ``--show`` …) reach further
back.

- SQLite: FTS5 finds the matches, newest first; the programme and kind filters are part of
  the MATCH expression (each document carries tags such as ``_kcomplaint``, ``_s12``) so
  they cost no lookups; BM25 is computed in :mod:`radiodesk.search.ranking`.
- PostgreSQL: the GIN index finds them; ``ts_rank`` ranks them.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, bindparam, text

from radiodesk.models import LISTENER_KINDS, LOG_KINDS, UTCDateTime
from radiodesk.search.query import ParsedQuery, to_fts5, to_tsquery
from radiodesk.search.ranking import Scorer, document_frequency

RANK_WINDOW = 200
# Kinds making up at least this share of the documents are filtered row by row.
COMMON_KINDS = 0.05


def kind_tag(kind: str) -> str:
    """The tag of a document kind in the FTS5 ``tags`` column."""
    return f"_k{kind}"


# Kinds often asked for together carry a tag of their group too: one tag is much cheaper
# to intersect than several joined with OR.
KIND_GROUPS = {"log": frozenset(LOG_KINDS), "listener": frozenset(LISTENER_KINDS)}


def kind_tags(kind: str) -> str:
    """All tags of a document of ``kind``: its own and its groups'."""
    return " ".join([kind_tag(kind), *(kind_tag(g) for g, ks in KIND_GROUPS.items() if kind in ks)])


def show_tag(show_id: int | None) -> str:
    return f"_s{show_id}" if show_id is not None else ""


def _conditions(
    values: dict[str, Any], has_audio: bool, tagged: bool, kinds_in_sql: bool = False
) -> tuple[str, list[Any]]:
    """SQL conditions on the document ``d`` for the filters, with their typed parameters;
    ``tagged``: the programme and kind filters are in the FTS5 expression (kinds only when
    not ``kinds_in_sql``)."""
    where: list[str] = []
    params: list[Any] = []
    if "shows" in values and not tagged:
        where.append("d.show_id IN :shows")
        params.append(bindparam("shows", expanding=True))
    if "kinds" in values and (not tagged or kinds_in_sql):
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
    return "".join(f" AND {condition}" for condition in where), params


def _tune_sqlite(conn: Connection) -> None:
    # Reading the index through a memory map and a larger page cache makes a search several
    # times faster on a big archive; set once per pooled connection.
    info = conn.connection.info
    if not info.get("radiodesk_search"):
        conn.exec_driver_sql("PRAGMA mmap_size = 268435456")
        conn.exec_driver_sql("PRAGMA cache_size = -65536")
        info["radiodesk_search"] = True


def _tagged_expression(parsed: ParsedQuery, values: dict[str, Any]) -> str:
    expression = to_fts5(parsed)
    if "kinds" in values:
        kinds = frozenset(values["kinds"])
        group = next((name for name, members in KIND_GROUPS.items() if members == kinds), None)
        tags = [kind_tag(group)] if group else [kind_tag(k) for k in sorted(kinds)]
        either = " OR ".join(f'"{tag}"' for tag in tags)
        expression = f"({expression}) AND ({either})"
    if "shows" in values:
        either = " OR ".join(f'"{show_tag(v)}"' for v in values["shows"])
        expression = f"({expression}) AND ({either})"
    return expression


def find(
    conn: Connection,
    parsed: ParsedQuery,
    values: dict[str, Any],
    has_audio: bool,
    limit: int,
    offset: int,
) -> list[tuple[int, float]]:
    """(document id, relevance) of one page, and one more when there is a next page."""
    window = max(RANK_WINDOW, offset + limit + 1)
    if conn.dialect.name == "sqlite":
        return _find_sqlite(conn, parsed, values, has_audio, window)[offset : offset + limit + 1]
    return _find_postgresql(conn, parsed, values, has_audio, window, limit, offset)


def _find_sqlite(
    conn: Connection, parsed: ParsedQuery, values: dict[str, Any], has_audio: bool, window: int
) -> list[tuple[int, float]]:
    _tune_sqlite(conn)
    total = conn.exec_driver_sql("SELECT max(rowid) FROM search_fts").scalar() or 1
    kinds_in_sql = False
    if "kinds" in values:
        # A common kind is cheaper to check on each of the newest matches than to intersect
        # with its long tag list; a rare one is left to FTS5 and the tags.
        share = sum(document_frequency(conn, kind_tag(k), False) for k in values["kinds"])
        kinds_in_sql = share / total >= COMMON_KINDS
    rows = _select(conn, parsed, values, has_audio, window, kinds_in_sql)
    if not rows:
        return []
    scores = Scorer(conn, parsed, total).score([(row[1], row[2]) for row in rows])
    # Best first; ties to the more recent, then (any fixed order) by source row.
    ranked = sorted(
        zip(scores, (row[3] or "" for row in rows), rows, strict=True),
        key=lambda item: (item[0], item[1], item[2][4], item[2][5], item[2][6]),
        reverse=True,
    )
    return [(row[0], score) for score, _at, row in ranked]


def _select(
    conn: Connection,
    parsed: ParsedQuery,
    values: dict[str, Any],
    has_audio: bool,
    window: int,
    kinds_in_sql: bool,
) -> list[Any]:
    """The ``window`` newest matches passing the filters: (id, stems, words, at, source,
    source_id, seq)."""
    tagged = {k: v for k, v in values.items() if k != "kinds"} if kinds_in_sql else values
    where, params = _conditions(values, has_audio, tagged=True, kinds_in_sql=kinds_in_sql)
    # Ordered by the FTS table's own rowid, so that FTS5 walks its matches newest first and
    # stops as soon as the window is full.
    sql = (
        "SELECT d.id, d.stems, d.words, d.at, d.source, d.source_id, d.seq"
        " FROM search_fts JOIN search_doc d ON d.id = search_fts.rowid"
        f" WHERE search_fts MATCH :q{where} ORDER BY search_fts.rowid DESC LIMIT :window"
    )
    arguments = {**values, "q": _tagged_expression(parsed, tagged), "window": window}
    return list(conn.execute(text(sql).bindparams(*params), arguments).all())


def _find_postgresql(
    conn: Connection,
    parsed: ParsedQuery,
    values: dict[str, Any],
    has_audio: bool,
    window: int,
    limit: int,
    offset: int,
) -> list[tuple[int, float]]:
    where, params = _conditions(values, has_audio, tagged=False)
    inner = (
        "SELECT d.id, ts_rank(d.tsv, CAST(:q AS tsquery)) AS score, d.at, d.source,"
        f" d.source_id, d.seq FROM search_doc d WHERE d.tsv @@ CAST(:q AS tsquery){where}"
        " ORDER BY d.id DESC LIMIT :window"
    )
    sql = (
        f"SELECT id, score FROM ({inner}) AS recent"
        " ORDER BY score DESC, at IS NULL, at DESC, source DESC, source_id DESC, seq DESC"
        " LIMIT :take OFFSET :skip"
    )
    statement = text(sql).bindparams(*params)
    arguments = {
        **values,
        "q": to_tsquery(parsed),
        "window": window,
        "take": limit + 1,
        "skip": offset,
    }
    return [(row[0], float(row[1])) for row in conn.execute(statement, arguments)]
