"""Clips: a part of a master (an interview, a speech) archived as a recording of its own.

Nothing is decoded where the format allows. A PCM WAV is cut by byte range, exact to the
sample, in this process (hashed as it is written). FLAC, MP3, M4A, Ogg, Opus, AIFF and
Matroska masters are cut by ffmpeg with ``-c copy``, starting on a packet boundary (a frame
of some 26 ms for MP3; an Ogg page at worst); MP3 is cut after reading its frames from the
start, since seeking in a variable-bit-rate MP3 lands only near the wanted time, the other
formats seek. Anything else is cut by decoding to FLAC.
The clip keeps its parent's broadcast and, for chapters, its offset in the parent.
"""

from __future__ import annotations

import hashlib
import os
import re
import struct
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from radiodesk import db
from radiodesk.archive import audio
from radiodesk.archive.headers import wav_layout
from radiodesk.archive.render import RenditionInfo, render_recording
from radiodesk.archive.store import (
    CHUNK,
    Partial,
    checkpoint,
    master_rel,
    sha256_file,
    sweep_partials,
)
from radiodesk.config import Settings
from radiodesk.errors import InputError, NotFound
from radiodesk.i18n import _, format_duration
from radiodesk.models import Recording

STREAM_COPY = {
    "wav": "wav",
    "flac": "flac",
    "mp3": "mp3",
    "m4a": "ipod",
    "ogg": "ogg",
    "opus": "opus",
    "aiff": "aiff",
    "mka": "matroska",
}
MIN_CLIP = 1.0
_TIMECODE = re.compile(r"^(?:(\d+):)?(?:(\d+):)?(\d+(?:[.,]\d+)?)$")


@dataclass(frozen=True)
class ClipResult:
    """A clip as archived. ``start``/``end`` in seconds of the parent; ``duplicate`` when the
    same bytes were already archived (``recording_id`` is then that recording)."""

    recording_id: int
    parent_id: int
    stored_path: str
    start: float
    end: float
    duration: float
    stream_copy: bool
    duplicate: bool
    broadcast_id: int | None
    rendition: RenditionInfo | None


def parse_timecode(text: str) -> float:
    """``00:12:30``, ``12:30``, ``750`` or ``00:12:30.5`` as seconds."""
    match = _TIMECODE.match(text.strip())
    if not match:
        raise InputError(
            _("'{value}' is not a time; expected HH:MM:SS, MM:SS or seconds").format(value=text)
        )
    first, second, seconds = match.groups()
    hours, minutes = (first, second) if second is not None else (None, first)
    value = float(seconds.replace(",", "."))
    if minutes is not None and (value >= 60 or (hours is not None and int(minutes) >= 60)):
        raise InputError(
            _("'{value}' is not a time; expected HH:MM:SS, MM:SS or seconds").format(value=text)
        )
    return int(hours or 0) * 3600 + int(minutes or 0) * 60 + value


def _cut_wav(master: Path, target: Path, start: float, end: float) -> tuple[str, float] | None:
    """Cut a PCM WAV by byte range, sample-exact, hashing as it writes (no ffmpeg start-up,
    no second read). Returns (sha256, seconds), or None when the master is not plain PCM."""
    layout = wav_layout(master)
    if layout is None:
        return None
    frames = layout.data_size // layout.block_align
    first = min(frames, round(start * layout.sample_rate))
    last = min(frames, round(end * layout.sample_rate))
    length = (last - first) * layout.block_align
    pad = b"\0" if length & 1 else b""
    riff = 4 + len(layout.fmt_chunk) + 8 + length + len(pad)
    header = (
        b"RIFF"
        + struct.pack("<I", riff)
        + b"WAVE"
        + layout.fmt_chunk
        + b"data"
        + struct.pack("<I", length)
    )
    digest = hashlib.sha256(header)
    buffer = bytearray(4 * CHUNK)
    view = memoryview(buffer)
    with master.open("rb") as src, target.open("wb") as dst:
        dst.write(header)
        src.seek(layout.data_offset + first * layout.block_align)
        left = length
        while left:
            n = src.readinto(view[: min(len(buffer), left)])  # type: ignore[attr-defined]
            if not n:
                raise audio.AudioError(_("the master ended early while cutting the clip"))
            digest.update(view[:n])
            dst.write(view[:n])
            left -= n
        dst.write(pad)
        digest.update(pad)
        dst.flush()
        os.fsync(dst.fileno())
    return digest.hexdigest(), (last - first) / layout.sample_rate


