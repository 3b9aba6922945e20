"""Filters that name broadcasts, and the broadcasts that filters alone list.

A person (by name, position or institution), an institution, the agency a listener's call
was passed to and a follow-up status each leave a set of broadcasts
(:func:`filtered_broadcasts`); a search with words keeps only their documents. Without words,
:func:`list_broadcasts` lists the broadcasts every filter leaves, newest first.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, text

from radiodesk.models import UTCDateTime
from radiodesk.search.documents import Rows, read
from radiodesk.search.text import words


def _has(folded: str, key: str) -> bool:
    """Whether folded words (``words()`` joined by spaces) have ``key``'s words in a row, the
    last one as a prefix ("andi rah" is in "dr andi rahman")."""
    return f" {key}" in " " + folded


def _contains(haystack: str, key: str) -> bool:
    """:func:`_has` for a text not yet folded."""
    return _has(" ".join(words(haystack)), key)


def _people(conn: Connection, key: str, person: bool) -> list[int]:
    """People whose name, position or institution (``person``) or institution has ``key``
    (the index keeps names and institutions folded already)."""
    rows = conn.exec_driver_sql(
        "SELECT person_id, name_key, position, institution_key FROM search_person"
    ).all()
    return [
        row[0]
        for row in rows
        if _has(row[3], key) or (person and (_has(row[1], key) or _contains(row[2], key)))
    ]


def _appearing(conn: Connection, person_ids: list[int]) -> set[int]:
    sql = "SELECT a.broadcast_id FROM appearance a WHERE 1 = 1"
    return {row[0] for row in read(conn, sql, Rows("a.person_id", person_ids))}


def _calls(conn: Connection, values: dict[str, Any]) -> set[int]:
    """Broadcasts with a live-log entry passed to the agency / at the follow-up status."""
    conditions = ["NOT l.deleted"]
    if "agency" in values:
        conditions.append("l.agency != ''")
    if "followup" in values:
        conditions.append("l.followup_status = :followup")
    rows = conn.execute(
        text(
            f"SELECT DISTINCT l.broadcast_id, l.agency FROM log_entry l WHERE {' AND '.join(conditions)}"
        ),
        {"followup": values.get("followup")},
    )
    agency = values.get("agency")
    return {row[0] for row in rows if agency is None or _contains(row[1], agency)}


def filtered_broadcasts(conn: Connection, values: dict[str, Any]) -> list[int] | None:
    """The broadcasts the person, institution, agency and follow-up filters leave, sorted
    (None: no such filter)."""
    found: set[int] | None = None
    for name in ("person", "institution"):
        if name in values:
            people = _appearing(conn, _people(conn, values[name], name == "person"))
            found = people if found is None else found & people
    if "agency" in values or "followup" in values:
        calls = _calls(conn, values)
        found = calls if found is None else found & calls
    return None if found is None else sorted(found)


def list_broadcasts(
    conn: Connection,
    values: dict[str, Any],
    has_audio: bool,
    now: datetime,
    limit: int,
    offset: int,
) -> list[int]:
    """Ids of the broadcasts every filter in ``values`` leaves, of those not cancelled that
    started by ``now`` (UTC; as the desk's archive list), newest first: one page, and one
    more when there is a next page."""
    start = "coalesce(b.actual_start, b.planned_start)"
    where = ["b.status != 'cancelled'", f"{start} <= :now"]
    params: list[Any] = [bindparam("now", type_=UTCDateTime)]
    broadcasts = filtered_broadcasts(conn, values)
    if broadcasts is not None:
        where.append(f"b.id IN ({','.join(str(int(i)) for i in broadcasts) or 'NULL'})")
    if "shows" in values:
        where.append(f"b.show_id IN ({','.join(str(int(i)) for i in values['shows'])})")
    if "date_from" in values:
        where.append(f"{start} >= :date_from")
        params.append(bindparam("date_from", type_=UTCDateTime))
    if "date_to" in values:
        where.append(f"{start} < :date_to")
        params.append(bindparam("date_to", type_=UTCDateTime))
    if "access" in values:
        where.append("b.access_class = :access")
    if "kinds" in values:
        where.append(
            "EXISTS (SELECT 1 FROM search_doc d WHERE d.broadcast_id = b.id AND d.kind IN :kinds)"
        )
        params.append(bindparam("kinds", expanding=True))
    if has_audio:
        where.append("EXISTS (SELECT 1 FROM recording r WHERE r.broadcast_id = b.id)")
    sql = (
        f"SELECT b.id FROM broadcast b WHERE {' AND '.join(where)}"
        f" ORDER BY {start} DESC, b.id DESC LIMIT :take OFFSET :skip"
    )
    arguments = {**values, "now": now, "take": limit + 1, "skip": offset}
    return list(conn.execute(text(sql).bindparams(*params), arguments).scalars())
