"""Writing ``public/``: only what is new or changed, and nothing that may not be public.

Every file radiodesk writes is listed in a manifest (kept in the archive, see
:func:`radiodesk.publish.paths.manifest_path`)
with the key of what it was made from (a hash of its inputs) and its size and mtime on disk.
A file whose key, size and mtime still match is left alone without being made again — this is
what keeps a republish of ten thousand episodes fast; a file whose inputs changed is made and
compared byte for byte with what is there, and only written (to a temporary name, then
renamed) when it differs. Unchanged files keep their mtime, so ETag and Last-Modified stay
stable and podcast apps do not download again. Files from the previous run that are no longer
wanted (a withdrawn episode, a renamed artwork) are removed. Audio is hard-linked from the
archive (copied when the archive is on another file system).
"""

from __future__ import annotations

import contextlib
import filecmp
import json
import os
import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from radiodesk.publish.paths import EPISODES_DIR, TEMPORARY_SUFFIX

Progress = Callable[[int, int], None]
MANIFEST_FORMAT = 2
PROGRESS_EVERY = 200


@dataclass(frozen=True, slots=True)
class Output:
    """A file to have in public/: made by ``render`` or linked from ``source``.

    ``key`` identifies the inputs it is made from; the same key means the same bytes.
    """

    path: str
    key: str
    render: Callable[[], bytes] | None = None
    source: str | Path | None = None
    # (size, mtime_ns, inode) of ``source`` as last seen, checked by :meth:`Writer.intact`.
    source_stamp: tuple[int, int, int] | None = None


@dataclass
class WriteReport:
    """Paths written and removed (relative to public/), and how many were left unchanged."""

    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0


_WRITE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)


