"""search vocabulary

The known words of the search index, with a trigram index (SQLite: FTS5 ``trigram``
tokenizer; PostgreSQL: ``pg_trgm``), so that a misspelled word is searched as the nearest
known one (radiodesk/search/spelling.py). Filled from the index as it is.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 19:20:00
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from radiodesk.search import schema, spelling

    conn = op.get_bind()
    if not schema.exists(conn):
        return
    spelling.create(conn)
    spelling.fill_from_index(conn)


def downgrade() -> None:
    from radiodesk.search import spelling

    spelling.drop(op.get_bind())
