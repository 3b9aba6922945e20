"""The publish job: podcast episodes, feeds, the public page, and the preview server.

Plain functions for the desk and the command line (no Textual, no click):

- Episodes (take a ``Session``; the caller frames the unit of work):
  :func:`sync_drafts` drafts an episode for every new recording of a podcast programme;
  :func:`list_episodes` → :class:`EpisodeSummary`, :func:`episode_detail` →
  :class:`EpisodeDetail`; :func:`edit_episode`, :func:`publish_episode`,
  :func:`schedule_episode`, :func:`withdraw_episode` (each refuses, with one line, what may
  not be public).
- Publishing: :func:`plan_publish` (``session``) → :class:`PublishPlan`, what the next
  publish would add, change and withdraw; :func:`publish` (``settings``; opens its own unit
  of work, then writes ``public/`` with the database closed) → :class:`PublishResult`, with
  ``progress(done, total)`` called in batches;
  only new or changed files are written, and an unchanged station is recognised without
  reading its episodes; :func:`publish_in` does the same inside the caller's session (the
  demo); :func:`feed_urls` → :class:`FeedLink` for every feed.
- Serving: :func:`start_server` serves ``public/`` from a thread (``radiodesk serve`` runs
  the same server in the foreground).
"""

from radiodesk.publish.editorial import (
    UNSET,
    ChapterLine,
    EpisodeDetail,
    EpisodeSummary,
    edit_episode,
    episode_detail,
    list_episodes,
    publish_episode,
    schedule_episode,
    withdraw_episode,
)
from radiodesk.publish.episodes import SyncResult, sync_drafts
from radiodesk.publish.publisher import (
    EpisodeChange,
    FeedLink,
    PublishPlan,
    PublishResult,
    feed_urls,
    plan_publish,
    publish,
    publish_in,
)
from radiodesk.publish.server import RunningServer, start_server

__all__ = [
    "UNSET",
    "ChapterLine",
    "EpisodeChange",
    "EpisodeDetail",
    "EpisodeSummary",
    "FeedLink",
    "PublishPlan",
    "PublishResult",
    "RunningServer",
    "SyncResult",
    "edit_episode",
    "episode_detail",
    "feed_urls",
    "list_episodes",
    "plan_publish",
    "publish",
    "publish_episode",
    "publish_in",
    "schedule_episode",
    "start_server",
    "sync_drafts",
    "withdraw_episode",
]
