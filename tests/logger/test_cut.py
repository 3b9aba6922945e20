"""A broadcast with live-log segments that crosses a segment boundary is cut from the
logger, archived, drafted and published with no command typed: its recording starts on
time (tone markers) and its chapters land on the markers."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from radiodesk import db
from radiodesk.config import load_settings
from radiodesk.models import (
    Broadcast,
    BroadcastStatus,
    Episode,
    Job,
    LogEntry,
    LogKind,
    Recording,
    Show,
)
from tests.logger.conftest import Feeder, Icecast, LoggerRun, beep_positions, decode_errors


def test_an_ended_broadcast_is_cut_archived_drafted_and_published_by_itself(
    icecast: Icecast, feeder: Callable[[str], Feeder], logger_home: Callable[..., LoggerRun]
) -> None:
    source = feeder("cut").start()
    run = logger_home(icecast.url("cut"), auto_cut=True).start()
    run.wait_until_recording()
    settings = load_settings(run.home)
    # On air from 1.5 s before a beep to 2 s after the next (10 s later): 13.5 s, so it
    # crosses a 10 s segment boundary, and holds both chapters and both beeps.
    beep = source.beeps(time.time() + 5, time.time() + 20)[0]
    start = datetime.fromtimestamp(beep - 1.5, UTC)
    end = start + timedelta(seconds=13.5)
    with db.unit_of_work(settings) as session:
        show = session.scalars(select(Show).where(Show.slug == "kabar-pagi")).one()
        show.auto_publish_after = 0
        broadcast = Broadcast(
            show_id=show.id,
            planned_start=start,
            planned_end=end,
            actual_start=start,
            actual_end=end,
            status=BroadcastStatus.AIRED,
            special=True,
            title="Kabar Pagi: uji logger",
        )
        session.add(broadcast)
        session.flush()
        broadcast_id = broadcast.id
        for index, text in enumerate(("Pembukaan", "Wawancara")):
            at = datetime.fromtimestamp(beep + 10 * index, UTC)
            session.add(LogEntry(broadcast_id=broadcast_id, at=at, kind=LogKind.SEGMENT, text=text))

    deadline = time.monotonic() + 150
    while time.monotonic() < deadline:
        with db.unit_of_work(settings) as session:
            episode = session.scalars(
                select(Episode).where(Episode.broadcast_id == broadcast_id)
            ).first()
            if episode is not None and episode.status == "published":
                break
            if session.scalars(select(Job).where(Job.status == "failed")).first():
                break
        time.sleep(1)
    with db.unit_of_work(settings) as session:
        jobs = [(j.kind, j.status, j.error) for j in session.scalars(select(Job))]
        recording = session.scalars(
            select(Recording).where(Recording.broadcast_id == broadcast_id)
        ).one_or_none()
        episode = session.scalars(
            select(Episode).where(Episode.broadcast_id == broadcast_id)
        ).one_or_none()
        assert recording is not None, (jobs, run.output())
        assert episode is not None, jobs
        assert episode.status == "published", (episode.status, jobs)
        chapters = episode.chapters or []
        rendition = recording.renditions[0].stored_path if recording.renditions else None
        master, recorded_start = recording.stored_path, recording.recorded_start
    assert ("cut", "done", "") in jobs
    assert rendition is not None
    # The recording begins with the pre-roll (2 s, to the whole second before).
    assert recorded_start is not None
    assert 2.0 <= (start - recorded_start).total_seconds() < 3.0
    path = settings.archive_dir / master
    assert decode_errors(path) == ""
    beeps = beep_positions(path)
    expected = [beep - recorded_start.timestamp() + 10 * k for k in range(3)]
    assert len(beeps) >= 2
    for found, wanted in zip(beeps, expected, strict=False):
        assert abs(found - wanted) < 1.0, (beeps, expected)
    assert [c["title"] for c in chapters] == ["Pembukaan", "Wawancara"]
    for chapter, found in zip(chapters, beeps, strict=False):
        assert abs(chapter["start"] - found) < 1.0, (chapters, beeps)
