"""Where each published file lives under ``public/``, and its absolute URL.

Layout (all names ASCII; the manifest of what radiodesk wrote is kept in the archive, see
:func:`manifest_path`)::

    index.html  style.css  favicon.png  feed.xml (the station)  artwork-<key>.png
    schedule.ics  now.json
    <show>/index.html  <show>/feed.xml  <show>/artwork-<key>.png|jpg
    <show>/episodes/<date>-<time>-e<id>.mp3 (.chapters.json, .vtt …)
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from urllib.parse import quote

from radiodesk.config import Settings

STATION_FEED = "feed.xml"
INDEX = "index.html"
STYLE = "style.css"
ICON = "favicon.png"
SCHEDULE = "schedule.ics"
NOW = "now.json"
EPISODES_DIR = "episodes"
# A file being written is named so until it is complete; never served, swept when left behind.
TEMPORARY_SUFFIX = ".radiodesk-tmp"
# What a transcript's extension is served as, and which extension a MIME type of audio gets.
TRANSCRIPT_TYPES = {
    ".vtt": "text/vtt",
    ".srt": "application/x-subrip",
    ".json": "application/json",
    ".txt": "text/plain",
    ".html": "text/html",
}
AUDIO_EXTENSIONS = {
    "audio/mpeg": ".mp3",
    "audio/mp4": ".m4a",
    "audio/x-m4a": ".m4a",
    "audio/aac": ".m4a",
    "audio/ogg": ".ogg",
    "audio/opus": ".opus",
}


def manifest_path(settings: Settings) -> Path:
    """Where radiodesk keeps the list of files it wrote into public/: in the archive, not in
    public/ (it names archive paths and why episodes were held back). One per public folder."""
    folder = hashlib.blake2b(str(settings.public_dir).encode(), digest_size=6).hexdigest()
    return settings.archive_dir / "publish" / f"manifest-{folder}.json"


def feed_path(slug: str) -> str:
    return f"{slug}/feed.xml"


def page_path(slug: str) -> str:
    return f"{slug}/index.html"


class Urls:
    """Absolute URLs under the station's public base URL (``settings.station.public_url``)."""

    def __init__(self, public_url: str) -> None:
        self.base = public_url.rstrip("/")

    def of(self, path: str) -> str:
        """The URL of a file at ``path`` (relative to public/)."""
        return f"{self.base}/{quote(path)}"

    def feed(self, slug: str | None = None) -> str:
        return self.of(feed_path(slug) if slug else STATION_FEED)

    def page(self, slug: str | None = None) -> str:
        return f"{self.base}/{quote(slug)}/" if slug else f"{self.base}/"
