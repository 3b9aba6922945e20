"""Engine, sessions and migrations for one station home.

SQLite runs with WAL, foreign keys and a busy timeout so that two terminals (the desk and a
CLI command, or two desks) can work on one station at once. PostgreSQL runs as it is.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

import radiodesk.search.index  # noqa: F401  (keeps the search index in step)
from radiodesk.config import Settings
from radiodesk.errors import RadiodeskError
from radiodesk.i18n import _

MIGRATIONS = Path(__file__).parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 15000

_engines: dict[str, Engine] = {}
_factories: dict[tuple[str, str], sessionmaker[Session]] = {}
_lock = threading.Lock()


class DatabaseError(RadiodeskError):
    """The database cannot be reached or is not ready."""


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # Autocommit while setting pragmas; journal_mode cannot change inside a transaction.
    previous = dbapi_conn.isolation_level
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()
    dbapi_conn.isolation_level = previous


def _sqlite_begin(conn: Any) -> None:
    # BEGIN IMMEDIATE: a writer takes the lock up front and waits (busy_timeout) instead of
    # failing half-way with "database is locked" when another process writes at once.
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str) -> Engine:
    """A new engine for ``url`` with radiodesk's connection settings."""
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}
        )
        # Let SQLAlchemy, not pysqlite, decide when transactions begin.
        event.listen(engine, "connect", _sqlite_pragmas)

        @event.listens_for(engine, "connect")
        def _no_pysqlite_begin(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None

        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True)


def engine_for(settings: Settings) -> Engine:
    """The one engine of this home's database (made once per process)."""
    with _lock:
        engine = _engines.get(settings.database_url)
        if engine is None:
            engine = make_engine(settings.database_url)
            _engines[settings.database_url] = engine
        return engine


def dispose_engines() -> None:
    with _lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()
        _factories.clear()


def session_factory(settings: Settings) -> sessionmaker[Session]:
    """The sessionmaker for this home. Callers frame one unit of work per user action."""
    key = (settings.database_url, str(settings.home))
    with _lock:
        factory = _factories.get(key)
    if factory is None:
        # The search index reads transcripts from this home's archive while it flushes.
        factory = sessionmaker(
            engine_for(settings), expire_on_commit=False, info={"settings": settings}
        )
        with _lock:
            factory = _factories.setdefault(key, factory)
    return factory


@contextmanager
def unit_of_work(settings: Settings) -> Iterator[Session]:
    """``with unit_of_work(settings) as session:`` — commits on success, rolls back on error."""
    factory = session_factory(settings)
    try:
        with factory.begin() as session:
            yield session
    except OperationalError as err:
        raise DatabaseError(
            _("The database cannot be used: {reason}").format(reason=_short(err))
        ) from err


def _short(err: SQLAlchemyError) -> str:
    return str(getattr(err, "orig", err)).strip().splitlines()[0]


def alembic_config(engine: Engine) -> AlembicConfig:
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    script = ScriptDirectory.from_config(alembic_config(make_engine("sqlite://")))
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(settings: Settings, revision: str = "head") -> None:
    """Create or upgrade the home's database to ``revision`` (alembic)."""
    engine = engine_for(settings)
    try:
        command.upgrade(alembic_config(engine), revision)
    except OperationalError as err:
        raise DatabaseError(
            _("The database cannot be upgraded: {reason}").format(reason=_short(err))
        ) from err


def ensure_ready(settings: Settings) -> None:
    """Fail with one clear line when the database is missing or behind the code."""
    url = settings.database_url
    if url.startswith("sqlite:///") and not Path(url.split("///", 1)[1]).exists():
        # Connecting would create an empty file; say what to do instead.
        raise DatabaseError(
            _("The station at {home} has no database yet: run 'radiodesk init'.").format(
                home=settings.home
            )
        )
    engine = engine_for(settings)
    try:
        current = current_revision(engine)
    except OperationalError as err:
        raise DatabaseError(
            _("The database cannot be opened: {reason}").format(reason=_short(err))
        ) from err
    if current is None:
        if inspect(engine).has_table("show"):
            return
        raise DatabaseError(
            _("The station at {home} has no database yet: run 'radiodesk init'.").format(
                home=settings.home
            )
        )
    if current != head_revision():
        raise DatabaseError(
            _("The database is older than this radiodesk: run 'radiodesk init' to upgrade it.")
        )
