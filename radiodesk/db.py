"""Engine, sessions and migrations for one station home.

SQLite runs with WAL, foreign keys and a busy timeout so that two terminals (the desk and a
CLI command, or two desks) can work on one station at once. PostgreSQL runs as it is.
"""

from __future__ import annotations

import sqlite3
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
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from radiodesk.config import Settings
from radiodesk.errors import RadiodeskError
from radiodesk.files import OWNER_ONLY, Sharing, create_private_file, private_folder
from radiodesk.i18n import _
from radiodesk.search import index as search_index

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


def make_engine(url: str, sharing: Sharing = OWNER_ONLY) -> Engine:
    """A new engine for ``url`` with radiodesk's connection settings.

    A new SQLite file is created private (see radiodesk.files); SQLite gives its WAL the
    same mode. Statement parameters never appear in error messages (nor in the error log)."""
    try:
        return _make_engine(url, sharing)
    except (ImportError, NoSuchModuleError):
        raise DatabaseError(
            _(
                "database_url names the driver '{driver}', which is not installed here: "
                "use postgresql+psycopg:// or sqlite:///, or install that driver."
            ).format(driver=_driver(url))
        ) from None
    except ArgumentError:
        raise DatabaseError(
            _("database_url is not a database URL: '{url}'.").format(url=_redacted(url))
        ) from None


def _driver(url: str) -> str:
    return url.split("://", 1)[0]


def _redacted(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return _driver(url) + "://…"


def _make_engine(url: str, sharing: Sharing) -> Engine:
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:" and "///" in url:
            private_folder(Path(path).parent, sharing)
            create_private_file(Path(path), sharing)
        engine = create_engine(
            url,
            connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
            hide_parameters=True,
        )
        # Let SQLAlchemy, not pysqlite, decide when transactions begin.
        event.listen(engine, "connect", _sqlite_pragmas)

        @event.listens_for(engine, "connect")
        def _no_pysqlite_begin(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None

        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True, hide_parameters=True)


def engine_for(settings: Settings) -> Engine:
    """The one engine of this home's database (made once per process)."""
    with _lock:
        engine = _engines.get(settings.database_url)
        if engine is None:
            engine = make_engine(settings.database_url, settings.sharing)
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
        search_index.install(factory)
        with _lock:
            factory = _factories.setdefault(key, factory)
    return factory


@contextmanager
def unit_of_work(settings: Settings) -> Iterator[Session]:
    """``with unit_of_work(settings) as session:`` — commits on success, rolls back on error."""
    factory = session_factory(settings)
    with (
        _failing_as(settings, _("The database cannot be used: {reason}")),
        factory.begin() as session,
    ):
        yield session


@contextmanager
def _failing_as(settings: Settings, message: str) -> Iterator[None]:
    """A database that cannot be reached, or a damaged file, fails as one line: ``message``
    (with ``{reason}``), or the way to restore a damaged one."""
    try:
        yield
    except sa_exc.DatabaseError as err:
        if not isinstance(err, OperationalError) and not _damaged(err):
            raise
        raise _unusable(settings, message.format(reason=_short(err)), err) from err


def _short(err: SQLAlchemyError) -> str:
    return str(getattr(err, "orig", err)).strip().splitlines()[0]


def _damaged(err: SQLAlchemyError) -> bool:
    """SQLite says the file is not a database, or a damaged one."""
    code = getattr(getattr(err, "orig", None), "sqlite_errorcode", None)
    return code is not None and code & 0xFF in (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT)


def _unusable(settings: Settings, message: str, err: SQLAlchemyError) -> DatabaseError:
    if _damaged(err):
        return DatabaseError(
            _(
                "The database {file} is damaged ({reason}): restore the last backup with "
                "'radiodesk restore'."
            ).format(file=settings.database_url.split("///", 1)[-1], reason=_short(err))
        )
    return DatabaseError(message)


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


def database_revision(settings: Settings) -> str | None:
    """The alembic revision of the home's database (None: not made by alembic, or empty)."""
    with _failing_as(settings, _("The database cannot be opened: {reason}")):
        return current_revision(engine_for(settings))


def upgrade(settings: Settings, revision: str = "head") -> None:
    """Create or upgrade the home's database to ``revision`` (alembic)."""
    engine = engine_for(settings)
    with _failing_as(settings, _("The database cannot be upgraded: {reason}")):
        command.upgrade(alembic_config(engine), revision)


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
    current = database_revision(settings)
    with _failing_as(settings, _("The database cannot be opened: {reason}")):
        has_shows = current is None and inspect(engine_for(settings)).has_table("show")
    if current is None:
        if has_shows:
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
