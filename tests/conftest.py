"""Fixtures shared by the whole suite.

Every test runs in isolation from the developer's machine: a temporary station home, no
RADIODESK_* variables from outside, English messages (tests of Indonesian set it), and a
fresh database. Database tests take the ``station`` fixture and run on SQLite, and again on
PostgreSQL when ``RADIODESK_TEST_POSTGRES_URL`` is set (each test in a schema of its own).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from radiodesk import db, i18n
from radiodesk.config import Settings, load_settings

REPO = Path(__file__).resolve().parent.parent
DEMO_SHOWS = REPO / "shows"
PG_ENV = "RADIODESK_TEST_POSTGRES_URL"
# The day the tests' clocks are on (their NOWs are times of 2026-11-23).
SYNCED_AT = datetime(2026, 11, 23, 0, 0, tzinfo=UTC)
# Drops sent at once (each on a connection of its own; the server allows 100 by default).
DROPPERS = 8
PG_REASON = f"not run on PostgreSQL: {PG_ENV} is not set (.ci/test sets it when a server is up)"


@pytest.fixture(autouse=True)
def isolate(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    for name in list(os.environ):
        if name.startswith("RADIODESK_") and name != PG_ENV:
            monkeypatch.delenv(name)
    monkeypatch.setenv("RADIODESK_LANG", "en")
    monkeypatch.setenv("HOME", str(tmp_path / "user-home"))
    i18n.set_language("en")
    yield
    db.dispose_engines()
    i18n.set_language("en")


BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def _backend(request: pytest.FixtureRequest) -> str:
    """The server's URL for a PostgreSQL run ("" for SQLite); the test is counted for its
    database in the summary (skipped ones too)."""
    request.node.user_properties.append(("database", request.param))
    if request.param == "sqlite":
        return ""
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(PG_REASON)
    return base


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database URL of a fresh, empty database: SQLite file, or a PostgreSQL schema."""
    base = _backend(request)
    if not base:
        yield f"sqlite:///{tmp_path / 'archive' / 'radiodesk.db'}"
        return
    with fresh_schema(base, f"rdtest_{os.getpid()}_") as url:
        yield url


@contextmanager
def fresh_schema(base: str, prefix: str) -> Iterator[str]:
    """The URL of a new, empty schema (``prefix`` and a random part) on the PostgreSQL
    server ``base``, dropped with everything in it afterwards."""
    schema = f"{prefix}{uuid.uuid4().hex[:10]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        db.dispose_engines()
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


