"""The logger's records without a stream: its status line as the desk and CLI read it, its
settings, and cutting from segments on disk (SQLite and PostgreSQL)."""

from __future__ import annotations

import hashlib
import json
import subprocess
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from radiodesk.config import load_settings
from radiodesk.errors import ConfigError
from radiodesk.i18n import speaking
from radiodesk.logger import logger_settings, logger_status
from radiodesk.logger.cut import plan_span
from radiodesk.logger.state import close_gap, open_gap, set_state
from radiodesk.models import (
    Broadcast,
    BroadcastStatus,
    Job,
    LoggerGap,
    LoggerSegment,
    Recording,
    Show,
)
from tests.conftest import CliResult, Station
from tests.logger.conftest import beep_positions, decode_errors

NOW = datetime(2026, 11, 23, 1, 12, 5, tzinfo=UTC)  # 09:12:05 WITA


def test_status_lines_in_indonesian_and_not_running_once_the_heartbeat_is_old(
    station: Station,
) -> None:
    zone = station.settings.zone
    with station.session() as session:
        status = logger_status(session, NOW, zone)
        assert (status.state, status.text) == ("not_running", "not running")
        set_state(session, NOW - timedelta(seconds=1), "recording", recorded_until=NOW)
        with speaking("id"):
            assert logger_status(session, NOW, zone).text == "merekam · 09:12:05"
        set_state(session, NOW, "disconnected", cause="connection_refused")
        with speaking("id"):
            status = logger_status(session, NOW + timedelta(seconds=3), zone)
            assert status.text == "terputus sejak 09:12 (koneksi ditolak)"
        assert (status.state, status.cause, status.running) == (
            "disconnected",
            "connection_refused",
            True,
        )
        # No heartbeat for longer than a few seconds: the logger is gone.
        with speaking("id"):
            late = logger_status(session, NOW + timedelta(seconds=10), zone)
        assert (late.state, late.text, late.running) == ("not_running", "tidak berjalan", False)


def test_gaps_open_once_and_a_new_recording_that_overlaps_is_no_gap(station: Station) -> None:
    with station.session() as session:
        open_gap(session, NOW, "stream_ended")
        open_gap(session, NOW + timedelta(seconds=5), "connection_refused")
        close_gap(session, NOW + timedelta(seconds=20))
        open_gap(session, NOW + timedelta(seconds=60), "stream_ended")
        close_gap(session, NOW + timedelta(seconds=59))  # the burst sent it again
    with station.session() as session:
        rows = [(g.start, g.end, g.cause) for g in session.scalars(select(LoggerGap))]
    assert rows == [(NOW, NOW + timedelta(seconds=20), "stream_ended")]


def test_plan_span_takes_the_earlier_segment_where_two_overlap_and_silence_in_gaps(
    station: Station,
) -> None:
    def segment(name: str, start: float, duration: float, connection: str) -> LoggerSegment:
        return LoggerSegment(
            path=name,
            start=NOW + timedelta(seconds=start),
            duration=duration,
            complete=True,
            connection=connection,
        )

    with station.session() as session:
        session.add_all(
            [
                segment("a", 0, 10, "one"),
                segment("b", 10, 10, "one"),
                segment("c", 18, 10, "two"),  # reconnected with a burst: 2 s again
                segment("d", 35, 10, "three"),
            ]
        )
        session.flush()
        pieces = plan_span(session, NOW + timedelta(seconds=5), NOW + timedelta(seconds=40))
    got = [(p.path, round(p.inpoint, 2), round(p.length, 2)) for p in pieces]
    # "b" and "c" are their connections' last: a torn last frame is left out.
    assert got == [
        ("a", 5.0, 5.0),
        ("b", 0.0, 9.95),
        ("c", 1.95, 8.0),
        (None, 0.0, 7.05),
        ("d", 0.0, 5.0),
    ]


def test_wrong_logger_settings_name_the_key(make_home: Callable[..., Path]) -> None:
    home = make_home()
    settings_file = home / "radiodesk.toml"
    base = settings_file.read_text(encoding="utf-8")
    for table, key in (
        ('source = "ftp://x"', "logger.source"),
        ("segment_seconds = 7", "logger.segment_seconds"),
        ("reserve_mb = true", "logger.reserve_mb"),
        ("colour = 1", "logger.colour"),
    ):
        settings_file.write_text(f"{base}\n[logger]\n{table}\n", encoding="utf-8")
        with pytest.raises(ConfigError, match=key):
            logger_settings(load_settings(home))
    settings_file.write_text(f'{base}\n[logger]\nsource = "pulse:default"\n', encoding="utf-8")
    config = logger_settings(load_settings(home))
    assert config.is_device and config.segment_seconds == 3600


def test_print_unit_and_no_source(station: Station, cli: Callable[..., CliResult]) -> None:
    unit = cli("--home", str(station.home), "logger", "--print-unit")
    assert unit.code == 0
    assert "ExecStart=" in unit.out and f"logger --home {station.home}" in unit.out
    assert "Restart=always" in unit.out
    done = cli("--home", str(station.home), "--lang", "id", "logger")
    assert done.code == 1
    assert done.err.startswith("radiodesk: kesalahan: Tidak ada sumber untuk direkam:")


