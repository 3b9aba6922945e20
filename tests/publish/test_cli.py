"""``radiodesk publish``, ``radiodesk serve`` and ``radiodesk episodes …`` as an operator runs them."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from radiodesk.models import Episode
from tests.conftest import CliResult, Station
from tests.publish.helpers import NOW, World, build_world

Cli = Callable[..., CliResult]


@pytest.fixture
def world(station: Station, tones: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> World:
    monkeypatch.setenv("RADIODESK_NOW", NOW.isoformat())
    return build_world(station, tones)


def test_publish_then_republish(station: Station, world: World, cli: Cli) -> None:
    first = cli("publish")
    assert first.code == 0, first.err
    # The station's and two programmes': the others have no public episode yet.
    assert "Published 3 episodes in 3 feeds" in first.out
    assert "http://localhost:8100/dialog-interaktif/feed.xml" in first.out
    assert f"Held back: episode {world.refused}" in first.out
    again = cli("publish", "--json")
    assert again.code == 0, again.err
    data = json.loads(again.out)
    assert data["written"] == [] and data["removed"] == [] and data["episodes"] == 3


def test_dry_run_says_what_would_change_and_writes_nothing(
    station: Station, world: World, cli: Cli
) -> None:
    result = cli("publish", "--dry-run", "--json")
    assert result.code == 0, result.err
    plan = json.loads(result.out)
    assert sorted(c["id"] for c in plan["added"]) == sorted(world.published)
    assert not station.settings.public_dir.exists()
    text = cli("publish", "--dry-run")
    assert "3 to add, 0 to change, 0 to withdraw" in text.out


def test_episodes_list_show_edit(station: Station, world: World, cli: Cli) -> None:
    listed = cli("episodes", "list", "--json")
    assert listed.code == 0, listed.err
    rows = json.loads(listed.out)
    assert {r["id"] for r in rows} == set(world.titles)
    table = cli("episodes", "list", "--status", "draft")
    assert table.code == 0 and "Hidden episode title (draft)" in table.out
    shown = cli("episodes", "show", str(world.published[0]), "--json")
    detail = json.loads(shown.out)
    assert detail["summary"]["status"] == "published"
    assert [c["title"] for c in detail["chapters"]][0] == "Pembukaan"
    text = cli("episodes", "show", str(world.published[0]))
    assert "Chapters:" in text.out and "Guid: radiodesk:rklu:" in text.out
    edited = cli("episodes", "edit", str(world.draft), "--title", "Kajian Jumat", "--season", "2")
    assert edited.code == 0, edited.err
    assert "Episode" in edited.out and "Kajian Jumat" in edited.out
    bad = cli("episodes", "edit", str(world.draft), "--title", "   ")
    assert bad.code == 1 and "title: must not be empty" in bad.err
    missing = cli("episodes", "show", "12345")
    assert missing.code == 1 and "There is no episode 12345" in missing.err


def test_publish_schedule_withdraw(station: Station, world: World, cli: Cli) -> None:
    refused = cli("episodes", "publish", str(world.refused))
    assert refused.code == 1
    assert "radiodesk: error: Episode" in refused.err and "refused consent" in refused.err
    scheduled = cli("episodes", "schedule", str(world.draft), "--at", "2026-11-30 10:00")
    assert scheduled.code == 0, scheduled.err
    with station.session() as session:
        episode = session.get(Episode, world.draft)
        # 10:00 WITA is 02:00 UTC.
        assert episode.publish_at == datetime(2026, 11, 30, 2, 0, tzinfo=UTC)
        assert episode.status == "scheduled"
    past = cli("episodes", "schedule", str(world.draft), "--at", "2020-01-01 10:00")
    assert past.code == 1 and "not in the future" in past.err
    nonsense = cli("episodes", "schedule", str(world.draft), "--at", "tomorrow-ish")
    assert nonsense.code == 1 and "2026-11-30 10:00" in nonsense.err
    assert cli("episodes", "publish", str(world.draft)).code == 0
    withdrawn = cli("episodes", "withdraw", str(world.draft))
    assert withdrawn.code == 0 and "withdrawn" in withdrawn.out
    assert cli("episodes", "list", "--status", "nonsense").code == 2


def test_a_missing_audio_file_is_reported_and_the_run_fails(
    station: Station, world: World, cli: Cli
) -> None:
    for path in (station.settings.archive_dir / "renditions").glob("dialog-interaktif-*.mp3"):
        path.unlink()
    result = cli("publish")
    assert result.code == 1
    assert "missing from the archive" in result.err
    assert "Published 2 episodes" in result.out


def test_serve_needs_a_published_folder(station: Station, cli: Cli) -> None:
    result = cli("serve", "--port", "0")
    assert result.code == 1 and "run 'radiodesk publish' first" in result.err
