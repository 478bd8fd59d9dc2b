"""Alembic environment: runs on the connection frontwatch hands over, or on FRONTWATCH_DB."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from frontwatch.store import schema

config = context.config
target_metadata = schema.Base.metadata


def _run(connection) -> None:
    # render_as_batch: SQLite cannot ALTER most things; batch mode copies the table instead.
    context.configure(
        connection=connection, target_metadata=target_metadata, render_as_batch=True
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    from frontwatch.store.db import resolve_url

    engine = create_engine(resolve_url(config.get_main_option("sqlalchemy.url") or None))
    with engine.begin() as connection:
        _run(connection)


if context.is_offline_mode():
    raise SystemExit("frontwatch migrations run online only (they need a connection)")
run_migrations_online()
