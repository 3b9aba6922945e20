"""The Publish screen: an episode through its workflow, then publishing with progress."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from radiodesk.archive.ingest import ingest_paths
from radiodesk.interviews import add_appearance, add_person, edit_person
from radiodesk.models import Episode
from radiodesk.tui.dialogs.confirm import ConfirmDialog
from radiodesk.tui.dialogs.episode import EditEpisodeDialog, ScheduleEpisodeDialog
from radiodesk.tui.screens.publish import PublishScreen
from tests.tui.conftest import NOW, ZONE, Desk, screen_text, settle
from tests.tui.test_archive import make_recording


def episode_row(desk: Desk) -> tuple[object, ...]:
    with desk.station.session() as session:
        e = session.scalars(select(Episode)).one()
        return (e.status, e.title, e.description, e.publish_at, e.published_at)


async def test_an_episode_from_draft_to_published_and_withdrawn(desk: Desk) -> None:
    settings = desk.station.settings
    path = make_recording(desk.station.home / "incoming", "studio_2026-11-23_09-00-00.wav")
    assert len(ingest_paths(settings, [path], now=NOW).archived) == 1
    with desk.station.session() as session:
        caller = add_person(session, "Pak Rudi", now=NOW, consent="refused").id
        add_appearance(session, desk.special_id, caller, now=NOW, role="caller")
    app = desk.app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PublishScreen)
        text = screen_text(app)
        assert "Episodes (0)" in text and "drafts to make: 1" in text
        assert "http://localhost:8100/dialog-interaktif/feed.xml" in text

        # Draft it; a guest who refused consent keeps it from being published.
        await pilot.press("d")
        await settle(pilot)
        assert [e.status for e in screen.episodes] == ["draft"]
        assert "May not be public: Pak Rudi refused consent" in screen_text(app)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert any("cannot be published" in str(n.message) for n in app._notifications)
        assert episode_row(desk)[0] == "draft"
        with desk.station.session() as session:
            edit_person(session, caller, now=NOW, consent="given")

        # Edit the title and the description.
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, EditEpisodeDialog)
        await pilot.press("ctrl+u", *"Banjir Masamba: dialog", "tab", "f7")
        await pilot.press(*"Bupati menjawab.", "ctrl+s")
        await settle(pilot)
        assert "Banjir Masamba: dialog" in screen_text(app)
        assert episode_row(desk)[1:3] == ("Banjir Masamba: dialog", "Bupati menjawab.")

        # Schedule it for tomorrow 10:00 station time.
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, ScheduleEpisodeDialog)
        await pilot.press("ctrl+u", *"2026-11-24 10:00", "enter")
        await settle(pilot)
        tomorrow = datetime(2026, 11, 24, 10, 0, tzinfo=ZONE).astimezone(UTC)
        assert episode_row(desk)[0] == "scheduled" and episode_row(desk)[3] == tomorrow
        assert "Goes out at Tuesday, 24 November 2026 10:00" in screen_text(app)

        # Publish it now (asked first), then write the feeds.
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        assert episode_row(desk)[0] == "published" and episode_row(desk)[4] == NOW
        assert "+ Add: 1" in screen_text(app) and "+ Banjir Masamba: dialog" in screen_text(app)
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        text = screen_text(app)
        assert "Published 1 episodes" in text and "+ Add: 0" in text
        feed = settings.public_dir / "dialog-interaktif" / "feed.xml"
        assert "Banjir Masamba: dialog" in feed.read_text(encoding="utf-8")

        # Withdraw it: the next publish takes it out of the feed.
        await pilot.press("w")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert episode_row(desk)[0] == "withdrawn"
        assert "− Withdraw: 1" in screen_text(app)
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert "Banjir Masamba: dialog" not in feed.read_text(encoding="utf-8")

        # The status filter: no drafts left.
        await pilot.press("f")
        await settle(pilot)
        assert "Episodes (0) · draft" in screen_text(app)
        await pilot.press("f", "f", "f")
        await settle(pilot)
        assert "Episodes (1) · withdrawn" in screen_text(app)
    assert episode_row(desk)[0] == "withdrawn"
