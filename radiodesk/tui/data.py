"""Plain data for the desk's screens, made from the services' results.

Each function here runs inside one unit of work opened by a worker, calls the services and
returns frozen dataclasses the screens can hold safely (no ORM objects cross into Textual).
Nothing here imports Textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from radiodesk.archive import RecordingDetail, recording_detail
from radiodesk.config import Settings
from radiodesk.i18n import format_time
from radiodesk.interviews import GuestOnAir, LogLine, broadcast_log, guests_on_air
from radiodesk.models import Broadcast, BroadcastStatus, Episode, Recording, Show
from radiodesk.publish import EpisodeSummary, episode_detail
from radiodesk.schedule.nownext import now_next
from radiodesk.schedule.views import Airing, broadcast_summary


@dataclass(frozen=True)
class OnAirState:
    """What the On Air screen shows: the airing now (or none), the next, guests and log."""

    current: Airing | None
    next: Airing | None
    guests: tuple[GuestOnAir, ...]
    entries: tuple[LogLine, ...]

    @property
    def on_air(self) -> bool:
        return self.current is not None and self.current.status == BroadcastStatus.ON_AIR


def load_on_air(session: Session, settings: Settings, now: datetime) -> OnAirState:
    """The airing on air now (or planned now), the next one, its guests and its live log
    (deleted entries included, marked)."""
    station = now_next(session, settings, now)
    current, upcoming = station.current, station.next
    if current is None:
        return OnAirState(None, upcoming, (), ())
    # Deleted entries too: the studio sees them struck through and can restore them.
    log = broadcast_log(session, current.id, include_deleted=True)
    return OnAirState(current, upcoming, guests_on_air(session, current.id), log.entries)


def active_shows(session: Session) -> list[tuple[str, str]]:
    """(slug, title) of every active programme, by title.

    A thin read-only helper: the schedule service has ``find_show`` by slug but no listing.
    """
    rows = session.execute(
        select(Show.slug, Show.title).where(Show.active.is_(True)).order_by(Show.title)
    )
    return [(slug, title) for slug, title in rows]


def short_moment(moment: datetime, zone: str) -> str:
    """A compact local day and time for narrow tables: "3/11 09:28" ("3/11 09.28" in id)."""
    local = moment.astimezone(ZoneInfo(zone))
    return f"{local.day}/{local.month} {format_time(local)}"


def short_day(moment: datetime, zone: str) -> str:
    """The local day and month only, for the narrowest tables: "3/11"."""
    local = moment.astimezone(ZoneInfo(zone))
    return f"{local.day}/{local.month}"


# -- the archive ---------------------------------------------------------------------------


@dataclass(frozen=True)
class BroadcastLine:
    """One broadcast in the archive's list, newest first. Instants UTC."""

    id: int
    title: str
    show_title: str
    planned_start: datetime
    status: BroadcastStatus
    topic: str
    recordings: int


def broadcast_count(session: Session, until: datetime) -> int:
    """How many broadcasts were planned to start by ``until`` (UTC), every status."""
    return (
        session.scalar(
            select(func.count()).select_from(Broadcast).where(Broadcast.planned_start <= until)
        )
        or 0
    )


def broadcast_page(
    session: Session, until: datetime, offset: int, limit: int
) -> list[BroadcastLine]:
    """Broadcasts planned to start by ``until`` (UTC), newest first, ``offset`` onwards.

    A thin read-only helper: the archive and search services list recordings and hits, not
    every broadcast; the desk's browse list needs all of them, a page at a time.
    """
    rows = session.execute(
        select(
            Broadcast.id,
            Broadcast.title,
            Show.title,
            Broadcast.planned_start,
            Broadcast.status,
            Broadcast.topic,
        )
        .join(Show, Show.id == Broadcast.show_id)
        .where(Broadcast.planned_start <= until)
        .order_by(Broadcast.planned_start.desc(), Broadcast.id.desc())
        .offset(offset)
        .limit(limit)
    ).all()
    ids = [r[0] for r in rows]
    counts: dict[int, int] = {}
    if ids:
        counts = {
            broadcast_id: n
            for broadcast_id, n in session.execute(
                select(Recording.broadcast_id, func.count())
                .where(Recording.broadcast_id.in_(ids))
                .group_by(Recording.broadcast_id)
            )
            if broadcast_id is not None
        }
    return [
        BroadcastLine(
            id=r[0],
            title=r[1] or r[2],
            show_title=r[2],
            planned_start=r[3],
            status=r[4],
            topic=r[5] or "",
            recordings=counts.get(r[0], 0),
        )
        for r in rows
    ]


@dataclass(frozen=True)
class BroadcastDetail:
    """Everything the archive shows about one broadcast; its recordings (masters first, then
    clips) come from the archive service with their chapters."""

    airing: Airing
    guests: tuple[GuestOnAir, ...]
    entries: tuple[LogLine, ...]
    recordings: tuple[RecordingDetail, ...]
    episodes: tuple[EpisodeSummary, ...]


def broadcast_detail(session: Session, settings: Settings, broadcast_id: int) -> BroadcastDetail:
    """A broadcast with its guests, live log, recordings (with chapters) and episodes.

    Which recordings and episodes belong to the broadcast is read here (ids only): the
    archive's ``list_recordings`` and publishing's ``list_episodes`` filter by programme, not
    by broadcast. Each is then described by its own service.
    """
    airing = broadcast_summary(session, broadcast_id)
    log = broadcast_log(session, broadcast_id)
    recording_ids = session.scalars(
        select(Recording.id)
        .where(Recording.broadcast_id == broadcast_id)
        .order_by(Recording.parent_id.is_not(None), Recording.recorded_start, Recording.id)
    ).all()
    recordings = tuple(recording_detail(session, settings, i) for i in recording_ids)
    episode_ids = session.scalars(
        select(Episode.id).where(Episode.broadcast_id == broadcast_id).order_by(Episode.id)
    ).all()
    episodes = tuple(episode_detail(session, settings, i).summary for i in episode_ids)
    return BroadcastDetail(
        airing=airing,
        guests=guests_on_air(session, broadcast_id),
        entries=log.entries,
        recordings=recordings,
        episodes=episodes,
    )
