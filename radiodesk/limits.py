"""The bounds of what an operator may type: record ids, dates, and how long a text may be.

Each bound is checked here, once, by the shells' parsers and the services alike, so a value
out of bounds gets one clear line instead of an overflow deep inside a database driver.
"""

from __future__ import annotations

from datetime import date

from radiodesk.errors import InputError
from radiodesk.i18n import _, format_number

# Ids are INTEGER columns: 32 bits on PostgreSQL.
MAX_ID = 2**31 - 1
# Any archive's dates, with room for a day or a month more either side (9999-12-31 has none).
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2999, 12, 31)
# The longest texts kept, in characters: a live-log entry, and the reason for a change.
MAX_LOG_TEXT = 4000
MAX_REASON = 500


def _shown(text: str) -> str:
    return text if len(text) <= 40 else text[:40] + "…"


def parse_id(value: str | int) -> int:
    """A record's id as typed: a whole number from 1 to :data:`MAX_ID`."""
    text = str(value).strip()
    if text.isascii() and text.isdigit() and 1 <= int(text) <= MAX_ID:
        return int(text)
    raise InputError(
        _("{value} is not an id: expected a whole number from 1 to {max}.").format(
            value=_shown(text), max=MAX_ID
        )
    )


def check_day(day: date, what: str, text: str) -> date:
    """``day`` (read from ``text``, typed for ``what``) if it lies between the bounds."""
    if FIRST_DAY <= day <= LAST_DAY:
        return day
    raise out_of_range(what, text)


def out_of_range(what: str, text: str) -> InputError:
    """The error for a date (typed as ``text`` for ``what``) outside the bounds."""
    return InputError(
        _("{what}: {value} is out of range: give a date from {first} to {last}.").format(
            what=what, value=_shown(text), first=FIRST_DAY.isoformat(), last=LAST_DAY.isoformat()
        )
    )


def refuse_too_long(field: str, text: str, limit: int) -> str:
    """``text`` if it is at most ``limit`` characters long; else the operator is told the limit
    (longer text is refused, never cut). ``field`` names it for the operator."""
    if len(text) <= limit:
        return text
    raise InputError(
        _("The {field} is too long: at most {limit} characters.").format(
            field=field, limit=format_number(limit)
        )
    )
