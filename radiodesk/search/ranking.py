"""Relevance on SQLite: BM25 over the most recent matches, computed here.

FTS5's own ``bm25()`` first counts, for every query term, the documents that contain it,
by reading the term's whole list: 10-20 ms for a word such as "dinas" found in half a
million log entries, at every search. Here those counts come from a per-process cache
(refreshed every :data:`DF_TTL` seconds, exact enough for weighting), and the term
frequencies from the analysed text of the candidates FTS5 returns.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Sequence

from sqlalchemy import Connection

from radiodesk.search.query import ParsedQuery, Term
from radiodesk.search.schema import FTS_TABLE

K1 = 1.2
B = 0.75
AFFIXED_WEIGHT = 0.5  # a prefix matching an affixed surface word counts half
DF_TTL = 600.0
MAX_CACHED = 50_000

_lock = threading.Lock()
_df: dict[tuple[str, str, bool], tuple[int, float]] = {}


def document_frequency(conn: Connection, token: str, prefix: bool) -> int:
    """How many documents contain ``token`` (or a word starting with it), cached."""
    key = (str(conn.engine.url), token, prefix)
    now = time.monotonic()
    with _lock:
        cached = _df.get(key)
    if cached is not None and now - cached[1] < DF_TTL:
        return cached[0]
    # The fts5vocab table reads the term's list once; the result is kept for DF_TTL.
    conn.exec_driver_sql(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocab USING fts5vocab(main, '{FTS_TABLE}', 'row')"
    )
    if prefix:
        found = conn.exec_driver_sql(
            "SELECT coalesce(sum(doc), 0) FROM temp.search_vocab WHERE term >= ? AND term < ?",
            (token, token + "\U0010ffff"),
        ).scalar()
    else:
        found = conn.exec_driver_sql(
            "SELECT coalesce(sum(doc), 0) FROM temp.search_vocab WHERE term = ?", (token,)
        ).scalar()
    with _lock:
        if len(_df) >= MAX_CACHED:
            _df.clear()
        _df[key] = (int(found or 0), now)
    return int(found or 0)


class Scorer:
    """BM25 of analysed documents (``stems``, ``words`` text) for one parsed query."""

    def __init__(self, conn: Connection, query: ParsedQuery, total: int) -> None:
        self.terms: list[tuple[Term, float]] = []
        for term in query.terms:
            # A phrase is as rare as its rarest word (and never rarer).
            frequencies = [
                document_frequency(conn, token, term.prefix and i == len(term.tokens) - 1)
                for i, token in enumerate(term.tokens)
            ]
            df = min(frequencies) if frequencies else 0
            idf = math.log(1 + (total - df + 0.5) / (df + 0.5))
            self.terms.append((term, idf))

    def score(self, documents: Sequence[tuple[str, str]]) -> list[float]:
        """Scores of ``documents`` given as (stems, affixed words) text; higher is better."""
        analysed = [(stems.split(), affixed.split()) for stems, affixed in documents]
        average = sum(len(s) for s, _w in analysed) / len(analysed) if analysed else 1.0
        scale = K1 * B / (average or 1.0)
        base = K1 * (1 - B)
        simple = [
            (term.tokens[0], idf)
            for term, idf in self.terms
            if len(term.tokens) == 1 and not term.prefix
        ]
        other = [(term, idf) for term, idf in self.terms if len(term.tokens) > 1 or term.prefix]
        scores = []
        for stems, affixed in analysed:
            norm = base + scale * len(stems)
            total = 0.0
            for token, idf in simple:
                tf = stems.count(token)
                if tf:
                    total += idf * tf * (K1 + 1) / (tf + norm)
            for term, idf in other:
                freq = self._frequency(term, stems, affixed)
                if freq:
                    total += idf * freq * (K1 + 1) / (freq + norm)
            scores.append(total)
        return scores

    @staticmethod
    def _frequency(term: Term, stems: list[str], affixed: list[str]) -> float:
        tokens = term.tokens
        if term.prefix:
            last = tokens[-1]
            tf: float = sum(1 for s in stems if s.startswith(last))
            tf += AFFIXED_WEIGHT * sum(1 for w in affixed if w.startswith(last))
            others = [stems.count(t) for t in tokens[:-1]]
            return min([tf, *others]) if others else tf
        return min(stems.count(t) for t in tokens)
