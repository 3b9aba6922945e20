"""The big clock of the On Air screen, in the station's zone, with elapsed and remaining."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits, Static

from radiodesk.i18n import _, format_date, format_duration, format_time, zone_abbreviation


def clock_face(moment: datetime, zone: str) -> str:
    """HH:MM:SS (HH.MM.SS in Indonesian) of ``moment`` in ``zone``."""
    hours_minutes = format_time(moment, zone)
    separator = hours_minutes[2] if len(hours_minutes) > 2 else ":"
    return f"{hours_minutes}{separator}{moment.astimezone(ZoneInfo(zone)).second:02d}"


def span(seconds: float) -> str:
    """A signed duration for the clock panel: "0:12:05", "-0:03:10"."""
    sign = "-" if seconds < 0 else ""
    return sign + format_duration(abs(seconds))


class StationClock(Vertical):
    """Digits for the time, the day and zone under them, then elapsed / remaining."""

    DEFAULT_CSS = """
    StationClock { height: auto; width: auto; min-width: 30; align-horizontal: center; }
    StationClock Digits { width: auto; }
    StationClock #day, StationClock #timing { width: auto; color: $text-muted; }
    StationClock #timing { color: $text; text-style: bold; }
    """

    def __init__(self, zone: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.zone = zone

    def compose(self) -> ComposeResult:
        yield Digits("--:--:--", id="face")
        yield Static("", id="day")
        yield Static("", id="timing")

    def show(self, now: datetime, start: datetime | None, end: datetime | None) -> None:
        """Show ``now``; with a running airing, time since ``start`` and left until ``end``."""
        self.query_one("#face", Digits).update(clock_face(now, self.zone))
        local = now.astimezone(ZoneInfo(self.zone))
        self.query_one("#day", Static).update(
            f"{format_date(local.date())} {zone_abbreviation(self.zone, now)}"
        )
        timing = ""
        if start is not None and end is not None:
            timing = _("elapsed {elapsed} · left {left}").format(
                elapsed=span((now - start).total_seconds()),
                left=span((end - now).total_seconds()),
            )
        self.query_one("#timing", Static).update(timing)
