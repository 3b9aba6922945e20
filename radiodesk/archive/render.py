"""Podcast renditions: a loudness-normalised, tagged access copy of a master.

The master is never changed. From a loudness measurement of the master mixed to the
programme's channel count, one ffmpeg pass applies the gain that reaches the programme's
target (default −16 LUFS) with a limiter below −1 dBTP, and encodes (MP3, M4A, Ogg Vorbis or
Opus at the programme's bit rate). The *encoded* file is then measured (ffmpeg ebur128, true
peak); when it is more than 0.5 LU off target or its true peak is above −1 dBTP, a second
pass from the master corrects the gain and the limiter. The measurement stored on the
Rendition is the one of the file as published.

ffmpeg's loudnorm filter is not used: it resamples to 192 kHz and runs far slower than
encoding, which for three-hour files matters more than its dynamic mode. Material whose peaks
the limiter must hold down hard gets up to four passes, the later ones aimed by the slope
measured between the earlier ones.
"""

from __future__ import annotations

import math
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from radiodesk import db
from radiodesk.archive import audio
from radiodesk.archive.store import (
    Partial,
    checkpoint,
    rendition_rel,
    sha256_file,
    sweep_partials,
)
from radiodesk.archive.tags import TagSet, ffmetadata, write_tags
from radiodesk.config import Settings
from radiodesk.errors import NotFound
from radiodesk.i18n import _, format_date
from radiodesk.interviews.chapters import Chapter, chapters_for
from radiodesk.models import Recording, Rendition, Show

TRUE_PEAK_MAX = -1.0
# ffmpeg prints peaks to 0.1 dB: "-1.0" may be -0.96. Aim just below what the spec allows.
TRUE_PEAK_AIM = -1.1
LOUDNESS_TOLERANCE = 1.0
# Aim well inside the tolerance: a first pass further off than this gets a second one.
CORRECT_ABOVE = 0.5
FIRST_CEILING = -2.0
# How much further below the true-peak limit a corrected pass aims (encoder overshoot).
CEILING_MARGIN = 1.0
# One pass for most material, a second to correct; hard-limited material may need more.
MAX_PASSES = 4
MAX_GAIN = 30.0
SILENT = -60.0
ARTWORK_MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class RenditionFormat:
    extension: str
    mime_type: str
    muxer: str
    sample_rate: int
    codec: tuple[str, ...]


FORMATS = {
    "mp3": RenditionFormat(
        "mp3", "audio/mpeg", "mp3", 44100, ("-c:a", "libmp3lame", "-id3v2_version", "0")
    ),
    "m4a": RenditionFormat("m4a", "audio/mp4", "ipod", 44100, ("-c:a", "aac")),
    "ogg": RenditionFormat("ogg", "audio/ogg", "ogg", 44100, ("-c:a", "libvorbis")),
    "opus": RenditionFormat("opus", "audio/ogg", "opus", 48000, ("-c:a", "libopus")),
}


@dataclass(frozen=True)
class RenditionInfo:
    """A rendition as stored. Loudness in LUFS and true peak in dBTP, measured after encoding."""

    id: int
    recording_id: int
    stored_path: str
    format: str
    mime_type: str
    size: int
    duration: float
    bit_rate: int | None
    loudness: float | None
    true_peak: float | None
    target: float
    passes: int
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class RenderPlan:
    recording_id: int
    master: Path
    final: Path
    final_rel: str
    duration: float
    fmt: str
    bitrate: int
    channels: int
    master_channels: int | None
    target: float
    tags: TagSet


def _artwork(settings: Settings, show: Show) -> tuple[bytes, str] | None:
    if not show.artwork:
        return None
    path = Path(show.artwork)
    candidates = [path] if path.is_absolute() else [settings.home / path, settings.shows_dir / path]
    for candidate in candidates:
        if candidate.is_file() and candidate.stat().st_size <= ARTWORK_MAX_BYTES:
            mime = "image/png" if candidate.suffix.lower() == ".png" else "image/jpeg"
            return candidate.read_bytes(), mime
    return None


def recording_title(recording: Recording, zone: ZoneInfo) -> str:
    """A listener's title for a recording: clip title, or programme, topic and date."""
    if recording.title:
        return recording.title
    broadcast = recording.broadcast
    if broadcast is None:
        return recording.original_name
    title = broadcast.title or broadcast.show.title
    if broadcast.topic:
        title = _("{programme}: {topic}").format(programme=title, topic=broadcast.topic)
    start = broadcast.actual_start or broadcast.planned_start
    day = format_date(start.astimezone(zone).date(), weekday=False)
    return _("{title} ({day})").format(title=title, day=day)


