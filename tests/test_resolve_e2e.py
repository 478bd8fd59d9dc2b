"""Extraction → store → resolution with every real stage, on reports written for the test."""

from __future__ import annotations

import datetime as dt

from frontwatch.analysis import resolve
from frontwatch.models import Report
from frontwatch.nlp import analyze_many
from frontwatch.store.db import session_scope
from frontwatch.store.repository import save_analysis

REPORTS = [
    ("2022-09-08", "ISW",
     "Ukrainian forces will likely capture Kupiansk in the coming days, the Institute for the "
     "Study of War said. Russian forces are unlikely to hold Lyman."),
    ("2022-09-10", "UK Ministry of Defence",
     "Ukrainian troops recaptured Kupiansk, the British Ministry of Defence said."),
    ("2022-10-20", "Reuters", "Fighting continued near Bakhmut, officials said."),
]


def test_forecasts_extracted_stored_and_resolved(tmp_path):
    db = str(tmp_path / "e2e.db")
    reports = [Report(text=t, published=dt.date.fromisoformat(d), source=s)
               for d, s, t in REPORTS]
    for analysis in analyze_many(reports):
        with session_scope(db) as session:
            save_analysis(session, analysis)
    with session_scope(db) as session:
        resolve.resolve_store(session)
        statuses = {s.place: s for s in resolve.forecast_statuses(session)}
    kupiansk = next(s for p, s in statuses.items() if p.startswith("Kup"))
    assert kupiansk.source == "isw" and kupiansk.outcome == "true"
    assert kupiansk.evidence[0]["report_id"] == reports[1].id
    # "unlikely to hold Lyman": no capture of Lyman reported by 2022-10-08 + grace → the
    # stated proposition (Russia holds Lyman) came true
    lyman = statuses["Lyman"]
    assert lyman.outcome == "true" and lyman.evidence == []
