"""Benchmark: the air logger recording a 128 kbit/s stream, and cutting a broadcast.

    python tests/bench/logger.py [--minutes 10] [--skip-record] [--skip-cut]

Recording: starts Debian's icecast2 on a loopback port, feeds it a 128 kbit/s MP3 by ffmpeg
in real time, and for ``--minutes`` runs side by side, on the same stream:

- ``radiodesk logger`` (one-hour segments, dead-air detection on) — its CPU time (the
  Python supervisor and its ffmpeg, read from /proc at the end) and the largest resident set
  of the two together (sampled every second);
- the baseline: plain ``ffmpeg -i URL -c copy OUT.mp3``, measured the same way.

Goals: the logger with its ffmpeg ≤ 2 % of one core and ≤ 80 MB resident in all. The
proportional set (PSS: shared library pages divided among the processes that map them) is
printed beside the resident set: most of an ffmpeg's resident set is its shared libraries.

Cutting: three one-hour MP3 segments (128 kbit/s; one minute encoded, then joined by stream
copy), a broadcast of two hours from 00:30 across all three; times the cut (stream copy,
the ordinary ``write_span``) three times, the median counts. Goal ≤ 2 s. The baseline is
the same ffmpeg work without radiodesk: ``ffmpeg -f concat -c copy`` of the same span.
Beside the wall time, the CPU time (this process and its children): on a shared, loaded
machine the wall time is mostly waiting for a core.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

GOAL_CPU_PERCENT = 2.0
GOAL_MEMORY_MB = 80.0
GOAL_CUT_S = 2.0
TICKS = os.sysconf("SC_CLK_TCK")


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def _cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICKS


def _memory(pids: list[int], file: str, key: str) -> int:
    """The sum of ``key`` (kB) in /proc/PID/``file`` over ``pids``, in bytes."""
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/{file}").read_text().splitlines():
                if line.startswith(key):
                    total += int(line.split()[1]) * 1024
        except OSError:
            continue
    return total


class Watched:
    """A process tree: its largest resident set, sampled each second, and CPU at the end."""

    def __init__(self, proc: subprocess.Popen[bytes]) -> None:
        self.proc = proc
        self.peak = 0
        self.peak_pss = 0
        self.cpu = 0.0
        self.started = time.monotonic()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()

    def _sample(self) -> None:
        while not self.stop.wait(1.0):
            pids = _tree(self.proc.pid)
            self.peak = max(self.peak, _memory(pids, "status", "VmRSS:"))
            self.peak_pss = max(self.peak_pss, _memory(pids, "smaps_rollup", "Pss:"))
            self.cpu = _cpu_seconds(pids)

    def finish(self) -> tuple[float, float, float, float]:
        """(wall seconds, CPU seconds, peak RSS MB, peak PSS MB) — read before the process
        is stopped."""
        self.stop.set()
        self.thread.join()
        wall = time.monotonic() - self.started
        return wall, self.cpu, self.peak / 1e6, self.peak_pss / 1e6


def bench_record(minutes: float, work: Path) -> None:
    from tests.logger.conftest import Feeder, start_icecast

    server, logs = start_icecast(work)
    feeder = Feeder(server.source_url("bench")).start()
    home = work / "home"
    home.mkdir()
    (home / "radiodesk.toml").write_text(
        f'[logger]\nsource = "{server.url("bench")}"\nreserve_mb = 0\nauto_cut = false\n',
        encoding="utf-8",
    )
    env = dict(os.environ, RADIODESK_HOME=str(home), RADIODESK_LANG="en")
    subprocess.run([sys.executable, "-m", "radiodesk", "init", str(home)], env=env, check=True)
    time.sleep(2)
    logger = subprocess.Popen([sys.executable, "-m", "radiodesk", "logger"], env=env, cwd=REPO)
    baseline = subprocess.Popen(
        ["ffmpeg", "-nostdin", "-v", "error", "-i", server.url("bench")]
        + ["-c", "copy", "-f", "mp3", str(work / "baseline.mp3")]
    )
    watched = [Watched(logger), Watched(baseline)]
    try:
        time.sleep(minutes * 60)
        results = [w.finish() for w in watched]
    finally:
        logger.terminate()
        baseline.terminate()
        logger.wait(timeout=30)
        baseline.wait(timeout=30)
        feeder.stop()
        server.proc.terminate()
        shutil.rmtree(logs, ignore_errors=True)
    print(f"Recording a 128 kbit/s stream through Icecast for {minutes:g} min:")
    print(f"  {'':28} {'CPU s':>8} {'% core':>8} {'RSS MB':>8} {'PSS MB':>8}")
    for label, (wall, cpu, peak, pss) in zip(
        ("radiodesk logger + ffmpeg", "ffmpeg -i URL -c copy"), results, strict=True
    ):
        print(f"  {label:28} {cpu:8.2f} {100 * cpu / wall:8.2f} {peak:8.1f} {pss:8.1f}")
    wall, cpu, peak, _pss = results[0]
    print(
        f"  goals: ≤ {GOAL_CPU_PERCENT:g} % of one core ({'met' if 100 * cpu / wall <= GOAL_CPU_PERCENT else 'MISSED'}),"
        f" ≤ {GOAL_MEMORY_MB:g} MB ({'met' if peak <= GOAL_MEMORY_MB else 'MISSED'})"
    )


def _cpu_now() -> float:
    """CPU seconds used so far by this process and its finished children."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def bench_cut(work: Path) -> None:
    from radiodesk import db
    from radiodesk.config import load_settings
    from radiodesk.home import init_home
    from radiodesk.logger.cut import write_span
    from radiodesk.models import LoggerSegment

    home = work / "cut-home"
    init_home(home)
    settings = load_settings(home)
    minute = work / "minute.mp3"
    subprocess.run(
        ["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "sine=f=440:d=60"]
        + ["-ac", "2", "-c:a", "libmp3lame", "-b:a", "128k", str(minute)],
        check=True,
    )
    listing = work / "minutes.txt"
    listing.write_text(f"file '{minute}'\n" * 60, encoding="utf-8")
    start = datetime(2026, 11, 23, 0, 0, tzinfo=UTC)
    folder = settings.archive_dir / "logger" / "2026" / "11" / "23"
    folder.mkdir(parents=True)
    with db.unit_of_work(settings) as session:
        for hour in range(3):
            name = f"hour{hour}.mp3"
            subprocess.run(
                ["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "concat", "-safe", "0"]
                + ["-i", str(listing), "-c", "copy", str(folder / name)],
                check=True,
            )
            session.add(
                LoggerSegment(
                    path=f"logger/2026/11/23/{name}",
                    start=start + timedelta(hours=hour),
                    duration=3600.0,
                    complete=True,
                    connection="bench",
                )
            )
    os.sync()
    plain = work / "plain.ffconcat"
    plain.write_text(
        "ffconcat version 1.0\n"
        f"file '{folder / 'hour0.mp3'}'\ninpoint 1800\n"
        f"file '{folder / 'hour1.mp3'}'\n"
        f"file '{folder / 'hour2.mp3'}'\noutpoint 1800\n",
        encoding="utf-8",
    )
    baseline, baseline_cpu = [], []
    for _attempt in range(3):
        began, cpu = time.perf_counter(), _cpu_now()
        subprocess.run(
            ["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "concat", "-safe", "0"]
            + ["-i", str(plain), "-map", "0:a:0", "-c", "copy", str(work / "plain.mp3")],
            check=True,
        )
        baseline.append(time.perf_counter() - began)
        baseline_cpu.append(_cpu_now() - cpu)
        (work / "plain.mp3").unlink()
        time.sleep(1)
    times, times_cpu = [], []
    for attempt in range(3):
        began, cpu = time.perf_counter(), _cpu_now()
        span = write_span(
            settings,
            start + timedelta(minutes=30),
            start + timedelta(minutes=150),
            work / f"cut{attempt}",
        )
        times.append(time.perf_counter() - began)
        times_cpu.append(_cpu_now() - cpu)
        size = span.path.stat().st_size
        span.path.unlink()
        time.sleep(1)
    median = statistics.median(times)
    print("Cutting a 2-hour broadcast out of three one-hour segments (stream copy):")
    print(
        f"  radiodesk write_span: {', '.join(f'{t:.2f}' for t in times)} s;"
        f" median {median:.2f} s (CPU {statistics.median(times_cpu):.2f} s), {size / 1e6:.0f} MB"
    )
    print(
        f"  baseline ffmpeg -f concat -c copy of the same span: "
        f"{', '.join(f'{t:.2f}' for t in baseline)} s; median {statistics.median(baseline):.2f} s"
        f" (CPU {statistics.median(baseline_cpu):.2f} s)"
    )
    print(f"  goal: ≤ {GOAL_CUT_S:g} s ({'met' if median <= GOAL_CUT_S else 'MISSED'})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--skip-record", action="store_true")
    parser.add_argument("--skip-cut", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="radiodesk-bench-logger-"))
    try:
        if not args.skip_cut:
            bench_cut(work)
        if not args.skip_record:
            bench_record(args.minutes, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
