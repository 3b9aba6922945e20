"""Fixity: re-reading every archived file and comparing it with its checksum.

Each file's result (when, and whether it matched) is committed as soon as it is known, so an
interrupted run keeps what it did; ``older_than_days`` then checks only what was not checked
recently. Files are read from the disk, not from the page cache.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from radiodesk import db
from radiodesk.archive.store import sha256_file
from radiodesk.config import Settings
from radiodesk.models import (
    LoggerSegment,
    Recording,
    Rendition,
    Transcript,
    TranscriptStatus,
)

VerifyProgressFn = Callable[[int, int, str], None]
_MODELS: dict[str, type[Recording] | type[Rendition] | type[LoggerSegment] | type[Transcript]] = {
    "master": Recording,
    "rendition": Rendition,
    "segment": LoggerSegment,
    "transcript": Transcript,
}


@dataclass(frozen=True)
class FixityProblem:
    """A file that is not as archived: ``problem`` is missing, changed or unreadable.
    ``kind`` is master, rendition, transcript (automatic) or segment (of the air logger;
    ``recording_id`` 0)."""

    kind: str
    id: int
    recording_id: int
    stored_path: str
    problem: str


@dataclass(frozen=True)
class VerifyReport:
    """``checked`` files, of which ``ok`` matched; ``skipped`` were verified recently."""

    checked: int
    ok: int
    skipped: int
    problems: tuple[FixityProblem, ...]


@dataclass(frozen=True)
class _Target:
    kind: str
    id: int
    recording_id: int
    stored_path: str
    sha256: str
    size: int


def _targets(
    settings: Settings, now: datetime, older_than_days: int | None
) -> tuple[list[_Target], int]:
    cutoff = now - timedelta(days=older_than_days) if older_than_days is not None else None
    with db.unit_of_work(settings) as session:
        masters = session.scalars(select(Recording).order_by(Recording.id)).all()
        renditions = session.scalars(select(Rendition).order_by(Rendition.id)).all()
        # The air logger's finished segments are archive material too (recording_id 0).
        segments = session.scalars(
            select(LoggerSegment)
            .where(LoggerSegment.complete.is_(True), LoggerSegment.sha256.is_not(None))
            .order_by(LoggerSegment.id)
        ).all()
        transcripts = session.scalars(
            select(Transcript)
            .where(Transcript.status == TranscriptStatus.DONE, Transcript.sha256.is_not(None))
            .order_by(Transcript.id)
        ).all()
        targets = (
            [_Target("master", r.id, r.id, r.stored_path, r.sha256, r.size) for r in masters]
            + [
                _Target("rendition", r.id, r.recording_id, r.stored_path, r.sha256, r.size)
                for r in renditions
            ]
            + [_Target("segment", r.id, 0, r.path, r.sha256 or "", r.size) for r in segments]
        )
        targets += [
            _Target("transcript", t.id, t.recording_id, t.path or "", t.sha256 or "", t.size or 0)
            for t in transcripts
        ]
        checked = {("master", r.id): r.verified_at for r in masters}
        checked.update({("rendition", r.id): r.verified_at for r in renditions})
        checked.update({("segment", r.id): r.verified_at for r in segments})
        checked.update({("transcript", t.id): t.verified_at for t in transcripts})
    if cutoff is None:
        return targets, 0
    due = [t for t in targets if (at := checked[(t.kind, t.id)]) is None or at < cutoff]
    return due, len(targets) - len(due)


def verify_archive(
    settings: Settings,
    *,
    now: datetime,
    older_than_days: int | None = None,
    progress: VerifyProgressFn | None = None,
) -> VerifyReport:
    """Re-hash masters and renditions; record ``verified_at``/``verified_ok`` on each.

    ``older_than_days`` limits the run to files not verified within that many days.
    ``progress`` gets (bytes done, bytes in all, current path). Opens its own units of work.
    """
    targets, skipped = _targets(settings, now, older_than_days)
    total = sum(t.size for t in targets) or 1
    done = 0
    ok = 0
    problems: list[FixityProblem] = []
    for target in targets:
        path = settings.archive_dir / target.stored_path
        base = done

        def advanced(n: int, _path: str = target.stored_path) -> None:
            nonlocal done
            done += n
            if progress:
                progress(done, total, _path)

        problem = ""
        if not path.is_file():
            problem = "missing"
        else:
            try:
                if sha256_file(path, advanced, from_disk=True) != target.sha256:
                    problem = "changed"
            except OSError:
                problem = "unreadable"
        done = base + target.size
        if progress:
            progress(done, total, target.stored_path)
        with db.unit_of_work(settings) as session:
            model = _MODELS[target.kind]
            row = session.get(model, target.id)
            if isinstance(row, Recording | Rendition | LoggerSegment | Transcript):
                row.verified_at = now
                row.verified_ok = not problem
        if problem:
            problems.append(
                FixityProblem(
                    target.kind, target.id, target.recording_id, target.stored_path, problem
                )
            )
        else:
            ok += 1
    return VerifyReport(len(targets), ok, skipped, tuple(problems))
