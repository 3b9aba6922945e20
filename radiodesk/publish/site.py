"""The public web page: ``index.html`` and one page per programme, from Jinja2 templates.

Autoescaping is on for every template: titles, names and descriptions are shown as text,
whatever characters they hold. Links between pages and to audio are relative, so the folder
works both from a web server and opened straight from disk; feed links are absolute (apps
need them so).
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from functools import cache
from importlib import resources
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, PackageLoader

from radiodesk.config import StationSettings
from radiodesk.i18n import (
    _,
    current_language,
    format_date,
    format_duration,
    format_time,
    ngettext,
    zone_abbreviation,
)
from radiodesk.publish.catalogue import PublicEpisode, PublicShow
from radiodesk.publish.paths import EPISODES_DIR, Urls
from radiodesk.publish.text import clean_line, paragraphs

LATEST_ON_INDEX = 20
TEMPLATES = ("base.html", "episode.html", "index.html", "show.html", "style.css")


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("radiodesk.publish", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@cache
def templates_key() -> str:
    """A hash of the templates, so that a changed template re-makes every page."""
    digest = hashlib.blake2b(digest_size=8)
    folder = resources.files("radiodesk.publish") / "templates"
    for name in TEMPLATES:
        digest.update((folder / name).read_bytes())
    return digest.hexdigest()


def style_css() -> bytes:
    return (resources.files("radiodesk.publish") / "templates" / "style.css").read_bytes()


def _labels() -> dict[str, str]:
    return {
        "schedule": _("Programme schedule (iCalendar)"),
        "station_feed": _("All programmes (podcast feed)"),
        "subscribe": _("Subscribe in a podcast app"),
        "programmes": _("Programmes"),
        "latest": _("Latest episodes"),
        "episodes": _("Episodes"),
        "none_yet": _("No episodes yet."),
        "hosts": _("Hosts"),
        "download": _("Download"),
        "transcript": _("Transcript"),
        "season": _("Season"),
        "episode": _("Episode"),
    }


def _lines(text: str) -> list[list[str]]:
    return [p.split("\n") for p in paragraphs(text)]


class _When:
    """Dates of episodes in station time, as :func:`radiodesk.i18n.format_datetime` writes
    them; each day and each clock time is formatted once (Babel is slow, pages are long)."""

    def __init__(self, zone: str) -> None:
        self.zone = zone
        self.tz = ZoneInfo(zone)
        self._days: dict[date, str] = {}
        self._clocks: dict[tuple[int, int], str] = {}

    def __call__(self, moment: datetime) -> str:
        local = moment.astimezone(self.tz)
        day = self._days.get(local.date())
        if day is None:
            day = self._days[local.date()] = format_date(local.date())
        clock = self._clocks.get((local.hour, local.minute))
        if clock is None:
            clock = self._clocks[(local.hour, local.minute)] = format_time(local.time())
        return f"{day} {clock} {zone_abbreviation(self.zone, moment)}"


def _episode_view(
    episode: PublicEpisode, when: _When, prefix: str = "", show_title: str = ""
) -> SimpleNamespace:
    """What the ``episodes`` macro shows of an episode; ``prefix``: the path from the page to
    the programme's folder."""
    folder = f"{EPISODES_DIR}/"
    transcript = episode.transcript_name
    return SimpleNamespace(
        id=episode.id,
        title=episode.title,
        prefix=prefix,
        show_title=show_title,
        iso=episode.aired.isoformat(),
        when=when(episode.aired),
        length=format_duration(episode.duration),
        season=episode.season,
        number=episode.number,
        audio_file=folder + episode.stem + episode.extension,
        mime_type=episode.mime_type,
        transcript_file=folder + transcript.rsplit("/", 1)[1] if transcript else None,
        paragraphs=_lines(episode.description),
    )


def _common(station: StationSettings, urls: Urls, root: str) -> dict[str, Any]:
    return {
        "lang": current_language(),
        "station": {
            "name": clean_line(station.name),
            "frequency": clean_line(station.frequency),
            "city": clean_line(station.city),
            "region": clean_line(station.region),
            "owner_name": clean_line(station.owner_name),
            "description": clean_line(station.description, 2000),
        },
        "root": root,
        "station_feed_url": urls.feed(),
        "t": _labels(),
    }


def render_index(station: StationSettings, urls: Urls, shows: list[PublicShow]) -> bytes:
    """``index.html``: the programmes and the newest episodes with players."""
    titles = {s.slug: s.title for s in shows}
    latest = sorted(
        (e for s in shows for e in s.episodes), key=lambda e: (e.published_at, e.id), reverse=True
    )[:LATEST_ON_INDEX]
    context = _common(station, urls, "")
    if not shows:
        context["station_feed_url"] = None  # no feed without an episode
    context["shows"] = [
        {
            "slug": s.slug,
            "title": s.title,
            "count_label": ngettext("{n} episode", "{n} episodes", len(s.episodes)).format(
                n=len(s.episodes)
            ),
        }
        for s in shows
    ]
    when = _When(station.timezone)
    context["latest"] = [
        _episode_view(e, when, f"{e.show_slug}/", titles.get(e.show_slug, "")) for e in latest
    ]
    return _environment().get_template("index.html").render(context).encode("utf-8")


def render_show(station: StationSettings, urls: Urls, show: PublicShow, artwork_file: str) -> bytes:
    """``<show>/index.html``: the programme, its feed, every public episode with a player."""
    context = _common(station, urls, "../")
    when = _When(station.timezone)
    context["show"] = {
        "slug": show.slug,
        "title": show.title,
        "hosts": list(show.hosts),
        "paragraphs": _lines(show.description),
        "feed_url": urls.feed(show.slug),
        "artwork_file": artwork_file,
        "episodes": [_episode_view(e, when) for e in show.episodes],
    }
    return _environment().get_template("show.html").render(context).encode("utf-8")
