"""Ingest: recordings from the studio recorder into the archive, one file at a time.

For each file: its SHA-256 (the same bytes are archived once); a probe; one decoding pass for
the exact duration and the loudness, run while the master is copied under a temporary name,
flushed and checked against the checksum read back from the disk; the broadcast it belongs
to; then the master gets its final name, its row is committed, and the podcast rendition is
made. Each file is its own unit of work: a bad file fails alone, with one line saying why,
and leaves nothing behind. See :mod:`radiodesk.archive.store` for what a crash leaves.
"""

from __future__ import annotations

import logging
import os
import stat
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from radiodesk import db
from radiodesk.archive import audio
from radiodesk.archive.headers import declared_duration
from radiodesk.archive.matching import (
    BroadcastRef,
    Match,
    StartTime,
    broadcast_ref,
    match_broadcast,
    recording_start,
)
from radiodesk.archive.render import RenditionInfo, render_recording
from radiodesk.archive.sources import (
    archive_transcript,
    collect_paths,
    inside,
    printable,
    transcript_beside,
)
from radiodesk.archive.store import (
    Partial,
    checkpoint,
    copy_file,
    master_rel,
    safe_extension,
    sha256_file,
    sweep_partials,
)
from radiodesk.config import Settings
from radiodesk.errors import InputError, RadiodeskError
from radiodesk.i18n import _, format_duration
from radiodesk.models import Recording, Rendition
from radiodesk.transcripts.queue import queue_recording as queue_transcript

log = logging.getLogger(__name__)

# Decoded audio may end this much before the length the header declares (encoder padding).
TRUNCATION_SLACK = 1.0
# Share of one file's progress taken by each stage.
_STAGES = {"hash": (0.0, 0.1), "copy": (0.1, 0.4), "render": (0.4, 0.85), "measure": (0.85, 1.0)}


@dataclass(frozen=True)
class IngestProgress:
    """Where a batch is: file ``index`` of ``count``, its ``stage`` and ``fraction`` (0..1)."""

    path: str
    index: int
    count: int
    stage: str
    fraction: float

    @property
    def overall(self) -> float:
        """The whole batch's progress, 0..1."""
        return min(1.0, (self.index + self.fraction) / self.count) if self.count else 1.0


ProgressCallback = Callable[[IngestProgress], None]


@dataclass(frozen=True)
class IngestedFile:
    """What became of one file: ``status`` is archived, duplicate or failed (with ``reason``).

    ``candidates`` are the broadcasts that fit an unlinked recording (several, or none);
    ``duration`` is in seconds; ``recorded_start`` in UTC, read from ``start_source``
    (broadcast, name, tag or mtime).
    """

    path: str
    status: str
    recording_id: int | None = None
    reason: str = ""
    stored_path: str | None = None
    duration: float | None = None
    recorded_start: datetime | None = None
    start_source: str = ""
    broadcast_id: int | None = None
    show_title: str | None = None
    candidates: tuple[int, ...] = ()
    rendition: RenditionInfo | None = None
    transcript_path: str | None = None
    moved: bool = False
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class IngestReport:
    files: tuple[IngestedFile, ...]

    def _with(self, status: str) -> tuple[IngestedFile, ...]:
        return tuple(f for f in self.files if f.status == status)

    @property
    def archived(self) -> tuple[IngestedFile, ...]:
        return self._with("archived")

    @property
    def duplicates(self) -> tuple[IngestedFile, ...]:
        return self._with("duplicate")

    @property
    def failed(self) -> tuple[IngestedFile, ...]:
        return self._with("failed")


@dataclass(frozen=True)
class _Existing:
    id: int
    stored_path: str
    has_rendition: bool
    podcast: bool


