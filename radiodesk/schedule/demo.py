"""Demo data of the schedule job for `radiodesk demo`: three weeks of as-run history and
eight weeks ahead, with one cancellation, one moved airing, one special, and whatever is on
air at ``now`` marked on air. Running it again adds nothing twice."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from radiodesk.config import Settings
from radiodesk.errors import Conflict
from radiodesk.i18n import _
from radiodesk.models import Broadcast, BroadcastChange, BroadcastStatus, Show
from radiodesk.schedule.exceptions import add_special, cancel_airing, move_airing
from radiodesk.schedule.plan import plan_airings
from radiodesk.timeinput import local_to_utc

CANCEL_REASON = "Siaran langsung pelantikan pejabat"
MOVE_REASON = "Ditukar dengan siaran langsung rapat koordinasi DPRD"
SPECIAL_TITLE = "Siaran Khusus: Pidato Bupati Hari Jadi Luwu Utara"
SPECIAL_SHOWS = ("halo-bupati", "info-layanan", "kabar-pagi")
AUTHOR = "demo"


def _slot_rows(session: Session, *conditions: object) -> list[Broadcast]:
    return list(
        session.scalars(
            select(Broadcast)
            .where(Broadcast.slot_id.is_not(None), *conditions)  # type: ignore[arg-type]
            .order_by(Broadcast.planned_start, Broadcast.id)
        )
    )


def _cancel_one(session: Session, settings: Settings, rng: random.Random, now: datetime) -> int:
    done = session.scalar(
        select(func.count())
        .select_from(BroadcastChange)
        .where(BroadcastChange.reason == CANCEL_REASON)
    )
    if done:
        return 0
    candidates = _slot_rows(
        session,
        Broadcast.status == BroadcastStatus.PLANNED,
        Broadcast.planned_start >= now - timedelta(days=12),
        Broadcast.planned_end <= now - timedelta(days=4),
    )
    if not candidates:
        return 0
    row = rng.choice(candidates)
    cancel_airing(
        session,
        settings,
        row.id,
        CANCEL_REASON,
        now=row.planned_start - timedelta(hours=3),
        author=AUTHOR,
    )
    return 1


def _mark_aired(session: Session, rng: random.Random, now: datetime) -> int:
    past = _slot_rows(
        session, Broadcast.status == BroadcastStatus.PLANNED, Broadcast.planned_end <= now
    )
    if not past:
        return 0
    late = rng.randrange(len(past))
    over = rng.randrange(len(past))
    for index, row in enumerate(past):
        # A minute or two either way is on time (the report counts from LATE_AFTER).
        start_jitter = rng.randint(-60, 100)
        end_jitter = rng.randint(-90, 100)
        if index == late:
            start_jitter = rng.randint(8, 14) * 60
        if index == over:
            end_jitter = rng.randint(10, 18) * 60
        row.actual_start = row.planned_start + timedelta(seconds=start_jitter)
        row.actual_end = row.planned_end + timedelta(seconds=end_jitter)
        row.status = BroadcastStatus.AIRED
    return len(past)


def _mark_on_air(session: Session, rng: random.Random, now: datetime) -> None:
    running = _slot_rows(
        session,
        Broadcast.status == BroadcastStatus.PLANNED,
        Broadcast.planned_start <= now,
        Broadcast.planned_end > now,
    )
    for row in running[:1]:
        late = timedelta(seconds=rng.randint(0, 90))
        row.actual_start = min(now, row.planned_start + late)
        row.status = BroadcastStatus.ON_AIR


def _move_one(session: Session, settings: Settings, rng: random.Random, now: datetime) -> int:
    if session.scalar(select(func.count()).select_from(Broadcast).where(Broadcast.moved)):
        return 0
    candidates = _slot_rows(
        session,
        Broadcast.status == BroadcastStatus.PLANNED,
        Broadcast.planned_start >= now + timedelta(days=2),
        Broadcast.planned_start < now + timedelta(days=9),
    )
    rng.shuffle(candidates)
    for row in candidates[:10]:
        for hours in (2, 3, -2, 4):
            try:
                move_airing(
                    session,
                    settings,
                    row.id,
                    row.planned_start + timedelta(hours=hours),
                    MOVE_REASON,
                    now=now,
                    author=AUTHOR,
                )
            except Conflict:
                continue
            return 1
    return 0


def _add_special(session: Session, settings: Settings, rng: random.Random, now: datetime) -> int:
    if session.scalar(
        select(func.count()).select_from(Broadcast).where(Broadcast.title == SPECIAL_TITLE)
    ):
        return 0
    shows = {s.slug: s for s in session.scalars(select(Show).where(Show.active))}
    slug = next((s for s in SPECIAL_SHOWS if s in shows), None) or min(shows, default=None)
    if slug is None:
        return 0
    zone = settings.zone
    today = now.astimezone(zone).date()
    for days in range(3, 12):
        for hour in (14, 15, 8, 17):
            local = datetime.combine(today + timedelta(days=days), datetime.min.time())
            start = local_to_utc(local.replace(hour=hour), zone)
            try:
                add_special(
                    session,
                    settings,
                    slug,
                    start,
                    60,
                    SPECIAL_TITLE,
                    now=now,
                    reason="Peringatan Hari Jadi Kabupaten Luwu Utara",
                    topic="Pidato Bupati dan laporan pembangunan daerah",
                    author=AUTHOR,
                )
            except Conflict:
                continue
            return 1
    return 0


def fill(session: Session, settings: Settings, rng: random.Random, now: datetime) -> str:
    """Add this job's part of the demo station; returns one line for the operator."""
    report = plan_airings(session, settings, now, since=now - timedelta(weeks=3), author=AUTHOR)
    cancelled = _cancel_one(session, settings, rng, now)
    aired = _mark_aired(session, rng, now)
    _mark_on_air(session, rng, now)
    moved = _move_one(session, settings, rng, now)
    specials = _add_special(session, settings, rng, now)
    session.flush()
    return _(
        "Schedule: {planned} airings planned, {aired} marked aired, {cancelled} cancelled, "
        "{moved} moved, {specials} special added."
    ).format(
        planned=report.created,
        aired=aired,
        cancelled=cancelled,
        moved=moved,
        specials=specials,
    )
