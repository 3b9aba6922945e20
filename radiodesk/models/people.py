"""People, their appearances on air, and the live log."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from radiodesk.models.base import Base, UTCDateTime, utcnow
from radiodesk.models.enums import (
    Channel,
    Consent,
    FollowupStatus,
    LogKind,
    RevisionAction,
    Role,
    closed_set,
)

if TYPE_CHECKING:
    from radiodesk.models.schedule import Broadcast


class Person(Base):
    """Someone who appears on air. Phone, e-mail and notes are private: never published."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    honorific: Mapped[str] = mapped_column(String(60), default="")
    position: Mapped[str] = mapped_column(String(300), default="")
    institution: Mapped[str] = mapped_column(String(300), default="")
    # Lower-cased, accent-free forms for forgiving look-ups.
    name_folded: Mapped[str] = mapped_column(String(200), default="", index=True)
    institution_folded: Mapped[str] = mapped_column(String(300), default="", index=True)
    phone: Mapped[str] = mapped_column(String(60), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    consent: Mapped[Consent] = mapped_column(
        closed_set(Consent, 10, "consent"), default=Consent.UNKNOWN
    )
    consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    publish_name: Mapped[bool] = mapped_column(Boolean, default=True)
    publish_position: Mapped[bool] = mapped_column(Boolean, default=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    appearances: Mapped[list[Appearance]] = relationship(back_populates="person")


class Appearance(Base):
    """A person in a broadcast, with a role and a topic."""

    __tablename__ = "appearance"
    __table_args__ = (UniqueConstraint("broadcast_id", "person_id", "role", name="uq_appearance"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    broadcast_id: Mapped[int] = mapped_column(
        ForeignKey("broadcast.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    role: Mapped[Role] = mapped_column(closed_set(Role, 12, "role"), default=Role.GUEST)
    topic: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    broadcast: Mapped[Broadcast] = relationship(back_populates="appearances")
    person: Mapped[Person] = relationship(back_populates="appearances")


class LogEntry(Base):
    """One line of a broadcast's live log, at a wall-clock instant (UTC).

    Questions and complaints from listeners carry the caller (private), where they call from,
    the channel, the agency they were passed to and the follow-up status with its dates.
    """

    __tablename__ = "log_entry"
    __table_args__ = (
        Index("ix_log_entry_broadcast_at", "broadcast_id", "at"),
        Index("ix_log_entry_followup", "kind", "followup_status", "agency"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    broadcast_id: Mapped[int] = mapped_column(ForeignKey("broadcast.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    kind: Mapped[LogKind] = mapped_column(closed_set(LogKind, 16, "kind"))
    text: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(100), default="")
    caller_name: Mapped[str] = mapped_column(String(200), default="")
    caller_location: Mapped[str] = mapped_column(String(200), default="")
    channel: Mapped[Channel | None] = mapped_column(closed_set(Channel, 12, "channel"))
    agency: Mapped[str | None] = mapped_column(String(300))
    followup_status: Mapped[FollowupStatus | None] = mapped_column(
        closed_set(FollowupStatus, 12, "followup_status")
    )
    forwarded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answer: Mapped[str] = mapped_column(Text, default="")
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    # Made by the program that sent the entry (the desk, the CLI) before sending it: the same
    # id sent again, after a crash between the commit and the answer, is the same entry.
    client_id: Mapped[str | None] = mapped_column(String(80), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    broadcast: Mapped[Broadcast] = relationship(back_populates="log_entries")
    revisions: Mapped[list[LogRevision]] = relationship(
        back_populates="entry", cascade="all, delete-orphan", order_by="LogRevision.at"
    )


class LogRevision(Base):
    """The text (and kind, time) a log entry had before an edit, with who edited it and when."""

    __tablename__ = "log_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(
        ForeignKey("log_entry.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    author: Mapped[str] = mapped_column(String(100), default="")
    action: Mapped[RevisionAction] = mapped_column(
        closed_set(RevisionAction, 12, "action"), default=RevisionAction.EDIT
    )
    old_text: Mapped[str] = mapped_column(Text)
    old_kind: Mapped[LogKind] = mapped_column(closed_set(LogKind, 16, "old_kind"))
    old_at: Mapped[datetime] = mapped_column(UTCDateTime)
    old_followup_status: Mapped[FollowupStatus | None] = mapped_column(
        closed_set(FollowupStatus, 12, "old_followup_status")
    )

    entry: Mapped[LogEntry] = relationship(back_populates="revisions")
