"""``radiodesk publish``: from the database to ``public/``, writing only what changed.

A publish runs in two steps. In one unit of work it drafts episodes for new recordings,
publishes the scheduled ones whose time has come, and reads what may be public (plain data).
Then, with the database closed again, it writes the files: audio, chapters, transcripts and
artwork first, feeds and pages last (so a feed never points at a file not yet there), and
removes what is no longer wanted.
"""

from __future__ import annotations

import gc
import hashlib
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from radiodesk import __version__, db
from radiodesk.config import Settings
from radiodesk.errors import ConfigError
from radiodesk.i18n import _, current_language
from radiodesk.models import Episode, Show
from radiodesk.publish import artwork, feeds, onair, site
from radiodesk.publish.catalogue import (
    Catalogue,
    PublicEpisode,
    PublicShow,
    collect,
    resolve_artwork,
)
from radiodesk.publish.categories import apple_category
from radiodesk.publish.episodes import promote_due, sync_drafts
from radiodesk.publish.paths import (
    ICON,
    INDEX,
    NOW,
    SCHEDULE,
    STATION_FEED,
    STYLE,
    Urls,
    feed_path,
    page_path,
)
from radiodesk.publish.writer import Output, Progress, Writer, refusal

# Bump when what the feeds or pages contain changes, so every file is made again.
FORMAT_VERSION = "1"


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


SessionRunner = Callable[[Callable[[Session], bytes]], bytes]


@dataclass(frozen=True)
class Prepared:
    """What the database said, ready to be written without it.

    ``run`` gives a file that is slow to make from the database (the calendar) a session,
    only when the file has to be made again.
    """

    catalogue: Catalogue
    grid_key: str
    grid_changed: datetime
    now_json: bytes
    drafts_created: int
    published_now: tuple[int, ...]
    held: tuple[tuple[int, str], ...]
    run: SessionRunner


def _hash(*parts: object) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(str(part).encode("utf-8", "surrogatepass"))
        digest.update(b"\x1f")
    return digest.hexdigest()


def prepare(session: Session, settings: Settings, now: datetime, run: SessionRunner) -> Prepared:
    """Draft, publish what is due, and read what may be public, in ``session``."""
    synced = sync_drafts(session, settings, now)
    published, held = promote_due(session, now)
    catalogue = collect(session, settings, now)
    grid_key, grid_changed = onair.grid_state(session)
    return Prepared(
        catalogue=catalogue,
        grid_key=grid_key,
        grid_changed=grid_changed,
        now_json=onair.now_json(session, settings, now),
        drafts_created=len(synced.created),
        published_now=tuple(published),
        held=tuple(held) + catalogue.held,
        run=run,
    )


def _artwork_output(
    settings: Settings, folder: str, path: Path | None, title: str, where: str
) -> tuple[Output, str | None]:
    extension, warning = artwork.inspect_artwork(path, where)
    subtitle = f"{settings.station.name} {settings.station.frequency}".strip()
    key = _hash(artwork.ARTWORK_VERSION, artwork.source_key(path), title, subtitle)
    name = f"artwork-{key[:12]}{extension}"
    prefix = f"{folder}/" if folder else ""

    def render() -> bytes:
        return artwork.prepare_artwork(path, title, subtitle, where).data

    return Output(prefix + name, key, render=render), warning


class _Build:
    """The outputs of one publish, in the order they are written."""

    def __init__(self, settings: Settings, prepared: Prepared, now: datetime) -> None:
        self.settings = settings
        self.urls = Urls(settings.station.public_url)
        self.problems: list[str] = list(prepared.catalogue.problems)
        self.shows = self._admitted(prepared.catalogue, now)
        self.prepared = prepared
        self.media: list[Output] = []
        self.documents: list[Output] = []
        self._build()

    def _admitted(self, catalogue: Catalogue, now: datetime) -> list[PublicShow]:
        """The writer's own check: drop (and report) any episode that may not be public."""
        shows: list[PublicShow] = []
        for show in catalogue.shows:
            kept: list[PublicEpisode] = []
            for episode in show.episodes:
                reason = refusal(episode, now)
                if reason:
                    self.problems.append(_("Not published: {reason}.").format(reason=reason))
                else:
                    kept.append(episode)
            shows.append(_replace_episodes(show, tuple(kept)))
        return shows

    def _build(self) -> None:
        settings, urls = self.settings, self.urls
        station_key = _hash(FORMAT_VERSION, __version__, repr(settings.station), urls.base)
        page_key = _hash(station_key, site.templates_key(), current_language())
        station_art, warning = _artwork_output(
            settings,
            "",
            resolve_artwork(settings, settings.station.artwork),
            settings.station.name,
            _("the station"),
        )
        if warning:
            self.problems.append(warning)
        self.media.append(station_art)
        show_keys: list[str] = []
        for show in self.shows:
            art, warning = _artwork_output(
                settings, show.slug, show.artwork_source, show.title, show.slug
            )
            if warning:
                self.problems.append(warning)
            self.problems.extend(apple_category(show.category, show.subcategory, show.slug)[2])
            self.media.append(art)
            for episode in show.episodes:
                self.media.append(
                    Output(
                        episode.audio_name,
                        episode.fingerprint,
                        source=episode.audio_source,
                    )
                )
                if episode.has_chapters:
                    self.media.append(
                        Output(
                            episode.chapters_name,
                            episode.fingerprint,
                            render=_bind(feeds.chapters_json, episode),
                        )
                    )
                if episode.transcript_source is not None and episode.transcript_name:
                    self.media.append(
                        Output(
                            episode.transcript_name,
                            episode.fingerprint,
                            source=episode.transcript_source,
                        )
                    )
            digest = hashlib.blake2b(digest_size=16)
            digest.update(
                repr(
                    (
                        show.slug,
                        show.title,
                        show.description,
                        show.hosts,
                        show.category,
                        show.subcategory,
                        show.language,
                        show.explicit,
                        art.path,
                    )
                ).encode("utf-8", "surrogatepass")
            )
            for episode in show.episodes:
                digest.update(episode.fingerprint.encode())
            show_key = digest.hexdigest()
            show_keys.append(show_key)
            art_url = urls.of(art.path)
            self.documents.append(
                Output(
                    feed_path(show.slug),
                    _hash(station_key, show_key),
                    render=_bind(self._show_feed, show, art_url),
                )
            )
            self.documents.append(
                Output(
                    page_path(show.slug),
                    _hash(page_key, show_key),
                    render=_bind(
                        site.render_show, settings.station, urls, show, art.path.split("/")[-1]
                    ),
                )
            )
        everything = _hash(*show_keys)
        self.documents.append(
            Output(
                STATION_FEED,
                _hash(station_key, everything, station_art.path),
                render=_bind(
                    feeds.station_feed,
                    settings.station,
                    urls,
                    self.shows,
                    urls.of(station_art.path),
                ),
            )
        )
        self.documents.append(
            Output(
                INDEX,
                _hash(page_key, everything),
                render=_bind(site.render_index, settings.station, urls, self.shows),
            )
        )
        self.documents.append(Output(STYLE, site.templates_key(), render=site.style_css))
        art_render = station_art.render
        assert art_render is not None
        self.documents.append(
            Output(ICON, station_art.key, render=lambda: artwork.icon(art_render()))
        )
        prepared = self.prepared

        def calendar() -> bytes:
            return prepared.run(
                lambda session: onair.schedule_ics(session, settings, prepared.grid_changed)
            )

        self.documents.append(
            Output(SCHEDULE, _hash(station_key, prepared.grid_key), render=calendar)
        )
        now_json = self.prepared.now_json
        self.documents.append(Output(NOW, _hash(now_json), render=lambda: now_json))

    def _show_feed(self, show: PublicShow, art_url: str) -> bytes:
        return feeds.show_feed(self.settings.station, self.urls, show, art_url)[0]


