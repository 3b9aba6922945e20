"""Fixtures of the publish tests: short MP3 files made once by ffmpeg."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.publish.helpers import make_tone


@pytest.fixture(scope="session")
def tones(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two short MP3s of different lengths (about 2 s and 3.5 s)."""
    folder = tmp_path_factory.mktemp("tones")
    return {
        "short": make_tone(folder / "short.mp3", 2.0, 440),
        "long": make_tone(folder / "long.mp3", 3.5, 660),
    }
