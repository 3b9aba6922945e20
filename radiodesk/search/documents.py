"""What is searchable, read from the domain tables as documents.

One builder per kind of row. Each reads on the caller's connection (so it sees the rows
written earlier in the same transaction) and yields :class:`Doc` tuples; the index writes
them (:mod:`radiodesk.search.index`). Builders take a :class:`Rows` condition (their own
ids, or their broadcasts' ids, or none for all), so one function serves the full rebuild
and the update of a few rows.

The SQL is plain text run on the driver's cursor on purpose: a rebuild reads a million rows,
and instants are passed through as the database gives them (SQLite: the UTC text SQLAlchemy
writes; PostgreSQL: ``timestamptz``) instead of being parsed and formatted for every row.
The only values put into the SQL are integer ids, formatted as integers.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import Connection, delete, insert, inspect

from radiodesk.search.schema import search_person
from radiodesk.search.text import fold, words
from radiodesk.search.transcripts import read_cues

SEP = " — "
# Ids per IN (...) list: well under SQLite's and PostgreSQL's limits on parameters.
CHUNK = 2000


class Doc(NamedTuple):
    """One searchable document. ``at`` is the instant (UTC) as the database stores it;
    ``cue_start`` is in seconds into a recording."""

    source: str
    source_id: int
    seq: int
    kind: str
    broadcast_id: int | None
    show_id: int | None
    at: Any
    cue_start: float | None
    title: str
    text: str


@dataclass(frozen=True)
class Rows:
    """Which rows a builder reads: ``column IN ids``, ``column IS NULL``, or all."""

    column: str | None = None
    ids: list[int] = field(default_factory=list)
    null: bool = False

    def sql(self) -> str:
        if self.column is None:
            return ""
        if self.null:
            return f" AND {self.column} IS NULL"
        if not self.ids:
            return " AND 1 = 0"
        return f" AND {self.column} IN ({','.join(str(int(i)) for i in self.ids)})"


ALL = Rows()


def chunks(ids: Collection[int]) -> Iterator[list[int]]:
    ordered = sorted(ids)
    for i in range(0, len(ordered), CHUNK):
        yield ordered[i : i + CHUNK]


def read(conn: Connection, sql: str, rows: Rows = ALL) -> list[tuple[Any, ...]]:
    """Rows of ``sql`` (plain SQL ending in a WHERE clause) narrowed by ``rows``."""
    cursor = conn.connection.cursor()
    try:
        cursor.execute(sql + rows.sql())
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _join(*parts: str | None) -> str:
    return SEP.join(filter(None, map(str.strip, filter(None, parts))))


def as_datetime(value: Any) -> datetime | None:
    """An instant as the database gave it, as an aware datetime (UTC)."""
    if value is None or isinstance(value, datetime):
        return value.astimezone(UTC) if value is not None else None
    return datetime.fromisoformat(str(value)).replace(tzinfo=UTC)


def as_stored(moment: datetime, sqlite: bool) -> Any:
    """An aware datetime as the database stores it (see :class:`~radiodesk.models.UTCDateTime`)."""
    if sqlite:
        return moment.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")
    return moment


def programme_docs(conn: Connection, rows: Rows = ALL) -> Iterator[Doc]:
    for show_id, title in read(conn, "SELECT s.id, s.title FROM show s WHERE 1 = 1", rows):
        yield Doc("show", show_id, 0, "programme", None, show_id, None, None, title, title)


def broadcast_docs(conn: Connection, rows: Rows = ALL) -> Iterator[Doc]:
    sql = (
        "SELECT b.id, b.show_id, b.title, b.topic, b.notes,"
        " coalesce(b.actual_start, b.planned_start) AS start, s.title AS show_title"
        " FROM broadcast b JOIN show s ON s.id = b.show_id WHERE 1 = 1"
    )
    for broadcast_id, show_id, title, topic, notes, start, show_title in read(conn, sql, rows):
        content = _join(title, topic, notes)
        if content:
            yield Doc(
                "broadcast",
                broadcast_id,
                0,
                "broadcast",
                broadcast_id,
                show_id,
                start,
                None,
                title or show_title,
                content,
            )


def _display(name: str, honorific: str) -> str:
    name, honorific = name.strip(), honorific.strip()
    if honorific and not fold(name).startswith(fold(honorific)):
        return f"{honorific} {name}"
    return name


def people_merged_into(conn: Connection, person_ids: Collection[int]) -> set[int]:
    """``person_ids`` and everyone merged into them, however many merges ago."""
    found = set(person_ids)
    frontier = set(person_ids)
    while frontier:
        more: set[int] = set()
        for part in chunks(frontier):
            sql = "SELECT p.id FROM person p WHERE 1 = 1"
            more.update(row[0] for row in read(conn, sql, Rows("p.merged_into_id", part)))
        frontier = more - found
        found |= frontier
    return found


class _Person(NamedTuple):
    id: int
    merged_into_id: int | None
    name: str
    honorific: str
    position: str
    institution: str


_PEOPLE = (
    "SELECT p.id, p.merged_into_id, p.name, p.honorific, p.position, p.institution"
    " FROM person p WHERE 1 = 1"
)


def refresh_people(conn: Connection, person_ids: Collection[int] | None = None) -> None:
    """Rewrite ``search_person`` for these people (all when None): each with the name,
    position and institution of the person they were (finally) merged into."""
    if person_ids is None:
        people = {row[0]: _Person(*row) for row in read(conn, _PEOPLE, ALL)}
        conn.execute(delete(search_person))
        targets: Collection[int] = list(people)
    else:
        targets = person_ids
        people = {}
        wanted = set(person_ids)
        while wanted:
            for part in chunks(wanted):
                for row in read(conn, _PEOPLE, Rows("p.id", part)):
                    people[row[0]] = _Person(*row)
            wanted = {
                row.merged_into_id
                for row in people.values()
                if row.merged_into_id is not None and row.merged_into_id not in people
            }
        for part in chunks(targets):
            conn.execute(delete(search_person).where(search_person.c.person_id.in_(part)))
    records = []
    for person_id in targets:
        person = people.get(person_id)
        if person is None:
            continue  # deleted
        seen = {person.id}
        while person.merged_into_id is not None and person.merged_into_id in people:
            person = people[person.merged_into_id]
            if person.id in seen:
                break  # a loop of merges: stop at the last one reached
            seen.add(person.id)
        display = _display(person.name, person.honorific)
        records.append(
            {
                "person_id": person_id,
                "canonical_id": person.id,
                "display": display,
                "position": person.position,
                "institution": person.institution,
                "name_key": " ".join(words(display)),
                "institution_key": " ".join(words(person.institution)),
            }
        )
    if records:
        conn.execute(insert(search_person), records)


def appearance_docs(conn: Connection, rows: Rows = ALL) -> Iterator[Doc]:
    """People who appeared, as the person they were merged into (``search_person``)."""
    sql = (
        "SELECT a.id, a.broadcast_id, a.topic, b.show_id,"
        " coalesce(b.actual_start, b.planned_start) AS start,"
        " p.display, p.position, p.institution"
        " FROM appearance a JOIN broadcast b ON b.id = a.broadcast_id"
        " JOIN search_person p ON p.person_id = a.person_id WHERE 1 = 1"
    )
    for row in read(conn, sql, rows):
        appearance_id, broadcast_id, topic, show_id, start, display, position, institution = row
        who = ", ".join(p for p in (display, position, institution) if p)
        yield Doc(
            "appearance",
            appearance_id,
            0,
            "person",
            broadcast_id,
            show_id,
            start,
            None,
            display,
            _join(who, topic),
        )


def log_docs(conn: Connection, rows: Rows = ALL) -> Iterator[Doc]:
    """Live-log entries that are not deleted; questions and complaints with their agency."""
    sql = (
        "SELECT l.id, l.broadcast_id, l.at, l.kind, l.text, l.caller_location, l.agency,"
        " l.answer, b.show_id FROM log_entry l JOIN broadcast b ON b.id = l.broadcast_id"
        " WHERE NOT l.deleted"
    )
    for entry_id, broadcast_id, at, kind, said, place, agency, answer, show_id in read(
        conn, sql, rows
    ):
        content = _join(said, place, agency, answer)
        yield Doc("log_entry", entry_id, 0, kind, broadcast_id, show_id, at, None, "", content)


def episode_docs(conn: Connection, rows: Rows = ALL) -> Iterator[Doc]:
    sql = (
        "SELECT e.id, e.show_id, e.broadcast_id, e.title, e.description,"
        " coalesce(b.actual_start, b.planned_start, e.published_at, e.publish_at, e.created_at)"
        " AS start FROM episode e LEFT JOIN broadcast b ON b.id = e.broadcast_id WHERE 1 = 1"
    )
    for episode_id, show_id, broadcast_id, title, description, start in read(conn, sql, rows):
        yield Doc(
            "episode",
            episode_id,
            0,
            "episode",
            broadcast_id,
            show_id,
            start,
            None,
            title,
            _join(title, description),
        )


def transcript_docs(conn: Connection, archive_dir: Path | None, rows: Rows = ALL) -> Iterator[Doc]:
    """One document per cue of each recording's transcript (a path under ``archive_dir``):
    its own, else its finished automatic one (staff search it before an editor approves)."""
    if archive_dir is None:
        return
    sqlite = conn.dialect.name == "sqlite"
    # Before migration 0008 (the search index is built by 0002) there are no automatic ones.
    automatic = inspect(conn).has_table("transcript")
    path = "coalesce(nullif(r.transcript_path, ''), t.path)" if automatic else "r.transcript_path"
    sql = (
        f"SELECT r.id, r.broadcast_id, {path}, r.title, r.original_name, b.show_id,"
        " coalesce(r.recorded_start, b.actual_start, b.planned_start) AS start"
        " FROM recording r LEFT JOIN broadcast b ON b.id = r.broadcast_id"
        + (
            " LEFT JOIN transcript t ON t.recording_id = r.id AND t.status = 'done'"
            if automatic
            else ""
        )
        + f" WHERE {path} IS NOT NULL AND {path} != ''"
    )
    for recording_id, broadcast_id, path, title, original_name, show_id, raw_start in read(
        conn, sql, rows
    ):
        start = as_datetime(raw_start)
        for seq, cue in enumerate(read_cues(archive_dir / path)):
            at = as_stored(start + timedelta(seconds=cue.start), sqlite) if start else None
            yield Doc(
                "recording",
                recording_id,
                seq,
                "transcript",
                broadcast_id,
                show_id,
                at,
                cue.start,
                title or original_name,
                cue.text,
            )
