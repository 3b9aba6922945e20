"""Queries typed by staff, parsed safely into SQLite FTS5 and PostgreSQL tsquery expressions.

The language is small and forgiving:

- words are all required (AND): ``rumah sakit`` finds documents with both;
- ``"rumah sakit daerah"`` is a phrase; a quote left open runs to the end of the query;
- ``pelay*`` is a prefix (of at least :data:`MIN_PREFIX` letters);
- ``banjir OR longsor`` accepts either; ``AND`` is allowed and changes nothing;
- ``-longsor`` or ``NOT longsor`` leaves out documents with that word.

Every other character (``: ^ ( ) + ~`` …) only separates words, and ``NEAR`` is an ordinary
word: nothing a person types reaches the database as syntax, because the expressions are
built from analysed words only (letters and digits), each quoted. A query is cut to
:data:`MAX_WORDS` words, with a notice saying so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from radiodesk.errors import InputError
from radiodesk.i18n import _
from radiodesk.search.text import stem, words

MAX_WORDS = 64
MIN_PREFIX = 3
# Characters that may stand for a quote: straight and typographic.
_QUOTES = '"“”„«»'
# A quote (with the minus signs right before it) or a run of other characters.
_CHUNK_RE = re.compile(rf"-*[{_QUOTES}]|[^\s{_QUOTES}]+")


@dataclass(frozen=True)
class Term:
    """One word or phrase of a query: folded words, their stems, whether the last word is a
    prefix, and whether it was quoted (taken exactly as typed: no short forms expanded)."""

    words: tuple[str, ...]
    stems: tuple[str, ...]
    prefix: bool = False
    quoted: bool = False

    @property
    def tokens(self) -> tuple[str, ...]:
        """What is looked up in the index: stems, except a prefix's last word as typed."""
        if self.prefix:
            return (*self.stems[:-1], self.words[-1])
        return self.stems


@dataclass(frozen=True)
class ParsedQuery:
    """All ``groups`` must match (each group: any of its terms); no ``excluded`` term may."""

    groups: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...]
    truncated: bool = False

    @property
    def terms(self) -> tuple[Term, ...]:
        return tuple(term for group in self.groups for term in group)


def _make_term(text: str, prefix: bool, budget: int, quoted: bool) -> Term | None:
    found = words(text)[:budget]
    if not found:
        return None
    if prefix and len(found[-1]) < MIN_PREFIX:
        # "a*" would expand to half the vocabulary: take it as a whole word.
        prefix = False
    stems = tuple(stem(w) for w in found)
    return Term(words=tuple(found), stems=stems, prefix=prefix, quoted=quoted)


def parse(query: str) -> ParsedQuery:
    """Parse ``query``; raises :class:`InputError` when nothing is left to search for."""
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    used = 0
    truncated = False
    join_next = False  # an OR was seen: the next term joins the previous group
    negate_next = False  # a NOT was seen: the next term is left out
    chunks = _CHUNK_RE.findall(query)
    i = 0
    while i < len(chunks):
        chunk = chunks[i]
        i += 1
        negate = negate_next
        prefix = False
        quoted = chunk[-1] in _QUOTES
        if quoted:
            # A phrase runs to the next quote, or to the end when the quote is left open.
            negate = negate or chunk.startswith("-")
            parts: list[str] = []
            while i < len(chunks) and chunks[i][-1] not in _QUOTES:
                parts.append(chunks[i])
                i += 1
            i += 1  # the closing quote, if any
            text = " ".join(parts)
            prefix = text.endswith("*")
            if i < len(chunks) and chunks[i].startswith("*") and not chunks[i].strip("*"):
                prefix = True
                i += 1
        elif chunk == "OR":
            join_next = bool(groups)
            continue
        elif chunk == "AND":
            continue
        elif chunk == "NOT":
            negate_next = True
            continue
        else:
            text = chunk
            if text.startswith("-") and words(text):
                negate = True
                text = text.lstrip("-")
            prefix = text.endswith("*")
        negate_next = False
        budget = MAX_WORDS - used
        term = _make_term(text, prefix, budget, quoted) if budget else None
        if term is None:
            if budget == 0 and words(text):
                truncated = True
                break
            continue
        used += len(term.words)
        if len(term.words) == budget and len(words(text)) > budget:
            truncated = True
        if negate:
            if term not in excluded:
                excluded.append(term)
            join_next = False
        elif join_next and groups:
            if term not in groups[-1]:
                groups[-1].append(term)
            join_next = False
        elif [term] not in groups:
            groups.append([term])
    if not groups:
        if excluded:
            raise InputError(
                _("Say what to look for: a query of only left-out words ('-word') finds nothing.")
            )
        raise InputError(_("Type at least one word to search for."))
    return ParsedQuery(
        groups=tuple(tuple(g) for g in groups), excluded=tuple(excluded), truncated=truncated
    )


def _affixed(term: Term) -> list[str]:
    """The words of ``term`` as written that differ from their stems (the index keeps
    those in its ``words`` column, or with weight B on PostgreSQL)."""
    return [w for w, s in zip(term.words, term.stems, strict=True) if w != s]


def _fts5_term(term: Term, surface: bool = False) -> str:
    # Tokens are letters and digits only, so quoting them cannot be escaped from.
    phrase = '"' + " ".join(term.tokens) + '"'
    if term.prefix:
        return phrase + " *"
    affixed = _affixed(term) if surface else []
    if not affixed:
        return phrase
    if len(term.words) == 1:
        return f'words : "{affixed[0]}"'
    written = " AND ".join(f'words : "{word}"' for word in affixed)
    return f"(stems : {phrase} AND {written})"


def _fts5_group(group: tuple[Term, ...], surface: bool) -> str:
    inner = " OR ".join(_fts5_term(t, surface) for t in group)
    return f"({inner})" if len(group) > 1 else inner


def to_fts5(query: ParsedQuery, surface: bool = False) -> str:
    """The SQLite FTS5 MATCH expression of ``query``; with ``surface``, affixed words must
    be found as written ("keterbukaan", not any word of the stem "buka")."""
    expression = " AND ".join(_fts5_group(g, surface) for g in query.groups)
    if query.excluded:
        left_out = " OR ".join(_fts5_term(t) for t in query.excluded)
        expression = f"({expression}) NOT ({left_out})"
    return expression


def _ts_term(term: Term, surface: bool = False) -> str:
    tokens = [f"'{token}'" for token in term.tokens]
    if term.prefix:
        tokens[-1] += ":*"
    inner = " <-> ".join(tokens)
    phrase = f"({inner})" if len(tokens) > 1 else inner
    affixed = _affixed(term) if surface and not term.prefix else []
    if not affixed:
        return phrase
    written = " & ".join(f"'{word}':B" for word in affixed)
    return written if len(term.words) == 1 else f"({phrase} & {written})"


def to_tsquery(query: ParsedQuery, surface: bool = False) -> str:
    """The PostgreSQL tsquery text of ``query`` (cast with ``::tsquery``, no parser); with
    ``surface`` as :func:`to_fts5`."""
    parts = []
    for group in query.groups:
        inner = " | ".join(_ts_term(t, surface) for t in group)
        parts.append(f"({inner})" if len(group) > 1 else inner)
    expression = " & ".join(parts)
    if query.excluded:
        left_out = " | ".join(_ts_term(t) for t in query.excluded)
        expression = f"({expression}) & !({left_out})"
    return expression
