"""Cross-checks over records stored in a real SQLite store."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from frontwatch.analysis.verify import verify
from frontwatch.models import Analysis, Certainty, Claim, Event, Quantity, Report, TimeExpr
from frontwatch.store.db import session_scope
from frontwatch.store.repository import save_analysis

TEXT = (
    "Kyiv had recaptured territory double the size of Greater London since last Wednesday. "
    "Ukrainian forces captured over 3,000 square kilometres of territory since September 6. "
    "A Russian announcement about a controlled withdrawal has been dismissed. "
    "Russian forces are not conducting a controlled withdrawal, the Institute said."
)


def _span(text):
    start = TEXT.index(text)
    return start, start + len(text)


def _claim(cid, text, source, stance="asserted", target=None):
    start, end = _span(text)
    return Claim(id=cid, start=start, end=end, text=text, source=source, stance=stance, target_claim=target)


def _analysis() -> Analysis:
    report = Report(text=TEXT, published=dt.date(2022, 9, 12))
    s1 = TEXT.split(". ")[0]
    s2 = "Ukrainian forces captured over 3,000 square kilometres of territory since September 6"
    claims = [
        _claim("c0", s1, "uk_mod"),
        _claim("c1", s2, "isw"),
        _claim("c2", "A Russian announcement about a controlled withdrawal", "ru_mod", stance="dismissed"),
        _claim("c3", "A Russian announcement about a controlled withdrawal has been dismissed", "author", target="c2"),
        _claim("c4", "Russian forces are not conducting a controlled withdrawal", "isw", stance="negated"),
    ]
    q1 = _span("double the size of Greater London")
    q2 = _span("over 3,000 square kilometres")
    quantities = [
        Quantity(*q1, text=TEXT[q1[0]:q1[1]], value=3144.0, unit="km2", kind="area", reference="Greater London", multiplier=2),
        Quantity(*q2, text=TEXT[q2[0]:q2[1]], value=3000.0, unit="km2", kind="area", lower=3000.0, qualifier="over"),
    ]
    t1, t2 = _span("since last Wednesday"), _span("since September 6")
    times = [
        TimeExpr(*t1, text="since last Wednesday", type="DATE", value="2022-09-07", begin=dt.date(2022, 9, 7),
                 end_date=dt.date(2022, 9, 12), role="since"),
        TimeExpr(*t2, text="since September 6", type="DATE", value="2022-09-06", begin=dt.date(2022, 9, 6),
                 end_date=dt.date(2022, 9, 12), role="since"),
    ]
    events = [
        Event(id="e0", type="capture", start=0, end=10, text="recaptured", initiator_side="UA", claim_id="c0",
              date_start=dt.date(2022, 9, 12), certainty=Certainty()),
        Event(id="e1", type="capture", start=0, end=10, text="captured", initiator_side="UA", claim_id="c1",
              date_start=dt.date(2022, 9, 12), certainty=Certainty()),
    ]
    return Analysis(report=report, claims=claims, quantities=quantities, times=times, events=events)


@pytest.fixture()
def db(tmp_path):
    url = str(tmp_path / "verify.db")
    with session_scope(url) as session:
        save_analysis(session, _analysis())
    return url


def _by_kind(checks, kind):
    return [c for c in checks if c["kind"] == kind]


def test_cross_checks_without_maps(db):
    with session_scope(db) as session:
        checks = verify(session, dt.date(2022, 9, 12))
    same = _by_kind(checks, "same_quantity")
    assert len(same) == 1 and same[0]["verdict"] == "consistent"
    assert set(same[0]["claims"]) == {"c0", "c1"}
    dates = _by_kind(checks, "dates")
    assert dates[0]["verdict"] == "consistent" and dates[0]["values"]["difference_days"] == 1
    area = _by_kind(checks, "area_vs_control")
    assert len(area) == 2 and {c["verdict"] for c in area} == {"unverifiable"}
    negations = _by_kind(checks, "negation")
    pairs = {frozenset(c["claims"]) for c in negations}
    assert frozenset({"c2", "c3"}) in pairs and frozenset({"c2", "c4"}) in pairs
    assert all(c["verdict"] == "inconsistent" for c in negations)
    assert all(e["text"] == TEXT[e["start"]:e["end"]] for c in checks for e in c["evidence"])


def test_area_claims_against_imported_maps(db, tmp_path):
    from frontwatch.analysis import control

    def snapshot(day, east):
        box = {"type": "Polygon", "coordinates": [[[36.0, 49.0], [east, 49.0], [east, 49.6], [36.0, 49.6], [36.0, 49.0]]]}
        path = tmp_path / f"m-{day}.geojson"
        path.write_text(json.dumps({"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {"name": "Occupied"}, "geometry": box}]}))
        return control.read_snapshot([path], day, "m")

    with session_scope(db) as session:
        # 0.9° of longitude × 0.6° of latitude at ~49.3°N: about 4,300 km² retaken.
        control.save_snapshot(session, snapshot(dt.date(2022, 9, 6), 37.9))
        control.save_snapshot(session, snapshot(dt.date(2022, 9, 7), 37.9))
        control.save_snapshot(session, snapshot(dt.date(2022, 9, 12), 37.0))
    with session_scope(db) as session:
        area = {c["claims"][0]: c for c in _by_kind(verify(session), "area_vs_control")}
    assert area["c1"]["verdict"] == "consistent"  # "over 3,000": a lower bound, met
    assert area["c1"]["values"]["measured_km2"] == pytest.approx(4300, rel=0.05)
    assert area["c0"]["verdict"] == "inconsistent"  # 3,144 ± 25 % vs ~4,300
    assert "understates" in area["c0"]["explanation"]


def test_cli_json_and_demo_step(db):
    from frontwatch.cli import app
    from frontwatch.cli.core import DEMO_STEPS
    from frontwatch.cli.verify import verify_demo_step

    result = CliRunner().invoke(app, ["verify", "--format", "json", "--db", db])
    assert result.exit_code == 0, result.output
    checks = json.loads(result.output)
    assert {"kind", "verdict", "claims", "values", "tolerance", "explanation"} <= set(checks[0])
    assert verify_demo_step in DEMO_STEPS


def test_negation_pairs_only_the_denied_proposition():
    from frontwatch.analysis.verify import ClaimRecord, check_negations

    day = dt.date(2022, 9, 12)

    def claim(cid, source, text, stance="asserted"):
        return ClaimRecord(cid, "r", day, source, stance, text, 0, len(text))

    claims = [
        claim("denial", "isw", 'Russian forces "are not conducting a controlled withdrawal', "negated"),
        claim("ru", "ru_mod", 'troops "regrouping" as part of a "controlled withdrawal"'),
        claim("uk", "uk_mod", "Russia has likely ordered its troops to withdraw from the Kharkiv region"),
        claim("silence", "author", "The update did not mention Shevchenkove or Kupiansk", "negated"),
        claim("taken", "ua_general_staff", "Ukrainian forces took Shevchenkove and Kupiansk"),
        claim("own", "isw", "a controlled withdrawal of Russian forces"),  # same source: no pair
    ]
    pairs = [(c["values"]["contradicted"]["claim_id"], c["values"]["contradicted_by"]["claim_id"])
             for c in check_negations(claims)]
    assert pairs == [("ru", "denial")]
