"""Keeping the search index in step with the data, in the same transaction as the writes.

:func:`install` puts an ``after_flush`` listener on a home's sessionmaker (``radiodesk.db``
does, when it makes one): the log entries, broadcasts, appearances, people, programmes,
episodes, recordings and transcripts that a flush added, changed or deleted are re-indexed on
the flush's own connection, so the index commits or rolls back with them. A database without
the index (before migration 0002) is left alone.

Writes that bypass the ORM (Core ``UPDATE``/``INSERT``, bulk statements) are not seen;
:func:`rebuild` (``radiodesk search --rebuild``) builds the whole index again.
"""

from __future__ import annotations

import operator
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, delete, event, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from radiodesk.config import Settings
from radiodesk.errors import RadiodeskError
from radiodesk.models import (
    Appearance,
    Broadcast,
    Episode,
    LogEntry,
    Person,
    Recording,
    Show,
    Transcript,
)
from radiodesk.search import documents as docs
from radiodesk.search import schema, spelling
from radiodesk.search.documents import Doc, Rows, chunks
from radiodesk.search.schema import FTS_TABLE, search_doc
from radiodesk.search.tags import document_tags
from radiodesk.search.text import analyse

# Attributes whose change alters what is found. Relationships are listed too: assigning one
# changes the foreign key only during the flush.
_WATCHED: dict[type, tuple[str, ...]] = {
    Show: ("title",),
    Broadcast: ("title", "topic", "notes"),
    Appearance: ("person_id", "broadcast_id", "topic", "person", "broadcast"),
    Person: ("name", "honorific", "position", "institution", "merged_into_id"),
    LogEntry: (
        "text",
        "kind",
        "agency",
        "answer",
        "caller_location",
        "deleted",
        "at",
        "broadcast_id",
        "broadcast",
    ),
    Episode: (
        "title",
        "description",
        "show_id",
        "broadcast_id",
        "published_at",
        "publish_at",
        "show",
        "broadcast",
    ),
    Recording: (
        "transcript_path",
        "broadcast_id",
        "recorded_start",
        "title",
        "original_name",
        "broadcast",
    ),
    # Indexed as its recording's: a finished one, or another file in its place (an editor's).
    Transcript: ("path", "status", "sha256"),
}
# A change of these moves every document of the broadcast (programme, date).
_BROADCAST_WIDE = ("show_id", "planned_start", "actual_start", "show")
_SOURCES = {
    Show: "show",
    Broadcast: "broadcast",
    Appearance: "appearance",
    LogEntry: "log_entry",
    Episode: "episode",
    Recording: "recording",
}
BATCH_BROADCASTS = 2000
_AT = operator.itemgetter(Doc._fields.index("at"))


@dataclass
class Changes:
    """Ids of rows to re-index, by source table; ``broadcasts_all``: every document of the
    broadcast; ``gone_broadcasts``: deleted broadcasts."""

    ids: dict[str, set[int]] = field(default_factory=dict)
    people: set[int] = field(default_factory=set)
    broadcasts_all: set[int] = field(default_factory=set)
    gone_broadcasts: set[int] = field(default_factory=set)

    def add(self, source: str, row_id: int | None) -> None:
        if row_id is not None:
            self.ids.setdefault(source, set()).add(row_id)

    def __bool__(self) -> bool:
        return bool(
            any(self.ids.values()) or self.people or self.broadcasts_all or self.gone_broadcasts
        )


# --- where transcripts are -------------------------------------------------------------


def archive_dir_for(session: Session | None, conn: Connection) -> Path | None:
    """The archive folder of the database behind ``conn``, or None when it cannot be known.

    In order: ``session.info["settings"]`` (every session of a home's sessionmaker has it);
    for a migration (no session), the home of ``RADIODESK_HOME`` (or the current folder)
    when its database is this one; for SQLite, the database file's folder (the default
    ``archive/radiodesk.db``).
    """
    if session is not None:
        settings = session.info.get("settings")
        return settings.archive_dir if isinstance(settings, Settings) else None
    url = conn.engine.url
    from radiodesk.config import load_settings

    try:
        home = load_settings()
    except RadiodeskError:
        home = None
    if home is not None and make_url(home.database_url) == url:
        return home.archive_dir
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return Path(url.database).resolve().parent
    return None


