"""A feedgen extension for the Podcasting 2.0 namespace (https://podcastindex.org/namespace/1.0).

Channel: ``podcast:guid``, ``podcast:locked``, ``podcast:location``, ``podcast:person``, and
``itunes:explicit`` as ``true``/``false`` (Apple's current form, which feedgen's own iTunes
extension does not write). Items (feedgen entries): ``podcast:person``, ``podcast:chapters``,
``podcast:transcript``, ``itunes:explicit``, and Podlove Simple Chapters (``psc:chapters``) for
the apps that read chapters only from the feed (gPodder, for one).

Register on a ``FeedGenerator`` with :func:`register` before adding entries; then
``fg.podcastindex.guid(...)`` and ``entry.podcastindex.person(...)``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem

PODCAST_NS = "https://podcastindex.org/namespace/1.0"
ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PSC_NS = "http://podlove.org/simple-chapters"
# The namespace for podcast:guid, fixed by the specification.
GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
EXTENSION = "podcastindex"


def podcast_guid(feed_url: str) -> str:
    """``podcast:guid`` of a feed: UUIDv5 of its URL without scheme and trailing slashes."""
    bare = feed_url.split("://", 1)[-1].rstrip("/")
    return str(uuid.uuid5(GUID_NAMESPACE, bare))


@dataclass(frozen=True)
class Person:
    """A ``podcast:person``: role and group from the podcast taxonomy (lower case)."""

    name: str
    role: str = "host"
    group: str = "cast"


def _element(tag: str, parent: Any, text: str | None = None, **attributes: str) -> Any:
    element = xml_elem(tag, parent)
    for name, value in attributes.items():
        element.attrib[name] = value
    element.text = text
    return element


def _explicit(parent: Any, value: bool | None) -> None:
    if value is not None:
        _element(f"{{{ITUNES_NS}}}explicit", parent, "true" if value else "false")


def _persons(parent: Any, persons: list[Person]) -> None:
    for person in persons:
        _element(
            f"{{{PODCAST_NS}}}person", parent, person.name, role=person.role, group=person.group
        )


def _degrees(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".")


def npt(seconds: float) -> str:
    """Normal play time for Podlove chapters: HH:MM:SS, with .mmm when not whole."""
    millis = int(round(seconds * 1000))
    whole, ms = divmod(millis, 1000)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{hours:02d}:{minutes:02d}:{secs:02d}"
    return f"{text}.{ms:03d}" if ms else text


class PodcastIndexExtension(BaseExtension):  # type: ignore[misc]
    """Channel-level Podcasting 2.0 tags."""

    def __init__(self) -> None:
        self._guid: str | None = None
        self._locked: tuple[bool, str] | None = None
        self._location: tuple[str, float | None, float | None] | None = None
        self._persons: list[Person] = []
        self._explicit: bool | None = None

    def extend_ns(self) -> dict[str, str]:
        return {"podcast": PODCAST_NS, "psc": PSC_NS}

    def extend_rss(self, rss_feed: Any) -> Any:
        channel = rss_feed[0]
        _explicit(channel, self._explicit)
        if self._guid:
            _element(f"{{{PODCAST_NS}}}guid", channel, self._guid)
        if self._locked is not None:
            locked, owner = self._locked
            attributes = {"owner": owner} if owner else {}
            _element(f"{{{PODCAST_NS}}}locked", channel, "yes" if locked else "no", **attributes)
        if self._location is not None:
            name, lat, lon = self._location
            geo = {}
            if lat is not None and lon is not None:
                geo["geo"] = f"geo:{_degrees(lat)},{_degrees(lon)}"
            _element(f"{{{PODCAST_NS}}}location", channel, name, **geo)
        _persons(channel, self._persons)
        return rss_feed

    def guid(self, value: str) -> None:
        self._guid = value

    def locked(self, locked: bool, owner: str = "") -> None:
        self._locked = (locked, owner)

    def location(self, name: str, latitude: float | None, longitude: float | None) -> None:
        self._location = (name, latitude, longitude)

    def person(self, person: Person) -> None:
        self._persons.append(person)

    def explicit(self, value: bool) -> None:
        self._explicit = value


class PodcastIndexEntryExtension(BaseEntryExtension):  # type: ignore[misc]
    """Item-level Podcasting 2.0 tags, written after feedgen's own."""

    def __init__(self) -> None:
        self._explicit: bool | None = None
        self._persons: list[Person] = []
        self._chapters: str | None = None
        self._transcript: dict[str, str] | None = None
        self._simple_chapters: list[tuple[float, str]] = []

    def extend_rss(self, item: Any) -> Any:
        _explicit(item, self._explicit)
        _persons(item, self._persons)
        if self._chapters:
            _element(
                f"{{{PODCAST_NS}}}chapters",
                item,
                url=self._chapters,
                type="application/json+chapters",
            )
        if self._transcript is not None:
            _element(f"{{{PODCAST_NS}}}transcript", item, **self._transcript)
        if self._simple_chapters:
            chapters = _element(f"{{{PSC_NS}}}chapters", item, version="1.2")
            for start, title in self._simple_chapters:
                _element(f"{{{PSC_NS}}}chapter", chapters, start=npt(start), title=title)
        return item

    def explicit(self, value: bool) -> None:
        self._explicit = value

    def person(self, person: Person) -> None:
        self._persons.append(person)

    def chapters(self, url: str) -> None:
        """``podcast:chapters``: the JSON chapters at ``url``."""
        self._chapters = url

    def transcript(self, url: str, mime_type: str, language: str | None) -> None:
        """``podcast:transcript``; VTT and SRT are marked as captions."""
        attributes = {"url": url, "type": mime_type}
        if language:
            attributes["language"] = language
        if mime_type in ("text/vtt", "application/x-subrip"):
            attributes["rel"] = "captions"
        self._transcript = attributes

    def simple_chapters(self, chapters: list[tuple[float, str]]) -> None:
        """Podlove Simple Chapters: (start seconds, title), in the item itself."""
        self._simple_chapters = chapters


def register(fg: FeedGenerator) -> None:
    """Load the extension on ``fg`` (call before adding entries)."""
    fg.register_extension(
        EXTENSION, PodcastIndexExtension, PodcastIndexEntryExtension, atom=False, rss=True
    )
