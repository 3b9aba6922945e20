"""The search job: staff search the archive by words, programme, person, date.

Everything said or written about a broadcast is searchable — programme titles, broadcast
topics and notes, the people who appeared (name, position, institution), the live log with
listeners' questions and complaints, episode titles and descriptions, and transcripts —
through a full-text index (SQLite FTS5, PostgreSQL tsvector) that the ORM keeps in step with
the data in the same transaction (:mod:`radiodesk.search.index`, installed on each home's
sessionmaker). Words are folded and stemmed for Indonesian ("wawancara" finds
"diwawancarai"), words as written rank first; short forms and loanwords are read both ways
(:mod:`radiodesk.search.abbreviations`); a word that matches nothing is searched as the
nearest known one (:mod:`radiodesk.search.spelling`); filters alone list broadcasts
(:mod:`radiodesk.search.filters`).

Use :func:`search` (from the CLI, or from a desk worker thread with its own session) and
:func:`rebuild_index`; results are frozen dataclasses.
"""

from radiodesk.search.service import (
    DOC_KINDS,
    KINDS,
    RebuildReport,
    SearchFilters,
    SearchHit,
    SearchPage,
    Speaker,
    clock_text,
    rebuild_index,
    search,
)
from radiodesk.search.snippets import mark

__all__ = [
    "DOC_KINDS",
    "KINDS",
    "RebuildReport",
    "SearchFilters",
    "SearchHit",
    "SearchPage",
    "Speaker",
    "clock_text",
    "mark",
    "rebuild_index",
    "search",
]
