"""Short forms and loanwords, both ways: "kadis" finds "kepala dinas" and the reverse.

The shipped list (``abbreviations.toml`` beside this module) holds the abbreviations of
Indonesian local government and the English loanwords of its news; a station adds its own in
its ``radiodesk.toml``, in tables of the same shape (``[abbreviations]``, ``[loanwords]``), and
every agency of its list (``[[agency]]``, :mod:`radiodesk.agencies`) is found by any of its
names. Each entry is a set of equivalent forms; sets sharing a form are merged. They are applied to the parsed query (no rebuild of
the index): a run of the query's words that is one of the forms becomes a group matching
any form of its set, the words as typed first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from radiodesk.agencies import agencies_in
from radiodesk.config import SETTINGS_FILE, read_toml
from radiodesk.errors import ConfigError
from radiodesk.i18n import _
from radiodesk.search.query import ParsedQuery, Term
from radiodesk.search.text import stem, words

SHIPPED = Path(__file__).with_name("abbreviations.toml")
TABLES = ("abbreviations", "loanwords")

Form = tuple[str, ...]
Equivalents = dict[Form, frozenset[Form]]


def _entries(path: Path, parsed: dict[str, Any]) -> list[set[Form]]:
    found: list[set[Form]] = []
    for table in TABLES:
        entries = parsed.get(table, {})
        if not isinstance(entries, dict):
            raise ConfigError(
                _("{file}: [{table}] must be a table.").format(file=path, table=table)
            )
        for key, value in entries.items():
            forms = [value] if isinstance(value, str) else value
            if not isinstance(forms, list) or not all(isinstance(f, str) for f in forms):
                raise ConfigError(
                    _("{file}: {key}: expected a list of words.").format(file=path, key=key)
                )
            folded = {tuple(words(form)) for form in (key, *forms)} - {()}
            if len(folded) > 1:
                found.append(folded)
    return found


def load(home: Path | None) -> Equivalents:
    """The shipped forms, the station's own (``home/radiodesk.toml``) and the names of each of
    its agencies, as: each form -> every form equivalent to it (itself included). Read at
    every search, so a station's edit counts at once; a mistake raises ConfigError."""
    sets = _entries(SHIPPED, read_toml(SHIPPED))
    own = home / SETTINGS_FILE if home is not None else None
    if own is not None and own.is_file():
        parsed = read_toml(own)
        sets += _entries(own, parsed)
        for agency in agencies_in(own, parsed).agencies:
            names = {tuple(words(name)) for name in agency.names} - {()}
            if len(names) > 1:
                sets.append(names)
    merged: dict[Form, set[Form]] = {}
    for forms in sets:
        joined = set(forms)
        for form in forms:
            joined |= merged.get(form, set())
        for form in joined:
            merged[form] = joined
    return {form: frozenset(found) for form, found in merged.items()}


def _term(form: Form) -> Term:
    return Term(words=form, stems=tuple(stem(w) for w in form))


def _plain(group: tuple[Term, ...]) -> Form | None:
    """The words of a group that is one typed word (no OR, no prefix, no quotes)."""
    if len(group) == 1 and not group[0].prefix and not group[0].quoted:
        return group[0].words
    return None


def expand(query: ParsedQuery, equivalents: Equivalents) -> ParsedQuery:
    """``query`` with each longest run of words that is a known form (a word, or several
    typed one after the other) matching any of its equivalent forms."""
    if not equivalents:
        return query
    longest = max(len(form) for form in equivalents)
    groups = list(query.groups)
    out: list[tuple[Term, ...]] = []
    i = 0
    while i < len(groups):
        run: list[str] = []
        found: tuple[int, Form] | None = None
        for j in range(i, len(groups)):
            plain = _plain(groups[j])
            if plain is None or len(run) + len(plain) > longest:
                break
            run += plain
            if tuple(run) in equivalents:
                found = (j + 1, tuple(run))
        if found is None:
            out.append(groups[i])
            i += 1
            continue
        end, typed = found
        others = sorted(equivalents[typed] - {typed})
        out.append((_term(typed), *(_term(form) for form in others)))
        i = end
    return ParsedQuery(groups=tuple(out), excluded=query.excluded, truncated=query.truncated)
