"""The transcript queue: resumes after kill -9 where it was, and a recording that fails says
why in one line while the rest go on."""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, select

from radiodesk import db
from radiodesk.models import Recording, Transcript, TranscriptChunk
from radiodesk.transcripts.model import installed_folder
from tests.conftest import REPO, CliResult, Station
from tests.transcripts.conftest import PARAGRAPHS, SENTENCE, say, with_transcripts

Cli = Callable[..., CliResult]


def transcript_of(station: Station, recording_id: int) -> Transcript:
    with station.session() as session:
        row = session.scalars(
            select(Transcript).where(Transcript.recording_id == recording_id)
        ).one()
        session.expunge(row)
        return row


def test_killed_midway_it_resumes_and_equals_an_uninterrupted_run(
    station: Station, cli: Cli, incoming: Path
) -> None:
    station = with_transcripts(station, "chunk_seconds = 30\n")
    say(incoming / "long_2026-11-02T100000+0800.wav", " ".join(PARAGRAPHS * 4), silence_before=2)
    assert cli("ingest", str(incoming)).code == 0

    child = subprocess.Popen(
        [sys.executable, "-m", "radiodesk", "transcribe"],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 300
        kept = 0
        while time.monotonic() < deadline and child.poll() is None:
            with station.session() as session:
                kept = session.scalar(select(func.count()).select_from(TranscriptChunk)) or 0
            if kept >= 2:
                break
            time.sleep(0.2)
        assert kept >= 2 and child.poll() is None, "the run ended before it could be killed"
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait()
    db.dispose_engines()
    left = transcript_of(station, 1)
    assert left.status == "running" and left.chunks_done >= 2
    assert left.chunks_done < left.chunks_total >= 4

    resumed = cli("transcribe")
    assert resumed.code == 0, resumed.err
    done = transcript_of(station, 1)
    assert done.status == "done" and done.chunks_done == done.chunks_total
    vtt = station.settings.archive_dir / (done.path or "")
    after_kill = vtt.read_bytes()

    # The same recording transcribed again without a stop.
    with station.session() as session:
        row = session.get(Transcript, done.id)
        row.status, row.chunks_done, row.settings = "queued", 0, None
    vtt.unlink()
    assert cli("transcribe").code == 0
    assert vtt.read_bytes() == after_kill
    assert after_kill.count(b" --> ") >= 6


def test_a_missing_master_fails_alone_and_the_queue_goes_on(
    station: Station, cli: Cli, incoming: Path
) -> None:
    say(incoming / "one_2026-11-02T080000+0800.wav", "Selamat pagi Masamba.", silence_before=1)
    say(incoming / "two_2026-11-02T090000+0800.wav", SENTENCE, silence_before=1)
    assert cli("ingest", str(incoming)).code == 0
    with station.session() as session:
        first = session.get(Recording, 1).stored_path
    (station.settings.archive_dir / first).unlink()

    result = cli("transcribe")
    assert result.code == 1
    lines = result.err.strip().splitlines()
    failed = [line for line in lines if "not transcribed" in line]
    assert failed == [f"Recording 1 not transcribed: The master of recording 1 is missing: "
                      f"{station.settings.archive_dir / first}"]  # fmt: skip
    assert "Traceback" not in result.err
    assert transcript_of(station, 1).status == "failed"
    assert transcript_of(station, 2).status == "done"
    status = cli("transcribe", "--status")
    assert "failed" in status.out and "master of recording 1 is missing" in status.out


def test_music_gives_an_empty_transcript_and_says_so(
    station: Station, cli: Cli, incoming: Path
) -> None:
    music = incoming / "lagu_2026-11-02T200000+0800.wav"
    # Three notes of a chord, swelling and fading: no voice in it.
    chord = "0.3*sin(2*PI*261.6*t)+0.3*sin(2*PI*329.6*t)+0.3*sin(2*PI*392*t)"
    subprocess.run(
        ["ffmpeg", "-nostdin", "-loglevel", "error", "-f", "lavfi",
         "-i", f"aevalsrc=({chord})*(0.6+0.4*sin(2*PI*0.5*t)):s=22050:d=40", str(music)],
        check=True,
    )  # fmt: skip
    assert cli("ingest", str(incoming)).code == 0
    result = cli("transcribe")
    assert result.code == 0
    assert "Recording 1: no speech found; its transcript is empty." in result.out
    row = transcript_of(station, 1)
    assert row.status == "done" and row.cues == 0
    text = (station.settings.archive_dir / (row.path or "")).read_text(encoding="utf-8")
    assert text.startswith("WEBVTT") and " --> " not in text


def test_a_corrupt_model_folder_is_one_line_and_the_queue_stays(
    station: Station, cli: Cli, incoming: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken-model"
    shutil.copytree(installed_folder("base"), broken, ignore=shutil.ignore_patterns("model.bin"))
    (broken / "model.bin").write_bytes(b"\0" * 4096)
    station = with_transcripts(station, f'model = "{broken}"\n')
    say(incoming / "one_2026-11-02T080000+0800.wav", "Selamat pagi.", silence_before=1)
    assert cli("ingest", str(incoming)).code == 0
    result = cli("transcribe")
    assert result.code == 1
    assert result.err.startswith(f"radiodesk: error: The model in {broken} cannot be loaded: ")
    assert len(result.err.strip().splitlines()) == 1
    assert transcript_of(station, 1).status == "queued"

    (broken / "model.bin").unlink()
    result = cli("transcribe")
    assert result.code == 1 and "is not a Whisper model (missing: model.bin)" in result.err


def test_a_model_that_cannot_be_fetched_offline_is_one_line(
    station: Station,
    cli: Cli,
    incoming: Path,
    tmp_path: Path,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    # No hub here: faster-whisper is told so rather than left to try.
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    station = with_transcripts(station, 'model = "tiny"\n')
    say(incoming / "one_2026-11-02T080000+0800.wav", "Selamat pagi.", silence_before=1)
    assert cli("ingest", str(incoming)).code == 0
    result = cli("transcribe")
    assert result.code == 1
    assert result.err.startswith(
        f"radiodesk: error: The model 'tiny' is not installed in {installed_folder('tiny')} "
        "and cannot be fetched ("
    ), result.err
    assert len(result.err.strip().splitlines()) == 1
    assert transcript_of(station, 1).status == "queued"


def test_a_second_run_while_one_works_is_refused(station: Station, cli: Cli) -> None:
    lock = station.settings.archive_dir / ".transcribe.lock"
    with open(lock, "a", encoding="ascii") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        result = cli("transcribe")
    assert result.code == 1
    assert result.err == (
        "radiodesk: error: Another transcription run is working on this station.\n"
    )
    assert cli("transcribe").code == 0  # released with its holder
