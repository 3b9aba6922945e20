"""The interviews part of ``radiodesk demo``: guests, live logs with segments, follow-ups."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from radiodesk.interviews import (
    all_guests_consented,
    broadcast_log,
    chapters_for,
    list_followups,
    publishable_people,
)
from radiodesk.interviews.demo import fill
from radiodesk.interviews.demo_data import PLACES
from radiodesk.models import Appearance, Broadcast, LogEntry, Person, Show
from tests.conftest import Station
from tests.interviews.conftest import MakeBroadcast, counts

WITA = ZoneInfo("Asia/Makassar")
# slug: (weekdays, start, minutes) — the live programmes and one recorded one.
GRID = {
    "dialog-interaktif": ((3,), time(19, 30), 60),
    "kabar-pagi": ((1, 3), time(9, 0), 90),
    "layanan-masyarakat": ((0, 1, 2, 3, 4), time(6, 0), 60),
    "tembang-kenangan": ((5, 6), time(20, 0), 120),
    "mimbar-jumat": ((4,), time(11, 0), 45),
}


def _three_weeks(make_broadcast: MakeBroadcast, now: datetime) -> dict[str, list[int]]:
    made: dict[str, list[int]] = {slug: [] for slug in GRID}
    today = now.astimezone(WITA).date()
    for back in range(21, 0, -1):
        day: date = today - timedelta(days=back)
        for slug, (weekdays, start, minutes) in GRID.items():
            if day.weekday() in weekdays:
                moment = datetime.combine(day, start, tzinfo=WITA)
                made[slug].append(make_broadcast(moment, minutes, slug=slug, status="aired"))
    return made


def test_demo_fills_guests_logs_and_followups(
    station: Station, make_broadcast: MakeBroadcast, now: datetime
) -> None:
    made = _three_weeks(make_broadcast, now)
    cancelled = make_broadcast(
        now - timedelta(days=2), 60, slug="dialog-interaktif", status="cancelled"
    )
    # A special on air now (09:30–10:30 WITA), and tomorrow's programme not yet aired.
    on_air = make_broadcast(
        now - timedelta(minutes=30), 60, slug="dialog-interaktif", status="on_air"
    )
    tomorrow = make_broadcast(now + timedelta(days=1), 60, slug="layanan-masyarakat")
    with station.session() as session:
        line = fill(session, station.settings, random.Random(2026), now)
    assert line.startswith("Guests and live log:") and "\n" not in line
    with station.session() as session:
        officials = session.scalars(
            select(Person).where(Person.institution != "Radio Kabar Luwu Utara")
        ).all()
        assert len(officials) >= 15
        consents = [p.consent for p in officials]
        assert consents.count("refused") == 1 and consents.count("unknown") >= 1
        positions = " ".join(p.position + " " + p.institution for p in officials)
        for expected in (
            "Kepala Dinas Kesehatan",
            "RSUD Andi Djemma Masamba",
            "PLN ULP Masamba",
            "Camat Sabbang",
            "Sekretaris Daerah",
            "Wakil Bupati",
            "PDAM",
        ):
            assert expected in positions
        for slug, ids in made.items():
            for broadcast_id in ids:
                log = broadcast_log(session, broadcast_id)
                roles = {a.role for a in log.appearances}
                assert "host" in roles, slug
                if slug == "mimbar-jumat":
                    assert not log.entries  # not a live programme
                    continue
                kinds = [e.kind for e in log.entries]
                assert kinds.count("segment") >= 3, slug
                titles = [e.text for e in log.entries if e.kind == "segment"]
                assert titles[0] == "Pembukaan" and titles[-1] == "Penutup"
                assert [e.at for e in log.entries] == sorted(e.at for e in log.entries)
                if slug == "dialog-interaktif":
                    assert "guest" in roles
                    assert "Sesi tanya jawab pendengar" in titles
                    assert any(t.startswith("Dialog: ") for t in titles)
                    assert {"question", "complaint"} & set(kinds)
                    assert [
                        c.title
                        for c in chapters_for(session, broadcast_id, log.planned_start, 3600)
                    ] == titles
        # Publishing sees only those who consented.
        for broadcast_id in made["dialog-interaktif"] + made["layanan-masyarakat"]:
            public = {p.person_id for p in publishable_people(session, broadcast_id)}
            guests = session.scalars(
                select(Person).join(Appearance).where(Appearance.broadcast_id == broadcast_id)
            ).all()
            assert public == {p.id for p in guests if p.consent == "given"}
            assert all_guests_consented(session, broadcast_id) == all(
                p.consent == "given" for p in guests
            )
        listener = session.scalars(
            select(LogEntry).where(LogEntry.kind.in_(("question", "complaint")))
        ).all()
        assert len(listener) >= 20
        assert {e.followup_status for e in listener} == {"open", "forwarded", "answered", "closed"}
        assert all(e.agency for e in listener)
        places = {e.caller_location for e in listener}
        assert len(places) >= 5 and places <= set(PLACES)
        for e in listener:
            steps = [e.at, e.forwarded_at, e.answered_at, e.closed_at]
            stamped = [s for s in steps if s is not None]
            assert stamped == sorted(stamped) and stamped[-1] <= now
            if e.followup_status in ("answered", "closed"):
                assert e.answer and e.answered_at is not None
        groups = list_followups(session)
        assert groups and all(g.agency for g in groups)
        live_now = broadcast_log(session, on_air)
        assert live_now.entries and all(e.at <= now for e in live_now.entries)
        assert [e.text for e in live_now.entries][0] == "Pembukaan"
        for untouched in (cancelled, tomorrow):
            assert not broadcast_log(session, untouched).entries
            assert not broadcast_log(session, untouched).appearances
    # Running the demo again adds nothing twice.
    before = counts(station)
    with station.session() as session:
        again = fill(session, station.settings, random.Random(7), now)
    assert "0 log entries" in again
    assert counts(station) == before


def test_demo_without_broadcasts_says_so_and_writes_nothing(
    station: Station, make_broadcast: MakeBroadcast, now: datetime
) -> None:
    with station.session() as session:
        assert not session.scalar(select(func.count()).select_from(Broadcast))
        assert session.scalar(select(func.count()).select_from(Show))
    before = counts(station)
    with station.session() as session:
        line = fill(session, station.settings, random.Random(2026), now)
    assert "no broadcasts" in line
    assert counts(station) == before


def test_a_programme_that_just_began_shows_its_opening(
    station: Station, make_broadcast: MakeBroadcast, now: datetime
) -> None:
    started = make_broadcast(now, 60, slug="layanan-masyarakat", status="on_air")
    with station.session() as session:
        fill(session, station.settings, random.Random(1), now)
    with station.session() as session:
        log = broadcast_log(session, started)
    assert [(e.kind, e.text, e.at) for e in log.entries] == [("segment", "Pembukaan", now)]
    assert {a.role for a in log.appearances} == {"host", "guest"}
