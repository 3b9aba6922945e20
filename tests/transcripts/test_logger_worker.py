"""The station's long-running worker (``radiodesk logger work``) also makes the queued
transcripts when ``[transcripts] enabled``: after the cuts, one recording at a time."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from radiodesk.logger.jobs import run_queue
from radiodesk.transcripts.queue import queue_recordings, transcript_states
from tests.conftest import Station
from tests.publish.helpers import NOW
from tests.transcripts.conftest import SENTENCE, archive_spoken, say, with_transcripts


def _spoken(station: Station, tmp_path: Path) -> int:
    speech = say(tmp_path / "dialog.wav", SENTENCE, silence_before=1)
    rec = archive_spoken(
        station, speech, show="dialog-interaktif", start=NOW - timedelta(days=1)
    ).recording_id
    with station.session() as session:
        queue_recordings(session, station.settings, [rec])
    return rec


def test_the_worker_transcribes_the_queue_when_transcripts_are_on(
    station: Station, tmp_path: Path
) -> None:
    station = with_transcripts(station, "enabled = true\n")
    rec = _spoken(station, tmp_path)
    lines = list(run_queue(station.settings, now=lambda: NOW))
    assert len(lines) == 1 and f"Recording {rec} transcribed" in lines[0], lines
    with station.session() as session:
        [state] = transcript_states(session, [rec])
    assert state.status == "done" and state.cues > 0


def test_the_worker_leaves_the_queue_when_transcripts_are_off(
    station: Station, tmp_path: Path
) -> None:
    station = with_transcripts(station, "enabled = false\n")
    rec = _spoken(station, tmp_path)
    assert list(run_queue(station.settings, now=lambda: NOW)) == []
    with station.session() as session:
        [state] = transcript_states(session, [rec])
    assert state.status == "queued"
