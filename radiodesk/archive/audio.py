"""ffprobe and ffmpeg, as the archive uses them. ffmpeg does all work on long audio.

Nothing here holds audio in memory: ffmpeg streams it, and its log is read line by line
(only errors and the last lines, where the filters print their summaries, are kept).
Durations are in seconds, loudness in LUFS, peaks in dBFS (dBTP for true peaks).
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from radiodesk.errors import InputError
from radiodesk.i18n import _

FFMPEG = os.environ.get("RADIODESK_FFMPEG", "ffmpeg")
FFPROBE = os.environ.get("RADIODESK_FFPROBE", "ffprobe")
PROBE_TIMEOUT = 120
# ebur128 reports -70 LUFS when nothing rises above its absolute gate: silence.
SILENCE_LUFS = -70.0

ProgressFn = Callable[[float], None]

_CONTAINER_EXT = {
    "wav": "wav",
    "w64": "w64",
    "mp3": "mp3",
    "flac": "flac",
    "aiff": "aiff",
    "aac": "aac",
    "asf": "wma",
    "caf": "caf",
    "matroska,webm": "mka",
}


class AudioError(InputError):
    """ffmpeg cannot read or write this audio; the message is one line for the operator."""


@dataclass(frozen=True)
class Probe:
    """What ffprobe says of a file. ``duration`` is the header's claim, not a measurement."""

    container: str
    codec: str
    duration: float | None
    sample_rate: int | None
    channels: int | None
    bit_rate: int | None

    @property
    def extension(self) -> str:
        """The usual file extension of this container and codec (without the dot)."""
        if self.container == "ogg":
            return "opus" if self.codec == "opus" else "ogg"
        if self.container.startswith("mov,mp4"):
            return "m4a"
        return _CONTAINER_EXT.get(self.container, self.container.split(",")[0])


@dataclass(frozen=True)
class Analysis:
    """One decoding pass over a whole file.

    ``duration`` is what ffmpeg decoded (seconds), whatever the headers claim. ``loudness`` is
    the integrated loudness of the file as it is; ``mix_loudness`` that of the file down- or
    up-mixed to ``mix_channels`` (what a rendition starts from), when asked for.
    """

    duration: float
    loudness: float | None
    mix_channels: int | None
    mix_loudness: float | None
    errors: tuple[str, ...]


@dataclass(frozen=True)
class Loudness:
    """EBU R128 measurement: integrated loudness (LUFS) and true peak (dBTP), and the
    duration (seconds) decoded while measuring."""

    integrated: float
    true_peak: float
    duration: float | None = None


@dataclass(frozen=True)
class FFmpegRun:
    returncode: int
    errors: tuple[str, ...]
    tail: tuple[str, ...]
    out_time: float | None


def die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    # If radiodesk is killed, its ffmpeg children must not go on writing for an hour.
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _popen(args: Sequence[str], **kwargs: Any) -> subprocess.Popen[bytes]:
    try:
        return subprocess.Popen(
            list(args),
            stdin=subprocess.DEVNULL,
            preexec_fn=die_with_parent if sys.platform.startswith("linux") else None,  # noqa: PLW1509
            **kwargs,
        )
    except FileNotFoundError:
        raise AudioError(
            _("{program} is not installed or not on PATH; radiodesk needs ffmpeg.").format(
                program=args[0]
            )
        ) from None


def _clean(line: str) -> str:
    """An ffmpeg log line without its level and context prefixes, e.g. '[mp3 @ 0x..] '."""
    line = re.sub(r"^(\[[^\]]*\]\s*)+", "", line.strip())
    return line.strip()


def run_ffmpeg(
    args: Sequence[str],
    *,
    duration: float | None = None,
    on_progress: ProgressFn | None = None,
) -> FFmpegRun:
    """Run ``ffmpeg ARGS`` and wait. Progress (0..1 of ``duration``) goes to ``on_progress``.

    Returns the exit code, the first error lines, the last lines of the log (where filters
    print their summaries) and the last output time in seconds.
    """
    command = [
        FFMPEG,
        "-hide_banner",
        "-nostdin",
        "-nostats",
        "-loglevel",
        "repeat+level+info",
        "-progress",
        "pipe:1",
        *args,
    ]
    proc = _popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    errors: list[str] = []
    tail: deque[str] = deque(maxlen=120)

    def read_log() -> None:
        assert proc.stderr is not None
        for raw in proc.stderr:
            line = raw.decode("utf-8", "replace").rstrip()
            tail.append(line)
            if ("[error]" in line or "[fatal]" in line) and len(errors) < 20:
                errors.append(_clean(line))

    reader = threading.Thread(target=read_log, daemon=True)
    reader.start()
    out_time: float | None = None
    assert proc.stdout is not None
    for raw in proc.stdout:
        key, _sep, value = raw.decode("ascii", "replace").strip().partition("=")
        if key == "out_time_us" and value.lstrip("-").isdigit():
            out_time = max(0, int(value)) / 1e6
            if on_progress and duration:
                on_progress(min(1.0, out_time / duration))
    proc.wait()
    reader.join()
    return FFmpegRun(proc.returncode, tuple(errors), tuple(tail), out_time)


def _first_error(run: FFmpegRun) -> str:
    if run.errors:
        return run.errors[-1] if len(run.errors) == 1 else run.errors[0]
    for line in reversed(run.tail):
        if line.strip():
            return _clean(line)
    return _("ffmpeg stopped with code {code}").format(code=run.returncode)


