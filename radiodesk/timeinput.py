"""Operator time input: the one place where a typed time or date is read.

The CLI, the desk, the live log and the editorial code all call these functions, so one
form means the same everywhere and the station's zone is applied in one way:

- a date: ``2026-11-30``, or day first as Indonesians write it, ``30/11/2026`` (also with
  ``-`` or ``.``); the other ISO 8601 forms Python reads (``20261130``) are taken too;
- a month: ``2026-11`` or ``11/2026``;
- a time of day: ``10:00`` or ``10.00``, seconds optional;
- a date and time: a date, a space or ``T``, a time of day (``2026-11-30 10:00``), read as
  the station's wall clock unless it carries an offset (``+08:00``, ``Z``).

A wall-clock time is turned into an instant by :func:`local_to_utc`; one the zone skips
(clocks going forward) is refused. A date the calendar does not have ("31/11/2026",
"2026-02-30") is refused with a sentence saying why, in the operator's language.
Everything returned is a ``date``, a ``time`` or an aware UTC ``datetime``.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from radiodesk.errors import InputError
from radiodesk.i18n import _, format_month
from radiodesk.limits import FIRST_DAY, LAST_DAY, check_day, out_of_range

_ISO_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_MONTH_FIRST = re.compile(r"^(\d{1,2})/(\d{4})$")
_CLOCK = re.compile(r"^(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?$")
_DATE_TIME = re.compile(
    r"^(?P<day>\S+?)[ T]+(?P<clock>\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)"
    r"\s*(?P<offset>Z|[+-]\d{2}:?\d{2})?$"
)


def local_to_utc(local: datetime, zone: ZoneInfo) -> datetime:
    """A wall-clock time of ``zone`` (naive) as a UTC instant.

    As RFC 5545 says for DATE-TIME with TZID: a time that occurs twice (clocks go back) is
    the first of the two; a time that does not exist (clocks go forward) is read with the
    offset before the gap, so 02:30 on a spring-forward night becomes 03:30 summer time.
    """
    return local.replace(tzinfo=zone, fold=0).astimezone(UTC)


def day_start(day: date, zone: ZoneInfo) -> datetime:
    """The first instant (UTC) of ``day`` in ``zone``."""
    return local_to_utc(datetime.combine(day, time()), zone)


def month_instants(month: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The first instant of ``month`` in ``zone`` and of the month after, both UTC."""
    first = date(month.year, month.month, 1)
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return day_start(first, zone), day_start(following, zone)


def _calendar_day(year: int, month: int, day: int, text: str, what: str) -> date:
    if not 1 <= month <= 12:
        raise InputError(
            _("{what}: {value} is not in the calendar: there is no month {month}.").format(
                what=what, value=text, month=month
            )
        )
    if not FIRST_DAY.year <= year <= LAST_DAY.year:
        raise out_of_range(what, text)
    first = date(year, month, 1)
    days = ((first + timedelta(days=31)).replace(day=1) - first).days
    if not 1 <= day <= days:
        raise InputError(
            _("{what}: {value} is not in the calendar: {month} has {days} days.").format(
                what=what, value=text, month=format_month(first), days=days
            )
        )
    return date(year, month, day)


def _day_or_none(text: str, what: str) -> date | None:
    """The date ``text`` names, None when it has no date's shape; refuses a shape that names
    a day the calendar does not have."""
    iso = _ISO_DAY.match(text)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
        return _calendar_day(year, month, day, text, what)
    day_first = _DAY_FIRST.match(text)
    if day_first:
        day_text, _sep, month_text, year_text = day_first.groups()
        return _calendar_day(int(year_text), int(month_text), int(day_text), text, what)
    try:
        return check_day(date.fromisoformat(text), what, text)
    except ValueError:
        return None


def parse_day(text: str, what: str = "date") -> date:
    """A calendar date typed as 2026-11-30 or 30/11/2026."""
    value = text.strip()
    day = _day_or_none(value, what)
    if day is None:
        raise InputError(
            _("{what}: '{value}' is not a date; expected e.g. 2026-11-30 or 30/11/2026").format(
                what=what, value=text
            )
        )
    return day