class _FileJob:
    """The ingest of one file (see the module docstring for the steps)."""

    def __init__(
        self,
        settings: Settings,
        path: Path,
        index: int,
        count: int,
        *,
        now: datetime,
        explicit: BroadcastRef | None,
        move: bool,
        render: bool,
        progress: ProgressCallback | None,
    ) -> None:
        self.settings = settings
        self.path = path
        self.name = printable(path)
        self.index, self.count = index, count
        self.now = now
        self.explicit = explicit
        self.move, self.render = move, render
        self.progress = progress
        self.notes: list[str] = []

    # progress -----------------------------------------------------------------------------
    def report(self, stage: str, fraction: float) -> None:
        if self.progress is None:
            return
        low, high = _STAGES.get(stage, (1.0, 1.0))
        share = low + (high - low) * max(0.0, min(1.0, fraction))
        self.progress(IngestProgress(self.name, self.index, self.count, stage, share))

    # steps --------------------------------------------------------------------------------
    def run(self) -> IngestedFile:
        info = os.stat(self.path)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(_("not a regular file"))
        if info.st_size == 0:
            raise InputError(_("empty file (0 bytes)"))
        if inside(self.path, self.settings.archive_dir):
            raise InputError(_("is inside the archive folder"))
        size = info.st_size
        done = [0]

        def hashed(n: int) -> None:
            done[0] += n
            self.report("hash", done[0] / size)

        sha = sha256_file(self.path, hashed)
        existing = self.existing(sha)
        if existing is not None:
            return self.duplicate(existing, sha)
        probed = audio.probe(self.path)
        declared = declared_duration(self.path, probed)
        start, match = self.place_in_schedule(probed)
        linked = match.broadcast
        zone = self.settings.zone
        ext = safe_extension(probed.extension or self.path.suffix)
        rel = master_rel(
            linked.show_slug if linked else None, start.moment.astimezone(zone), sha, ext
        )
        final = self.settings.archive_dir / rel
        final.parent.mkdir(parents=True, exist_ok=True)
        sweep_partials(final.parent)
        will_render = bool(self.render and linked and linked.podcast)
        mix = linked.audio_channels if will_render and linked else None
        adopted = self.adopt(final, rel, sha, size)
        with Partial(final) as partial:
            analysis = self.copy_and_analyse(partial.path, sha, size, probed, adopted, mix)
            self.check_whole(analysis, declared)
            if not adopted:
                checkpoint("master-before-place")
                partial.place()
        checkpoint("master-placed")
        transcript = self.archive_transcript(rel)
        try:
            with db.unit_of_work(self.settings) as session:
                row = Recording(
                    sha256=sha,
                    original_name=printable(self.path.name)[:500],
                    stored_path=rel,
                    size=size,
                    container=probed.container,
                    codec=probed.codec,
                    duration=analysis.duration,
                    sample_rate=probed.sample_rate,
                    channels=probed.channels,
                    bit_rate=probed.bit_rate,
                    loudness=analysis.loudness,
                    recorded_start=start.moment,
                    broadcast_id=linked.id if linked else None,
                    title="",
                    transcript_path=transcript,
                    ingested_at=self.now,
                )
                session.add(row)
                session.flush()
                recording_id = row.id
                queue_transcript(session, self.settings, row)
        except IntegrityError:
            # The same bytes were archived by someone else a moment ago.
            again = self.existing(sha)
            if again is None:
                raise
            return self.duplicate(again, sha)
        checkpoint("master-committed")
        rendition, failure = None, ""
        if will_render:
            try:
                rendition = render_recording(
                    self.settings,
                    recording_id,
                    now=self.now,
                    analysis=analysis,
                    progress=self.report,
                )
            except RadiodeskError as err:
                failure = _(
                    "archived as recording {id}, but its podcast file failed: {reason}"
                ).format(id=recording_id, reason=err)
        if rendition is not None:
            self.notes.extend(rendition.notes)
        moved = False
        if self.move and not failure:
            self.remove_original()
            moved = True
        return IngestedFile(
            path=self.name,
            status="failed" if failure else "archived",
            recording_id=recording_id,
            reason=failure,
            stored_path=rel,
            duration=analysis.duration,
            recorded_start=start.moment,
            start_source=start.source,
            broadcast_id=linked.id if linked else None,
            show_title=linked.show_title if linked else None,
            candidates=tuple(c.id for c in match.candidates),
            rendition=rendition,
            transcript_path=transcript,
            moved=moved,
            notes=tuple(self.notes + list(start.notes)),
        )

    def existing(self, sha: str) -> _Existing | None:
        with db.unit_of_work(self.settings) as session:
            row = session.scalars(select(Recording).where(Recording.sha256 == sha)).first()
            if row is None:
                return None
            renditions = session.scalar(
                select(func.count()).select_from(Rendition).where(Rendition.recording_id == row.id)
            )
            podcast = bool(row.broadcast and row.broadcast.show.podcast)
            return _Existing(row.id, row.stored_path, bool(renditions), podcast)

    def duplicate(self, existing: _Existing, sha: str) -> IngestedFile:
        rendition = None
        if self.render and existing.podcast and not existing.has_rendition:
            # An earlier ingest stopped before its podcast file: finish it now.
            rendition = render_recording(
                self.settings, existing.id, now=self.now, progress=self.report
            )
        moved = False
        if self.move:
            master = self.settings.archive_dir / existing.stored_path
            if not master.is_file() or sha256_file(master) != sha:
                raise InputError(
                    _(
                        "already archived as recording {id}, but the archived copy is missing"
                        " or damaged; the original is kept"
                    ).format(id=existing.id)
                )
            self.remove_original()
            moved = True
        return IngestedFile(
            path=self.name,
            status="duplicate",
            recording_id=existing.id,
            stored_path=existing.stored_path,
            rendition=rendition,
            moved=moved,
        )

    def place_in_schedule(self, probed: audio.Probe) -> tuple[StartTime, Match]:
        start = recording_start(self.path, self.settings.zone, self.now, probed.duration)
        explicit = self.explicit
        if explicit is None:
            with db.unit_of_work(self.settings) as session:
                return start, match_broadcast(session, start.moment)
        if start.source == "mtime":
            # Told which broadcast it is, and no better clue: it started with the broadcast.
            start = StartTime(explicit.start, "broadcast", start.notes)
        return start, Match(explicit)

    def adopt(self, final: Path, rel: str, sha: str, size: int) -> bool:
        """True when the master is already in place: left by an ingest that was cut off
        between renaming the file and committing its row."""
        candidates = [final] if final.exists() else []
        masters = self.settings.archive_dir / "masters"
        if not candidates and masters.is_dir():
            # Left under another name: the broadcast or start was read differently then.
            candidates = [
                p
                for p in masters.glob(f"*/*/*/*-{sha[:8]}{final.suffix}")
                if not p.name.startswith(".")
            ]
        for candidate in candidates:
            other = str(candidate.relative_to(self.settings.archive_dir))
            with db.unit_of_work(self.settings) as session:
                taken = session.scalar(
                    select(func.count())
                    .select_from(Recording)
                    .where(Recording.stored_path == other)
                )
            if taken or candidate.stat().st_size != size or sha256_file(candidate) != sha:
                if candidate == final:
                    raise InputError(
                        _("{file} is already in the archive with other content").format(file=rel)
                    )
                continue
            if candidate != final:
                os.replace(candidate, final)
            return True
        return False

    def copy_and_analyse(
        self,
        partial: Path,
        sha: str,
        size: int,
        probed: audio.Probe,
        adopted: bool,
        mix: int | None,
    ) -> audio.Analysis:
        """Copy the master (in a thread, mostly waiting on the disk) while ffmpeg decodes it."""
        copied = [0]
        lock = threading.Lock()

        def counted(n: int) -> None:
            with lock:
                copied[0] += n

        def copy_and_check() -> None:
            copy_file(self.path, partial, counted)
            if sha256_file(partial, counted, from_disk=True) != sha:
                raise InputError(
                    _("the copy does not match the original (is it still being written?)")
                )

        def decoded(fraction: float) -> None:
            with lock:
                copy_share = 1.0 if adopted else copied[0] / (2 * size)
            self.report("copy", (fraction + copy_share) / 2)

        with ThreadPoolExecutor(max_workers=1) as pool:
            future = None if adopted else pool.submit(copy_and_check)
            try:
                analysis = audio.analyse(
                    self.path,
                    mix_channels=mix,
                    channels=probed.channels,
                    duration_hint=probed.duration,
                    on_progress=decoded,
                )
            finally:
                if future is not None:
                    future.exception()  # wait for the copy before the partial is removed
            if future is not None:
                future.result()
        return analysis

    def check_whole(self, analysis: audio.Analysis, declared: float | None) -> None:
        # A file cut short says so best; decoding errors in it come from the cut.
        if declared is not None and declared - analysis.duration > TRUNCATION_SLACK:
            raise audio.AudioError(
                _("truncated: it holds {held} of the {declared} its header declares").format(
                    held=format_duration(analysis.duration), declared=format_duration(declared)
                )
            )
        if analysis.errors:
            raise audio.AudioError(_("damaged audio ({reason})").format(reason=analysis.errors[0]))
        if analysis.duration <= 0:
            raise audio.AudioError(_("holds no audio"))

    def transcript_source(self) -> Path | None:
        return transcript_beside(self.path)

    def archive_transcript(self, rel: str) -> str | None:
        source = self.transcript_source()
        if source is None:
            return None
        stored, note = archive_transcript(self.settings.archive_dir, source, rel)
        if note:
            self.notes.append(note)
        return stored

    def remove_original(self) -> None:
        transcript = self.transcript_source()
        self.path.unlink()
        if transcript is not None:
            transcript.unlink(missing_ok=True)


