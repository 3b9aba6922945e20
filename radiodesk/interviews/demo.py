"""Demo data of the interviews job for `radiodesk demo`."""

from __future__ import annotations

import random
from datetime import datetime

from sqlalchemy.orm import Session

from radiodesk.config import Settings


def fill(session: Session, settings: Settings, rng: random.Random, now: datetime) -> str:
    """Add this job's part of the demo station; returns one line for the operator."""
    return ""
