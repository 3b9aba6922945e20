"""When a recording started, read from the name a recorder gave it.

Recorders and loggers name files after their start time, in the station's local time unless
the name carries an offset. The patterns understood (anywhere in the name):

- ``2026-11-23_08-00-00`` (also with a space, ``.``, ``:`` or ``h`` between the parts,
  seconds optional);
- ``2026-11-23T080000+0800_PT1H30M`` (ISO 8601, basic or extended, offset and duration
  optional);
- ``20261123_080000`` / ``20261123080000`` (compact loggers; seconds required, so that
  ``20261123_0001``, a date and a take number, is not read as 00:01);
- ``23-11-2026_08-00-00`` (day first, as many Indonesian devices write it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

_ISO = re.compile(
    r"(?<!\d)(?P<y>\d{4})-?(?P<m>\d{2})-?(?P<d>\d{2})T(?P<H>\d{2}):?(?P<M>\d{2})"
    r"(?::?(?P<S>\d{2}))?(?:[.,]\d+)?(?P<tz>Z|[+-]\d{2}(?::?\d{2})?)?(?!\d)"
)
_DASHED = re.compile(
    r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})[ _-](?P<H>\d{2})[-.:hH](?P<M>\d{2})"
    r"(?:[-.:mM](?P<S>\d{2}))?(?!\d)"
)
_COMPACT = re.compile(
    r"(?<!\d)(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})[_-]?(?P<H>\d{2})(?P<M>\d{2})(?P<S>\d{2})(?!\d)"
)
_DAY_FIRST = re.compile(
    r"(?<!\d)(?P<d>\d{2})[-.](?P<m>\d{2})[-.](?P<y>\d{4})[ _-](?P<H>\d{2})[-.:hH](?P<M>\d{2})"
    r"(?:[-.:mM](?P<S>\d{2}))?(?!\d)"
)
_PATTERNS = (_ISO, _DASHED, _COMPACT, _DAY_FIRST)
_DURATION = re.compile(
    r"(?<![A-Za-z])P(?:(?P<D>\d+)D)?T(?:(?P<H>\d+)H)?(?:(?P<M>\d+)M)?(?:(?P<S>\d+(?:\.\d+)?)S)?"
)


@dataclass(frozen=True)
class NameTime:
    """A start instant (UTC) read from a file name, and the duration it states, if any."""

    start: datetime
    duration: float | None = None


def parse_offset(text: str) -> timezone:
    if text == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def duration_from_name(name: str) -> float | None:
    """An ISO 8601 duration such as ``PT1H30M`` in ``name``, in seconds."""
    match = _DURATION.search(name)
    if not match or not any(match.group(k) for k in "DHMS"):
        return None
    parts = {k: float(match.group(k) or 0) for k in "DHMS"}
    return parts["D"] * 86400 + parts["H"] * 3600 + parts["M"] * 60 + parts["S"]


def start_from_name(name: str, zone: ZoneInfo) -> NameTime | None:
    """The start time a recorder wrote into ``name`` (local to ``zone`` unless it has an
    offset), or None when the name holds no valid date and time."""
    for pattern in _PATTERNS:
        for match in pattern.finditer(name):
            groups = match.groupdict()
            try:
                local = datetime(
                    int(groups["y"]),
                    int(groups["m"]),
                    int(groups["d"]),
                    int(groups["H"]),
                    int(groups["M"]),
                    int(groups.get("S") or 0),
                )
            except ValueError:
                continue
            tz = groups.get("tz")
            moment = local.replace(tzinfo=parse_offset(tz) if tz else zone)
            return NameTime(moment.astimezone(UTC), duration_from_name(name[match.end() :]))
    return None
