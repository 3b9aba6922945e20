"""Programme files (``shows/*.toml``): read, check, and load into the database.

A programme file is named after the show's slug (``kabar-pagi.toml``)::

    title = "Kabar Pagi Luwu Utara"
    description = "…"
    hosts = ["Andi Baso"]
    category = "News"                 # Apple Podcasts category
    live = true                       # listeners call in: the desk logs their questions

    [podcast]
    enabled = true
    auto_publish_after = 120          # minutes after the broadcast; omit to publish by hand
    loudness = -16.0                  # LUFS, integrated
    format = "mp3"                    # mp3 | m4a | ogg | opus
    bitrate = 64                      # kbit/s
    channels = 1

    [logger]                          # optional: the air logger's cut of each broadcast
    pre_roll = 30                     # seconds kept before its start (default: [logger]'s
    post_roll = 300                   # in radiodesk.toml), and after its end

    [[slots]]
    days = ["MO", "TU", "WE", "TH", "FR"]
    start = "06:00"                   # station time
    duration = 60                     # minutes
    from = 2026-01-05
    until = 2026-12-31                # optional
    every = 2                         # optional: every other week
    nth = 1                           # optional: only the 1st (…, 4th, -1 last) of the month

Any mistake raises :class:`~radiodesk.errors.ConfigError` naming the file, the key and the
reason, and nothing is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from radiodesk.config import Settings, read_toml
from radiodesk.errors import ConfigError
from radiodesk.i18n import _
from radiodesk.models import Show, Slot, Station

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
AUDIO_FORMATS = ("mp3", "m4a", "ogg", "opus")
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,78}$")
TIME_RE = re.compile(r"^(\d{1,2}):(\d{2})$")
MAX_DURATION = 24 * 60

_SHOW_KEYS = {
    "title",
    "description",
    "hosts",
    "category",
    "subcategory",
    "language",
    "explicit",
    "artwork",
    "live",
    "podcast",
    "logger",
    "slots",
}
_PODCAST_KEYS = {"enabled", "auto_publish_after", "loudness", "format", "bitrate", "channels"}
_LOGGER_KEYS = ("pre_roll", "post_roll")
# The longest pre-/post-roll a programme may ask for (seconds).
MAX_ROLL = 3600
_SLOT_KEYS = {"key", "days", "start", "duration", "from", "until", "every", "nth"}


@dataclass(frozen=True)
class SlotSpec:
    key: str
    weekdays: tuple[str, ...]
    start_time: time
    duration_minutes: int
    valid_from: date
    valid_until: date | None
    interval: int = 1
    monthly_nth: int | None = None


@dataclass(frozen=True)
class ShowSpec:
    slug: str
    title: str
    source_file: str
    description: str = ""
    hosts: tuple[str, ...] = ()
    category: str = "News"
    subcategory: str | None = None
    language: str = "id"
    explicit: bool = False
    artwork: str | None = None
    live: bool = False
    podcast: bool = False
    auto_publish_after: int | None = None
    loudness_target: float = -16.0
    audio_format: str = "mp3"
    audio_bitrate: int = 64
    audio_channels: int = 1
    pre_roll: float | None = None
    post_roll: float | None = None
    slots: tuple[SlotSpec, ...] = ()


@dataclass
class SyncReport:
    """What ``shows sync`` changed. Slot ids are those whose airings must be re-planned."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    changed_slot_ids: list[int] = field(default_factory=list)


def _fail(path: Path, key: str, reason: str) -> ConfigError:
    return ConfigError(_("{file}: key '{key}': {reason}").format(file=path, key=key, reason=reason))


def _text(path: Path, key: str, value: Any, *, required: bool = False, limit: int = 4000) -> str:
    if not isinstance(value, str):
        raise _fail(path, key, _("expected text"))
    value = value.strip()
    if required and not value:
        raise _fail(path, key, _("must not be empty"))
    if len(value) > limit:
        raise _fail(path, key, _("longer than {n} characters").format(n=limit))
    return value


