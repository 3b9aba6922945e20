"""Alembic environment: the engine comes from radiodesk (config.attributes["engine"])."""

from __future__ import annotations

from alembic import context

from radiodesk.db import DatabaseError
from radiodesk.i18n import _
from radiodesk.models import Base

config = context.config
engine = config.attributes["engine"]

with engine.connect() as connection:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        # Batch mode changes a SQLite table by copying it and dropping the old one; with
        # foreign keys on, that drop would cascade into every row that refers to it. The
        # pragma only takes outside a transaction, so it is set on the driver's connection.
        connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
    try:
        with connection.begin():
            context.configure(
                connection=connection,
                target_metadata=Base.metadata,
                render_as_batch=sqlite,
                compare_type=True,
            )
            context.run_migrations()
            if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first():
                raise DatabaseError(
                    _("The upgrade was undone: it left rows that refer to rows not there.")
                )
    finally:
        if sqlite:
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=ON")
