"""Misspellings: a typed word that matches nothing is replaced by the nearest known word.

The index keeps its vocabulary (every stem and every affixed word as written) in
``search_word``, with a trigram index: on SQLite an FTS5 table with the ``trigram``
tokenizer (filled by a trigger), on PostgreSQL a GIN index with ``pg_trgm``. The nearest
word is the one sharing the largest part of its trigrams (:func:`similarity`, pg_trgm's own
measure), at least :data:`MIN_SIMILARITY` (pg_trgm proposes from 0.3: "penyiar" is not
"penyuluh").

Only single typed words are corrected: not quoted phrases, prefixes, words of an OR, short
forms that :mod:`radiodesk.search.abbreviations` expanded, nor words shorter than
:data:`MIN_LENGTH`. A query with a corrected word matched nothing as typed, so an exact match
always comes before a corrected one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import Connection, bindparam, text

from radiodesk.search.query import ParsedQuery, Term
from radiodesk.search.text import stem

MIN_SIMILARITY = 0.45
MIN_LENGTH = 4
# Words the trigram index proposes before they are measured here (SQLite).
CANDIDATES = 200
_WORD_RE = re.compile(r"[a-z]{3,30}")


def _pg_trgm_schema(conn: Connection) -> str | None:
    """The schema holding pg_trgm, or None when the extension is not installed."""
    return conn.exec_driver_sql(
        "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
        " WHERE e.extname = 'pg_trgm'"
    ).scalar()


def create(conn: Connection) -> None:
    """Create the vocabulary and its trigram index, if they are not there yet."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("CREATE TABLE IF NOT EXISTS search_word (word TEXT PRIMARY KEY)")
        conn.exec_driver_sql(
            "CREATE VIRTUAL TABLE IF NOT EXISTS search_word_trigram USING fts5(word,"
            " content='search_word', tokenize='trigram')"
        )
        conn.exec_driver_sql(
            "CREATE TRIGGER IF NOT EXISTS search_word_added AFTER INSERT ON search_word BEGIN"
            " INSERT INTO search_word_trigram(rowid, word) VALUES (new.rowid, new.word); END"
        )
        return
    conn.exec_driver_sql("CREATE TABLE IF NOT EXISTS search_word (word text PRIMARY KEY)")
    if _pg_trgm_schema(conn) is None:
        # A trusted extension: any user who may create in the database can add it. Without
        # it, words are still searched, only not corrected. It goes into the database's
        # common schema "public" where there is one, not the first of this search_path: a
        # schema dropped later would take the extension, and with it the index of every
        # other schema using it (on a shared server, a deadlock with their searches).
        public = conn.exec_driver_sql(
            "SELECT 1 FROM pg_namespace WHERE nspname = 'public'"
        ).scalar()
        try:
            with conn.begin_nested():
                conn.exec_driver_sql(
                    "CREATE EXTENSION IF NOT EXISTS pg_trgm" + (" SCHEMA public" if public else "")
                )
        except Exception:  # noqa: BLE001 - no right to add it (or added at this moment)
            pass
    found = _pg_trgm_schema(conn)
    if found is None:
        return
    conn.exec_driver_sql(
        "CREATE INDEX IF NOT EXISTS ix_search_word_trgm ON search_word"
        f' USING gin (word "{found}".gin_trgm_ops)'
    )