# --- writing documents -----------------------------------------------------------------


def tsvector_text(stems: str, affixed: str) -> str:
    """The ``tsvector`` literal of analysed text: stems (weight A), then affixed words (B)."""
    positions: dict[str, list[str]] = {}
    roots = stems.split()
    for pos, lexeme in enumerate(roots, start=1):
        positions.setdefault(lexeme, []).append(f"{min(pos, 16383)}A")
    # Affixed words come after the stems with a gap, so no phrase spans the two.
    for pos, lexeme in enumerate(affixed.split(), start=len(roots) + 3):
        positions.setdefault(lexeme, []).append(f"{min(pos, 16383)}B")
    # PostgreSQL keeps at most 256 positions of a lexeme.
    return " ".join(
        "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "':" + ",".join(found[:255])
        for lexeme, found in positions.items()
    )


_COLUMNS = "id, source, source_id, seq, kind, broadcast_id, show_id, at, cue_start, title, text"
_SQLITE_INSERT = (
    f"INSERT INTO search_doc ({_COLUMNS}, stems, words, tags)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_FTS_INSERT = f"INSERT INTO {FTS_TABLE}(rowid, stems, words, tags) VALUES (?, ?, ?, ?)"
_FTS_DELETE = (
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, stems, words, tags) VALUES ('delete', ?, ?, ?, ?)"
)
_PG_INSERT = (
    f"INSERT INTO search_doc ({_COLUMNS}, tsv) VALUES (:id, :source, :source_id, :seq, :kind,"
    " :broadcast_id, :show_id, :at, :cue_start, :title, :text, CAST(:tsv AS tsvector))"
)
_PG_UPSERT = text(
    _PG_INSERT + " ON CONFLICT (source, source_id, seq) DO UPDATE SET kind = excluded.kind,"
    " broadcast_id = excluded.broadcast_id, show_id = excluded.show_id, at = excluded.at,"
    " cue_start = excluded.cue_start, title = excluded.title, text = excluded.text,"
    " tsv = excluded.tsv"
)


class Writer:
    """Writes documents with ids: the given ones (kept across re-indexing, so a document
    keeps its place in time) or new ones."""

    def __init__(self, conn: Connection, *, bulk: bool = False) -> None:
        self.conn = conn
        self.sqlite = conn.dialect.name == "sqlite"
        self.bulk = bulk
        self.written = 0
        self._next: int | None = None

    def _new_ids(self, count: int) -> list[int]:
        if count == 0:
            return []
        if not self.sqlite and not self.bulk:
            return list(
                self.conn.scalars(
                    text("SELECT nextval('search_doc_id_seq') FROM generate_series(1, :n)"),
                    {"n": count},
                )
            )
        if self._next is None:
            self._next = (self.conn.scalar(text("SELECT max(id) FROM search_doc")) or 0) + 1
        first = self._next
        self._next += count
        return list(range(first, first + count))

    def write(self, documents: Iterable[Doc], ids: dict[tuple[str, int, int], int]) -> None:
        batch = list(documents)
        if not batch:
            return
        fresh = iter(self._new_ids(sum(1 for d in batch if (d[0], d[1], d[2]) not in ids)))
        numbered = [(ids.get((d[0], d[1], d[2])) or next(fresh), *d) for d in batch]
        analysed = [(row[0], *analyse(row[-1])) for row in numbered]
        if not self.bulk:  # a rebuild reads its vocabulary from the index at the end
            spelling.add(
                self.conn,
                {w for _id, stems, affixed in analysed for w in f"{stems} {affixed}".split()},
            )
        if self.sqlite:
            indexed = [
                (*found, document_tags(doc.kind, doc.show_id, doc.broadcast_id, doc.at))
                for found, doc in zip(analysed, batch, strict=True)
            ]
            years = {(int(str(doc.at)[:4]),) for doc in batch if doc.at}
            if years:
                self.conn.exec_driver_sql(
                    "INSERT OR IGNORE INTO search_year VALUES (?)", list(years)
                )
            # The driver's own executemany: a rebuild writes a million rows.
            self.conn.exec_driver_sql(
                _SQLITE_INSERT,
                [(*row, *words[1:]) for row, words in zip(numbered, indexed, strict=True)],
            )
            if not self.bulk:  # a rebuild indexes everything at the end, at once
                self.conn.exec_driver_sql(_FTS_INSERT, indexed)
        else:
            names = ("id", *Doc._fields, "tsv")
            rows = [
                dict(zip(names, (*row, tsvector_text(stems, affixed)), strict=True))
                for row, (_id, stems, affixed) in zip(numbered, analysed, strict=True)
            ]
            self.conn.execute(text(_PG_INSERT) if self.bulk else _PG_UPSERT, rows)
        self.written += len(batch)

    def remove(self, doc_ids: Collection[int]) -> None:
        for part in chunks(doc_ids):
            if self.sqlite:
                # An external-content FTS5 index forgets a row given its indexed values.
                old = docs.read(
                    self.conn,
                    "SELECT d.id, d.stems, d.words, d.tags FROM search_doc d WHERE 1 = 1",
                    Rows("d.id", part),
                )
                if old:
                    self.conn.exec_driver_sql(_FTS_DELETE, old)
            self.conn.execute(delete(search_doc).where(search_doc.c.id.in_(part)))


