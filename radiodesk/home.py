"""Creating and upgrading a station home."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from radiodesk import db
from radiodesk.config import (
    SETTINGS_FILE,
    Settings,
    default_settings_text,
    load_settings,
    resolve_home,
)
from radiodesk.errorlog import LOG_NAME
from radiodesk.errors import ConfigError
from radiodesk.files import private_folder, restrict
from radiodesk.i18n import _


@dataclass(frozen=True)
class InitResult:
    home: Path
    created_settings: bool
    database_url: str
    revision_before: str | None
    revision_after: str | None


def init_home(home: str | Path | None) -> InitResult:
    """Create the home's folders and settings when missing, then create or upgrade its database.

    The private files (archive/, the database and its WAL, the error log) get their private
    modes, also where an older radiodesk left them readable by others."""
    root = resolve_home(home)
    try:
        return _init(root)
    except OSError as err:
        raise ConfigError(
            _(
                "{folder}: cannot write the station home there: {reason}; choose a folder "
                "you may write to"
            ).format(folder=Path(err.filename or root), reason=err.strerror)
        ) from None


def _init(root: Path) -> InitResult:
    root.mkdir(parents=True, exist_ok=True)
    settings_path = root / SETTINGS_FILE
    created = False
    if not settings_path.exists():
        settings_path.write_text(default_settings_text(), encoding="utf-8")
        created = True
    settings = load_settings(root)
    private_folder(settings.archive_dir, settings.sharing)
    settings.shows_dir.mkdir(parents=True, exist_ok=True)
    before = db.database_revision(settings)
    db.upgrade(settings)
    with db.unit_of_work(settings) as session:
        from radiodesk.shows import sync_station

        sync_station(session, settings)
    for path in private_paths(settings):
        if path.exists():
            restrict(path, settings.sharing)
    return InitResult(
        root, created, _redact(settings.database_url), before, db.database_revision(settings)
    )


def private_paths(settings: Settings) -> list[Path]:
    """The station's private files: archive/, the SQLite database and its WAL, the error log."""
    paths = [settings.archive_dir, settings.archive_dir / LOG_NAME]
    if settings.database_url.startswith("sqlite:///"):
        database = Path(settings.database_url.split("///", 1)[1])
        paths += [database, *(database.with_name(database.name + s) for s in ("-wal", "-shm"))]
    return paths


def _redact(url: str) -> str:
    """A database URL without its password, fit to print."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