def _int(path: Path, key: str, value: Any, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(path, key, _("expected a whole number"))
    if not low <= value <= high:
        raise _fail(path, key, _("must be between {low} and {high}").format(low=low, high=high))
    return value


def _date(path: Path, key: str, value: Any) -> date:
    if isinstance(value, datetime):
        raise _fail(path, key, _("expected a date such as 2026-01-05, without a time"))
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise _fail(path, key, _("expected a date such as 2026-01-05"))


def parse_clock(path: Path, key: str, value: Any) -> time:
    """ "06:00" (or a TOML local time) as a time; 24:00 and 25:00 are refused."""
    if isinstance(value, time):
        return value
    if isinstance(value, str):
        match = TIME_RE.match(value.strip())
        if match:
            hour, minute = int(match.group(1)), int(match.group(2))
            if hour < 24 and minute < 60:
                return time(hour, minute)
    raise _fail(
        path,
        key,
        _("expected a time of day from 00:00 to 23:59, got {value!r}").format(value=value),
    )


def parse_rolls(path: Path, raw: Any) -> tuple[float | None, float | None]:
    """The programme's ``[logger]`` pre_roll and post_roll (seconds), None where not set."""
    if not isinstance(raw, dict):
        raise _fail(path, "logger", _("expected a [logger] table"))
    values: list[float | None] = []
    for key in raw:
        if key not in _LOGGER_KEYS:
            raise _fail(
                path,
                f"logger.{key}",
                _("unknown key; expected one of {keys}").format(keys=", ".join(_LOGGER_KEYS)),
            )
    for key in _LOGGER_KEYS:
        value = raw.get(key)
        if value is not None and (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not 0 <= value <= MAX_ROLL
        ):
            raise _fail(
                path,
                f"logger.{key}",
                _("expected seconds between 0 and {most}").format(most=MAX_ROLL),
            )
        values.append(None if value is None else float(value))
    return values[0], values[1]


def parse_slot(path: Path, index: int, raw: Any) -> SlotSpec:
    where = f"slots[{index}]"
    if not isinstance(raw, dict):
        raise _fail(path, where, _("expected a [[slots]] table"))
    for key in raw:
        if key not in _SLOT_KEYS:
            raise _fail(
                path,
                f"{where}.{key}",
                _("unknown key; expected one of {keys}").format(keys=", ".join(sorted(_SLOT_KEYS))),
            )
    for key in ("days", "start", "duration", "from"):
        if key not in raw:
            raise _fail(path, f"{where}.{key}", _("missing"))
    days = raw["days"]
    if isinstance(days, str):
        days = [days]
    if not isinstance(days, list) or not days:
        raise _fail(path, f"{where}.days", _('expected a list of weekdays such as ["MO", "FR"]'))
    weekdays: list[str] = []
    for day in days:
        code = str(day).strip().upper()[:2] if isinstance(day, str) else ""
        if not isinstance(day, str) or code not in WEEKDAYS or len(day.strip()) not in (2, 3):
            raise _fail(
                path,
                f"{where}.days",
                _("unknown weekday {day!r}; use MO TU WE TH FR SA SU").format(day=day),
            )
        if code not in weekdays:
            weekdays.append(code)
    start = parse_clock(path, f"{where}.start", raw["start"])
    duration = raw["duration"]
    if (
        isinstance(duration, bool)
        or not isinstance(duration, int)
        or not 0 < duration <= MAX_DURATION
    ):
        raise _fail(
            path,
            f"{where}.duration",
            _("expected minutes, more than 0 and at most 24 hours (1440)"),
        )
    valid_from = _date(path, f"{where}.from", raw["from"])
    valid_until = _date(path, f"{where}.until", raw["until"]) if "until" in raw else None
    if valid_until is not None and valid_until < valid_from:
        raise _fail(path, f"{where}.until", _("is before 'from' ({day})").format(day=valid_from))
    interval = _int(path, f"{where}.every", raw.get("every", 1), 1, 8)
    nth = raw.get("nth")
    if nth is not None:
        nth = _int(path, f"{where}.nth", nth, -1, 5)
        if nth == 0:
            raise _fail(path, f"{where}.nth", _("use 1 to 5, or -1 for the last of the month"))
        if interval != 1:
            raise _fail(path, f"{where}.every", _("cannot be combined with 'nth'"))
    key = _text(path, f"{where}.key", raw.get("key", f"slot-{index + 1}"), required=True, limit=80)
    order = sorted(weekdays, key=WEEKDAYS.index)
    return SlotSpec(key, tuple(order), start, duration, valid_from, valid_until, interval, nth)


def parse_show_file(path: Path) -> ShowSpec:
    """Read and check one programme file; raises ConfigError naming file, key and reason."""
    slug = path.stem
    if not SLUG_RE.match(slug):
        raise ConfigError(
            _("{file}: the file name must be a slug of a-z, 0-9 and '-'").format(file=path)
        )
    raw = read_toml(path)
    for key in raw:
        if key not in _SHOW_KEYS:
            raise _fail(
                path,
                key,
                _("unknown key; expected one of {keys}").format(keys=", ".join(sorted(_SHOW_KEYS))),
            )
    if "title" not in raw:
        raise _fail(path, "title", _("missing"))
    hosts = raw.get("hosts", [])
    if not isinstance(hosts, list) or not all(isinstance(h, str) and h.strip() for h in hosts):
        raise _fail(path, "hosts", _("expected a list of names"))
    explicit = raw.get("explicit", False)
    live = raw.get("live", False)
    for key, value in (("explicit", explicit), ("live", live)):
        if not isinstance(value, bool):
            raise _fail(path, key, _("expected true or false"))
    language = _text(path, "language", raw.get("language", "id"), required=True, limit=8)
    podcast = raw.get("podcast", {})
    if not isinstance(podcast, dict):
        raise _fail(path, "podcast", _("expected a [podcast] table"))
    for key in podcast:
        if key not in _PODCAST_KEYS:
            raise _fail(
                path,
                f"podcast.{key}",
                _("unknown key; expected one of {keys}").format(
                    keys=", ".join(sorted(_PODCAST_KEYS))
                ),
            )
    enabled = podcast.get("enabled", False)
    if not isinstance(enabled, bool):
        raise _fail(path, "podcast.enabled", _("expected true or false"))
    auto = podcast.get("auto_publish_after")
    if auto is not None:
        auto = _int(path, "podcast.auto_publish_after", auto, 0, 60 * 24 * 30)
    loudness = podcast.get("loudness", -16.0)
    if (
        isinstance(loudness, bool)
        or not isinstance(loudness, int | float)
        or not -31 <= loudness <= -5
    ):
        raise _fail(path, "podcast.loudness", _("expected LUFS between -31 and -5, e.g. -16"))
    fmt = podcast.get("format", "mp3")
    if fmt not in AUDIO_FORMATS:
        raise _fail(
            path,
            "podcast.format",
            _("expected one of {keys}").format(keys=", ".join(AUDIO_FORMATS)),
        )
    bitrate = _int(path, "podcast.bitrate", podcast.get("bitrate", 64), 16, 320)
    channels = _int(path, "podcast.channels", podcast.get("channels", 1), 1, 2)
    slots_raw = raw.get("slots", [])
    if not isinstance(slots_raw, list):
        raise _fail(path, "slots", _("expected [[slots]] tables"))
    slots = tuple(parse_slot(path, i, s) for i, s in enumerate(slots_raw))
    keys = [s.key for s in slots]
    if len(set(keys)) != len(keys):
        raise _fail(path, "slots", _("two slots have the same key"))
    artwork = raw.get("artwork")
    pre_roll, post_roll = parse_rolls(path, raw.get("logger", {}))
    return ShowSpec(
        slug=slug,
        title=_text(path, "title", raw["title"], required=True, limit=300),
        source_file=path.name,
        description=_text(path, "description", raw.get("description", "")),
        hosts=tuple(h.strip() for h in hosts),
        category=_text(path, "category", raw.get("category", "News"), required=True, limit=100),
        subcategory=(
            _text(path, "subcategory", raw["subcategory"], limit=100)
            if raw.get("subcategory")
            else None
        ),
        language=language,
        explicit=explicit,
        artwork=_text(path, "artwork", artwork, limit=500) if artwork else None,
        live=live,
        podcast=enabled,
        auto_publish_after=auto,
        loudness_target=float(loudness),
        audio_format=fmt,
        audio_bitrate=bitrate,
        audio_channels=channels,
        pre_roll=pre_roll,
        post_roll=post_roll,
        slots=slots,
    )


def read_show_files(shows_dir: Path) -> list[ShowSpec]:
    """Every ``*.toml`` in ``shows_dir``, checked. The first bad file stops the lot."""
    if not shows_dir.is_dir():
        raise ConfigError(
            _("{folder}: the programmes folder does not exist").format(folder=shows_dir)
        )
    return [parse_show_file(p) for p in sorted(shows_dir.glob("*.toml"))]


def _apply(row: Any, values: dict[str, Any]) -> bool:
    changed = False
    for key, value in values.items():
        if getattr(row, key) != value:
            setattr(row, key, value)
            changed = True
    return changed


def sync_station(session: Session, settings: Settings) -> None:
    """Keep the station row in step with radiodesk.toml."""
    s = settings.station
    values = {
        "name": s.name,
        "short_name": s.short_name,
        "frequency": s.frequency,
        "timezone": s.timezone,
        "language": s.language,
        "public_url": s.public_url,
        "owner_name": s.owner_name,
        "owner_email": s.owner_email,
        "artwork": s.artwork or None,
    }
    row = session.scalars(select(Station).limit(1)).first()
    if row is None:
        session.add(Station(**values))
    else:
        _apply(row, values)


def sync_shows(session: Session, settings: Settings, now: datetime | None = None) -> SyncReport:
    """Load ``shows/*.toml`` into the database; running it twice changes nothing the second time.

    Slots are matched by key; a slot gone from its file is made inactive (its past airings
    stay). A show whose file is gone is retired (inactive), never deleted. Changed slots are
    planned ahead from ``now`` (the station's clock when not given).
    """
    specs = read_show_files(settings.shows_dir)
    sync_station(session, settings)
    report = SyncReport()
    existing = {s.slug: s for s in session.scalars(select(Show))}
    for spec in specs:
        show = existing.pop(spec.slug, None)
        values = {
            "title": spec.title,
            "description": spec.description,
            "hosts": list(spec.hosts),
            "category": spec.category,
            "subcategory": spec.subcategory,
            "language": spec.language,
            "explicit": spec.explicit,
            "artwork": spec.artwork,
            "live": spec.live,
            "podcast": spec.podcast,
            "auto_publish_after": spec.auto_publish_after,
            "loudness_target": spec.loudness_target,
            "audio_format": spec.audio_format,
            "audio_bitrate": spec.audio_bitrate,
            "audio_channels": spec.audio_channels,
            "pre_roll": spec.pre_roll,
            "post_roll": spec.post_roll,
            "source_file": spec.source_file,
            "active": True,
        }
        if show is None:
            show = Show(slug=spec.slug, **values)
            session.add(show)
            report.added.append(spec.slug)
            changed = True
        else:
            changed = _apply(show, values)
        slots = {s.key: s for s in show.slots}
        for slot_spec in spec.slots:
            slot_values = {
                "weekdays": ",".join(slot_spec.weekdays),
                "start_time": slot_spec.start_time,
                "duration_minutes": slot_spec.duration_minutes,
                "valid_from": slot_spec.valid_from,
                "valid_until": slot_spec.valid_until,
                "interval": slot_spec.interval,
                "monthly_nth": slot_spec.monthly_nth,
                "active": True,
            }
            slot = slots.pop(slot_spec.key, None)
            if slot is None:
                slot = Slot(key=slot_spec.key, **slot_values)
                show.slots.append(slot)
                changed = True
            elif _apply(slot, slot_values):
                changed = True
        for gone in slots.values():
            if gone.active:
                gone.active = False
                changed = True
        session.flush()
        if changed:
            report.changed_slot_ids.extend(s.id for s in show.slots)
            if spec.slug not in report.added:
                report.updated.append(spec.slug)
        else:
            report.unchanged.append(spec.slug)
    for show in existing.values():
        if show.active:
            show.active = False
            for slot in show.slots:
                slot.active = False
                report.changed_slot_ids.append(slot.id)
            report.retired.append(show.slug)
    session.flush()
    if report.changed_slot_ids:
        # Plan the changed slots' airings in this same unit of work (see radiodesk.schedule).
        from radiodesk.clock import system_clock
        from radiodesk.schedule.plan import plan_airings

        plan_airings(session, settings, now or system_clock(), slot_ids=report.changed_slot_ids)
    return report
