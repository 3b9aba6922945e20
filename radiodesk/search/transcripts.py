"""Reading transcripts (WebVTT ``.vtt`` and SubRip ``.srt``) into timed cues."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# 00:01:02.500, 01:02.500 (WebVTT may leave out the hours) or 00:01:02,500 (SubRip).
_TIME = r"(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?"
_TIMING_RE = re.compile(rf"^\s*{_TIME}\s*-->\s*{_TIME}")
_TAG_RE = re.compile(r"<[^>]*>")
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&nbsp;": " ", "&lrm;": "", "&rlm;": ""}
# A transcript bigger than this is not a transcript of a radio programme.
MAX_TRANSCRIPT_BYTES = 20_000_000


@dataclass(frozen=True)
class Cue:
    """A piece of a transcript: ``start`` and ``end`` in seconds from the file's start."""

    start: float
    end: float
    text: str


def _seconds(hours: str | None, minutes: str, seconds: str, fraction: str | None) -> float:
    value = float(int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds))
    if fraction:
        value += int(fraction.ljust(3, "0")) / 1000
    return value


def _clean(line: str) -> str:
    line = _TAG_RE.sub("", line)
    for entity, char in _ENTITIES.items():
        line = line.replace(entity, char)
    return line.strip()


def parse_cues(content: str) -> list[Cue]:
    """The cues of a WebVTT or SubRip text, in file order. Headers, notes, styles, cue
    numbers and formatting tags are left out; a cue's lines are joined with spaces."""
    cues: list[Cue] = []
    blocks = re.split(r"\n\s*\n", content.replace("\r\n", "\n").replace("\r", "\n"))
    for block in blocks:
        lines = block.strip("\n").split("\n")
        for index, line in enumerate(lines):
            timing = _TIMING_RE.match(line)
            if timing is None:
                continue
            g = timing.groups()
            text = " ".join(filter(None, (_clean(text_line) for text_line in lines[index + 1 :])))
            # A dash opening a cue marks a change of speaker, not text.
            text = re.sub(r"^-\s*", "", text)
            if text:
                cues.append(Cue(start=_seconds(*g[0:4]), end=_seconds(*g[4:8]), text=text))
            break
    return cues


def read_cues(path: Path) -> list[Cue]:
    """The cues of the transcript at ``path``; an unreadable or missing file has none."""
    try:
        if path.stat().st_size > MAX_TRANSCRIPT_BYTES:
            return []
        raw = path.read_bytes()
    except OSError:
        return []
    content = raw.decode("utf-8-sig", errors="replace")
    return parse_cues(content)
