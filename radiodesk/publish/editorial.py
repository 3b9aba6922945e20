"""The editors' workflow: list and read episodes, edit them, publish, schedule, withdraw.

The desk and ``radiodesk episodes …`` call these. Each takes a ``Session`` (the caller frames
the unit of work) and returns plain dataclasses. An episode is named by its id or its guid.
Publishing or scheduling an episode that may not be public (a guest refused consent, an exempt
broadcast, no podcast file) is refused with one line saying why.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from radiodesk.config import Settings
from radiodesk.errors import Conflict, InputError, NotFound
from radiodesk.i18n import _
from radiodesk.limits import parse_id
from radiodesk.models import (
    Episode,
    EpisodeStatus,
    Show,
)
from radiodesk.publish.episodes import (
    TITLE_LIMIT,
    blockers,
    broadcast_start,
    pick_rendition,
    recording_window,
    redraft_text,
)
from radiodesk.publish.public import Standing, reasons, refused_names
from radiodesk.publish.text import clean_line, clean_text

DESCRIPTION_LIMIT = 20000


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"


UNSET: Any = _Unset()


@dataclass(frozen=True)
class ChapterLine:
    """A chapter: ``start``/``end`` in seconds from the start of the episode."""

    start: float
    end: float
    title: str


@dataclass(frozen=True)
class EpisodeSummary:
    """One episode in a list. Times in UTC; ``duration`` in seconds."""

    id: int
    guid: str
    show_slug: str
    show_title: str
    title: str
    status: EpisodeStatus
    aired: datetime | None
    publish_at: datetime | None
    published_at: datetime | None
    duration: float
    season: int | None
    number: int | None
    blocked: tuple[str, ...]


@dataclass(frozen=True)
class EpisodeDetail:
    """An episode as an editor reviews it. Sizes in bytes, durations in seconds."""

    summary: EpisodeSummary
    description: str
    chapters: tuple[ChapterLine, ...]
    audio_path: str | None
    mime_type: str | None
    size: int | None
    has_transcript: bool
    edited_at: datetime | None


def find_episode(session: Session, ref: int | str) -> Episode:
    """The episode with id ``ref`` (a number) or guid ``ref``; NotFound otherwise."""
    episode: Episode | None = None
    text = str(ref).strip()
    if text.isdigit():
        episode = session.get(Episode, parse_id(text))
    if episode is None:
        episode = session.scalars(select(Episode).where(Episode.guid == text)).first()
    if episode is None:
        raise NotFound(
            _("There is no episode {ref}; see 'radiodesk episodes list'.").format(ref=ref)
        )
    return episode


def _duration(episode: Episode) -> float:
    if episode.recording is None:
        return 0.0
    rendition = pick_rendition(episode.recording, episode.show.audio_format)
    return rendition.duration if rendition is not None else episode.recording.duration


def _aired(episode: Episode) -> datetime | None:
    if episode.broadcast is not None:
        return broadcast_start(episode.broadcast)
    if episode.recording is not None:
        return recording_window(episode.recording, None)[0]
    return None


def summary_of(episode: Episode, blocked: list[str]) -> EpisodeSummary:
    return EpisodeSummary(
        id=episode.id,
        guid=episode.guid,
        show_slug=episode.show.slug,
        show_title=episode.show.title,
        title=episode.title,
        status=episode.status,
        aired=_aired(episode),
        publish_at=episode.publish_at,
        published_at=episode.published_at,
        duration=_duration(episode),
        season=episode.season,
        number=episode.number,
        blocked=tuple(blocked),
    )


def detail_of(session: Session, episode: Episode) -> EpisodeDetail:
    rendition = (
        pick_rendition(episode.recording, episode.show.audio_format)
        if episode.recording is not None
        else None
    )
    return EpisodeDetail(
        summary=summary_of(episode, blockers(session, episode)),
        description=episode.description,
        chapters=tuple(
            ChapterLine(float(c["start"]), float(c["end"]), str(c["title"]))
            for c in episode.chapters or []
        ),
        audio_path=rendition.stored_path if rendition is not None else None,
        mime_type=rendition.mime_type if rendition is not None else None,
        size=rendition.size if rendition is not None else None,
        has_transcript=bool(episode.recording and episode.recording.transcript_path),
        edited_at=episode.edited_at,
    )


def list_episodes(
    session: Session,
    settings: Settings,
    *,
    show: str | None = None,
    status: str | None = None,
    limit: int | None = None,
) -> list[EpisodeSummary]:
    """Episodes, newest broadcast first; optionally of one programme (slug) or one status."""
    stmt = select(Episode).join(Show, Show.id == Episode.show_id)
    if show:
        if session.scalars(select(Show.id).where(Show.slug == show)).first() is None:
            raise NotFound(_("There is no programme '{slug}'.").format(slug=show))
        stmt = stmt.where(Show.slug == show)
    if status:
        try:
            wanted = EpisodeStatus(status)
        except ValueError:
            raise InputError(
                _("status: expected one of {keys}").format(keys=", ".join(EpisodeStatus))
            ) from None
        stmt = stmt.where(Episode.status == wanted)
    stmt = stmt.order_by(Episode.id.desc())
    if limit:
        stmt = stmt.limit(limit)
    episodes = session.scalars(stmt).all()
    # The list shows consent only (a query for all); one episode's detail says everything.
    refused = refused_names(session, [e.broadcast_id for e in episodes])
    rows = []
    for episode in episodes:
        names = tuple(refused.get(episode.broadcast_id or 0, ()))
        blocked = reasons(Standing(episode.status, episode.published_at, refused_names=names))
        rows.append(
            (_aired(episode) or episode.created_at, episode.id, summary_of(episode, blocked))
        )
    rows.sort(key=lambda r: (r[0], r[1]), reverse=True)
    return [r[2] for r in rows]


def episode_detail(session: Session, settings: Settings, ref: int | str) -> EpisodeDetail:
    """One episode with its description and chapters, and why it may not be published."""
    return detail_of(session, find_episode(session, ref))


def _check_number(what: str, value: int | None) -> int | None:
    if value is None or value == 0:
        return None
    if not 1 <= value <= 100000:
        raise InputError(
            _("{what}: expected a whole number from 1 to 100000 (0 clears it)").format(what=what)
        )
    return value


def edit_episode(
    session: Session,
    settings: Settings,
    ref: int | str,
    *,
    now: datetime,
    title: str | None = None,
    description: str | None = None,
    season: int | None = UNSET,
    number: int | None = UNSET,
    redraft: bool = False,
) -> EpisodeDetail:
    """Change an episode's title, description, season or number (0 or None clears those).

    ``redraft`` makes title and description anew from the broadcast (the guests' consent
    as it is now). The guid never changes.
    """
    numbers = {
        name: _check_number(name, value)
        for name, value in (("season", season), ("number", number))
        if value is not UNSET
    }
    episode = find_episode(session, ref)
    written = title is not None or description is not None
    if redraft:
        if episode.recording is None:
            raise Conflict(_("Episode {id} has no recording to draft from.").format(id=episode.id))
        new_title, new_description = redraft_text(session, settings, episode)
        title = new_title if title is None else title
        description = new_description if description is None else description
    if title is not None:
        cleaned = clean_line(title, limit=10 * TITLE_LIMIT)
        if not cleaned:
            raise InputError(_("title: must not be empty"))
        if len(cleaned) > TITLE_LIMIT:
            raise InputError(_("title: longer than {n} characters").format(n=TITLE_LIMIT))
        episode.title = cleaned
    if description is not None:
        cleaned = clean_text(description)
        if len(cleaned) > DESCRIPTION_LIMIT:
            raise InputError(
                _("description: longer than {n} characters").format(n=DESCRIPTION_LIMIT)
            )
        episode.description = cleaned
    if redraft or written:
        # An editor's own words are theirs to keep; a redraft follows consent again.
        episode.drafted = redraft and not written
    if "season" in numbers:
        episode.season = numbers["season"]
    if "number" in numbers:
        episode.number = numbers["number"]
    episode.edited_at = now
    session.flush()
    return detail_of(session, episode)


def _refuse_if_blocked(session: Session, episode: Episode, scheduling: bool) -> None:
    reasons = blockers(session, episode)
    if reasons:
        message = (
            _("Episode {id} cannot be scheduled: {reasons}.")
            if scheduling
            else _("Episode {id} cannot be published: {reasons}.")
        )
        raise Conflict(message.format(id=episode.id, reasons="; ".join(reasons)))


def publish_episode(
    session: Session, settings: Settings, ref: int | str, *, now: datetime
) -> EpisodeDetail:
    """Publish an episode now (it reaches public/ at the next publish). A re-published episode
    keeps its first publication date, so apps do not see it as new."""
    episode = find_episode(session, ref)
    _refuse_if_blocked(session, episode, scheduling=False)
    episode.status = EpisodeStatus.PUBLISHED
    episode.published_at = episode.published_at or now
    episode.publish_at = None
    episode.edited_at = now
    session.flush()
    return detail_of(session, episode)


def schedule_episode(
    session: Session, settings: Settings, ref: int | str, *, at: datetime, now: datetime
) -> EpisodeDetail:
    """Schedule an episode to be published at ``at`` (UTC, in the future)."""
    episode = find_episode(session, ref)
    if at.tzinfo is None:
        raise InputError(_("time: a time zone is needed"))
    if at <= now:
        raise InputError(
            _("time: {at} is not in the future; use 'episodes publish' to publish now").format(
                at=at.isoformat()
            )
        )
    if episode.status == EpisodeStatus.PUBLISHED:
        raise Conflict(
            _("Episode {id} is already published; withdraw it first.").format(id=episode.id)
        )
    _refuse_if_blocked(session, episode, scheduling=True)
    episode.status = EpisodeStatus.SCHEDULED
    episode.publish_at = at
    episode.edited_at = now
    session.flush()
    return detail_of(session, episode)


def withdraw_episode(
    session: Session, settings: Settings, ref: int | str, *, now: datetime
) -> EpisodeDetail:
    """Withdraw an episode: its file and feed item go at the next publish."""
    episode = find_episode(session, ref)
    episode.status = EpisodeStatus.WITHDRAWN
    episode.publish_at = None
    episode.edited_at = now
    session.flush()
    return detail_of(session, episode)
