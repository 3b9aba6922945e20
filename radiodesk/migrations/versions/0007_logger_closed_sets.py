"""logger closed sets and per-programme pre-/post-roll

CHECK constraints on the air logger's closed sets (its state, a gap's cause, an event's
kind, a job's kind and status; radiodesk/models/enums.py), after refusing rows outside them
as 0003 does; and each programme's own pre-/post-roll for cutting its broadcasts from the
logger (show.pre_roll, show.post_roll; empty: the station's [logger] values).

The values are written out here, not imported: this migration keeps meaning what it meant.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 19:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

CAUSES = (
    "connection_refused",
    "not_found",
    "not_audio",
    "unreachable",
    "timeout",
    "stream_ended",
    "no_device",
    "disk_low",
    "disk_full",
    "not_running",
    "stopped",
    "ffmpeg_failed",
)
# table -> [(column, allowed values)]; each constraint is named ck_<table>_<column>.
CLOSED_SETS: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "logger_state": [
        ("state", ("recording", "connecting", "disconnected", "paused", "stopped")),
    ],
    "logger_gap": [("cause", CAUSES)],
    "logger_event": [("kind", ("dead_air", "disk_low", "started", "stopped"))],
    "job": [("kind", ("cut", "publish")), ("status", ("queued", "running", "done", "failed"))],
}


def upgrade() -> None:
    conn = op.get_bind()
    for table, columns in CLOSED_SETS.items():
        for column, values in columns:
            col = sa.column(column, sa.String)
            row = conn.execute(
                sa.select(sa.column("id", sa.Integer), col)
                .select_from(sa.table(table))
                .where(col.not_in(values))
                .limit(1)
            ).first()
            if row is not None:
                from radiodesk.db import DatabaseError
                from radiodesk.i18n import _

                raise DatabaseError(
                    _(
                        "The database cannot be upgraded: {table} row {id} has {column} "
                        "{value!r} (allowed: {choices})."
                    ).format(
                        table=table,
                        id=row[0],
                        column=column,
                        value=row[1],
                        choices=", ".join(values),
                    )
                )
    for table, columns in CLOSED_SETS.items():
        with op.batch_alter_table(table) as batch_op:
            for column, values in columns:
                batch_op.create_check_constraint(
                    op.f(f"ck_{table}_{column}"), sa.column(column).in_(values)
                )
    with op.batch_alter_table("show") as batch_op:
        batch_op.add_column(sa.Column("pre_roll", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("post_roll", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("show") as batch_op:
        batch_op.drop_column("post_roll")
        batch_op.drop_column("pre_roll")
    for table, columns in CLOSED_SETS.items():
        with op.batch_alter_table(table) as batch_op:
            for column, _values in columns:
                batch_op.drop_constraint(op.f(f"ck_{table}_{column}"), type_="check")
