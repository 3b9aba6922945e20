"""The transcript queue: which recordings wait, what state each transcript is in, approval.

New recordings (ingest, the logger's cuts, the demo) are queued by :func:`queue_recording`
when ``[transcripts]`` wants their programme; ``radiodesk transcribe`` runs the queue
(:mod:`radiodesk.transcripts.runner`). A transcript is public only once an editor approved
it: :func:`approve` makes it the recording's transcript, the one publishing reads.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Result, select
from sqlalchemy.orm import Session

from radiodesk.config import Settings
from radiodesk.errors import InputError, NotFound, RadiodeskError
from radiodesk.i18n import _
from radiodesk.models import Recording, Transcript, TranscriptStatus
from radiodesk.transcripts.settings import TranscriptSettings, transcript_settings


@dataclass(frozen=True)
class TranscriptInfo:
    """A transcript as the desk and the CLI show it (times UTC, seconds)."""

    recording_id: int
    recording: str
    status: str
    chunks_done: int
    chunks_total: int
    cues: int
    path: str | None
    model: str
    error: str
    approved: bool
    duration: float
    work_seconds: float | None
    finished_at: datetime | None
    # Given by an editor (``radiodesk transcript replace``), not made by the model.
    edited: bool = False

    @property
    def working(self) -> bool:
        """Being made, or stopped midway (its finished chunks kept)."""
        return self.status == TranscriptStatus.RUNNING or (
            self.status == TranscriptStatus.QUEUED and bool(self.chunks_done)
        )


def language_of(recording: Recording, settings: Settings) -> str:
    if recording.broadcast is not None:
        return recording.broadcast.show.language or settings.station.language
    return settings.station.language


def _wanted(recording: Recording, config: TranscriptSettings) -> bool:
    show = recording.broadcast.show if recording.broadcast is not None else None
    return config.wants(show.slug if show else None, show.category if show else None)


def _new(session: Session, recording: Recording, settings: Settings, model: str) -> Transcript:
    row = Transcript(
        recording_id=recording.id,
        status=TranscriptStatus.QUEUED,
        language=language_of(recording, settings),
        model=model,
        error="",
    )
    session.add(row)
    return row


def _queue(
    session: Session, settings: Settings, config: TranscriptSettings, recording: Recording
) -> bool:
    # The recording has no Transcript row: ingest passes one just added, queue_pending
    # only those without.
    if recording.transcript_path or recording.parent_id is not None:
        return False
    if not _wanted(recording, config):
        return False
    _new(session, recording, settings, config.model)
    return True


def queue_recording(session: Session, settings: Settings, recording: Recording) -> bool:
    """Queue a newly archived recording when ``[transcripts]`` wants its programme and it
    came without a transcript of its own. True when queued. Settings that cannot be read
    queue nothing here (``radiodesk transcribe`` says what is wrong with them)."""
    try:
        config = transcript_settings(settings)
    except RadiodeskError:
        return False
    return _queue(session, settings, config, recording)


def queue_pending(session: Session, settings: Settings) -> int:
    """Queue every recording ``[transcripts]`` wants that has no transcript yet (those
    archived before transcripts were switched on). Returns how many were queued."""
    config = transcript_settings(settings)
    if not config.enabled:
        return 0
    queued = 0
    done = select(Transcript.recording_id)
    for recording in session.scalars(
        select(Recording).where(Recording.id.not_in(done)).order_by(Recording.id)
    ):
        if _queue(session, settings, config, recording):
            queued += 1
    return queued


def queue_recordings(session: Session, settings: Settings, ids: Iterable[int]) -> list[int]:
    """Queue the recordings ``ids`` as asked (whatever their programme); a failed transcript
    is queued again. Returns the ids that will be transcribed (not those already done)."""
    config = transcript_settings(settings)
    todo: list[int] = []
    for recording_id in ids:
        recording = session.get(Recording, recording_id)
        if recording is None:
            raise NotFound(_("There is no recording {id}.").format(id=recording_id))
        row = session.scalar(select(Transcript).where(Transcript.recording_id == recording_id))
        if row is None:
            row = _new(session, recording, settings, config.model)
        elif row.status == TranscriptStatus.FAILED:
            row.status, row.error = TranscriptStatus.QUEUED, ""
        if row.status != TranscriptStatus.DONE:
            todo.append(recording_id)
    return todo


def transcript_states(session: Session, ids: Iterable[int] | None = None) -> list[TranscriptInfo]:
    """Every transcript (or those of the recordings ``ids``), oldest queued first."""
    query = select(Transcript, Recording).join(Recording, Recording.id == Transcript.recording_id)
    if ids is not None:
        query = query.where(Transcript.recording_id.in_(list(ids)))
    return [
        TranscriptInfo(
            recording_id=t.recording_id,
            recording=r.title or r.original_name,
            status=t.status,
            chunks_done=t.chunks_done,
            chunks_total=t.chunks_total,
            cues=t.cues,
            path=t.path,
            model=t.model,
            error=t.error,
            approved=t.approved_at is not None,
            duration=r.duration,
            work_seconds=t.work_seconds,
            finished_at=t.finished_at,
            edited=bool(t.settings and t.settings.get("edited_by")),
        )
        for t, r in session.execute(query.order_by(Transcript.id))
    ]


def refuse_own_transcript(recording: Recording, path: str | None) -> None:
    """InputError when ``recording`` came with a transcript of its own (not ``path``): an
    automatic or edited one does not take its place."""
    if recording.transcript_path and recording.transcript_path != path:
        raise InputError(
            _("Recording {id} already has a transcript of its own: {path}").format(
                id=recording.id, path=recording.transcript_path
            )
        )


def approve(session: Session, recording_id: int, now: datetime) -> TranscriptInfo:
    """An editor approves the automatic transcript of recording ``recording_id`` for
    publication: it becomes the recording's transcript (what publishing and bags carry)."""
    row = session.scalar(select(Transcript).where(Transcript.recording_id == recording_id))
    if row is None or row.status != TranscriptStatus.DONE or not row.path:
        raise InputError(
            _("Recording {id} has no finished transcript to approve.").format(id=recording_id)
        )
    recording = session.get(Recording, recording_id)
    assert recording is not None
    refuse_own_transcript(recording, row.path)
    row.approved_at = row.approved_at or now
    recording.transcript_path = row.path
    session.flush()
    return transcript_states(session, [recording_id])[0]


def waiting(session: Session) -> Result[int, int]:
    """(transcript id, recording id) of every transcript still to make, in the order they are
    made: one left running by a crash first ('running' sorts after 'queued'), then the queue,
    oldest first."""
    return session.execute(
        select(Transcript.id, Transcript.recording_id)
        .where(Transcript.status.in_((TranscriptStatus.RUNNING, TranscriptStatus.QUEUED)))
        .order_by(Transcript.status.desc(), Transcript.id)
    )


def next_waiting(session: Session) -> int | None:
    """The recording whose transcript is next to make, or None when the queue is empty."""
    first = waiting(session).first()
    return first.recording_id if first is not None else None
