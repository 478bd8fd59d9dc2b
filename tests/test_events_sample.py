"""Events of the sample corpus end to end: real ingest → ``analyze`` → events vs the gold.

Gold: ``tests/gold/events.jsonl`` (114 main events of ``data/sample/`` and the seed). The
figures are recorded in docs/benchmarks.md (## Events, `frontwatch eval events-gold`); the
floors sit just under them so that a regression fails.
"""

from __future__ import annotations

import pytest

from conftest import PROJECT_ROOT, SAMPLE_DIR, SHARED_DIR

GOLD = PROJECT_ROOT / "tests" / "gold" / "events.jsonl"
PLACES_GOLD = PROJECT_ROOT / "tests" / "gold" / "places.jsonl"
FLOORS = {"recall": 0.82, "precision": 0.85, "side_accuracy": 0.87, "place_accuracy": 0.85,
          "date_accuracy": 0.87}  # measured 0.842 / 0.873 / 0.896 / 0.881 / 0.896


@pytest.fixture(scope="module")
def result():
    if not GOLD.exists() or not SAMPLE_DIR.exists():
        pytest.skip("sample corpus or tests/gold/events.jsonl missing")
    from frontwatch.evaluation.events_gold import evaluate_sample_events

    return evaluate_sample_events(GOLD, SAMPLE_DIR, SHARED_DIR, PLACES_GOLD)


def test_sample_gold_events_are_found_typed_sided_placed_and_dated(result):
    assert result["n"] >= 100
    for name, floor in FLOORS.items():
        assert result[name] >= floor, (name, result[name], result["errors"])


def test_every_gold_type_is_found_at_least_once(result):
    missing = [name for name, m in result["per_type"].items() if m["n"] and not m["recall"]]
    assert not missing, missing
