"""Each programme's own pre-/post-roll (its file's [logger] table), else the station's; and
the logger's closed sets held by the database itself."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from radiodesk.config import load_settings
from radiodesk.errors import ConfigError
from radiodesk.logger import logger_settings
from radiodesk.logger.jobs import broadcast_span
from radiodesk.models import Broadcast, BroadcastStatus, LoggerCause, LoggerGap, Show
from radiodesk.shows import parse_show_file, sync_shows
from tests.conftest import Station

START = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


def test_a_programme_s_own_rolls_win_over_the_station_s(station: Station) -> None:
    home = station.home
    with (home / "radiodesk.toml").open("a", encoding="utf-8") as file:
        file.write("\n[logger]\npre_roll = 60\npost_roll = 120\n")
    with (home / "shows" / "dialog-interaktif.toml").open("a", encoding="utf-8") as file:
        file.write("\n[logger]\npre_roll = 15\npost_roll = 0\n")
    with (home / "shows" / "kabar-pagi.toml").open("a", encoding="utf-8") as file:
        file.write("\n[logger]\npost_roll = 300\n")
    settings = load_settings(home)
    config = logger_settings(settings)
    spans = {}
    with station.session() as session:
        sync_shows(session, settings, now=START)
        for slug in ("dialog-interaktif", "kabar-pagi", "suara-petani"):
            show = session.scalars(select(Show).where(Show.slug == slug)).one()
            broadcast = Broadcast(
                show=show,
                planned_start=START,
                planned_end=START + timedelta(hours=1),
                status=BroadcastStatus.AIRED,
                special=True,
            )
            session.add(broadcast)
            start, end = broadcast_span(broadcast, config)
            spans[slug] = ((START - start).total_seconds(), (end - START).total_seconds() - 3600)
    assert spans == {
        "dialog-interaktif": (15, 0),  # its own, both
        "kabar-pagi": (60, 300),  # its own post-roll, the station's pre-roll
        "suara-petani": (60, 120),  # the station's
    }


@pytest.mark.parametrize(
    ("table", "key"),
    [
        ("[logger]\npre_roll = -1\n", "logger.pre_roll"),
        ("[logger]\npost_roll = 'lama'\n", "logger.post_roll"),
        ("[logger]\npostroll = 5\n", "logger.postroll"),
        ("logger = 5\n", "logger"),
    ],
)
def test_a_wrong_roll_names_the_file_and_key(tmp_path: Path, table: str, key: str) -> None:
    path = tmp_path / "kabar-pagi.toml"
    path.write_text('title = "Kabar Pagi"\n' + table, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        parse_show_file(path)
    assert "kabar-pagi.toml" in str(raised.value) and key in str(raised.value)


def test_the_database_refuses_a_gap_cause_outside_the_set(station: Station) -> None:
    with station.session() as session:
        session.add(LoggerGap(start=START, cause=LoggerCause.STREAM_ENDED))
    with pytest.raises(IntegrityError), station.session() as session:
        session.execute(
            text("INSERT INTO logger_gap (start, cause, detail) VALUES (:s, 'hujan', '')"),
            {"s": START},
        )
    with station.session() as session:
        causes = session.scalars(select(LoggerGap.cause)).all()
    assert causes == [LoggerCause.STREAM_ENDED]
