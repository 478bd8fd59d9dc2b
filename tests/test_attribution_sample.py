"""Claims on the sample corpus (and the seed) against tests/gold/claims.jsonl, end to end:
the real ingest readers, the real pipeline, every annotated report."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SAMPLE_DIR, SHARED_DIR, require_shared

GOLD = Path(__file__).resolve().parent / "gold" / "claims.jsonl"


@pytest.fixture(scope="module")
def scored():
    if not GOLD.exists() or not (SAMPLE_DIR / "txt").is_dir():
        pytest.skip("sample corpus or tests/gold/claims.jsonl not present")
    require_shared("seed/report-2022-09-12.txt")  # the gold also annotates the seed
    from frontwatch.evaluation.claims_gold import evaluate_gold

    return evaluate_gold(GOLD, SAMPLE_DIR, SHARED_DIR).summary()


def test_every_gold_claim_is_located_in_its_ingested_report(scored):
    assert scored["gold_claims"] >= 400
    assert scored["unlocated"] == 0


def test_claim_detection_floors(scored):
    # measured 0.927 / 0.884 (docs/benchmarks.md, ## Claims)
    assert scored["precision"] >= 0.85
    assert scored["recall"] >= 0.85


def test_field_accuracy_floors(scored):
    # measured: source 0.807, cue 0.924, is_quote 0.994, band 0.980, stance 0.910
    assert scored["source_accuracy"] >= 0.76
    assert scored["cue_accuracy"] >= 0.89
    assert scored["is_quote_accuracy"] >= 0.97
    assert scored["band_accuracy"] >= 0.95
    assert scored["stance_accuracy"] >= 0.88
