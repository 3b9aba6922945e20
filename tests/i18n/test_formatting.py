"""Dates, times and numbers for people, in the station's zone and the operator's language."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest
from jinja2 import Environment

from radiodesk import i18n

MONDAY_MIDNIGHT_UTC = datetime(2026, 11, 23, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("lang", "zone", "shown"),
    [
        ("id", "Asia/Makassar", "Senin, 23 November 2026 08.00 WITA"),
        ("id", "Asia/Jakarta", "Senin, 23 November 2026 07.00 WIB"),
        ("id", "Asia/Pontianak", "Senin, 23 November 2026 07.00 WIB"),
        ("id", "Asia/Jayapura", "Senin, 23 November 2026 09.00 WIT"),
        ("en", "Asia/Makassar", "Monday, 23 November 2026 08:00 WITA"),
        ("en", "Asia/Jakarta", "Monday, 23 November 2026 07:00 WIB"),
        ("en", "Asia/Jayapura", "Monday, 23 November 2026 09:00 WIT"),
        ("en", "Europe/Amsterdam", "Monday, 23 November 2026 01:00 CET"),
        ("id", "UTC", "Senin, 23 November 2026 00.00 UTC"),
    ],
)
def test_an_instant_in_each_zone_and_language(lang: str, zone: str, shown: str) -> None:
    i18n.set_language(lang)
    assert i18n.format_datetime(MONDAY_MIDNIGHT_UTC, zone) == shown


def test_the_station_day_is_the_local_day() -> None:
    i18n.set_language("id")
    sunday_evening_utc = datetime(2026, 11, 22, 17, 30, tzinfo=UTC)
    assert i18n.format_datetime(sunday_evening_utc, "Asia/Jayapura") == (
        "Senin, 23 November 2026 02.30 WIT"
    )
    assert i18n.format_datetime(sunday_evening_utc, "Asia/Jakarta", weekday=False) == (
        "23 November 2026 00.30 WIB"
    )
    # Any aware datetime is the same instant, whatever zone it carries.
    same = sunday_evening_utc.astimezone(timezone(timedelta(hours=-5)))
    assert i18n.format_datetime(same, "Asia/Makassar") == "Senin, 23 November 2026 01.30 WITA"


def test_a_naive_datetime_is_refused() -> None:
    with pytest.raises(ValueError, match="zone-aware"):
        i18n.format_datetime(datetime(2026, 11, 23, 8, 0), "Asia/Makassar")


def test_dates_times_and_weekdays() -> None:
    i18n.set_language("id")
    assert i18n.format_date(date(2026, 11, 3)) == "Selasa, 3 November 2026"
    assert i18n.format_date(date(2026, 11, 3), short=True) == "Sel, 3 Nov 2026"
    assert i18n.format_date(date(2026, 8, 17), weekday=False) == "17 Agustus 2026"
    assert i18n.format_time(time(19, 5)) == "19.05"
    assert i18n.format_time(MONDAY_MIDNIGHT_UTC, "Asia/Makassar") == "08.00"
    assert [i18n.weekday_name(i) for i in (0, 4, 6)] == ["Senin", "Jumat", "Minggu"]
    i18n.set_language("en")
    assert i18n.format_date(date(2026, 11, 3)) == "Tuesday, 3 November 2026"
    assert i18n.format_date(date(2026, 8, 17), weekday=False) == "17 August 2026"
    assert i18n.format_time(time(19, 5)) == "19:05"
    assert i18n.weekday_name(4, "abbreviated") == "Fri"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_dates_read_as_babel_writes_them_every_day_of_four_years(lang: str) -> None:
    """format_date fills Babel's patterns in itself (for speed): it must write what Babel
    writes, weekday and month names included, for every day and every form."""
    from babel import dates as babel_dates

    patterns = {
        (True, False): "EEEE, d MMMM y",
        (False, False): "d MMMM y",
        (True, True): "EEE, d MMM y",
        (False, True): "d MMM y",
    }
    with i18n.speaking(lang):
        day = date(2027, 1, 1)
        for _ in range(4 * 366):
            for (weekday, short), pattern in patterns.items():
                expected = babel_dates.format_date(day, pattern, locale=lang)
                assert i18n.format_date(day, weekday=weekday, short=short) == expected
            day -= timedelta(days=1)


def test_numbers_sizes_and_durations_use_the_locale_separators() -> None:
    i18n.set_language("id")
    assert i18n.format_number(1234567.5, 1) == "1.234.567,5"
    assert i18n.format_number(-16.04, 1) == "-16,0"
    assert i18n.format_size(1_536_000) == "1,5 MB"
    assert i18n.format_size(512) == "512 B"
    i18n.set_language("en")
    assert i18n.format_number(1234567.5, 1) == "1,234,567.5"
    assert i18n.format_number(12345) == "12,345"
    assert i18n.format_size(2_400_000_000) == "2.4 GB"
    assert i18n.format_duration(3725) == "1:02:05"
    assert i18n.format_duration(65.4) == "1:05"


def test_templates_translate_when_they_render() -> None:
    env = Environment(autoescape=True)
    i18n.install_jinja2(env)
    template = env.from_string(
        "{{ _('Usage:') }} {{ format_datetime(moment, 'Asia/Makassar') }}"
        " {{ ngettext('{n} recording', '{n} recordings', 2).format(n=format_number(1200)) }}"
    )
    i18n.set_language("id")
    shown = template.render(moment=MONDAY_MIDNIGHT_UTC)
    assert shown.startswith("Penggunaan: Senin, 23 November 2026 08.00 WITA 1.200 ")
    i18n.set_language("en")
    assert template.render(moment=MONDAY_MIDNIGHT_UTC) == (
        "Usage: Monday, 23 November 2026 08:00 WITA 1,200 recordings"
    )


def test_language_tags_are_normalised() -> None:
    assert i18n.normalise_language("id_ID.UTF-8") == "id"
    assert i18n.normalise_language("en-GB") == "en"
    assert i18n.normalise_language("fr") == "en"  # no French catalog: English, not Indonesian
    assert i18n.normalise_language(None) == "id"
