"""The schedule's part of `radiodesk demo`: as-run history, exceptions, and safe to repeat."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import select

from radiodesk.models import Broadcast, BroadcastChange
from radiodesk.schedule import demo, find_conflicts, now_next
from tests.conftest import CliResult, Station
from tests.schedule.conftest import NOW

# Monday 10:20 WITA: Info Layanan Masyarakat is on air.
DURING = NOW + timedelta(hours=2, minutes=20)


def test_demo_fills_three_weeks_back_and_eight_ahead_and_can_run_twice(
    station: Station, cli: Callable[..., CliResult]
) -> None:
    with station.session() as session:
        line = demo.fill(session, station.settings, random.Random(2026), DURING)
    assert line.startswith("Schedule:") and "1 cancelled, 1 moved, 1 special" in line
    with station.session() as session:
        rows = list(session.scalars(select(Broadcast)))
        assert min(b.planned_start for b in rows) < DURING - timedelta(weeks=3) + timedelta(days=1)
        assert max(b.planned_start for b in rows) > DURING + timedelta(weeks=7)
        past = [b for b in rows if b.planned_end <= DURING and b.status != "cancelled"]
        assert past and all(b.status == "aired" and b.actual_start and b.actual_end for b in past)
        late = [b for b in past if b.actual_start - b.planned_start > timedelta(minutes=2)]
        over = [b for b in past if b.actual_end - b.planned_end > timedelta(minutes=2)]
        assert len(late) == 1 and len(over) == 1
        cancelled = [b for b in rows if b.status == "cancelled"]
        assert len(cancelled) == 1
        reasons = session.scalars(
            select(BroadcastChange.reason).where(BroadcastChange.action == "cancel")
        ).all()
        assert reasons == ["Siaran langsung pelantikan pejabat"]
        assert len([b for b in rows if b.moved]) == 1
        (special,) = [b for b in rows if b.special]
        assert special.title == "Siaran Khusus: Pidato Bupati Hari Jadi Luwu Utara"
        state = now_next(session, station.settings, DURING)
        assert state.current is not None and state.current.status == "on_air"
        assert state.current.show_slug == "layanan-masyarakat"
        assert find_conflicts(session) == ()
        count = len(rows)

    with station.session() as session:
        again = demo.fill(session, station.settings, random.Random(2026), DURING)
    assert "0 airings planned" in again and "0 cancelled, 0 moved, 0 special" in again
    with station.session() as session:
        assert len(session.scalars(select(Broadcast)).all()) == count
    assert cli("schedule", "check").code == 0
