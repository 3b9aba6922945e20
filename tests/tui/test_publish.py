"""The Publish screen: what the next publish would do, then publishing with progress."""

from __future__ import annotations

from sqlalchemy import select

from radiodesk.archive.ingest import ingest_paths
from radiodesk.models import Episode
from radiodesk.tui.screens.publish import PublishScreen
from tests.tui.conftest import NOW, Desk, screen_text, settle
from tests.tui.test_archive import make_recording


async def test_publish_now_writes_the_feeds_and_drafts_the_episode(desk: Desk) -> None:
    settings = desk.station.settings
    path = make_recording(desk.station.home / "incoming", "studio_2026-11-23_09-00-00.wav")
    report = ingest_paths(settings, [path], now=NOW)
    assert len(report.archived) == 1
    app = desk.app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        assert isinstance(app.screen, PublishScreen)
        text = screen_text(app)
        assert "drafts to make: 1" in text
        assert "http://localhost:8100/dialog-interaktif/feed.xml" in text
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        text = screen_text(app)
        assert "Published 0 episodes" in text and "files written" in text
        assert "drafts to make: 0" in text
    assert (settings.public_dir / "feed.xml").is_file()
    assert (settings.public_dir / "dialog-interaktif" / "feed.xml").is_file()
    with desk.station.session() as session:
        episode = session.scalars(select(Episode)).one()
        assert episode.broadcast_id == desk.special_id and episode.status == "draft"
