"""Tags: words in the SQLite index's ``tags`` column that let FTS5 do the filtering.

A filter that keeps few documents (one rare kind, one guest's broadcasts, a year long ago)
is slow as a check on every match, newest first, until enough pass; as one more word
ANDed into the full-text query, FTS5 skips straight to the documents that have it.
Tags start with ``_``, which never occurs in an analysed word, so nothing typed finds them.
"""

from __future__ import annotations

from typing import Any

from radiodesk.models import LISTENER_KINDS, LogKind

# Kinds often asked for together carry a tag of their group too: one tag is much cheaper
# to intersect than several joined with OR.
KIND_GROUPS = {"log": frozenset(LogKind), "listener": frozenset(LISTENER_KINDS)}


def kind_tag(kind: str) -> str:
    return f"_k{kind}"


def show_tag(show_id: int) -> str:
    return f"_s{show_id}"


def broadcast_tag(broadcast_id: int) -> str:
    return f"_b{broadcast_id}"


def year_tag(year: int) -> str:
    return f"_y{year}"


def month_tag(year: int, month: int) -> str:
    return f"_m{year}{month:02d}"


def _kind_tags(kind: str) -> list[str]:
    return [kind_tag(kind), *(kind_tag(g) for g, kinds in KIND_GROUPS.items() if kind in kinds)]


def document_tags(kind: str, show_id: int | None, broadcast_id: int | None, at: Any) -> str:
    """The tags of a document. ``at`` is the instant as SQLite stores it (UTC text)."""
    found = _kind_tags(kind)
    if show_id is not None:
        found.append(show_tag(show_id))
    if broadcast_id is not None:
        found.append(broadcast_tag(broadcast_id))
    if at:
        stamp = str(at)  # "2026-11-23 00:10:00.000000"
        year, month = int(stamp[:4]), int(stamp[5:7])
        found += [year_tag(year), month_tag(year, month)]
    return " ".join(found)


def either(tags: list[str]) -> str:
    """An FTS5 expression matching any of ``tags``."""
    return "(" + " OR ".join(f'"{tag}"' for tag in tags) + ")"
