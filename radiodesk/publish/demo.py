"""Demo data of the publish job for ``radiodesk demo``: episodes, and a published public/.

Runs after the archive's demo has ingested its short recordings. Drafts an episode for each,
publishes most of them (each as if an editor had done so an hour after the broadcast),
leaves the newest as a draft and withdraws one, so the desk shows every state; then writes
public/ so that a new user can open ``public/index.html`` or subscribe to a feed at once.

Order of commits: everything here happens in the session :func:`fill` is given, and
public/ is written (:func:`radiodesk.publish.publish_in`) before the demo commits that
session. Publishing in a unit of work of its own would wait on this one's lock on SQLite.
Should the demo's commit fail, public/ shows episodes the database does not have as
published; the next ``radiodesk publish`` puts it right (it withdraws what is not public).
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from radiodesk.config import Settings
from radiodesk.errors import Conflict
from radiodesk.i18n import _
from radiodesk.models import Episode, EpisodeStatus
from radiodesk.publish.editorial import publish_episode, withdraw_episode
from radiodesk.publish.episodes import broadcast_end, sync_drafts
from radiodesk.publish.publisher import publish_in


def fill(session: Session, settings: Settings, rng: random.Random, now: datetime) -> str:
    """Draft, publish and write public/; returns one line for the operator."""
    sync_drafts(session, settings, now)
    episodes = list(
        session.scalars(
            select(Episode)
            .where(Episode.status.in_((EpisodeStatus.DRAFT, EpisodeStatus.SCHEDULED)))
            .order_by(Episode.id)
        )
    )
    if not episodes:
        return ""
    ordered = sorted(
        episodes,
        key=lambda e: (e.broadcast.planned_start if e.broadcast else e.created_at, e.id),
    )
    keep_draft = ordered[-1]
    # Held back by an editor: not even auto-publishing takes it now.
    keep_draft.status = EpisodeStatus.DRAFT
    keep_draft.publish_at = None
    keep_draft.edited_at = now
    withdraw = ordered[0] if len(ordered) >= 3 else None
    published = 0
    for episode in ordered:
        if episode is keep_draft:
            continue
        aired_end = broadcast_end(episode.broadcast) if episode.broadcast else now
        when = min(now, aired_end + timedelta(minutes=rng.randint(30, 90)))
        try:
            publish_episode(session, settings, episode.id, now=when)
        except Conflict:
            # A guest refused consent: it stays a draft, as it must.
            continue
        if episode is withdraw:
            withdraw_episode(session, settings, episode.id, now=now)
        else:
            published += 1
    result = publish_in(session, settings, now)
    index = settings.public_dir / "index.html"
    return _(
        "Published {published} demo episodes ({files} files in {folder}): open {index} or "
        "subscribe to {feed}."
    ).format(
        published=published,
        files=len(result.written) + result.unchanged,
        folder=settings.public_dir,
        index=index,
        feed=result.feeds[0].url if result.feeds else "",
    )