def drop(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS search_word_added")
        conn.exec_driver_sql("DROP TABLE IF EXISTS search_word_trigram")
    conn.exec_driver_sql("DROP TABLE IF EXISTS search_word")


def fill_from_index(conn: Connection) -> None:
    """Add every word of the full-text index to the vocabulary (after a rebuild)."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocab"
            " USING fts5vocab(main, 'search_fts', 'row')"
        )
        terms = conn.exec_driver_sql("SELECT term FROM temp.search_vocab").scalars()
    else:
        terms = conn.exec_driver_sql(
            "SELECT word FROM ts_stat('SELECT tsv FROM search_doc')"
        ).scalars()
    add(conn, terms)


def add(conn: Connection, tokens: Iterable[str]) -> None:
    """Note ``tokens`` (analysed words) as known; tags, numbers and codes are left out."""
    found = sorted({t for t in tokens if _WORD_RE.fullmatch(t)})
    if not found:
        return
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(
            "INSERT OR IGNORE INTO search_word(word) VALUES (?)", [(w,) for w in found]
        )
    else:
        conn.execute(
            text(
                "INSERT INTO search_word(word) SELECT unnest(CAST(:words AS text[]))"
                " ON CONFLICT DO NOTHING"
            ),
            {"words": found},
        )


def _trigrams(word: str) -> set[str]:
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(one: str, other: str) -> float:
    """pg_trgm's similarity: shared trigrams over all trigrams of the two words."""
    a, b = _trigrams(one), _trigrams(other)
    return len(a & b) / len(a | b)


def _known(conn: Connection, words: list[str]) -> set[str]:
    """Those of ``words`` the index knows, as written or by their stem (one query)."""
    if not words:
        return set()
    forms = sorted({w for word in words for w in (word, stem(word))})
    found = set(
        conn.execute(
            text("SELECT word FROM search_word WHERE word IN :forms").bindparams(
                bindparam("forms", expanding=True)
            ),
            {"forms": forms},
        ).scalars()
    )
    return {word for word in words if word in found or stem(word) in found}


def _candidates(conn: Connection, word: str) -> list[str]:
    if conn.dialect.name == "sqlite":
        # Trigrams without the padding: FTS5 matches each as a piece of a word.
        grams = sorted({word[i : i + 3] for i in range(len(word) - 2)})
        expression = " OR ".join(f'"{g}"' for g in grams)
        return list(
            conn.exec_driver_sql(
                "SELECT word FROM search_word_trigram WHERE search_word_trigram MATCH ?"
                " ORDER BY rank LIMIT ?",
                (expression, CANDIDATES),
            ).scalars()
        )
    schema = _pg_trgm_schema(conn)
    if schema is None:
        return []
    return list(
        conn.execute(
            text(
                f'SELECT word FROM search_word WHERE word OPERATOR("{schema}".%) :word'
                f' ORDER BY "{schema}".similarity(word, :word) DESC, word LIMIT 20'
            ),
            {"word": word},
        ).scalars()
    )


def nearest(conn: Connection, word: str) -> str | None:
    """The known word most like ``word`` (at least :data:`MIN_SIMILARITY`), or None."""
    scored = [(similarity(word, c), -abs(len(c) - len(word)), c) for c in _candidates(conn, word)]
    # Most alike first, then the closest in length, then alphabetical (the same answer on
    # both databases).
    best = min(((-s, -d, c) for s, d, c in scored if s >= MIN_SIMILARITY), default=None)
    return best[2] if best else None


def _correctable(group: tuple[Term, ...]) -> str | None:
    """The one plain word of a group that may be corrected, else None."""
    term = group[0]
    word = term.words[0]
    if (
        len(group) == 1
        and len(term.words) == 1
        and not term.prefix
        and not term.quoted
        and len(word) >= MIN_LENGTH
        and _WORD_RE.fullmatch(word)
    ):
        return word
    return None


def correct(conn: Connection, query: ParsedQuery) -> tuple[ParsedQuery, bool]:
    """``query`` with each single word that matches nothing replaced by the nearest known
    word; and whether any was replaced."""
    singles = [_correctable(group) for group in query.groups]
    known = _known(conn, [word for word in singles if word is not None])
    groups = []
    changed = False
    for group, word in zip(query.groups, singles, strict=True):
        if word is not None and word not in known:
            better = nearest(conn, word)
            if better is not None:
                group = (Term(words=(better,), stems=(stem(better),)),)
                changed = True
        groups.append(group)
    return ParsedQuery(tuple(groups), query.excluded, query.truncated), changed


def shown(query: ParsedQuery) -> str:
    """The query as searched, for "showing results for …": each group's first words."""
    parts = [" ".join(group[0].words) for group in query.groups]
    parts += ["-" + " ".join(term.words) for term in query.excluded]
    return " ".join(parts)
