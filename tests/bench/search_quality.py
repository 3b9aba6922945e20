"""Relevance of archive search on the judged query set (tests/search/judged.py).

    python tests/bench/search_quality.py [--database-url URL] [--misses]

Builds a throw-away station home (SQLite, or a schema of its own, dropped at the end, in the
PostgreSQL database given), fills the demo station's schedule and live log and the written regency-government
corpus, runs every judged query and prints success@3 and MRR@10 beside the figures measured
before this work's ranking changes (the baseline). ``--misses`` lists the queries whose
first relevant hit is not in the top three.

Goal: success@3 >= 0.95.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))


from radiodesk import db  # noqa: E402
from radiodesk.config import load_settings  # noqa: E402
from radiodesk.shows import sync_shows  # noqa: E402
from tests.conftest import fresh_schema, new_home  # noqa: E402
from tests.search import judged  # noqa: E402

# Measured with this script on main before any ranking change (SQLite).
BASELINE = {"success@3": 0.581, "MRR@10": 0.578}


@contextmanager
def database(base: str | None, root: Path) -> Iterator[str]:
    """A fresh database URL: a SQLite file under ``root``, or a new schema on ``base``."""
    if not base:
        yield f"sqlite:///{root / 'station' / 'archive' / 'radiodesk.db'}"
        return
    with fresh_schema(base, "rdquality_") as url:
        yield url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="radiodesk-quality-"))
    try:
        with database(args.database_url, root) as url:
            run(root, url, args.misses)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def run(root: Path, url: str, misses: bool) -> None:
    home = new_home(root / "station")
    os.environ["RADIODESK_DATABASE_URL"] = url
    os.environ["RADIODESK_NOW"] = judged.DEMO_NOW.isoformat()
    settings = load_settings(home)
    db.upgrade(settings)
    with db.unit_of_work(settings) as session:
        sync_shows(session, settings)

    def session():  # type: ignore[no-untyped-def]
        return db.unit_of_work(settings)

    known = judged.fill(settings, session)
    figures = judged.measure(settings, session, known)
    print(f"queries:   {len(figures.outcomes)}")
    print(f"success@3: {figures.success_at_3:.3f}   (baseline {BASELINE['success@3']})")
    print(f"MRR@10:    {figures.mrr_at_10:.3f}   (baseline {BASELINE['MRR@10']})")
    if misses:
        for outcome in figures.misses:
            print(
                f"  missed {outcome.query!r}: first relevant at {outcome.rank}"
                f" ({outcome.relevant} expected)"
            )
    db.dispose_engines()


if __name__ == "__main__":
    main()
