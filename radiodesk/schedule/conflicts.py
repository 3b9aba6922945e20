"""Overlapping airings, found pair by pair: one colliding date never condemns a whole series."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from radiodesk.config import Settings
from radiodesk.errors import Conflict
from radiodesk.i18n import _
from radiodesk.models import Broadcast, BroadcastStatus
from radiodesk.schedule.nownext import held_span
from radiodesk.schedule.views import Airing, airing_of, span_text

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Overlap:
    """Two airings on air at once, from ``start`` to ``end`` (UTC)."""

    first: Airing
    second: Airing
    start: datetime
    end: datetime

    @property
    def minutes(self) -> float:
        return (self.end - self.start).total_seconds() / 60


def overlapping_pairs(spans: Iterable[tuple[datetime, datetime, K]]) -> list[tuple[K, K]]:
    """Every pair of ``(start, end, key)`` spans that share time; touching ends do not count.

    A sweep in start order: each span is compared only with those still running when it
    starts, so a week of back-to-back programmes costs one comparison each.
    """
    pairs: list[tuple[K, K]] = []
    running: list[tuple[datetime, K]] = []
    for start, end, key in sorted(spans, key=lambda s: (s[0], s[1])):
        running = [r for r in running if r[0] > start]
        pairs.extend((other, key) for _end, other in running)
        running.append((end, key))
    return pairs


def _airings_between(
    session: Session, start: datetime | None, end: datetime | None, exclude: int | None = None
) -> list[Broadcast]:
    query = (
        select(Broadcast)
        .options(joinedload(Broadcast.show))
        .where(Broadcast.status != BroadcastStatus.CANCELLED)
        .order_by(Broadcast.planned_start, Broadcast.id)
    )
    # The time each holds (held_span): an ended broadcast frees the rest of its slot.
    if start is not None:
        query = query.where(func.coalesce(Broadcast.actual_end, Broadcast.planned_end) > start)
    if end is not None:
        query = query.where(Broadcast.planned_start < end)
    if exclude is not None:
        query = query.where(Broadcast.id != exclude)
    return list(session.scalars(query))


def _holds_time(span: tuple[datetime, datetime]) -> bool:
    return span[0] < span[1]


def find_conflicts(
    session: Session, start: datetime | None = None, end: datetime | None = None
) -> tuple[Overlap, ...]:
    """Every overlapping pair of airings (cancelled ones aside) that touch ``[start, end)``.

    The time each holds is compared (:func:`held_span`: planned, cut at an early end);
    the pairs come in the order of the later airing's start.
    """
    rows = _airings_between(session, start, end)
    by_id = {b.id: b for b in rows}
    spans = {b.id: held_span(b) for b in rows}
    found = []
    for a, b in overlapping_pairs((*spans[r.id], r.id) for r in rows if _holds_time(spans[r.id])):
        first, second = by_id[a], by_id[b]
        found.append(
            Overlap(
                first=airing_of(first),
                second=airing_of(second),
                start=max(spans[a][0], spans[b][0]),
                end=min(spans[a][1], spans[b][1]),
            )
        )
    return tuple(found)


def ensure_free(
    session: Session,
    settings: Settings,
    start: datetime,
    end: datetime,
    exclude: int | None = None,
) -> None:
    """Raise Conflict naming the first programme on air during ``[start, end)``, if any."""
    others = _airings_between(session, start, end, exclude)
    if not others:
        return
    other = others[0]
    zone = settings.station.timezone
    raise Conflict(
        _(
            "That time overlaps {title} ({when}, broadcast {id}); choose another time "
            "or allow the overlap."
        ).format(
            title=other.title or other.show.title,
            when=span_text(other.planned_start, other.planned_end, zone),
            id=other.id,
        )
    )