class Templates:
    """Databases made once per test run by the real code, for tests that need a ready database
    rather than the way to one: each such test gets a copy. Two kinds: ``migrated`` (alembic
    to head, no rows) and ``station`` (that, then the demo programmes synced as the
    ``station`` fixture's home has them, planned from SYNCED_AT).

    SQLite: a file copied per test. PostgreSQL: a database of this run's own, cloned per test
    with ``CREATE DATABASE … TEMPLATE`` (a fraction of the migrations' time); a clone is
    dropped in a thread while the next test runs. The names carry the process id and a random
    part, so parallel runs (and pytest-xdist's workers) never meet.

    PostgreSQL 15 ends every ``DROP DATABASE`` with a checkpoint (a second or more on a busy
    disk, longer than a test), but drops waiting at the same moment share one: so several are
    sent at once, and the queue never grows behind the tests.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.run = f"{os.getpid()}_{uuid.uuid4().hex[:8]}"
        self._sqlite: dict[str, Path] = {}  # kind -> its template file
        self._pg_base = ""  # the server's URL (RADIODESK_TEST_POSTGRES_URL)
        self._pg: dict[str, str] = {}  # kind -> its template database there
        self._clones: set[str] = set()  # names not yet given to the dropper
        self._dropper = ThreadPoolExecutor(max_workers=DROPPERS, thread_name_prefix="drop-database")
        self._drops: list[Future[None]] = []

    def _build(self, kind: str, url: str) -> None:
        """Make the template of ``kind`` at ``url``, from a home of its own."""
        from radiodesk.shows import sync_shows

        home = new_home(self.folder / f"{kind}-{len(self._sqlite) + len(self._pg)}")
        with pytest.MonkeyPatch.context() as env:
            for name in os.environ:
                if name.startswith("RADIODESK_") and name != PG_ENV:
                    env.delenv(name)
            env.setenv("RADIODESK_DATABASE_URL", url)
            env.setenv("RADIODESK_HOME", str(home))
            settings = load_settings(home)
            db.upgrade(settings)
            if kind == "station":
                with db.unit_of_work(settings) as session:
                    sync_shows(session, settings, now=SYNCED_AT)
            db.dispose_engines()

    def sqlite_copy(self, target: Path, kind: str = "migrated") -> str:
        """A copy of the SQLite template of ``kind`` at ``target``; its URL."""
        template = self._sqlite.get(kind)
        if template is None:
            template = self.folder / f"{kind}.db"
            self._build(kind, f"sqlite:///{template}")
            # Everything into the main file (the last connection to close does this too):
            # the copy is of that one file.
            with closing(sqlite3.connect(template)) as conn:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._sqlite[kind] = template
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(template, target)  # with its mode, as the migrations made it
        return f"sqlite:///{target}"

    def pg_clone(self, base: str, kind: str = "migrated") -> str:
        """A new PostgreSQL database on the server of ``base``, a clone of the template of
        ``kind``; its URL."""
        self._pg_base = base
        template = self._pg.get(kind)
        if template is None:
            template = f"rdtpl_{self.run}_{kind}"
            self._admin(f'CREATE DATABASE "{template}"')
            try:
                self._build(kind, self._url(template))
            except BaseException:
                self._drop(template)
                raise
            self._pg[kind] = template
        name = f"rdtest_{self.run}_{uuid.uuid4().hex[:8]}"
        self._admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        self._clones.add(name)
        return self._url(name)

    def drop_later(self, url: str) -> None:
        """Drop a clone made by :meth:`pg_clone`, in a thread: the next test need not wait."""
        name = str(make_url(url).database)
        self._clones.remove(name)
        self._drops.append(self._dropper.submit(self._drop, name))

    def close(self) -> None:
        for name in [*self._clones, *self._pg.values()]:
            self._drops.append(self._dropper.submit(self._drop, name))
        self._dropper.shutdown(wait=True)
        for done in self._drops:
            done.result()  # a drop that failed says so

    def _url(self, name: str) -> str:
        return make_url(self._pg_base).set(database=name).render_as_string(hide_password=False)

    def _drop(self, name: str) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _admin(self, statement: str) -> None:
        """One statement outside a transaction, on the database the server's URL names."""
        engine = create_engine(self._pg_base, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        try:
            with engine.connect() as conn:
                conn.execute(text(statement))
        finally:
            engine.dispose()


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Templates]:
    made = Templates(tmp_path_factory.mktemp("template"))
    yield made
    made.close()


def _copy_of(
    kind: str, request: pytest.FixtureRequest, tmp_path: Path, templates: Templates
) -> Iterator[str]:
    base = _backend(request)
    if not base:
        yield templates.sqlite_copy(tmp_path / "archive" / "radiodesk.db", kind)
        return
    url = templates.pg_clone(base, kind)
    try:
        yield url
    finally:
        db.dispose_engines()
        templates.drop_later(url)


@pytest.fixture(params=BACKENDS)
def migrated_db_url(
    request: pytest.FixtureRequest, tmp_path: Path, templates: Templates
) -> Iterator[str]:
    """A database URL of a database already at the newest revision, and empty of rows: a
    copy of this run's template (``db_url`` is the empty one, for tests of the migrations)."""
    yield from _copy_of("migrated", request, tmp_path, templates)


@pytest.fixture(params=BACKENDS)
def station_db_url(
    request: pytest.FixtureRequest, tmp_path: Path, templates: Templates
) -> Iterator[str]:
    """A database URL of a copy of the ``station`` template: migrated, programmes synced."""
    yield from _copy_of("station", request, tmp_path, templates)


@dataclass
class Station:
    """A ready station home for a test: its settings, and ways to open units of work."""

    settings: Settings
    home: Path

    def session(self):  # type: ignore[no-untyped-def]
        return db.unit_of_work(self.settings)


