"""Private files stay private: the database and its WAL, the error log and archive/ are the
owner's alone (or a shared group's), whatever the umask; public_dir never exposes them; the
error log names the command, never what was typed."""

from __future__ import annotations

import grp
import os
import sqlite3
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from radiodesk.config import load_settings
from radiodesk.errorlog import LOG_NAME, record_error
from radiodesk.errors import ConfigError
from tests.conftest import CliResult


@pytest.fixture(params=[0o000, 0o022])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    """The most open umask, and the usual one: modes must not depend on it."""
    before = os.umask(request.param)
    yield request.param
    os.umask(before)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _with_wal(database: Path) -> tuple[sqlite3.Connection, Path]:
    """A connection that keeps the WAL open (SQLite removes it when the last one closes)."""
    conn = sqlite3.connect(database)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE IF NOT EXISTS wal_probe (x)")
    conn.execute("INSERT INTO wal_probe VALUES (1)")
    conn.commit()
    wal = database.with_name(database.name + "-wal")
    assert wal.exists()
    return conn, wal


def test_init_makes_database_wal_error_log_and_archive_private(
    tmp_path: Path, umask: int, cli: Callable[..., CliResult]
) -> None:
    home = tmp_path / "station"
    assert cli("init", str(home)).code == 0
    archive = home / "archive"
    database = archive / "radiodesk.db"
    conn, wal = _with_wal(database)
    try:
        log = record_error(RuntimeError("boom"), "radiodesk test", archive)
        assert log == archive / LOG_NAME
        assert {p.name: mode(p) for p in (archive, database, wal, log)} == {
            "archive": 0o700,
            "radiodesk.db": 0o600,
            "radiodesk.db-wal": 0o600,
            LOG_NAME: 0o600,
        }
    finally:
        conn.close()


def test_init_tightens_a_home_made_open_by_an_older_radiodesk(
    tmp_path: Path, cli: Callable[..., CliResult]
) -> None:
    home = tmp_path / "station"
    assert cli("init", str(home)).code == 0
    (home / "archive" / LOG_NAME).write_text("old\n")
    for path, open_mode in ((home / "archive", 0o755), (home / "archive" / "radiodesk.db", 0o644)):
        path.chmod(open_mode)
    (home / "archive" / LOG_NAME).chmod(0o644)
    assert cli("init", str(home)).code == 0
    assert mode(home / "archive") == 0o700
    assert mode(home / "archive" / "radiodesk.db") == 0o600
    assert mode(home / "archive" / LOG_NAME) == 0o600


def test_a_shared_group_may_read_and_write_them_too(
    tmp_path: Path, umask: int, cli: Callable[..., CliResult]
) -> None:
    group = grp.getgrgid(os.getgid()).gr_name
    home = tmp_path / "station"
    home.mkdir()
    (home / "radiodesk.toml").write_text(f'shared_group = "{group}"\n', encoding="utf-8")
    assert cli("init", str(home)).code == 0
    archive = home / "archive"
    conn, wal = _with_wal(archive / "radiodesk.db")
    try:
        log = record_error(
            RuntimeError("boom"), "radiodesk test", archive, load_settings(home).sharing
        )
        assert mode(archive) == 0o2770
        for path in (archive / "radiodesk.db", wal, log):
            assert path is not None and mode(path) == 0o660, path
            assert path.stat().st_gid == os.getgid()
    finally:
        conn.close()


def test_an_unknown_shared_group_is_refused(make_home: Callable[..., Path]) -> None:
    home = make_home(settings_text='shared_group = "no-such-group-here"\n')
    with pytest.raises(ConfigError, match="shared_group"):
        load_settings(home)


@pytest.mark.parametrize(
    ("settings_text", "private"),
    [
        ('public_dir = "archive"\n', "archive"),
        ('public_dir = "archive/public"\n', "archive"),
        ('archive_dir = "data/archive"\npublic_dir = "data"\n', "data/archive"),
        ('public_dir = "."\n', ""),
        ('public_dir = ".."\n', ""),
        ('database_url = "sqlite:///{home}/public/radio.db"\n', "public/radio.db"),
    ],
)
def test_public_dir_may_not_expose_the_archive_the_database_or_the_home(
    make_home: Callable[..., Path], settings_text: str, private: str, cli: Callable[..., CliResult]
) -> None:
    home = make_home(settings_text="")
    (home / "radiodesk.toml").write_text(settings_text.format(home=home), encoding="utf-8")
    with pytest.raises(ConfigError, match="public_dir") as refused:
        load_settings(home)
    assert str((home / private).resolve()) in str(refused.value)
    served = cli("serve", "--home", str(home))
    assert served.code == 1 and len(served.err.strip().splitlines()) == 1
    assert "public_dir" in served.err and "Traceback" not in served.err


def test_the_error_log_names_the_command_never_the_values_typed(
    make_home: Callable[..., Path],
    cli: Callable[..., CliResult],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    home = make_home()
    assert cli("init", str(home)).code == 0

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("a bug in the directory")

    monkeypatch.setattr("radiodesk.cli.interviews.add_person", broken)
    result = cli(
        "--home", str(home), "guests", "add", "Ibu Sari Wulandari", "--phone", "0812-555-0199"
    )
    assert result.code == 1
    assert len(result.err.strip().splitlines()) == 1 and "unexpected error" in result.err
    log = home / "archive" / LOG_NAME
    assert str(log) in result.err
    text = log.read_text(encoding="utf-8")
    assert "radiodesk guests add\n" in text and "a bug in the directory" in text
    assert "0812" not in text and "Wulandari" not in text
    assert mode(log) == 0o600


def test_the_error_log_never_fails_and_never_goes_to_the_shared_temporary_folder(
    tmp_path: Path,
) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    log = record_error(ValueError("bytes \udcff\udcfe from a terminal"), "radiodesk x", archive)
    assert log is not None and "\\udcff\\udcfe" in log.read_text(encoding="utf-8")
    # No archive/ (a home not made yet): the user's own state folder, private.
    elsewhere = record_error(ValueError("x"), "radiodesk x", tmp_path / "nowhere" / "archive")
    assert elsewhere is not None
    assert elsewhere.parent == Path(os.environ["HOME"]) / ".local" / "state" / "radiodesk"
    assert mode(elsewhere.parent) == 0o700 and mode(elsewhere) == 0o600
    assert not (tmp_path / "nowhere").exists()
