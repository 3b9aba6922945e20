"""An automatic transcript is searched by staff at once, but reaches public/ only after an
editor approves it; then podcast apps' parsers find it and its cues."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import feedparser
import podcastparser

from radiodesk.publish import publish
from radiodesk.publish.podcast_ext import PODCAST_NS
from radiodesk.search.transcripts import parse_cues
from tests.conftest import CliResult, Station
from tests.publish.helpers import NOW
from tests.transcripts.conftest import SENTENCE, public_text, published_dialog, say

Cli = Callable[..., CliResult]
LEGACY_NS = b"https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md"


def test_unapproved_transcripts_stay_private_until_an_editor_approves(
    station: Station, cli: Cli, tmp_path: Path
) -> None:
    settings = station.settings
    speech = say(tmp_path / "dialog.wav", SENTENCE, silence_before=1)
    aired, episode_id = published_dialog(station, speech)
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
