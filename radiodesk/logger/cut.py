"""Cutting a span of air out of the logger's segments, as one file, by ffmpeg.

The segments that cover the span are joined by ffmpeg's concat demuxer with stream copy
(``inpoint``/``outpoint`` per file): nothing is decoded, nothing held in memory, and a cut of
two hours from three segments takes about a second. A gap inside the span is filled with
silence of the same codec and length where ffmpeg can encode it (MP3, AAC, FLAC), so the
file's timeline stays the air's: a minute into the file is a minute after its start. Each
file is hard-linked into the work folder first, so that a segment renamed by the logger
while the cut reads it is still there.
"""

from __future__ import annotations

import os
import shutil
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from radiodesk import db
from radiodesk.archive import audio
from radiodesk.config import Settings
from radiodesk.errors import InputError
from radiodesk.i18n import _
from radiodesk.logger.ffmpeg import muxer_for_ext
from radiodesk.logger.settings import logger_dir
from radiodesk.logger.state import GapInfo, gaps_between
from radiodesk.models import LoggerSegment

# Pieces shorter than this (seconds) are left out: a frame or two of overlap.
MIN_PIECE = 0.05
# The last frame a connection wrote may be torn (the stream dropped mid-frame, or the logger
# was killed): a cut stops this much (seconds) before the end of a connection's last segment.
TORN_TAIL = 0.05
_SILENCE_CODECS = {"mp3": ["-c:a", "libmp3lame"], "aac": ["-c:a", "aac"], "flac": ["-c:a", "flac"]}


@dataclass(frozen=True)
class Piece:
    """Part of the span: ``length`` seconds from ``inpoint`` of a segment (archive-relative
    ``path``), or of silence (``path`` None), beginning on air at ``start`` (UTC)."""

    path: str | None
    inpoint: float
    length: float
    start: datetime


@dataclass(frozen=True)
class SpanFile:
    """A span written to ``path``: its air start (UTC), length (s) and the gaps inside."""

    path: Path
    start: datetime
    duration: float
    gaps: tuple[GapInfo, ...]
    silent_fill: bool


def plan_span(session: Session, start: datetime, end: datetime) -> list[Piece]:
    """The pieces that make [start, end): segments in time order (where two overlap, the
    earlier wins) and silence where none covers the air."""
    rows = session.scalars(
        select(LoggerSegment)
        .where(LoggerSegment.start < end, LoggerSegment.start > start - timedelta(days=1))
        .order_by(LoggerSegment.start, LoggerSegment.id)
    ).all()
    pieces: list[Piece] = []
    covered = start
    for index, row in enumerate(rows):
        row_end = row.start + timedelta(seconds=row.duration)
        following = rows[index + 1] if index + 1 < len(rows) else None
        if following is None or following.connection != row.connection:
            row_end -= timedelta(seconds=TORN_TAIL)
        first = max(row.start, covered)
        last = min(row_end, end)
        if (last - first).total_seconds() < MIN_PIECE:
            continue
        if (first - covered).total_seconds() >= MIN_PIECE:
            pieces.append(Piece(None, 0.0, (first - covered).total_seconds(), covered))
        inpoint = (first - row.start).total_seconds()
        pieces.append(Piece(row.path, inpoint, (last - first).total_seconds(), first))
        covered = last
    if pieces and (end - covered).total_seconds() >= MIN_PIECE:
        pieces.append(Piece(None, 0.0, (end - covered).total_seconds(), covered))
    return pieces


def _quote(path: Path) -> str:
    return "'" + str(path).replace("'", "'\\''") + "'"


def write_span(settings: Settings, start: datetime, end: datetime, stem: Path) -> SpanFile:
    """:func:`_write_span`, planned again when the logger renamed a segment it was about
    to read (the one being written is finished while the cut starts)."""
    for _attempt in range(3):
        try:
            return _write_span(settings, start, end, stem)
        except FileNotFoundError:
            continue
    return _write_span(settings, start, end, stem)


def _write_span(settings: Settings, start: datetime, end: datetime, stem: Path) -> SpanFile:
    """Write the air of [start, end) (UTC) into ``stem`` + the segments' own extension
    (``.mp3`` for an MP3 stream). InputError when the logger recorded nothing of it."""
    with db.unit_of_work(settings) as session:
        pieces = plan_span(session, start, end)
        gaps = tuple(gaps_between(session, start, end))
    recorded = [p for p in pieces if p.path is not None]
    if not recorded:
        raise InputError(_("The logger recorded nothing between these times."))
    archive = settings.archive_dir
    work = logger_dir(settings) / ".cuts" / uuid.uuid4().hex
    work.mkdir(parents=True)
    target = stem
    try:
        # What silence must look like: asked of ffprobe only when there is a gap to fill.
        sample: audio.Probe | None = None
        ext = Path(str(recorded[0].path)).suffix.lstrip(".")
        target = stem.with_name(f"{stem.name}.{ext}")
        fill = ext in _SILENCE_CODECS
        lines = ["ffconcat version 1.0"]
        for index, piece in enumerate(pieces):
            if piece.path is None:
                if not fill:
                    continue
                silence = work / f"silence-{index}.{ext}"
                sample = sample or audio.probe(archive / str(recorded[0].path))
                _make_silence(silence, piece.length, sample, ext)
                lines += [f"file {_quote(silence)}"]
                continue
            linked = work / f"{index}-{Path(piece.path).name}"
            os.link(archive / piece.path, linked)
            lines += [
                f"file {_quote(linked)}",
                f"inpoint {piece.inpoint:.6f}",
                f"outpoint {piece.inpoint + piece.length:.6f}",
            ]
        listing = work / "list.ffconcat"
        listing.write_text("\n".join(lines) + "\n", encoding="utf-8")
        partial = target.with_name(f".partial-{os.getpid()}-{target.name}")
        run = audio.run_ffmpeg(
            ["-y", "-f", "concat", "-safe", "0", "-i", str(listing), "-map", "0:a:0"]
            + ["-c", "copy", "-f", muxer_for_ext(ext), str(partial)]
        )
        if run.returncode != 0:
            partial.unlink(missing_ok=True)
            reason = run.errors[0] if run.errors else str(run.returncode)
            raise audio.AudioError(
                _("ffmpeg could not cut the air: {reason}").format(reason=reason)
            )
        os.replace(partial, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    first = pieces[0] if fill else recorded[0]
    duration = sum(p.length for p in pieces if fill or p.path is not None)
    return SpanFile(target, first.start, duration, gaps, fill)


def _make_silence(path: Path, seconds: float, like: audio.Probe, ext: str) -> None:
    layout = "mono" if (like.channels or 2) == 1 else "stereo"
    rate = like.sample_rate or 44100
    bitrate = ["-b:a", str(like.bit_rate)] if like.bit_rate and ext != "flac" else []
    run = audio.run_ffmpeg(
        ["-y", "-f", "lavfi", "-i", f"anullsrc=r={rate}:cl={layout}", "-t", f"{seconds:.6f}"]
        + _SILENCE_CODECS[ext]
        + bitrate
        + ["-f", muxer_for_ext(ext), str(path)]
    )
    if run.returncode != 0:
        raise audio.AudioError(_("ffmpeg could not make silence for a gap"))
