"""Benchmark of the live log: what committing every entry at once costs, and reading a log.

    python tests/bench/interviews.py [--entries N]

Builds a throw-away station home (SQLite, the default database) with one broadcast, then:

1. logs N entries through ``add_entry``, each in its own unit of work (as the desk and
   ``radiodesk log`` do: a crash loses at most the entry being typed);
2. reads the broadcast's log back in time order with ``broadcast_log``.

Baselines measured in the same run on the same database: a bare SQLAlchemy Core INSERT of the
same row in its own transaction (1), and a bare Core SELECT of the same rows ordered by
(at, id) (2). Prints milliseconds per entry / per read and the ratio against the baseline.
Goal: an entry is committed well within a keystroke's patience (< 20 ms), reading a
two-hour programme's log (a few hundred entries) well under 100 ms.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from sqlalchemy import insert, select  # noqa: E402

from radiodesk import db  # noqa: E402
from radiodesk.config import load_settings  # noqa: E402
from radiodesk.interviews import add_entry, broadcast_log  # noqa: E402
from radiodesk.models import Broadcast, LogEntry, Show  # noqa: E402
from radiodesk.shows import sync_shows  # noqa: E402

START = datetime(2026, 11, 19, 11, 30, tzinfo=UTC)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=400)
    count = parser.parse_args().entries
    os.environ.pop("RADIODESK_DATABASE_URL", None)
    os.environ["RADIODESK_NOW"] = START.isoformat()
    with tempfile.TemporaryDirectory(prefix="rd-bench-interviews-") as tmp:
        home = Path(tmp)
        (home / "shows").mkdir()
        for f in (REPO / "shows").glob("*.toml"):
            (home / "shows" / f.name).write_bytes(f.read_bytes())
        settings = load_settings(home)
        db.upgrade(settings)
        with db.unit_of_work(settings) as session:
            sync_shows(session, settings)
            show = session.scalars(select(Show).where(Show.slug == "dialog-interaktif")).one()
            ids = []
            for days in (0, 3):
                broadcast = Broadcast(
                    show=show,
                    planned_start=START + timedelta(days=days),
                    planned_end=START + timedelta(days=days, hours=2),
                    status="aired",
                )
                session.add(broadcast)
                session.flush()
                ids.append(broadcast.id)
        service_id, baseline_id = ids
        step = 7200 / count

        began = time.perf_counter()
        for i in range(count):
            at = START + timedelta(seconds=i * step)
            with db.unit_of_work(settings) as session:
                add_entry(session, service_id, f"Catatan {i}", "note", at, "bench", now=at)
        service = (time.perf_counter() - began) / count

        engine = db.engine_for(settings)
        began = time.perf_counter()
        for i in range(count):
            at = START + timedelta(days=3, seconds=i * step)
            with engine.begin() as conn:
                conn.execute(
                    insert(LogEntry).values(
                        broadcast_id=baseline_id,
                        at=at,
                        kind="note",
                        text=f"Catatan {i}",
                        author="bench",
                        caller_name="",
                        caller_location="",
                        answer="",
                        deleted=False,
                        created_at=at,
                        updated_at=at,
                    )
                )
        baseline = (time.perf_counter() - began) / count

        rounds = 20
        began = time.perf_counter()
        for _ in range(rounds):
            with db.unit_of_work(settings) as session:
                log = broadcast_log(session, service_id)
        read = (time.perf_counter() - began) / rounds
        assert len(log.entries) == count
        began = time.perf_counter()
        for _ in range(rounds):
            with engine.connect() as conn:
                rows = conn.execute(
                    select(LogEntry.__table__)
                    .where(LogEntry.broadcast_id == service_id)
                    .order_by(LogEntry.at, LogEntry.id)
                ).all()
        read_baseline = (time.perf_counter() - began) / rounds
        assert len(rows) == count
        db.dispose_engines()

    print(f"add_entry, one unit of work each ({count} entries, SQLite):")
    print(
        f"  {service * 1000:.2f} ms per entry; bare Core INSERT + commit "
        f"{baseline * 1000:.2f} ms; ratio {service / baseline:.2f}"
    )
    print(f"broadcast_log of {count} entries:")
    print(
        f"  {read * 1000:.2f} ms per read; bare Core SELECT {read_baseline * 1000:.2f} ms; "
        f"ratio {read / read_baseline:.2f}"
    )


if __name__ == "__main__":
    main()
