"""Writing a transcript as WebVTT: cues timed from the recording's start, the model and its
settings in a NOTE block at the top (so the file says how it was made wherever it goes)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any


def timestamp(seconds: float) -> str:
    """WebVTT's ``hh:mm:ss.ttt`` for ``seconds``."""
    millis = max(0, round(seconds * 1000))
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def _escape(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # "-->" ends a cue's timing line; a blank line would end the cue.
    return " ".join(text.replace("-->", "->").split())


def webvtt(cues: Iterable[list[Any]], made_with: dict[str, Any]) -> str:
    """The WebVTT text of ``cues`` ([start, end, text], seconds), noting ``made_with``."""
    note = json.dumps(made_with, sort_keys=True, ensure_ascii=False).replace("-->", "->")
    lines = ["WEBVTT", "", "NOTE radiodesk automatic transcript", note, ""]
    for start, end, text in cues:
        lines += [f"{timestamp(start)} --> {timestamp(max(end, start))}", _escape(text), ""]
    return "\n".join(lines)
