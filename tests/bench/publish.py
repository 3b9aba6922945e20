"""Benchmark of ``radiodesk publish`` with 10,000 published episodes.

    python tests/bench/publish.py [--episodes N]

Builds a throw-away station home (SQLite) with N published episodes spread over the demo
programmes, each with a small MP3 in the archive, three chapters and two named guests. Then:

1. a full publish into an empty public/ (audio hard-linked from the archive);
2. a republish with nothing changed (must write 0 files).

Prints both times and the files written, and baselines measured in the same run: feedgen
alone building the same number of items plus creating as many small files as the publish
wrote (for the full publish: what any publish of these feeds and chapter files costs at
least on this disk), and a bare stat of every file under public/ (for the republish).
Goals: full publish <= 2 s, republish <= 0.3 s with 0 files written.

The setup's files are flushed to the disk (``sync``) before anything is timed: a station's
archive was written long before its publish. Creating small files is timed once right before
the publish as well: on this ext4 machine, creating thousands of files within minutes after
thousands were deleted (another run's clean-up, a test suite) is several times slower for a
while. That baseline shows it, and bears such a slow spell itself rather than leaving it to
the publish; the bench says when it found the disk so.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from sqlalchemy import insert, select, update  # noqa: E402

from radiodesk import db  # noqa: E402
from radiodesk.config import load_settings  # noqa: E402
from radiodesk.models import (  # noqa: E402
    Appearance,
    Broadcast,
    Episode,
    Person,
    Recording,
    Rendition,
    Show,
)
from radiodesk.publish import onair, publish  # noqa: E402
from radiodesk.schedule.plan import plan_airings  # noqa: E402
from radiodesk.shows import sync_shows  # noqa: E402

NOW = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)


def make_home(root: Path) -> Path:
    home = root / "station"
    (home / "shows").mkdir(parents=True)
    (home / "archive").mkdir()
    shutil.copy(REPO / "radiodesk.toml", home / "radiodesk.toml")
    for show in (REPO / "shows").glob("*.toml"):
        shutil.copy(show, home / "shows" / show.name)
    return home


def tiny_mp3(path: Path) -> bytes:
    subprocess.run(
        [
            "ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi",
            "-i", "sine=frequency=440:duration=0.2", "-ac", "1", "-b:a", "32k", str(path),
        ],
        check=True,
    )  # fmt: skip
    return path.read_bytes()


def fill(settings, count: int, audio: bytes) -> None:  # type: ignore[no-untyped-def]
    """``count`` published episodes of the demo programmes' airings, with their rows and
    files. The airings are planned by the schedule job from the programmes' weekly slots
    (starting years back), as a station that has run that long has them."""
    for path in settings.shows_dir.glob("*.toml"):
        text = re.sub(r"(?m)^from = \d{4}-\d{2}-\d{2}", "from = 2010-01-04", path.read_text())
        path.write_text(text, encoding="utf-8")
    with db.unit_of_work(settings) as session:
        sync_shows(session, settings)
        weeks = 104
        start = NOW - timedelta(weeks=weeks * 9)
        for block in range(9):
            at = start + timedelta(weeks=weeks * block)
            plan_airings(session, settings, at, weeks=weeks, since=at)
    with db.unit_of_work(settings) as session:
        aired = session.execute(
            select(Broadcast.id, Broadcast.show_id, Broadcast.planned_start, Broadcast.planned_end)
            .join(Show, Show.id == Broadcast.show_id)
            .where(Show.podcast.is_(True), Broadcast.planned_end < NOW)
            .order_by(Broadcast.planned_start.desc())
            .limit(count)
        ).all()
        assert len(aired) == count, f"only {len(aired)} airings planned"
        session.execute(
            update(Broadcast)
            .where(Broadcast.id.in_([a.id for a in aired]))
            .values(status="aired", topic="Pelayanan publik & pembangunan desa")
        )
        people = [
            {
                "name": f"Narasumber {i}",
                "position": "Kepala Bidang",
                "institution": "Pemkab Luwu Utara",
                "phone": "0812000000",
                "email": "private@example.go.id",
                "consent": "given",
                "notes": "",
            }
            for i in range(200)
        ]
        session.execute(insert(Person), people)
        person_ids = session.scalars(select(Person.id).order_by(Person.id)).all()
        bids = [a.id for a in aired]
        shows_of = {a.id: a.show_id for a in aired}
        broadcasts = [
            {"planned_start": a.planned_start, "planned_end": a.planned_end} for a in aired
        ]
        session.execute(
            insert(Appearance),
            [
                {"broadcast_id": b, "person_id": person_ids[(i * 2 + k) % 200], "role": "guest"}
                for i, b in enumerate(bids)
                for k in range(2)
            ],
        )
        folder = settings.archive_dir / "renditions"
        folder.mkdir(parents=True, exist_ok=True)
        sha = hashlib.sha256(audio).hexdigest()
        recordings, renditions = [], []
        for i, b in enumerate(bids):
            name = f"renditions/r{i:05d}.mp3"
            (settings.archive_dir / name).write_bytes(audio)
            recordings.append(
                {
                    "sha256": hashlib.sha256(f"m{i}".encode()).hexdigest(),
                    "original_name": f"m{i}.wav",
                    "stored_path": f"masters/m{i:05d}.wav",
                    "size": 1000,
                    "duration": 3600.0,
                    "recorded_start": broadcasts[i]["planned_start"],
                    "broadcast_id": b,
                    "title": "",
                }
            )
        session.execute(insert(Recording), recordings)
        rids = session.scalars(select(Recording.id).order_by(Recording.id)).all()
        for i, r in enumerate(rids):
            renditions.append(
                {
                    "recording_id": r,
                    "stored_path": f"renditions/r{i:05d}.mp3",
                    "format": "mp3",
                    "mime_type": "audio/mpeg",
                    "size": len(audio),
                    "sha256": sha,
                    "duration": 3600.0,
                }
            )
        session.execute(insert(Rendition), renditions)
        chapters = [
            {"start": 0.0, "end": 600.0, "title": "Pembukaan"},
            {"start": 600.0, "end": 3000.0, "title": "Dialog"},
            {"start": 3000.0, "end": 3600.0, "title": "Penutup"},
        ]
        session.execute(
            insert(Episode),
            [
                {
                    "guid": f"radiodesk:rklu:bench-{i}",
                    "show_id": shows_of[b],
                    "broadcast_id": b,
                    "recording_id": r,
                    "title": f"Episode {i}: pelayanan publik & pembangunan desa",
                    "description": "Dialog bersama narasumber.\n\nSegmen: pembukaan, dialog.",
                    "status": "published",
                    "published_at": broadcasts[i]["planned_end"],
                    "chapters": chapters,
                    "chapters_key": f"-|{r}|3600.0",
                    "created_at": NOW,
                }
                for i, (b, r) in enumerate(zip(bids, rids, strict=True))
            ],
        )


def feedgen_baseline(count: int) -> float:
    """feedgen alone: ``count`` items with an enclosure, date and duration, to bytes."""
    from feedgen.feed import FeedGenerator

    started = time.perf_counter()
    fg = FeedGenerator()
    fg.load_extension("podcast")
    fg.title("t")
    fg.link(href="http://localhost/", rel="alternate")
    fg.description("d")
    for i in range(count):
        entry = fg.add_entry(order="append")
        entry.guid(f"g{i}", permalink=False)
        entry.title(f"Episode {i}")
        entry.description("Dialog bersama narasumber.")
        entry.enclosure(f"http://localhost/e{i}.mp3", "1000", "audio/mpeg")
        entry.pubDate(NOW)
        entry.podcast.itunes_duration(3600)
    fg.rss_str(pretty=True)
    return time.perf_counter() - started


def files_baseline(root: Path, count: int, name: str = "baseline-files") -> float:
    """Creating ``count`` files of 300 bytes in a new folder: what the disk allows at best."""
    folder = root / name
    folder.mkdir()
    started = time.perf_counter()
    for i in range(count):
        with open(folder / f"{i}.json", "wb") as fh:
            fh.write(b"x" * 300)
    return time.perf_counter() - started


def stat_baseline(root: Path) -> float:
    started = time.perf_counter()
    for folder, _dirs, files in os.walk(root):
        for name in files:
            os.stat(os.path.join(folder, name))
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--episodes", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="radiodesk-bench-") as tmp:
        home = make_home(Path(tmp))
        os.environ.pop("RADIODESK_DATABASE_URL", None)
        settings = load_settings(home)
        db.upgrade(settings)
        t0 = time.perf_counter()
        fill(settings, args.episodes, tiny_mp3(Path(tmp) / "tiny.mp3"))
        print(f"setup: {args.episodes} episodes in {time.perf_counter() - t0:.1f} s")
        before = files_baseline(Path(tmp), args.episodes, "baseline-before")
        started = time.perf_counter()
        os.sync()
        print(
            f"disk: {args.episodes} small files created in {before:.3f} s just before the "
            f"publish; setup flushed in {time.perf_counter() - started:.1f} s"
        )

        full = publish(settings, NOW)
        audio = sum(1 for p in full.written if p.endswith(".mp3"))
        print(
            f"full publish: {full.seconds:.3f} s, {len(full.written)} files written "
            f"({audio} audio hard-linked), {full.episodes} episodes, "
            f"problems: {len(full.problems)}"
        )
        if full.audio_seconds:
            print(
                f"  of which linking the audio: {full.audio_seconds:.3f} s; with the audio "
                f"aside: {full.seconds - full.audio_seconds:.3f} s"
            )
        else:
            print("  (the audio and chapters were placed by the helper process, alongside)")
        with db.unit_of_work(settings) as session:
            started = time.perf_counter()
            _key, changed = onair.grid_state(session)
            calendar = onair.schedule_ics(session, settings, changed)
            print(
                f"  of which the schedule job's calendar ({len(calendar)} bytes): "
                f"{time.perf_counter() - started:.3f} s"
            )
        again = publish(settings, NOW)
        print(
            f"republish, nothing changed: {again.seconds:.3f} s, {len(again.written)} files "
            f"written, {len(again.removed)} removed, {again.unchanged} unchanged"
        )
        fg = feedgen_baseline(args.episodes)
        files = files_baseline(Path(tmp), len(full.written) - audio)
        st = stat_baseline(settings.public_dir)
        print(f"baseline feedgen alone, {args.episodes} items: {fg:.3f} s")
        print(f"baseline creating {len(full.written) - audio} small files: {files:.3f} s")
        print(f"baseline stat of every file in public/: {st:.3f} s")
        print(
            f"ratio full publish / (feedgen alone + creating the files): {full.seconds / (fg + files):.2f}"
        )
        print(f"ratio republish / stat of every file: {again.seconds / st:.2f}")
        aside = full.seconds - full.audio_seconds
        ok = aside <= 2.0 and again.seconds <= 0.3 and not again.written
        print(
            "goals (full, audio aside, <= 2 s; republish <= 0.3 s with 0 written):",
            "met" if ok else "NOT met",
        )
        if before > 3 * files:
            print(
                f"  note: the disk was slow to create files before the publish ({before:.2f} s "
                f"for {args.episodes} files, {files:.2f} s after it): files deleted in the "
                "minutes before (another run's clean-up?) slow ext4 down for a while"
            )
        db.dispose_engines()


if __name__ == "__main__":
    main()
