"""Recordings, their podcast renditions, and the episodes published from them."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, BigInteger, Boolean, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from radiodesk.models.base import Base, UTCDateTime, utcnow
from radiodesk.models.enums import EpisodeStatus, closed_set

if TYPE_CHECKING:
    from radiodesk.models.schedule import Broadcast
    from radiodesk.models.station import Show


class Recording(Base):
    """A master file, kept byte for byte under archive/. Paths are relative to archive/.

    Durations in seconds, sizes in bytes, bit rate in bits per second, loudness in LUFS.
    A clip is a recording of its own whose ``parent_id`` is the recording it was cut from.
    """

    __tablename__ = "recording"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    original_name: Mapped[str] = mapped_column(String(500))
    stored_path: Mapped[str] = mapped_column(String(500), unique=True)
    size: Mapped[int] = mapped_column(BigInteger)
    container: Mapped[str] = mapped_column(String(40), default="")
    codec: Mapped[str] = mapped_column(String(40), default="")
    duration: Mapped[float] = mapped_column(Float, default=0.0)
    sample_rate: Mapped[int | None] = mapped_column(Integer)
    channels: Mapped[int | None] = mapped_column(Integer)
    bit_rate: Mapped[int | None] = mapped_column(Integer)
    loudness: Mapped[float | None] = mapped_column(Float)
    recorded_start: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    broadcast_id: Mapped[int | None] = mapped_column(
        ForeignKey("broadcast.id", ondelete="SET NULL"), index=True
    )
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("recording.id"))
    clip_start: Mapped[float | None] = mapped_column(Float)
    clip_end: Mapped[float | None] = mapped_column(Float)
    title: Mapped[str] = mapped_column(String(300), default="")
    transcript_path: Mapped[str | None] = mapped_column(String(500))
    ingested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    verified_ok: Mapped[bool | None] = mapped_column(Boolean)

    broadcast: Mapped[Broadcast | None] = relationship(back_populates="recordings")
    renditions: Mapped[list[Rendition]] = relationship(
        back_populates="recording", cascade="all, delete-orphan"
    )


class Rendition(Base):
    """A loudness-normalised access copy of a recording (the podcast file)."""

    __tablename__ = "rendition"

    id: Mapped[int] = mapped_column(primary_key=True)
    recording_id: Mapped[int] = mapped_column(
        ForeignKey("recording.id", ondelete="CASCADE"), index=True
    )
    stored_path: Mapped[str] = mapped_column(String(500), unique=True)
    format: Mapped[str] = mapped_column(String(10))
    mime_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    duration: Mapped[float] = mapped_column(Float)
    bit_rate: Mapped[int | None] = mapped_column(Integer)
    loudness: Mapped[float | None] = mapped_column(Float)
    true_peak: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    verified_ok: Mapped[bool | None] = mapped_column(Boolean)
    # The episode title last written into its tags by a publish (None: as rendered).
    tagged_title: Mapped[str | None] = mapped_column(String(500))

    recording: Mapped[Recording] = relationship(back_populates="renditions")


class Episode(Base):
    """What is published from a recording. ``guid`` never changes once set."""

    __tablename__ = "episode"

    id: Mapped[int] = mapped_column(primary_key=True)
    guid: Mapped[str] = mapped_column(String(200), unique=True)
    show_id: Mapped[int] = mapped_column(ForeignKey("show.id"), index=True)
    broadcast_id: Mapped[int | None] = mapped_column(
        ForeignKey("broadcast.id", ondelete="SET NULL"), index=True
    )
    recording_id: Mapped[int | None] = mapped_column(
        ForeignKey("recording.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[EpisodeStatus] = mapped_column(
        closed_set(EpisodeStatus, 12, "status"), default=EpisodeStatus.DRAFT, index=True
    )
    publish_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    season: Mapped[int | None] = mapped_column(Integer)
    number: Mapped[int | None] = mapped_column(Integer)
    # Chapters as [{"start": s, "end": s, "title": …}] (seconds), made from the live log's
    # segments; ``chapters_key`` says which state of the log they were made from.
    chapters: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    chapters_key: Mapped[str | None] = mapped_column(String(100))
    # When an editor last acted on it; None while only radiodesk drafted and scheduled it.
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Title and description are as radiodesk drafted them (no editor rewrote them): they are
    # drafted again when the guests' consent changes.
    drafted: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    show: Mapped[Show] = relationship()
    broadcast: Mapped[Broadcast | None] = relationship()
    recording: Mapped[Recording | None] = relationship()
