"""Looking at the archive: lists, one recording in detail, the unlinked ones, linking.

Everything returned is plain frozen data, safe to hand to the desk or to print.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from radiodesk import db
from radiodesk.archive.matching import fitting_broadcasts, nearest_broadcasts
from radiodesk.archive.render import (
    RenditionInfo,
    recording_chapters,
    recording_title,
    render_recording,
)
from radiodesk.config import Settings
from radiodesk.errors import NotFound
from radiodesk.i18n import _
from radiodesk.interviews.chapters import Chapter
from radiodesk.models import AccessClass, Broadcast, BroadcastStatus, Recording, Rendition, Show


@dataclass(frozen=True)
class BroadcastSummary:
    """A broadcast as the archive shows it. ``start``/``end`` in UTC (actual where known)."""

    id: int
    show_slug: str
    show_title: str
    title: str
    topic: str
    start: datetime
    end: datetime
    status: BroadcastStatus
    access_class: AccessClass
    handover: bool


@dataclass(frozen=True)
class RenditionSummary:
    id: int
    stored_path: str
    format: str
    mime_type: str
    size: int
    duration: float
    bit_rate: int | None
    loudness: float | None
    true_peak: float | None
    verified_at: datetime | None
    verified_ok: bool | None


@dataclass(frozen=True)
class RecordingSummary:
    """One line of the archive list. Duration in seconds, size in bytes, times in UTC."""

    id: int
    title: str
    original_name: str
    stored_path: str
    duration: float
    size: int
    container: str
    recorded_start: datetime | None
    ingested_at: datetime
    broadcast_id: int | None
    show_slug: str | None
    parent_id: int | None
    renditions: int
    verified_ok: bool | None


@dataclass(frozen=True)
class RecordingDetail:
    """Everything about one recording: its master, broadcast, renditions, chapters, clips."""

    summary: RecordingSummary
    sha256: str
    codec: str
    sample_rate: int | None
    channels: int | None
    bit_rate: int | None
    loudness: float | None
    clip_start: float | None
    clip_end: float | None
    transcript_path: str | None
    verified_at: datetime | None
    broadcast: BroadcastSummary | None
    renditions: tuple[RenditionSummary, ...]
    chapters: tuple[Chapter, ...]
    clips: tuple[int, ...]


@dataclass(frozen=True)
class UnlinkedRecording:
    """An unlinked recording with the broadcasts that fit it (several) or are nearest."""

    recording: RecordingSummary
    fitting: tuple[BroadcastSummary, ...]
    nearest: tuple[BroadcastSummary, ...]


@dataclass(frozen=True)
class LinkResult:
    recording_id: int
    broadcast: BroadcastSummary
    rendition: RenditionInfo | None


def broadcast_summary(broadcast: Broadcast) -> BroadcastSummary:
    return BroadcastSummary(
        id=broadcast.id,
        show_slug=broadcast.show.slug,
        show_title=broadcast.show.title,
        title=broadcast.title or broadcast.show.title,
        topic=broadcast.topic,
        start=broadcast.actual_start or broadcast.planned_start,
        end=broadcast.actual_end or broadcast.planned_end,
        status=broadcast.status,
        access_class=broadcast.access_class,
        handover=broadcast.handover,
    )


def _summary(session: Session, settings: Settings, row: Recording) -> RecordingSummary:
    count = session.scalar(
        select(func.count()).select_from(Rendition).where(Rendition.recording_id == row.id)
    )
    return RecordingSummary(
        id=row.id,
        title=recording_title(row, settings.zone),
        original_name=row.original_name,
        stored_path=row.stored_path,
        duration=row.duration,
        size=row.size,
        container=row.container,
        recorded_start=row.recorded_start,
        ingested_at=row.ingested_at,
        broadcast_id=row.broadcast_id,
        show_slug=row.broadcast.show.slug if row.broadcast else None,
        parent_id=row.parent_id,
        renditions=int(count or 0),
        verified_ok=row.verified_ok,
    )


def list_recordings(
    session: Session,
    settings: Settings,
    *,
    show: str | None = None,
    unlinked: bool = False,
    limit: int | None = None,
) -> list[RecordingSummary]:
    """Recordings, newest first; only one programme's (slug), or only the unlinked ones."""
    query = select(Recording).order_by(Recording.recorded_start.desc(), Recording.id.desc())
    if unlinked:
        query = query.where(Recording.broadcast_id.is_(None))
    if show:
        query = (
            query.join(Broadcast, Recording.broadcast_id == Broadcast.id)
            .join(Show, Broadcast.show_id == Show.id)
            .where(Show.slug == show)
        )
    if limit:
        query = query.limit(limit)
    return [_summary(session, settings, row) for row in session.scalars(query)]


