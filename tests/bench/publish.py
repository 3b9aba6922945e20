"""Benchmark of ``radiodesk publish`` with 10,000 published episodes: the moments a station notices.

    python tests/bench/publish.py [--episodes N]

Builds a throw-away station home (SQLite) with N published episodes spread over the demo
programmes, each with a small MP3 in the archive, three chapters and two named guests, and
one more episode still a draft. Then times, each beside a baseline measured in the same run:

1. the first publish into an empty public/ (goal <= 15 s); baseline: plain feedgen writing
   feeds with the same items (its entry API, nothing else), and creating as many small files
   and hard links as the publish wrote;
2. one edited episode (a new title) published (goal <= 1 s); baseline: plain feedgen writing
   that programme's feed, which any publish of the edit has to write again;
3. one new episode (the draft, published) published (goal <= 1 s); same baseline;
4. a republish with nothing changed (goal <= 0.3 s and 0 files written); baseline: a bare
   stat of every file under public/.

The setup's files are flushed to the disk (``sync``) before anything is timed: a station's
archive was written long before its publish.
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
from radiodesk.publish import publish  # noqa: E402
from radiodesk.publish.editorial import edit_episode, publish_episode  # noqa: E402
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
    """``count`` episodes of the demo programmes' airings, with their rows and files: the
    newest a draft, the others published. The airings are planned by the schedule job from the programmes' weekly slots
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
                    "status": "draft" if i == 0 else "published",
                    "published_at": None if i == 0 else broadcasts[i]["planned_end"],
                    "chapters": chapters,
                    "chapters_key": f"-|{r}|3600.0",
                    "created_at": NOW,
                }
                for i, (b, r) in enumerate(zip(bids, rids, strict=True))
            ],
        )


def feedgen_feed(count: int, path: Path) -> float:
    """Plain feedgen writing a feed of ``count`` items (guid, title, description, enclosure,
    date, duration, through its entry API and iTunes extension) to ``path``; seconds."""
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
        entry.title(f"Episode {i}: pelayanan publik & pembangunan desa")
        entry.description("Dialog bersama narasumber.")
        entry.enclosure(f"http://localhost/e{i}.mp3", "1000", "audio/mpeg")
        entry.pubDate(NOW)
        entry.podcast.itunes_duration(3600)
    fg.rss_file(str(path), pretty=True)
    return time.perf_counter() - started


def files_baseline(root: Path, count: int, links: int, source: Path) -> float:
    """Creating ``count`` files of 300 bytes and ``links`` hard links in new folders."""
    folder = root / "baseline-files"
    folder.mkdir()
    started = time.perf_counter()
    for i in range(count):
        with open(folder / f"{i}.json", "wb") as fh:
            fh.write(b"x" * 300)
    for i in range(links):
        os.link(source, folder / f"{i}.mp3")
    return time.perf_counter() - started


def stat_baseline(root: Path) -> float:
    started = time.perf_counter()
    for folder, _dirs, files in os.walk(root):
        for name in files:
            os.stat(os.path.join(folder, name))
    return time.perf_counter() - started


def show_size(settings, episode_id: int) -> int:  # type: ignore[no-untyped-def]
    """How many published episodes the programme of ``episode_id`` has."""
    with db.unit_of_work(settings) as session:
        show_id = session.scalar(select(Episode.show_id).where(Episode.id == episode_id))
        return len(
            session.scalars(
                select(Episode.id).where(Episode.show_id == show_id, Episode.status == "published")
            ).all()
        )


def line(what: str, seconds: float, goal: float, baseline: float, base_what: str) -> bool:
    ok = seconds <= goal
    print(
        f"{what:<34} {seconds:7.3f} s  (goal <= {goal:g} s: {'met' if ok else 'NOT met'})"
        f"   baseline {base_what}: {baseline:.3f} s"
    )
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--episodes", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="radiodesk-bench-") as tmp:
        root = Path(tmp)
        home = make_home(root)
        os.environ.pop("RADIODESK_DATABASE_URL", None)
        settings = load_settings(home)
        db.upgrade(settings)
        t0 = time.perf_counter()
        mp3 = root / "tiny.mp3"
        fill(settings, args.episodes + 1, tiny_mp3(mp3))
        os.sync()
        print(f"setup: {args.episodes} published episodes in {time.perf_counter() - t0:.1f} s")
        with db.unit_of_work(settings) as session:
            ids = session.scalars(select(Episode.id).order_by(Episode.id)).all()
            draft = session.scalar(select(Episode.id).where(Episode.status == "draft"))
        edited = next(i for i in reversed(ids) if i != draft)

        first = publish(settings, NOW)
        audio = sum(1 for p in first.written if p.endswith(".mp3"))
        print(
            f"first publish: {len(first.written)} files written ({audio} audio linked), "
            f"{first.episodes} episodes, problems: {len(first.problems)}"
        )
        fg_all = feedgen_feed(args.episodes, root / "baseline-all.xml")
        files = files_baseline(root, len(first.written) - audio, audio, mp3)

        with db.unit_of_work(settings) as session:
            edit_episode(session, settings, edited, now=NOW, title="Judul baru: dialog publik")
        one = publish(settings, NOW)
        fg_one = feedgen_feed(show_size(settings, edited), root / "baseline-one.xml")

        with db.unit_of_work(settings) as session:
            publish_episode(session, settings, draft, now=NOW)
        new = publish(settings, NOW)
        fg_new = feedgen_feed(show_size(settings, draft), root / "baseline-new.xml")

        again = publish(settings, NOW)
        st = stat_baseline(settings.public_dir)

        print()
        results = [
            line(
                "first publish", first.seconds, 15.0, fg_all + files,
                f"feedgen {args.episodes} items + the files ({fg_all:.2f} + {files:.2f})",
            ),
            line(
                f"one edited episode ({len(one.written)} written)", one.seconds, 1.0, fg_one,
                "feedgen, that programme's feed",
            ),
            line(
                f"one new episode ({len(new.written)} written)", new.seconds, 1.0, fg_new,
                "feedgen, that programme's feed",
            ),
            line(
                f"republish, no change ({len(again.written)} written)", again.seconds, 0.3, st,
                "stat of every file in public/",
            ),
        ]  # fmt: skip
        ok = all(results) and not again.written and one.written and new.written
        print("goals:", "met" if ok else "NOT met")
        db.dispose_engines()


if __name__ == "__main__":
    main()
