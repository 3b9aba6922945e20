"""Airings: Broadcast and the history of changes to it."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from radiodesk.models.base import Base, UTCDateTime, utcnow
from radiodesk.models.enums import AccessClass, BroadcastStatus, ChangeAction, closed_set

if TYPE_CHECKING:
    from radiodesk.models.archive import Recording
    from radiodesk.models.people import Appearance, LogEntry
    from radiodesk.models.station import Show, Slot


class Broadcast(Base):
    """One airing of a show. Specials have no slot.

    ``occurrence`` is the slot's own start for this airing (UTC) and never changes, even when
    the airing is moved; it keeps slot expansion idempotent and becomes the iCalendar
    RECURRENCE-ID.
    """

    __tablename__ = "broadcast"
    __table_args__ = (
        UniqueConstraint("slot_id", "occurrence", name="uq_broadcast_slot_occurrence"),
        Index("ix_broadcast_planned_start_end", "planned_start", "planned_end"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    show_id: Mapped[int] = mapped_column(ForeignKey("show.id"), index=True)
    slot_id: Mapped[int | None] = mapped_column(ForeignKey("slot.id", ondelete="SET NULL"))
    occurrence: Mapped[datetime | None] = mapped_column(UTCDateTime)
    planned_start: Mapped[datetime] = mapped_column(UTCDateTime)
    planned_end: Mapped[datetime] = mapped_column(UTCDateTime)
    actual_start: Mapped[datetime | None] = mapped_column(UTCDateTime)
    actual_end: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[BroadcastStatus] = mapped_column(
        closed_set(BroadcastStatus, 16, "status"), default=BroadcastStatus.PLANNED, index=True
    )
    special: Mapped[bool] = mapped_column(Boolean, default=False)
    moved: Mapped[bool] = mapped_column(Boolean, default=False)
    title: Mapped[str | None] = mapped_column(String(300))
    topic: Mapped[str] = mapped_column(Text, default="")
    # Internal notes: never published.
    notes: Mapped[str] = mapped_column(Text, default="")
    access_class: Mapped[AccessClass] = mapped_column(
        closed_set(AccessClass, 8, "access_class"), default=AccessClass.OPEN
    )
    handover: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    show: Mapped[Show] = relationship(back_populates="broadcasts")
    slot: Mapped[Slot | None] = relationship()
    changes: Mapped[list[BroadcastChange]] = relationship(
        back_populates="broadcast", cascade="all, delete-orphan", order_by="BroadcastChange.at"
    )
    appearances: Mapped[list[Appearance]] = relationship(
        back_populates="broadcast", cascade="all, delete-orphan"
    )
    log_entries: Mapped[list[LogEntry]] = relationship(
        back_populates="broadcast", cascade="all, delete-orphan", order_by="LogEntry.at"
    )
    recordings: Mapped[list[Recording]] = relationship(back_populates="broadcast")


class BroadcastChange(Base):
    """History of a broadcast: created as special, cancelled, moved, re-planned, started…"""

    __tablename__ = "broadcast_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    broadcast_id: Mapped[int] = mapped_column(
        ForeignKey("broadcast.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    action: Mapped[ChangeAction] = mapped_column(closed_set(ChangeAction, 20, "action"))
    reason: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(String(100), default="")
    old_start: Mapped[datetime | None] = mapped_column(UTCDateTime)
    old_end: Mapped[datetime | None] = mapped_column(UTCDateTime)
    new_start: Mapped[datetime | None] = mapped_column(UTCDateTime)
    new_end: Mapped[datetime | None] = mapped_column(UTCDateTime)
    old_status: Mapped[BroadcastStatus | None] = mapped_column(
        closed_set(BroadcastStatus, 16, "old_status")
    )
    new_status: Mapped[BroadcastStatus | None] = mapped_column(
        closed_set(BroadcastStatus, 16, "new_status")
    )
    seq: Mapped[int] = mapped_column(Integer, default=0)

    broadcast: Mapped[Broadcast] = relationship(back_populates="changes")
