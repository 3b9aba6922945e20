"""Placing thousands of new files in public/ from a helper process, while this one goes on.

A first publish of a large archive links ten thousand audio files and writes as many chapter
files: system calls that hold up the interpreter between them, so that no thread of this
process can do them while another makes the feeds and pages. A helper process (a plain
Python with nothing imported but the standard library) takes them instead, on the other core:
it gets every job at once on its standard input, places each file, and answers with each
file's size, mtime and inode for the manifest. The publish waits for it before it writes the
feeds and pages that point at those files.

Only files that are new (nothing at their path) are handed over, never one to replace: a file
is created exclusively, so whatever appeared there in the meantime is left alone and reported.
Whatever the helper could not place, or all of it should the helper fail, is placed by the
publish itself.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass

# Fewer jobs than this are placed in-process: starting the helper costs more than it saves.
MIN_JOBS = 1000

# The helper: reads "<jobs as one JSON line>\n<the bytes of the writes, one after another>",
# places the files in order and prints, for each job, [size, mtime_ns, inode, linked] or the
# error as a string.
_HELPER = r"""
import json, os, shutil, sys
head, _, blobs = sys.stdin.buffer.read().partition(b"\n")
blobs = memoryview(blobs)
at = 0
folders = set()
answers = []
for kind, target, arg in json.loads(head):
    if kind == "write":
        data, at = blobs[at : at + arg], at + arg
    try:
        folder = os.path.dirname(target)
        if folder not in folders:
            os.makedirs(folder, exist_ok=True)
            folders.add(folder)
        linked = False
        if kind == "link":
            try:
                os.link(arg, target)
                linked = True
            except FileExistsError:
                raise
            except OSError:
                with open(arg, "rb") as src, open(target, "xb") as dst:
                    shutil.copyfileobj(src, dst)
            st = os.stat(target)
        else:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            try:
                while data:
                    data = data[os.write(fd, data) :]
                st = os.fstat(fd)
            finally:
                os.close(fd)
        answers.append([st.st_size, st.st_mtime_ns, st.st_ino, linked])
    except OSError as err:
        answers.append(str(err))
sys.stdout.write(json.dumps(answers))
"""


@dataclass(frozen=True)
class Placed:
    """A file the helper placed: its size, mtime and inode, and whether it is a hard link."""

    size: int
    mtime_ns: int
    inode: int
    linked: bool


class Placer:
    """Collects new files to place (:meth:`link`, :meth:`write`), then places them in a
    helper process (:meth:`start`, :meth:`results`)."""

    def __init__(self) -> None:
        self.jobs: list[tuple[str, str, str | int]] = []
        self._blobs: list[bytes] = []
        self._process: subprocess.Popen[bytes] | None = None

    def __len__(self) -> int:
        return len(self.jobs)

    def link(self, target: str, source: str) -> None:
        """Hard-link ``source`` at ``target`` (a copy when it cannot be linked)."""
        self.jobs.append(("link", target, source))

    def write(self, target: str, data: bytes) -> None:
        self.jobs.append(("write", target, len(data)))
        self._blobs.append(data)

    def start(self) -> bool:
        """Start the helper and hand it every job; False when it could not be started."""
        payload = json.dumps(self.jobs).encode("utf-8", "surrogateescape")
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-I", "-S", "-c", _HELPER],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
            assert self._process.stdin is not None
            self._process.stdin.write(payload + b"\n")
            for blob in self._blobs:
                self._process.stdin.write(blob)
            self._process.stdin.close()
        except OSError:
            self._stop()
            return False
        self._blobs = []
        return True

    def results(self) -> list[Placed | None]:
        """Wait for the helper: for each job, what was placed, or None where it failed."""
        failed: list[Placed | None] = [None] * len(self.jobs)
        if self._process is None:
            return failed
        assert self._process.stdout is not None
        try:
            text = self._process.stdout.read()
            code = self._process.wait()
            answers = json.loads(text) if code == 0 else None
        except (OSError, ValueError):
            answers = None
        finally:
            self._stop()
        if not isinstance(answers, list) or len(answers) != len(self.jobs):
            return failed
        return [Placed(*a) if isinstance(a, list) and len(a) == 4 else None for a in answers]

    def _stop(self) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()
