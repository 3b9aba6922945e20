"""Tags, with mutagen: reading a recording's date, writing a rendition's tags and chapters.

Renditions get title, programme, station, date, description, artwork and chapters:
MP3 as ID3v2.3 frames with CHAP/CTOC chapters; Ogg Vorbis and Opus as Vorbis comments with
``CHAPTERxxx`` chapters; M4A as iTunes atoms (its chapters are written by ffmpeg while
encoding, see :mod:`radiodesk.archive.render`, as mutagen cannot write MP4 chapters).
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from radiodesk.archive.headers import bext_origination
from radiodesk.archive.naming import parse_offset
from radiodesk.interviews.chapters import Chapter

_TAG_DATETIME = re.compile(
    r"^\s*(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?\s*$"
)
_DATE_KEYS = ("date", "creation_time", "recording_time", "year")


@dataclass(frozen=True)
class TagSet:
    """What a rendition's tags say. ``day`` is the local broadcast date."""

    title: str
    programme: str
    station: str
    day: date | None
    description: str = ""
    artwork: bytes | None = None
    artwork_mime: str = "image/jpeg"
    chapters: tuple[Chapter, ...] = field(default_factory=tuple)
    source_sha256: str = ""


def _tag_texts(path: Path) -> list[str]:
    """The date-like tag values of ``path`` (ID3, Vorbis comments, MP4), best first."""
    import mutagen

    try:
        audio = mutagen.File(path)
    except Exception:  # noqa: BLE001 - absurd or broken tags are ignored, not fatal
        return []
    if audio is None or audio.tags is None:
        return []
    tags = audio.tags
    texts: list[str] = []
    try:
        for key in ("TDRC", "TDOR", "TDRL", "\xa9day"):
            if key in tags:
                value = tags[key]
                texts.extend(str(v) for v in getattr(value, "text", value))
        for key, values in tags.items() if hasattr(tags, "items") else []:
            if isinstance(key, str) and key.lower() in _DATE_KEYS:
                texts.extend(str(v) for v in (values if isinstance(values, list) else [values]))
    except Exception:  # noqa: BLE001
        return texts
    return [t[:64] for t in texts]


def start_from_tags(path: Path, zone: ZoneInfo) -> datetime | None:
    """The recording's start from its tags: a date *with* a time of day (a date alone does
    not place a recording in the schedule). Local to ``zone`` unless the tag has an offset.
    Broadcast WAV ``bext`` origination date and time are read too."""
    for text in _tag_texts(path):
        match = _TAG_DATETIME.match(text)
        if not match:
            continue
        y, mo, d, h, mi, s, tz = match.groups()
        try:
            local = datetime(int(y), int(mo), int(d), int(h), int(mi), int(s or 0))
        except ValueError:
            continue
        return local.replace(tzinfo=parse_offset(tz) if tz else zone).astimezone(UTC)
    origination = bext_origination(path)
    if origination is not None:
        return origination.replace(tzinfo=zone).astimezone(UTC)
    return None


def _timestamp(seconds: float) -> str:
    ms = int(round(seconds * 1000))
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def _write_id3(path: Path, tags: TagSet) -> None:
    from mutagen.id3 import (
        APIC,
        CHAP,
        COMM,
        CTOC,
        ID3,
        TALB,
        TCON,
        TDRC,
        TIT2,
        TPE1,
        TPE2,
        TXXX,
        CTOCFlags,
    )

    id3 = ID3()
    id3.add(TIT2(encoding=3, text=[tags.title]))
    id3.add(TALB(encoding=3, text=[tags.programme]))
    id3.add(TPE1(encoding=3, text=[tags.station]))
    id3.add(TPE2(encoding=3, text=[tags.station]))
    id3.add(TCON(encoding=3, text=["Podcast"]))
    if tags.day:
        id3.add(TDRC(encoding=3, text=[tags.day.isoformat()]))
    if tags.description:
        id3.add(COMM(encoding=3, lang="ind", desc="", text=[tags.description]))
    if tags.source_sha256:
        id3.add(TXXX(encoding=3, desc="SOURCE_SHA256", text=[tags.source_sha256]))
    if tags.artwork:
        id3.add(APIC(encoding=3, mime=tags.artwork_mime, type=3, desc="", data=tags.artwork))
    if tags.chapters:
        ids = [f"chp{i}" for i in range(len(tags.chapters))]
        id3.add(
            CTOC(
                element_id="toc",
                flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                child_element_ids=ids,
                sub_frames=[TIT2(encoding=3, text=["Chapters"])],
            )
        )
        for element_id, chapter in zip(ids, tags.chapters, strict=True):
            id3.add(
                CHAP(
                    element_id=element_id,
                    start_time=int(round(chapter.start * 1000)),
                    end_time=int(round(chapter.end * 1000)),
                    start_offset=0xFFFFFFFF,
                    end_offset=0xFFFFFFFF,
                    sub_frames=[TIT2(encoding=3, text=[chapter.title])],
                )
            )
    # ID3v2.3: what most podcast apps read best.
    id3.save(path, v2_version=3)


