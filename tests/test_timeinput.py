"""Operator time input (radiodesk.timeinput): each accepted form, each refused one, and the
sentence an operator reads for a date the calendar does not have, in both languages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from radiodesk import i18n
from radiodesk.errors import InputError
from radiodesk.timeinput import (
    day_start,
    month_instants,
    parse_clock,
    parse_day,
    parse_local_datetime,
    parse_month,
    parse_time_near,
)
from tests.conftest import CliResult, Station

WITA = ZoneInfo("Asia/Makassar")
BERLIN = ZoneInfo("Europe/Berlin")


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-30", date(2026, 11, 30)),
        (" 2026-11-30 ", date(2026, 11, 30)),
        ("2026-2-3", date(2026, 2, 3)),
        ("30/11/2026", date(2026, 11, 30)),
        ("3/2/2026", date(2026, 2, 3)),
        ("30-11-2026", date(2026, 11, 30)),
        ("30.11.2026", date(2026, 11, 30)),
        ("20261130", date(2026, 11, 30)),
        ("2028-02-29", date(2028, 2, 29)),
        ("29/02/2028", date(2028, 2, 29)),
    ],
)
def test_dates_accepted(text: str, expected: date) -> None:
    assert parse_day(text, "--from") == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31/11/2026", "--from: 31/11/2026 is not in the calendar: November 2026 has 30 days."),
        ("2026-02-30", "--from: 2026-02-30 is not in the calendar: February 2026 has 28 days."),
        ("29/02/2027", "--from: 29/02/2027 is not in the calendar: February 2027 has 28 days."),
        ("2026-11-00", "--from: 2026-11-00 is not in the calendar: November 2026 has 30 days."),
        ("2026-13-01", "--from: 2026-13-01 is not in the calendar: there is no month 13."),
        ("30/13/2026", "--from: 30/13/2026 is not in the calendar: there is no month 13."),
        ("besok", "--from: 'besok' is not a date; expected e.g. 2026-11-30 or 30/11/2026"),
        ("11/30/26", "--from: '11/30/26' is not a date"),
        ("", "--from: '' is not a date"),
    ],
)
def test_dates_refused_with_a_sentence(text: str, message: str) -> None:
    with pytest.raises(InputError) as refused:
        parse_day(text, "--from")
    assert str(refused.value).startswith(message)
    assert "%Y" not in str(refused.value)


def test_a_date_not_in_the_calendar_is_said_in_indonesian() -> None:
    with i18n.speaking("id"), pytest.raises(InputError) as refused:
        parse_day("31/11/2026", "--dari")
    assert str(refused.value) == (
        "--dari: 31/11/2026 tidak ada di kalender: November 2026 hanya punya 30 hari."
    )
    with i18n.speaking("id"), pytest.raises(InputError) as refused:
        parse_local_datetime("2026-02-30 10:00", WITA, "--mulai")
    assert "Februari 2026 hanya punya 28 hari" in str(refused.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2026-11", date(2026, 11, 1)), ("11/2026", date(2026, 11, 1)), ("2026-1", date(2026, 1, 1))],
)
def test_months_accepted(text: str, expected: date) -> None:
    assert parse_month(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-13", "--month: 2026-13 is not in the calendar: there is no month 13."),
        ("2026-99", "--month: 2026-99 is not in the calendar: there is no month 99."),
        ("9999-12", "--month: 9999-12 is out of range: give a date from 1900-01-01 to 2999-12-31."),
        ("November", "--month: 'November' is not a month; expected YYYY-MM"),
    ],
)
def test_months_refused(text: str, message: str) -> None:
    with pytest.raises(InputError, match="^" + message.replace("(", r"\(").replace(")", r"\)")):
        parse_month(text, "--month")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10:00", time(10, 0)),
        ("9:05", time(9, 5)),
        ("10.00", time(10, 0)),
        ("23:59:59", time(23, 59, 59)),
        ("00.10.30", time(0, 10, 30)),
    ],
)
def test_clock_times_accepted(text: str, expected: time) -> None:
    assert parse_clock(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("24:00", "time: 24:00 is not a time of day (00:00 to 23:59)."),
        ("10:60", "time: 10:60 is not a time of day (00:00 to 23:59)."),
        ("jam 10", "time: 'jam 10' is not a time of day; expected e.g. 10:00"),
    ],
)
def test_clock_times_refused(text: str, message: str) -> None:
    with pytest.raises(InputError) as refused:
        parse_clock(text)
    assert str(refused.value) == message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-30 10:00", utc(2026, 11, 30, 2, 0)),
        ("2026-11-30T10:00", utc(2026, 11, 30, 2, 0)),
        ("2026-11-30 10.00", utc(2026, 11, 30, 2, 0)),
        ("2026-11-30 10:00:30", utc(2026, 11, 30, 2, 0, 30)),
        ("30/11/2026 10:00", utc(2026, 11, 30, 2, 0)),
        ("2026-11-30 10:00+07:00", utc(2026, 11, 30, 3, 0)),
        ("2026-11-30T02:00Z", utc(2026, 11, 30, 2, 0)),
        ("2026-11-30T10:00:00.250", utc(2026, 11, 30, 2, 0, 0, 250000)),
        ("2026-11-30", utc(2026, 11, 29, 16, 0)),
    ],
)
def test_dates_and_times_accepted_in_the_station_zone(text: str, expected: datetime) -> None:
    assert parse_local_datetime(text, WITA, "--start") == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-11-31 10:00", "--start: 2026-11-31 is not in the calendar: November 2026 has 30"),
        ("31/11/2026 10:00", "--start: 31/11/2026 is not in the calendar: November 2026 has 30"),
        ("2026-11-30 25:00", "--start: 25:00 is not a time of day (00:00 to 23:59)."),
        ("kemarin", "--start: 'kemarin' is not a date and time; expected e.g. 2026-11-30 10:00"),
    ],
)
def test_dates_and_times_refused(text: str, message: str) -> None:
    with pytest.raises(InputError) as refused:
        parse_local_datetime(text, WITA, "--start")
    assert str(refused.value).startswith(message)


def test_a_wall_clock_time_the_zone_skips_is_refused_and_a_repeated_one_is_the_first() -> None:
    with pytest.raises(InputError, match="does not exist in Europe/Berlin"):
        parse_local_datetime("2026-03-29 02:30", BERLIN)
    assert parse_local_datetime("2026-10-25 02:30", BERLIN) == utc(2026, 10, 25, 0, 30)


def test_a_time_of_day_is_taken_on_the_day_nearest_the_broadcast() -> None:
    # 23:00–01:00 WITA, across midnight.
    start, end = utc(2026, 11, 30, 15, 0), utc(2026, 11, 30, 17, 0)
    assert parse_time_near("23:15", WITA, start, end) == utc(2026, 11, 30, 15, 15)
    assert parse_time_near("00.10", WITA, start, end) == utc(2026, 11, 30, 16, 10)
    assert parse_time_near("2026-12-01 00:10", WITA, start, end) == utc(2026, 11, 30, 16, 10)
    with pytest.raises(InputError, match="'besok' is not a time: use HH:MM"):
        parse_time_near("besok", WITA, start, end)
    with pytest.raises(InputError, match="not in the calendar"):
        parse_time_near("2026-11-31 00:10", WITA, start, end)


def test_days_and_months_become_the_instants_they_start_at() -> None:
    assert day_start(date(2026, 11, 30), WITA) == utc(2026, 11, 29, 16, 0)
    assert month_instants(date(2026, 12, 1), WITA) == (
        utc(2026, 11, 30, 16, 0),
        utc(2026, 12, 31, 16, 0),
    )


@pytest.mark.parametrize(
    "args",
    [
        ("search", "banjir", "--from", "31/11/2026"),
        ("export-bag", "out", "--from", "2026-02-30"),
        ("schedule", "check", "--from", "31/11/2026"),
        ("schedule", "--week", "2026-02-30"),
    ],
)
def test_the_cli_says_why_a_date_is_refused_in_one_line(
    args: tuple[str, ...], station: Station, cli: Callable[..., CliResult]
) -> None:
    result = cli(*args)
    assert result.code == 1
    err = result.err.strip()
    assert len(err.splitlines()) == 1, err
    assert "is not in the calendar" in err and ("30 days" in err or "28 days" in err), err
    assert "%Y" not in err
