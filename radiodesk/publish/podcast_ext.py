"""A feedgen extension for the Podcasting 2.0 namespace (https://podcastindex.org/namespace/1.0).

Channel: ``podcast:guid``, ``podcast:locked``, ``podcast:location``, ``podcast:person``, and
``itunes:explicit`` as ``true``/``false`` (Apple's current form, which feedgen's own iTunes
extension does not write). Item: ``podcast:person``, ``podcast:chapters``,
``podcast:transcript``, ``itunes:explicit``, and Podlove Simple Chapters (``psc:chapters``)
for the apps that read chapters only from the feed (gPodder, for one).

Register on a ``FeedGenerator`` with :func:`register`; then ``fg.podcastindex.guid(...)`` and
``entry.podcastindex.person(...)``.
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


def _person(parent: Any, person: Person) -> None:
    el = xml_elem(f"{{{PODCAST_NS}}}person", parent)
    el.attrib["role"] = person.role
    el.attrib["group"] = person.group
    el.text = person.name


def _explicit(parent: Any, value: bool | None) -> None:
    if value is not None:
        xml_elem(f"{{{ITUNES_NS}}}explicit", parent).text = "true" if value else "false"


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
            xml_elem(f"{{{PODCAST_NS}}}guid", channel).text = self._guid
        if self._locked is not None:
            locked, owner = self._locked
            el = xml_elem(f"{{{PODCAST_NS}}}locked", channel)
            if owner:
                el.attrib["owner"] = owner
            el.text = "yes" if locked else "no"
        if self._location is not None:
            name, lat, lon = self._location
            el = xml_elem(f"{{{PODCAST_NS}}}location", channel)
            if lat is not None and lon is not None:
                el.attrib["geo"] = f"geo:{_degrees(lat)},{_degrees(lon)}"
            el.text = name
        for person in self._persons:
            _person(channel, person)
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
    """Item-level Podcasting 2.0 tags, and Podlove Simple Chapters."""

    def __init__(self) -> None:
        self._persons: list[Person] = []
        self._chapters_url: str | None = None
        self._transcript: tuple[str, str, str | None] | None = None
        self._simple_chapters: list[tuple[float, str]] = []
        self._explicit: bool | None = None

    def extend_ns(self) -> dict[str, str]:
        return {"podcast": PODCAST_NS, "psc": PSC_NS}

    def extend_rss(self, entry: Any) -> Any:
        _explicit(entry, self._explicit)
        for person in self._persons:
            _person(entry, person)
        if self._chapters_url:
            el = xml_elem(f"{{{PODCAST_NS}}}chapters", entry)
            el.attrib["url"] = self._chapters_url
            el.attrib["type"] = "application/json+chapters"
        if self._transcript is not None:
            url, mime, language = self._transcript
            el = xml_elem(f"{{{PODCAST_NS}}}transcript", entry)
            el.attrib["url"] = url
            el.attrib["type"] = mime
            if language:
                el.attrib["language"] = language
            if mime in ("text/vtt", "application/x-subrip"):
                el.attrib["rel"] = "captions"
        if self._simple_chapters:
            group = xml_elem(f"{{{PSC_NS}}}chapters", entry)
            group.attrib["version"] = "1.2"
            for start, title in self._simple_chapters:
                chapter = xml_elem(f"{{{PSC_NS}}}chapter", group)
                chapter.attrib["start"] = npt(start)
                chapter.attrib["title"] = title
        return entry

    def person(self, person: Person) -> None:
        self._persons.append(person)

    def chapters(self, url: str, simple: list[tuple[float, str]] | None = None) -> None:
        """JSON chapters at ``url``; ``simple`` (start seconds, title) also go in the feed."""
        self._chapters_url = url
        self._simple_chapters = list(simple or [])

    def transcript(self, url: str, mime_type: str, language: str | None = None) -> None:
        self._transcript = (url, mime_type, language)

    def explicit(self, value: bool) -> None:
        self._explicit = value


def register(fg: FeedGenerator) -> None:
    """Load the extension on ``fg`` (call before adding entries)."""
    fg.register_extension(
        EXTENSION, PodcastIndexExtension, PodcastIndexEntryExtension, atom=False, rss=True
    )
