"""Episodes drafted from recordings, and the rules of what may be published.

Every recording (clips too) of a programme that has podcasting on, with a podcast file
(rendition), becomes a draft episode: its title and description drafted from the broadcast
(topic, the guests who consented, the segments of the live log as chapters), and a guid made
once that never changes. A programme with ``auto_publish_after`` schedules the draft that
many minutes after the broadcast ends, when every guest consented.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import String, cast, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from radiodesk.config import Settings
from radiodesk.i18n import _, format_date, in_station_language
from radiodesk.interviews.chapters import chapters_for
from radiodesk.interviews.people import all_guests_consented, publishable_people
from radiodesk.models import (
    AccessClass,
    Broadcast,
    Episode,
    EpisodeStatus,
    LogEntry,
    LogKind,
    Recording,
    Rendition,
    Role,
    Show,
)
from radiodesk.publish.public import Standing, reasons, refused_names
from radiodesk.publish.text import ascii_slug, clean_line, clean_text

# Roles named in public (podcast:person, descriptions). Callers are listeners: never named.
PUBLIC_ROLES = (Role.HOST, Role.GUEST, Role.REPORTER)
TITLE_LIMIT = 300


@dataclass(frozen=True)
class SyncResult:
    """What :func:`sync_drafts` did: ids of episodes created, scheduled, put back to draft."""

    created: tuple[int, ...] = ()
    scheduled: tuple[int, ...] = ()
    chapters_refreshed: int = 0


@dataclass
class _Counts:
    created: list[int] = field(default_factory=list)
    scheduled: list[int] = field(default_factory=list)
    refreshed: int = 0


def new_guid(settings: Settings) -> str:
    """A new episode guid, ``radiodesk:<station>:<uuid4>``; made once, never changed."""
    station = ascii_slug(settings.station.short_name or settings.station.name) or "station"
    return f"radiodesk:{station}:{uuid.uuid4()}"


def broadcast_start(broadcast: Broadcast) -> datetime:
    return broadcast.actual_start or broadcast.planned_start


def broadcast_end(broadcast: Broadcast) -> datetime:
    return broadcast.actual_end or broadcast.planned_end


def pick_rendition(recording: Recording, audio_format: str) -> Rendition | None:
    """The podcast file of a recording: the one in the programme's format, else the first."""
    renditions = sorted(recording.renditions, key=lambda r: r.id)
    for rendition in renditions:
        if rendition.format == audio_format:
            return rendition
    return renditions[0] if renditions else None


def recording_window(recording: Recording, broadcast: Broadcast | None) -> tuple[datetime, float]:
    """Where a recording starts on the wall clock, and its offset in seconds.

    A clip is measured from the start of the recording it was cut from plus ``clip_start``,
    as :func:`~radiodesk.interviews.chapters.chapters_for` expects.
    """
    parent = (
        recording_parent(recording)
        if recording.parent_id is not None and recording.clip_start is not None
        else None
    )
    if parent is not None and parent.recorded_start is not None:
        return parent.recorded_start, float(recording.clip_start or 0.0)
    if recording.recorded_start is not None:
        return recording.recorded_start, 0.0
    if broadcast is not None:
        return broadcast_start(broadcast), 0.0
    return recording.ingested_at, 0.0


def recording_parent(recording: Recording) -> Recording | None:
    from sqlalchemy.orm import object_session

    session = object_session(recording)
    if session is None or recording.parent_id is None:
        return None
    return session.get(Recording, recording.parent_id)


def _segment_key() -> Any:
    """SQL for a text that changes whenever a broadcast's segment entries change (made by the
    database itself, so that it can be compared there too)."""
    return (
        cast(func.count(LogEntry.id), String)
        + ":"
        + cast(func.max(LogEntry.id), String)
        + ":"
        + cast(func.max(LogEntry.updated_at), String)
    )


