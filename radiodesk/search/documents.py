"""What is searchable, read from the domain tables as documents.

One builder per kind of row. Each reads with Core on the caller's connection (so it sees the
rows written earlier in the same transaction) and yields :class:`Doc` tuples; the index
writes them (:mod:`radiodesk.search.index`). Builders take a condition on their rows (their
own ids, or their broadcasts' ids), so one function serves the full rebuild and the update
of a few rows.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import Connection, delete, insert, select
from sqlalchemy.sql.elements import ColumnElement

from radiodesk.models import Appearance, Broadcast, Episode, LogEntry, Person, Recording, Show
from radiodesk.search.schema import search_person
from radiodesk.search.text import fold, words
from radiodesk.search.transcripts import read_cues

SEP = " — "
# Ids per IN (...) list: well under SQLite's and PostgreSQL's limits on parameters.
CHUNK = 2000


Where = ColumnElement[bool] | None


class Doc(NamedTuple):
    """One searchable document; ``at`` in UTC, ``cue_start`` in seconds into a recording."""

    source: str
    source_id: int
    seq: int
    kind: str
    broadcast_id: int | None
    show_id: int | None
    at: datetime | None
    cue_start: float | None
    title: str
    text: str


def chunks(ids: Collection[int]) -> Iterator[list[int]]:
    ordered = sorted(ids)
    for i in range(0, len(ordered), CHUNK):
        yield ordered[i : i + CHUNK]


def _join(*parts: str | None) -> str:
    return SEP.join(p.strip() for p in parts if p and p.strip())


def programme_docs(conn: Connection, where: Where = None) -> Iterator[Doc]:
    statement = select(Show.id, Show.title)
    if where is not None:
        statement = statement.where(where)
    for row in conn.execute(statement.order_by(Show.id)):
        yield Doc("show", row.id, 0, "programme", None, row.id, None, None, row.title, row.title)


def broadcast_docs(conn: Connection, where: Where = None) -> Iterator[Doc]:
    statement = select(
        Broadcast.id,
        Broadcast.show_id,
        Broadcast.title,
        Broadcast.topic,
        Broadcast.notes,
        Broadcast.planned_start,
        Broadcast.actual_start,
        Show.title.label("show_title"),
    ).join(Show, Show.id == Broadcast.show_id)
    if where is not None:
        statement = statement.where(where)
    for row in conn.execute(statement):
        text = _join(row.title, row.topic, row.notes)
        if text:
            yield Doc(
                "broadcast",
                row.id,
                0,
                "broadcast",
                row.id,
                row.show_id,
                row.actual_start or row.planned_start,
                None,
                row.title or row.show_title,
                text,
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
            more.update(conn.scalars(select(Person.id).where(Person.merged_into_id.in_(part))))
        frontier = more - found
        found |= frontier
    return found


def refresh_people(conn: Connection, person_ids: Collection[int] | None = None) -> None:
    """Rewrite ``search_person`` for these people (all when None): each with the name,
    position and institution of the person they were (finally) merged into."""
    columns = (
        Person.id,
        Person.merged_into_id,
        Person.name,
        Person.honorific,
        Person.position,
        Person.institution,
    )
    if person_ids is None:
        people = {row.id: row for row in conn.execute(select(*columns))}
        conn.execute(delete(search_person))
        targets: Collection[int] = list(people)
    else:
        targets = person_ids
        people = {}
        wanted = set(person_ids)
        while wanted:
            for part in chunks(wanted):
                for row in conn.execute(select(*columns).where(Person.id.in_(part))):
                    people[row.id] = row
            wanted = {
                row.merged_into_id
                for row in people.values()
                if row.merged_into_id is not None and row.merged_into_id not in people
            }
        for part in chunks(targets):
            conn.execute(delete(search_person).where(search_person.c.person_id.in_(part)))
    rows = []
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
        rows.append(
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
    if rows:
        conn.execute(insert(search_person), rows)


def appearance_docs(conn: Connection, where: Where = None) -> Iterator[Doc]:
    """People who appeared, as the person they were merged into (``search_person``)."""
    statement = (
        select(
            Appearance.id,
            Appearance.broadcast_id,
            Appearance.topic,
            Broadcast.show_id,
            Broadcast.planned_start,
            Broadcast.actual_start,
            search_person.c.display,
            search_person.c.position,
            search_person.c.institution,
        )
        .join(Broadcast, Broadcast.id == Appearance.broadcast_id)
        .join(search_person, search_person.c.person_id == Appearance.person_id)
    )
    if where is not None:
        statement = statement.where(where)
    for row in conn.execute(statement):
        who = ", ".join(p for p in (row.display, row.position, row.institution) if p)
        yield Doc(
            "appearance",
            row.id,
            0,
            "person",
            row.broadcast_id,
            row.show_id,
            row.actual_start or row.planned_start,
            None,
            row.display,
            _join(who, row.topic),
        )


def log_docs(conn: Connection, where: Where = None) -> Iterator[Doc]:
    """Live-log entries that are not deleted; questions and complaints with their agency."""
    statement = (
        select(
            LogEntry.id,
            LogEntry.broadcast_id,
            LogEntry.at,
            LogEntry.kind,
            LogEntry.text,
            LogEntry.caller_location,
            LogEntry.agency,
            LogEntry.answer,
            Broadcast.show_id,
        )
        .join(Broadcast, Broadcast.id == LogEntry.broadcast_id)
        .where(LogEntry.deleted.is_(False))
    )
    if where is not None:
        statement = statement.where(where)
    for row in conn.execute(statement):
        yield Doc(
            "log_entry",
            row.id,
            0,
            row.kind,
            row.broadcast_id,
            row.show_id,
            row.at,
            None,
            "",
            _join(row.text, row.caller_location, row.agency, row.answer),
        )


def episode_docs(conn: Connection, where: Where = None) -> Iterator[Doc]:
    statement = select(
        Episode.id,
        Episode.show_id,
        Episode.broadcast_id,
        Episode.title,
        Episode.description,
        Episode.published_at,
        Episode.publish_at,
        Episode.created_at,
        Broadcast.planned_start,
        Broadcast.actual_start,
    ).outerjoin(Broadcast, Broadcast.id == Episode.broadcast_id)
    if where is not None:
        statement = statement.where(where)
    for row in conn.execute(statement):
        at = row.actual_start or row.planned_start or row.published_at or row.publish_at
        yield Doc(
            "episode",
            row.id,
            0,
            "episode",
            row.broadcast_id,
            row.show_id,
            at or row.created_at,
            None,
            row.title,
            _join(row.title, row.description),
        )


def transcript_docs(
    conn: Connection, archive_dir: Path | None, where: Where = None
) -> Iterator[Doc]:
    """One document per cue of each recording's transcript (a path under ``archive_dir``)."""
    if archive_dir is None:
        return
    statement = (
        select(
            Recording.id,
            Recording.broadcast_id,
            Recording.recorded_start,
            Recording.transcript_path,
            Recording.title,
            Recording.original_name,
            Broadcast.show_id,
            Broadcast.planned_start,
            Broadcast.actual_start,
        )
        .outerjoin(Broadcast, Broadcast.id == Recording.broadcast_id)
        .where(Recording.transcript_path.is_not(None), Recording.transcript_path != "")
    )
    if where is not None:
        statement = statement.where(where)
    for row in conn.execute(statement):
        start = row.recorded_start or row.actual_start or row.planned_start
        title = row.title or row.original_name
        for seq, cue in enumerate(read_cues(archive_dir / row.transcript_path)):
            at = start + timedelta(seconds=cue.start) if start else None
            yield Doc(
                "recording",
                row.id,
                seq,
                "transcript",
                row.broadcast_id,
                row.show_id,
                at,
                cue.start,
                title,
                cue.text,
            )