# --- re-indexing what changed ----------------------------------------------------------


def _builders(conn: Connection, archive_dir: Path | None) -> dict[str, Any]:
    return {
        "show": lambda ids: docs.programme_docs(conn, Rows("s.id", ids)),
        "broadcast": lambda ids: docs.broadcast_docs(conn, Rows("b.id", ids)),
        "appearance": lambda ids: docs.appearance_docs(conn, Rows("a.id", ids)),
        "log_entry": lambda ids: docs.log_docs(conn, Rows("l.id", ids)),
        "episode": lambda ids: docs.episode_docs(conn, Rows("e.id", ids)),
        "recording": lambda ids: docs.transcript_docs(conn, archive_dir, Rows("r.id", ids)),
    }


def _ids_of(conn: Connection, column: Any, where: Any) -> set[int]:
    return set(conn.scalars(select(column).where(where)))


def apply(conn: Connection, changes: Changes, archive_dir: Path | None) -> None:
    """Re-index what ``changes`` names, on ``conn`` (inside the caller's transaction)."""
    ids = {source: set(found) for source, found in changes.ids.items()}
    wanted = ids.setdefault
    if changes.people:
        people = docs.people_merged_into(conn, changes.people)
        docs.refresh_people(conn, people)
        for part in chunks(people):
            wanted("appearance", set()).update(
                _ids_of(conn, Appearance.id, Appearance.person_id.in_(part))
            )
    writer = Writer(conn)
    for part in chunks(changes.gone_broadcasts):
        # Their recordings stay (unlinked): index them again without the broadcast.
        wanted("recording", set()).update(
            _ids_of(
                conn,
                search_doc.c.source_id,
                (search_doc.c.broadcast_id.in_(part)) & (search_doc.c.source == "recording"),
            )
        )
        writer.remove(_ids_of(conn, search_doc.c.id, search_doc.c.broadcast_id.in_(part)))
    for part in chunks(changes.broadcasts_all):
        wanted("broadcast", set()).update(part)
        for source, model in (
            ("appearance", Appearance),
            ("log_entry", LogEntry),
            ("episode", Episode),
            ("recording", Recording),
        ):
            wanted(source, set()).update(
                _ids_of(conn, model.id, model.broadcast_id.in_(part))  # type: ignore[attr-defined]
            )
    if archive_dir is None:
        # Transcripts cannot be read: keep their documents as they are.
        ids.pop("recording", None)
    builders = _builders(conn, archive_dir)
    for source, found in ids.items():
        for part in chunks(found):
            old = {
                (source, row.source_id, row.seq): row.id
                for row in conn.execute(
                    select(search_doc.c.id, search_doc.c.source_id, search_doc.c.seq).where(
                        search_doc.c.source == source, search_doc.c.source_id.in_(part)
                    )
                )
            }
            fresh = list(builders[source](part))
            keep = {(d.source, d.source_id, d.seq) for d in fresh}
            writer.remove([doc_id for key, doc_id in old.items() if key not in keep])
            if writer.sqlite:
                # FTS5 has no upsert: the documents are written again under the same ids.
                writer.remove([doc_id for key, doc_id in old.items() if key in keep])
            writer.write(fresh, old)