def _number(value: Any, kind: type[int] | type[float]) -> Any:
    try:
        number = kind(float(value))
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def probe(path: Path) -> Probe:
    """ffprobe's view of the first audio stream of ``path``; AudioError when it has none."""
    command = [
        FFPROBE,
        "-v",
        "error",
        "-show_entries",
        "format=format_name,duration,bit_rate:"
        "stream=codec_type,codec_name,sample_rate,channels,bit_rate,duration",
        "-of",
        "json",
        str(path),
    ]
    try:
        proc = _popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        out, err = proc.communicate(timeout=PROBE_TIMEOUT)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise AudioError(_("ffprobe took too long to read it")) from None
    if proc.returncode != 0:
        lines = [_clean(x) for x in err.decode("utf-8", "replace").splitlines() if x.strip()]
        reason = lines[-1] if lines else _("unknown format")
        # ffprobe repeats the file name in front of the reason.
        reason = reason.split(": ", 1)[-1] if reason.startswith(str(path)) else reason
        raise AudioError(_("not audio that ffmpeg can read ({reason})").format(reason=reason))
    data = json.loads(out.decode("utf-8", "replace") or "{}")
    streams = [s for s in data.get("streams", []) if s.get("codec_type") == "audio"]
    if not streams:
        raise AudioError(_("not audio that ffmpeg can read (no audio stream)"))
    stream = streams[0]
    fmt = data.get("format", {})
    duration = _number(stream.get("duration"), float) or _number(fmt.get("duration"), float)
    return Probe(
        container=str(fmt.get("format_name", ""))[:40],
        codec=str(stream.get("codec_name", ""))[:40],
        duration=duration,
        sample_rate=_number(stream.get("sample_rate"), int),
        channels=_number(stream.get("channels"), int),
        bit_rate=_number(stream.get("bit_rate"), int) or _number(fmt.get("bit_rate"), int),
    )


_SUMMARY = re.compile(r"\[Parsed_ebur128_(\d+) @[^\]]*\].*Summary:")
_INTEGRATED = re.compile(r"^\s*I:\s*(-?[\d.]+|-?inf|nan)\s*LUFS", re.IGNORECASE)
_PEAK = re.compile(r"^\s*Peak:\s*(-?[\d.]+|-?inf|nan)\s*dBFS", re.IGNORECASE)


def _summaries(tail: Sequence[str]) -> list[dict[str, float]]:
    """The ebur128 summaries in a log tail, ordered by filter instance."""
    found: dict[int, dict[str, float]] = {}
    current: dict[str, float] | None = None
    for line in tail:
        start = _SUMMARY.search(line)
        if start:
            current = found.setdefault(int(start.group(1)), {})
            continue
        if current is None:
            continue
        for key, pattern in (("integrated", _INTEGRATED), ("peak", _PEAK)):
            match = pattern.match(line)
            if match:
                value = float(match.group(1))
                current[key] = value if value == value else SILENCE_LUFS  # nan: silence
    return [found[k] for k in sorted(found)]


def analyse(
    path: Path,
    *,
    mix_channels: int | None = None,
    channels: int | None = None,
    duration_hint: float | None = None,
    on_progress: ProgressFn | None = None,
) -> Analysis:
    """Decode the whole of ``path`` once: exact duration and integrated loudness.

    With ``mix_channels`` the loudness of the audio mixed to that many channels is measured
    in the same pass (a rendition's gain is computed from it); when the file already has
    that many ``channels`` the two are one measurement. Decoding errors are returned, not
    raised: the caller decides whether a damaged file is acceptable.
    """
    same = mix_channels is not None and mix_channels == channels
    if mix_channels and not same:
        layout = "mono" if mix_channels == 1 else "stereo"
        graph = (
            "[0:a:0]asplit=2[a][b];[a]ebur128=framelog=verbose[ao];"
            f"[b]aformat=channel_layouts={layout},ebur128=framelog=verbose[bo]"
        )
        outputs = ["-map", "[ao]", "-f", "null", "-", "-map", "[bo]", "-f", "null", "-"]
    else:
        graph = "[0:a:0]ebur128=framelog=verbose[ao]"
        outputs = ["-map", "[ao]", "-f", "null", "-"]
    run = run_ffmpeg(
        ["-i", str(path), "-filter_complex", graph, *outputs],
        duration=duration_hint,
        on_progress=on_progress,
    )
    if run.returncode != 0 or run.out_time is None:
        raise AudioError(_("ffmpeg cannot decode it ({reason})").format(reason=_first_error(run)))
    summaries = _summaries(run.tail)
    loudness = summaries[0].get("integrated") if summaries else None
    mix = summaries[1].get("integrated") if mix_channels and len(summaries) > 1 else None
    if same:
        mix = loudness
    return Analysis(
        duration=run.out_time,
        loudness=loudness,
        mix_channels=mix_channels,
        mix_loudness=mix,
        errors=run.errors,
    )


def measure(
    path: Path, *, duration: float | None = None, on_progress: ProgressFn | None = None
) -> Loudness:
    """EBU R128 integrated loudness and true peak of ``path`` (decoded as it is stored)."""
    run = run_ffmpeg(
        ["-i", str(path), "-map", "0:a:0", "-af", "ebur128=peak=true:framelog=verbose"]
        + ["-f", "null", "-"],
        duration=duration,
        on_progress=on_progress,
    )
    summaries = _summaries(run.tail)
    if run.returncode != 0 or not summaries or "integrated" not in summaries[0]:
        raise AudioError(
            _("the loudness of {file} cannot be measured ({reason})").format(
                file=path.name, reason=_first_error(run)
            )
        )
    return Loudness(
        summaries[0]["integrated"], summaries[0].get("peak", float("-inf")), run.out_time
    )
