"""The ffmpeg commands of the logger: what it runs to record, and how it learns the stream.

The recorder copies the stream's audio as it comes (``-c copy``) into clock-aligned segments
(ffmpeg's segment muxer, ``-segment_atclocktime``), numbered under a temporary name in
``.incoming/``, with a CSV list of the finished ones (their start and end on the
connection's timeline, seconds). A sound card is encoded to FLAC. A second output decodes
the audio through ``silencedetect`` for dead air. ``-progress`` tells the supervisor how far
the recording is, which is how the instant of the first sample is found.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

from radiodesk.archive.audio import FFMPEG, FFPROBE, die_with_parent
from radiodesk.logger.causes import classify
from radiodesk.logger.settings import LoggerSettings
from radiodesk.models import LoggerCause

# Give up a connection that sends nothing for this long (microseconds, ffmpeg's unit).
READ_TIMEOUT_US = 10_000_000
# Bytes ffmpeg reads to tell a stream's format. Its default (up to 1 MB, in practice 128 KB
# for MP3) is more than an Icecast server's burst on connect (64 KB by default), so each
# connection waited seconds of air (4 s at 128 kbit/s) before recording; 32 KB is still
# two seconds of such a stream, many frames of any codec.
FORMAT_PROBE_BYTES = 32_768
# Stream codecs kept in a container of their own kind; anything else goes into Matroska.
_FORMATS = {
    "mp3": ("mp3", "mp3"),
    "aac": ("adts", "aac"),
    "vorbis": ("ogg", "ogg"),
    "opus": ("ogg", "opus"),
    "flac": ("flac", "flac"),
}


@dataclass(frozen=True)
class SourceFormat:
    """What the recorder writes: the codec, the muxer of each segment and its extension."""

    codec: str
    muxer: str
    ext: str


@dataclass(frozen=True)
class ProbeFailure:
    cause: LoggerCause
    detail: str


def source_input(source: str) -> list[str]:
    """ffmpeg's input options for a stream URL or an ``alsa:``/``pulse:`` device."""
    if source.startswith(("alsa:", "pulse:")):
        kind, _sep, device = source.partition(":")
        return ["-f", kind, "-i", device]
    return [
        "-rw_timeout",
        str(READ_TIMEOUT_US),
        "-user_agent",
        "radiodesk-logger",
        "-formatprobesize",
        str(FORMAT_PROBE_BYTES),
        "-analyzeduration",
        "2000000",
        "-i",
        source,
    ]


def probe_source(settings: LoggerSettings, timeout: float = 20.0) -> SourceFormat | ProbeFailure:
    """The codec of the source (one short connection), or why it cannot be recorded."""
    if settings.is_device:
        return SourceFormat("flac", "flac", "flac")
    command = [
        FFPROBE,
        "-v",
        "error",
        "-show_entries",
        "stream=codec_name,codec_type",
        "-of",
        "json",
        *source_input(settings.source),
    ]
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=timeout,
            preexec_fn=die_with_parent,  # noqa: PLW1509
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        return ProbeFailure(LoggerCause.TIMEOUT, "")
    log = done.stderr.splitlines()
    streams = []
    if done.returncode == 0:
        try:
            streams = json.loads(done.stdout or "{}").get("streams", [])
        except ValueError:
            streams = []
    audio = [s for s in streams if s.get("codec_type") == "audio"]
    if not audio:
        cause, detail = classify(log, 1, device=False)
        if cause in (LoggerCause.STREAM_ENDED, LoggerCause.FFMPEG_FAILED):
            cause = LoggerCause.NOT_AUDIO
        return ProbeFailure(cause, detail)
    codec = str(audio[0].get("codec_name", ""))
    muxer, ext = _FORMATS.get(codec, ("matroska", "mka"))
    return SourceFormat(codec, muxer, ext)


def recorder_command(
    settings: LoggerSettings,
    fmt: SourceFormat,
    incoming: Path,
    connection: str,
    clock_offset: float,
) -> list[str]:
    """The recording ffmpeg of one connection. ``clock_offset`` shifts the segment cuts so
    that they fall on the clock in *air* time (the stream lags by ``stream_delay``)."""
    audio = ["-c:a", "flac"] if settings.is_device else ["-c", "copy"]
    command = [
        FFMPEG,
        "-hide_banner",
        "-nostdin",
        "-nostats",
        "-loglevel",
        "level+info",
        "-progress",
        "pipe:1",
        "-stats_period",
        "0.5",
        *source_input(settings.source),
        "-map",
        "0:a:0",
        *audio,
        "-f",
        "segment",
        "-segment_format",
        fmt.muxer,
        "-segment_time",
        str(settings.segment_seconds),
        "-segment_atclocktime",
        "1",
        "-segment_clocktime_offset",
        f"{clock_offset:.3f}",
        "-segment_list",
        str(incoming / f"{connection}.csv"),
        "-segment_list_type",
        "csv",
        str(incoming / f"{connection}-%05d.{fmt.ext}"),
    ]
    # Each packet written as it comes (a crash loses nothing ffmpeg had), and for MP3 no
    # Xing header: it is only filled in at the end, which a crash never reaches.
    options = "flush_packets=1" + (":write_xing=0" if fmt.muxer == "mp3" else "")
    at = command.index("-segment_list")
    command[at:at] = ["-segment_format_options", options]
    if settings.silence_seconds > 0:
        silence = f"silencedetect=n={settings.silence_db}dB:d={settings.silence_seconds}"
        command += ["-map", "0:a:0", "-af", silence, "-f", "null", "-"]
    return command


def muxer_for_ext(ext: str) -> str:
    """The muxer that writes segments ending in ``.ext``."""
    return next((muxer for muxer, e in _FORMATS.values() if e == ext), "matroska")


def clock_offset(settings: LoggerSettings) -> float:
    """ffmpeg cuts at wall-clock multiples of the segment length plus this offset (seconds)."""
    return settings.stream_delay % settings.segment_seconds
