"""The ground: station home, settings, programme files, database, migrations, layering."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from radiodesk import db
from radiodesk.config import load_settings
from radiodesk.errors import ConfigError
from radiodesk.models import Base, Broadcast, Show, Slot
from radiodesk.shows import parse_show_file
from tests.conftest import REPO, CliResult, Station


def dump(settings) -> dict[str, list[tuple]]:  # type: ignore[no-untyped-def]
    """Every row of the programme tables, for comparing two states of a database."""
    with db.unit_of_work(settings) as session:
        return {
            "show": [
                (s.id, s.slug, s.title, s.updated_at, tuple(s.hosts), s.podcast)
                for s in session.scalars(select(Show).order_by(Show.id))
            ],
            "slot": [
                (s.id, s.show_id, s.key, s.weekdays, s.start_time, s.updated_at)
                for s in session.scalars(select(Slot).order_by(Slot.id))
            ],
            "broadcast": [
                (b.id, b.show_id, b.planned_start, b.updated_at)
                for b in session.scalars(select(Broadcast).order_by(Broadcast.id))
            ],
        }


def test_init_then_sync_twice_leaves_the_same_rows(
    tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., CliResult]
) -> None:
    monkeypatch.setenv("RADIODESK_DATABASE_URL", db_url)
    home = tmp_path / "x"
    result = cli("init", str(home))
    assert result.code == 0, result.err
    assert (home / "radiodesk.toml").exists()
    assert (home / "shows").is_dir() and (home / "archive").is_dir()
    for f in (REPO / "shows").glob("*.toml"):
        (home / "shows" / f.name).write_bytes(f.read_bytes())
    first = cli("--home", str(home), "shows", "sync")
    assert first.code == 0, first.err
    settings = load_settings(home)
    after_first = dump(settings)
    second = cli("--home", str(home), "shows", "sync")
    assert second.code == 0, second.err
    assert "9 unchanged" in second.out
    assert dump(settings) == after_first
    assert len(after_first["show"]) == 9
    # init again on an up-to-date home changes nothing either.
    again = cli("init", str(home))
    assert again.code == 0 and "up to date" in again.out
    assert dump(settings) == after_first


def test_sqlite_runs_with_wal_foreign_keys_and_busy_timeout(
    make_home: Callable[..., Path],
) -> None:
    settings = load_settings(make_home())
    assert settings.database_url.startswith("sqlite:///")
    db.upgrade(settings)
    with db.engine_for(settings).connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_migration_from_first_revision_keeps_rows(
    make_home: Callable[..., Path], db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RADIODESK_DATABASE_URL", db_url)
    settings = load_settings(make_home())
    db.upgrade(settings, "0001")
    engine = db.engine_for(settings)
    assert db.current_revision(engine) == "0001"
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO show (id, slug, title, description, hosts, category, language, explicit,"
                " live, podcast, loudness_target, audio_format, audio_bitrate, audio_channels,"
                " active, created_at, updated_at) VALUES (1, 'kabar', 'Kabar Pagi', 'Berita pagi',"
                " '[]', 'News', 'id', false, true, true, -16, 'mp3', 64, 1, true,"
                " '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO broadcast (id, show_id, planned_start, planned_end, status, special,"
                " moved, topic, notes, access_class, handover, created_at, updated_at)"
                " VALUES (7, 1, '2026-11-23 22:00:00', '2026-11-23 23:00:00', 'aired', false, false,"
                " 'Rumah sakit daerah', '', 'open', false, '2026-01-01 00:00:00',"
                " '2026-01-01 00:00:00')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO person (id, name, honorific, position, institution, name_folded,"
                " institution_folded, phone, email, consent, publish_name, publish_position, notes,"
                " created_at, updated_at) VALUES (3, 'dr. Andi Rahman', 'dr.', 'Kepala Dinas',"
                " 'Dinas Kesehatan', 'dr. andi rahman', 'dinas kesehatan', '0812', '', 'given',"
                " true, true, '', '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO log_entry (id, broadcast_id, at, kind, text, author, caller_name,"
                " caller_location, answer, deleted, created_at, updated_at) VALUES (11, 7,"
                " '2026-11-23 22:10:00', 'segment', 'Rumah sakit daerah dibuka', 'op', '', '', '',"
                " false, '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
            )
        )
    db.upgrade(settings)
    assert db.current_revision(engine) == db.head_revision()
    with db.unit_of_work(settings) as session:
        show = session.get(Show, 1)
        assert show is not None and show.title == "Kabar Pagi"
        broadcast = session.get(Broadcast, 7)
        assert broadcast is not None and broadcast.topic == "Rumah sakit daerah"
        assert broadcast.log_entries[0].text == "Rumah sakit daerah dibuka"
        assert broadcast.planned_start.isoformat() == "2026-11-23T22:00:00+00:00"


def test_models_match_the_migrations(station: Station) -> None:
    """Alembic's autogenerate finds nothing to add: the models and the migrations agree."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with db.engine_for(station.settings).connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    tables = {d[1].name for d in diff if d[0] == "add_table"}
    assert not tables, tables
    columns = [(d[2], d[3].name) for d in diff if d[0] == "add_column"]
    assert not columns, columns


