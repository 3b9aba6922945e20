"""What a file's own header declares: its length, and (broadcast WAV) when it was recorded.

Only a few hundred bytes are read. A declared length is one the container states exactly
(a WAV data size, a FLAC sample count, an MP3 Xing/Info or VBRI frame count, an MP4 movie
header); a length ffprobe *estimates* from a bit rate is not a declaration. When the audio
that can be decoded is clearly shorter than the declared length, the file was cut short.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from radiodesk.archive.audio import Probe

# A recorder that crashed leaves these in place of the real sizes: "unknown", not a claim.
_PLACEHOLDER_SIZES = (0, 0xFFFFFFFF)
_PCM_FORMATS = (1, 3, 0xFFFE)
_MAX_CHUNKS = 64


def _wav_chunks(fh: BinaryIO, file_size: int) -> Iterator[tuple[bytes, int, int]]:
    """(chunk id, data offset, declared size) of a RIFF/WAVE file, up to the data chunk."""
    head = fh.read(12)
    if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
        return
    offset = 12
    for _i in range(_MAX_CHUNKS):
        fh.seek(offset)
        header = fh.read(8)
        if len(header) < 8:
            return
        chunk_id, size = header[:4], struct.unpack("<I", header[4:])[0]
        yield chunk_id, offset + 8, size
        if chunk_id == b"data":
            return
        offset += 8 + size + (size & 1)
        if offset >= file_size:
            return


@dataclass(frozen=True)
class WavLayout:
    """Where the audio of a PCM WAV lies: its ``fmt `` chunk (verbatim, header included) and
    its sample data as it really is in the file (placeholder sizes resolved)."""

    fmt_chunk: bytes
    data_offset: int
    data_size: int
    block_align: int
    sample_rate: int


def wav_layout(path: Path) -> WavLayout | None:
    """The layout of a PCM WAV, or None for anything else (compressed WAV, RF64, …)."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            fmt = b""
            for chunk_id, at, chunk_size in _wav_chunks(fh, size):
                if chunk_id == b"fmt " and 16 <= chunk_size <= 64:
                    fh.seek(at - 8)
                    fmt = fh.read(8 + chunk_size + (chunk_size & 1))
                elif chunk_id == b"data" and len(fmt) >= 24:
                    tag, _ch, rate, _byte_rate, align = struct.unpack("<HHIIH", fmt[8:22])
                    if tag not in _PCM_FORMATS or align <= 0 or rate <= 0:
                        return None
                    available = size - at
                    real = available if chunk_size in _PLACEHOLDER_SIZES else chunk_size
                    real = min(real, available) // align * align
                    return WavLayout(fmt, at, real, align, rate)
    except (OSError, struct.error):
        return None
    return None


def _wav_declared(fh: BinaryIO, file_size: int) -> float | None:
    byte_rate = 0
    for chunk_id, at, size in _wav_chunks(fh, file_size):
        if chunk_id == b"fmt " and size >= 16:
            fh.seek(at)
            fmt_tag, _ch, _rate, byte_rate = struct.unpack("<HHII", fh.read(12))
            if fmt_tag not in _PCM_FORMATS:
                return None
        elif chunk_id == b"data":
            if size in _PLACEHOLDER_SIZES or byte_rate <= 0:
                return None
            return size / byte_rate
    return None


_MP3_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}


def _mp3_declared(fh: BinaryIO) -> float | None:
    head = fh.read(10)
    start = 0
    if head[:3] == b"ID3" and len(head) == 10:
        size = 0
        for byte in head[6:10]:
            size = (size << 7) | (byte & 0x7F)
        start = 10 + size + (10 if head[5] & 0x10 else 0)
    fh.seek(start)
    buf = fh.read(8192)
    for i in range(len(buf) - 4):
        if buf[i] != 0xFF or buf[i + 1] & 0xE0 != 0xE0:
            continue
        version = (buf[i + 1] >> 3) & 3
        layer = (buf[i + 1] >> 1) & 3
        bitrate_index = buf[i + 2] >> 4
        rate_index = (buf[i + 2] >> 2) & 3
        if version == 1 or layer == 0 or bitrate_index in (0, 15) or rate_index == 3:
            continue
        rate = _MP3_RATES[version][rate_index]
        mono = (buf[i + 3] >> 6) == 3
        samples = {3: 384, 2: 1152}.get(layer, 1152 if version == 3 else 576)
        side = (17 if mono else 32) if version == 3 else (9 if mono else 17)
        xing = i + 4 + side
        if buf[xing : xing + 4] in (b"Xing", b"Info") and len(buf) >= xing + 12:
            flags = struct.unpack(">I", buf[xing + 4 : xing + 8])[0]
            if flags & 1:
                frames = struct.unpack(">I", buf[xing + 8 : xing + 12])[0]
                return frames * samples / rate
        vbri = i + 36
        if buf[vbri : vbri + 4] == b"VBRI" and len(buf) >= vbri + 18:
            frames = struct.unpack(">I", buf[vbri + 14 : vbri + 18])[0]
            return frames * samples / rate
        return None
    return None


def declared_duration(path: Path, info: Probe) -> float | None:
    """The length in seconds that the header of ``path`` states exactly, or None."""
    try:
        with path.open("rb") as fh:
            size = path.stat().st_size
            if info.container == "wav":
                return _wav_declared(fh, size)
            if info.container == "mp3":
                return _mp3_declared(fh)
        if info.container == "flac":
            from mutagen.flac import FLAC

            flac = FLAC(path)
            total, rate = flac.info.total_samples, flac.info.sample_rate
            return total / rate if total and rate else None
        if info.container.startswith("mov,mp4"):
            from mutagen.mp4 import MP4

            mp4 = MP4(path)
            return float(mp4.info.length) if mp4.info and mp4.info.length else None
    except Exception:  # noqa: BLE001 - a header that cannot be parsed declares nothing
        return None
    return None


_BEXT_DATE = re.compile(r"^(\d{4})\D(\d{2})\D(\d{2})$")
_BEXT_TIME = re.compile(r"^(\d{2})\D(\d{2})\D(\d{2})$")


def bext_origination(path: Path) -> datetime | None:
    """The recorder's local start time from a Broadcast WAV ``bext`` chunk (naive), or None."""
    try:
        with path.open("rb") as fh:
            size = path.stat().st_size
            for chunk_id, at, chunk_size in _wav_chunks(fh, size):
                if chunk_id == b"bext" and chunk_size >= 338:
                    fh.seek(at + 320)
                    raw = fh.read(18).decode("ascii", "replace")
                    day, clock = _BEXT_DATE.match(raw[:10]), _BEXT_TIME.match(raw[10:])
                    if not day or not clock:
                        return None
                    y, mo, d = (int(x) for x in day.groups())
                    h, mi, s = (int(x) for x in clock.groups())
                    return datetime(y, mo, d, h, mi, s)
    except (OSError, ValueError, struct.error):
        return None
    return None
