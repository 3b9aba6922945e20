"""The ``[transcripts]`` table of ``radiodesk.toml``: what is transcribed, with which model.

::

    [transcripts]
    enabled = true          # queue new recordings of spoken programmes
    model = "base"          # "base", "small" (more cores), or the folder of a CTranslate2 model
    threads = 2             # CPU threads of one transcription
    chunk_seconds = 300     # work kept after a crash: every finished chunk
    shows = []              # only these programmes (slugs); empty: every one but music
    skip_shows = []         # never these programmes
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from radiodesk.config import Settings, checked_table, table_error
from radiodesk.errors import ConfigError
from radiodesk.i18n import _

# Programmes of this podcast category are music: not transcribed unless named in ``shows``.
MUSIC_CATEGORY = "Music"


@dataclass(frozen=True)
class TranscriptSettings:
    """How transcripts are made. Seconds; ``model`` a name or an absolute folder."""

    enabled: bool = True
    model: str = "base"
    threads: int = 2
    chunk_seconds: int = 300
    shows: tuple[str, ...] = ()
    skip_shows: tuple[str, ...] = ()

    def wants(self, slug: str | None, category: str | None) -> bool:
        """Whether a recording of programme ``slug`` (None: of no programme) is transcribed."""
        if not self.enabled:
            return False
        if slug is None:
            return not self.shows
        if slug in self.skip_shows:
            return False
        if self.shows:
            return slug in self.shows
        return category != MUSIC_CATEGORY


_TYPES: dict[str, type] = {
    "enabled": bool,
    "model": str,
    "threads": int,
    "chunk_seconds": int,
    "shows": list,
    "skip_shows": list,
}


def _bad(file: Path | None, key: str, expected: str) -> ConfigError:
    return table_error(file, f"transcripts.{key}", expected)


def transcript_settings(settings: Settings) -> TranscriptSettings:
    """The station's ``[transcripts]`` settings, checked; a wrong one raises ConfigError.
    A model folder given relative is taken from the station's home."""
    file = settings.settings_file
    values: dict[str, Any] = {}
    for key, value in checked_table(file, "transcripts", settings.transcripts, _TYPES):
        if isinstance(value, list):
            if not all(isinstance(item, str) for item in value):
                raise _bad(file, key, _("a list of programme slugs"))
            value = tuple(value)
        values[key] = value
    model = values.get("model", TranscriptSettings.model)
    if not model.strip():
        raise _bad(file, "model", _("a model name such as base, or a model folder"))
    if "/" in model or model.startswith("."):
        values["model"] = str((settings.home / model).resolve())
    result = TranscriptSettings(**values)
    if not 1 <= result.threads <= 64:
        raise _bad(file, "threads", _("a number of threads from 1 to 64"))
    if not 30 <= result.chunk_seconds <= 3600:
        raise _bad(file, "chunk_seconds", _("a number of seconds from 30 to 3600"))
    return result
