"""The Archive screen: search and open a result; ingest a folder; cut a clip."""

from __future__ import annotations

import subprocess
from pathlib import Path

from sqlalchemy import select

from radiodesk.interviews import add_entry
from radiodesk.models import Broadcast, Recording
from radiodesk.tui.screens.archive import ArchiveScreen
from radiodesk.tui.screens.broadcast import BroadcastScreen
from radiodesk.tui.widgets.archive_list import ArchiveList
from tests.tui.conftest import NOW, Desk, screen_text, settle


async def test_search_as_you_type_and_open_a_result(desk: Desk) -> None:
    with desk.station.session() as session:
        add_entry(
            session,
            desk.special_id,
            "Jembatan Rongkong putus",
            "complaint",
            now=NOW,
            agency="Dinas PU",
        )
    app = desk.app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ArchiveScreen)
        # A filter without words lists the broadcasts it leaves, newest first.
        everything = screen.query_one(ArchiveList).total
        await pilot.press("ctrl+f")
        await settle(pilot)
        await pilot.press("tab", "tab", "tab", *"2026-11-01", "enter")
        await settle(pilot)
        assert "from 2026-11-01" in screen_text(app)
        # Every broadcast of the desk's station started after 1 November: all are listed,
        # as broadcasts found (not the browse list), the special (on air now) first.
        listed = screen.query_one(ArchiveList)
        assert listed.total == everything == 2
        assert listed.rows[0].broadcast_id == desk.special_id
        assert "[broadcast]" in screen_text(app) and "2 found in" in screen_text(app)
        await pilot.press(*"jembatn")
        await pilot.pause(0.4)
        await settle(pilot)
        found = screen.query_one(ArchiveList)
        assert found.total == 1 and found.rows[0].broadcast_id == desk.special_id
        assert "Jembatan Rongkong putus" in screen_text(app)
        assert "Showing results for: jembatan" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        detail = app.screen
        assert isinstance(detail, BroadcastScreen)
        text = screen_text(app)
        assert "Dialog Khusus Banjir Masamba" in text and "→ Dinas PU" in text
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen and found.total == 1
    with desk.station.session() as session:
        broadcast = session.get(Broadcast, desk.special_id)
        assert broadcast is not None and broadcast.title == "Dialog Khusus Banjir Masamba"


def make_recording(folder: Path, name: str, seconds: int = 6) -> Path:
    """A short spoken-word-like tone, as a studio recorder would leave it."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-f",
            "lavfi",
            "-i",
            f"sine=frequency=440:duration={seconds}",
            "-ac",
            "1",
            "-ar",
            "16000",
            str(path),
        ],
        check=True,
    )
    return path


async def test_ingest_a_folder_then_cut_a_clip(desk: Desk) -> None:
    incoming = desk.station.home / "incoming"
    make_recording(incoming, "studio_2026-11-23_09-00-00.wav")
    app = desk.app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        await pilot.press("f7")
        await settle(pilot)
        await pilot.press("enter")  # the folder offered is the home's incoming/
        await settle(pilot)
        assert any("1 archived" in str(n.message) for n in app._notifications)
        with desk.station.session() as session:
            recording = session.scalars(select(Recording)).one()
            assert recording.broadcast_id == desk.special_id
            assert recording.original_name == "studio_2026-11-23_09-00-00.wav"
        screen = app.screen
        assert isinstance(screen, ArchiveScreen)
        # The list is newest first: the special at 09:00 comes after nothing later today.
        rows = screen.query_one(ArchiveList).rows
        index = next(i for i, r in rows.items() if r.broadcast_id == desk.special_id)
        for _ in range(index):
            await pilot.press("down")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BroadcastScreen)
        assert "studio_2026-11-23_09-00-00.wav" in screen_text(app)
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("1", "tab", *"00:04", "enter")
        await settle(pilot)
        assert "clip" in screen_text(app)
    with desk.station.session() as session:
        clip = session.scalars(select(Recording).where(Recording.parent_id.is_not(None))).one()
        assert clip.clip_start == 1.0 and clip.clip_end == 4.0
        assert clip.broadcast_id == desk.special_id
