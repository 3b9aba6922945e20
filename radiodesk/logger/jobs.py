"""The work after a broadcast: cut it from the logger, archive it through the ordinary
ingest (checksum, link, podcast file, chapters), draft its episode, and publish when due.

The logger notices broadcasts that ended (:class:`AutoCut`) and queues one ``job`` row for
each; a worker process (``radiodesk logger work``, started by the logger) does the queue one
job at a time. A job left ``running`` by a crash is done again by the next worker: cutting
is repeatable, and ingest archives the same bytes only once.
"""

from __future__ import annotations

import fcntl
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from radiodesk import db
from radiodesk.archive.audio import die_with_parent
from radiodesk.archive.ingest import ingest_paths
from radiodesk.config import Settings
from radiodesk.errors import NotFound, RadiodeskError
from radiodesk.i18n import _, format_duration
from radiodesk.logger.cut import write_span
from radiodesk.logger.settings import LoggerSettings, logger_dir, logger_settings
from radiodesk.logger.state import GapInfo, current_state
from radiodesk.models import (
    Broadcast,
    BroadcastStatus,
    Episode,
    EpisodeStatus,
    Job,
    JobKind,
    JobStatus,
    LoggerSegment,
)

# How often the logger looks for ended broadcasts (seconds).
CHECK_EVERY = 5.0
# Broadcasts further back than this are not cut by themselves.
LOOK_BACK = timedelta(days=2)
MAX_ATTEMPTS = 3
# A job still to do.
WAITING = (JobStatus.QUEUED, JobStatus.RUNNING)
# Seconds between two workers started only for waiting transcripts (a model that cannot be
# loaded is tried again at most this often).
TRANSCRIBE_EVERY = 600.0


@dataclass(frozen=True)
class CutResult:
    """What became of a cut: ``ok``; the archived ``recording_id``; the gaps inside."""

    ok: bool
    text: str
    broadcast_id: int
    recording_id: int | None = None
    start: datetime | None = None
    duration: float | None = None
    gaps: tuple[GapInfo, ...] = field(default_factory=tuple)


def broadcast_span(broadcast: Broadcast, config: LoggerSettings) -> tuple[datetime, datetime]:
    """The air to keep of a broadcast: as-run start/stop else planned, with the programme's
    pre-/post-roll (its file's [logger] table), else the station's ([logger])."""
    start = broadcast.actual_start or broadcast.planned_start
    end = broadcast.actual_end or broadcast.planned_end
    show = broadcast.show
    pre = config.pre_roll if show.pre_roll is None else show.pre_roll
    post = config.post_roll if show.post_roll is None else show.post_roll
    return start - timedelta(seconds=pre), end + timedelta(seconds=post)


