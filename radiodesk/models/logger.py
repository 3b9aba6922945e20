"""The air logger: its segments, the gaps between them, what it noticed, its heartbeat, and
the queue of work that follows a broadcast.

Instants are UTC; durations in seconds; sizes in bytes. Paths are relative to archive/.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from radiodesk.models.base import Base, UTCDateTime, utcnow
from radiodesk.models.enums import (
    JobKind,
    JobStatus,
    LoggerCause,
    LoggerEventKind,
    LoggerRunState,
    closed_set,
)


class LoggerSegment(Base):
    """One file of the logger, named by the instant (``start``) of its first sample.

    While ffmpeg writes it, ``complete`` is false and ``path`` is its temporary name.
    """

    __tablename__ = "logger_segment"

    id: Mapped[int] = mapped_column(primary_key=True)
    path: Mapped[str] = mapped_column(String(500), unique=True)
    start: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    duration: Mapped[float] = mapped_column(Float, default=0.0)
    size: Mapped[int] = mapped_column(BigInteger, default=0)
    codec: Mapped[str] = mapped_column(String(40), default="")
    complete: Mapped[bool] = mapped_column(Boolean, default=False)
    # Which ffmpeg connection wrote it, and where it starts on that connection's timeline.
    connection: Mapped[str] = mapped_column(String(40), default="")
    offset: Mapped[float] = mapped_column(Float, default=0.0)
    sha256: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Checked by 'radiodesk verify' like every archived file.
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    verified_ok: Mapped[bool | None] = mapped_column(Boolean)


class LoggerGap(Base):
    """Air not recorded: from the last sample before it to the first after (None: still open).

    ``cause`` is a key of :data:`radiodesk.logger.causes.CAUSES`; ``detail`` ffmpeg's words.
    """

    __tablename__ = "logger_gap"

    id: Mapped[int] = mapped_column(primary_key=True)
    start: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    end: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    cause: Mapped[LoggerCause] = mapped_column(closed_set(LoggerCause, 40, "cause"))
    detail: Mapped[str] = mapped_column(Text, default="")


class LoggerEvent(Base):
    """Something the logger noticed in the air or on its disk: dead air, disk below reserve."""

    __tablename__ = "logger_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[LoggerEventKind] = mapped_column(
        closed_set(LoggerEventKind, 20, "kind"), index=True
    )
    start: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    end: Mapped[datetime | None] = mapped_column(UTCDateTime)
    detail: Mapped[str] = mapped_column(Text, default="")


class LoggerState(Base):
    """The running logger's heartbeat (one row): what it is doing, since when, and why."""

    __tablename__ = "logger_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    state: Mapped[LoggerRunState] = mapped_column(closed_set(LoggerRunState, 20, "state"))
    since: Mapped[datetime] = mapped_column(UTCDateTime)
    heartbeat: Mapped[datetime] = mapped_column(UTCDateTime)
    # A LoggerCause, or "" while recording.
    cause: Mapped[str] = mapped_column(String(40), default="")
    detail: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(500), default="")
    host: Mapped[str] = mapped_column(String(200), default="")
    pid: Mapped[int | None] = mapped_column(Integer)
    ffmpeg_pid: Mapped[int | None] = mapped_column(Integer)
    # The air instant of the newest sample written.
    recorded_until: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Job(Base):
    """Work queued after a broadcast (cut it from the logger, then ingest), done one at a
    time by the station's long-running process; a job left ``running`` by a crash is redone."""

    __tablename__ = "job"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[JobKind] = mapped_column(closed_set(JobKind, 20, "kind"))
    broadcast_id: Mapped[int | None] = mapped_column(
        ForeignKey("broadcast.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[JobStatus] = mapped_column(
        closed_set(JobStatus, 12, "status"), default=JobStatus.QUEUED, index=True
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    not_before: Mapped[datetime | None] = mapped_column(UTCDateTime)
    error: Mapped[str] = mapped_column(Text, default="")
    recording_id: Mapped[int | None] = mapped_column(
        ForeignKey("recording.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
