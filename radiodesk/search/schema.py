"""The tables of the search index, for SQLite and PostgreSQL.

``search_doc`` holds one row per searchable document (a log entry, a broadcast, an
appearance, a transcript cue …): what it is, where it belongs, when, and its original text
for snippets. The words themselves are indexed

- on SQLite in the FTS5 table ``search_fts``, an index of ``search_doc``'s columns
  ``stems`` and ``words`` (pre-analysed text, see :mod:`radiodesk.search.text`) and
  ``tags`` (the document's kind and programme, for filtering); the ``ascii`` tokenizer only
  splits at the spaces we put there;
- on PostgreSQL in ``search_doc.tsv``, a ``tsvector`` written by us (stems weight A,
  affixed words weight B) with a GIN index.

``search_person`` maps every person to the one they were merged into (or themselves), with
folded name and institution for the ``--person`` and ``--institution`` filters.

These tables are not models of the domain: they live in their own ``MetaData`` and are
created by migration 0002 and by ``radiodesk search --rebuild``.
"""

from __future__ import annotations

import weakref

from sqlalchemy import Column, Connection, Engine, Float, Integer, MetaData, String, Table, Text

from radiodesk.models import UTCDateTime
from radiodesk.search import spelling

SEARCH_METADATA = MetaData()

search_doc = Table(
    "search_doc",
    SEARCH_METADATA,
    Column("id", Integer, primary_key=True, autoincrement=False),
    # The row a document comes from: table name, id, and a sequence for several documents
    # of one row (the cues of a transcript).
    Column("source", String(12), nullable=False),
    Column("source_id", Integer, nullable=False),
    Column("seq", Integer, nullable=False, default=0),
    # programme, broadcast, person, episode, transcript, or the log entry's own kind.
    Column("kind", String(16), nullable=False),
    Column("broadcast_id", Integer),
    Column("show_id", Integer),
    Column("at", UTCDateTime),
    # Seconds into the recording (transcript cues).
    Column("cue_start", Float),
    Column("title", String(500), nullable=False, default=""),
    Column("text", Text, nullable=False, default=""),
)

search_person = Table(
    "search_person",
    SEARCH_METADATA,
    Column("person_id", Integer, primary_key=True, autoincrement=False),
    Column("canonical_id", Integer, nullable=False),
    Column("display", String(300), nullable=False),
    Column("position", String(300), nullable=False),
    Column("institution", String(300), nullable=False),
    Column("name_key", String(300), nullable=False),
    Column("institution_key", String(300), nullable=False),
)

# Created after the tables are filled (see create_indexes), hence plain DDL.
_INDEXES = (
    "CREATE UNIQUE INDEX uq_search_doc_key ON search_doc (source, source_id, seq)",
    "CREATE INDEX ix_search_doc_broadcast_id ON search_doc (broadcast_id)",
    "CREATE INDEX ix_search_person_canonical_id ON search_person (canonical_id)",
)

FTS_TABLE = "search_fts"


def create_tables(conn: Connection) -> None:
    """Create the index tables, empty and without their secondary indexes (faster to fill)."""
    search_doc.create(conn)
    search_person.create(conn)
    spelling.create(conn)
    if conn.dialect.name == "sqlite":
        # The analysed text lives in search_doc; search_fts indexes it (external content),
        # so it is stored once and read with the document's other columns.
        for column in ("stems", "words", "tags"):
            conn.exec_driver_sql(
                f"ALTER TABLE search_doc ADD COLUMN {column} TEXT NOT NULL DEFAULT ''"
            )
        # The years that have documents, for date filters by tag (see candidates.py).
        conn.exec_driver_sql("CREATE TABLE search_year (year INTEGER PRIMARY KEY)")
        # Words are separated by spaces already; "_" only occurs in tags (_kquestion).
        conn.exec_driver_sql(
            f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(stems, words, tags,"
            " content='search_doc', content_rowid='id', tokenize=\"ascii tokenchars '_'\")"
        )
    else:
        conn.exec_driver_sql("ALTER TABLE search_doc ADD COLUMN tsv tsvector")
        conn.exec_driver_sql("CREATE SEQUENCE search_doc_id_seq OWNED BY search_doc.id")


def create_indexes(conn: Connection) -> None:
    """Index what the tables were filled with (the full-text index too, on SQLite)."""
    for statement in _INDEXES:
        conn.exec_driver_sql(statement)
    if conn.dialect.name == "sqlite":
        # FTS5 reads search_doc and builds its index in one pass, faster than row by row.
        conn.exec_driver_sql(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
    else:
        conn.exec_driver_sql("CREATE INDEX ix_search_doc_tsv ON search_doc USING gin (tsv)")
        conn.exec_driver_sql(
            "SELECT setval('search_doc_id_seq', (SELECT coalesce(max(id), 0) + 1 FROM search_doc),"
            " false)"
        )
        conn.exec_driver_sql("ANALYZE search_doc")
    spelling.fill_from_index(conn)


def drop_all(conn: Connection) -> None:
    """Remove the index tables (the sequence and the indexes go with them)."""
    _known.pop(conn.engine, None)
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {FTS_TABLE}")
        conn.exec_driver_sql("DROP TABLE IF EXISTS search_year")
    conn.exec_driver_sql("DROP TABLE IF EXISTS search_doc")
    conn.exec_driver_sql("DROP TABLE IF EXISTS search_person")
    spelling.drop(conn)


# Engines whose database is known to have the index: the ORM listener asks at every flush.
_known: weakref.WeakKeyDictionary[Engine, bool] = weakref.WeakKeyDictionary()


def exists(conn: Connection) -> bool:
    """Whether this database has the index (migration 0002 has run)."""
    if _known.get(conn.engine):
        return True
    if conn.dialect.name == "sqlite":
        found = conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (FTS_TABLE,)
        ).first()
    else:
        found = conn.exec_driver_sql("SELECT to_regclass('search_doc')").scalar()
    if found:
        _known[conn.engine] = True
    return bool(found)
