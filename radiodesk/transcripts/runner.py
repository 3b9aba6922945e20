"""Running the transcript queue: one recording at a time, at low CPU priority, one chunk per
unit of work, so a run killed (even with kill -9) resumes at the chunk it was in.

A recording that cannot be transcribed (its master missing, unreadable) is marked failed with
one line saying why, and the queue goes on. A model that cannot be loaded stops the run
(nothing else could be done) and leaves the queue as it was.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select

from radiodesk import db
from radiodesk.archive.store import Partial, sha256_file, transcript_rel
from radiodesk.config import Settings
from radiodesk.errors import Conflict, RadiodeskError
from radiodesk.i18n import _
from radiodesk.models import Recording, Transcript, TranscriptChunk, TranscriptStatus
from radiodesk.transcripts.engine import (
    chunk_count,
    decode_chunk,
    model_settings,
    transcribe_chunk,
)
from radiodesk.transcripts.model import load_model
from radiodesk.transcripts.queue import waiting
from radiodesk.transcripts.settings import TranscriptSettings, transcript_settings
from radiodesk.transcripts.vtt import webvtt

# (seconds of audio done, seconds in all, recording id): for a progress bar.
ProgressFn = Callable[[float, float, int], None]
NICENESS = 10


@dataclass(frozen=True)
class Outcome:
    """What became of one recording: ``status`` done or failed; ``text`` one line."""

    recording_id: int
    status: str
    text: str
    cues: int = 0


@dataclass(frozen=True)
class RunReport:
    outcomes: tuple[Outcome, ...]

    @property
    def failed(self) -> int:
        return sum(1 for o in self.outcomes if o.status == TranscriptStatus.FAILED)


def _lower_priority() -> None:
    # The desk, the logger and the studio come first.
    try:
        current = os.getpriority(os.PRIO_PROCESS, 0)
        if current < NICENESS:
            os.setpriority(os.PRIO_PROCESS, 0, NICENESS)
    except OSError:
        pass


@contextmanager
def _one_run(settings: Settings) -> Iterator[None]:
    """One run of the queue per station at a time (a lock on archive/.transcribe.lock)."""
    settings.archive_dir.mkdir(parents=True, exist_ok=True)
    with open(settings.archive_dir / ".transcribe.lock", "a", encoding="ascii") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Conflict(_("Another transcription run is working on this station.")) from None
        yield


def _next(settings: Settings, only: set[int] | None, tried: set[int]) -> int | None:
    """The next transcript to work on: one left running by a crash first, then the queue."""
    with db.unit_of_work(settings) as session:
        for transcript_id, recording_id in waiting(session):
            if transcript_id not in tried and (only is None or recording_id in only):
                return int(transcript_id)
    return None


class _Run:
    def __init__(
        self, settings: Settings, progress: ProgressFn | None, now: Callable[[], datetime]
    ):
        self.settings = settings
        self.config: TranscriptSettings = transcript_settings(settings)
        self.progress = progress
        self.now = now
        self.model: Any = None

    def model_for(self) -> Any:
        if self.model is None:
            self.model = load_model(self.config.model, self.config.threads)
        return self.model

    def start(self, transcript_id: int) -> tuple[int, Path, float, str, dict[str, Any], int]:
        """Mark it running; chunks made with other settings are dropped."""
        config = self.config
        with db.unit_of_work(self.settings) as session:
            row = session.get(Transcript, transcript_id)
            assert row is not None
            recording = session.get(Recording, row.recording_id)
            assert recording is not None
            made_with = model_settings(
                config.model, row.language, config.threads, config.chunk_seconds
            )
            if row.settings != made_with:
                session.execute(
                    delete(TranscriptChunk).where(TranscriptChunk.transcript_id == row.id)
                )
                row.chunks_done, row.work_seconds = 0, 0.0
            total = chunk_count(recording.duration, config.chunk_seconds)
            row.status, row.settings, row.model, row.chunks_total = (
                TranscriptStatus.RUNNING,
                made_with,
                config.model,
                total,
            )
            row.started_at = row.started_at or self.now()
            row.error = ""
            return (
                row.recording_id,
                self.settings.archive_dir / recording.stored_path,
                recording.duration,
                row.language,
                made_with,
                total,
            )

    def transcribe(self, transcript_id: int) -> Outcome:
        recording_id, master, duration, language, made_with, total = self.start(transcript_id)
        if not master.is_file():
            raise RadiodeskError(
                _("The master of recording {id} is missing: {path}").format(
                    id=recording_id, path=master
                )
            )
        chunk = self.config.chunk_seconds
        with db.unit_of_work(self.settings) as session:
            done = set(
                session.scalars(
                    select(TranscriptChunk.number).where(
                        TranscriptChunk.transcript_id == transcript_id
                    )
                )
            )
        for number in range(total):
            if number in done:
                continue
            if self.progress:
                self.progress(min(duration, number * chunk), duration, recording_id)
            began = time.monotonic()
            samples = decode_chunk(master, number * chunk, chunk)
            cues = transcribe_chunk(self.model_for(), samples, number * chunk, language)
            with db.unit_of_work(self.settings) as session:
                session.add(TranscriptChunk(transcript_id=transcript_id, number=number, cues=cues))
                row = session.get(Transcript, transcript_id)
                assert row is not None
                row.chunks_done = (row.chunks_done or 0) + 1
                row.work_seconds = (row.work_seconds or 0.0) + time.monotonic() - began
        return self.finish(transcript_id, recording_id, made_with, duration)

    def finish(
        self, transcript_id: int, recording_id: int, made_with: dict[str, Any], duration: float
    ) -> Outcome:
        """Join the chunks' cues into the WebVTT file beside the master, checksummed."""
        with db.unit_of_work(self.settings) as session:
            chunks = session.scalars(
                select(TranscriptChunk)
                .where(TranscriptChunk.transcript_id == transcript_id)
                .order_by(TranscriptChunk.number)
            ).all()
            cues = [cue for chunk in chunks for cue in chunk.cues]
            recording = session.get(Recording, recording_id)
            assert recording is not None
            rel = transcript_rel(recording.stored_path, ".vtt")
            final = self.settings.archive_dir / rel
            with Partial(final) as partial:
                partial.path.write_text(webvtt(cues, made_with), encoding="utf-8")
                partial.sync()
                partial.place()
            row = session.get(Transcript, transcript_id)
            assert row is not None
            row.status, row.path, row.cues = TranscriptStatus.DONE, rel, len(cues)
            row.sha256, row.size = sha256_file(final), final.stat().st_size
            row.finished_at = self.now()
            session.execute(delete(TranscriptChunk).where(TranscriptChunk.transcript_id == row.id))
        if self.progress:
            self.progress(duration, duration, recording_id)
        if not cues:
            text = _("Recording {id}: no speech found; its transcript is empty.")
        else:
            text = _("Recording {id} transcribed: {cues} cues.")
        return Outcome(
            recording_id,
            TranscriptStatus.DONE,
            text.format(id=recording_id, cues=len(cues)),
            len(cues),
        )

    def fail(self, transcript_id: int, reason: str) -> Outcome:
        with db.unit_of_work(self.settings) as session:
            row = session.get(Transcript, transcript_id)
            assert row is not None
            row.status, row.error, row.finished_at = TranscriptStatus.FAILED, reason, self.now()
            recording_id = row.recording_id
        text = _("Recording {id} not transcribed: {reason}").format(id=recording_id, reason=reason)
        return Outcome(recording_id, TranscriptStatus.FAILED, text)


def run_queue(
    settings: Settings,
    *,
    now: Callable[[], datetime],
    only: Iterable[int] | None = None,
    progress: ProgressFn | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> RunReport:
    """Transcribe the queued recordings (or only those of ``only``), one at a time, at low
    priority, one run per station. A model that cannot be loaded raises RadiodeskError (the
    queue stays), as does a second run while one works (Conflict)."""
    run = _Run(settings, progress, now)
    _lower_priority()
    wanted = set(only) if only is not None else None
    tried: set[int] = set()
    outcomes: list[Outcome] = []
    with _one_run(settings):
        while (transcript_id := _next(settings, wanted, tried)) is not None:
            tried.add(transcript_id)
            if run.model is None:
                run.model_for()  # a model that cannot be loaded stops here, the queue untouched
            try:
                outcome = run.transcribe(transcript_id)
            except RadiodeskError as err:
                outcome = run.fail(transcript_id, str(err))
            except Exception as err:  # noqa: BLE001 - one recording's failure stops no other
                outcome = run.fail(transcript_id, f"{type(err).__name__}: {err}".splitlines()[0])
            outcomes.append(outcome)
            if on_outcome:
                on_outcome(outcome)
    return RunReport(tuple(outcomes))