def _tone(path: Path, seconds: int, beep_at: float) -> None:
    expr = f"0.5*sin(2*PI*1000*t)*between(t\\,{beep_at}\\,{beep_at + 0.3})"
    subprocess.run(
        ["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i"]
        + [f"aevalsrc={expr}:s=44100:c=2:d={seconds}", "-c:a", "libmp3lame", "-b:a", "128k"]
        + [str(path)],
        check=True,
    )


def test_logger_cut_by_hand_crosses_segments_and_fills_a_gap_with_silence(
    station: Station, cli: Callable[..., CliResult]
) -> None:
    """Three 10 s segments, 5 s of gap before the third; beeps at 4 s into each."""
    folder = station.settings.archive_dir / "logger" / "2026" / "11" / "23"
    folder.mkdir(parents=True)
    starts = [0.0, 10.0, 25.0]
    with station.session() as session:
        for index, offset in enumerate(starts):
            name = f"seg{index}.mp3"
            _tone(folder / name, 10, 4.0)
            session.add(
                LoggerSegment(
                    path=f"logger/2026/11/23/{name}",
                    start=NOW + timedelta(seconds=offset),
                    duration=10.0,
                    complete=True,
                    connection="one" if index < 2 else "two",
                )
            )
        session.add(
            LoggerGap(
                start=NOW + timedelta(seconds=20),
                end=NOW + timedelta(seconds=25),
                cause="stream_ended",
            )
        )
        show = session.scalars(select(Show).where(Show.slug == "kabar-pagi")).one()
        broadcast = Broadcast(
            show_id=show.id,
            planned_start=NOW + timedelta(seconds=3),
            planned_end=NOW + timedelta(seconds=34),
            status=BroadcastStatus.AIRED,
            special=True,
        )
        session.add(broadcast)
        session.flush()
        broadcast_id = broadcast.id
    settings_file = station.home / "radiodesk.toml"
    text = settings_file.read_text(encoding="utf-8")
    settings_file.write_text(text + "\n[logger]\npre_roll = 1\npost_roll = 1\n", encoding="utf-8")
    done = cli("--home", str(station.home), "--lang", "en", "logger", "cut", str(broadcast_id))
    assert done.code == 0, done.err
    assert "It has 1 gap(s)" in done.out
    with station.session() as session:
        recording = session.scalars(
            select(Recording).where(Recording.broadcast_id == broadcast_id)
        ).one()
        master = station.settings.archive_dir / recording.stored_path
        assert recording.recorded_start == NOW + timedelta(seconds=2)
    assert decode_errors(master) == ""
    # 2 s .. 35 s of the air: the gap is kept as silence, so the beeps stay in time.
    assert abs(recording.duration - 33.0) < 0.2
    beeps = beep_positions(master)
    assert [round(b) for b in beeps] == [2, 12, 27]


def test_verify_checks_the_logger_segments(station: Station, cli: Callable[..., CliResult]) -> None:
    folder = station.settings.archive_dir / "logger" / "2026" / "11" / "23"
    folder.mkdir(parents=True)
    for name in ("a.mp3", "b.mp3"):
        _tone(folder / name, 2, 1.0)
    with station.session() as session:
        for index, name in enumerate(("a.mp3", "b.mp3")):
            path = folder / name
            session.add(
                LoggerSegment(
                    path=f"logger/2026/11/23/{name}",
                    start=NOW + timedelta(seconds=2 * index),
                    duration=2.0,
                    size=path.stat().st_size,
                    complete=True,
                    sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
                )
            )
    with (folder / "b.mp3").open("r+b") as fh:
        fh.seek(2000)
        fh.write(b"\0\0\0\0")
    done = cli("--home", str(station.home), "--lang", "en", "verify")
    assert done.code == 1
    assert "logger segment: changed: logger/2026/11/23/b.mp3" in done.out
    assert "Checked 2 files: 1 intact, 1 missing or changed." in done.out
    with station.session() as session:
        checked = {r.path[-5:]: r.verified_ok for r in session.scalars(select(LoggerSegment))}
    assert checked == {"a.mp3": True, "b.mp3": False}


def test_logger_jobs_lists_the_queue(station: Station, cli: Callable[..., CliResult]) -> None:
    assert cli("--home", str(station.home), "logger", "jobs").out.strip() == "No jobs yet."
    with station.session() as session:
        session.add(Job(kind="cut", status="failed", created_at=NOW, error="disk full"))
        session.add(Job(kind="publish", created_at=NOW))
    listed = cli("--home", str(station.home), "logger", "jobs", "--json")
    assert [(j["kind"], j["status"], j["error"]) for j in json.loads(listed.out)] == [
        ("publish", "queued", ""),
        ("cut", "failed", "disk full"),
    ]
