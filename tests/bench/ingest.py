"""Benchmark: ingest a three-hour recording end to end, against a plain ffmpeg MP3 encode.

    python tests/bench/ingest.py [--minutes 180]

Generates a 44.1 kHz stereo WAV of three hours (about 1.9 GB, under /tmp, deleted at the
end) for a broadcast with a chapter every quarter hour, then, in the same run:

- times ``ffmpeg -i IN -b:a 128k OUT.mp3`` (the baseline), before and after the ingest: on
  a shared machine the load changes, and the ratio is taken against their mean (CPU times
  are printed too, as they do not depend on the load);
- times ``radiodesk ingest`` of the same file in a child process: hash, probe, decoding pass,
  verified master copy, loudness-normalised rendition with tags and chapters, measurement
  of the encoded file — and its peak memory: the largest resident set of radiodesk and its
  ffmpeg children (``getrusage(RUSAGE_CHILDREN).ru_maxrss`` in a wrapper process), and the
  largest sum over the whole process tree at any moment (sampled from /proc);
- times cutting a 30-minute clip out of the archived master (stream copy, no rendition),
  three times a second apart; the median counts.

Goals: wall-time ratio ingest / baseline ≤ 2.0; peak memory ≤ 200 MB; clip ≤ 1 s.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

GOAL_RATIO = 2.0
GOAL_MEMORY_MB = 200.0
GOAL_CLIP_S = 1.0
NOW = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)


def _tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and all its descendants, now."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(entry), int(fields[1])
        children.setdefault(ppid, []).append(pid)
        rss[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total


def measure_child(command: list[str], env: dict[str, str]) -> dict[str, float]:
    """Run ``command``; wall seconds, largest single RSS (MB) and largest tree sum (MB)."""
    peak_sum = 0
    start = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak_sum
        while not done.is_set():
            peak_sum = max(peak_sum, _tree_rss(proc.pid))
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _err = proc.communicate()
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "wall": wall,
        "code": proc.returncode,
        "max_rss_mb": usage.ru_maxrss / 1024,
        "tree_mb": peak_sum / 1e6,
        "output": out.decode("utf-8", "replace"),
    }


def _cpu() -> float:
    """CPU seconds (user and system) of all waited-for children so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def wrapper_main(argv: list[str]) -> None:
    """The measuring wrapper: its only children are radiodesk and radiodesk's ffmpeg."""
    env = dict(os.environ)
    print(json.dumps(measure_child(argv, env)))


def make_station(home: Path, minutes: int) -> int:
    from sqlalchemy import delete, select

    from radiodesk import db
    from radiodesk.config import load_settings
    from radiodesk.models import Broadcast, LogEntry, Show
    from radiodesk.shows import sync_shows

    (home / "shows").mkdir(parents=True)
    (home / "archive").mkdir()
    shutil.copy(REPO / "radiodesk.toml", home / "radiodesk.toml")
    for f in (REPO / "shows").glob("*.toml"):
        shutil.copy(f, home / "shows" / f.name)
    settings = load_settings(home)
    db.upgrade(settings)
    with db.unit_of_work(settings) as session:
        sync_shows(session, settings)
        session.execute(delete(Broadcast))
        show = session.scalars(select(Show).where(Show.slug == "rapat-paripurna")).one()
        start = datetime(2026, 11, 20, 6, 0, tzinfo=settings.zone).astimezone(UTC)
        broadcast = Broadcast(
            show=show,
            planned_start=start,
            planned_end=start + timedelta(minutes=minutes),
            status="aired",
            topic="Rapat paripurna DPRD: APBD 2027",
        )
        session.add(broadcast)
        session.flush()
        for quarter in range(0, minutes, 15):
            session.add(
                LogEntry(
                    broadcast_id=broadcast.id,
                    at=start + timedelta(minutes=quarter, seconds=20),
                    kind="segment",
                    text=f"Pandangan fraksi {quarter // 15 + 1}",
                )
            )
        return broadcast.id


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=int, default=180)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="radiodesk-bench-ingest-"))
    try:
        run(work, args.minutes)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _ffmpeg(*args: str) -> None:
    subprocess.run(["ffmpeg", "-v", "error", "-nostdin", "-y", *args], check=True)


