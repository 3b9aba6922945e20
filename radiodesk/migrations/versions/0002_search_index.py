"""search index

Creates the full-text index of the archive (SQLite: FTS5 table ``search_fts`` beside
``search_doc``; PostgreSQL: ``search_doc.tsv`` with a GIN index) and builds it from the rows
already there. From then on the ORM keeps it in step (radiodesk/search/index.py).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 20:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from radiodesk.search import index

    conn = op.get_bind()
    # Transcripts are read from the archive folder when it can be found; otherwise
    # 'radiodesk search --rebuild' indexes them later.
    index.rebuild(conn, index.archive_dir_for(None, conn))


def downgrade() -> None:
    from radiodesk.search import schema

    schema.drop_all(op.get_bind())
