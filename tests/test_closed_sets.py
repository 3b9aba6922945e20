"""The closed sets of the domain: enums in the code, CHECK constraints in the database, and
migration 0003 that adds them to a database made before it (checking its rows first)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import CheckConstraint, Connection, Enum, text
from sqlalchemy.exc import IntegrityError

from radiodesk import db
from radiodesk.config import Settings, load_settings
from radiodesk.models import (
    Base,
    BroadcastStatus,
    LogEntry,
    LogKind,
)

STAMP = datetime(2026, 11, 1, tzinfo=UTC)


def _insert(conn: Connection, table: str, **row: Any) -> None:
    columns = ", ".join(row)
    values = ", ".join(f":{name}" for name in row)
    conn.execute(text(f"INSERT INTO {table} ({columns}) VALUES ({values})"), row)


def _station_at_0002(
    make_home: Callable[..., Path], db_url: str, monkeypatch: pytest.MonkeyPatch, **bad: str
) -> Settings:
    """A station whose database is at 0002 with one programme, broadcast 7, person 3 in it and
    log entry 11; ``bad`` puts other values into broadcast 7's status, entry 11's kind, …"""
    monkeypatch.setenv("RADIODESK_DATABASE_URL", db_url)
    home = make_home(shows=False)
    monkeypatch.setenv("RADIODESK_HOME", str(home))
    settings = load_settings(home)
    db.upgrade(settings, "0002")
    times = {"created_at": STAMP, "updated_at": STAMP}
    with db.engine_for(settings).begin() as conn:
        _insert(conn, "show", id=1, slug="kabar", title="Kabar Pagi", description="",
                hosts="[]", category="News", language="id", explicit=False, live=True,
                podcast=True, loudness_target=-16.0, audio_format="mp3", audio_bitrate=64,
                audio_channels=1, active=True, **times)  # fmt: skip
        _insert(conn, "broadcast", id=7, show_id=1, planned_start=STAMP, planned_end=STAMP,
                status=bad.get("status", "aired"), special=False, moved=False, topic="",
                notes="", access_class="open", handover=False, **times)  # fmt: skip
        _insert(conn, "person", id=3, name="Andi", honorific="", position="", institution="",
                name_folded="andi", institution_folded="", phone="", email="",
                consent=bad.get("consent", "given"), publish_name=True, publish_position=True,
                notes="", **times)  # fmt: skip
        _insert(conn, "appearance", id=5, broadcast_id=7, person_id=3, role="guest", topic="",
                created_at=STAMP)  # fmt: skip
        _insert(conn, "log_entry", id=11, broadcast_id=7, at=STAMP,
                kind=bad.get("kind", "complaint"), text="Jalan rusak", author="",
                caller_name="", caller_location="", channel="phone", agency=None,
                followup_status="open", answer="", deleted=False, **times)  # fmt: skip
        _insert(conn, "log_entry", id=12, broadcast_id=7, at=STAMP,
                kind=bad.get("kind", "note"), text="Lagu daerah", author="",
                caller_name="", caller_location="", answer="", deleted=False, **times)  # fmt: skip
    return settings


def _count(settings: Settings, table: str) -> int:
    with db.engine_for(settings).connect() as conn:
        return int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def test_upgrade_keeps_every_row_and_the_database_then_refuses_values_outside_a_set(
    make_home: Callable[..., Path], db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = _station_at_0002(make_home, db_url, monkeypatch)
    db.upgrade(settings)
    # SQLite rebuilds the tables to add the constraints: nothing that refers to them is lost.
    counts = {t: _count(settings, t) for t in ("broadcast", "appearance", "log_entry")}
    assert counts == {"broadcast": 1, "appearance": 1, "log_entry": 2}
    with db.unit_of_work(settings) as session:
        entry = session.get(LogEntry, 11)
        assert entry is not None
        assert entry.kind is LogKind.COMPLAINT and entry.broadcast.status is BroadcastStatus.AIRED
    engine = db.engine_for(settings)
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(text("UPDATE broadcast SET status = 'live' WHERE id = 7"))
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(text("UPDATE log_entry SET channel = 'pigeon' WHERE id = 11"))
    # Down and up again.
    command.downgrade(db.alembic_config(engine), "0002")
    with engine.begin() as conn:
        conn.execute(text("UPDATE log_entry SET channel = 'pigeon' WHERE id = 11"))
        conn.execute(text("UPDATE log_entry SET channel = 'sms' WHERE id = 11"))
    db.upgrade(settings)
    assert _count(settings, "log_entry") == 2


def test_upgrade_over_a_row_outside_its_set_stops_and_names_table_row_and_value(
    make_home: Callable[..., Path],
    db_url: str,
    monkeypatch: pytest.MonkeyPatch,
    cli: Callable[..., Any],
) -> None:
    settings = _station_at_0002(make_home, db_url, monkeypatch, kind="gossip", consent="yes")
    with pytest.raises(db.DatabaseError) as refused:
        db.upgrade(settings)
    message = str(refused.value)
    assert "log_entry row 11 has kind 'gossip'" in message
    assert "and 1 more row like it" in message
    assert "person row 3 has consent 'yes' (allowed: unknown, given, refused)" in message
    assert "\n" not in message
    # Nothing changed: still at 0002, every row there.
    assert db.current_revision(db.engine_for(settings)) == "0002"
    assert _count(settings, "log_entry") == 2
    # The operator sees the same as one line, and no traceback.
    result = cli("init", str(settings.home))
    assert result.code == 1
    assert "log_entry row 11 has kind 'gossip'" in result.err
    assert "Traceback" not in result.err + result.out


def test_every_closed_column_has_its_check_constraint_with_the_sets_values() -> None:
    """The models and migrations 0003 and 0007 (the air logger's) name the same columns and
    the same values."""
    in_models = {
        (table.name, column.name): tuple(column.type.enums)
        for table in Base.metadata.tables.values()
        for column in table.columns
        if isinstance(column.type, Enum)
    }
    in_migration = {
        (table, column): values
        for name in ("0003_closed_sets", "0007_logger_closed_sets")
        for table, columns in _load(name).CLOSED_SETS.items()
        for column, values in columns
    }
    assert in_models == in_migration
    checks = {
        (table.name, str(constraint.name))
        for table in Base.metadata.tables.values()
        for constraint in table.constraints
        if isinstance(constraint, CheckConstraint)
    }
    assert checks == {(table, f"ck_{table}_{column}") for table, column in in_migration}


def _load(name: str) -> Any:
    import importlib.util

    path = Path(db.MIGRATIONS) / "versions" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"migration_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
