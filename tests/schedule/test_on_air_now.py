"""One meaning of "on air now" for the desk, `log now`, `schedule now` and now.json.

Info Layanan Masyarakat is planned Monday 23 November 2026, 10:00–11:00 WITA.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from radiodesk.interviews import broadcast_at
from radiodesk.models import Broadcast, LogEntry
from radiodesk.publish.onair import now_json
from radiodesk.schedule import find_conflicts, now_next, start_broadcast, stop_broadcast
from radiodesk.schedule.exceptions import add_special
from radiodesk.schedule.nownext import on_air_at
from radiodesk.schedule.plan import plan_airings
from radiodesk.tui.data import load_on_air
from tests.conftest import CliResult, Station
from tests.schedule.test_nownext import at_local

TEN = at_local("2026-11-23 10:00")


def planned_layanan(station: Station) -> int:
    with station.session() as session:
        plan_airings(session, station.settings, TEN - timedelta(hours=12), weeks=1)
        return session.scalars(select(Broadcast.id).where(Broadcast.planned_start == TEN)).one()


def every_now(station: Station, cli: Callable[..., CliResult], at: datetime) -> set[int | None]:
    """What the desk, now.json, `schedule now` and the log's "now" each call on air at ``at``."""
    with station.session() as session:
        desk = load_on_air(session, station.settings, at).current
        public = json.loads(now_json(session, station.settings, at))["now"]
        rule = on_air_at(session, at)
        try:
            log_now: int | None = broadcast_at(session, at).id
        except Exception:
            log_now = None
    local = at.astimezone(station.settings.zone).strftime("%Y-%m-%d %H:%M")
    printed = json.loads(cli("schedule", "now", "--at", local, "--json").out)["current"]
    answers = {
        desk.id if desk else None,
        rule.id if rule else None,
        log_now,
        printed["id"] if printed else None,
    }
    assert (public is None) == (None in answers)
    return answers


def test_planned_started_and_ended_are_read_alike_everywhere(
    station: Station, cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    layanan = planned_layanan(station)
    # Planned, not started: the planned one inside its window.
    assert every_now(station, cli, TEN + timedelta(minutes=5)) == {layanan}
    with station.session() as session:
        start_broadcast(session, station.settings, layanan, now=TEN)
    # Started and running over its planned end: still the one on air.
    assert every_now(station, cli, TEN + timedelta(minutes=70)) == {layanan}
    with station.session() as session:
        stop_broadcast(session, station.settings, layanan, now=TEN + timedelta(minutes=20))
    # Ended early: nothing on air for the rest of its slot, everywhere.
    assert every_now(station, cli, TEN + timedelta(minutes=30)) == {None}
    # ... and `log now` writes nowhere instead of into the ended broadcast.
    monkeypatch.setenv("RADIODESK_NOW", (TEN + timedelta(minutes=30)).isoformat())
    result = cli("log", "now", "telat")
    assert result.code != 0 and "No broadcast is on air" in result.out + result.err
    with station.session() as session:
        assert session.scalars(select(LogEntry)).all() == []
    # While it ran, it was on air: an instant inside the as-run times still finds it.
    assert every_now(station, cli, TEN + timedelta(minutes=10)) == {layanan}


def test_an_ended_broadcast_no_longer_holds_its_slot(station: Station) -> None:
    layanan = planned_layanan(station)
    with station.session() as session:
        start_broadcast(session, station.settings, layanan, now=TEN)
        stop_broadcast(session, station.settings, layanan, now=TEN + timedelta(minutes=20))
        special = add_special(
            session,
            station.settings,
            "dialog-interaktif",
            TEN + timedelta(minutes=30),
            30,
            "Dialog Khusus",
            now=TEN + timedelta(minutes=25),
        )
        assert find_conflicts(session, TEN, TEN + timedelta(hours=1)) == ()
        state = now_next(session, station.settings, TEN + timedelta(minutes=40))
    assert state.current is not None and state.current.id == special.id


def test_the_operators_start_wins_over_a_planned_airing(station: Station) -> None:
    layanan = planned_layanan(station)
    with station.session() as session:
        # A special planned across the end of Info Layanan, started early by the studio.
        special = add_special(
            session,
            station.settings,
            "dialog-interaktif",
            TEN + timedelta(minutes=50),
            30,
            "Dialog Khusus",
            now=TEN,
            allow_overlap=True,
        )
        start_broadcast(session, station.settings, special.id, now=TEN + timedelta(minutes=40))
        assert on_air_at(session, TEN + timedelta(minutes=45)).id == special.id  # type: ignore[union-attr]
        # Info Layanan is still planned until 11:00, yet the started special is on air.
        assert session.get(Broadcast, layanan).status == "planned"  # type: ignore[union-attr]
