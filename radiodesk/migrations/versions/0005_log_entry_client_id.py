"""log entry client id

A log entry carries the id its sender made for it (radiodesk/models/people.py,
``LogEntry.client_id``), unique, so that a command retried after a crash is recognised and
not stored twice. Existing entries have none.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 19:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("log_entry", schema=None) as batch_op:
        batch_op.add_column(sa.Column("client_id", sa.String(length=80), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_log_entry_client_id"), ["client_id"])


def downgrade() -> None:
    with op.batch_alter_table("log_entry", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_log_entry_client_id"), type_="unique")
        batch_op.drop_column("client_id")
