"""closed sets

CHECK constraints on every column that holds one of the domain's closed sets (statuses,
kinds, roles, channels; radiodesk/models/enums.py). The rows already there are checked
first: a value outside its set stops the upgrade with the table, row and value named, and
nothing is changed.

The values are written out here, not imported, so that this migration keeps meaning what it
meant when a set grows later (that is a migration of its own).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03 16:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

BROADCAST_STATUS = ("planned", "on_air", "aired", "cancelled")
LOG_KIND = ("segment", "note", "question", "complaint", "music", "announcement", "psa", "ad")
FOLLOWUP_STATUS = ("open", "forwarded", "answered", "closed")

# table -> [(column, allowed values)]; each constraint is named ck_<table>_<column>.
CLOSED_SETS: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "broadcast": [
        ("status", BROADCAST_STATUS),
        ("access_class", ("open", "exempt")),
    ],
    "broadcast_change": [
        ("action", ("special", "cancel", "move", "replan", "start", "stop")),
        ("old_status", BROADCAST_STATUS),
        ("new_status", BROADCAST_STATUS),
    ],
    "episode": [("status", ("draft", "scheduled", "published", "withdrawn"))],
    "person": [("consent", ("unknown", "given", "refused"))],
    "appearance": [("role", ("host", "guest", "caller", "reporter"))],
    "log_entry": [
        ("kind", LOG_KIND),
        ("channel", ("phone", "sms", "whatsapp", "studio", "social", "letter")),
        ("followup_status", FOLLOWUP_STATUS),
    ],
    "log_revision": [
        ("action", ("edit", "delete", "restore", "followup")),
        ("old_kind", LOG_KIND),
        ("old_followup_status", FOLLOWUP_STATUS),
    ],
}


def upgrade() -> None:
    refuse_rows_outside_sets(op.get_bind())
    for table, columns in CLOSED_SETS.items():
        with op.batch_alter_table(table) as batch_op:
            for column, values in columns:
                batch_op.create_check_constraint(
                    op.f(f"ck_{table}_{column}"), sa.column(column).in_(values)
                )


def downgrade() -> None:
    for table, columns in CLOSED_SETS.items():
        with op.batch_alter_table(table) as batch_op:
            for column, _values in columns:
                batch_op.drop_constraint(op.f(f"ck_{table}_{column}"), type_="check")


def refuse_rows_outside_sets(conn: sa.Connection) -> None:
    """Stop, naming each offending table, row id and value, when a row holds a value outside
    its set (a CHECK constraint cannot be added over it)."""
    from radiodesk.db import DatabaseError
    from radiodesk.i18n import _, ngettext

    problems = []
    for table, columns in CLOSED_SETS.items():
        for column, values in columns:
            ident = sa.column("id", sa.Integer)
            col = sa.column(column, sa.String)
            rows = conn.execute(
                sa.select(ident, col)
                .select_from(sa.table(table))
                .where(col.is_not(None), col.not_in(values))
                .order_by(ident)
            ).all()
            if not rows:
                continue
            row_id, value = rows[0]
            problem = _("{table} row {id} has {column} {value!r} (allowed: {choices})").format(
                table=table, id=row_id, column=column, value=value, choices=", ".join(values)
            )
            if len(rows) > 1:
                more = len(rows) - 1
                problem += " " + ngettext(
                    "and {n} more row like it", "and {n} more rows like it", more
                ).format(n=more)
            problems.append(problem)
    if problems:
        raise DatabaseError(
            _(
                "The database cannot be upgraded: {problems}. Correct those rows (or restore "
                "a backup), then run 'radiodesk init' again."
            ).format(problems="; ".join(problems))
        )