def recording_chapters(session: Session, recording: Recording) -> list[Chapter]:
    """The chapters of a recording from its broadcast's live log (a clip's with its offset)."""
    if recording.broadcast_id is None or recording.recorded_start is None:
        return []
    parent = session.get(Recording, recording.parent_id) if recording.parent_id else None
    if parent is not None and parent.recorded_start is not None:
        return chapters_for(
            session,
            recording.broadcast_id,
            parent.recorded_start,
            recording.duration,
            offset=recording.clip_start or 0.0,
        )
    return chapters_for(
        session, recording.broadcast_id, recording.recorded_start, recording.duration
    )


def plan_rendition(session: Session, settings: Settings, recording_id: int) -> RenderPlan | None:
    """What the rendition of a recording will be; None when it belongs to no podcast."""
    recording = session.get(Recording, recording_id)
    if recording is None:
        raise NotFound(_("There is no recording {id}.").format(id=recording_id))
    broadcast = recording.broadcast
    if broadcast is None or not broadcast.show.podcast:
        return None
    show = broadcast.show
    chapters = recording_chapters(session, recording)
    artwork = _artwork(settings, show)
    start = broadcast.actual_start or broadcast.planned_start
    tags = TagSet(
        title=recording_title(recording, settings.zone),
        programme=show.title,
        station=settings.station.name,
        day=start.astimezone(settings.zone).date(),
        description=broadcast.topic or show.description,
        artwork=artwork[0] if artwork else None,
        artwork_mime=artwork[1] if artwork else "image/jpeg",
        chapters=tuple(chapters),
        source_sha256=recording.sha256,
    )
    fmt = show.audio_format if show.audio_format in FORMATS else "mp3"
    final_rel = rendition_rel(recording.stored_path, FORMATS[fmt].extension)
    return RenderPlan(
        recording_id=recording.id,
        master=settings.archive_dir / recording.stored_path,
        final=settings.archive_dir / final_rel,
        final_rel=final_rel,
        duration=recording.duration,
        fmt=fmt,
        bitrate=show.audio_bitrate,
        channels=show.audio_channels,
        master_channels=recording.channels,
        target=show.loudness_target,
        tags=tags,
    )


def _next_gain(tried: list[tuple[float, float]], target: float) -> float:
    """The gain (dB) for the next pass from (gain, measured LUFS) of the passes so far.

    Where the limiter works hard, loudness grows by less than the gain: after two passes
    the slope between them is used (secant), not one dB per dB.
    """
    gain, measured = tried[-1]
    slope = 1.0
    if len(tried) > 1:
        (g1, m1), (g2, m2) = tried[-2], tried[-1]
        if abs(g2 - g1) > 0.05:
            slope = max(0.1, min(1.5, (m2 - m1) / (g2 - g1)))
    return max(-MAX_GAIN, min(MAX_GAIN, gain + (target - measured) / slope))


def _encode(
    plan: RenderPlan,
    target: Path,
    gain: float,
    ceiling: float,
    on_progress: Callable[[float], None] | None,
) -> None:
    kind = FORMATS[plan.fmt]
    layout = "mono" if plan.channels == 1 else "stereo"
    limit = max(0.0625, min(1.0, 10 ** (ceiling / 20)))
    chain = (
        f"aformat=channel_layouts={layout}:sample_rates={kind.sample_rate},"
        f"volume={gain:.2f}dB,"
        f"alimiter=limit={limit:.5f}:level=false:latency=true:attack=5:release=100"
    )
    args = ["-y", "-i", str(plan.master)]
    meta_file: Path | None = None
    if plan.fmt == "m4a" and plan.tags.chapters:
        # mutagen cannot write MP4 chapters: ffmpeg writes them while encoding.
        handle, name = tempfile.mkstemp(prefix="radiodesk-chapters-", suffix=".txt")
        with os.fdopen(handle, "w", encoding="utf-8") as fh:
            fh.write(ffmetadata(plan.tags))
        meta_file = Path(name)
        args += ["-i", str(meta_file), "-map_metadata", "1", "-map_chapters", "1"]
    else:
        args += ["-map_metadata", "-1", "-map_chapters", "-1"]
    args += ["-map", "0:a:0", "-vn", "-af", chain, *kind.codec, "-b:a", f"{plan.bitrate}k"]
    if plan.fmt == "m4a":
        args += ["-movflags", "+faststart"]
    args += ["-f", kind.muxer, str(target)]
    try:
        run = audio.run_ffmpeg(args, duration=plan.duration, on_progress=on_progress)
    finally:
        if meta_file is not None:
            meta_file.unlink(missing_ok=True)
    if run.returncode != 0:
        raise audio.AudioError(
            _("the podcast file cannot be encoded ({reason})").format(
                reason=audio._first_error(run)
            )
        )