def _changed(obj: Any, names: tuple[str, ...]) -> bool:
    state = inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in names if name in state.attrs)


def collect(session: Session) -> Changes:
    """What the flush in progress added, changed or deleted that the index must follow."""
    changes = Changes()
    for obj, how in (
        *((o, "new") for o in session.new),
        *((o, "dirty") for o in session.dirty),
        *((o, "deleted") for o in session.deleted),
    ):
        kind = type(obj)
        watched = _WATCHED.get(kind)
        if watched is None:
            continue
        if kind is Broadcast and how == "deleted":
            changes.gone_broadcasts.add(obj.id)
            continue
        if kind is Broadcast and (how == "new" or _changed(obj, _BROADCAST_WIDE)):
            changes.broadcasts_all.add(obj.id)
            continue
        if how == "dirty" and not _changed(obj, watched):
            continue
        if kind is Person:
            changes.people.add(obj.id)
        elif kind is Transcript:
            changes.add("recording", obj.recording_id)
        else:
            changes.add(_SOURCES[kind], obj.id)
    return changes


def install(factory: sessionmaker[Session]) -> None:
    """Keep the index in step with every flush of ``factory``'s sessions (call once per
    sessionmaker). No ``event.contains`` check: SQLAlchemy's registry knows targets by id(),
    and a new sessionmaker may reuse the id of a collected one, which would skip it."""
    event.listen(factory, "after_flush", _after_flush)


def _after_flush(session: Session, _flush_context: Any) -> None:
    changes = collect(session)
    if not changes:
        return
    conn = session.connection()
    if not schema.exists(conn):
        return
    apply(conn, changes, archive_dir_for(session, conn))


# --- the whole index -------------------------------------------------------------------


def _in_time_order(batch: list[Doc]) -> list[Doc]:
    # Instants as stored: all text (SQLite) or all datetimes (PostgreSQL); None first.
    return sorted(batch, key=lambda d: (d.at is not None, d.at))


def _broadcast_batches(conn: Connection) -> Iterator[list[int]]:
    ordered = conn.scalars(select(Broadcast.id).order_by(Broadcast.planned_start, Broadcast.id))
    batch: list[int] = []
    for broadcast_id in ordered:
        batch.append(broadcast_id)
        if len(batch) == BATCH_BROADCASTS:
            yield batch
            batch = []
    if batch:
        yield batch


def rebuild(conn: Connection, archive_dir: Path | None) -> int:
    """Drop and build the whole index on ``conn``; returns the number of documents.

    Documents are numbered in time order (broadcast by broadcast), so that the most recent
    matches are the ones with the highest ids (see :mod:`radiodesk.search.service`).
    """
    schema.drop_all(conn)
    schema.create_tables(conn)
    docs.refresh_people(conn)
    writer = Writer(conn, bulk=True)
    unattached = [
        *docs.programme_docs(conn),
        *docs.episode_docs(conn, Rows("e.broadcast_id", null=True)),
        *docs.transcript_docs(conn, archive_dir, Rows("r.broadcast_id", null=True)),
    ]
    writer.write(_in_time_order(unattached), {})
    # Read the broadcast ids first: SQLite cannot stream a query while writing on its
    # connection to tables the query does not read, in every driver.
    for batch in list(_broadcast_batches(conn)):
        found = [
            *docs.broadcast_docs(conn, Rows("b.id", batch)),
            *docs.appearance_docs(conn, Rows("a.broadcast_id", batch)),
            *docs.log_docs(conn, Rows("l.broadcast_id", batch)),
            *docs.episode_docs(conn, Rows("e.broadcast_id", batch)),
            *docs.transcript_docs(conn, archive_dir, Rows("r.broadcast_id", batch)),
        ]
        # Every document of a broadcast has an instant: sort on it directly.
        found.sort(key=_AT)
        writer.write(found, {})
    schema.create_indexes(conn)
    return writer.written
