"""Quantities of the sample corpus (and the shared seed) against tests/gold/quantities.jsonl,
read through the real ingest readers and analysed by the real pipeline.

Floors are the figures measured when this test was written (docs/benchmarks.md, ## Quantities);
raise them, never lower. The misses left are readings from context ("two spans" of a bridge →
"bridge spans", "27,000 people" of a town → "residents"), not from the sentence.
"""

from __future__ import annotations


import pytest

from conftest import PROJECT_ROOT, SAMPLE_DIR, SHARED_DIR, require_shared
from frontwatch.evaluation.quantities_gold import disagreements, evaluate

GOLD = PROJECT_ROOT / "tests" / "gold" / "quantities.jsonl"
FLOORS = {"recall": 0.98, "value_accuracy": 1.0, "unit_accuracy": 1.0, "kind_accuracy": 1.0,
          "lower_accuracy": 1.0, "upper_accuracy": 1.0, "approximate_accuracy": 1.0,
          "reference_accuracy": 1.0, "counted_accuracy": 0.88}


@pytest.fixture(scope="module")
def scored():
    if not GOLD.exists() or not SAMPLE_DIR.exists():
        pytest.skip("sample corpus or tests/gold/quantities.jsonl not written yet")
    require_shared("seed/report-2022-09-12.txt")
    return evaluate(GOLD, SAMPLE_DIR, SHARED_DIR)


def test_every_gold_report_was_read(scored):
    _, comparisons = scored
    assert len(comparisons) == sum(1 for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip())
    assert sum(c.found is None for c in comparisons) <= 1


def test_sample_quantities_against_gold(scored):
    result, comparisons = scored
    print("\n" + "\n".join(f"  {line}" for line in disagreements(comparisons)))
    print({k: v for k, v in result.items()})
    for name, floor in FLOORS.items():
        assert result[name] >= floor, (name, result[name])


def test_double_the_size_of_greater_london(scored):
    _, comparisons = scored
    london = next(c.found for c in comparisons if c.gold["text"] == "double the size of Greater London")
    assert london is not None and london.value == pytest.approx(3144) and london.multiplier == 2