def segment_keys(session: Session, broadcast_ids: list[int]) -> dict[int, str]:
    """For each of these broadcasts with segment entries, a key that changes with them."""
    if not broadcast_ids:
        return {}
    stmt = (
        select(LogEntry.broadcast_id, _segment_key())
        .where(LogEntry.kind == LogKind.SEGMENT, LogEntry.broadcast_id.in_(set(broadcast_ids)))
        .group_by(LogEntry.broadcast_id)
    )
    return {broadcast_id: key for broadcast_id, key in session.execute(stmt)}


def _chapters_key(log_key: str | None, recording: Recording, duration: float) -> str:
    return f"{log_key or '-'}|{recording.id}|{round(duration, 3)}"


def compute_chapters(
    session: Session, recording: Recording, broadcast: Broadcast | None, duration: float
) -> list[dict[str, Any]]:
    """The chapters of a recording as plain dicts (seconds), from its broadcast's live log."""
    if broadcast is None:
        return []
    start, offset = recording_window(recording, broadcast)
    return [
        {"start": c.start, "end": c.end, "title": clean_line(c.title)}
        for c in chapters_for(session, broadcast.id, start, duration, offset)
        if clean_line(c.title)
    ]


def clock_label(seconds: float) -> str:
    """00:00, 12:30 or 1:02:03: a chapter's start as people read it."""
    total = int(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def person_label(name: str, position: str, institution: str) -> str:
    detail = ", ".join(x for x in (position, institution) if x)
    return f"{name} ({detail})" if detail else name


def draft_text(
    session: Session,
    settings: Settings,
    show: Show,
    broadcast: Broadcast | None,
    recording: Recording,
    chapters: list[dict[str, Any]],
) -> tuple[str, str]:
    """A drafted title and description (plain text) for an episode of ``recording``.

    Only guests who consented, and allow their name, are named; their position only when
    they allow it. Nothing from the broadcast's internal notes or the listeners' calls.
    """
    start = (
        broadcast_start(broadcast)
        if broadcast is not None
        else recording_window(recording, None)[0]
    )
    day = format_date(start.astimezone(settings.zone).date(), weekday=False)
    topic = clean_text(broadcast.topic) if broadcast is not None else ""
    name = clean_line(broadcast.title or show.title) if broadcast is not None else show.title
    if recording.parent_id is not None and clean_line(recording.title):
        title = _("{clip} ({show}, {day})").format(
            clip=clean_line(recording.title), show=name, day=day
        )
    elif topic:
        title = _("{show}, {day}: {topic}").format(show=name, day=day, topic=clean_line(topic))
    else:
        title = _("{show}, {day}").format(show=name, day=day)

    parts: list[str] = []
    if topic:
        parts.append(topic)
    people = publishable_people(session, broadcast.id) if broadcast is not None else []
    guests = [
        person_label(p.name, p.position, p.institution) for p in people if p.role == Role.GUEST
    ]
    hosts = [p.name for p in people if p.role == Role.HOST] or list(show.hosts)
    if guests:
        parts.append(_("Guests: {names}").format(names="; ".join(guests)))
    if hosts:
        parts.append(_("Hosts: {names}").format(names=", ".join(hosts)))
    if chapters:
        lines = [f"{clock_label(c['start'])} {c['title']}" for c in chapters]
        parts.append(_("Segments:") + "\n" + "\n".join(lines))
    description = "\n\n".join(parts) or clean_text(show.description)
    return clean_line(title, TITLE_LIMIT), description


@in_station_language
def redraft_text(session: Session, settings: Settings, episode: Episode) -> tuple[str, str]:
    """:func:`draft_text` for an episode again, from its recording and chapters as they are."""
    assert episode.recording is not None
    return draft_text(
        session,
        settings,
        episode.show,
        episode.broadcast,
        episode.recording,
        list(episode.chapters or []),
    )


def redraft_untouched(session: Session, settings: Settings, episode_ids: Iterable[int]) -> int:
    """Draft title and description again for those of these episodes whose text no editor
    rewrote (the guests' consent may have changed since). Returns how many were drafted."""
    count = 0
    for episode_id in episode_ids:
        episode = session.get(Episode, episode_id)
        if episode is None or not episode.drafted or episode.recording is None:
            continue
        episode.title, episode.description = redraft_text(session, settings, episode)
        count += 1
    session.flush()
    return count


def standing_of(session: Session, episode: Episode) -> Standing:
    """What :func:`radiodesk.publish.public.reasons` looks at, for one episode."""
    show = episode.show
    recording = episode.recording
    broadcast = episode.broadcast
    refused = refused_names(session, [episode.broadcast_id])
    return Standing(
        status=episode.status,
        published_at=episode.published_at,
        refused_names=tuple(refused.get(episode.broadcast_id or 0, ())),
        exempt=broadcast is not None and broadcast.access_class != AccessClass.OPEN,
        podcast=show.podcast,
        has_audio=recording is not None
        and pick_rendition(recording, show.audio_format) is not None,
        show_title=show.title,
    )


def blockers(session: Session, episode: Episode) -> list[str]:
    """Why ``episode`` may not be published (empty when it may). One translated line each."""
    return reasons(standing_of(session, episode))


def auto_publish_at(session: Session, show: Show, broadcast: Broadcast | None) -> datetime | None:
    """When the programme's auto-publishing would publish an episode of ``broadcast``, or None
    (no auto-publishing, a guest whose consent is not given, or an exempt broadcast)."""
    if show.auto_publish_after is None or broadcast is None or not show.podcast:
        return None
    standing = Standing(
        EpisodeStatus.DRAFT,
        None,
        refused=bool(refused_names(session, [broadcast.id])),
        exempt=broadcast.access_class != AccessClass.OPEN,
    )
    if reasons(standing):
        return None
    if not all_guests_consented(session, broadcast.id):
        return None
    return broadcast_end(broadcast) + timedelta(minutes=show.auto_publish_after)


def _new_recordings(session: Session) -> list[tuple[Recording, Broadcast]]:
    parent = aliased(Recording)
    broadcast_id = func.coalesce(Recording.broadcast_id, parent.broadcast_id)
    stmt = (
        select(Recording, Broadcast)
        .outerjoin(parent, Recording.parent_id == parent.id)
        .join(Broadcast, Broadcast.id == broadcast_id)
        .join(Show, Show.id == Broadcast.show_id)
        .where(
            Show.podcast.is_(True),
            exists().where(Rendition.recording_id == Recording.id),
            ~exists().where(Episode.recording_id == Recording.id),
        )
        .order_by(Broadcast.planned_start, Recording.id)
    )
    return [(rec, bc) for rec, bc in session.execute(stmt)]


def _create_drafts(session: Session, settings: Settings, now: datetime, counts: _Counts) -> None:
    new = _new_recordings(session)
    keys = segment_keys(session, [broadcast.id for _recording, broadcast in new])
    for recording, broadcast in new:
        show = broadcast.show
        rendition = pick_rendition(recording, show.audio_format)
        duration = rendition.duration if rendition is not None else recording.duration
        chapters = compute_chapters(session, recording, broadcast, duration)
        title, description = draft_text(session, settings, show, broadcast, recording, chapters)
        episode = Episode(
            guid=new_guid(settings),
            show_id=show.id,
            broadcast_id=broadcast.id,
            recording_id=recording.id,
            title=title,
            description=description,
            status=EpisodeStatus.DRAFT,
            chapters=chapters,
            chapters_key=_chapters_key(keys.get(broadcast.id), recording, duration),
            drafted=True,
            created_at=now,
        )
        session.add(episode)
        session.flush()
        counts.created.append(episode.id)


def _refresh_chapters(session: Session, counts: _Counts) -> None:
    """Re-make chapters of episodes whose live log changed since they were made.

    The comparison runs in the database: only the episodes whose stored key no longer
    starts with their broadcast's current key come back.
    """
    logs = (
        select(LogEntry.broadcast_id.label("bid"), _segment_key().label("key"))
        .where(LogEntry.kind == LogKind.SEGMENT)
        .group_by(LogEntry.broadcast_id)
        .subquery()
    )
    log_key = func.coalesce(logs.c.key, "-")
    stale = session.scalars(
        select(Episode.id)
        .outerjoin(logs, logs.c.bid == Episode.broadcast_id)
        .where(
            Episode.broadcast_id.is_not(None),
            Episode.recording_id.is_not(None),
            or_(
                Episode.chapters_key.is_(None),
                func.substr(Episode.chapters_key, 1, func.length(log_key) + 1) != log_key + "|",
            ),
        )
    ).all()
    if not stale:
        return
    episodes = [session.get(Episode, i) for i in stale]
    keys = segment_keys(session, [e.broadcast_id for e in episodes if e and e.broadcast_id])
    for episode in episodes:
        if episode is None or episode.recording is None:
            continue
        rendition = pick_rendition(episode.recording, episode.show.audio_format)
        duration = rendition.duration if rendition is not None else episode.recording.duration
        episode.chapters = compute_chapters(session, episode.recording, episode.broadcast, duration)
        episode.chapters_key = _chapters_key(
            keys.get(episode.broadcast_id or 0), episode.recording, duration
        )
        counts.refreshed += 1


def _auto_schedule(session: Session, counts: _Counts) -> None:
    """Schedule drafts no editor touched whose programme publishes automatically."""
    drafts = session.scalars(
        select(Episode)
        .join(Show, Show.id == Episode.show_id)
        .where(
            Episode.status == EpisodeStatus.DRAFT,
            Episode.edited_at.is_(None),
            Show.auto_publish_after.is_not(None),
        )
        .order_by(Episode.id)
    ).all()
    for episode in drafts:
        when = auto_publish_at(session, episode.show, episode.broadcast)
        if when is not None and not blockers(session, episode):
            episode.status = EpisodeStatus.SCHEDULED
            episode.publish_at = when
            counts.scheduled.append(episode.id)


@in_station_language
def sync_drafts(session: Session, settings: Settings, now: datetime) -> SyncResult:
    """Draft an episode for every new recording of a podcast programme; refresh chapters whose
    live log changed; schedule drafts of auto-publishing programmes whose guests consented.

    Safe to repeat: a second run with nothing new changes nothing.
    """
    counts = _Counts()
    _create_drafts(session, settings, now, counts)
    _refresh_chapters(session, counts)
    _auto_schedule(session, counts)
    session.flush()
    return SyncResult(
        created=tuple(counts.created),
        scheduled=tuple(counts.scheduled),
        chapters_refreshed=counts.refreshed,
    )


def promote_due(session: Session, now: datetime) -> tuple[list[int], list[tuple[int, str]]]:
    """Publish the scheduled episodes whose time has come (``published_at`` = their time).

    Returns the ids published and, for those held back, (id, reason). An episode radiodesk
    scheduled by itself goes back to draft when a guest's consent is no longer given.
    """
    published: list[int] = []
    held: list[tuple[int, str]] = []
    due = session.scalars(
        select(Episode)
        .where(Episode.status == EpisodeStatus.SCHEDULED, Episode.publish_at <= now)
        .order_by(Episode.publish_at, Episode.id)
    ).all()
    for episode in due:
        reasons = blockers(session, episode)
        auto = episode.edited_at is None and not reasons
        if auto and auto_publish_at(session, episode.show, episode.broadcast) is None:
            reasons = [_("a guest has not given consent")]
            episode.status = EpisodeStatus.DRAFT
            episode.publish_at = None
        if reasons:
            held.append((episode.id, "; ".join(reasons)))
            continue
        episode.status = EpisodeStatus.PUBLISHED
        episode.published_at = episode.published_at or episode.publish_at
        published.append(episode.id)
    session.flush()
    return published, held