def run(work: Path, minutes: int) -> None:
    from radiodesk import db
    from radiodesk.archive import cut_clip
    from radiodesk.config import load_settings

    home = work / "home"
    env = dict(os.environ)
    env.update(
        RADIODESK_HOME=str(home),
        RADIODESK_LANG="en",
        RADIODESK_NOW=NOW.isoformat(),
        RADIODESK_DATABASE_URL=f"sqlite:///{home / 'archive' / 'radiodesk.db'}",
    )
    os.environ.update(env)
    load_before = os.getloadavg()
    broadcast = make_station(home, minutes)
    source = work / "card" / "2026-11-20_06-00-05.wav"
    source.parent.mkdir()
    seconds = minutes * 60
    print(f"Generating {minutes} min of 44.1 kHz stereo WAV …", flush=True)
    t = time.perf_counter()
    graph = (
        f"sine=f=220:r=44100:d={seconds}[a];anoisesrc=c=pink:r=44100:a=0.05:d={seconds}[b];"
        "[a][b]amix=inputs=2:normalize=0,tremolo=f=1.7:d=0.7,volume=0.25"
    )
    _ffmpeg("-filter_complex", graph, "-ac", "2", "-c:a", "pcm_s16le", str(source))
    print(f"  {source.stat().st_size / 1e9:.2f} GB in {time.perf_counter() - t:.0f} s")

    def baseline_run() -> tuple[float, float]:
        before = _cpu()
        t = time.perf_counter()
        _ffmpeg("-i", str(source), "-b:a", "128k", str(work / "baseline.mp3"))
        wall = time.perf_counter() - t
        (work / "baseline.mp3").unlink()
        return wall, _cpu() - before

    print("Baseline: ffmpeg -i IN -b:a 128k OUT.mp3 …", flush=True)
    first = baseline_run()
    print(f"  {first[0]:.1f} s (CPU {first[1]:.1f} s)")

    print("radiodesk ingest (child process, measured) …", flush=True)
    command = [sys.executable, str(Path(__file__).resolve()), "--wrapper", sys.executable]
    command += ["-m", "radiodesk", "ingest", "--json", str(source)]
    before = _cpu()
    wrapped = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    ingest_cpu = _cpu() - before
    result = json.loads(wrapped.stdout.strip().splitlines()[-1])
    if result["code"] != 0:
        sys.exit(f"ingest failed: {result['output']}")
    [item] = json.loads(result["output"])
    rendition = item["rendition"]
    print(
        f"  {result['wall']:.1f} s (CPU {ingest_cpu:.1f} s); recording {item['recording_id']}, "
        f"linked to broadcast {item['broadcast_id']} (expected {broadcast})"
    )
    print(
        f"  rendition {rendition['format']} {rendition['bit_rate'] // 1000} kb/s: "
        f"{rendition['loudness']:.1f} LUFS, true peak {rendition['true_peak']:.1f} dBTP, "
        f"{rendition['passes']} pass(es), {rendition['size'] / 1e6:.1f} MB"
    )

    # Again after the ingest: the machine's load may have changed meanwhile.
    print("Baseline again …", flush=True)
    second = baseline_run()
    print(f"  {second[0]:.1f} s (CPU {second[1]:.1f} s)")
    baseline = (first[0] + second[0]) / 2
    baseline_cpu = (first[1] + second[1]) / 2
    ratio = result["wall"] / baseline

    settings = load_settings(home)
    # 00:45:00–01:15:00 of three hours (a shorter run cuts proportionally less); three
    # windows a second apart, as each must be a new clip.
    clip_from, clip_length = seconds / 4, min(30 * 60, seconds / 3)
    clip_times = []
    for shift in range(3):
        t = time.perf_counter()
        clip = cut_clip(
            settings,
            item["recording_id"],
            clip_from + shift,
            clip_from + shift + clip_length,
            now=NOW,
            render=False,
        )
        clip_times.append(time.perf_counter() - t)
    db.dispose_engines()
    clip_s = sorted(clip_times)[1]
    print(
        f"Clips of {clip.duration / 60:.1f} min from {clip_from / 60:.0f} min "
        f"(stream copy: {clip.stream_copy}): " + ", ".join(f"{c:.2f} s" for c in clip_times)
    )

    load = os.getloadavg()
    print()
    print(
        f"baseline ffmpeg 128k MP3 : {baseline:8.1f} s   (mean of {first[0]:.1f} and "
        f"{second[0]:.1f}; CPU {baseline_cpu:.1f} s)"
    )
    print(f"radiodesk ingest         : {result['wall']:8.1f} s   (CPU {ingest_cpu:.1f} s)")
    print(f"wall-time ratio          : {ratio:8.2f}   (goal ≤ {GOAL_RATIO})")
    print(
        f"CPU-time ratio           : {ingest_cpu / baseline_cpu:8.2f}   (machine load "
        f"{load_before[0]:.1f} before, {load[0]:.1f} after)"
    )
    print(
        f"peak memory, largest process (ru_maxrss): {result['max_rss_mb']:6.0f} MB"
        f"   (goal ≤ {GOAL_MEMORY_MB:.0f} MB)"
    )
    print(f"peak memory, whole process tree (sampled): {result['tree_mb']:5.0f} MB")
    print(
        f"{clip_length / 60:.0f}-minute clip, median of 3: {clip_s:6.2f} s   (goal ≤ {GOAL_CLIP_S})"
    )
    ok = ratio <= GOAL_RATIO and result["max_rss_mb"] <= GOAL_MEMORY_MB and clip_s <= GOAL_CLIP_S
    print("goals met" if ok else "GOALS NOT MET")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--wrapper":
        wrapper_main(sys.argv[2:])
    else:
        main()