def new_home(home: Path, shows: bool = True, settings_text: str | None = None) -> Path:
    """A station home at ``home``: the demo settings (or ``settings_text``), the demo
    programmes unless shows=False, an empty archive."""
    (home / "shows").mkdir(parents=True, exist_ok=True)
    (home / "archive").mkdir(exist_ok=True)
    text_ = settings_text
    if text_ is None:
        text_ = (REPO / "radiodesk.toml").read_text(encoding="utf-8")
    (home / "radiodesk.toml").write_text(text_, encoding="utf-8")
    if shows:
        for f in DEMO_SHOWS.glob("*.toml"):
            shutil.copy(f, home / "shows" / f.name)
    return home


@pytest.fixture
def make_home(tmp_path: Path) -> Callable[..., Path]:
    """A station home in a temporary folder; with the demo programmes unless shows=False."""

    def make(name: str = "home", shows: bool = True, settings_text: str | None = None) -> Path:
        return new_home(tmp_path / name, shows, settings_text)

    return make


@pytest.fixture
def station(
    make_home: Callable[..., Path], station_db_url: str, monkeypatch: pytest.MonkeyPatch
) -> Station:
    """A station home with the demo programmes synced, on SQLite and on PostgreSQL.

    The database is a copy of the ``station`` template: the same programme files synced by
    the same code, once per run. They are planned from the day every test's clock is on, not
    from today's date: what a test finds in the grid must not depend on the day (or hour) it
    runs."""
    home = make_home()
    monkeypatch.setenv("RADIODESK_DATABASE_URL", station_db_url)
    monkeypatch.setenv("RADIODESK_HOME", str(home))
    return Station(load_settings(home), home)


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run ``radiodesk ARGS…`` in this process, as an operator would; returns code and output."""
    from radiodesk.cli import main

    def run(*args: str) -> CliResult:
        capsys.readouterr()
        try:
            main(list(args))
            code = 0
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


# How the suite is dealt to pytest-xdist's workers (.ci/test: ``--dist loadgroup``). The
# logger's tests mostly wait on a real stream in real time: they go together to one worker,
# first, while the other computes. Then the folders whose tests take longest, so the long tests
# start early and the many short ones fill the end. Times measured on the 2-core machine, one
# process: logger ~200 s (mostly waiting), tui ~275 s (the desk driven key by key), archive
# ~100 s and publish ~95 s (ffmpeg), of ~800 s in all; transcripts (Whisper on the CPU) has
# single tests of 60-110 s, which must not be the last to start.
WAITING_ON_REAL_TIME = "logger"
LONGEST_FIRST = (WAITING_ON_REAL_TIME, "transcripts", "tui", "archive", "publish")
TESTS = REPO / "tests"


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def folder(item: pytest.Item) -> str:
        parts = item.path.relative_to(TESTS).parts if item.path.is_relative_to(TESTS) else ()
        return parts[0] if len(parts) > 1 else ""

    def rank(item: pytest.Item) -> int:
        name = folder(item)
        return LONGEST_FIRST.index(name) if name in LONGEST_FIRST else len(LONGEST_FIRST)

    items.sort(key=rank)  # stable: within a folder, the order stays as collected
    for item in items:
        if folder(item) == WAITING_ON_REAL_TIME:
            item.add_marker(pytest.mark.xdist_group(WAITING_ON_REAL_TIME))


def pytest_terminal_summary(terminalreporter, exitstatus, config):  # type: ignore[no-untyped-def]
    """One line per database: how many database tests passed, failed or did not run there."""
    counts: dict[str, dict[str, int]] = {}
    for outcome in ("passed", "failed", "error", "skipped"):
        for report in terminalreporter.stats.get(outcome, []):
            if outcome == "passed" and getattr(report, "when", "call") != "call":
                continue
            backend = dict(getattr(report, "user_properties", [])).get("database")
            if backend:
                counts.setdefault(backend, {}).setdefault(outcome, 0)
                counts[backend][outcome] += 1
    if not counts:
        return
    terminalreporter.section("database tests")
    for backend in ("sqlite", "postgresql"):
        tally = counts.get(backend, {})
        line = ", ".join(f"{n} {outcome}" for outcome, n in sorted(tally.items())) or "none"
        terminalreporter.write_line(f"{backend}: {line}")
    if "postgresql" in counts and counts["postgresql"].get("skipped"):
        terminalreporter.write_line(f"postgresql: {PG_REASON}")
