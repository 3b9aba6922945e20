"""The air logger's segments under the station's retention: at least a calendar year (one
that crosses 29 February too), never while a recording of their air is kept."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from radiodesk.archive.retention import retention_cutoff
from radiodesk.models import LoggerSegment, Recording
from tests.conftest import CliResult, Station

# 1 March 2028, the day after a 29 February.
NOW = datetime(2028, 3, 1, 6, 0, tzinfo=UTC)


def test_a_year_across_29_february_is_366_days() -> None:
    assert NOW - timedelta(days=365) == datetime(2027, 3, 2, 6, 0, tzinfo=UTC)
    assert retention_cutoff(NOW, 365) == datetime(2027, 3, 1, 6, 0, tzinfo=UTC)
    # On 29 February a year back is 28 February (the earlier: more is kept).
    leap_day = datetime(2028, 2, 29, 6, 0, tzinfo=UTC)
    assert retention_cutoff(leap_day, 365) == datetime(2027, 2, 28, 6, 0, tzinfo=UTC)
    # Where no 29 February lies between, a year is 365 days; longer periods add years.
    assert retention_cutoff(datetime(2027, 6, 1, tzinfo=UTC), 365) == datetime(
        2026, 6, 1, tzinfo=UTC
    )
    assert retention_cutoff(NOW, 800) == datetime(2026, 3, 1, 6, tzinfo=UTC) - timedelta(days=70)


def test_prune_removes_old_segments_but_not_those_a_kept_recording_was_cut_from(
    station: Station, cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = station.settings.archive_dir
    hour = timedelta(hours=1)
    # name: (first sample, recording of its air: ingested when, or None)
    segments = {
        # 365 days and 18 h before NOW, but less than a calendar year: kept.
        "within-the-year": (datetime(2027, 3, 1, 11, 0, tzinfo=UTC), None),
        "old": (datetime(2027, 2, 27, 10, 0, tzinfo=UTC), None),
        # A broadcast was cut from it and archived late: its recording is young, so is it.
        "cut-kept": (datetime(2027, 2, 27, 12, 0, tzinfo=UTC), NOW - timedelta(days=10)),
        # Cut and archived at the time: the recording goes, and the segment with it.
        "cut-old": (
            datetime(2027, 2, 27, 14, 0, tzinfo=UTC),
            datetime(2027, 2, 27, 16, tzinfo=UTC),
        ),
    }
    with station.session() as session:
        for name, (start, ingested) in segments.items():
            path = archive / "logger" / f"{name}.mp3"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(b"\xff\xfb" * 500)
            session.add(
                LoggerSegment(
                    path=f"logger/{name}.mp3",
                    start=start,
                    duration=3600.0,
                    size=1_500_000,
                    complete=True,
                    created_at=start,
                )
            )
            if ingested is not None:
                session.add(
                    Recording(
                        sha256=name.ljust(64, "0"),
                        original_name=f"{name}.mp3",
                        stored_path=f"masters/{name}.mp3",
                        size=10,
                        duration=1800.0,
                        recorded_start=start + hour / 2,
                        ingested_at=ingested,
                    )
                )
    monkeypatch.setenv("RADIODESK_NOW", NOW.isoformat())

    shown = cli("--home", str(station.home), "--lang", "en", "archive", "prune")
    assert shown.code == 0, shown.err
    assert "2 air logger segments (3.0 MB) may be removed" in shown.out
    assert len(list((archive / "logger").iterdir())) == 4

    removed = cli("--home", str(station.home), "--lang", "en", "archive", "prune", "--yes")
    assert removed.code == 0, removed.err
    assert "Removed 1 recordings" in removed.out
    assert "Removed 2 air logger segments" in removed.out
    left = sorted(p.stem for p in (archive / "logger").iterdir())
    assert left == ["cut-kept", "within-the-year"]
    with station.session() as session:
        rows = sorted(r.path for r in session.scalars(select(LoggerSegment)))
        assert rows == ["logger/cut-kept.mp3", "logger/within-the-year.mp3"]
        assert [r.original_name for r in session.scalars(select(Recording))] == ["cut-kept.mp3"]
    again = cli("--home", str(station.home), "--lang", "en", "archive", "prune", "--yes")
    assert "Nothing is older than the retention period" in again.out
