"""Two studio terminals logging into one broadcast at once lose nothing; a crash loses at most
the entry being typed. Real processes, each entry its own unit of work, on SQLite and
PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from radiodesk.interviews import broadcast_log
from tests.conftest import REPO, Station
from tests.interviews.conftest import MakeBroadcast

START = datetime(2026, 11, 19, 11, 30, tzinfo=UTC)
PER_PROCESS = 500

# One terminal: waits for the go file, then logs COUNT entries, one unit of work each. Entry i
# of writer A is at START + 2i s, of writer B at START + 2i + 1 s, so the two interleave in
# time; B types its entries from the last to the first, so the order they are committed in is
# not the order they must read back in. With CRASH set, the process dies inside the unit of
# work of entry CRASH, after the entry was flushed but before it was committed.
WRITER = r"""
import os, sys, time
from datetime import datetime, timedelta
from pathlib import Path
from radiodesk import db
from radiodesk.config import load_settings
from radiodesk.interviews import add_entry

name, broadcast, start, count, go, crash = sys.argv[1:7]
start, count, crash = datetime.fromisoformat(start), int(count), int(crash)
settings = load_settings()
with db.unit_of_work(settings) as session:
    pass
while not Path(go).exists():
    time.sleep(0.002)
first = time.time()
order = range(count - 1, -1, -1) if name == "B" else range(count)
for i in order:
    at = start + timedelta(seconds=2 * i + (name == "B"))
    with db.unit_of_work(settings) as session:
        add_entry(session, int(broadcast), f"{name}{i:03d}", "note", at, name, now=at)
        if i == crash:
            os._exit(3)
print(first, time.time())
"""


def _writers(
    station: Station, broadcast: int, go: Path, names: tuple[str, ...], count: int, crash: int
) -> list[subprocess.Popen[str]]:
    env = dict(os.environ)
    assert env["RADIODESK_DATABASE_URL"] == station.settings.database_url
    return [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                WRITER,
                name,
                str(broadcast),
                START.isoformat(),
                str(count),
                str(go),
                str(crash),
            ],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in names
    ]


def test_two_processes_logging_at_once_lose_nothing_and_read_back_in_time_order(
    station: Station, make_broadcast: MakeBroadcast, tmp_path: Path
) -> None:
    broadcast = make_broadcast(START, 60, status="on_air")
    go = tmp_path / "go"
    processes = _writers(station, broadcast, go, ("A", "B"), PER_PROCESS, -1)
    go.touch()
    spans = []
    for process in processes:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        first, last = (float(x) for x in out.split())
        spans.append((first, last))
    # The two really wrote at the same time.
    (a_first, a_last), (b_first, b_last) = spans
    assert a_first < b_last and b_first < a_last
    with station.session() as session:
        log = broadcast_log(session, broadcast)
    texts = [e.text for e in log.entries]
    assert len(texts) == 2 * PER_PROCESS
    assert texts == [f"{name}{i:03d}" for i in range(PER_PROCESS) for name in ("A", "B")]
    assert [e.at for e in log.entries] == [
        START + timedelta(seconds=s) for s in range(2 * PER_PROCESS)
    ]
    assert {e.author for e in log.entries} == {"A", "B"}


def test_a_crash_loses_only_the_entry_being_entered(
    station: Station, make_broadcast: MakeBroadcast, tmp_path: Path
) -> None:
    broadcast = make_broadcast(START, 60, status="on_air")
    go = tmp_path / "go"
    go.touch()
    (process,) = _writers(station, broadcast, go, ("A",), 40, 25)
    process.communicate(timeout=120)
    assert process.returncode == 3
    with station.session() as session:
        texts = [e.text for e in broadcast_log(session, broadcast).entries]
    assert texts == [f"A{i:03d}" for i in range(25)]
