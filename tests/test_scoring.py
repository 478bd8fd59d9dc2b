"""Brier score, calibration table and Wilson intervals on hand-computed cases."""

from __future__ import annotations

import pytest

from frontwatch.analysis.scoring import (
    OVERALL,
    ScoredForecast,
    brier_score,
    calibration_table,
    score_by_source,
    score_dict,
    wilson_interval,
)


def likely(outcome: str, source: str = "isw") -> ScoredForecast:
    return ScoredForecast(source, 0.55, 0.75, outcome, "likely")


def test_probability_is_band_midpoint_and_a_stated_number_is_itself():
    assert likely("true").p == pytest.approx(0.65)
    assert ScoredForecast("x", 0.8, 0.8, "true").p == pytest.approx(0.8)


def test_brier_counts_only_resolved_forecasts():
    forecasts = [likely("true"), likely("false"), likely("open")]
    # (0.65-1)^2 = 0.1225, (0.65-0)^2 = 0.4225 → mean 0.2725
    assert brier_score(forecasts) == pytest.approx(0.2725)
    assert brier_score([likely("open")]) is None


def test_wilson_interval_matches_known_values():
    low, high = wilson_interval(0, 10)
    assert low == 0.0 and high == pytest.approx(0.2775, abs=1e-4)
    low, high = wilson_interval(5, 10)
    assert (low, high) == (pytest.approx(0.2366, abs=1e-4), pytest.approx(0.7634, abs=1e-4))
    assert wilson_interval(0, 0) == (0.0, 1.0)


def test_calibration_groups_by_band_lowest_first():
    forecasts = [
        likely("true"), likely("true"), likely("false"),
        ScoredForecast("isw", 0.25, 0.35, "false", "unlikely"),
        ScoredForecast("isw", 0.25, 0.35, "open", "unlikely"),
    ]
    table = calibration_table(forecasts)
    assert [b.band for b in table] == ["unlikely", "likely"]
    unlikely, likely_bin = table
    assert unlikely.n == 1 and unlikely.observed == 0.0
    assert likely_bin.n == 3 and likely_bin.observed == pytest.approx(2 / 3)
    assert likely_bin.mean_p == pytest.approx(0.65)
    assert likely_bin.ci_low < 2 / 3 < likely_bin.ci_high


def test_scores_per_source_then_overall_with_resolution_rates():
    forecasts = [likely("true", "isw"), likely("open", "isw"),
                 ScoredForecast("uk_mod", 0.8, 0.9, "false", "highly likely")]
    scores = score_by_source(forecasts)
    assert [s.source for s in scores] == ["isw", "uk_mod", OVERALL]
    isw, uk, overall = scores
    assert (isw.n, isw.n_total, isw.n_open, isw.resolution_rate) == (1, 2, 1, 0.5)
    assert uk.brier == pytest.approx(0.85 ** 2)
    assert overall.n == 2 and overall.true_rate == 0.5
    shape = score_dict(isw)
    assert {"source", "n", "brier", "calibration"} <= set(shape)
    assert set(shape["calibration"][0]) >= {"band", "n", "mean_p", "observed", "ci_low", "ci_high"}
