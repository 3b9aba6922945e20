"""The publish part of ``radiodesk demo``: every episode state, and a public/ to open."""

from __future__ import annotations

import random
from collections import Counter
from datetime import timedelta
from pathlib import Path

import feedparser
from sqlalchemy import select

from radiodesk.models import Episode
from radiodesk.publish import demo, publish
from tests.conftest import Station
from tests.publish.helpers import NOW, Guest, add_aired


def test_demo_publishes_most_and_leaves_a_draft_and_a_withdrawn_one(
    station: Station, tones: dict[str, Path]
) -> None:
    settings = station.settings
    with station.session() as session:
        for days, show in enumerate(
            ["kabar-pagi", "dialog-interaktif", "mimbar-jumat", "suara-petani", "budaya-tana-luwu"]
        ):
            add_aired(
                session,
                settings,
                tones["short"],
                show=show,
                start=NOW - timedelta(days=days + 1),
                topic=f"Topik {show}",
                guests=[Guest(f"Tamu {days}")],
            )
    # As `radiodesk demo` runs a stage: inside one unit of work, committed after.
    with station.session() as session:
        line = demo.fill(session, settings, random.Random(1), NOW)
    assert "Published 3 demo episodes" in line and "index.html" in line
    with station.session() as session:
        states = Counter(e.status for e in session.scalars(select(Episode)))
    assert states == {"published": 3, "draft": 1, "withdrawn": 1}
    public = settings.public_dir
    assert (public / "index.html").is_file()
    feed = feedparser.parse((public / "feed.xml").read_bytes())
    assert len(feed.entries) == 3 and not feed.bozo
    # What the demo wrote is what a publish would write: nothing to do after it.
    assert publish(settings, NOW).written == ()
