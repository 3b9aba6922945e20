"""The desk shows each recording's transcript state in the broadcast's view, and T opens the
transcript beside the live log: each log entry next to what was being said then. Real speech
(espeak-ng), the real Whisper model, the real queue (interrupted halfway, then resumed)."""

from __future__ import annotations

import subprocess
from datetime import timedelta
from pathlib import Path

import pytest

from radiodesk.clock import fixed_clock
from radiodesk.transcripts.queue import approve, queue_recordings
from radiodesk.transcripts.runner import run_queue
from radiodesk.tui.app import make_app
from radiodesk.tui.screens.archive import ArchiveScreen
from radiodesk.tui.screens.broadcast import BroadcastScreen
from radiodesk.tui.screens.transcript import TranscriptScreen
from tests.conftest import Station
from tests.publish.helpers import add_aired, probe_duration
from tests.transcripts.conftest import SENTENCE, archive_spoken, say, with_transcripts
from tests.tui.conftest import NOW, screen_text, settle

OPENING = "Selamat pagi para pendengar, ini berita pagi dari Masamba."
START = NOW - timedelta(days=1)


class Stop(BaseException):
    """Stands for kill -9: the run stops between two chunks, its work kept."""


def speech(folder: Path) -> tuple[Path, float]:
    """The opening at the start, then SENTENCE from 31 s (in the second chunk of 30 s, so
    that no cue of Whisper's can span both); 50 s in all. Returns the file and where
    SENTENCE starts (seconds)."""
    first = say(folder / "opening.wav", OPENING)
    gap = 31 - probe_duration(first)
    second = say(folder / "sentence.wav", SENTENCE, silence_before=gap)
    joined = folder / "broadcast.wav"
    subprocess.run(
        [
            "ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i", str(first), "-i", str(second),
            "-filter_complex", "[0][1]concat=n=2:v=0:a=1,apad", "-t", "50", str(joined),
        ],
        check=True,
    )  # fmt: skip
    return joined, 31.0


async def open_broadcast(pilot, broadcast_id: int) -> BroadcastScreen:  # type: ignore[no-untyped-def]
    """The Archive screen (F4), then the broadcast's view over it (as Enter on its row)."""
    app = pilot.app
    await settle(pilot)
    await pilot.press("f4")
    await settle(pilot)
    assert isinstance(app.screen, ArchiveScreen)
    app.push_screen(BroadcastScreen(broadcast_id))
    await settle(pilot)
    assert isinstance(app.screen, BroadcastScreen)
    return app.screen


@pytest.mark.parametrize("station_db_url", ["sqlite"], indirect=True)
async def test_transcript_states_and_the_transcript_beside_the_live_log(
    station: Station, tmp_path: Path
) -> None:
    station = with_transcripts(station, "chunk_seconds = 30\n")
    settings = station.settings
    audio, sentence_at = speech(tmp_path)
    aired = archive_spoken(
        station,
        audio,
        show="dialog-interaktif",
        start=START,
        title="Kabar Rumah Sakit Masamba",
        segments=[(0, "Pembukaan"), (sentence_at - 0.5, "Rumah sakit daerah")],
    )
    rec = aired.recording_id
    with station.session() as session:
        # Its master never reached the archive: its transcript fails, and says why.
        lost_aired = add_aired(
            session, settings, audio, show="dialog-interaktif", start=START - timedelta(days=1),
            title="Kabar Tanpa Master",
        )  # fmt: skip
        lost, lost_broadcast = lost_aired.recording_id, lost_aired.broadcast_id
        queue_recordings(session, settings, [rec, lost])

    def stop_at_second_chunk(done: float, _total: float, recording: int) -> None:
        if recording == rec and done >= 30:
            raise Stop

    with pytest.raises(Stop):
        run_queue(settings, now=lambda: NOW, progress=stop_at_second_chunk)

    app = make_app(settings, clock=fixed_clock(NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_broadcast(pilot, aired.broadcast_id)
        text = screen_text(app)
        assert "transcript: working 50 %" in text, text
        assert "Transcript" in text.splitlines()[-1], text  # the key in sight at 80×24
        await pilot.press("escape")
        await settle(pilot)
        await open_broadcast(pilot, lost_broadcast)
        assert "transcript: queued" in screen_text(app)

    report = run_queue(settings, now=lambda: NOW)  # resumes at the second chunk
    assert [o.status for o in report.outcomes] == ["done", "failed"]

    app = make_app(settings, clock=fixed_clock(NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_broadcast(pilot, lost_broadcast)
        text = screen_text(app)
        assert f"failed: The master of recording {lost} is missing" in text, text
        await pilot.press("escape")
        await settle(pilot)
        await open_broadcast(pilot, aired.broadcast_id)
        assert "not approved" in screen_text(app)
        await pilot.press("t")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TranscriptScreen)
        rows = screen.transcript.rows if screen.transcript else ()
        said = {r.entry.text: " ".join(c.text for c in r.cues).lower() for r in rows if r.entry}
        # What was said after each entry, up to the next: tolerant of espeak's voice.
        assert "pagi" in said["Pembukaan"] and "rumah" not in said["Pembukaan"], said
        heard = [
            w
            for w in ("kepala", "dinas", "rumah", "sakit", "umum", "daerah", "bulan", "depan")
            if w in said["Rumah sakit daerah"]
        ]
        assert len(heard) >= 4, said
        text = screen_text(app)
        assert "Pembukaan" in text and "SEGMENT     Rumah sakit" in text and "Said then" in text, (
            text
        )

    with station.session() as session:
        approve(session, rec, NOW)
    app = make_app(settings, clock=fixed_clock(NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_broadcast(pilot, aired.broadcast_id)
        assert "transcript: approved" in screen_text(app)
