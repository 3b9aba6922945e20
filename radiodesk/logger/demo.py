"""Demo data of the air logger for `radiodesk demo`: a logger that has been recording.

Yesterday around noon the logger "ran" for half an hour while two short news flashes
(specials of Kabar Pagi, two minutes each) went on air: clock-aligned MP3 segments of the
air (generated: one minute of tone and noise made by ffmpeg, repeated by stream copy), its
heartbeat, and in the first flash a stream outage of 40 s stored as a gap. Each flash is then
cut from the segments and archived as the logger does it
(:func:`~radiodesk.logger.jobs.cut_and_archive`): the gap stays as silence, the episode is
drafted. Short broadcasts keep the demo quick: archiving renders every minute cut.

Like the archive's demo, :func:`fill` works in units of work of its own.
"""

from __future__ import annotations

import random
import subprocess
import tempfile
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from radiodesk import db
from radiodesk.archive import audio
from radiodesk.archive.store import sha256_file
from radiodesk.config import Settings
from radiodesk.i18n import _
from radiodesk.logger.jobs import cut_and_archive
from radiodesk.logger.segments import final_rel
from radiodesk.logger.settings import logger_settings
from radiodesk.logger.state import set_state
from radiodesk.models import LoggerCause, LoggerGap, LoggerRunState, LoggerSegment
from radiodesk.schedule import add_special, start_broadcast, stop_broadcast

SHOW = "kabar-pagi"
# (station time yesterday, minutes, title, topic) of the news flashes.
FLASHES = (
    (time(12, 0), 2, "Warta Siang: Banjir di Masamba", "Ketinggian air dan jalur evakuasi"),
    (time(12, 15), 2, "Warta Siang: Posko Kesehatan", "Jadwal layanan posko kesehatan"),
)
# The logger ran from this long before the first flash to this long after the last.
MARGIN = timedelta(minutes=5)
# The stream outage in the first flash: this far into it, this long.
OUTAGE_AT = timedelta(minutes=1)
OUTAGE = timedelta(seconds=40)


def _clip(path: Path, rng: random.Random) -> None:
    """One minute of air: a tone under pink noise with a speech-like rhythm, MP3 64 kbit/s."""
    graph = (
        f"sine=f={rng.choice((196, 220, 247))}:r=44100:d=60[a];"
        f"anoisesrc=c=pink:r=44100:a=0.05:d=60:seed={rng.randrange(1, 10_000)}[b];"
        "[a][b]amix=inputs=2:normalize=0,tremolo=f=1.7:d=0.8,volume=0.4"
    )
    subprocess.run(
        [audio.FFMPEG, "-v", "error", "-nostdin", "-y", "-filter_complex", graph]
        + ["-ac", "1", "-c:a", "libmp3lame", "-b:a", "64k", str(path)],
        check=True,
    )


def _pieces(start: datetime, end: datetime, every: int) -> list[tuple[datetime, datetime]]:
    """[start, end) split at the clock's ``every``-second boundaries, as the logger does."""
    pieces = []
    at = start
    while at < end:
        epoch = at.timestamp()
        boundary = datetime.fromtimestamp((epoch // every + 1) * every, UTC)
        pieces.append((at, min(boundary, end)))
        at = boundary
    return pieces


def _record(
    session: Session, settings: Settings, clip: Path, spans: list[tuple[datetime, datetime]]
) -> int:
    """Write the segments of the air in ``spans`` (UTC) and their rows; returns how many."""
    every = logger_settings(settings).segment_seconds
    count = 0
    for index, (span_start, span_end) in enumerate(spans):
        for start, end in _pieces(span_start, span_end, every):
            rel = final_rel(start, settings.zone, "mp3")
            path = settings.archive_dir / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            seconds = (end - start).total_seconds()
            run = audio.run_ffmpeg(
                ["-y", "-stream_loop", "-1", "-i", str(clip), "-t", f"{seconds:.3f}"]
                + ["-map", "0:a:0", "-c", "copy", "-f", "mp3", str(path)]
            )
            if run.returncode != 0:
                raise RuntimeError(f"ffmpeg could not write {rel}")
            session.add(
                LoggerSegment(
                    path=rel,
                    start=start,
                    duration=run.out_time or seconds,
                    size=path.stat().st_size,
                    codec="mp3",
                    complete=True,
                    connection=f"demo-{index}",
                    offset=(start - span_start).total_seconds(),
                    sha256=sha256_file(path),
                    created_at=start,
                )
            )
            count += 1
    return count


def _air_flashes(settings: Settings, now: datetime) -> list[tuple[int, datetime, datetime]]:
    """Add yesterday's news flashes and their as-run; (id, start, end) of each (UTC)."""
    day = (now.astimezone(settings.zone) - timedelta(days=1)).date()
    aired = []
    with db.unit_of_work(settings) as work:
        for at, minutes, title, topic in FLASHES:
            start = datetime.combine(day, at, settings.zone).astimezone(UTC)
            airing = add_special(
                work,
                settings,
                SHOW,
                start,
                minutes,
                title,
                now=start - timedelta(hours=3),
                topic=topic,
            )
            # The operator presses start a few seconds late, stop on time.
            started = start + timedelta(seconds=4)
            end = start + timedelta(minutes=minutes)
            start_broadcast(work, settings, airing.id, now=started)
            stop_broadcast(work, settings, airing.id, now=end)
            aired.append((airing.id, started, end))
    return aired


def fill(session: Session, settings: Settings, rng: random.Random, now: datetime) -> str:
    """Record the air around yesterday's news flashes and cut them from it; one line for the
    operator (nothing when the logger has recorded already: the demo runs twice safely)."""
    with db.unit_of_work(settings) as work:
        if work.scalars(select(LoggerSegment.id).limit(1)).first() is not None:
            return ""
    flashes = _air_flashes(settings, now)
    config = logger_settings(settings)
    began = flashes[0][1] - timedelta(seconds=config.pre_roll) - MARGIN
    ended = flashes[-1][2] + timedelta(seconds=config.post_roll) + MARGIN
    began, ended = began.replace(second=0, microsecond=0), ended.replace(microsecond=0)
    outage = (flashes[0][1] + OUTAGE_AT, flashes[0][1] + OUTAGE_AT + OUTAGE)
    with tempfile.TemporaryDirectory(prefix="radiodesk-demo-logger-") as folder:
        clip = Path(folder) / "air.mp3"
        _clip(clip, rng)
        with db.unit_of_work(settings) as work:
            segments = _record(work, settings, clip, [(began, outage[0]), (outage[1], ended)])
            work.add(
                LoggerGap(
                    start=outage[0],
                    end=outage[1],
                    cause=LoggerCause.CONNECTION_REFUSED,
                    detail="Connection to tcp://127.0.0.1:8000 failed: Connection refused",
                )
            )
            work.add(LoggerGap(start=ended, cause=LoggerCause.STOPPED))
            set_state(
                work,
                ended,
                LoggerRunState.STOPPED,
                cause=LoggerCause.STOPPED,
                recorded_until=ended,
            )
    cut = [cut_and_archive(settings, flash[0], now=now) for flash in flashes]
    return _(
        "Logger: {segments} segments recorded around {n} broadcasts, 1 outage stored as a gap; "
        "{cut} broadcasts cut from them and archived."
    ).format(segments=segments, n=len(flashes), cut=sum(1 for c in cut if c.ok))
