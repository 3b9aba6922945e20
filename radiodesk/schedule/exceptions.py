"""Changes to single airings: one-off specials, cancellations and moves, each with a reason
kept in the broadcast's history (BroadcastChange)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from radiodesk.config import Settings
from radiodesk.errors import InputError, NotFound
from radiodesk.i18n import N_, _, format_datetime
from radiodesk.models import Broadcast, BroadcastStatus, ChangeAction, Show
from radiodesk.schedule.conflicts import ensure_free
from radiodesk.schedule.views import (
    Airing,
    airing_of,
    check_duration,
    check_reason,
    get_broadcast,
    record_change,
    span_text,
)


def _describe(broadcast: Broadcast, settings: Settings) -> str:
    return _("broadcast {id} ({title}, {when})").format(
        id=broadcast.id,
        title=broadcast.title or broadcast.show.title,
        when=span_text(broadcast.planned_start, broadcast.planned_end, settings.station.timezone),
    )


# Whole sentences per action and state, so that translators never see glued pieces.
_REFUSALS = {
    (ChangeAction.CANCEL, BroadcastStatus.CANCELLED): N_(
        "Cannot cancel {what}: it is already cancelled."
    ),
    (ChangeAction.CANCEL, BroadcastStatus.ON_AIR): N_(
        "Cannot cancel {what}: it is on air; stop it instead."
    ),
    (ChangeAction.CANCEL, BroadcastStatus.AIRED): N_("Cannot cancel {what}: it has already aired."),
    (ChangeAction.MOVE, BroadcastStatus.CANCELLED): N_("Cannot move {what}: it is cancelled."),
    (ChangeAction.MOVE, BroadcastStatus.ON_AIR): N_("Cannot move {what}: it is on air."),
    (ChangeAction.MOVE, BroadcastStatus.AIRED): N_("Cannot move {what}: it has already aired."),
}


def _refuse_unless_planned(broadcast: Broadcast, settings: Settings, action: ChangeAction) -> None:
    message = _REFUSALS.get((action, broadcast.status))
    if message is not None:
        raise InputError(_(message).format(what=_describe(broadcast, settings)))


def find_show(session: Session, slug: str) -> Show:
    """The programme with this slug, or NotFound naming it."""
    show = session.scalars(select(Show).where(Show.slug == slug.strip())).first()
    if show is None:
        raise NotFound(
            _("There is no programme '{slug}'; see 'radiodesk shows list'.").format(slug=slug)
        )
    return show


def add_special(
    session: Session,
    settings: Settings,
    show_slug: str,
    start: datetime,
    duration_minutes: int,
    title: str,
    *,
    now: datetime,
    reason: str = "",
    topic: str = "",
    allow_overlap: bool = False,
    author: str = "",
) -> Airing:
    """Add a one-off airing of a programme, outside its slots. ``start`` is UTC.

    Refused with Conflict when it overlaps another airing, unless ``allow_overlap``.
    """
    show = find_show(session, show_slug)
    if not show.active:
        raise InputError(
            _("The programme '{slug}' is retired; specials need an active programme.").format(
                slug=show.slug
            )
        )
    check_duration(duration_minutes)
    title = title.strip()
    if not title:
        raise InputError(_("title: a special needs a title"))
    end = start + timedelta(minutes=duration_minutes)
    if not allow_overlap:
        ensure_free(session, settings, start, end)
    broadcast = Broadcast(
        show=show,
        slot_id=None,
        occurrence=None,
        planned_start=start,
        planned_end=end,
        status=BroadcastStatus.PLANNED,
        special=True,
        title=title[:300],
        topic=topic.strip(),
        created_at=now,
        updated_at=now,
    )
    session.add(broadcast)
    record_change(
        session, broadcast, ChangeAction.SPECIAL, now, reason=reason.strip(), author=author
    )
    session.flush()
    return airing_of(broadcast)


def cancel_airing(
    session: Session,
    settings: Settings,
    broadcast_id: int,
    reason: str,
    *,
    now: datetime,
    author: str = "",
) -> Airing:
    """Cancel one planned airing; the slot's other airings stay. A reason is required."""
    broadcast = get_broadcast(session, broadcast_id)
    _refuse_unless_planned(broadcast, settings, ChangeAction.CANCEL)
    reason = check_reason(reason)
    old = broadcast.status
    broadcast.status = BroadcastStatus.CANCELLED
    record_change(
        session, broadcast, ChangeAction.CANCEL, now, reason=reason, author=author, old_status=old
    )
    session.flush()
    return airing_of(broadcast)


def move_airing(
    session: Session,
    settings: Settings,
    broadcast_id: int,
    to_start: datetime,
    reason: str,
    *,
    now: datetime,
    duration_minutes: int | None = None,
    allow_overlap: bool = False,
    author: str = "",
) -> Airing:
    """Move one planned airing to ``to_start`` (UTC), optionally with a new duration.

    The airing keeps its occurrence, so the slot's plan leaves it where it was put.
    Refused when it has started, aired or was cancelled, when the new time is past, and
    (Conflict) when it would overlap another airing unless ``allow_overlap``.
    """
    broadcast = get_broadcast(session, broadcast_id)
    _refuse_unless_planned(broadcast, settings, ChangeAction.MOVE)
    reason = check_reason(reason)
    minutes = (
        check_duration(duration_minutes)
        if duration_minutes is not None
        else round((broadcast.planned_end - broadcast.planned_start).total_seconds() / 60)
    )
    end = to_start + timedelta(minutes=minutes)
    if to_start < now:
        raise InputError(
            _("to: {when} is in the past; an airing can only be moved to a time to come.").format(
                when=format_datetime(to_start, settings.station.timezone)
            )
        )
    if (to_start, end) == (broadcast.planned_start, broadcast.planned_end):
        raise InputError(
            _("Nothing to move: {what} is already at that time.").format(
                what=_describe(broadcast, settings)
            )
        )
    if not allow_overlap:
        ensure_free(session, settings, to_start, end, exclude=broadcast.id)
    old_start, old_end = broadcast.planned_start, broadcast.planned_end
    broadcast.planned_start = to_start
    broadcast.planned_end = end
    broadcast.moved = True
    record_change(
        session,
        broadcast,
        ChangeAction.MOVE,
        now,
        reason=reason,
        author=author,
        old_start=old_start,
        old_end=old_end,
        old_status=broadcast.status,
    )
    session.flush()
    return airing_of(broadcast)
