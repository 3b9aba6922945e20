"""The logger's records in the database: heartbeat and state, gaps, events, segments; and
:func:`logger_status`, the one answer to "is the air being recorded?" for the CLI and desk.

Every function takes a Session; the caller frames the unit of work.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from radiodesk.i18n import _
from radiodesk.logger.causes import cause_text
from radiodesk.models import (
    LoggerCause,
    LoggerEvent,
    LoggerEventKind,
    LoggerGap,
    LoggerRunState,
    LoggerSegment,
    LoggerState,
)

HEARTBEAT_SECONDS = 2.0
# A heartbeat older than this means the logger is gone (killed, machine off).
STALE_AFTER = timedelta(seconds=8)
# Holes shorter than this between segments are not gaps (the stream's own jitter).
GAP_TOLERANCE = 0.5


@dataclass(frozen=True)
class LoggerStatus:
    """What the logger is doing, for a status line.

    ``state`` is recording, connecting, disconnected, paused (disk below reserve) or
    not_running; ``since`` when that began (UTC); ``cause`` a key of
    :data:`~radiodesk.logger.causes.CAUSES` ("" when recording); ``recorded_until`` the air
    instant of the newest sample written; ``text`` the line to show, in the current language.
    """

    state: str
    since: datetime | None
    cause: str
    cause_text: str
    recorded_until: datetime | None
    heartbeat: datetime | None
    pid: int | None
    text: str

    @property
    def running(self) -> bool:
        return self.state != "not_running"


def current_state(session: Session) -> LoggerState | None:
    return session.scalars(select(LoggerState).order_by(LoggerState.id)).first()


def logger_status(session: Session, now: datetime, zone: ZoneInfo | str) -> LoggerStatus:
    """The logger's state as of ``now`` (UTC); stale heartbeats read as not running."""
    zone = ZoneInfo(zone) if isinstance(zone, str) else zone
    row = current_state(session)
    if row is None or row.state == LoggerRunState.STOPPED or now - row.heartbeat > STALE_AFTER:
        cause = ""
        if row is not None:
            cause = row.cause if row.state == LoggerRunState.STOPPED else LoggerCause.NOT_RUNNING
        return LoggerStatus(
            "not_running",
            row.heartbeat if row else None,
            cause,
            cause_text(cause) if cause else "",
            row.recorded_until if row else None,
            row.heartbeat if row else None,
            None,
            _("not running"),
        )
    if row.state == LoggerRunState.RECORDING:
        until = row.recorded_until or row.heartbeat
        text = _("recording · {time}").format(time=until.astimezone(zone).strftime("%H:%M:%S"))
    elif row.state == LoggerRunState.CONNECTING:
        text = _("connecting since {time}").format(
            time=row.since.astimezone(zone).strftime("%H:%M")
        )
    else:
        words = _("paused since {time} ({cause})") if row.state == LoggerRunState.PAUSED else None
        words = words or _("disconnected since {time} ({cause})")
        text = words.format(
            time=row.since.astimezone(zone).strftime("%H:%M"), cause=cause_text(row.cause)
        )
    return LoggerStatus(
        row.state,
        row.since,
        row.cause,
        cause_text(row.cause) if row.cause else "",
        row.recorded_until,
        row.heartbeat,
        row.pid,
        text,
    )


def air_warning(session: Session, now: datetime, zone: ZoneInfo | str) -> str:
    """The desk's warning while a broadcast is on air at ``now`` (UTC) and the logger is not
    recording it (not running, connecting, disconnected, paused); "" otherwise."""
    # Imported here: the recorder uses this module and needs nothing of the schedule.
    from radiodesk.schedule.nownext import on_air_at

    status = logger_status(session, now, zone)
    if status.state == LoggerRunState.RECORDING:
        return ""
    broadcast = on_air_at(session, now)
    if broadcast is None:
        return ""
    return _("{title} is on air and is not being recorded: the logger is {status}.").format(
        title=broadcast.title or broadcast.show.title, status=status.text
    )


def set_state(
    session: Session,
    now: datetime,
    state: LoggerRunState,
    *,
    cause: str = "",
    detail: str = "",
    source: str | None = None,
    recorded_until: datetime | None = None,
    ffmpeg_pid: int | None = None,
) -> None:
    """Record the running logger's heartbeat; ``since`` moves only when the state changes."""
    row = current_state(session)
    if row is None:
        row = LoggerState(state=state, since=now, heartbeat=now)
        session.add(row)
    if row.state != state or row.cause != cause:
        row.since = now
    row.state, row.cause, row.detail, row.heartbeat = state, cause, detail[:2000], now
    row.host, row.pid, row.ffmpeg_pid = socket.gethostname(), os.getpid(), ffmpeg_pid
    if source is not None:
        row.source = source
    if recorded_until is not None:
        row.recorded_until = recorded_until


def open_gap(session: Session, start: datetime, cause: LoggerCause, detail: str = "") -> None:
    """A gap from ``start`` (the last sample recorded); does nothing when one is open."""
    if open_gap_row(session) is None:
        session.add(LoggerGap(start=start, cause=cause, detail=detail[:2000]))


def open_gap_row(session: Session) -> LoggerGap | None:
    return session.scalars(select(LoggerGap).where(LoggerGap.end.is_(None))).first()


def close_gap(session: Session, end: datetime) -> None:
    """Close the open gap at ``end`` (the first sample recorded again); a gap the new
    recording overlaps (the stream sent again what was already written) is no gap."""
    gap = open_gap_row(session)
    if gap is None:
        return
    if (end - gap.start).total_seconds() < GAP_TOLERANCE:
        session.delete(gap)
    else:
        gap.end = end


def move_gap_end(session: Session, old: datetime, new: datetime) -> None:
    """A gap that ended at ``old`` ends at ``new`` (the first sample after it, placed better)."""
    gap = session.scalars(select(LoggerGap).where(LoggerGap.end == old)).first()
    if gap is not None:
        gap.end = new


def add_event(
    session: Session, kind: LoggerEventKind, start: datetime, end: datetime | None, detail: str = ""
) -> None:
    session.add(LoggerEvent(kind=kind, start=start, end=end, detail=detail[:2000]))


def recorded_end(session: Session) -> datetime | None:
    """The air instant where the last segment ends (complete or not), or None."""
    rows = session.scalars(
        select(LoggerSegment).order_by(LoggerSegment.start.desc()).limit(20)
    ).all()
    ends = [r.start + timedelta(seconds=r.duration) for r in rows]
    return max(ends) if ends else None


@dataclass(frozen=True)
class GapInfo:
    start: datetime
    end: datetime | None
    cause: str
    cause_text: str
    detail: str


def gaps_between(session: Session, start: datetime, end: datetime) -> list[GapInfo]:
    """The gaps overlapping [start, end), oldest first (an open one ends now: None)."""
    rows = session.scalars(
        select(LoggerGap)
        .where(LoggerGap.start < end, (LoggerGap.end.is_(None)) | (LoggerGap.end > start))
        .order_by(LoggerGap.start)
    ).all()
    return [GapInfo(r.start, r.end, r.cause, cause_text(r.cause), r.detail) for r in rows]