def _bind(func: Callable[..., bytes], *args: object) -> Callable[[], bytes]:
    return lambda: func(*args)


def _replace_episodes(show: PublicShow, episodes: tuple[PublicEpisode, ...]) -> PublicShow:
    return show if episodes == show.episodes else replace(show, episodes=episodes)


def write_public(
    settings: Settings, prepared: Prepared, now: datetime, progress: Progress | None = None
) -> PublishResult:
    """Write ``public/`` from ``prepared`` (no database needed); see the module docstring."""
    started = time.perf_counter()
    build = _Build(settings, prepared, now)
    root = settings.public_dir
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ConfigError(
            _("{folder}: cannot be created: {reason}").format(folder=root, reason=err.strerror)
        ) from None
    writer = Writer(root)
    total = len(build.media) + len(build.documents)
    done = writer.write(build.media, total, progress)
    writer.write(build.documents, total, progress, done)
    if progress is not None:
        progress(total, total)
    episodes = {e.guid: e.fingerprint for s in build.shows for e in s.episodes}
    report = writer.finish(episodes, [s.slug for s in build.shows])
    urls = build.urls
    links = [FeedLink(None, settings.station.name, urls.feed())] + [
        FeedLink(s.slug, s.title, urls.feed(s.slug)) for s in build.shows
    ]
    return PublishResult(
        written=tuple(report.written),
        removed=tuple(report.removed),
        unchanged=report.unchanged,
        episodes=len(episodes),
        feeds=tuple(links),
        drafts_created=prepared.drafts_created,
        published_now=prepared.published_now,
        held=prepared.held,
        problems=tuple(dict.fromkeys(build.problems)),
        seconds=time.perf_counter() - started,
    )


@contextmanager
def _no_gc_pauses() -> Iterator[None]:
    """Hold the cyclic garbage collector while a publish builds its many small objects.

    Tens of thousands of rows and records alive at once make each automatic collection walk
    all of them again and again; a publish makes no reference cycles worth collecting
    midway. The previous state is restored after.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def publish(settings: Settings, now: datetime, progress: Progress | None = None) -> PublishResult:
    """Publish: one unit of work to prepare, then write ``public/`` with the database closed.

    ``progress(done, total)`` is called in batches while files are checked and written.
    """
    started = time.perf_counter()

    def run(make: Callable[[Session], bytes]) -> bytes:
        with db.unit_of_work(settings) as session:
            return make(session)

    with _no_gc_pauses():
        with db.unit_of_work(settings) as session:
            prepared = prepare(session, settings, now, run)
        result = write_public(settings, prepared, now, progress)
    return _with_seconds(result, time.perf_counter() - started)


def publish_in(
    session: Session, settings: Settings, now: datetime, progress: Progress | None = None
) -> PublishResult:
    """Publish inside the caller's unit of work (the demo): the files are written before the
    caller commits. Should that commit fail, the next publish puts public/ right again."""
    started = time.perf_counter()
    with _no_gc_pauses():
        prepared = prepare(session, settings, now, lambda make: make(session))
        result = write_public(settings, prepared, now, progress)
    return _with_seconds(result, time.perf_counter() - started)


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
    before = Writer(settings.public_dir).published_episodes
    added: list[EpisodeChange] = []
    changed: list[EpisodeChange] = []
    unchanged = 0
    now_public: set[str] = set()
    for show in catalogue.shows:
        for episode in show.episodes:
            if refusal(episode, now):
                continue
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
