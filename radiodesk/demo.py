"""``radiodesk demo``: fill the demo station with a few weeks of plausible activity.

Each job adds its part in turn (schedule, guests and live log, recordings, the air logger's
segments and the broadcasts cut from them, episodes and the published feed, one spoken
recording transcribed); each part is a
function ``fill(session, settings, rng, now) -> str`` in the job's own ``demo`` module,
returning one line for the operator.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from radiodesk import db
from radiodesk.config import Settings
from radiodesk.models import Broadcast
from radiodesk.shows import sync_shows

Stage = Callable[[Session, Settings, random.Random, datetime], str]


def stages() -> list[Stage]:
    from radiodesk.archive import demo as archive_demo
    from radiodesk.interviews import demo as interviews_demo
    from radiodesk.logger import demo as logger_demo
    from radiodesk.publish import demo as publish_demo
    from radiodesk.schedule import demo as schedule_demo
    from radiodesk.transcripts import demo as transcripts_demo

    return [
        schedule_demo.fill,
        interviews_demo.fill,
        archive_demo.fill,
        logger_demo.fill,
        publish_demo.fill,
        transcripts_demo.fill,
    ]


def is_empty(settings: Settings) -> bool:
    with db.unit_of_work(settings) as session:
        return not session.scalar(select(func.count()).select_from(Broadcast))


def run_demo(settings: Settings, now: datetime, seed: int = 2026) -> list[str]:
    """Sync the programmes, then let each job add its part; one unit of work per stage."""
    lines: list[str] = []
    rng = random.Random(seed)
    with db.unit_of_work(settings) as session:
        sync_shows(session, settings)
    for stage in stages():
        with db.unit_of_work(settings) as session:
            line = stage(session, settings, rng, now)
        if line:
            lines.append(line)
    return lines
