"""Shared fixtures. Tests that need ../shared skip without it, unless CI demands it."""

from __future__ import annotations

import datetime as dt
import os
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
    """The seed as a Report (body after the ' date YYYY-MM-DD ' header)."""
    from frontwatch.models import Report

    raw = seed_path.read_text(encoding="utf-8")
    header, _, body = raw.lstrip().partition(" ")
    assert header == "date"
    date_str, _, body = body.partition(" ")
    return Report(text=body, published=dt.date.fromisoformat(date_str), origin=str(seed_path))


@pytest.fixture(scope="session")
def seed_analysis(seed_report):
    from frontwatch.nlp import analyze

    return analyze(seed_report)
