"""air logger

The logger's segments, gaps, events and heartbeat, and the queue of work after a broadcast
(radiodesk/models/logger.py).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 15:39:14
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "logger_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("end", sa.DateTime(timezone=True), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_logger_event")),
    )
    with op.batch_alter_table("logger_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_logger_event_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_logger_event_start"), ["start"], unique=False)

    op.create_table(
        "logger_gap",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("end", sa.DateTime(timezone=True), nullable=True),
        sa.Column("cause", sa.String(length=40), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_logger_gap")),
    )
    with op.batch_alter_table("logger_gap", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_logger_gap_end"), ["end"], unique=False)
        batch_op.create_index(batch_op.f("ix_logger_gap_start"), ["start"], unique=False)

    op.create_table(
        "logger_segment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("path", sa.String(length=500), nullable=False),
        sa.Column("start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("duration", sa.Float(), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("codec", sa.String(length=40), nullable=False),
        sa.Column("complete", sa.Boolean(), nullable=False),
        sa.Column("connection", sa.String(length=40), nullable=False),
        sa.Column("offset", sa.Float(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("verified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("verified_ok", sa.Boolean(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_logger_segment")),
        sa.UniqueConstraint("path", name=op.f("uq_logger_segment_path")),
    )
    with op.batch_alter_table("logger_segment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_logger_segment_start"), ["start"], unique=False)

    op.create_table(
        "logger_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("since", sa.DateTime(timezone=True), nullable=False),
        sa.Column("heartbeat", sa.DateTime(timezone=True), nullable=False),
        sa.Column("cause", sa.String(length=40), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=500), nullable=False),
        sa.Column("host", sa.String(length=200), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=True),
        sa.Column("ffmpeg_pid", sa.Integer(), nullable=True),
        sa.Column("recorded_until", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_logger_state")),
    )
    op.create_table(
        "job",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("broadcast_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("not_before", sa.DateTime(timezone=True), nullable=True),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("recording_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["broadcast_id"],
            ["broadcast.id"],
            name=op.f("fk_job_broadcast_id_broadcast"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recording_id"],
            ["recording.id"],
            name=op.f("fk_job_recording_id_recording"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job")),
    )
    with op.batch_alter_table("job", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_job_broadcast_id"), ["broadcast_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_job_status"), ["status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("job", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_job_status"))
        batch_op.drop_index(batch_op.f("ix_job_broadcast_id"))

    op.drop_table("job")
    op.drop_table("logger_state")
    with op.batch_alter_table("logger_segment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_logger_segment_start"))

    op.drop_table("logger_segment")
    with op.batch_alter_table("logger_gap", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_logger_gap_start"))
        batch_op.drop_index(batch_op.f("ix_logger_gap_end"))

    op.drop_table("logger_gap")
    with op.batch_alter_table("logger_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_logger_event_start"))
        batch_op.drop_index(batch_op.f("ix_logger_event_kind"))

    op.drop_table("logger_event")