def _put(target: str, data: bytes) -> os.stat_result:
    """Write ``data`` to ``target`` with bare system calls (no buffered file object: there
    are thousands of small files); returns the file's stat."""
    fd = os.open(target, _WRITE_FLAGS, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        return os.fstat(fd)
    finally:
        os.close(fd)


def _check_path(path: str) -> None:
    parts = path.split("/")
    if not path or path.startswith("/") or any(p in ("", ".", "..") for p in parts):
        raise ValueError(f"not a relative public path: {path!r}")


class Writer:
    """Writes outputs into ``root`` and keeps the manifest. Use :meth:`write` then :meth:`finish`."""

    def __init__(self, root: Path, manifest: Path) -> None:
        self.root = root
        self.manifest = manifest
        self._root = str(root)
        self.old = self._load()
        self.files: dict[str, list] = {}
        self.report = WriteReport()
        self._dirs: set[str] = set()
        # Folder → True when it did not exist at the first look: nothing in it predates this
        # run, so its files need no look either (a first publish makes ten thousand).
        self._fresh: dict[str, bool] = {}

    # The manifest -----------------------------------------------------------------------

    def _load(self) -> dict:
        empty: dict = {"files": {}, "episodes": {}, "state": None, "summary": {}}
        try:
            data = json.loads(self.manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return empty
        if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT:
            return empty
        for key, value in empty.items():
            data.setdefault(key, value)
        return data

    @property
    def state(self) -> str | None:
        """The inputs' state (see :mod:`radiodesk.publish.state`) of the last complete publish."""
        value = self.old.get("state")
        return value if isinstance(value, str) else None

    @property
    def summary(self) -> dict:
        """What the last complete publish reported: held back, problems, feeds."""
        value = self.old.get("summary")
        return value if isinstance(value, dict) else {}

    def intact(self, files: dict[str, list] | None = None) -> bool:
        """Whether every file of the last publish (or those of ``files``, manifest entries)
        is still as it was written, and every file it was linked or copied from is unchanged
        in the archive."""
        root = self._root
        try:
            for path, entry in (self.old["files"] if files is None else files).items():
                st = os.stat(f"{root}/{path}")
                if st.st_size != entry[1] or st.st_mtime_ns != entry[2]:
                    return False
                if len(entry) > 3:
                    src = os.stat(entry[3])
                    if [src.st_size, src.st_mtime_ns, src.st_ino] != entry[4:7]:
                        return False
        except (OSError, IndexError, TypeError):
            return False
        return True

    def keep(self, exclude: set[str]) -> None:
        """Keep the files of the last publish as they are, but those in ``exclude``."""
        kept = dict(self.old["files"])
        for path in exclude:
            kept.pop(path, None)
        self.files.update(kept)
        self.report.unchanged += len(kept)

    def keep_folder(self, folder: str, keys: dict[str, str]) -> bool:
        """Keep the files of the last publish in ``folder`` as they are when it wrote every
        path of ``keys`` with that key and they are all intact; True when kept.

        A programme whose feed is made from the same episodes has the same episode files:
        they need not be listed, looked at or made again one by one.
        """
        files = self.old["files"]
        if any((files.get(path) or [None])[0] != key for path, key in keys.items()):
            return False
        prefix = f"{folder}/"
        kept = {path: entry for path, entry in files.items() if path.startswith(prefix)}
        if not self.intact(kept):
            return False
        self.files.update(kept)
        self.report.unchanged += len(kept)
        return True

    @property
    def published_episodes(self) -> dict[str, str]:
        """guid → fingerprint of the episodes the last publish put in public/."""
        return dict(self.old.get("episodes", {}))

    # Writing ----------------------------------------------------------------------------

    def _mkdir(self, folder: str) -> None:
        if folder not in self._dirs:
            os.makedirs(folder, exist_ok=True)
            self._dirs.add(folder)

    def _record(self, output: Output, st: os.stat_result | tuple[int, int]) -> None:
        """Note ``output`` as written, with its size and mtime: from its stat, or as
        (size, mtime_ns) when known without one."""
        size, mtime_ns = (st.st_size, st.st_mtime_ns) if isinstance(st, os.stat_result) else st
        entry: list = [output.key, size, mtime_ns]
        if output.source is not None and output.source_stamp is not None:
            entry.extend([str(output.source), *output.source_stamp])
        self.files[output.path] = entry

    def _write_bytes(self, target: str, data: bytes, exists: bool) -> os.stat_result:
        """Write ``data`` to ``target``; returns the file's stat."""
        self._mkdir(os.path.dirname(target))
        if not exists:
            # A new file: nothing links to it until the feeds are written, after it.
            return _put(target, data)
        # Replace by renaming, so a reader never sees a half-written file.
        tmp = f"{target}{TEMPORARY_SUFFIX}"
        st = _put(tmp, data)
        os.replace(tmp, target)
        return st

    def _place(self, source: str, target: str, exists: bool) -> bool:
        """Link (or copy) ``source`` to ``target``; True when linked."""
        self._mkdir(os.path.dirname(target))
        link = f"{target}{TEMPORARY_SUFFIX}" if exists else target
        with contextlib.suppress(FileNotFoundError):
            if exists:
                os.unlink(link)
        linked = True
        try:
            os.link(source, link)
        except OSError:
            # Another file system, or links not allowed: a copy does as well.
            shutil.copyfile(source, link)
            linked = False
        if exists:
            os.replace(link, target)
        return linked

    def _same_source(self, source: str, target: str, st: os.stat_result) -> bool:
        try:
            src = os.stat(source)
        except OSError:
            return False
        if (src.st_dev, src.st_ino) == (st.st_dev, st.st_ino):
            return True
        return src.st_size == st.st_size and filecmp.cmp(source, target, shallow=False)

    def _current(self, output: Output) -> tuple[str, os.stat_result | None, list | None]:
        """(target, its stat, the manifest entry when the file is still what it was)."""
        path = output.path
        if ".." in path or path.startswith("/") or "//" in path:
            _check_path(path)
        target = f"{self._root}/{path}"
        folder = target.rpartition("/")[0]
        fresh = self._fresh.get(folder)
        if fresh is None:
            fresh = self._fresh[folder] = not os.path.isdir(folder)
        st: os.stat_result | None = None
        if not fresh:
            with contextlib.suppress(OSError):
                st = os.stat(target)
        old = self.old["files"].get(path)
        if (
            st is not None
            and old is not None
            and old[0] == output.key
            and old[1] == st.st_size
            and old[2] == st.st_mtime_ns
        ):
            return target, st, old
        return target, st, None

    def write_one(self, output: Output) -> bool:
        """Bring one file up to date; True when it was written."""
        path = output.path
        target, st, old = self._current(output)
        if old is not None:
            self.files[path] = old
            self.report.unchanged += 1
            return False
        if output.source is not None:
            source = str(output.source)
            if st is not None and self._same_source(source, target, st):
                self._record(output, st)
                self.report.unchanged += 1
                return False
            linked = self._place(source, target, st is not None)
            if linked and output.source_stamp is not None:
                # A link is the source's own inode: its size and mtime as last seen. (Had
                # the source changed since, the next publish finds the mismatch and redoes it.)
                self._record(output, output.source_stamp[:2])
            else:
                self._record(output, os.stat(target))
            self.report.written.append(path)
            return True
        assert output.render is not None
        data = output.render()
        if st is not None and st.st_size == len(data):
            with open(target, "rb") as fh:
                if fh.read() == data:
                    self._record(output, st)
                    self.report.unchanged += 1
                    return False
        self._record(output, self._write_bytes(target, data, st is not None))
        self.report.written.append(path)
        return True

    def write(
        self,
        outputs: Iterable[Output],
        total: int,
        progress: Progress | None = None,
        done: int = 0,
    ) -> int:
        """Write ``outputs``; report progress as (done, total) in batches. Returns done."""
        for output in outputs:
            self.write_one(output)
            done += 1
            if progress is not None and done % PROGRESS_EVERY == 0:
                progress(done, total)
        return done

    # Finishing --------------------------------------------------------------------------

    def _remove(self, path: str) -> None:
        target = self.root / path
        try:
            if target.is_symlink() or target.is_file():
                target.unlink()
                self.report.removed.append(path)
        except OSError:
            return
        folder = target.parent
        while folder != self.root and self.root in folder.parents:
            try:
                folder.rmdir()
            except OSError:
                break
            folder = folder.parent

    def _sweep_episode_folders(self, slugs: Iterable[str]) -> None:
        """Remove files in ``<show>/episodes/`` that are not wanted, even ones the manifest
        forgot (a lost manifest must never leave a withdrawn episode public)."""
        for slug in slugs:
            folder = self.root / slug / EPISODES_DIR
            try:
                entries = list(os.scandir(folder))
            except OSError:
                continue
            for entry in entries:
                path = f"{slug}/{EPISODES_DIR}/{entry.name}"
                if path not in self.files and not entry.is_dir(follow_symlinks=False):
                    self._remove(path)

    def _sweep_leftovers(self, slugs: Iterable[str]) -> None:
        """Remove temporary files an interrupted publish left in ``public/`` or a programme's
        folder (episode folders are swept whole above). Young ones may belong to a publish
        running now, so only those a minute old go."""
        stale = time.time() - 60
        for folder in ["", *slugs]:
            try:
                entries = list(os.scandir(os.path.join(self._root, folder)))
            except OSError:
                continue
            for entry in entries:
                if entry.name.endswith(TEMPORARY_SUFFIX) and entry.is_file(follow_symlinks=False):
                    with contextlib.suppress(OSError):
                        if entry.stat(follow_symlinks=False).st_mtime < stale:
                            os.unlink(entry.path)

    def finish(
        self,
        episodes: dict[str, str],
        slugs: Iterable[str],
        state: str | None = None,
        summary: dict | None = None,
        sweep: bool = True,
    ) -> WriteReport:
        """Remove what is no longer wanted and save the manifest (only if it changed).

        ``state`` and ``summary`` describe a complete publish. ``sweep`` also looks in the
        episode folders for files the manifest does not know."""
        for path in sorted(set(self.old["files"]) - set(self.files)):
            self._remove(path)
        known = sorted(set(slugs) | {p.split("/", 1)[0] for p in self.old["files"] if "/" in p})
        if sweep:
            self._sweep_episode_folders(known)
        self._sweep_leftovers(known)
        manifest = {
            "format": MANIFEST_FORMAT,
            "files": self.files,
            "episodes": episodes,
            "state": state,
            "summary": summary or {},
        }
        target = str(self.manifest)
        exists = os.path.exists(target)
        if manifest != self.old or not exists:
            text = json.dumps(manifest, sort_keys=True, separators=(",", ":"))
            self._write_bytes(target, text.encode("utf-8"), exists)
        return self.report
