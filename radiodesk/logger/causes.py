"""Why the logger is not recording: a closed set of causes, each with words for the operator,
and how they are read from ffmpeg's log."""

from __future__ import annotations

from radiodesk.i18n import N_, _
from radiodesk.models import LoggerCause

CAUSES: dict[str, str] = {
    LoggerCause.CONNECTION_REFUSED: N_("connection refused"),
    LoggerCause.NOT_FOUND: N_("the server has no such stream"),
    LoggerCause.NOT_AUDIO: N_("the address does not serve audio"),
    LoggerCause.UNREACHABLE: N_("the server cannot be reached"),
    LoggerCause.TIMEOUT: N_("no data from the source (timed out)"),
    LoggerCause.STREAM_ENDED: N_("the stream ended"),
    LoggerCause.NO_DEVICE: N_("no such sound device"),
    LoggerCause.DISK_LOW: N_("free disk space below the reserve"),
    LoggerCause.DISK_FULL: N_("the disk is full"),
    LoggerCause.NOT_RUNNING: N_("the logger was not running"),
    LoggerCause.STOPPED: N_("the logger was stopped"),
    LoggerCause.FFMPEG_FAILED: N_("ffmpeg failed"),
}

# Words of ffmpeg's log, in the order they are looked for.
_SIGNS = (
    ("No space left on device", LoggerCause.DISK_FULL),
    ("Connection refused", LoggerCause.CONNECTION_REFUSED),
    ("Server returned 4", LoggerCause.NOT_FOUND),
    ("Server returned 5", LoggerCause.UNREACHABLE),
    ("Invalid data found when processing input", LoggerCause.NOT_AUDIO),
    ("could not find codec parameters", LoggerCause.NOT_AUDIO),
    ("does not contain any stream", LoggerCause.NOT_AUDIO),
    ("Failed to resolve hostname", LoggerCause.UNREACHABLE),
    ("Name or service not known", LoggerCause.UNREACHABLE),
    ("Temporary failure in name resolution", LoggerCause.UNREACHABLE),
    ("No route to host", LoggerCause.UNREACHABLE),
    ("Network is unreachable", LoggerCause.UNREACHABLE),
    ("timed out", LoggerCause.TIMEOUT),
    ("Connection reset", LoggerCause.STREAM_ENDED),
    ("End of file", LoggerCause.STREAM_ENDED),
)
_DEVICE_SIGNS = (
    "No such file or directory",
    "cannot open audio device",
    "Cannot open audio device",
    "No such device",
    "Unknown input format",
    "Connection refused",
)


def cause_text(cause: str) -> str:
    """The operator's words for ``cause``, in the current language."""
    return _(CAUSES[cause]) if cause in CAUSES else cause


def classify(log: list[str], returncode: int, *, device: bool) -> tuple[LoggerCause, str]:
    """(cause, the ffmpeg line that says it) for an ffmpeg that stopped with ``log``."""
    text = "\n".join(log)
    if device:
        for sign in _DEVICE_SIGNS:
            if sign in text:
                return LoggerCause.NO_DEVICE, _line_with(log, sign)
    for sign, cause in _SIGNS:
        if sign in text:
            return cause, _line_with(log, sign)
    if returncode == 0:
        return LoggerCause.STREAM_ENDED, ""
    return LoggerCause.FFMPEG_FAILED, log[-1] if log else ""


def _line_with(log: list[str], sign: str) -> str:
    return next((line for line in reversed(log) if sign in line), "")[:300]
