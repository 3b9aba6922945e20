"""The station clock. Everything asks here for "now", so tests and demos can fix it.

``RADIODESK_NOW`` (an ISO 8601 instant with an offset) fixes the clock for a whole process:
the test suite and recorded demos use it; a station never sets it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """Now, in UTC (or the instant fixed by ``RADIODESK_NOW``)."""
    fixed = os.environ.get("RADIODESK_NOW")
    if fixed:
        moment = datetime.fromisoformat(fixed)
        return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
    return datetime.now(UTC)


def fixed_clock(moment: datetime) -> Clock:
    """A clock that always says ``moment`` (must be timezone-aware)."""
    return lambda: moment
