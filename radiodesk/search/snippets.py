"""Snippets: the part of a document around the words that matched, with their spans."""

from __future__ import annotations

from radiodesk.search.query import ParsedQuery
from radiodesk.search.text import stem, word_spans

SNIPPET_CHARS = 160
_LEAD = 40  # characters shown before the first match
ELLIPSIS = "…"


def _matcher(query: ParsedQuery):  # type: ignore[no-untyped-def]
    exact: set[str] = set()
    prefixes: set[str] = set()
    for term in query.terms:
        if term.prefix:
            exact.update(term.stems[:-1])
            prefixes.add(term.words[-1])
        else:
            exact.update(term.stems)

    def matches(folded: list[str]) -> bool:
        for word in folded:
            root = stem(word)
            if root in exact:
                return True
            if any(word.startswith(p) or root.startswith(p) for p in prefixes):
                return True
        return False

    return matches


def highlight(text: str, query: ParsedQuery) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A snippet of ``text`` (about :data:`SNIPPET_CHARS` characters, whitespace collapsed)
    around the first word that matches ``query``, and the (start, end) character spans of
    the matching words in the snippet."""
    flat = " ".join(text.split())
    matches = _matcher(query)
    spans = [(start, end) for start, end, folded in word_spans(flat) if matches(folded)]
    begin = 0
    if spans and spans[0][0] > _LEAD and len(flat) > SNIPPET_CHARS:
        begin = flat.find(" ", spans[0][0] - _LEAD, spans[0][0]) + 1 or spans[0][0] - _LEAD
    finish = min(len(flat), begin + SNIPPET_CHARS)
    if finish < len(flat):
        space = flat.rfind(" ", begin, finish)
        if space > begin + SNIPPET_CHARS // 2:
            finish = space
    piece = flat[begin:finish]
    shift = 0
    if begin > 0:
        piece = ELLIPSIS + piece
        shift = len(ELLIPSIS)
    if finish < len(flat):
        piece += ELLIPSIS
    kept = tuple(
        (start - begin + shift, end - begin + shift)
        for start, end in spans
        if start >= begin and end <= finish
    )
    return piece, kept


def mark(
    snippet: str, spans: tuple[tuple[int, int], ...], left: str = "[", right: str = "]"
) -> str:
    """``snippet`` with each span wrapped in ``left``/``right``."""
    out = []
    last = 0
    for start, end in spans:
        out.append(snippet[last:start])
        out.append(f"{left}{snippet[start:end]}{right}")
        last = end
    out.append(snippet[last:])
    return "".join(out)
