"""``radiodesk publish``: from the database to ``public/``, writing only what changed.

A publish runs in two steps. In one unit of work it drafts episodes for new recordings,
publishes the scheduled ones whose time has come, and reads what may be public (plain data)
— unless the state of its inputs (:mod:`radiodesk.publish.state`) is the one the last
publish left and its files are intact: then only ``now.json`` and the calendar are brought
up to date. Then, with the database closed again, it writes the files: audio, chapters,
transcripts and artwork first, feeds and pages last (so a feed never points at a file not
yet there), and removes what is no longer wanted.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from radiodesk import db
from radiodesk.config import Settings
from radiodesk.errors import ConfigError
from radiodesk.i18n import _
from radiodesk.models import Episode, Show
from radiodesk.publish import onair
from radiodesk.publish.catalogue import collect
from radiodesk.publish.episodes import promote_due, redraft_untouched, sync_drafts
from radiodesk.publish.feedrecords import published_paths, sync_feeds
from radiodesk.publish.outputs import (
    FORMAT_VERSION,
    Build,
    BytesMaker,
    OnAir,
    has_feed,
    on_air_outputs,
)
from radiodesk.publish.paths import Urls, manifest_path
from radiodesk.publish.public import reasons
from radiodesk.publish.retitle import retitle_files
from radiodesk.publish.state import input_state
from radiodesk.publish.writer import Progress, Writer


@dataclass(frozen=True)
class EpisodeChange:
    """An episode the next publish adds, changes or removes."""

    id: int | None
    guid: str
    show_slug: str
    title: str


@dataclass(frozen=True)
class PublishPlan:
    """What the next publish would do. ``held``: (episode id, why it is not public)."""

    added: tuple[EpisodeChange, ...]
    changed: tuple[EpisodeChange, ...]
    withdrawn: tuple[EpisodeChange, ...]
    unchanged: int
    drafts_to_create: int
    held: tuple[tuple[int, str], ...]
    # Programmes with podcasting on but no public episode: no feed, page or link until one.
    no_feed_yet: tuple[str, ...] = ()


@dataclass(frozen=True)
class FeedLink:
    """A published feed: programme slug (None for the station-wide feed), title and URL."""

    slug: str | None
    title: str
    url: str


@dataclass(frozen=True)
class PublishResult:
    """What a publish did. Paths are relative to public/; ``seconds`` is wall time."""

    written: tuple[str, ...]
    removed: tuple[str, ...]
    unchanged: int
    episodes: int
    feeds: tuple[FeedLink, ...]
    drafts_created: int
    published_now: tuple[int, ...]
    held: tuple[tuple[int, str], ...]
    problems: tuple[str, ...]
    seconds: float


@dataclass(frozen=True)
class Prepared:
    """What the database said, ready to be written without it. ``build`` is None when
    nothing changed since the last complete publish (``state`` is the same)."""

    build: Build | None
    state: str
    on_air: OnAir
    drafts_created: int
    published_now: tuple[int, ...]
    held: tuple[tuple[int, str], ...]


def prepare(
    session: Session,
    settings: Settings,
    now: datetime,
    run: BytesMaker,
    is_current: Callable[[str], bool] = lambda _state: False,
) -> Prepared:
    """Draft, publish what is due, and read what may be public, in ``session``.

    ``is_current(state)`` says whether public/ already holds what this state gives: then
    nothing is drafted, published or read (nothing could have changed).
    """
    grid_key, grid_changed = onair.grid_state(session)
    on_air = OnAir(grid_key, grid_changed, onair.now_json(session, settings, now), run)
    state = input_state(session, settings, now, grid_key, FORMAT_VERSION)
    if is_current(state):
        return Prepared(None, state, on_air, 0, (), ())
    synced = sync_drafts(session, settings, now)
    published, held = promote_due(session, now)
    untagged = retitle_files(session, settings)
    catalogue = collect(session, settings, now)
    if catalogue.naming and redraft_untouched(session, settings, catalogue.naming):
        # Drafts no editor touched follow the guests' consent as it is now.
        catalogue = collect(session, settings, now)
    # The state after drafting and publishing what was due, as the next publish will see it.
    state = input_state(session, settings, now, grid_key, FORMAT_VERSION)
    build = Build(settings, catalogue, on_air, now, published_paths(session))
    build.problems.extend(untagged)
    build.records = sync_feeds(session, build.wanted, now)
    return Prepared(
        build=build,
        state=state,
        on_air=on_air,
        drafts_created=len(synced.created),
        published_now=tuple(published),
        held=tuple(held) + catalogue.held,
    )


def _open_public(settings: Settings) -> Writer:
    root = settings.public_dir
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ConfigError(
            _("{folder}: cannot be created: {reason}").format(folder=root, reason=err.strerror)
        ) from None
    return Writer(root, manifest_path(settings))


def _unchanged(
    settings: Settings, prepared: Prepared, writer: Writer, progress: Progress | None
) -> PublishResult:
    """Nothing changed since the last publish: keep its files, bring the grid up to date."""
    small = on_air_outputs(settings, prepared.on_air)
    writer.keep(exclude={o.path for o in small})
    writer.write(small, len(small))
    if progress is not None:
        progress(1, 1)
    summary = writer.summary
    report = writer.finish(writer.published_episodes, [], prepared.state, summary, sweep=False)
    return PublishResult(
        written=tuple(report.written),
        removed=tuple(report.removed),
        unchanged=report.unchanged,
        episodes=len(writer.published_episodes),
        feeds=tuple(FeedLink(*link) for link in summary.get("feeds", [])),
        drafts_created=prepared.drafts_created,
        published_now=prepared.published_now,
        held=prepared.held + tuple((i, r) for i, r in summary.get("held", [])),
        problems=tuple(summary.get("problems", [])),
        seconds=0.0,
    )


def write_public(
    settings: Settings,
    prepared: Prepared,
    now: datetime,
    progress: Progress | None = None,
    writer: Writer | None = None,
) -> PublishResult:
    """Write ``public/`` from ``prepared`` (no database needed); see the module docstring."""
    writer = writer or _open_public(settings)
    build = prepared.build
    if build is None:
        return _unchanged(settings, prepared, writer, progress)
    # A programme whose feed and page the last publish made from the same episodes keeps
    # its episode files as they are: they are not made, listed or looked at one by one.
    changed = [f for f in build.episode_files if not writer.keep_folder(f.folder, f.keys)]
    media = [o for f in changed for o in f.linked()]
    media += [o for f in changed for o in f.made()]
    media += build.artworks
    total = len(media) + len(build.documents)
    # Media first: feeds and pages are written once every file they point at is in place.
    done = writer.write(media, total, progress)
    writer.write(build.documents, total, progress, done)
    if progress is not None:
        progress(total, total)
    episodes = {e.guid: e.fingerprint for s in build.shows for e in s.episodes}
    urls = build.urls
    links = [FeedLink(s.slug, s.title, urls.feed(s.slug)) for s in build.shows]
    if links:
        links.insert(0, FeedLink(None, settings.station.name, urls.feed()))
    problems = tuple(dict.fromkeys(build.problems))
    summary = {
        "held": [list(h) for h in build.held],
        "problems": list(problems),
        "feeds": [[link.slug, link.title, link.url] for link in links],
    }
    report = writer.finish(episodes, [s.slug for s in build.shows], prepared.state, summary)
    return PublishResult(
        written=tuple(report.written),
        removed=tuple(report.removed),
        unchanged=report.unchanged,
        episodes=len(episodes),
        feeds=tuple(links),
        drafts_created=prepared.drafts_created,
        published_now=prepared.published_now,
        held=prepared.held,
        problems=problems,
        seconds=0.0,
    )


def publish(settings: Settings, now: datetime, progress: Progress | None = None) -> PublishResult:
    """Publish: one unit of work to prepare, then write ``public/`` with the database closed.

    ``progress(done, total)`` is called in batches while files are checked and written.
    When nothing changed since the last publish, no episode is read and nothing is written.
    """
    started = time.perf_counter()

    def run(make: Callable[[Session], bytes]) -> bytes:
        with db.unit_of_work(settings) as session:
            return make(session)

    writer = _open_public(settings)
    with db.unit_of_work(settings) as session:
        prepared = prepare(session, settings, now, run, _current(writer))
    result = write_public(settings, prepared, now, progress, writer)
    return _with_seconds(result, time.perf_counter() - started)


def publish_in(
    session: Session, settings: Settings, now: datetime, progress: Progress | None = None
) -> PublishResult:
    """Publish inside the caller's unit of work (the demo): the files are written before the
    caller commits. Should that commit fail, the next publish puts public/ right again."""
    started = time.perf_counter()
    writer = _open_public(settings)
    prepared = prepare(session, settings, now, lambda make: make(session), _current(writer))
    result = write_public(settings, prepared, now, progress, writer)
    return _with_seconds(result, time.perf_counter() - started)


def _current(writer: Writer) -> Callable[[str], bool]:
    """Whether public/ holds what a state gives: the last complete publish had that state,
    and all its files are as it left them."""
    return lambda state: state == writer.state and writer.intact()


def _with_seconds(result: PublishResult, seconds: float) -> PublishResult:
    return replace(result, seconds=seconds)


def plan_publish(session: Session, settings: Settings, now: datetime) -> PublishPlan:
    """What the next publish would add, change and withdraw; nothing is changed.

    Drafting and publishing what is due run inside a savepoint that is rolled back, so the
    plan is exactly what a publish at ``now`` would do.
    """
    savepoint = session.begin_nested()
    try:
        synced = sync_drafts(session, settings, now)
        promote_due(session, now)
        catalogue = collect(session, settings, now)
        held = tuple(catalogue.held)
    finally:
        savepoint.rollback()
    before = Writer(settings.public_dir, manifest_path(settings)).published_episodes
    added: list[EpisodeChange] = []
    changed: list[EpisodeChange] = []
    unchanged = 0
    now_public: set[str] = set()
    no_feed_yet: list[str] = []
    published = published_paths(session)
    for show in catalogue.shows:
        public = [e for e in show.episodes if not reasons(e.standing, now)]
        if not has_feed(show.slug, public, published):
            no_feed_yet.append(show.slug)
        for episode in public:
            now_public.add(episode.guid)
            change = EpisodeChange(episode.id, episode.guid, show.slug, episode.title)
            if episode.guid not in before:
                added.append(change)
            elif before[episode.guid] != episode.fingerprint:
                changed.append(change)
            else:
                unchanged += 1
    gone = [guid for guid in before if guid not in now_public]
    withdrawn: list[EpisodeChange] = []
    if gone:
        rows = session.execute(
            select(Episode.id, Episode.guid, Show.slug, Episode.title)
            .join(Show, Show.id == Episode.show_id)
            .where(Episode.guid.in_(gone))
        ).all()
        known = {r.guid: r for r in rows}
        for guid in gone:
            row = known.get(guid)
            withdrawn.append(
                EpisodeChange(row.id, guid, row.slug, row.title)
                if row
                else EpisodeChange(None, guid, "", "")
            )
    return PublishPlan(
        added=tuple(added),
        changed=tuple(changed),
        withdrawn=tuple(withdrawn),
        unchanged=unchanged,
        drafts_to_create=len(synced.created),
        held=held,
        no_feed_yet=tuple(no_feed_yet),
    )


def feed_urls(settings: Settings) -> list[FeedLink]:
    """The station-wide feed and one per programme with podcasting on (from shows/*.toml)."""
    from radiodesk.shows import read_show_files

    urls = Urls(settings.station.public_url)
    links = [FeedLink(None, settings.station.name, urls.feed())]
    for spec in read_show_files(settings.shows_dir):
        if spec.podcast:
            links.append(FeedLink(spec.slug, spec.title, urls.feed(spec.slug)))
    return links
