"""The logger's part of `radiodesk demo`: segments it made, a gap in them, and broadcasts cut
from them and archived; and safe to run twice."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from radiodesk.logger import demo as logger_demo
from radiodesk.logger import logger_status
from radiodesk.models import Broadcast, Episode, LoggerGap, LoggerSegment, Recording
from radiodesk.schedule import demo as schedule_demo
from radiodesk.schedule import find_conflicts
from tests.conftest import Station
from tests.logger.conftest import decode_errors

# Monday 23 November 2026, 10:20 WITA: the flashes aired on Sunday at 12:00 and 12:15.
NOW = datetime(2026, 11, 23, 2, 20, tzinfo=UTC)
FIRST = datetime(2026, 11, 22, 4, 0, tzinfo=UTC)


def test_demo_logger_recorded_with_a_gap_and_two_broadcasts_were_cut_from_it(
    station: Station,
) -> None:
    settings = station.settings
    with station.session() as session:
        schedule_demo.fill(session, settings, random.Random(2026), NOW)
    with station.session() as session:
        line = logger_demo.fill(session, settings, random.Random(2026), NOW)
    assert line == (
        "Logger: 3 segments recorded around 2 broadcasts, 1 outage stored as a gap; "
        "2 broadcasts cut from them and archived."
    )
    with station.session() as session:
        segments = session.scalars(select(LoggerSegment).order_by(LoggerSegment.start)).all()
        # 11:54 (pre-roll and five minutes before) to the hour, on to the outage, then on.
        assert [s.path.rsplit("/", 1)[1] for s in segments] == [
            "2026-11-22T115400.000+0800.mp3",
            "2026-11-22T120000.000+0800.mp3",
            "2026-11-22T120144.000+0800.mp3",
        ]
        for segment in segments:
            assert segment.complete and segment.sha256
            assert decode_errors(settings.archive_dir / segment.path) == ""
        gaps = session.scalars(select(LoggerGap).order_by(LoggerGap.start)).all()
        assert [(g.cause, g.start, g.end) for g in gaps][0] == (
            "connection_refused",
            FIRST + timedelta(minutes=1, seconds=4),
            FIRST + timedelta(minutes=1, seconds=44),
        )
        assert segments[1].start + timedelta(seconds=segments[1].duration) - gaps[0].start < (
            timedelta(seconds=0.1)
        )
        assert [g.cause for g in gaps[1:]] == ["stopped"] and gaps[1].end is None
        flashes = session.scalars(
            select(Broadcast).where(Broadcast.title.like("Warta Siang%")).order_by(Broadcast.id)
        ).all()
        assert [b.status for b in flashes] == ["aired", "aired"]
        for flash in flashes:
            (recording,) = session.scalars(
                select(Recording).where(Recording.broadcast_id == flash.id)
            ).all()
            # From the as-run start less the station's minute of pre-roll, whole seconds;
            # two minutes less the late start, plus two of post-roll.
            assert flash.actual_start is not None
            assert recording.recorded_start == flash.actual_start - timedelta(seconds=60)
            assert abs(recording.duration - (60 + 116 + 120)) < 1
            episode = session.scalars(
                select(Episode).where(Episode.recording_id == recording.id)
            ).one()
            # Kabar Pagi publishes by itself after its delay: the episode waits for it.
            assert episode.status == "scheduled"
        assert find_conflicts(session) == ()
        assert logger_status(session, NOW, settings.zone).state == "not_running"
    # Once recorded, the demo leaves the logger alone.
    with station.session() as session:
        assert logger_demo.fill(session, settings, random.Random(2026), NOW) == ""
        assert len(session.scalars(select(LoggerSegment)).all()) == 3