def _cut_ffmpeg(
    master: Path, target: Path, ext: str, copy: bool, start: float, end: float
) -> float:
    """Cut with ffmpeg (stream copy where ``copy``); returns the seconds written."""
    window = ["-ss", f"{start:.3f}", "-to", f"{end:.3f}"]
    args = ["-y"] + ([] if ext == "mp3" else window) + ["-i", str(master)]
    args += window if ext == "mp3" else []
    args += ["-map", "0:a:0", "-vn", "-map_metadata", "-1", "-map_chapters", "-1"]
    if copy:
        args += ["-c", "copy", "-f", STREAM_COPY[ext]]
    else:
        args += ["-c:a", "flac", "-f", "flac"]
    run = audio.run_ffmpeg([*args, str(target)])
    if run.returncode != 0:
        raise audio.AudioError(
            _("The clip cannot be cut ({reason}).").format(reason=audio._first_error(run))
        )
    # How far ffmpeg got is the clip's length: no second probe needed.
    return run.out_time or (end - start)


def cut_clip(
    settings: Settings,
    recording_id: int,
    start: float,
    end: float,
    *,
    now: datetime,
    title: str | None = None,
    render: bool = True,
) -> ClipResult:
    """Cut [``start``, ``end``) seconds out of recording ``recording_id``'s master and
    archive it as a recording whose parent is that one (own units of work)."""
    with db.unit_of_work(settings) as session:
        parent = session.get(Recording, recording_id)
        if parent is None:
            raise NotFound(_("There is no recording {id}.").format(id=recording_id))
        if not 0 <= start < end:
            raise InputError(_("The clip must start before it ends."))
        if start >= parent.duration:
            raise InputError(
                _("Recording {id} is only {length} long.").format(
                    id=recording_id, length=format_duration(parent.duration)
                )
            )
        end = min(end, parent.duration)
        if end - start < MIN_CLIP:
            raise InputError(_("A clip must last at least one second."))
        master = settings.archive_dir / parent.stored_path
        ext = master.suffix.lstrip(".").lower()
        slug = parent.broadcast.show.slug if parent.broadcast else None
        broadcast_id = parent.broadcast_id
        clip_start = (
            parent.recorded_start + timedelta(seconds=start) if parent.recorded_start else None
        )
        parent_sha = parent.sha256
        parent_container, parent_codec = parent.container, parent.codec
        parent_rate, parent_channels = parent.sample_rate, parent.channels
        parent_bit_rate = parent.bit_rate
    if not master.is_file():
        raise InputError(
            _("The master of recording {id} is missing: {file}").format(
                id=recording_id, file=master
            )
        )
    copy = ext in STREAM_COPY
    out_ext = ext if copy else "flac"
    local = (clip_start or now).astimezone(settings.zone)
    # The final name holds the clip's checksum: a placeholder until it is known.
    folder_rel = master_rel(slug, local, parent_sha, out_ext)
    folder = (settings.archive_dir / folder_rel).parent
    folder.mkdir(parents=True, exist_ok=True)
    sweep_partials(folder)
    with Partial(settings.archive_dir / folder_rel) as partial:
        cut = _cut_wav(master, partial.path, start, end) if ext == "wav" else None
        if cut is not None:
            sha, cut_length = cut
        else:
            cut_length = _cut_ffmpeg(master, partial.path, ext, copy, start, end)
            # Flushing to disk and hashing (from the page cache) go on side by side.
            with ThreadPoolExecutor(max_workers=1) as pool:
                synced = pool.submit(partial.sync)
                sha = sha256_file(partial.path)
                synced.result()
        with db.unit_of_work(settings) as session:
            existing = session.scalars(select(Recording).where(Recording.sha256 == sha)).first()
            if existing is not None:
                return ClipResult(
                    recording_id=existing.id,
                    parent_id=recording_id,
                    stored_path=existing.stored_path,
                    start=start,
                    end=end,
                    duration=existing.duration,
                    stream_copy=copy,
                    duplicate=True,
                    broadcast_id=existing.broadcast_id,
                    rendition=None,
                )
        rel = master_rel(slug, local, sha, out_ext)
        checkpoint("clip-before-place")
        partial.place(settings.archive_dir / rel)
    size = (settings.archive_dir / rel).stat().st_size
    duration = cut_length or (end - start)
    with db.unit_of_work(settings) as session:
        row = Recording(
            sha256=sha,
            original_name=_("clip {start}–{end} of recording {id}").format(
                start=format_duration(start), end=format_duration(end), id=recording_id
            )[:500],
            stored_path=rel,
            size=size,
            container=parent_container if copy else "flac",
            codec=parent_codec if copy else "flac",
            duration=duration,
            sample_rate=parent_rate,
            channels=parent_channels,
            bit_rate=parent_bit_rate if copy else None,
            recorded_start=clip_start,
            broadcast_id=broadcast_id,
            parent_id=recording_id,
            clip_start=start,
            clip_end=end,
            title=(title or "").strip()[:300],
            ingested_at=now,
        )
        session.add(row)
        session.flush()
        clip_id = row.id
    rendition = render_recording(settings, clip_id, now=now) if render else None
    return ClipResult(
        recording_id=clip_id,
        parent_id=recording_id,
        stored_path=rel,
        start=start,
        end=end,
        duration=duration,
        stream_copy=copy,
        duplicate=False,
        broadcast_id=broadcast_id,
        rendition=rendition,
    )
