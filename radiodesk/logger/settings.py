"""The ``[logger]`` table of ``radiodesk.toml``: what the air logger records and how.

::

    [logger]
    source = "http://127.0.0.1:8000/live"   # the station's stream, or "alsa:hw:1,0",
                                            # "pulse:default" for a sound card input
    segment_seconds = 3600                  # clock-aligned files (must divide a day)
    stream_delay = 2.5                      # seconds the stream lags the air
    pre_roll = 60                           # seconds kept before a broadcast's start
    post_roll = 120                         # and after its end
    reserve_mb = 1024                       # stop writing below this much free disk
    silence_seconds = 30                    # dead air this long is an event (0: off)
    silence_db = -50                        # below this level is silence (dBFS)
    auto_cut = true                         # cut, archive and draft ended broadcasts
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from radiodesk.config import Settings, checked_table, table_error
from radiodesk.errors import ConfigError
from radiodesk.i18n import _

DEVICE_PREFIXES = ("alsa:", "pulse:")


@dataclass(frozen=True)
class LoggerSettings:
    """The logger's settings. Seconds, megabytes (10^6 bytes), dBFS."""

    source: str = ""
    segment_seconds: int = 3600
    stream_delay: float = 0.0
    pre_roll: float = 60.0
    post_roll: float = 120.0
    reserve_mb: int = 1024
    silence_seconds: float = 30.0
    silence_db: float = -50.0
    auto_cut: bool = True

    @property
    def is_device(self) -> bool:
        """True for a sound-card input (recorded as FLAC), False for a stream URL."""
        return self.source.startswith(DEVICE_PREFIXES)


_TYPES: dict[str, type | tuple[type, ...]] = {
    "source": str,
    "segment_seconds": int,
    "stream_delay": (int, float),
    "pre_roll": (int, float),
    "post_roll": (int, float),
    "reserve_mb": int,
    "silence_seconds": (int, float),
    "silence_db": (int, float),
    "auto_cut": bool,
}


def _bad(file: Path | None, key: str, expected: str) -> ConfigError:
    return table_error(file, f"logger.{key}", expected)


def logger_settings(settings: Settings) -> LoggerSettings:
    """The station's ``[logger]`` settings, checked; a wrong one raises ConfigError."""
    file = settings.settings_file
    values: dict[str, Any] = {}
    for key, value in checked_table(file, "logger", settings.logger, _TYPES):
        values[key] = float(value) if _TYPES[key] == (int, float) else value
    result = LoggerSettings(**values)
    source = result.source
    if source and not (source.startswith(("http://", "https://")) or result.is_device):
        raise _bad(file, "source", _("an http:// stream address, alsa:DEVICE or pulse:DEVICE"))
    if not 1 <= result.segment_seconds <= 86400 or 86400 % result.segment_seconds:
        raise _bad(file, "segment_seconds", _("a number of seconds that divides a day"))
    for key in ("stream_delay", "pre_roll", "post_roll", "silence_seconds"):
        if getattr(result, key) < 0:
            raise _bad(file, key, _("zero or more seconds"))
    if result.reserve_mb < 0:
        raise _bad(file, "reserve_mb", _("zero or more megabytes"))
    return result


def logger_dir(settings: Settings) -> Path:
    """archive/logger: the segments (YYYY/MM/DD/) and, in .incoming/, those being written."""
    return settings.archive_dir / "logger"
