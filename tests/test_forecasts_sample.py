"""End to end on the sample corpus: ingest → resolve → compare with tests/gold/forecasts.jsonl.

Extraction is matched to gold by report date and overlapping words of the forecast text;
outcome accuracy is measured on the matched forecasts. Floors are the figures measured when
this test was written (see the final report of the forecasts issue); raise them, never lower.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import PROJECT_ROOT, SAMPLE_DIR

GOLD = PROJECT_ROOT / "tests" / "gold" / "forecasts.jsonl"
RECALL_FLOOR = 0.6
PRECISION_FLOOR = 0.6
OUTCOME_ACCURACY_FLOOR = 0.6


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


def _same_forecast(gold: dict, found) -> bool:
    if str(gold.get("report_date")) != found.report_date.isoformat():
        return False
    g, f = _words(gold["text"]), _words(found.text)
    return len(g & f) >= 0.5 * min(len(g), len(f))


@pytest.fixture(scope="module")
def resolved_sample(tmp_path_factory):
    if not GOLD.exists() or not SAMPLE_DIR.exists() or not any(SAMPLE_DIR.iterdir()):
        pytest.skip("sample corpus or tests/gold/forecasts.jsonl not written yet")
    from frontwatch.analysis import resolve
    from frontwatch.ingest import ingest, read_inputs
    from frontwatch.store.db import session_scope

    db = str(tmp_path_factory.mktemp("sample") / "sample.db")
    ingest(read_inputs([str(SAMPLE_DIR)]), db)
    with session_scope(db) as session:
        resolve.resolve_store(session)
        statuses = resolve.forecast_statuses(session)
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    return gold, statuses


def test_sample_forecasts_against_gold(resolved_sample):
    gold, found = resolved_sample
    matched = [(g, next((f for f in found if _same_forecast(g, f)), None)) for g in gold]
    hits = [(g, f) for g, f in matched if f is not None]
    recall = len(hits) / len(gold)
    precision = sum(any(_same_forecast(g, f) for g in gold) for f in found) / max(len(found), 1)
    outcome_accuracy = sum(g["outcome"] == f.outcome for g, f in hits) / max(len(hits), 1)
    print(f"\nforecasts: gold {len(gold)}, found {len(found)}, recall {recall:.2f}, "
          f"precision {precision:.2f}, outcome accuracy {outcome_accuracy:.2f} on {len(hits)}")
    for g, f in matched:
        state = "MISSED" if f is None else f"{f.outcome} (gold {g['outcome']})"
        print(f"  {g['report_date']} {g['source']}: {g['text'][:70]!r} → {state}")
    assert recall >= RECALL_FLOOR
    assert precision >= PRECISION_FLOOR
    assert outcome_accuracy >= OUTCOME_ACCURACY_FLOOR


def test_sample_resolves_both_ways_for_several_sources(resolved_sample):
    _, found = resolved_sample
    outcomes = {f.outcome for f in found}
    assert {"true", "false"} <= outcomes
    assert len({f.source for f in found if f.outcome != "open"}) >= 3
