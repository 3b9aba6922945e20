"""What publishing remembers about the feeds it wrote."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from radiodesk.models.base import Base, UTCDateTime


class PublishedFeed(Base):
    """A file podcast apps or calendars subscribe to (a feed, ``schedule.ics``), as published.

    ``guid`` is assigned at its first publish and never changes (``podcast:guid``; for the
    calendar, the domain of its event ids). ``previous_url`` is where it was before the
    station's public URL last changed: its feed then names ``url`` as ``itunes:new-feed-url``.
    ``built_at`` is when what it says last changed (``lastBuildDate``); ``content_key``
    identifies that content.
    """

    __tablename__ = "published_feed"

    id: Mapped[int] = mapped_column(primary_key=True)
    path: Mapped[str] = mapped_column(String(200), unique=True)
    guid: Mapped[str] = mapped_column(String(200))
    url: Mapped[str] = mapped_column(String(700))
    previous_url: Mapped[str | None] = mapped_column(String(700))
    moved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    content_key: Mapped[str] = mapped_column(String(64))
    built_at: Mapped[datetime] = mapped_column(UTCDateTime)
    first_published_at: Mapped[datetime] = mapped_column(UTCDateTime)
