"""The seed's cross-checks end to end: real pipeline, real SQLite, real DeepStateMap polygons."""

from __future__ import annotations

import datetime as dt

import pytest

from frontwatch.analysis import control
from frontwatch.analysis.verify import verify
from frontwatch.store.db import session_scope
from frontwatch.store.repository import save_analysis
from tests.conftest import require_shared

SEED_DAY = dt.date(2022, 9, 12)


@pytest.fixture(scope="module")
def seed_checks(seed_analysis, tmp_path_factory):
    folder = require_shared("eval/control/deepstate")
    url = str(tmp_path_factory.mktemp("verify-seed") / "seed.db")
    with session_scope(url) as session:
        save_analysis(session, seed_analysis)
        for day in (6, 7, 12):
            date = dt.date(2022, 9, day)
            control.save_snapshot(session, control.read_snapshot([folder / f"deepstate-{date}.geojson.gz"], date, "deepstate"))
    with session_scope(url) as session:
        return verify(session, SEED_DAY)


def _with_sources(checks, kind, *sources):
    return [c for c in checks if c["kind"] == kind and sorted(e["source"] for e in c["evidence"]) == sorted(sources)]


def test_uk_mod_and_isw_figures_agree(seed_checks):
    (same,) = _with_sources(seed_checks, "same_quantity", "uk_mod", "isw")
    assert same["verdict"] == "consistent"
    values = {v["source"]: v for v in same["values"].values()}
    assert values["uk_mod"]["value_km2"] == pytest.approx(3144, rel=0.01)  # twice Greater London
    assert values["isw"]["lower_km2"] == 3000  # "over 3,000": a lower bound
    (dates,) = _with_sources(seed_checks, "dates", "uk_mod", "isw")
    assert dates["verdict"] == "consistent" and dates["values"]["difference_days"] == 1
    assert {dates["values"]["a"], dates["values"]["b"]} == {"2022-09-06", "2022-09-07"}


def test_area_claims_against_the_maps_over_their_own_interval(seed_checks):
    area = {c["evidence"][0]["source"]: c for c in seed_checks if c["kind"] == "area_vs_control"}
    isw, uk = area["isw"], area["uk_mod"]
    assert isw["verdict"] == "consistent" and "lower bound" in isw["explanation"]
    assert isw["values"]["measured_window"] == ["2022-09-06", "2022-09-12"]
    assert isw["values"]["measured_km2"] > 8000
    # ~3,144 km² with the ±25 % of a rough comparison cannot reach the ~8,900 km² of the maps.
    assert uk["verdict"] == "inconsistent" and uk["tolerance"] == 0.25
    assert uk["values"]["measured_window"] == ["2022-09-07", "2022-09-12"]
    assert "understates" in uk["explanation"] and "Greater London" in uk["explanation"]


def test_russian_withdrawal_claim_is_contradicted_and_nothing_else(seed_checks):
    negations = [c for c in seed_checks if c["kind"] == "negation"]
    assert negations and all(c["verdict"] == "inconsistent" for c in negations)
    # Precise: every contradiction is about the Russian "controlled withdrawal" claim.
    assert {c["values"]["contradicted"]["source"] for c in negations} == {"ru_mod"}
    by_isw = [c for c in negations if c["values"]["contradicted_by"]["source"] == "isw"]
    assert len(by_isw) == 1
    assert "controlled withdrawal" in by_isw[0]["evidence"][0]["text"]
    assert "not conducting a controlled withdrawal" in by_isw[0]["evidence"][1]["text"]
    assert by_isw[0]["explanation"].startswith("ru_mod's claim") and "contradicted by isw" in by_isw[0]["explanation"]