def parse_month(text: str, what: str = "month") -> date:
    """A month typed as 2026-11 or 11/2026; returns its first day."""
    value = text.strip()
    iso, month_first = _ISO_MONTH.match(value), _MONTH_FIRST.match(value)
    if iso:
        year, month = (int(g) for g in iso.groups())
    elif month_first:
        month, year = (int(g) for g in month_first.groups())
    else:
        raise InputError(
            _("{what}: '{value}' is not a month; expected YYYY-MM, e.g. 2026-11").format(
                what=what, value=text
            )
        )
    return _calendar_day(year, month, 1, text, what)


def _clock_or_none(text: str, what: str) -> time | None:
    match = _CLOCK.match(text)
    if not match:
        return None
    hour, minute, second = (int(g) if g else 0 for g in match.groups())
    if hour > 23 or minute > 59 or second > 59:
        raise InputError(
            _("{what}: {value} is not a time of day (00:00 to 23:59).").format(
                what=what, value=text
            )
        )
    return time(hour, minute, second)


def parse_clock(text: str, what: str = "time") -> time:
    """A time of day typed as 10:00 or 10.00 (seconds optional)."""
    clock = _clock_or_none(text.strip(), what)
    if clock is None:
        raise InputError(
            _("{what}: '{value}' is not a time of day; expected e.g. 10:00").format(
                what=what, value=text
            )
        )
    return clock


def _offset(text: str) -> timezone:
    if text == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def _moment_or_none(text: str, what: str) -> datetime | None:
    """A date and time (naive: wall clock; aware: it carried an offset), None when ``text``
    has no date-and-time shape."""
    match = _DATE_TIME.match(text)
    if match:
        day = _day_or_none(match["day"], what)
        if day is not None:
            clock = _clock_or_none(match["clock"], what)
            assert clock is not None  # the pattern took only a clock's shape
            moment = datetime.combine(day, clock)
            offset = match["offset"]
            return moment.replace(tzinfo=_offset(offset)) if offset else moment
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    check_day(moment.date(), what, text)
    return moment


def _wall_clock_to_utc(moment: datetime, zone: ZoneInfo, text: str, what: str) -> datetime:
    if moment.tzinfo is not None:
        return moment.astimezone(UTC)
    instant = local_to_utc(moment, zone)
    if instant.astimezone(zone).replace(tzinfo=None) != moment:
        raise InputError(
            _("{what}: {value} does not exist in {zone} (the clocks skip that hour)").format(
                what=what, value=text, zone=zone.key
            )
        )
    return instant


def parse_local_datetime(text: str, zone: ZoneInfo, what: str = "time") -> datetime:
    """An instant typed by an operator ("2026-11-30 10:00", station time) as UTC.

    An offset (``+08:00`` or ``Z``) in the text is honoured. A wall-clock time that does
    not exist in the station's zone (the hour skipped when clocks go forward) is refused.
    """
    value = text.strip()
    moment = _moment_or_none(value, what)
    if moment is None:
        raise InputError(
            _(
                "{what}: '{value}' is not a date and time; expected e.g. 2026-11-30 10:00 "
                "(station time)"
            ).format(what=what, value=text)
        )
    return _wall_clock_to_utc(moment, zone, value, what)


def parse_time_near(
    text: str, zone: ZoneInfo, start: datetime, end: datetime, what: str = "time"
) -> datetime:
    """An instant typed either as a date and time (see :func:`parse_local_datetime`) or as a
    time of day alone, which is taken on the day (the one before, of or after ``start`` in
    ``zone``) that puts it nearest the span ``start``–``end`` (UTC): a programme running
    past midnight takes "00:10" on its second day."""
    value = text.strip()
    clock = _clock_or_none(value, what)
    if clock is None:
        moment = _moment_or_none(value, what)
        if moment is None:
            raise InputError(
                _(
                    "{what}: '{value}' is not a time: use HH:MM or a date and time such as "
                    "{example}."
                ).format(what=what, value=text, example="2026-11-23 09:15")
            )
        return _wall_clock_to_utc(moment, zone, value, what)
    day = start.astimezone(zone).date()
    candidates = [datetime.combine(day + timedelta(days=d), clock) for d in (-1, 0, 1)]

    def distance(local: datetime) -> float:
        moment = local_to_utc(local, zone)
        if moment < start:
            return (start - moment).total_seconds()
        return max(0.0, (moment - end).total_seconds())

    return _wall_clock_to_utc(min(candidates, key=distance), zone, value, what)
