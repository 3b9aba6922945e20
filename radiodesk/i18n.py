"""Translation and locale formatting.

Every string a person sees goes through :func:`_` (or :func:`ngettext`). The language is
chosen once per process by :func:`set_language`: ``--lang``, else ``RADIODESK_LANG``, else the
station's ``language`` setting. Strings marked with :func:`N_` are extracted but translated
where they are shown (e.g. table headings defined at import time).
"""

from __future__ import annotations

import gettext
import os
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel import dates as babel_dates
from babel import numbers as babel_numbers

DOMAIN = "radiodesk"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = DEFAULT_LANGUAGE

# Indonesia's three zones are known by their Indonesian abbreviations in both languages.
ZONE_ABBREVIATIONS = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}


def _load_catalog(lang: str) -> gettext.NullTranslations:
    mo = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    po = mo.with_suffix(".po")
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as fh:
            return gettext.GNUTranslations(fh)
    if po.exists():
        # A source checkout whose catalogs are not compiled yet: compile in memory.
        from io import BytesIO

        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        with po.open("rb") as fh:
            catalog = read_po(fh, locale=lang)
        buf = BytesIO()
        write_mo(buf, catalog)
        buf.seek(0)
        return gettext.GNUTranslations(buf)
    return gettext.NullTranslations()


def normalise_language(lang: str | None) -> str:
    """Return one of :data:`LANGUAGES` for a tag such as ``id_ID.UTF-8`` or ``en-GB``."""
    if not lang:
        return DEFAULT_LANGUAGE
    short = lang.replace("-", "_").split("_")[0].split(".")[0].lower()
    return short if short in LANGUAGES else "en"


def set_language(lang: str | None) -> str:
    """Switch the process to ``lang`` (``id`` or ``en``); returns the language in force."""
    global _translation, _language
    _language = normalise_language(lang)
    _translation = _load_catalog(_language)
    return _language


def language_from_env(station_language: str | None = None) -> str:
    """The language to use: ``RADIODESK_LANG`` when set, else the station's."""
    return normalise_language(os.environ.get("RADIODESK_LANG") or station_language)


def current_language() -> str:
    return _language


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for extraction; translate it later with :func:`_`."""
    return message


def _locale() -> Locale:
    try:
        return Locale.parse(_language)
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def zone_abbreviation(zone: str, moment: datetime) -> str:
    """WIB/WITA/WIT for Indonesian zones, else the zone's own abbreviation (CET, CEST…)."""
    if zone in ZONE_ABBREVIATIONS:
        return ZONE_ABBREVIATIONS[zone]
    return moment.astimezone(ZoneInfo(zone)).tzname() or zone


def format_datetime(moment: datetime, zone: str, *, weekday: bool = True) -> str:
    """A UTC instant shown in ``zone``: "Senin, 23 November 2026 08.00 WITA"."""
    local = moment.astimezone(ZoneInfo(zone))
    pattern = "EEEE, d MMMM y" if weekday else "d MMMM y"
    day = babel_dates.format_date(local.date(), pattern, locale=_locale())
    clock = babel_dates.format_time(local.time(), "HH:mm", locale=_locale())
    return f"{day} {clock} {zone_abbreviation(zone, moment)}"


def format_date(day: date, *, weekday: bool = True) -> str:
    """A calendar date: "Senin, 23 November 2026"."""
    pattern = "EEEE, d MMMM y" if weekday else "d MMMM y"
    return babel_dates.format_date(day, pattern, locale=_locale())


def format_time(clock: time | datetime, zone: str | None = None) -> str:
    """A wall-clock time, "08.00" in Indonesian, "08:00" in English."""
    if isinstance(clock, datetime):
        if zone:
            clock = clock.astimezone(ZoneInfo(zone))
        clock = clock.time()
    return babel_dates.format_time(clock, "HH:mm", locale=_locale())


def weekday_name(index: int, width: str = "wide") -> str:
    """Monday is 0."""
    names = _locale().days["format"][width]
    return str(names[index])


def format_number(value: float, decimals: int = 0) -> str:
    """A number with the locale's separators: "1.234,5" in Indonesian."""
    fmt = "#,##0" + ("." + "0" * decimals if decimals else "")
    return babel_numbers.format_decimal(value, format=fmt, locale=_locale())


def format_duration(seconds: float) -> str:
    """A duration as H:MM:SS (or M:SS under an hour)."""
    total = int(round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
