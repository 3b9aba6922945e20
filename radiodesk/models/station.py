"""The station and its programmes: Station, Show, Slot."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING

from sqlalchemy import JSON, Boolean, Date, Float, ForeignKey, Integer, String, Text, Time
from sqlalchemy.orm import Mapped, mapped_column, relationship

from radiodesk.models.base import Base, UTCDateTime, utcnow

if TYPE_CHECKING:
    from radiodesk.models.schedule import Broadcast


class Station(Base):
    """The station as last synced from radiodesk.toml (one row per database)."""

    __tablename__ = "station"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str] = mapped_column(String(40), default="")
    frequency: Mapped[str] = mapped_column(String(40), default="")
    timezone: Mapped[str] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(8))
    public_url: Mapped[str] = mapped_column(String(500))
    owner_name: Mapped[str] = mapped_column(String(200), default="")
    owner_email: Mapped[str] = mapped_column(String(200), default="")
    artwork: Mapped[str | None] = mapped_column(String(500))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class Show(Base):
    """A programme: loaded from shows/<slug>.toml."""

    __tablename__ = "show"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    hosts: Mapped[list[str]] = mapped_column(JSON, default=list)
    category: Mapped[str] = mapped_column(String(100), default="News")
    subcategory: Mapped[str | None] = mapped_column(String(100))
    language: Mapped[str] = mapped_column(String(8), default="id")
    explicit: Mapped[bool] = mapped_column(Boolean, default=False)
    artwork: Mapped[str | None] = mapped_column(String(500))
    live: Mapped[bool] = mapped_column(Boolean, default=False)
    podcast: Mapped[bool] = mapped_column(Boolean, default=False)
    # Minutes after the broadcast ends at which an episode whose guests all consented is
    # published without an editor; None means an editor publishes by hand.
    auto_publish_after: Mapped[int | None] = mapped_column(Integer)
    loudness_target: Mapped[float] = mapped_column(Float, default=-16.0)
    audio_format: Mapped[str] = mapped_column(String(10), default="mp3")
    audio_bitrate: Mapped[int] = mapped_column(Integer, default=64)
    audio_channels: Mapped[int] = mapped_column(Integer, default=1)
    # Seconds of air the logger keeps before and after each broadcast; None: [logger]'s.
    pre_roll: Mapped[float | None] = mapped_column(Float)
    post_roll: Mapped[float | None] = mapped_column(Float)
    source_file: Mapped[str | None] = mapped_column(String(500))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    slots: Mapped[list[Slot]] = relationship(back_populates="show", cascade="all, delete-orphan")
    broadcasts: Mapped[list[Broadcast]] = relationship(back_populates="show")


class Slot(Base):
    """A show's recurring airing, in the station's local time.

    ``weekdays`` is a comma list of MO..SU. ``interval`` 2 means every other week counted
    from ``valid_from``; ``monthly_nth`` (1..4, or -1 for the last) means only that weekday
    of the month.
    """

    __tablename__ = "slot"

    id: Mapped[int] = mapped_column(primary_key=True)
    show_id: Mapped[int] = mapped_column(ForeignKey("show.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(80))
    weekdays: Mapped[str] = mapped_column(String(40))
    start_time: Mapped[time] = mapped_column(Time)
    duration_minutes: Mapped[int] = mapped_column(Integer)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    interval: Mapped[int] = mapped_column(Integer, default=1)
    monthly_nth: Mapped[int | None] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    show: Mapped[Show] = relationship(back_populates="slots")
