"""An automatic transcript is searched by staff at once, but reaches public/ only after an
editor approves it; then podcast apps' parsers find it and its cues."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import feedparser
import podcastparser
from sqlalchemy import select

from radiodesk.models import Episode, Recording
from radiodesk.publish import publish, publish_episode, sync_drafts
from radiodesk.publish.podcast_ext import PODCAST_NS
from radiodesk.search.transcripts import parse_cues
from tests.conftest import CliResult, Station
from tests.publish.helpers import NOW, add_aired
from tests.transcripts.conftest import SENTENCE, say

Cli = Callable[..., CliResult]
LEGACY_NS = b"https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md"


def public_text(public: Path) -> str:
    return "\n".join(
        p.read_bytes().decode("utf-8", "replace") for p in public.rglob("*") if p.is_file()
    )


def test_unapproved_transcripts_stay_private_until_an_editor_approves(
    station: Station, cli: Cli, tmp_path: Path
) -> None:
    settings = station.settings
    speech = say(tmp_path / "dialog.wav", SENTENCE, silence_before=1)
    with station.session() as session:
        aired = add_aired(
            session, settings, speech, show="dialog-interaktif", start=NOW - timedelta(days=1)
        )
        recording = session.get(Recording, aired.recording_id)
        # add_aired leaves the master out: the speech is the master here.
        master = settings.archive_dir / recording.stored_path
        master.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(speech, master)
        sync_drafts(session, settings, NOW)
        episode = session.scalars(
            select(Episode).where(Episode.recording_id == aired.recording_id)
        ).one()
        episode.status, episode.publish_at = "draft", None
        session.flush()
        publish_episode(session, settings, episode.id, now=NOW - timedelta(hours=1))
        episode_id = episode.id
    rec = str(aired.recording_id)
    assert cli("transcribe", rec).code == 0
    assert "[rumah] [sakit]" in cli("search", "rumah sakit").out  # staff find it at once

    publish(settings, NOW)
    public = settings.public_dir
    feed = (public / "dialog-interaktif" / "feed.xml").read_bytes()
    assert b"<item>" in feed and b"podcast:transcript" not in feed
    assert not list(public.rglob("*.vtt"))
    assert "rumah sakit" not in public_text(public).lower()

    approved = cli("transcribe", "--approve", rec)
    assert approved.code == 0, approved.err
    publish(settings, NOW)
    parsed = feedparser.parse((public / "dialog-interaktif" / "feed.xml").read_bytes())
    entry = next(e for e in parsed.entries if e.get("podcast_transcript"))
    assert entry["podcast_transcript"]["type"] == "text/vtt"
    data = (public / "dialog-interaktif" / "feed.xml").read_bytes()
    # podcastparser 0.6 knows the namespace by its former URI only (see tests/publish).
    podcast = podcastparser.parse("x", io.BytesIO(data.replace(PODCAST_NS.encode(), LEGACY_NS)))
    [transcript_url] = [e["transcript_url"] for e in podcast["episodes"] if "transcript_url" in e]
    assert transcript_url == entry["podcast_transcript"]["url"]
    name = transcript_url.rsplit("/", 1)[1]
    assert name.endswith(f"-e{episode_id}.vtt")
    published = next(public.rglob(name)).read_text(encoding="utf-8")
    cues = parse_cues(published)
    assert cues and "rumah sakit" in " ".join(c.text for c in cues).lower()
