"""The air logger: records the station's air around the clock through ffmpeg, notes every
gap, and cuts each broadcast from it when it ends (see radiodesk/cli/logger.py for the
commands).

For a status bar: ``logger_status(session, now, zone)`` returns a small
:class:`LoggerStatus` (state, since, cause, the line to show).
"""

from radiodesk.logger.settings import LoggerSettings, logger_settings
from radiodesk.logger.state import LoggerStatus, logger_status

__all__ = ["LoggerSettings", "LoggerStatus", "logger_settings", "logger_status"]
