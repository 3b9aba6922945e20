"""The transcripts' part of `radiodesk demo`: one spoken recording, transcribed.

A short news item in Indonesian is spoken by espeak-ng (``-v id``) as a studio recorder would
have recorded one of yesterday's broadcasts (``YYYY-MM-DD_HH-MM-SS.wav``, station time),
ingested like any other recording (linked from its name, queued for transcription) and
transcribed with the station's model, so a new user can search words that were only ever
spoken. The transcript is left unapproved, as a real station leaves a machine transcript
until an editor has read it: search finds it, nothing of it is published.

Without espeak-ng, or without a model that loads, the stage says so in one line and the demo
goes on. Like the archive's demo, :func:`fill` works in units of work of its own.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from radiodesk import db
from radiodesk.archive.ingest import ingest_paths
from radiodesk.config import Settings
from radiodesk.errors import RadiodeskError
from radiodesk.i18n import _
from radiodesk.models import (
    Broadcast,
    BroadcastStatus,
    Recording,
    Show,
    Transcript,
    TranscriptStatus,
)
from radiodesk.transcripts.runner import run_queue

SHOW = "kabar-pagi"
# The news item (about 27 s at 130 words a minute).
NEWS = (
    "Selamat pagi, pendengar. Kepala Dinas Kesehatan mengatakan rumah sakit umum daerah "
    "di Masamba akan membuka ruang rawat inap baru bulan depan. Pasien dari kecamatan "
    "terpencil tidak perlu lagi dirujuk ke Palopo. Warga diminta membawa kartu jaminan "
    "kesehatan saat berobat. Demikian berita pagi ini."
)


def _broadcast(settings: Settings, now: datetime) -> datetime | None:
    """The start of the latest aired broadcast of SHOW with no recording yet (UTC)."""
    with db.unit_of_work(settings) as session:
        recorded = select(Recording.broadcast_id).where(Recording.broadcast_id.is_not(None))
        row = session.execute(
            select(Broadcast.actual_start, Broadcast.planned_start)
            .join(Show, Broadcast.show_id == Show.id)
            .where(
                Show.slug == SHOW,
                Broadcast.status != BroadcastStatus.CANCELLED,
                Broadcast.planned_end < now,
                Broadcast.id.not_in(recorded),
            )
            .order_by(Broadcast.planned_start.desc())
            .limit(1)
        ).first()
    return None if row is None else (row[0] or row[1])


def fill(session: Session, settings: Settings, rng: random.Random, now: datetime) -> str:
    """Speak, ingest and transcribe the news item; one line for the operator (nothing when a
    transcript is done already, or the news item is archived already: the demo runs twice
    safely, and espeak-ng speaks the same audio twice, which ingest keeps once)."""
    with db.unit_of_work(settings) as work:
        finished = select(Transcript.id).where(Transcript.status == TranscriptStatus.DONE).limit(1)
        if work.scalars(finished).first() is not None:
            return ""
    espeak = shutil.which("espeak-ng")
    if espeak is None:
        return _("Transcripts: espeak-ng is not installed; the demo has no spoken recording.")
    start = _broadcast(settings, now)
    if start is None:
        return ""
    begun = (start + timedelta(seconds=rng.randrange(5, 30))).astimezone(settings.zone)
    with tempfile.TemporaryDirectory(prefix="radiodesk-demo-speech-") as folder:
        wav = Path(folder) / f"{begun:%Y-%m-%d_%H-%M-%S}.wav"
        subprocess.run([espeak, "-v", "id", "-s", "130", "-w", str(wav), NEWS], check=True)
        report = ingest_paths(settings, [Path(folder)], now=now)
    ids = [f.recording_id for f in report.archived if f.recording_id is not None]
    if not ids:
        return ""
    try:
        run = run_queue(settings, now=lambda: now, only=ids)
    except RadiodeskError as err:
        return _("Transcripts: the spoken recording is not transcribed: {reason}").format(
            reason=err
        )
    return _(
        "Transcripts: 1 spoken recording transcribed ({outcome}), left for an editor to "
        "approve; try: radiodesk search jaminan."
    ).format(outcome="; ".join(o.text for o in run.outcomes))