def ingest_paths(
    settings: Settings,
    paths: Iterable[str | Path],
    *,
    now: datetime,
    broadcast_id: int | None = None,
    move: bool = False,
    render: bool = True,
    progress: ProgressCallback | None = None,
) -> IngestReport:
    """Archive the recordings at ``paths`` (files, or folders searched recursively).

    Each file is committed in a unit of work of its own (opened here with
    :func:`radiodesk.db.unit_of_work`), so a batch goes on past a bad file. ``broadcast_id``
    links every file to that broadcast; ``move`` deletes each original once its archived
    copy is verified; ``render`` makes podcast renditions for recordings of podcast
    programmes. ``progress`` is called from this thread as work advances.
    """
    explicit = None
    if broadcast_id is not None:
        with db.unit_of_work(settings) as session:
            explicit = broadcast_ref(session, broadcast_id)
    items = collect_paths(paths, settings.archive_dir)
    results: list[IngestedFile] = []
    for index, (path, problem) in enumerate(items):
        job = _FileJob(
            settings,
            path,
            index,
            len(items),
            now=now,
            explicit=explicit,
            move=move,
            render=render,
            progress=progress,
        )
        if problem:
            results.append(IngestedFile(job.name, "failed", reason=problem))
            continue
        try:
            results.append(job.run())
        except RadiodeskError as err:
            results.append(IngestedFile(job.name, "failed", reason=str(err)))
        except OSError as err:
            reason = _("cannot be read: {reason}").format(reason=err.strerror or err)
            results.append(IngestedFile(job.name, "failed", reason=reason))
        except Exception as err:  # noqa: BLE001 - one file's bug must not stop the batch
            log.exception("ingest of %s failed", job.name)
            reason = _("unexpected error: {kind}: {message}").format(
                kind=type(err).__name__, message=str(err).splitlines()[0] if str(err) else ""
            )
            results.append(IngestedFile(job.name, "failed", reason=reason))
        job.report("measure", 1.0)
    return IngestReport(tuple(results))
