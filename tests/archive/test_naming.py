"""Recorder file names and the layout of the archive."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from radiodesk.archive.naming import duration_from_name, start_from_name
from radiodesk.archive.store import master_rel, rendition_rel, safe_extension, transcript_rel
from tests.archive.conftest import ZONE, local

NAMES = [
    ("2026-11-23_08-00-00.wav", "2026-11-23 08:00:00", None),
    ("2026-11-23T080000+0800_PT1H30M.mp3", "2026-11-23 08:00:00", 5400.0),
    ("2026-11-23T08:00:00+07:00.mp3", "2026-11-23 09:00:00", None),
    ("2026-11-23T000000Z_PT45M.mp3", "2026-11-23 08:00:00", 2700.0),
    ("Studio 1 2026-11-23 08.15.30.flac", "2026-11-23 08:15:30", None),
    ("rekaman_2026-11-23_08h15.mp3", "2026-11-23 08:15:00", None),
    ("20261123_081530.wav", "2026-11-23 08:15:30", None),
    ("REC20261123081530.WAV", "2026-11-23 08:15:30", None),
    ("23-11-2026_08-15-30.wav", "2026-11-23 08:15:30", None),
]


@pytest.mark.parametrize(("name", "start", "duration"), NAMES)
def test_recorder_names(name: str, start: str, duration: float | None) -> None:
    found = start_from_name(name, ZONE)
    assert found is not None
    assert found.start == local(start)
    assert found.duration == duration


@pytest.mark.parametrize(
    "name",
    [
        "ZOOM0001.WAV",
        "20261123_0001.wav",  # a date and a take number: no time of day
        "2026-13-45_08-00-00.wav",
        "2026-11-23_25-61-00.wav",
        "wawancara bupati.mp3",
    ],
)
def test_names_without_a_valid_time(name: str) -> None:
    assert start_from_name(name, ZONE) is None


def test_durations_in_names() -> None:
    assert duration_from_name("x_PT1H30M") == 5400
    assert duration_from_name("x_PT90S") == 90
    assert duration_from_name("x_P1DT1H") == 90000
    assert duration_from_name("PTA.mp3") is None


def test_layout() -> None:
    start = datetime(2026, 11, 23, 0, 5, 9, tzinfo=UTC).astimezone(ZONE)
    sha = "ab12cd34" + "0" * 56
    master = master_rel("kabar-pagi", start, sha, "wav")
    assert master == "masters/2026/11/23/kabar-pagi-080509-ab12cd34.wav"
    assert master_rel(None, start, sha, "mp3") == "masters/2026/11/23/unlinked-080509-ab12cd34.mp3"
    assert rendition_rel(master, "opus") == "renditions/2026/11/23/kabar-pagi-080509-ab12cd34.opus"
    assert transcript_rel(master, ".vtt") == "masters/2026/11/23/kabar-pagi-080509-ab12cd34.vtt"
    assert safe_extension(".MP3") == "mp3" and safe_extension("we ird") == "bin"
