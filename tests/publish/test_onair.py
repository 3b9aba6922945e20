"""schedule.ics and now.json, the file names, progress and the feed list."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from icalendar import Calendar
from lxml import etree
from sqlalchemy import select

from radiodesk.models import Broadcast, Show
from radiodesk.publish import edit_episode, feed_urls, publish
from tests.conftest import Station
from tests.publish.helpers import NOW, PRIVATE, build_world


def test_calendar_and_now_next(station: Station, tones: dict[str, Path]) -> None:
    build_world(station, tones)
    with station.session() as session:
        show = session.scalars(select(Show).where(Show.slug == "dialog-interaktif")).one()
        session.add(
            Broadcast(
                show_id=show.id,
                planned_start=NOW - timedelta(minutes=10),
                planned_end=NOW + timedelta(minutes=50),
                status="planned",
                special=True,
                topic="Jalan tani di Sabbang",
                notes=PRIVATE["broadcast_notes"] + " (live)",
            )
        )
    publish(station.settings, NOW)
    public = station.settings.public_dir
    calendar = Calendar.from_ical((public / "schedule.ics").read_bytes())
    summaries = [str(e.get("summary")) for e in calendar.walk("VEVENT")]
    assert "Dialog Interaktif Halo Bupati" in summaries
    assert PRIVATE["broadcast_notes"] not in (public / "schedule.ics").read_text()
    now = json.loads((public / "now.json").read_bytes())
    assert now["now"]["show"] == "dialog-interaktif"
    assert now["now"]["topic"] == "Jalan tani di Sabbang"
    assert now["next"] is None or now["next"]["start"] > NOW.isoformat()
    assert all(e["start"] > NOW.isoformat() for e in now["upcoming"])
    # An hour later the programme is over: now.json says so, the feeds stay untouched.
    later = publish(station.settings, NOW + timedelta(hours=1))
    assert "now.json" in later.written
    assert not any(p.endswith("feed.xml") for p in later.written)


def test_file_names_are_ascii_and_numbers_reach_the_feed(
    station: Station, tones: dict[str, Path]
) -> None:
    world = build_world(station, tones)
    with station.session() as session:
        edit_episode(session, station.settings, world.published[1], now=NOW, season=3, number=12)
    calls: list[tuple[int, int]] = []
    publish(station.settings, NOW, progress=lambda done, total: calls.append((done, total)))
    assert calls and calls[-1][0] == calls[-1][1]
    assert [d for d, _t in calls] == sorted(d for d, _t in calls)
    for path in station.settings.public_dir.rglob("*"):
        assert str(path.relative_to(station.settings.public_dir)).isascii(), path
    root = etree.fromstring((station.settings.public_dir / "kabar-pagi" / "feed.xml").read_bytes())
    ns = {"itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd"}
    assert root.xpath("//item/itunes:season/text()", namespaces=ns) == ["3"]
    assert root.xpath("//item/itunes:episode/text()", namespaces=ns) == ["12"]
    assert set(root.xpath("//item/guid/@isPermaLink")) == {"false"}


def test_feed_urls_lists_the_station_and_each_podcast_programme(station: Station) -> None:
    links = feed_urls(station.settings)
    assert links[0].slug is None and links[0].url == "http://localhost:8100/feed.xml"
    slugs = {link.slug for link in links[1:]}
    assert "kabar-pagi" in slugs and "malam-remaja" not in slugs
