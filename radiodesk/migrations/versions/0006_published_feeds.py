"""published feeds

What publishing remembers about each feed it wrote: its podcast:guid, assigned at its first
publish and kept; where it was before the public URL changed; when its content last changed
(radiodesk/models/publish.py); and the episode title last written into a rendition's tags.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 19:15:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "published_feed",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("path", sa.String(length=200), nullable=False),
        sa.Column("guid", sa.String(length=200), nullable=False),
        sa.Column("url", sa.String(length=700), nullable=False),
        sa.Column("previous_url", sa.String(length=700), nullable=True),
        sa.Column("moved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("content_key", sa.String(length=64), nullable=False),
        sa.Column("built_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("first_published_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_published_feed")),
        sa.UniqueConstraint("path", name=op.f("uq_published_feed_path")),
    )
    with op.batch_alter_table("rendition", schema=None) as batch_op:
        batch_op.add_column(sa.Column("tagged_title", sa.String(length=500), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("rendition", schema=None) as batch_op:
        batch_op.drop_column("tagged_title")
    op.drop_table("published_feed")
