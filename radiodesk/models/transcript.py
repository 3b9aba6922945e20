"""Automatic transcripts of recordings (radiodesk.transcripts): one row per recording, the
cues of each finished chunk while it is being made, and the WebVTT file once it is whole.

Instants are UTC; times in seconds from the recording's start; sizes in bytes. Paths are
relative to archive/.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from radiodesk.models.base import Base, UTCDateTime, utcnow
from radiodesk.models.enums import TranscriptStatus


class Transcript(Base):
    """The automatic transcript of one recording and how it was made."""

    __tablename__ = "transcript"

    id: Mapped[int] = mapped_column(primary_key=True)
    recording_id: Mapped[int] = mapped_column(
        ForeignKey("recording.id", ondelete="CASCADE"), unique=True
    )
    # queued: waiting; running: being made (or left so by a crash: resumed); done: the file
    # is written (``cues`` 0: no speech found); failed: ``error`` says why.
    status: Mapped[str] = mapped_column(String(12), default=TranscriptStatus.QUEUED, index=True)
    language: Mapped[str] = mapped_column(String(8), default="id")
    # The model (a name such as "base" or a folder) and every setting that shapes the text.
    model: Mapped[str] = mapped_column(String(500), default="")
    settings: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    chunks_total: Mapped[int] = mapped_column(Integer, default=0)
    chunks_done: Mapped[int] = mapped_column(Integer, default=0)
    cues: Mapped[int] = mapped_column(Integer, default=0)
    path: Mapped[str | None] = mapped_column(String(500))
    sha256: Mapped[str | None] = mapped_column(String(64))
    size: Mapped[int | None] = mapped_column(BigInteger)
    # Seconds of work (wall clock) and of audio, for the real-time factor.
    work_seconds: Mapped[float | None] = mapped_column(Float)
    error: Mapped[str] = mapped_column(Text, default="")
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    queued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    verified_ok: Mapped[bool | None] = mapped_column(Boolean)


class TranscriptChunk(Base):
    """The cues of one finished chunk of a transcript being made: what a run killed halfway
    keeps. ``cues`` is [[start, end, text], …], seconds from the recording's start."""

    __tablename__ = "transcript_chunk"
    __table_args__ = (UniqueConstraint("transcript_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    transcript_id: Mapped[int] = mapped_column(
        ForeignKey("transcript.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    cues: Mapped[list[Any]] = mapped_column(JSON)
