"""Demo data of the archive job for `radiodesk demo`: short generated recordings.

For a few past broadcasts of podcast programmes, ffmpeg generates a 30–90 s mono WAV (a tone
and pink noise, with a speech-like rhythm) named as a studio recorder names its files,
``YYYY-MM-DD_HH-MM-SS.wav`` in station time; one gets a WebVTT transcript beside it, and one
more recording is made at night, when nothing airs, to show an unlinked recording. They are
then ingested like any other: linked from their names, with podcast renditions.

:func:`fill` does not use the session it is given: the ingest commits each file in a unit of
work of its own (:func:`radiodesk.db.unit_of_work`), and on SQLite an open write transaction
in the given session would block those. The earlier demo stages are committed by then.
"""

from __future__ import annotations

import random
import subprocess
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from radiodesk import db
from radiodesk.archive.audio import FFMPEG
from radiodesk.archive.ingest import ingest_paths
from radiodesk.config import Settings
from radiodesk.i18n import _
from radiodesk.models import Broadcast, BroadcastStatus, Recording, Show

RECORDINGS = 5
TRANSCRIPT = """WEBVTT

00:00:00.000 --> 00:00:06.000
Selamat pagi pendengar {station}, kembali bersama kami di {show}.

00:00:06.000 --> 00:00:14.000
Hari ini kita membahas {topic}.

00:00:14.000 --> 00:00:24.000
Silakan bergabung lewat telepon, SMS atau WhatsApp untuk bertanya.
"""


def _generate(path: Path, seconds: int, pitch: int, rng: random.Random) -> None:
    rhythm = rng.choice((1.3, 1.7, 2.1))
    graph = (
        f"sine=f={pitch}:r=44100:d={seconds}[a];"
        f"anoisesrc=c=pink:r=44100:a=0.05:d={seconds}:seed={rng.randrange(1, 10_000)}[b];"
        f"[a][b]amix=inputs=2:normalize=0,tremolo=f={rhythm}:d=0.8,volume=0.4"
    )
    subprocess.run(
        [FFMPEG, "-v", "error", "-nostdin", "-y", "-filter_complex", graph, "-ac", "1", str(path)],
        check=True,
    )


def _choose(settings: Settings, now: datetime) -> list[tuple[datetime, str, str, str]]:
    """(start, show title, topic, slug) of recent aired broadcasts, one per programme."""
    with db.unit_of_work(settings) as session:
        recorded = select(Recording.broadcast_id).where(Recording.broadcast_id.is_not(None))
        rows = session.execute(
            select(Broadcast, Show)
            .join(Show, Broadcast.show_id == Show.id)
            .where(
                Show.podcast.is_(True),
                Broadcast.status != BroadcastStatus.CANCELLED,
                Broadcast.planned_end < now,
                Broadcast.planned_end > now - timedelta(days=21),
                Broadcast.id.not_in(recorded),
            )
            .order_by(Broadcast.planned_start.desc())
        ).all()
        chosen: list[tuple[datetime, str, str, str]] = []
        seen: set[str] = set()
        for broadcast, show in rows:
            if show.slug in seen:
                continue
            seen.add(show.slug)
            start = broadcast.actual_start or broadcast.planned_start
            chosen.append((start, show.title, broadcast.topic or show.description[:80], show.slug))
            if len(chosen) == RECORDINGS:
                break
    return chosen


def fill(session: Session, settings: Settings, rng: random.Random, now: datetime) -> str:
    """Generate and ingest short recordings of past broadcasts; one line for the operator."""
    chosen = _choose(settings, now)
    with tempfile.TemporaryDirectory(prefix="radiodesk-demo-recorder-") as folder:
        card = Path(folder)
        for i, (start, show, topic, _slug) in enumerate(chosen):
            # The recorder is started by hand, a little after the programme begins.
            begun = (start + timedelta(seconds=rng.randrange(5, 90))).astimezone(settings.zone)
            name = card / f"{begun:%Y-%m-%d_%H-%M-%S}.wav"
            _generate(name, rng.randrange(30, 91), 180 + 40 * i, rng)
            if i == 0:
                name.with_suffix(".vtt").write_text(
                    TRANSCRIPT.format(station=settings.station.name, show=show, topic=topic),
                    encoding="utf-8",
                )
        # Recorded at night, when nothing airs: it stays unlinked for the operator.
        night = (now - timedelta(days=2)).astimezone(settings.zone)
        night = night.replace(hour=3, minute=12, second=5, microsecond=0)
        _generate(card / f"{night:%Y-%m-%d_%H-%M-%S}.wav", 30, 440, rng)
        report = ingest_paths(settings, [card], now=now)
    linked = [f for f in report.archived if f.broadcast_id is not None]
    renditions = [f for f in report.files if f.rendition is not None]
    return _(
        "Archive: {n} recordings ingested ({linked} linked to their broadcasts,"
        " {renditions} podcast files, {failed} failed)."
    ).format(
        n=len(report.archived),
        linked=len(linked),
        renditions=len(renditions),
        failed=len(report.failed),
    )
