"""Translation and locale formatting.

Every string a person sees goes through :func:`_` (or :func:`ngettext`). The language is
chosen once per process by :func:`set_language`: ``--lang``, else ``RADIODESK_LANG``, else the
station's ``language`` setting. Strings marked with :func:`N_` are extracted but translated
where they are shown (e.g. table headings defined at import time).

Msgids are English. The catalogs live in ``radiodesk/locale/<lang>/LC_MESSAGES/radiodesk.po``
and are kept by ``python -m radiodesk.locale.catalogs update|check|compile``. The ``id``
catalog translates every msgid; the ``en`` catalog lists every msgid too, with an empty
msgstr meaning "the English msgid as written" (a msgstr there only rewords the English), so an
English station never falls through to Indonesian. Compiled ``.mo`` files are built into the
wheel and by ``.ci/setup``; where one is missing or older than its ``.po``, the ``.po`` is
compiled in memory.
"""

from __future__ import annotations

import gettext
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from functools import cache, wraps
from pathlib import Path
from typing import Any, TypeVar, cast
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


# A wheel's installer writes the .mo and the .po a moment apart and in any order; a .mo at
# most this many seconds older than its .po is the same catalog, not a stale one.
_MTIME_SLACK = 2.0
_catalogs: dict[str, tuple[tuple[float, float], gettext.NullTranslations]] = {}


def catalog_paths(lang: str) -> tuple[Path, Path]:
    """The compiled (.mo) and source (.po) catalog files of ``lang``."""
    mo = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    return mo, mo.with_suffix(".po")


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return -1.0


def _load_catalog(lang: str) -> gettext.NullTranslations:
    """The translations of ``lang``: its .mo, else its .po compiled in memory, else none.

    A .mo older than its .po (a translator's edit not compiled yet) is ignored in favour of
    the .po, so a source checkout always shows the catalogs as they are in the repository.
    Loaded catalogs are kept per process and reloaded when either file changes.
    """
    mo, po = catalog_paths(lang)
    stamp = (_mtime(mo), _mtime(po))
    cached = _catalogs.get(lang)
    if cached and cached[0] == stamp:
        return cached[1]
    translations: gettext.NullTranslations = gettext.NullTranslations()
    mo_time, po_time = stamp
    if mo_time >= 0 and (po_time < 0 or mo_time + _MTIME_SLACK >= po_time):
        with mo.open("rb") as fh:
            translations = gettext.GNUTranslations(fh)
    elif po_time >= 0:
        translations = _compile_in_memory(po, lang)
    _catalogs[lang] = (stamp, translations)
    return translations


def _compile_in_memory(po: Path, lang: str) -> gettext.NullTranslations:
    from io import BytesIO

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    buf = BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return gettext.GNUTranslations(buf)


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


# A thread may speak another language than the process for a while: publishing writes the
# public page and feeds in the station's language whatever the operator's desk speaks.
_local = threading.local()


@contextmanager
def speaking(lang: str | None) -> Iterator[str]:
    """``with speaking(station_language):`` — this thread translates into ``lang`` inside."""
    before = getattr(_local, "override", None)
    language = normalise_language(lang)
    _local.override = (language, _load_catalog(language))
    try:
        yield language
    finally:
        _local.override = before


F = TypeVar("F", bound=Callable[..., Any])


def in_station_language(func: F) -> F:
    """Run ``func(..., settings, ...)`` speaking the station's language, not the operator's:
    for what the public reads (pages, feeds, episode texts)."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        settings = kwargs.get("settings") or next(a for a in args if hasattr(a, "station"))
        with speaking(settings.station.language):
            return func(*args, **kwargs)

    return cast(F, wrapper)


def _active() -> tuple[str, gettext.NullTranslations]:
    override = getattr(_local, "override", None)
    return override if override is not None else (_language, _translation)


def current_language() -> str:
    """The language in force in this thread: ``id`` or ``en``."""
    return _active()[0]


def _(message: str) -> str:
    """Translate ``message`` (a literal English msgid) into the current language."""
    return _active()[1].gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message whose wording depends on the count ``n``.

    ``ngettext("{n} recording", "{n} recordings", n).format(n=n)``; Indonesian has one form.
    """
    return _active()[1].ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for extraction; translate it later with :func:`_`."""
    return message


def install_jinja2(env: Any) -> None:
    """Give a Jinja2 environment ``_``, ``ngettext`` and the formatting helpers below.

    Templates write ``{{ _("Listen to {show}").format(show=show.title) }}``, the same
    msgids and placeholders as Python code; the catalog tool extracts them from
    ``radiodesk/publish/templates``. Translation happens when a template renders, so one
    environment serves both languages.
    """
    env.globals.update(
        _=_,
        gettext=_,
        ngettext=ngettext,
        format_datetime=format_datetime,
        format_date=format_date,
        format_time=format_time,
        format_number=format_number,
        format_duration=format_duration,
        format_size=format_size,
        current_language=current_language,
    )


def _locale() -> Locale:
    return _locale_of(current_language())


# Parsing a locale costs more than formatting with it: once per language.
@cache
def _locale_of(language: str) -> Locale:
    try:
        return Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


@cache
def _clock_pattern(language: str) -> str:
    # The locale's own 24-hour pattern: "HH.mm" in Indonesian, "HH:mm" in English.
    skeleton = _locale_of(language).datetime_skeletons.get("Hm")
    return str(getattr(skeleton, "pattern", skeleton or "HH:mm"))


def zone_abbreviation(zone: str, moment: datetime) -> str:
    """WIB/WITA/WIT for Indonesian zones, else the zone's own abbreviation (CET, CEST…)."""
    if zone in ZONE_ABBREVIATIONS:
        return ZONE_ABBREVIATIONS[zone]
    return moment.astimezone(ZoneInfo(zone)).tzname() or zone


