"""Files in the archive folder: the layout, checksums, and writing without half-files.

Layout under ``settings.archive_dir`` (paths stored in the database are relative to it)::

    masters/YYYY/MM/DD/<show-slug or 'unlinked'>-<local start HHMMSS>-<sha8>.<ext>
    masters/YYYY/MM/DD/<same stem>.vtt            transcript, beside its master
    renditions/YYYY/MM/DD/<same stem>.<format>     podcast rendition

A file is written under a temporary name in its destination folder
(``.partial-<pid>-<random>``), flushed to disk, checked against its checksum, and only then
renamed to its final name; the database row follows after that. A crash therefore leaves at
most a ``.partial-`` file (removed by the next run in that folder) or a finished file with no
row yet (adopted by the next ingest of the same bytes) — never a row pointing at nothing,
never a half-file under a final name.
"""

from __future__ import annotations

import hashlib
import os
import re
import signal
import uuid
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

CHUNK = 1 << 20
PARTIAL = ".partial-"
# Test hook: a test sets this to a checkpoint name to have the process killed right there,
# as a power cut would, and then checks that a second run completes the work.
KILL_ENV = "RADIODESK_TEST_KILL_AT"

BytesFn = Callable[[int], None]


def checkpoint(name: str) -> None:
    """A named moment of archiving; ``RADIODESK_TEST_KILL_AT=name`` SIGKILLs the process here."""
    if os.environ.get(KILL_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)


def sha256_file(path: Path, on_bytes: BytesFn | None = None, *, from_disk: bool = False) -> str:
    """Hex SHA-256 of a file, read in 1 MiB chunks. ``on_bytes`` gets each chunk's size.

    With ``from_disk`` the file's cached pages are dropped first (after an fsync they are
    clean), so the check reads what is really on the disk.
    """
    digest = hashlib.sha256()
    buffer = bytearray(CHUNK)
    view = memoryview(buffer)
    with path.open("rb", buffering=0) as fh:
        if from_disk and hasattr(os, "posix_fadvise"):
            os.posix_fadvise(fh.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
        while True:
            n = fh.readinto(buffer)  # type: ignore[attr-defined]
            if not n:
                break
            digest.update(view[:n])
            if on_bytes:
                on_bytes(n)
    return digest.hexdigest()


def stem(slug: str | None, local_start: datetime, sha256: str) -> str:
    """``<slug or 'unlinked'>-<HHMMSS>-<sha8>`` for a recording that started at ``local_start``."""
    return f"{slug or 'unlinked'}-{local_start:%H%M%S}-{sha256[:8]}"


def master_rel(slug: str | None, local_start: datetime, sha256: str, ext: str) -> str:
    """The archive-relative path of a master."""
    return f"masters/{local_start:%Y/%m/%d}/{stem(slug, local_start, sha256)}.{ext}"


def rendition_rel(master: str, fmt: str) -> str:
    """The archive-relative path of the rendition of the master at ``master``."""
    path = Path(master)
    return str(Path("renditions", *path.parent.parts[1:], f"{path.stem}.{fmt}"))


def transcript_rel(master: str, suffix: str) -> str:
    """The archive-relative path of a transcript (``.vtt``/``.srt``) beside its master."""
    return str(Path(master).with_suffix(suffix))


def safe_extension(ext: str) -> str:
    """A short lower-case file extension of letters and digits, or ``bin``."""
    ext = ext.lower().lstrip(".")
    return ext if re.fullmatch(r"[a-z0-9]{1,5}", ext) else "bin"


def fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep_partials(folder: Path) -> list[Path]:
    """Remove ``.partial-`` files left in ``folder`` by processes that no longer run."""
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for entry in folder.iterdir():
        match = re.match(re.escape(PARTIAL) + r"(\d+)-", entry.name)
        if match and entry.is_file() and not _pid_alive(int(match.group(1))):
            entry.unlink(missing_ok=True)
            removed.append(entry)
    return removed


class Partial:
    """A temporary file in the destination folder; :meth:`place` gives it its final name.

    Used as a context manager: leaving the block without placing removes the file.
    """

    def __init__(self, final: Path) -> None:
        self.final = final
        final.parent.mkdir(parents=True, exist_ok=True)
        self.path = final.with_name(f"{PARTIAL}{os.getpid()}-{uuid.uuid4().hex[:12]}{final.suffix}")
        self.placed = False

    def __enter__(self) -> Partial:
        return self

    def __exit__(self, *exc: object) -> None:
        if not self.placed:
            self.path.unlink(missing_ok=True)

    def sync(self) -> None:
        """Flush the file's data to disk."""
        fd = os.open(self.path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

    def place(self, final: Path | None = None) -> Path:
        """Rename to the final name (atomically, replacing a leftover) and flush the folder.

        ``final`` (in the same folder) replaces the name given at creation, for files whose
        name depends on their checksum.
        """
        if final is not None:
            self.final = final
        os.replace(self.path, self.final)
        self.placed = True
        fsync_folder(self.final.parent)
        return self.final


def copy_file(source: Path, target: Path, on_bytes: BytesFn | None = None) -> None:
    """Copy ``source`` to ``target`` byte for byte (in the kernel where possible), then fsync.

    Copies to the end of the file as it is now; a file that changed since it was hashed
    (a recorder still writing) is caught by the checksum comparison that follows.
    """
    with source.open("rb") as src, target.open("wb") as dst:
        offset = 0
        try:
            while sent := os.sendfile(dst.fileno(), src.fileno(), offset, 64 * CHUNK):
                offset += sent
                if on_bytes:
                    on_bytes(sent)
        except OSError:
            # No sendfile between these two files: copy the rest through a buffer.
            src.seek(offset)
            dst.seek(offset)
            dst.truncate()
            while chunk := src.read(CHUNK):
                dst.write(chunk)
                if on_bytes:
                    on_bytes(len(chunk))
        dst.flush()
        os.fsync(dst.fileno())
