"""A feedgen extension for the Podcasting 2.0 namespace (https://podcastindex.org/namespace/1.0).

Channel: ``podcast:guid``, ``podcast:locked``, ``podcast:location``, ``podcast:person``, and
``itunes:explicit`` as ``true``/``false`` (Apple's current form, which feedgen's own iTunes
extension does not write). Items: the extension writes them into the channel with
``fg.podcastindex.items(writer)`` (see :func:`radiodesk.publish.feeds._items`), with their
``podcast:person``, ``podcast:chapters``, ``podcast:transcript``, ``itunes:explicit``, and
Podlove Simple Chapters (``psc:chapters``) for the apps that read chapters only from the
feed (gPodder, for one).

Register on a ``FeedGenerator`` with :func:`register`; then ``fg.podcastindex.guid(...)``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from feedgen.ext.base import BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem
from lxml import etree

from radiodesk.publish.text import xml_attr, xml_text

PODCAST_NS = "https://podcastindex.org/namespace/1.0"
ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PSC_NS = "http://podlove.org/simple-chapters"
# The namespace for podcast:guid, fixed by the specification.
GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
EXTENSION = "podcastindex"
# Gives the feed's ``<item>`` elements as XML text, with the prefixes of NAMESPACES.
ItemText = Callable[[], str]
NAMESPACES = {"itunes": ITUNES_NS, "podcast": PODCAST_NS, "psc": PSC_NS}


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
        self._items: ItemText | None = None

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
        # The hosts, then the items: after every channel tag (feedgen calls the extensions
        # once the channel is done), written as the items' persons are.
        text = "".join(person_xml(person) for person in self._persons)
        if self._items is not None:
            text += self._items()
        if text:
            declarations = " ".join(f'xmlns:{p}="{ns}"' for p, ns in NAMESPACES.items())
            # Our own text, but no entity or network look-ups whatever it holds, and no size
            # limit. (A parser of its own each time: lxml's parsers are not shared by threads.)
            parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
            wrapped = f"<items {declarations}>{text}</items>".encode()
            channel.extend(etree.fromstring(wrapped, parser))
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

    def items(self, text: ItemText) -> None:
        """The feed's ``<item>`` elements, Podcasting 2.0 tags and all: ``text()`` gives
        them as XML text when the channel is written (see :func:`radiodesk.publish.feeds`);
        parsed here, so that whatever they hold, the feed is well-formed or not written."""
        self._items = text


# The item tags below are written as XML text, for the extension to parse in one go (see
# :meth:`PodcastIndexExtension.items`): thousands of items go faster so than element by element.


def person_xml(person: Person) -> str:
    return (
        f'<podcast:person role="{xml_attr(person.role)}" group="{xml_attr(person.group)}">'
        f"{xml_text(person.name)}</podcast:person>"
    )


def chapters_xml(url: str) -> str:
    """An item's ``podcast:chapters``: the JSON chapters at ``url``."""
    return f'<podcast:chapters url="{xml_attr(url)}" type="application/json+chapters"/>'


def transcript_xml(url: str, mime_type: str, language: str | None) -> str:
    """An item's ``podcast:transcript``; VTT and SRT are marked as captions."""
    text = f'<podcast:transcript url="{xml_attr(url)}" type="{xml_attr(mime_type)}"'
    if language:
        text += f' language="{xml_attr(language)}"'
    if mime_type in ("text/vtt", "application/x-subrip"):
        text += ' rel="captions"'
    return text + "/>"


def simple_chapters_xml(chapters: list[tuple[float, str]]) -> str:
    """Podlove Simple Chapters (``psc:chapters``): (start seconds, title), in the item itself
    for the apps that read chapters only from the feed (gPodder, for one)."""
    inner = "".join(
        f'<psc:chapter start="{npt(start)}" title="{xml_attr(title)}"/>'
        for start, title in chapters
    )
    return f'<psc:chapters version="1.2">{inner}</psc:chapters>'


def register(fg: FeedGenerator) -> None:
    """Load the extension on ``fg`` (call before adding entries)."""
    fg.register_extension(EXTENSION, PodcastIndexExtension, None, atom=False, rss=True)
