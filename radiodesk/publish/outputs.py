"""What a publish writes: every output file, with the key of the inputs it is made from.

Media first (artwork, audio, chapters, transcripts), then the documents that point at them
(feeds and pages), so that a feed never names a file not yet in place. Keys are hashes of
everything a file is made from: the writer leaves a file alone while its key is unchanged.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from functools import partial
from pathlib import Path

from sqlalchemy.orm import Session

from radiodesk import __version__
from radiodesk.config import Settings
from radiodesk.i18n import _, normalise_language, speaking
from radiodesk.publish import artwork, feeds, onair, site
from radiodesk.publish.artwork import resolve_artwork
from radiodesk.publish.catalogue import Catalogue, PublicEpisode, PublicShow
from radiodesk.publish.categories import apple_category
from radiodesk.publish.feedrecords import FeedRecord
from radiodesk.publish.paths import (
    EPISODES_DIR,
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
from radiodesk.publish.public import reasons
from radiodesk.publish.writer import Output

# Bump when what the feeds or pages contain changes, so every file is made again.
FORMAT_VERSION = "3"

BytesMaker = Callable[[Callable[[Session], bytes]], bytes]


@dataclass(frozen=True)
class OnAir:
    """The grid's state and what is on air: ``run`` gives the calendar a session, only when
    it has to be made again."""

    grid_key: str
    grid_changed: datetime
    now_json: bytes
    run: BytesMaker


def _hash(*parts: object) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(str(part).encode("utf-8", "surrogatepass"))
        digest.update(b"\x1f")
    return digest.hexdigest()


def on_air_outputs(settings: Settings, on_air: OnAir) -> list[Output]:
    """``schedule.ics`` and ``now.json``: brought up to date on every publish."""
    station_key = _hash(FORMAT_VERSION, __version__, repr(settings.station))

    def calendar() -> bytes:
        with speaking(settings.station.language):
            return on_air.run(
                lambda session: onair.schedule_ics(session, settings, on_air.grid_changed)
            )

    now_json = on_air.now_json
    return [
        Output(SCHEDULE, _hash(station_key, on_air.grid_key), render=calendar),
        Output(NOW, _hash(now_json), render=lambda: now_json),
    ]


def _artwork_output(
    settings: Settings, folder: str, path: Path | None, title: str, where: str
) -> tuple[Output, str | None]:
    extension, warning = artwork.inspect_artwork(path, where)
    frequency = settings.station.frequency.replace(" ", "\u00a0")
    subtitle = artwork.station_line(settings.station.name, frequency)
    key = _hash(artwork.ARTWORK_VERSION, artwork.source_key(path), title, subtitle)
    name = f"artwork-{key[:12]}{extension}"
    prefix = f"{folder}/" if folder else ""

    def render() -> bytes:
        return artwork.prepare_artwork(path, title, subtitle, where).data

    return Output(prefix + name, key, render=render), warning


@dataclass(frozen=True)
class EpisodeFiles:
    """A programme's episode files, in ``folder``, and the keys of its feed and page, which
    are made from the same episodes: while the last publish wrote them with these keys, the
    writer keeps the folder as it is (:meth:`radiodesk.publish.writer.Writer.keep_folder`)
    and the outputs are not made one by one."""

    folder: str
    keys: dict[str, str]
    episodes: tuple[PublicEpisode, ...]

    def linked(self) -> list[Output]:
        """Audio and transcripts, linked from the archive."""
        outputs: list[Output] = []
        for episode in self.episodes:
            outputs.append(
                Output(
                    episode.audio_name,
                    episode.fingerprint,
                    source=episode.audio_source,
                    source_stamp=episode.audio_stamp,
                )
            )
            if episode.transcript_source is not None and episode.transcript_name:
                outputs.append(
                    Output(
                        episode.transcript_name,
                        episode.fingerprint,
                        source=episode.transcript_source,
                        source_stamp=episode.transcript_stamp,
                    )
                )
        return outputs

    def made(self) -> list[Output]:
        """Chapters. Their titles are the episode's own: no language to switch to, and
        switching costs more than making the file."""
        return [
            Output(
                episode.chapters_name,
                episode.fingerprint,
                render=partial(feeds.chapters_json, episode),
            )
            for episode in self.episodes
            if episode.has_chapters
        ]


def has_feed(slug: str, public: Sequence[PublicEpisode], published: Collection[str]) -> bool:
    """Whether programme ``slug`` has a feed, with ``public`` its public episodes and
    ``published`` the feeds published before: none before its first public episode (Apple
    refuses empty feeds); once published, its feed stays."""
    return bool(public) or feed_path(slug) in published


class Build:
    """The outputs of one publish, in the order they are written."""

    def __init__(
        self,
        settings: Settings,
        catalogue: Catalogue,
        on_air: OnAir,
        now: datetime,
        published: Collection[str] = (),
    ) -> None:
        """``published``: the feeds published before (they stay, even without episodes)."""
        self.settings = settings
        self.published = published
        # Feed path → (URL, content key): what :func:`feedrecords.sync_feeds` is told, and
        # the records it gives back, which the feeds are written with.
        self.wanted: dict[str, tuple[str, str]] = {}
        self.records: dict[str, FeedRecord] = {}
        # The public reads the station's language, whatever the operator's desk speaks.
        self.language = normalise_language(settings.station.language)
        self.urls = Urls(settings.station.public_url)
        self.problems: list[str] = list(catalogue.problems)
        # (episode id, why it is not public) of the episodes the catalogue held back.
        self.held = catalogue.held
        self.shows = self._admitted(catalogue, now)
        self.on_air = on_air
        # Media: the programmes' episode files, then the artworks.
        self.episode_files: list[EpisodeFiles] = []
        self.artworks: list[Output] = []
        self.documents: list[Output] = []
        self._build()

    def _admitted(self, catalogue: Catalogue, now: datetime) -> list[PublicShow]:
        """The writer's own check: drop (and report) any episode that may not be public;
        a programme without a feed yet is left out (:func:`has_feed`)."""
        shows: list[PublicShow] = []
        for show in catalogue.shows:
            kept: list[PublicEpisode] = []
            for episode in show.episodes:
                why = reasons(episode.standing, now)
                if why:
                    self.problems.append(
                        _("Not published: episode {id}: {reasons}.").format(
                            id=episode.id, reasons="; ".join(why)
                        )
                    )
                else:
                    kept.append(episode)
            if has_feed(show.slug, kept, self.published):
                shows.append(_replace_episodes(show, tuple(kept)))
        return shows

    def _build(self) -> None:
        settings, urls = self.settings, self.urls
        station_key = _hash(FORMAT_VERSION, __version__, repr(settings.station), urls.base)
        page_key = _hash(station_key, site.templates_key(), self.language)
        station_art, warning = _artwork_output(
            settings,
            "",
            resolve_artwork(settings, settings.station.artwork),
            settings.station.name,
            _("the station"),
        )
        if warning:
            self.problems.append(warning)
        self.artworks.append(station_art)
        show_keys: list[str] = []
        for show in self.shows:
            art, warning = _artwork_output(
                settings, show.slug, show.artwork_source, show.title, show.slug
            )
            if warning:
                self.problems.append(warning)
            self.problems.extend(apple_category(show.category, show.subcategory, show.slug)[2])
            self.artworks.append(art)
            show_key = _show_key(show, art.path)
            feed_key = _hash(station_key, show_key)
            show_page_key = _hash(page_key, show_key)
            keys = {feed_path(show.slug): feed_key, page_path(show.slug): show_page_key}
            folder = f"{show.slug}/{EPISODES_DIR}"
            self.episode_files.append(EpisodeFiles(folder, keys, show.episodes))
            show_keys.append(show_key)
            art_url = urls.of(art.path)
            self.documents.append(
                self._feed(
                    feed_path(show.slug),
                    urls.feed(show.slug),
                    feed_key,
                    self._bind(self._show_feed, show, art_url),
                )
            )
            self.documents.append(
                Output(
                    page_path(show.slug),
                    show_page_key,
                    render=self._bind(
                        site.render_show, settings.station, urls, show, art.path.split("/")[-1]
                    ),
                )
            )
        everything = _hash(*show_keys)
        newest = feeds.station_episodes(self.shows)
        explicit = {s.slug: s.explicit for s in self.shows}
        if any(s.episodes for s in self.shows) or STATION_FEED in self.published:
            self.documents.append(
                self._feed(
                    STATION_FEED,
                    urls.feed(),
                    # What it shows: not every programme's every episode.
                    _hash(
                        station_key,
                        station_art.path,
                        *((e.fingerprint, e.show_slug, explicit[e.show_slug]) for e in newest),
                    ),
                    self._bind(self._station_feed, urls.of(station_art.path), newest, explicit),
                )
            )
        self.documents.append(
            Output(
                INDEX,
                _hash(page_key, everything),
                render=self._bind(site.render_index, settings.station, urls, self.shows),
            )
        )
        self.documents.append(Output(STYLE, site.templates_key(), render=site.style_css))
        art_render = station_art.render
        assert art_render is not None
        self.documents.append(
            Output(ICON, station_art.key, render=lambda: artwork.icon(art_render()))
        )
        self.documents.extend(on_air_outputs(settings, self.on_air))

    def _bind(self, func: Callable[..., bytes], *args: object) -> Callable[[], bytes]:
        def render() -> bytes:
            with speaking(self.language):
                return func(*args)

        return render

    def _feed(self, path: str, url: str, key: str, render: Callable[[], bytes]) -> Output:
        self.wanted[path] = (url, key)
        return Output(path, key, render=render)

    def _show_feed(self, show: PublicShow, art_url: str) -> bytes:
        record = self.records[feed_path(show.slug)]
        return feeds.show_feed(self.settings.station, self.urls, show, art_url, record)[0]

    def _station_feed(
        self, art_url: str, newest: list[PublicEpisode], explicit: dict[str, bool]
    ) -> bytes:
        record = self.records[STATION_FEED]
        return feeds.station_feed(
            self.settings.station, self.urls, newest, explicit, art_url, record
        )


def _show_key(show: PublicShow, art_path: str) -> str:
    """A hash of everything a programme's feed and page are made from: its own fields, its
    artwork and the fingerprints of its episodes (of which its episode files are made)."""
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
                art_path,
            )
        ).encode("utf-8", "surrogatepass")
    )
    for episode in show.episodes:
        digest.update(episode.fingerprint.encode())
    return digest.hexdigest()


def _replace_episodes(show: PublicShow, episodes: tuple[PublicEpisode, ...]) -> PublicShow:
    return show if episodes == show.episodes else replace(show, episodes=episodes)
