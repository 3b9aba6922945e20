"""A real ingest process killed (SIGKILL) at any moment leaves no row pointing at nothing and
no half-file under a final name; running the same ingest again completes it."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from radiodesk.archive import ingest_paths
from radiodesk.archive.store import KILL_ENV
from tests.archive.conftest import (
    NOW,
    Air,
    MakeAudio,
    archive_files,
    decoded_seconds,
    recordings,
    renditions,
    sha256,
)
from tests.conftest import REPO, Station

CHECKPOINTS = [
    "master-before-place",
    "master-placed",
    "master-committed",
    "rendition-before-place",
    "rendition-placed",
]


def _ingest(path: Path, kill_at: str | None = None) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    env.pop(KILL_ENV, None)
    if kill_at:
        env[KILL_ENV] = kill_at
    return subprocess.Popen(
        [sys.executable, "-m", "radiodesk", "ingest", str(path)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _consistent(station: Station, sources: dict[str, Path]) -> None:
    """Rows point at complete files; files under final names are complete."""
    root = station.settings.archive_dir
    rows = recordings(station)
    for row in rows:
        assert sha256(root / row.stored_path) == row.sha256
    for rendition in renditions(station):
        assert sha256(root / rendition.stored_path) == rendition.sha256
    by_hash = {sha256(p): p for p in sources.values()}
    listed = {r.stored_path for r in renditions(station)}
    for rel in archive_files(station):
        name = Path(rel).name
        if name.startswith(".partial-"):
            continue  # a temporary name: allowed, swept by the next run
        if rel.startswith("masters/"):
            assert sha256(root / rel) in by_hash, f"{rel} is not a whole copy of a source"
        elif rel not in listed:
            # A rendition placed just before its row: it must be whole.
            stem = Path(rel).stem
            source = by_hash[next(r.sha256 for r in rows if Path(r.stored_path).stem == stem)]
            assert abs(decoded_seconds(root / rel) - decoded_seconds(source)) < 1.0


def test_killed_at_each_checkpoint_then_completed_by_a_second_run(
    station: Station, air: Air, audio: MakeAudio
) -> None:
    air.broadcast("kabar-pagi", "2026-11-20 06:00")
    sources: dict[str, Path] = {}
    for i, checkpoint in enumerate(CHECKPOINTS):
        path = audio(f"2026-11-20_06-{10 + i:02d}-00.wav", freq=300 + 10 * i)
        sources[checkpoint] = path
        killed = _ingest(path, kill_at=checkpoint)
        out, err = killed.communicate(timeout=120)
        assert killed.returncode == -signal.SIGKILL, (checkpoint, out, err)
        _consistent(station, sources)

        # The same ingest again (in this process, to save a start-up): it completes.
        report = ingest_paths(station.settings, [path], now=NOW)
        assert not report.failed, report
        _consistent(station, sources)

    rows = recordings(station)
    assert len(rows) == len(CHECKPOINTS) and len(renditions(station)) == len(CHECKPOINTS)
    assert {r.sha256 for r in rows} == {sha256(p) for p in sources.values()}
    files = archive_files(station)
    assert not [f for f in files if ".partial-" in f]
    assert len(files) == 2 * len(CHECKPOINTS)


def test_killed_at_random_moments(station: Station, air: Air, audio: MakeAudio) -> None:
    air.broadcast("kabar-pagi", "2026-11-20 06:00")
    path = audio("2026-11-20_06-00-30.wav", seconds=30, freq=420)
    rng = random.Random(7)
    for _ in range(3):
        proc = _ingest(path)
        time.sleep(rng.uniform(0.3, 2.5))
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=120)
        _consistent(station, {"only": path})
    final = _ingest(path)
    out, err = final.communicate(timeout=120)
    assert final.returncode == 0, err
    [row] = recordings(station)
    assert row.sha256 == sha256(path) and len(renditions(station)) == 1
    assert len(archive_files(station)) == 2


def test_an_orphan_master_is_adopted_even_under_another_name(
    station: Station, air: Air, audio: MakeAudio, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = audio("2026-11-20_06-00-30.wav", freq=430)
    killed = _ingest(path, kill_at="master-placed")
    killed.communicate(timeout=120)
    assert killed.returncode == -signal.SIGKILL
    [orphan] = archive_files(station)
    assert orphan.startswith("masters/2026/11/20/unlinked-060030-")
    # Meanwhile the broadcast is entered: the same bytes now get the programme's name.
    air.broadcast("kabar-pagi", "2026-11-20 06:00")

    report = ingest_paths(station.settings, [path], now=NOW, render=False)

    [done] = report.archived
    assert done.stored_path and done.stored_path.startswith("masters/2026/11/20/kabar-pagi-")
    assert archive_files(station) == [done.stored_path]
