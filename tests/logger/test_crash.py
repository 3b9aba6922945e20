"""kill -9 at random moments: after each restart no file is left half-named, every segment
decodes, and the only gaps are the times the logger was down."""

from __future__ import annotations

import random
import signal
import subprocess
import time
from collections.abc import Callable
from datetime import timedelta

from tests.logger.conftest import Feeder, Icecast, LoggerRun, check_files, gaps, segments


def test_kill_9_at_random_moments_loses_only_the_time_it_was_down(
    icecast: Icecast, feeder: Callable[[str], Feeder], logger_home: Callable[..., LoggerRun]
) -> None:
    feeder("crash").start()
    run = logger_home(icecast.url("crash")).start()
    run.wait_until_recording()
    rng = random.Random(15)
    down: list[tuple[float, float]] = []
    for _ in range(3):
        time.sleep(rng.uniform(0.5, 5.0))
        killed = time.time()
        assert run.signal(signal.SIGKILL) == -signal.SIGKILL
        run.start()
        run.wait_until_recording()
        down.append((killed, time.time()))
    time.sleep(3)
    assert run.signal(signal.SIGTERM) == 0
    # Its ffmpeg died with each killed logger (none is left writing).
    left = subprocess.run(["pgrep", "-f", icecast.url("crash")], capture_output=True, text=True)
    assert left.stdout.strip() == ""

    rows = segments(run)
    check_files(run, rows)
    closed = [g for g in gaps(run) if g.end is not None]
    assert len(closed) <= 3
    for gap in closed:
        assert gap.end is not None
        assert any(
            killed - 4 <= gap.start.timestamp() and gap.end.timestamp() <= back + 1
            for killed, back in down
        ), (gap.start.timestamp(), gap.end.timestamp(), gap.cause, down)
        assert gap.cause == "not_running"
    # Every hole between segments is a gap in the database.
    for one, two in zip(rows, rows[1:], strict=False):
        end = one.start + timedelta(seconds=one.duration)
        if (two.start - end).total_seconds() > 0.5:
            assert any(
                g.start <= end + timedelta(seconds=0.1)
                and g.end is not None
                and g.end >= two.start - timedelta(seconds=0.1)
                for g in closed
            ), (end, two.start)
