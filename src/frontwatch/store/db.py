"""Where the store lives and how to open it.

The database is chosen once per call: an explicit URL (``--db``) wins over ``FRONTWATCH_DB``,
which wins over a SQLite file in the user data directory. A plain path is taken as a SQLite
file and ``postgresql://`` is served by psycopg 3. The schema is created and upgraded by the
Alembic migrations in ``store/migrations``; opening a database that is already at the head
revision costs one small query, so every command may call :func:`get_engine` freely.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

ENV_VAR = "FRONTWATCH_DB"
STORE_DIR = Path(__file__).resolve().parent
MIGRATIONS_DIR = STORE_DIR / "migrations"

_engines: dict[str, Engine] = {}
_lock = threading.Lock()


def default_db_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("frontwatch")) / "frontwatch.db"


def resolve_url(url: str | None = None) -> str:
    """The SQLAlchemy URL for ``url`` / ``$FRONTWATCH_DB`` / the default SQLite file."""
    chosen = url or os.environ.get(ENV_VAR) or str(default_db_path())
    if "://" not in chosen:
        path = Path(chosen).expanduser().resolve()
        return f"sqlite:///{path}"
    if chosen.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + chosen.split("://", 1)[1]
    return chosen


def get_engine(url: str | None = None) -> Engine:
    """The engine for ``url`` (cached per URL), with the schema migrated to the head revision."""
    resolved = resolve_url(url)
    with _lock:
        engine = _engines.get(resolved)
        if engine is None:
            engine = _create_engine(resolved)
            migrate(engine)
            _engines[resolved] = engine
    return engine


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    """A session that commits when the block ends normally and rolls back otherwise."""
    session = Session(get_engine(url), expire_on_commit=False)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def dispose_engines() -> None:
    """Close every cached engine (tests and long-lived servers that switch databases)."""
    with _lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()


def _create_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 30})
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """Foreign keys enforce the report → item cascade; WAL lets readers run beside a writer."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def alembic_config(url: str | None = None):
    """An Alembic ``Config`` pointing at our migrations (no alembic.ini needed)."""
    from alembic.config import Config

    config = Config(str(STORE_DIR / "alembic.ini"))
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        config.set_main_option("sqlalchemy.url", resolve_url(url).replace("%", "%%"))
    return config


def migrate(engine: Engine) -> None:
    """Upgrade the schema to the head revision; a no-op query when it is already there."""
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    config = alembic_config()
    heads = set(ScriptDirectory.from_config(config).get_heads())
    with engine.connect() as connection:
        current = set(MigrationContext.configure(connection).get_current_heads())
    if current == heads:
        return
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "heads")
