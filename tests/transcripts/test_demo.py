"""The transcripts' part of `radiodesk demo`: its spoken news item (espeak-ng) is transcribed
with the real model, and words that were only ever spoken are found by search at their
minute; the transcript stays unapproved."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import select

from radiodesk.archive import demo as archive_demo
from radiodesk.models import Recording, Transcript
from radiodesk.schedule import demo as schedule_demo
from radiodesk.transcripts import demo as transcripts_demo
from tests.conftest import CliResult, Station
from tests.transcripts.conftest import with_transcripts

# Monday 23 November 2026, 10:20 WITA.
NOW = datetime(2026, 11, 23, 2, 20, tzinfo=UTC)
# Words of the news item that no typed demo data carries. Whisper base hears espeak's voice
# imperfectly: all four were heard when measured, at least two are asked for.
SPOKEN_ONLY = ("mengatakan", "jaminan", "membawa", "kartu")


def heard_at(out: str) -> list[str]:
    """The times of the transcript hits in ``radiodesk search``'s output."""
    return re.findall(r"Heard at (\d\d:\d\d:\d\d) in recording", out)


def test_the_demo_news_item_is_transcribed_and_its_spoken_words_found(
    station: Station, cli: Callable[..., CliResult]
) -> None:
    settings = station.settings
    with station.session() as session:
        schedule_demo.fill(session, settings, random.Random(2026), NOW)
    with station.session() as session:
        archive_demo.fill(session, settings, random.Random(2026), NOW)
    # Nothing typed, nothing archived carries them yet.
    before = {word: cli("search", word).out for word in SPOKEN_ONLY}
    assert all(out.startswith("No matches.") for out in before.values()), before

    with station.session() as session:
        line = transcripts_demo.fill(session, settings, random.Random(2026), NOW)
    assert line.startswith("Transcripts: 1 spoken recording transcribed"), line

    with station.session() as session:
        done = session.scalars(select(Transcript).where(Transcript.status == "done")).one()
        recording = session.get(Recording, done.recording_id)
        assert recording is not None and recording.broadcast is not None
        assert recording.broadcast.show.slug == "kabar-pagi"
        assert 20 <= recording.duration <= 40
        assert recording.transcript_path is None  # left for an editor to approve
        # The tone recordings of the archive's demo stay queued for `radiodesk transcribe`.
        queued = session.scalars(select(Transcript).where(Transcript.status == "queued")).all()
        assert len(queued) >= 1
    found = {}
    for word in SPOKEN_ONLY:
        result = cli("search", word)
        assert result.code == 0
        times = heard_at(result.out)
        if times:
            assert f"recording {done.recording_id}" in result.out
            found[word] = times
    assert len(found) >= 2, found
    # The minute (and second) within the 27 s news item.
    assert all(t.startswith("00:00:") for times in found.values() for t in times), found
    assert not list(settings.public_dir.rglob("*.vtt"))

    # Run twice safely: nothing more is spoken or transcribed.
    with station.session() as session:
        assert transcripts_demo.fill(session, settings, random.Random(2026), NOW) == ""


def test_without_a_model_the_demo_says_so_in_one_line_and_goes_on(station: Station) -> None:
    station = with_transcripts(station, 'model = "/nonexistent/whisper"\n')
    settings = station.settings
    with station.session() as session:
        schedule_demo.fill(session, settings, random.Random(2026), NOW)
    with station.session() as session:
        line = transcripts_demo.fill(session, settings, random.Random(2026), NOW)
    assert line.startswith("Transcripts: the spoken recording is not transcribed: ")
    assert "/nonexistent/whisper" in line and "\n" not in line
    with station.session() as session:
        # Archived and left queued, for `radiodesk transcribe` once a model is there.
        [row] = session.scalars(select(Transcript)).all()
        assert row.status == "queued"