def cut_and_archive(settings: Settings, broadcast_id: int, *, now: datetime) -> CutResult:
    """Cut broadcast ``broadcast_id`` from the logger and archive it, linked to it; then draft
    its episode (and schedule it where the programme publishes by itself)."""
    config = logger_settings(settings)
    with db.unit_of_work(settings) as session:
        broadcast = session.get(Broadcast, broadcast_id)
        if broadcast is None:
            raise NotFound(_("There is no broadcast {id}.").format(id=broadcast_id))
        start, end = broadcast_span(broadcast, config)
        # A whole second (a little more pre-roll): the file's name says its first sample.
        start = start.replace(microsecond=0)
        slug = broadcast.show.slug
    local = start.astimezone(settings.zone)
    # Named by its first sample, whole seconds with the offset: ingest reads its start there.
    name = f"{slug}_{local:%Y-%m-%dT%H%M%S%z}"
    # Outside the archive, which ingest takes nothing from.
    work = Path(tempfile.mkdtemp(prefix="radiodesk-cut-"))
    try:
        span = write_span(settings, start, end, work / name)
        report = ingest_paths(settings, [span.path], now=now, broadcast_id=broadcast_id, move=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    done = report.files[0]
    if done.status == "failed":
        return CutResult(False, done.reason, broadcast_id, gaps=span.gaps)
    from radiodesk.publish import sync_drafts

    with db.unit_of_work(settings) as session:
        sync_drafts(session, settings, now)
    text = _("Broadcast {id} cut from the logger ({duration}) and archived as recording {rec}.")
    text = text.format(
        id=broadcast_id, duration=format_duration(span.duration), rec=done.recording_id
    )
    if span.gaps:
        text += " " + _("It has {count} gap(s) the logger did not record.").format(
            count=len(span.gaps)
        )
    return CutResult(
        True, text, broadcast_id, done.recording_id, span.start, span.duration, span.gaps
    )


@dataclass(frozen=True)
class JobInfo:
    """A job of the queue as the desk and CLI show it (times UTC)."""

    id: int
    kind: str
    status: str
    broadcast_id: int | None
    attempts: int
    created_at: datetime
    finished_at: datetime | None
    error: str
    recording_id: int | None


def list_jobs(session: Session, limit: int = 50) -> list[JobInfo]:
    """The newest ``limit`` jobs, newest first."""
    rows = session.scalars(select(Job).order_by(Job.id.desc()).limit(limit)).all()
    return [
        JobInfo(
            r.id,
            r.kind,
            r.status,
            r.broadcast_id,
            r.attempts,
            r.created_at,
            r.finished_at,
            r.error,
            r.recording_id,
        )
        for r in rows
    ]


def queue_ended(session: Session, config: LoggerSettings, now: datetime) -> list[int]:
    """Queue a cut for each broadcast that ended, whose air the logger has recorded past its
    post-roll (or that ended more than an hour ago), with no recording and no job yet."""
    state = current_state(session)
    recorded = state.recorded_until if state is not None else None
    first = session.scalars(
        select(LoggerSegment.start).order_by(LoggerSegment.start).limit(1)
    ).first()
    if first is None:
        return []
    candidates = session.scalars(
        select(Broadcast).where(
            Broadcast.status != BroadcastStatus.CANCELLED,
            Broadcast.planned_end > now - LOOK_BACK,
            Broadcast.planned_start < now,
        )
    ).all()
    queued = []
    for broadcast in candidates:
        start, end = broadcast_span(broadcast, config)
        if end < first or broadcast.status == BroadcastStatus.ON_AIR or broadcast.recordings:
            continue
        ready = (recorded is not None and recorded >= end) or now - end > timedelta(hours=1)
        if not ready or end > now:
            continue
        exists = session.scalars(select(Job.id).where(Job.broadcast_id == broadcast.id)).first()
        if exists is None:
            session.add(Job(kind=JobKind.CUT, broadcast_id=broadcast.id, created_at=now))
            queued.append(broadcast.id)
    return queued


def queue_publish(session: Session, now: datetime) -> bool:
    """Queue a publish when an episode scheduled by itself (its programme publishes without
    an editor) is due, and no publish waits in the queue yet."""
    due = session.scalars(
        select(Episode.id).where(
            Episode.status == EpisodeStatus.SCHEDULED, Episode.publish_at <= now
        )
    ).first()
    waiting = session.scalars(
        select(Job.id).where(Job.kind == JobKind.PUBLISH, Job.status.in_(WAITING))
    ).first()
    if due is None or waiting is not None:
        return False
    session.add(Job(kind=JobKind.PUBLISH, created_at=now))
    return True


def _claim(session: Session, now: datetime) -> tuple[int, str, int | None] | None:
    job = session.scalars(
        select(Job).where(Job.status == JobStatus.QUEUED).order_by(Job.created_at, Job.id).limit(1)
    ).first()
    if job is None:
        return None
    job.status, job.started_at, job.attempts = JobStatus.RUNNING, now, job.attempts + 1
    return job.id, job.kind, job.broadcast_id


def _do(settings: Settings, kind: str, broadcast_id: int | None, now: datetime) -> CutResult:
    if kind == JobKind.PUBLISH:
        from radiodesk.publish import publish

        result = publish(settings, now)
        text = _("Published: {count} episode(s) went public.")
        return CutResult(True, text.format(count=len(result.published_now)), 0)
    assert broadcast_id is not None
    return cut_and_archive(settings, broadcast_id, now=now)


def run_queue(settings: Settings, *, now: Callable[[], datetime]) -> Iterator[str]:
    """Do the queued jobs one at a time until none is left; yields a line per job. Only one
    worker runs per station (a lock); jobs a dead worker left running are done again."""
    lock_path = logger_dir(settings) / ".worker.lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("a") as lock:
        try:
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return
        with db.unit_of_work(settings) as session:
            for job in session.scalars(select(Job).where(Job.status == JobStatus.RUNNING)):
                job.status = JobStatus.QUEUED if job.attempts < MAX_ATTEMPTS else JobStatus.FAILED
        while True:
            with db.unit_of_work(settings) as session:
                claimed = _claim(session, now())
            if claimed is None:
                # Cuts first; then one transcript, and look for cuts again.
                said = transcribe_next(settings, now=now)
                if said is None:
                    return
                yield from said
                continue
            job_id, kind, broadcast_id = claimed
            try:
                result = _do(settings, kind, broadcast_id, now())
                ok, line, recording = result.ok, result.text, result.recording_id
            except RadiodeskError as err:
                ok, line, recording = False, str(err), None
            with db.unit_of_work(settings) as session:
                row = session.get(Job, job_id)
                if row is not None:
                    row.status = JobStatus.DONE if ok else JobStatus.FAILED
                    row.error = "" if ok else line
                    row.recording_id, row.finished_at = recording, now()
            yield line


def _transcribing(settings: Settings) -> bool:
    from radiodesk.transcripts.settings import transcript_settings

    try:
        return transcript_settings(settings).enabled
    except RadiodeskError:
        return False


def transcribe_next(settings: Settings, *, now: Callable[[], datetime]) -> list[str] | None:
    """Transcribe the next queued recording when ``[transcripts] enabled`` (at low priority,
    as ``radiodesk transcribe`` does). Returns its lines, or None when there is nothing to do
    or nothing can be done now (no model, another run working): the worker then stops."""
    from radiodesk.transcripts.queue import next_waiting
    from radiodesk.transcripts.runner import run_queue as transcribe

    if not _transcribing(settings):
        return None
    with db.unit_of_work(settings) as session:
        recording_id = next_waiting(session)
    if recording_id is None:
        return None
    try:
        report = transcribe(settings, now=now, only=[recording_id])
    except RadiodeskError as err:
        # The model cannot be loaded, or a `radiodesk transcribe` is at work: not now.
        print(str(err), file=sys.stderr)
        return None
    return [outcome.text for outcome in report.outcomes]


class AutoCut:
    """Run from the logger's heartbeat: queues ended broadcasts and keeps one worker process
    (``radiodesk logger work``) running while there is work."""

    def __init__(self, settings: Settings, config: LoggerSettings) -> None:
        self.settings = settings
        self.config = config
        self.worker: subprocess.Popen[bytes] | None = None
        self.last = 0.0
        self.transcribed = 0.0

    def tick(self, now: datetime) -> None:
        moment = now.timestamp()
        if moment - self.last < CHECK_EVERY:
            return
        self.last = moment
        with db.unit_of_work(self.settings) as session:
            queue_ended(session, self.config, now)
            queue_publish(session, now)
            # Queued, or left running by a worker that died (the next worker redoes it).
            waiting = session.scalars(select(Job.id).where(Job.status.in_(WAITING))).first()
            if waiting is None and moment - self.transcribed >= TRANSCRIBE_EVERY:
                from radiodesk.transcripts.queue import next_waiting

                if _transcribing(self.settings) and next_waiting(session) is not None:
                    waiting, self.transcribed = -1, moment
        if waiting is not None and (self.worker is None or self.worker.poll() is not None):
            self.worker = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "radiodesk",
                    "--home",
                    str(self.settings.home),
                    "logger",
                    "work",
                ],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                preexec_fn=die_with_parent,  # noqa: PLW1509
            )

    def close(self) -> None:
        if self.worker is not None and self.worker.poll() is None:
            self.worker.wait(timeout=60)