def _write_vorbis(path: Path, tags: TagSet, opus: bool) -> None:
    from mutagen.flac import Picture
    from mutagen.oggopus import OggOpus
    from mutagen.oggvorbis import OggVorbis

    audio = OggOpus(path) if opus else OggVorbis(path)
    assert audio.tags is not None
    comments = audio.tags
    comments["TITLE"] = tags.title
    comments["ALBUM"] = tags.programme
    comments["ARTIST"] = tags.station
    comments["GENRE"] = "Podcast"
    if tags.day:
        comments["DATE"] = tags.day.isoformat()
    if tags.description:
        comments["DESCRIPTION"] = tags.description
    if tags.source_sha256:
        comments["SOURCE_SHA256"] = tags.source_sha256
    for i, chapter in enumerate(tags.chapters, start=1):
        comments[f"CHAPTER{i:03d}"] = _timestamp(chapter.start)
        comments[f"CHAPTER{i:03d}NAME"] = chapter.title
    if tags.artwork:
        picture = Picture()
        picture.type = 3
        picture.mime = tags.artwork_mime
        picture.data = tags.artwork
        comments["METADATA_BLOCK_PICTURE"] = base64.b64encode(picture.write()).decode("ascii")
    audio.save()


def _write_mp4(path: Path, tags: TagSet) -> None:
    from mutagen.mp4 import MP4, MP4Cover

    audio = MP4(path)
    if audio.tags is None:
        audio.add_tags()
    assert audio.tags is not None
    mp4 = audio.tags
    mp4["\xa9nam"] = [tags.title]
    mp4["\xa9alb"] = [tags.programme]
    mp4["\xa9ART"] = [tags.station]
    mp4["aART"] = [tags.station]
    mp4["\xa9gen"] = ["Podcast"]
    if tags.day:
        mp4["\xa9day"] = [tags.day.isoformat()]
    if tags.description:
        mp4["desc"] = [tags.description]
        mp4["\xa9cmt"] = [tags.description]
    if tags.artwork:
        kind = MP4Cover.FORMAT_PNG if tags.artwork_mime == "image/png" else MP4Cover.FORMAT_JPEG
        mp4["covr"] = [MP4Cover(tags.artwork, imageformat=kind)]
    audio.save()


def write_tags(path: Path, fmt: str, tags: TagSet) -> None:
    """Write ``tags`` into the rendition at ``path`` of format ``fmt`` (mp3|m4a|ogg|opus)."""
    if fmt == "mp3":
        _write_id3(path, tags)
    elif fmt in ("ogg", "opus"):
        _write_vorbis(path, tags, opus=fmt == "opus")
    elif fmt == "m4a":
        _write_mp4(path, tags)
    else:
        raise ValueError(fmt)


def write_title(path: Path, fmt: str, title: str) -> None:
    """Replace only the title tag of the rendition at ``path`` of format ``fmt``.

    The format names the tag kind, not the file's name: a copy under a temporary name has no
    extension for mutagen to go by, and an MP3's ID3 header alone reads as a bare ID3 file."""
    if fmt == "mp3":
        from mutagen.id3 import ID3, TIT2, ID3NoHeaderError

        try:
            id3 = ID3(path)
        except ID3NoHeaderError:
            id3 = ID3()
        id3.setall("TIT2", [TIT2(encoding=3, text=[title])])
        id3.save(path, v2_version=3)  # as the renditions are written (ID3v2.3)
    elif fmt in ("ogg", "opus"):
        from mutagen.oggopus import OggOpus
        from mutagen.oggvorbis import OggVorbis

        vorbis = OggOpus(path) if fmt == "opus" else OggVorbis(path)
        assert vorbis.tags is not None
        vorbis.tags["TITLE"] = title
        vorbis.save()
    elif fmt == "m4a":
        from mutagen.mp4 import MP4

        mp4 = MP4(path)
        if mp4.tags is None:
            mp4.add_tags()
        assert mp4.tags is not None
        mp4.tags["\xa9nam"] = [title]
        mp4.save()
    else:
        raise ValueError(fmt)


def ffmetadata(tags: TagSet) -> str:
    """An ffmpeg metadata file with the chapters of ``tags`` (for formats mutagen cannot)."""

    def escape(text: str) -> str:
        return re.sub(r"([=;#\\\n])", r"\\\1", text)

    lines = [";FFMETADATA1"]
    for chapter in tags.chapters:
        lines += [
            "[CHAPTER]",
            "TIMEBASE=1/1000",
            f"START={int(round(chapter.start * 1000))}",
            f"END={int(round(chapter.end * 1000))}",
            f"title={escape(chapter.title)}",
        ]
    return "\n".join(lines) + "\n"
