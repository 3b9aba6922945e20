"""Transcribing a recording one chunk at a time: ffmpeg decodes the chunk (16 kHz mono),
faster-whisper (int8 on the CPU, Silero VAD skipping silence and music) turns it into cues
timed from the recording's start.

A chunk is transcribed on its own, so a chunk done again after a crash gives the same cues,
and a long recording never sits in memory whole.
"""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path
from typing import Any

from radiodesk.archive.audio import FFMPEG, die_with_parent
from radiodesk.errors import RadiodeskError
from radiodesk.i18n import _

SAMPLE_RATE = 16_000
BEAM_SIZE = 5
# A cue as stored and written: [start, end, text], seconds from the recording's start.
CueRow = list[Any]


def chunk_count(duration: float, chunk_seconds: int) -> int:
    """How many chunks a recording of ``duration`` seconds is transcribed in (at least one)."""
    return max(1, math.ceil(max(duration, 0.0) / chunk_seconds - 1e-9))


def decode_chunk(path: Path, start: float, seconds: float) -> Any:
    """Samples ``start``..``start + seconds`` of ``path`` as float32 16 kHz mono (numpy);
    RadiodeskError when ffmpeg cannot read the file."""
    import numpy as np

    try:
        done = subprocess.run(
            [
                FFMPEG,
                "-nostdin",
                "-hide_banner",
                "-loglevel",
                "error",
                "-ss",
                f"{start:.3f}",
                "-t",
                f"{seconds:.3f}",
                "-i",
                str(path),
                "-map",
                "0:a:0",
                "-ac",
                "1",
                "-ar",
                str(SAMPLE_RATE),
                "-f",
                "f32le",
                "pipe:1",
            ],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            check=False,
            preexec_fn=die_with_parent if sys.platform.startswith("linux") else None,  # noqa: PLW1509
        )
    except FileNotFoundError:
        raise RadiodeskError(_("ffmpeg is not installed or not on PATH.")) from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RadiodeskError(
            _("ffmpeg cannot read {path}: {reason}").format(
                path=path.name, reason=reason[-1] if reason else done.returncode
            )
        )
    return np.frombuffer(done.stdout, dtype=np.float32)


def transcribe_chunk(model: Any, samples: Any, offset: float, language: str) -> list[CueRow]:
    """The cues faster-whisper hears in ``samples``, timed from ``offset`` seconds."""
    if len(samples) < SAMPLE_RATE // 10:
        return []
    segments, _info = model.transcribe(
        samples,
        language=language,
        beam_size=BEAM_SIZE,
        vad_filter=True,
        condition_on_previous_text=False,
    )
    cues: list[CueRow] = []
    for segment in segments:
        text = " ".join(segment.text.split())
        if text:
            cues.append([round(offset + segment.start, 3), round(offset + segment.end, 3), text])
    return cues


def model_settings(model: str, language: str, threads: int, chunk_seconds: int) -> dict[str, Any]:
    """Every setting that shapes a transcript's text, recorded with it."""
    from radiodesk.transcripts.model import COMPUTE_TYPE, faster_whisper_version, model_source

    return {
        "engine": "faster-whisper " + faster_whisper_version(),
        "model": model,
        "model_source": model_source(model),
        "compute_type": COMPUTE_TYPE,
        "language": language,
        "beam_size": BEAM_SIZE,
        "vad_filter": True,
        "condition_on_previous_text": False,
        "chunk_seconds": chunk_seconds,
        "threads": threads,
    }
