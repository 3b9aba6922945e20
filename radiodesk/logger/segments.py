"""The logger's files: where a segment goes, and how one left behind is closed.

Layout (paths in the database are relative to archive/)::

    logger/.incoming/<connection>-00000.mp3   being written by ffmpeg (temporary name)
    logger/.incoming/<connection>.csv         ffmpeg's list of the finished ones
    logger/.incoming/<connection>.json        when the connection's first sample aired
    logger/YYYY/MM/DD/2026-11-23T080000.000+0800.mp3

A finished segment is named by the instant its first sample was on air, in the station's
time with the offset written in the name (so ``ingest`` and people read it alike), and put
in the folder of that local day. A segment left unfinished by a crash is copied once more by
ffmpeg (``-c copy``) into a whole file with its true length, then renamed.
"""

from __future__ import annotations

import csv
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from radiodesk.archive import audio
from radiodesk.archive.store import fsync_folder

INCOMING = ".incoming"


@dataclass
class Connection:
    """One run of the recording ffmpeg. ``anchor`` is the Unix time at which the sample at
    0 s of its timeline arrived (the least arrival lag seen); the air is ``delay`` earlier."""

    id: str
    codec: str
    muxer: str
    ext: str
    delay: float
    anchor: float | None = None

    def air(self, offset: float) -> datetime:
        """The air instant (UTC) of the sample ``offset`` seconds into this connection."""
        assert self.anchor is not None
        return datetime.fromtimestamp(self.anchor - self.delay + offset, UTC)

    def info_path(self, incoming: Path) -> Path:
        return incoming / f"{self.id}.json"

    def save(self, incoming: Path) -> None:
        tmp = incoming / f".{self.id}.json.tmp"
        tmp.write_text(json.dumps(self.__dict__), encoding="utf-8")
        os.replace(tmp, self.info_path(incoming))

    @classmethod
    def load(cls, path: Path) -> Connection | None:
        try:
            return cls(**json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return None


@dataclass(frozen=True)
class Finished:
    """A segment ffmpeg has closed: its temporary name and its span on the timeline (s)."""

    name: str
    start: float
    end: float


def finished_segments(incoming: Path, connection: str) -> list[Finished]:
    """The segments of ``connection`` that ffmpeg listed as finished."""
    path = incoming / f"{connection}.csv"
    try:
        with path.open(newline="", encoding="utf-8") as fh:
            rows = list(csv.reader(fh))
    except OSError:
        return []
    result = []
    for row in rows:
        try:
            result.append(Finished(row[0], float(row[1]), float(row[2])))
        except (IndexError, ValueError):
            continue  # a line half-written when the power went
    return result


def number(name: str) -> int:
    """The number ffmpeg gave a segment of a connection (``<connection>-00042.mp3`` → 42)."""
    try:
        return int(name.rsplit("-", 1)[1].split(".", 1)[0])
    except (IndexError, ValueError):
        return -1


def final_rel(start: datetime, zone: ZoneInfo, ext: str) -> str:
    """``logger/YYYY/MM/DD/<local ISO instant with ms and offset>.<ext>`` for a segment."""
    local = start.astimezone(zone)
    millis = local.microsecond // 1000
    stamp = local.strftime("%Y-%m-%dT%H%M%S") + f".{millis:03d}" + local.strftime("%z")
    return f"logger/{local:%Y/%m/%d}/{stamp}.{ext}"


def free_rel(archive: Path, rel: str) -> str:
    """``rel``, or ``rel`` with -2, -3… before its extension when a file has that name:
    a segment never replaces another."""
    path = Path(rel)
    candidate, count = rel, 1
    while (archive / candidate).exists():
        count += 1
        candidate = str(path.with_name(f"{path.stem}-{count}{path.suffix}"))
    return candidate


def place(archive: Path, temp_rel: str, rel: str) -> None:
    """Rename a segment from its temporary name to its final one (same file system)."""
    target = archive / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(archive / temp_rel, target)
    fsync_folder(target.parent)


def close_interrupted(archive: Path, temp_rel: str, rel: str, muxer: str) -> float | None:
    """Copy a segment cut short by a crash into a whole file at ``rel`` (its true length,
    a torn last frame dropped) and remove the temporary one. Returns its duration (s), or
    None when nothing in it decodes (it is removed)."""
    source = archive / temp_rel
    target = archive / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".partial-{os.getpid()}-{target.name}")
    run = audio.run_ffmpeg(
        ["-y", "-i", str(source), "-map", "0:a:0", "-c", "copy", "-f", muxer, str(partial)]
    )
    duration = run.out_time if run.returncode == 0 else None
    if not duration or duration < 0.1:
        partial.unlink(missing_ok=True)
        source.unlink(missing_ok=True)
        return None
    with partial.open("rb") as fh:
        os.fsync(fh.fileno())
    os.replace(partial, target)
    fsync_folder(target.parent)
    source.unlink(missing_ok=True)
    return duration


def end_of(start: datetime, duration: float) -> datetime:
    return start + timedelta(seconds=duration)
