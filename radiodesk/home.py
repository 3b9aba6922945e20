"""Creating and upgrading a station home."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from radiodesk import db
from radiodesk.config import SETTINGS_FILE, default_settings_text, load_settings, resolve_home
from radiodesk.errors import ConfigError
from radiodesk.i18n import _


@dataclass(frozen=True)
class InitResult:
    home: Path
    created_settings: bool
    database_url: str
    revision_before: str | None
    revision_after: str | None


def init_home(home: str | Path | None) -> InitResult:
    """Create the home's folders and settings when missing, then create or upgrade its database."""
    root = resolve_home(home)
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ConfigError(
            _("{folder}: cannot create the station home: {reason}").format(
                folder=root, reason=err.strerror
            )
        ) from None
    settings_path = root / SETTINGS_FILE
    created = False
    if not settings_path.exists():
        settings_path.write_text(default_settings_text(), encoding="utf-8")
        created = True
    settings = load_settings(root)
    for folder in (settings.archive_dir, settings.shows_dir):
        folder.mkdir(parents=True, exist_ok=True)
    engine = db.engine_for(settings)
    before = db.current_revision(engine)
    db.upgrade(settings)
    with db.unit_of_work(settings) as session:
        from radiodesk.shows import sync_station

        sync_station(session, settings)
    return InitResult(
        root, created, _redact(settings.database_url), before, db.current_revision(engine)
    )


def _redact(url: str) -> str:
    """A database URL without its password, fit to print."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