def _recording(session: Session, recording_id: int) -> Recording:
    row = session.get(Recording, recording_id)
    if row is None:
        raise NotFound(_("There is no recording {id}.").format(id=recording_id))
    return row


def recording_detail(session: Session, settings: Settings, recording_id: int) -> RecordingDetail:
    """One recording with its broadcast, renditions, chapters and clips."""
    row = _recording(session, recording_id)
    renditions = session.scalars(
        select(Rendition).where(Rendition.recording_id == row.id).order_by(Rendition.id)
    ).all()
    clips = session.scalars(
        select(Recording.id).where(Recording.parent_id == row.id).order_by(Recording.id)
    ).all()
    return RecordingDetail(
        summary=_summary(session, settings, row),
        sha256=row.sha256,
        codec=row.codec,
        sample_rate=row.sample_rate,
        channels=row.channels,
        bit_rate=row.bit_rate,
        loudness=row.loudness,
        clip_start=row.clip_start,
        clip_end=row.clip_end,
        transcript_path=row.transcript_path,
        verified_at=row.verified_at,
        broadcast=broadcast_summary(row.broadcast) if row.broadcast else None,
        renditions=tuple(
            RenditionSummary(
                id=r.id,
                stored_path=r.stored_path,
                format=r.format,
                mime_type=r.mime_type,
                size=r.size,
                duration=r.duration,
                bit_rate=r.bit_rate,
                loudness=r.loudness,
                true_peak=r.true_peak,
                verified_at=r.verified_at,
                verified_ok=r.verified_ok,
            )
            for r in renditions
        ),
        chapters=tuple(recording_chapters(session, row)),
        clips=tuple(clips),
    )


def unlinked_recordings(session: Session, settings: Settings) -> list[UnlinkedRecording]:
    """Recordings that belong to no broadcast yet, with suggestions for the operator."""
    result: list[UnlinkedRecording] = []
    for summary in list_recordings(session, settings, unlinked=True):
        fitting: list[BroadcastSummary] = []
        nearest: list[BroadcastSummary] = []
        if summary.recorded_start is not None:
            for ref in fitting_broadcasts(session, summary.recorded_start):
                broadcast = session.get(Broadcast, ref.id)
                assert broadcast is not None
                fitting.append(broadcast_summary(broadcast))
            if not fitting:
                for ref in nearest_broadcasts(session, summary.recorded_start):
                    broadcast = session.get(Broadcast, ref.id)
                    assert broadcast is not None
                    nearest.append(broadcast_summary(broadcast))
        result.append(UnlinkedRecording(summary, tuple(fitting), tuple(nearest)))
    return result


def link_recording(
    settings: Settings,
    recording_id: int,
    broadcast_id: int,
    *,
    now: datetime,
    render: bool = True,
) -> LinkResult:
    """Link a recording (and its clips) to a broadcast, then make its podcast rendition.

    The master keeps its name and bytes; a rendition made for another broadcast is replaced.
    """
    from radiodesk.archive.matching import broadcast_ref

    with db.unit_of_work(settings) as session:
        row = _recording(session, recording_id)
        broadcast_ref(session, broadcast_id)
        previous = row.broadcast_id
        row.broadcast_id = broadcast_id
        for clip in session.scalars(select(Recording).where(Recording.parent_id == row.id)):
            if clip.broadcast_id in (None, previous):
                clip.broadcast_id = broadcast_id
        session.flush()
        broadcast = session.get(Broadcast, broadcast_id)
        assert broadcast is not None
        summary = broadcast_summary(broadcast)
    rendition = render_recording(settings, recording_id, now=now) if render else None
    return LinkResult(recording_id, summary, rendition)
