"""Shared fixtures. Tests that need ../shared skip without it, unless CI demands it."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = Path(os.environ.get("FRONTWATCH_SHARED", PROJECT_ROOT.parent / "shared"))
SAMPLE_DIR = PROJECT_ROOT / "data" / "sample"


def require_shared(relative: str) -> Path:
    """Path under ../shared; skips (or fails when FRONTWATCH_REQUIRE_SHARED=1) if missing."""
    path = SHARED_DIR / relative
    if not path.exists():
        reason = f"needs shared evaluation data at {path} (not part of a user's clone)"
        if os.environ.get("FRONTWATCH_REQUIRE_SHARED") == "1":
            pytest.fail(reason + "; FRONTWATCH_REQUIRE_SHARED=1 demands it")
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return require_shared("seed/report-2022-09-12.txt")


@pytest.fixture(scope="session")
def seed_report(seed_path):
    """The seed as the real reader makes it (body after the ' date YYYY-MM-DD ' header)."""
    from frontwatch.ingest import ReadReport, read_inputs

    (item,) = read_inputs([str(seed_path)])
    assert isinstance(item, ReadReport), item
    return item.report


@pytest.fixture(scope="session")
def seed_analysis(seed_report):
    from frontwatch.nlp import analyze

    return analyze(seed_report)


@pytest.fixture(autouse=True, scope="session")
def _default_db_in_tmp(tmp_path_factory):
    """Commands run without --db must never touch the user's real database."""
    previous = os.environ.get("FRONTWATCH_DB")
    os.environ["FRONTWATCH_DB"] = str(tmp_path_factory.mktemp("default-db") / "frontwatch.db")
    yield
    if previous is None:
        os.environ.pop("FRONTWATCH_DB", None)
    else:
        os.environ["FRONTWATCH_DB"] = previous


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return str(tmp_path / "frontwatch.db")


@pytest.fixture
def pg_url():
    """A fresh database on the server of $FRONTWATCH_TEST_PG, dropped afterwards.

    Skips when no server is configured, except under CI=true where PostgreSQL is required.
    """
    server = os.environ.get("FRONTWATCH_TEST_PG")
    if not server:
        reason = "PostgreSQL tests need FRONTWATCH_TEST_PG=postgresql+psycopg://user@host:port/db"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason + " (CI=true demands them; .ci/run starts a server)")
        pytest.skip(reason)
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from frontwatch.store.db import dispose_engines, resolve_url

    server_url = make_url(resolve_url(server))
    name = f"frontwatch_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server_url.set(database=name).render_as_string(hide_password=False)
    finally:
        dispose_engines()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request) -> str:
    """Each store test runs on SQLite and on PostgreSQL."""
    fixture = "sqlite_url" if request.param == "sqlite" else "pg_url"
    return request.getfixturevalue(fixture)