def render_recording(
    settings: Settings,
    recording_id: int,
    *,
    now: datetime,
    analysis: audio.Analysis | None = None,
    progress: Callable[[str, float], None] | None = None,
) -> RenditionInfo | None:
    """Make (or make again) the podcast rendition of a recording; None when it belongs to no
    podcast programme. Opens its own units of work; the file is in place before its row.

    ``analysis`` is the ingest's decoding pass of the master, reused when it measured the
    programme's channel mix; ``progress`` gets ("render"|"measure", fraction 0..1).
    """
    with db.unit_of_work(settings) as session:
        plan = plan_rendition(session, settings, recording_id)
    if plan is None:
        return None

    def report(stage: str) -> Callable[[float], None] | None:
        return (lambda f: progress(stage, f)) if progress else None

    if analysis is None or analysis.mix_channels != plan.channels:
        analysis = audio.analyse(
            plan.master,
            mix_channels=plan.channels,
            channels=plan.master_channels,
            duration_hint=plan.duration,
        )
    notes: list[str] = []
    source = analysis.mix_loudness
    if source is None or source <= SILENT:
        gain = 0.0
        notes.append(_("too quiet to normalise; left at its level"))
    else:
        gain = max(-MAX_GAIN, min(MAX_GAIN, plan.target - source))
    ceiling = FIRST_CEILING
    plan.final.parent.mkdir(parents=True, exist_ok=True)
    sweep_partials(plan.final.parent)
    with Partial(plan.final) as partial:
        passes = 0
        tried: list[tuple[float, float]] = []
        while True:
            passes += 1
            _encode(plan, partial.path, gain, ceiling, report("render"))
            write_tags(partial.path, plan.fmt, plan.tags)
            measured = audio.measure(
                partial.path, duration=plan.duration, on_progress=report("measure")
            )
            off = abs(measured.integrated - plan.target)
            too_loud = measured.true_peak > TRUE_PEAK_AIM
            silent = measured.integrated <= SILENT or source is None or source <= SILENT
            if passes >= MAX_PASSES or silent or (off <= CORRECT_ABOVE and not too_loud):
                break
            tried.append((gain, measured.integrated))
            gain = _next_gain(tried, plan.target)
            if too_loud:
                ceiling -= measured.true_peak - TRUE_PEAK_AIM + CEILING_MARGIN
        if not silent and (off > LOUDNESS_TOLERANCE or measured.true_peak > TRUE_PEAK_MAX):
            notes.append(
                _("the podcast file measures {lufs} LUFS, {peak} dBTP (target {target})").format(
                    lufs=f"{measured.integrated:.1f}",
                    peak=f"{measured.true_peak:.1f}",
                    target=f"{plan.target:.0f}",
                )
            )
        partial.sync()
        sha = sha256_file(partial.path)
        size = partial.path.stat().st_size
        with db.unit_of_work(settings) as session:
            old = session.scalars(
                select(Rendition).where(Rendition.recording_id == plan.recording_id)
            ).all()
            old_paths = [r.stored_path for r in old]
            for row in old:
                session.delete(row)
        for rel in old_paths:
            if rel != plan.final_rel:
                (settings.archive_dir / rel).unlink(missing_ok=True)
        checkpoint("rendition-before-place")
        partial.place()
    checkpoint("rendition-placed")
    kind = FORMATS[plan.fmt]
    true_peak = measured.true_peak if math.isfinite(measured.true_peak) else None
    with db.unit_of_work(settings) as session:
        row = Rendition(
            recording_id=plan.recording_id,
            stored_path=plan.final_rel,
            format=plan.fmt,
            mime_type=kind.mime_type,
            size=size,
            sha256=sha,
            duration=measured.duration or plan.duration,
            bit_rate=plan.bitrate * 1000,
            loudness=measured.integrated,
            true_peak=true_peak,
            created_at=now,
        )
        session.add(row)
        session.flush()
        rendition_id = row.id
    checkpoint("rendition-committed")
    return RenditionInfo(
        id=rendition_id,
        recording_id=plan.recording_id,
        stored_path=plan.final_rel,
        format=plan.fmt,
        mime_type=kind.mime_type,
        size=size,
        duration=measured.duration or plan.duration,
        bit_rate=plan.bitrate * 1000,
        loudness=measured.integrated,
        true_peak=true_peak,
        target=plan.target,
        passes=passes,
        notes=tuple(notes),
    )
