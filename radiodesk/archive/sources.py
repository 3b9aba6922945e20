"""Where recordings come from: the files and folders an operator names, and the transcripts
that lie beside them.

In folders (searched recursively) only audio file names count and hidden files and folders
are skipped, as is the archive folder itself; a file named explicitly is always tried. A
transcript is a ``.vtt`` or ``.srt`` file with the recording's name, in UTF-8.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable
from pathlib import Path

from radiodesk.archive.store import Partial, copy_file, sha256_file, transcript_rel
from radiodesk.errors import InputError
from radiodesk.i18n import _

AUDIO_EXTENSIONS = frozenset(
    [
        ".wav",
        ".wave",
        ".bwf",
        ".w64",
        ".rf64",
        ".mp3",
        ".mp2",
        ".m4a",
        ".mp4",
        ".aac",
        ".ogg",
        ".oga",
        ".opus",
        ".flac",
        ".aif",
        ".aiff",
        ".caf",
        ".wma",
        ".mka",
    ]
)
TRANSCRIPT_SUFFIXES = (".vtt", ".srt")
TRANSCRIPT_MAX_BYTES = 20 * 1024 * 1024
TRANSCRIPT_SUFFIXES = (".vtt", ".srt")
TRANSCRIPT_MAX_BYTES = 20 * 1024 * 1024


def printable(path: Path | str) -> str:
    """A file name fit for one line of output and for the database (valid UTF-8)."""
    text = os.fsencode(str(path)).decode("utf-8", "replace")
    return "".join(c if c.isprintable() else "?" for c in text)


def inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError):
        return False
    return True


def collect_paths(paths: Iterable[str | Path], archive_dir: Path) -> list[tuple[Path, str]]:
    """The files to ingest from files and folders (recursively; in folders only audio file
    names, hidden ones skipped), each with a reason it cannot be ingested ('' if none)."""
    found: list[tuple[Path, str]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            if inside(path, archive_dir):
                found.append((path, _("is inside the archive folder")))
                continue
            before = len(found)
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(
                    d
                    for d in dirs
                    if not d.startswith(".") and not inside(Path(root, d), archive_dir)
                )
                for name in sorted(files):
                    if not name.startswith(".") and Path(name).suffix.lower() in AUDIO_EXTENSIONS:
                        found.append((Path(root, name), ""))
            if len(found) == before:
                found.append((path, _("no audio files in this folder")))
        elif path.exists() or path.is_symlink():
            found.append((path, ""))
        else:
            found.append((path, _("does not exist")))
    return found


def transcript_beside(recording: Path) -> Path | None:
    """The ``.vtt`` or ``.srt`` with the same name as ``recording``, if there is one."""
    pattern = glob.escape(str(recording.parent / recording.stem)) + ".*"
    for sibling in sorted(Path(p) for p in glob.glob(pattern)):
        if sibling.suffix.lower() in TRANSCRIPT_SUFFIXES and sibling.is_file():
            return sibling
    return None


def archive_transcript(archive_dir: Path, source: Path, master: str) -> tuple[str | None, str]:
    """Copy a transcript beside the master at ``master`` (archive-relative), verified.

    Returns its archive-relative path, or None and a note when it is not UTF-8 text.
    """
    try:
        if source.stat().st_size > TRANSCRIPT_MAX_BYTES:
            raise ValueError
        source.read_bytes().decode("utf-8-sig")
    except (OSError, ValueError):
        note = _("transcript {file} skipped: not UTF-8 text").format(file=printable(source.name))
        return None, note
    target = transcript_rel(master, source.suffix.lower())
    with Partial(archive_dir / target) as partial:
        copy_file(source, partial.path)
        if sha256_file(partial.path) != sha256_file(source):
            raise InputError(_("the transcript copy does not match its original"))
        partial.place()
    return target, ""
