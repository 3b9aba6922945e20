"""The as-run log: the operator marks when an airing actually started and stopped."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from radiodesk.config import Settings
from radiodesk.errors import InputError
from radiodesk.i18n import _, format_datetime
from radiodesk.models import Broadcast, BroadcastStatus, ChangeAction
from radiodesk.schedule.views import Airing, airing_of, get_broadcast, record_change

# An airing may be started this long before its planned start (a trailer, an early hand-over);
# earlier than that the operator has most likely picked the wrong broadcast.
EARLY_START = timedelta(minutes=30)


@dataclass(frozen=True)
class StartResult:
    """The airing now on air, and the one that was on air before and was stopped for it."""

    started: Airing
    stopped: Airing | None


def _on_air(session: Session) -> list[Broadcast]:
    return list(
        session.scalars(
            select(Broadcast)
            .options(joinedload(Broadcast.show))
            .where(Broadcast.status == BroadcastStatus.ON_AIR)
            .order_by(Broadcast.actual_start.desc(), Broadcast.id.desc())
        )
    )


def _planned_now(session: Session, settings: Settings, now: datetime) -> Broadcast:
    rows = list(
        session.scalars(
            select(Broadcast)
            .options(joinedload(Broadcast.show))
            .where(
                Broadcast.status == BroadcastStatus.PLANNED,
                Broadcast.planned_start <= now + EARLY_START,
                Broadcast.planned_end > now,
            )
        )
    )
    if not rows:
        raise InputError(
            _("Nothing is planned at {when}; give the broadcast's id.").format(
                when=format_datetime(now, settings.station.timezone)
            )
        )
    return min(rows, key=lambda b: (abs((b.planned_start - now).total_seconds()), b.id))


def _stop(session: Session, broadcast: Broadcast, now: datetime, author: str, reason: str) -> None:
    broadcast.actual_end = max(now, broadcast.actual_start or now)
    broadcast.status = BroadcastStatus.AIRED
    record_change(
        session,
        broadcast,
        ChangeAction.STOP,
        now,
        reason=reason,
        author=author,
        old_status=BroadcastStatus.ON_AIR,
    )


def start_broadcast(
    session: Session,
    settings: Settings,
    broadcast_id: int | None,
    *,
    now: datetime,
    author: str = "",
) -> StartResult:
    """Mark an airing on air at ``now`` (its actual start). Without an id: the one planned now.

    Whatever is still on air is stopped at the same instant (a hand-over). Refused for an
    airing that is cancelled, already on air or aired, more than 30 minutes early, or
    whose planned end has passed.
    """
    zone = settings.station.timezone
    if broadcast_id is None:
        broadcast = _planned_now(session, settings, now)
    else:
        broadcast = get_broadcast(session, broadcast_id)
    title = broadcast.title or broadcast.show.title
    when = format_datetime(broadcast.planned_start, zone)
    if broadcast.status == BroadcastStatus.CANCELLED:
        raise InputError(
            _("Cannot start broadcast {id} ({title}, {when}): it is cancelled.").format(
                id=broadcast.id, title=title, when=when
            )
        )
    if broadcast.status == BroadcastStatus.ON_AIR:
        raise InputError(
            _("Broadcast {id} ({title}) is already on air since {since}.").format(
                id=broadcast.id,
                title=title,
                since=format_datetime(broadcast.actual_start or broadcast.planned_start, zone),
            )
        )
    if broadcast.status == BroadcastStatus.AIRED:
        raise InputError(
            _("Broadcast {id} ({title}, {when}) has already aired.").format(
                id=broadcast.id, title=title, when=when
            )
        )
    if now < broadcast.planned_start - EARLY_START:
        raise InputError(
            _(
                "Broadcast {id} ({title}) is planned for {when}; it can be started from 30 "
                "minutes before."
            ).format(id=broadcast.id, title=title, when=when)
        )
    if now >= broadcast.planned_end:
        raise InputError(
            _(
                "Broadcast {id} ({title}, {when}) was planned to end at {end}; move it before "
                "starting it."
            ).format(
                id=broadcast.id,
                title=title,
                when=when,
                end=format_datetime(broadcast.planned_end, zone),
            )
        )
    stopped = None
    for other in _on_air(session):
        _stop(
            session,
            other,
            now,
            author,
            _("Handed over to broadcast {id}.").format(id=broadcast.id),
        )
        stopped = other
    broadcast.actual_start = now
    broadcast.actual_end = None
    broadcast.status = BroadcastStatus.ON_AIR
    record_change(
        session,
        broadcast,
        ChangeAction.START,
        now,
        author=author,
        old_status=BroadcastStatus.PLANNED,
    )
    session.flush()
    return StartResult(
        started=airing_of(broadcast),
        stopped=airing_of(stopped) if stopped is not None else None,
    )


def stop_broadcast(
    session: Session,
    settings: Settings,
    broadcast_id: int | None,
    *,
    now: datetime,
    author: str = "",
) -> Airing:
    """Mark an airing as ended at ``now`` (its actual end). Without an id: the one on air."""
    if broadcast_id is None:
        running = _on_air(session)
        if not running:
            raise InputError(_("Nothing is on air; give the broadcast's id."))
        broadcast = running[0]
    else:
        broadcast = get_broadcast(session, broadcast_id)
    if broadcast.status != BroadcastStatus.ON_AIR:
        raise InputError(
            _("Broadcast {id} ({title}, {when}) is not on air; start it first.").format(
                id=broadcast.id,
                title=broadcast.title or broadcast.show.title,
                when=format_datetime(broadcast.planned_start, settings.station.timezone),
            )
        )
    if broadcast.actual_start is not None and now < broadcast.actual_start:
        raise InputError(
            _("Broadcast {id} started at {start}; it cannot stop before that.").format(
                id=broadcast.id,
                start=format_datetime(broadcast.actual_start, settings.station.timezone),
            )
        )
    _stop(session, broadcast, now, author, "")
    session.flush()
    return airing_of(broadcast)