BAD_SETTINGS = [
    ("[station]\ntimezone = 'Mars/Olympus'\n", "station.timezone", "IANA time zone"),
    ("[station]\nlanguage = 'fr'\n", "station.language", "one of id, en"),
    ("[station]\nretention_days = 30\n", "station.retention_days", "at least 365"),
    ("[station]\nname = 5\n", "station.name", "expected text"),
    ("[station]\npublic_url = 'radio.example'\n", "station.public_url", "http"),
    ("colour = 'blue'\n", "colour", "one of"),
    ("database_url = 'mysql://x'\n", "database_url", "postgresql"),
    ("[station\nname = 'x'\n", "not valid TOML", "line 1"),
    ('[station]\ndescription = "x \\u0001 y"\n', "station.description", "U+0001"),
    ('[station]\nname = "Radio\\u0085"\n', "station.name", "U+0085"),
]


@pytest.mark.parametrize(("content", "key", "expected"), BAD_SETTINGS)
def test_bad_settings_give_one_clear_line(
    make_home: Callable[..., Path],
    cli: Callable[..., CliResult],
    content: str,
    key: str,
    expected: str,
) -> None:
    home = make_home(settings_text=content)
    with pytest.raises(ConfigError) as err:
        load_settings(home)
    message = str(err.value)
    assert str(home / "radiodesk.toml") in message and key in message and expected in message
    result = cli("--home", str(home), "shows", "sync")
    assert result.code == 1
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and key in lines[0] and "Traceback" not in result.err


BAD_SHOWS = [
    (
        "title = 'X'\n[[slots]]\ndays=['MO']\nstart='25:00'\nduration=60\nfrom=2026-01-05\n",
        "slots[0].start",
        "00:00 to 23:59",
    ),
    (
        "title = 'X'\n[[slots]]\ndays=['MO']\nstart='06:00'\nduration=0\nfrom=2026-01-05\n",
        "slots[0].duration",
        "more than 0",
    ),
    (
        "title = 'X'\n[[slots]]\ndays=['MO']\nstart='06:00'\nduration=1441\nfrom=2026-01-05\n",
        "slots[0].duration",
        "24 hours",
    ),
    (
        "title = 'X'\n[[slots]]\ndays=['XX']\nstart='06:00'\nduration=60\nfrom=2026-01-05\n",
        "slots[0].days",
        "unknown weekday",
    ),
    (
        "title = 'X'\n[[slots]]\ndays=['MO']\nstart='06:00'\nduration=60\nfrom=2026-02-05\n"
        "until=2026-01-05\n",
        "slots[0].until",
        "before",
    ),
    ("titel = 'X'\n", "titel", "unknown key"),
    ("description = 'no title'\n", "title", "missing"),
    ("title = 'X'\nexplicit = 'no'\n", "explicit", "true or false"),
    ("title = 'X'\n[podcast]\nformat = 'wav'\n", "podcast.format", "mp3"),
    ("title = 'X\n", "not valid TOML", "line 1"),
    ('title = "X"\nhosts = ["Andi", "Bu\\u001bdi"]\n', "hosts[1]", "control characters"),
]


@pytest.mark.parametrize(("content", "key", "expected"), BAD_SHOWS)
def test_bad_show_files_name_file_key_and_reason_and_change_nothing(
    station: Station, cli: Callable[..., CliResult], content: str, key: str, expected: str
) -> None:
    before = dump(station.settings)
    path = station.home / "shows" / "acara-baru.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        parse_show_file(path)
    assert str(path) in str(err.value) and key in str(err.value) and expected in str(err.value)
    # Another file changed at the same time must not be half-applied.
    kabar = station.home / "shows" / "kabar-pagi.toml"
    kabar.write_text(kabar.read_text().replace("Kabar Pagi Luwu Utara", "Kabar Baru"))
    result = cli("shows", "sync")
    assert result.code == 1
    assert len(result.err.strip().splitlines()) == 1 and key in result.err
    assert dump(station.settings) == before


def test_services_do_not_import_textual() -> None:
    code = (
        "import sys, importlib, pkgutil, radiodesk\n"
        "skip = ('radiodesk.tui', 'radiodesk.migrations')\n"
        "for m in pkgutil.walk_packages(radiodesk.__path__, 'radiodesk.'):\n"
        "    if not m.name.startswith(skip):\n"
        "        importlib.import_module(m.name)\n"
        "import radiodesk.cli.commands\n"
        "bad = sorted(n for n in sys.modules if n == 'textual' or n.startswith('textual.'))\n"
        "print(len([n for n in sys.modules if n.startswith('radiodesk.')]), bad)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    count, _, bad = out.stdout.strip().partition(" ")
    assert int(count) > 15
    assert bad == "[]"


def test_python_dash_m_and_console_script_run() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "radiodesk", "--lang", "en", "--help"],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert out.returncode == 0 and "init" in out.stdout and "shows" in out.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "radiodesk", "--lang", "en", "no-such-command"],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_a_database_not_initialised_gives_one_line(
    make_home: Callable[..., Path], cli: Callable[..., CliResult]
) -> None:
    home = make_home()
    result = cli("--home", str(home), "shows", "list")
    assert result.code == 1
    assert "radiodesk init" in result.err and len(result.err.strip().splitlines()) == 1
    with pytest.raises(Exception):  # noqa: B017 - nothing was created by the failed command
        load_settings(home).archive_dir.joinpath("radiodesk.db").stat()


def test_shows_sync_counts(station: Station) -> None:
    with station.session() as session:
        assert session.scalar(select(func.count()).select_from(Show)) == 9
        rapat = session.scalars(select(Show).where(Show.slug == "rapat-paripurna")).one()
        assert rapat.slots[0].monthly_nth == 1
        petani = session.scalars(select(Show).where(Show.slug == "suara-petani")).one()
        assert petani.slots[0].interval == 2
