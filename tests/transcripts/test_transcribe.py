"""Transcribing with the real Whisper base model (int8, on this CPU): Indonesian spoken by
espeak-ng is found by search at its minute; the transcript is archive material."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from radiodesk.models import Recording, Transcript
from radiodesk.search.transcripts import read_cues
from radiodesk.transcripts.model import installed_folder
from tests.conftest import CliResult, Station
from tests.transcripts.conftest import CONTENT_WORDS, SENTENCE, say

Cli = Callable[..., CliResult]


def words_heard(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower()))


def test_the_model_is_installed_by_setup() -> None:
    folder = installed_folder("base")
    assert (folder / "model.bin").stat().st_size == 145_217_607, folder
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    assert len(config["lang_ids"]) >= 99  # multilingual Whisper: Indonesian among them


def test_spoken_words_are_found_by_search_at_their_minute(
    station: Station, cli: Cli, incoming: Path
) -> None:
    say(incoming / "talk_2026-11-02T080000+0800.wav", SENTENCE, silence_before=70)
    assert cli("ingest", str(incoming)).code == 0
    status = cli("transcribe", "--status")
    assert re.search(r"^1 .*queued", status.out, re.M), status.out

    done = cli("transcribe")
    assert done.code == 0, done.err
    assert "Recording 1 transcribed" in done.out

    with station.session() as session:
        recording = session.get(Recording, 1)
        transcript = session.scalars(select(Transcript)).one()
        master, path = recording.stored_path, transcript.path
        assert recording.transcript_path is None  # not the recording's until approved
        assert transcript.status == "done" and transcript.settings is not None
        assert transcript.settings["model"] == "base"
        assert transcript.settings["compute_type"] == "int8"
        assert transcript.settings["language"] == "id"
        sha256, size = transcript.sha256, transcript.size
    # WebVTT beside its master, checksummed.
    assert path == master.rsplit(".", 1)[0] + ".vtt"
    vtt = station.settings.archive_dir / path
    assert hashlib.sha256(vtt.read_bytes()).hexdigest() == sha256 and vtt.stat().st_size == size
    assert vtt.read_text(encoding="utf-8").startswith("WEBVTT\n")
    cues = read_cues(vtt)
    # Timed from the recording's start: the speech begins after 70 s of silence.
    assert cues and 68.0 <= cues[0].start <= 72.0, cues
    heard = words_heard(" ".join(c.text for c in cues))
    found = [w for w in CONTENT_WORDS if w in heard]
    # espeak's voice is hard for Whisper base: most content words, not all (11 of 18 measured).
    assert len(found) >= len(CONTENT_WORDS) // 2, (found, heard)

    result = cli("search", "rumah sakit")
    assert result.code == 0
    assert "08:01" in result.out and "00:01:" in result.out, result.out
    assert "recording 1" in result.out


def test_a_changed_transcript_is_caught_by_verify(
    station: Station, cli: Cli, incoming: Path
) -> None:
    say(incoming / "talk_2026-11-02T090000+0800.wav", SENTENCE, silence_before=1)
    assert cli("ingest", str(incoming)).code == 0
    assert cli("transcribe").code == 0
    assert cli("verify").code == 0
    with station.session() as session:
        transcript = session.scalars(select(Transcript)).one()
        assert transcript.verified_ok is True
        vtt = station.settings.archive_dir / (transcript.path or "")
    vtt.write_text(vtt.read_text(encoding="utf-8").replace("a", "o"), encoding="utf-8")
    result = cli("verify")
    assert result.code == 1
    assert f"transcript of recording 1: changed: {transcript.path}" in result.out


def test_retention_removes_the_transcript_with_its_recording(
    station: Station, cli: Cli, incoming: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    say(incoming / "old_2025-10-01T080000+0800.wav", SENTENCE, silence_before=1)
    monkeypatch.setenv("RADIODESK_NOW", "2025-10-02T00:00:00+00:00")
    assert cli("ingest", str(incoming)).code == 0
    monkeypatch.setenv("RADIODESK_NOW", "2026-11-23T04:00:00+00:00")
    assert cli("transcribe").code == 0
    assert list(station.settings.archive_dir.rglob("*.vtt"))

    removed = cli("archive", "prune", "--yes")
    assert removed.code == 0 and "Removed 1 recordings" in removed.out, removed.out
    assert not list(station.settings.archive_dir.rglob("*.vtt"))
    with station.session() as session:
        assert session.scalars(select(Transcript)).all() == []


def test_pending_queues_what_was_archived_while_transcripts_were_off(
    station: Station, cli: Cli, incoming: Path
) -> None:
    settings_file = station.home / "radiodesk.toml"
    original = settings_file.read_text(encoding="utf-8")
    settings_file.write_text(original + "\n[transcripts]\nenabled = false\n", encoding="utf-8")
    say(incoming / "talk_2026-11-02T080000+0800.wav", SENTENCE, silence_before=1)
    assert cli("ingest", str(incoming)).code == 0
    assert "No recording is queued" in cli("transcribe", "--status").out
    assert "No recording is waiting" in cli("transcribe").out

    settings_file.write_text(original, encoding="utf-8")
    result = cli("transcribe", "--pending", "--json")
    assert result.code == 0
    [outcome] = json.loads(result.out)
    assert (outcome["recording_id"], outcome["status"]) == (1, "done") and outcome["cues"] > 0
