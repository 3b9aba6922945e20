"""What is on air at an instant, what comes next, and how long is left.

Everything is compared as UTC instants, so a programme from 23:00 to 01:00 and a night
when the clocks change need no special case; the station's zone is applied by the shells.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select
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


def _span(b: Broadcast, at: datetime) -> tuple[datetime, datetime]:
    """When a broadcast was (or is) on air: actual times where known, else planned ones."""
    start = b.actual_start or b.planned_start
    if b.status == BroadcastStatus.ON_AIR and b.actual_end is None:
        # On air until the operator stops it, however long it runs over.
        return start, max(b.planned_end, at + timedelta(seconds=1))
    return start, b.actual_end or b.planned_end


def now_next(session: Session, settings: Settings, at: datetime) -> NowNext:
    """The airing on air at ``at`` (or None), the next one, elapsed and remaining time."""
    candidates = session.scalars(
        select(Broadcast)
        .options(joinedload(Broadcast.show))
        .where(
            Broadcast.status != BroadcastStatus.CANCELLED,
            or_(
                Broadcast.status == BroadcastStatus.ON_AIR,
                Broadcast.planned_start > at - _LONGEST,
                Broadcast.actual_start > at - _LONGEST,
            ),
            or_(Broadcast.planned_start <= at, Broadcast.actual_start <= at),
        )
    ).all()
    running = []
    for b in candidates:
        start, end = _span(b, at)
        if start <= at < end:
            running.append((b.status != BroadcastStatus.ON_AIR, -start.timestamp(), b.id, b))
    # Prefer what the operator marked on air, then the most recently started.
    current = min(running, key=lambda r: r[:3])[3] if running else None

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
        start, _end = _span(current, at)
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
