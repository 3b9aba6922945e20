"""A database that stops answering: a clear banner, nothing typed is lost, and recovery."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import select

from radiodesk import db
from radiodesk.models import LogEntry
from radiodesk.tui import app as desk_app
from radiodesk.tui.widgets.chrome import DatabaseBanner
from radiodesk.tui.widgets.live_log import LiveLogList
from tests.tui.conftest import Desk, screen_text, settle


async def test_a_locked_database_shows_the_banner_and_the_desk_recovers(
    sqlite_desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Another program holds the write lock longer than the desk waits for it.
    monkeypatch.setattr(db, "SQLITE_BUSY_TIMEOUT_MS", 300)
    monkeypatch.setattr(desk_app, "RETRY_SECONDS", 0.2)
    db.dispose_engines()
    path = sqlite_desk.station.settings.database_url.split("///", 1)[1]
    app = sqlite_desk.app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        banner = screen.query_one(DatabaseBanner)
        assert not banner.display
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            await pilot.press(*"Air naik", "enter")
            await settle(pilot)
            assert banner.display
            assert "Database unreachable" in screen_text(app) and "locked" in screen_text(app)
            assert screen.query_one("#entry").value == "Air naik"
            assert "Not saved" in screen_text(app)
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        for _ in range(20):
            await pilot.pause(0.1)
            await settle(pilot)
            if not banner.display:
                break
        assert not banner.display and app.database_problem == ""
        await pilot.press("enter")
        await settle(pilot)
        assert [e.text for e in screen.query_one(LiveLogList).entries] == ["Air naik"]
        assert screen.query_one("#entry").value == ""
    with sqlite_desk.station.session() as session:
        assert [e.text for e in session.scalars(select(LogEntry))] == ["Air naik"]
