"""Why the logger is not recording: a closed set of causes, each with words for the operator,
and how they are read from ffmpeg's log."""

from __future__ import annotations

from radiodesk.i18n import N_, _

CAUSES = {
    "connection_refused": N_("connection refused"),
    "not_found": N_("the server has no such stream"),
    "not_audio": N_("the address does not serve audio"),
    "unreachable": N_("the server cannot be reached"),
    "timeout": N_("no data from the source (timed out)"),
    "stream_ended": N_("the stream ended"),
    "no_device": N_("no such sound device"),
    "disk_low": N_("free disk space below the reserve"),
    "disk_full": N_("the disk is full"),
    "not_running": N_("the logger was not running"),
    "stopped": N_("the logger was stopped"),
    "ffmpeg_failed": N_("ffmpeg failed"),
}

# Words of ffmpeg's log, in the order they are looked for.
_SIGNS = (
    ("No space left on device", "disk_full"),
    ("Connection refused", "connection_refused"),
    ("Server returned 4", "not_found"),
    ("Server returned 5", "unreachable"),
    ("Invalid data found when processing input", "not_audio"),
    ("could not find codec parameters", "not_audio"),
    ("does not contain any stream", "not_audio"),
    ("Failed to resolve hostname", "unreachable"),
    ("Name or service not known", "unreachable"),
    ("Temporary failure in name resolution", "unreachable"),
    ("No route to host", "unreachable"),
    ("Network is unreachable", "unreachable"),
    ("timed out", "timeout"),
    ("Connection reset", "stream_ended"),
    ("End of file", "stream_ended"),
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


def classify(log: list[str], returncode: int, *, device: bool) -> tuple[str, str]:
    """(cause, the ffmpeg line that says it) for an ffmpeg that stopped with ``log``."""
    text = "\n".join(log)
    if device:
        for sign in _DEVICE_SIGNS:
            if sign in text:
                return "no_device", _line_with(log, sign)
    for sign, cause in _SIGNS:
        if sign in text:
            return cause, _line_with(log, sign)
    if returncode == 0:
        return "stream_ended", ""
    return "ffmpeg_failed", log[-1] if log else ""


def _line_with(log: list[str], sign: str) -> str:
    return next((line for line in reversed(log) if sign in line), "")[:300]
