"""Starting the logger: its settings checked, its lock taken, then the recorder run."""

from __future__ import annotations

import socket
import threading
from datetime import UTC, datetime

from radiodesk import db
from radiodesk.config import Settings
from radiodesk.errors import ConfigError, Conflict
from radiodesk.i18n import _
from radiodesk.logger.lock import LoggerLock
from radiodesk.logger.recorder import Recorder, Say
from radiodesk.logger.settings import logger_dir, logger_settings
from radiodesk.logger.state import STALE_AFTER, current_state
from radiodesk.models import LoggerRunState


def run_logger(settings: Settings, *, stop: threading.Event, say: Say) -> None:
    """Record the station's air until ``stop`` is set. ConfigError without a source,
    Conflict when another logger records this station (here, or on another machine)."""
    config = logger_settings(settings)
    if not config.source:
        raise ConfigError(
            _(
                "No source to record: set [logger] source in {file} to the station's stream "
                "(http://…) or a sound card (alsa:hw:1,0, pulse:default)."
            ).format(file=settings.home / "radiodesk.toml")
        )
    with LoggerLock(logger_dir(settings)):
        with db.unit_of_work(settings) as session:
            row = current_state(session)
            now = datetime.now(UTC)
            if (
                row is not None
                and row.state != LoggerRunState.STOPPED
                and now - row.heartbeat < STALE_AFTER
                and row.host != socket.gethostname()
            ):
                raise Conflict(
                    _("Another logger is already recording this station (on {host}).").format(
                        host=row.host
                    )
                )
        auto = None
        if config.auto_cut:
            from radiodesk.logger.jobs import AutoCut

            auto = AutoCut(settings, config)
        recorder = Recorder(
            settings, config, stop=stop, say=say, on_tick=auto.tick if auto else None
        )
        try:
            recorder.run()
        finally:
            if auto is not None:
                auto.close()
