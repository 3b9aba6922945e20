"""What is on air at an instant, what comes next, and how long is left.

Everything is compared as UTC instants, so a programme from 23:00 to 01:00 and a night
when the clocks change need no special case; the station's zone is applied by the shells.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, joinedload

from radiodesk.config import Settings
from radiodesk.models import Broadcast, BroadcastStatus
from radiodesk.schedule.views import Airing, airing_of

# No airing is longer than a day; looking back this far finds every one still running.
_LONGEST = timedelta(hours=24)


@dataclass(frozen=True)
class NowNext:
    """The station at instant ``at`` (UTC). Seconds are whole-second floats.

    ``remaining_seconds`` counts down to the current airing's planned end (0 once it runs
    over; ``overrun_seconds`` then counts up). ``until_next_seconds`` counts down to the
    next airing's planned start.
    """

    at: datetime
    zone: str
    current: Airing | None
    next: Airing | None
    elapsed_seconds: float | None
    remaining_seconds: float | None
    overrun_seconds: float | None
    until_next_seconds: float | None


def held_span(b: Broadcast) -> tuple[datetime, datetime]:
    """The time a broadcast holds in the grid (UTC), what conflicts compare: its planned
    span, ended at its as-run end when that came first.

    A broadcast that ended early frees the rest of its slot; one still running holds its
    planned span. What already aired is history, not a clash to resolve: a few seconds of
    overrun into the next programme is no conflict.
    """
    end = min(b.planned_end, b.actual_end) if b.actual_end else b.planned_end
    return b.planned_start, end


def on_air_at(session: Session, at: datetime) -> Broadcast | None:
    """The one broadcast on air at ``at`` (UTC), or None: the one rule every shell uses.

    First a broadcast *started* (as-run) by ``at`` and not ended by then: the operator's
    word wins, however long it runs over (but one left running by mistake a day after its
    planned end no longer counts). Else the broadcast *planned* around ``at`` that has not
    ended. Cancelled broadcasts never count; an ended one takes no "now" entries.
    """
    not_ended = or_(Broadcast.actual_end.is_(None), Broadcast.actual_end > at)
    started = session.scalars(
        select(Broadcast)
        .options(joinedload(Broadcast.show))
        .where(
            Broadcast.status != BroadcastStatus.CANCELLED,
            or_(Broadcast.status == BroadcastStatus.ON_AIR, Broadcast.actual_start.is_not(None)),
            func.coalesce(Broadcast.actual_start, Broadcast.planned_start) <= at,
            Broadcast.planned_end > at - _LONGEST,
            not_ended,
        )
        .order_by(
            func.coalesce(Broadcast.actual_start, Broadcast.planned_start).desc(),
            Broadcast.id.desc(),
        )
        .limit(1)
    ).first()
    if started is not None:
        return started
    return session.scalars(
        select(Broadcast)
        .options(joinedload(Broadcast.show))
        .where(
            Broadcast.status != BroadcastStatus.CANCELLED,
            Broadcast.planned_start <= at,
            Broadcast.planned_end > at,
            not_ended,
            # Started only after ``at``: it was still planned then. Started before and
            # ended: handled by ``not_ended``.
        )
        .order_by(Broadcast.planned_start.desc(), Broadcast.id.desc())
        .limit(1)
    ).first()


def now_next(session: Session, settings: Settings, at: datetime) -> NowNext:
    """The airing on air at ``at`` (see :func:`on_air_at`), the next one, elapsed and
    remaining time."""
    current = on_air_at(session, at)

    query = (
        select(Broadcast)
        .options(joinedload(Broadcast.show))
        .where(Broadcast.status != BroadcastStatus.CANCELLED, Broadcast.planned_start > at)
        .order_by(Broadcast.planned_start, Broadcast.id)
        .limit(2)
    )
    upcoming = [b for b in session.scalars(query) if current is None or b.id != current.id]
    following = upcoming[0] if upcoming else None

    elapsed = remaining = overrun = None
    if current is not None:
        start = current.actual_start if current.actual_start is not None else current.planned_start
        elapsed = (at - start).total_seconds()
        left = (current.planned_end - at).total_seconds()
        remaining = max(0.0, left)
        overrun = max(0.0, -left)
    return NowNext(
        at=at,
        zone=settings.station.timezone,
        current=airing_of(current) if current is not None else None,
        next=airing_of(following) if following is not None else None,
        elapsed_seconds=elapsed,
        remaining_seconds=remaining,
        overrun_seconds=overrun,
        until_next_seconds=(
            (following.planned_start - at).total_seconds() if following is not None else None
        ),
    )