def _aware(moment: datetime) -> datetime:
    # A naive datetime would be read as the machine's own zone: a silent error of hours.
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"a time zone-aware datetime is needed, got {moment!r}")
    return moment


def _clock(local: time) -> str:
    return babel_dates.format_time(local, _clock_pattern(current_language()), locale=_locale())


def format_datetime(moment: datetime, zone: str, *, weekday: bool = True) -> str:
    """An instant shown in ``zone``: "Senin, 23 November 2026 08.00 WITA".

    ``moment`` must be time zone-aware (UTC as stored); ``zone`` is an IANA name.
    """
    local = _aware(moment).astimezone(ZoneInfo(zone))
    return f"{format_date(local.date(), weekday=weekday)} {_clock(local.time())} " + (
        zone_abbreviation(zone, moment)
    )


@cache
def _calendar_names(language: str, width: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The locale's weekday names (Monday first) and month names (January first)."""
    locale = _locale_of(language)
    days = locale.days["format"][width]
    months = locale.months["format"][width]
    return tuple(str(days[i]) for i in range(7)), tuple(str(months[i]) for i in range(1, 13))


def format_date(day: date, *, weekday: bool = True, short: bool = False) -> str:
    """A calendar date: "Senin, 23 November 2026"; short: "Sen, 23 Nov 2026".

    The pattern is Babel's ``EEEE, d MMMM y`` (``EEE, d MMM y`` short), filled in with the
    locale's names directly: pages list thousands of dates, and Babel parses its pattern
    anew for each one.
    """
    days, months = _calendar_names(current_language(), "abbreviated" if short else "wide")
    text = f"{day.day} {months[day.month - 1]} {day.year}"
    return f"{days[day.weekday()]}, {text}" if weekday else text


def format_month(day: date) -> str:
    """The month of ``day`` with its year: "November 2026"."""
    _days, months = _calendar_names(current_language(), "wide")
    return f"{months[day.month - 1]} {day.year}"


def format_time(clock: time | datetime, zone: str | None = None) -> str:
    """A wall-clock time, "08.00" in Indonesian, "08:00" in English.

    A datetime is first converted to ``zone`` (an IANA name) when one is given.
    """
    if isinstance(clock, datetime):
        if zone:
            clock = _aware(clock).astimezone(ZoneInfo(zone))
        clock = clock.time()
    return _clock(clock)


def weekday_name(index: int, width: str = "wide") -> str:
    """The name of a weekday, Monday is 0; ``width`` is "wide" (Senin) or "abbreviated" (Sen)."""
    names = _locale().days["format"][width]
    return str(names[index])


def format_number(value: float, decimals: int = 0) -> str:
    """A number with the locale's separators: "1.234,5" in Indonesian, "1,234.5" in English."""
    fmt = "#,##0" + ("." + "0" * decimals if decimals else "")
    return babel_numbers.format_decimal(value, format=fmt, locale=_locale())


def format_size(size: int) -> str:
    """A size in bytes for people: "512 B", "1,5 MB" (decimal units, one decimal)."""
    value = float(size)
    for unit in ("B", "kB", "MB", "GB"):
        if abs(value) < 1000 or unit == "GB":
            break
        value /= 1000
    decimals = 0 if unit == "B" else 1
    return f"{format_number(value, decimals)} {unit}"


def format_duration(seconds: float) -> str:
    """A duration as H:MM:SS (or M:SS under an hour); the same in every language."""
    total = int(round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


set_language(DEFAULT_LANGUAGE)
