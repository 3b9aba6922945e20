"""The logger records a real Icecast stream: clock-aligned segments named by their first
sample, placed in time within a second (tone markers), a stream that stops for 20 s makes
one gap of the right span and recording resumes by itself, and any span of the air is
exported as one file with the gaps listed beside it."""

from __future__ import annotations

import re
import signal
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from radiodesk import db
from radiodesk.config import load_settings
from radiodesk.logger.export import export_span
from radiodesk.models import LoggerEvent
from tests.logger.conftest import (
    ZONE,
    Feeder,
    Icecast,
    LoggerRun,
    check_beeps,
    check_files,
    decode_errors,
    gaps,
    segments,
)


def test_records_through_icecast_a_20_s_outage_is_one_gap_and_a_span_exports(
    icecast: Icecast,
    feeder: Callable[[str], Feeder],
    logger_home: Callable[..., LoggerRun],
    tmp_path: Path,
) -> None:
    first = feeder("air").start()
    time.sleep(1)
    # The feeder's air is silent but for a beep every 10 s: dead air of over 5 s each time.
    run = logger_home(icecast.url("air"), silence=5).start()
    run.wait_for_status("recording · ")
    assert re.fullmatch(r"merekam · \d\d:\d\d:\d\d", run.wait_for_status("merekam", 5, "id"))
    # 15 s of each part: a whole beep (every 10 s) lies inside it even when one falls on an edge.
    time.sleep(15)
    first.stop()
    stopped = time.time()
    line = run.wait_for_status("disconnected since", timeout=15)
    assert re.fullmatch(r"disconnected since \d\d:\d\d \(.+\)", line)
    time.sleep(max(0.0, 20 - (time.time() - stopped)))
    second = feeder("air").start()
    run.wait_for_status("recording · ")
    time.sleep(15)
    assert run.signal(signal.SIGTERM) == 0
    assert run.current() == "not running"
    assert run.status().returncode == 1

    rows = segments(run)
    check_files(run, rows)
    closed = [g for g in gaps(run) if g.end is not None]
    assert len(closed) == 1, [(g.start, g.end, g.cause) for g in closed]
    gap = closed[0]
    assert gap.end is not None
    assert gap.cause in ("stream_ended", "not_found", "connection_refused"), gap.cause
    assert abs(gap.start.timestamp() - stopped) <= 2.0
    assert abs(gap.end.timestamp() - second.started) <= 2.0
    assert [g.cause for g in gaps(run) if g.end is None] == ["stopped"]
    before = [r for r in rows if r.start < gap.start]
    after = [r for r in rows if r.start >= gap.end]
    assert before and after and len(before) + len(after) == len(rows)
    for part in (before, after):
        for one, two in zip(part, part[1:], strict=False):
            # One after the other with no hole, cut on the clock's ten seconds.
            end = one.start + timedelta(seconds=one.duration)
            assert abs((end - two.start).total_seconds()) < 0.1
            assert min(two.start.timestamp() % 10, 10 - two.start.timestamp() % 10) < 1.0
    assert check_beeps(run, first, before) + check_beeps(run, second, after) >= 2

    settings = load_settings(run.home)
    with db.unit_of_work(settings) as session:
        dead = [
            (e.start, e.end) for e in session.scalars(select(LoggerEvent)) if e.kind == "dead_air"
        ]
    assert len(dead) >= 2
    for dead_start, dead_end in dead:
        assert dead_end is not None
        if any(abs((dead_start - r.start).total_seconds()) < 1 for r in rows if r.offset == 0):
            continue  # silent from the moment it connected
        # From the end of one beep (0.3 s) to the next, give or take the stream's lag.
        beep = second if dead_start >= gap.end else first
        before_it = beep.beeps(dead_start.timestamp() - 11, dead_start.timestamp() + 1)
        assert before_it and abs(dead_start.timestamp() - (before_it[-1] + 0.3)) < 1.0, dead
    start = rows[0].start + timedelta(seconds=1)
    end = rows[-1].start + timedelta(seconds=rows[-1].duration - 1)
    result = export_span(settings, start, end, tmp_path / "air-check.mp3")
    assert decode_errors(result.path) == ""
    assert abs(result.duration - (end - start).total_seconds()) < 0.5
    sidecar = result.sidecar.read_text(encoding="utf-8")
    assert "Gaps (air not recorded):" in sidecar
    gap_line = next(
        line
        for line in sidecar.splitlines()
        if f"{gap.start.astimezone(ZONE):%H:%M}" in line and "–" in line
    )
    assert gap_line.endswith(f": {gap.cause.replace('_', ' ')}") or "stream" in gap_line
