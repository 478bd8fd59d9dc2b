"""Resolution of stored forecasts against later reports' events, on a real SQLite store."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from frontwatch.analysis import resolve
from frontwatch.cli import COMMAND_MODULES
from frontwatch.cli.app import app
from frontwatch.models import Analysis, Certainty, Event, Forecast, Place, Report
from frontwatch.store.db import session_scope
from frontwatch.store.forecast_tables import ForecastOutcomeRow, ForecastOverrideRow
from frontwatch.store.repository import save_analysis

D = dt.date.fromisoformat
# Real GeoNames entries: Izyum 707688 (Kharkiv oblast, UA.07), Kupiansk 704508, Kherson 706448.
IZYUM = Place(0, 5, "Izyum", "Izyum", 49.2098, 37.2562, "UA", "07", geonameid=707688)
IZYUM_OUTSKIRTS = Place(0, 5, "Kamianka", "Kamianka", 49.2600, 37.2400, "UA", "07", geonameid=1)
KUPIANSK = Place(0, 8, "Kupiansk", "Kupiansk", 49.7106, 37.6156, "UA", "07", geonameid=704508)
KHERSON = Place(0, 7, "Kherson", "Kherson", 46.6354, 32.6169, "UA", "20", geonameid=706448)
KHARKIV_OBLAST = Place(0, 14, "Kharkiv Oblast", "Kharkivska Oblast", 49.5, 36.5, "UA", "07",
                       feature="admin1", geonameid=706482)
LIKELY = Certainty("likely", "ICD203", 0.55, 0.80, "term")


def report(text: str, date: str, source: str = "isw") -> Report:
    return Report(text=text, published=D(date), source=source)


def forecast(rep: Report, place: Place | None, deadline: str, kind: str = "capture",
             initiator: str = "UA", target: str = "RU", occurs: bool = True,
             certainty: Certainty = LIKELY) -> Forecast:
    # the store keys rows "{report}:{list name}:{i}" (repository.save_analysis)
    return Forecast(id=f"{rep.id}:forecasts:0", start=0, end=len(rep.text), text=rep.text,
                    source=rep.source, event_type=kind, initiator_side=initiator,
                    target_side=target, place=place, deadline=D(deadline),
                    certainty=certainty, report_date=rep.published, occurs=occurs)


def event(rep: Report, kind: str, initiator: str, place: Place | None,
          dated: str | None = None, index: int = 0, **extra) -> Event:
    return Event(id=f"{rep.id}:events:{index}", type=kind, start=0, end=len(rep.text),
                 text=rep.text, initiator_side=initiator,
                 target_side={"UA": "RU", "RU": "UA"}.get(initiator, "unknown"), place=place,
                 date_start=D(dated) if dated else rep.published,
                 date_end=D(dated) if dated else rep.published,
                 time_from="expression" if dated else "report_date", **extra)


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "store.db")


def store(db: str, *analyses: Analysis) -> None:
    for analysis in analyses:
        with session_scope(db) as session:
            save_analysis(session, analysis)


def run(db: str) -> dict[str, resolve.ForecastStatus]:
    with session_scope(db) as session:
        resolve.resolve_store(session)
    with session_scope(db) as session:
        return {s.id: s for s in resolve.forecast_statuses(session)}


def izyum_forecast(db: str, **kw) -> Forecast:
    rep = report("Ukrainian forces will likely capture Izyum within the next 48 hours.",
                 "2022-09-12")
    fc = forecast(rep, IZYUM, "2022-09-14", **kw)
    store(db, Analysis(rep, forecasts=[fc]))
    return fc


def later(db: str, date: str, *events_of, text: str = "") -> Report:
    rep = report(text or f"Report of {date}.", date, "uk_mod")
    store(db, Analysis(rep, events=[make(rep, i) for i, make in enumerate(events_of)]))
    return rep


def test_matching_capture_in_a_later_report_resolves_true_with_evidence(db):
    fc = izyum_forecast(db)
    rep = later(db, "2022-09-13", lambda r, i: event(r, "capture", "UA", IZYUM, index=i),
                text="Ukrainian troops took Izyum.")
    status = run(db)[fc.id]
    assert status.outcome == "true" and status.outcome_by == "auto"
    (evidence,) = status.evidence
    assert evidence["event_id"] == f"{rep.id}:events:0"
    assert evidence["report_id"] == rep.id
    assert (evidence["start"], evidence["end"]) == (0, len(rep.text))
    assert evidence["text"] == "Ukrainian troops took Izyum."


def test_other_sides_withdrawal_nearby_confirms_a_capture(db):
    fc = izyum_forecast(db)
    later(db, "2022-09-13", lambda r, i: event(r, "withdrawal", "RU", IZYUM_OUTSKIRTS))
    assert run(db)[fc.id].outcome == "true"


@pytest.mark.parametrize(
    "kind,side,place",
    [("capture", "RU", IZYUM),  # wrong side
     ("capture", "UA", KUPIANSK),  # 60 km away, not nested
     ("withdrawal", "UA", IZYUM),  # a withdrawal by the forecast's own side
     ("artillery", "UA", IZYUM)],  # another type family
)
def test_non_matching_events_leave_it_open(db, kind, side, place):
    fc = izyum_forecast(db)
    later(db, "2022-09-13", lambda r, i: event(r, kind, side, place))
    assert run(db)[fc.id].outcome == "open"


def test_event_inside_the_forecast_oblast_matches_an_oblast_forecast(db):
    rep = report("Russian forces will withdraw from Kharkiv Oblast.", "2022-09-12", "uk_mod")
    fc = forecast(rep, KHARKIV_OBLAST, "2022-10-12", kind="withdrawal", initiator="RU",
                  target="UA")
    store(db, Analysis(rep, forecasts=[fc]))
    later(db, "2022-09-20", lambda r, i: event(r, "capture", "UA", KUPIANSK))
    assert run(db)[fc.id].outcome == "true"


def test_false_only_after_deadline_plus_grace_and_a_later_report(db):
    fc = izyum_forecast(db)
    later(db, "2022-09-16", lambda r, i: event(r, "capture", "UA", KHERSON))
    assert run(db)[fc.id].outcome == "open"  # 9-14 + 3 d grace not yet passed
    later(db, "2022-09-18")
    status = run(db)[fc.id]
    assert status.outcome == "false" and status.evidence == []
    assert "2022-09-14" in status.rule


def test_late_report_counts_only_for_undated_events_within_grace(db):
    fc = izyum_forecast(db)
    # dated after the deadline: too late even though reported within grace
    later(db, "2022-09-16", lambda r, i: event(r, "capture", "UA", IZYUM, dated="2022-09-15"))
    later(db, "2022-09-30")
    assert run(db)[fc.id].outcome == "false"
    # undated (happened on or before its report), reported within the grace period
    later(db, "2022-09-17", lambda r, i: event(r, "capture", "UA", IZYUM), text="Izyum is free.")
    assert run(db)[fc.id].outcome == "true"


def test_negative_forecast_inverts_the_outcome(db):
    rep = report("Russian forces are unlikely to hold Izyum.", "2022-09-12")
    fc = forecast(rep, IZYUM, "2022-09-19", initiator="UA", target="RU", occurs=False,
                  certainty=Certainty("unlikely", "ICD203", 0.20, 0.45, "term"))
    store(db, Analysis(rep, forecasts=[fc]))
    later(db, "2022-09-14", lambda r, i: event(r, "capture", "UA", IZYUM))
    assert run(db)[fc.id].outcome == "false"


def test_unasserted_events_and_restated_forecasts_are_not_evidence(db):
    fc = izyum_forecast(db)
    rep = report("Ukraine will capture Izyum soon, the ministry said.", "2022-09-13", "uk_mod")
    restated = forecast(rep, IZYUM, "2022-09-20")
    store(db, Analysis(rep, forecasts=[restated], events=[
        event(rep, "capture", "UA", IZYUM),  # the forecast's own predicted event
        event(rep, "capture", "UA", IZYUM, index=1, asserted=False, stance="negated"),
    ]))
    assert run(db)[fc.id].outcome == "open"


def test_rerun_is_idempotent(db):
    fc = izyum_forecast(db)
    later(db, "2022-09-13", lambda r, i: event(r, "capture", "UA", IZYUM))
    with session_scope(db) as session:
        first = resolve.resolve_store(session)
    with session_scope(db) as session:
        before = [(r.forecast_id, r.outcome, r.evidence, r.resolved_at)
                  for r in session.scalars(select(ForecastOutcomeRow))]
        second = resolve.resolve_store(session)
    with session_scope(db) as session:
        after = [(r.forecast_id, r.outcome, r.evidence, r.resolved_at)
                 for r in session.scalars(select(ForecastOutcomeRow))]
    assert first.changed == 1 and second.changed == 0
    assert before == after and after[0][:2] == (fc.id, "true")


def test_manual_override_is_kept_apart_wins_and_survives_reingest(db):
    fc = izyum_forecast(db)
    later(db, "2022-09-13", lambda r, i: event(r, "capture", "UA", IZYUM))
    run(db)
    with session_scope(db) as session:
        resolve.set_override(session, fc.id, "false", "the town changed hands twice")
    izyum_forecast(db)  # the report is saved again: forecast rows replaced
    status = run(db)[fc.id]
    assert (status.outcome, status.outcome_by, status.note) == (
        "false", "manual", "the town changed hands twice")
    assert status.evidence  # the automatic evidence is still shown
    with session_scope(db) as session:
        assert session.get(ForecastOutcomeRow, fc.id).outcome == "true"
        assert session.get(ForecastOverrideRow, fc.id).outcome == "false"
        with pytest.raises(KeyError):
            resolve.set_override(session, "nope:forecast:0", "true", "x")


@pytest.fixture(scope="module")
def cli():
    import importlib

    for name in COMMAND_MODULES:
        importlib.import_module(name)
    return lambda *args: CliRunner().invoke(app, list(args))


def test_cli_resolve_override_and_json_shape(db, cli, tmp_path):
    fc = izyum_forecast(db)
    later(db, "2022-09-13", lambda r, i: event(r, "capture", "UA", IZYUM))
    result = cli("forecasts", "resolve", "--db", db)
    assert result.exit_code == 0, result.output
    assert "1 true" in result.output
    result = cli("forecasts", "--format", "json", "--db", db)
    payload = json.loads(result.output)
    assert set(payload) == {"forecasts", "scores"}
    (item,) = payload["forecasts"]
    assert {"id", "source", "text", "report_date", "deadline", "deadline_defaulted", "p_low",
            "p_high", "outcome", "evidence"} <= set(item)
    assert (item["id"], item["outcome"], item["deadline"]) == (fc.id, "true", "2022-09-14")
    assert [s["source"] for s in payload["scores"]] == ["isw", "all"]
    assert payload["scores"][0]["brier"] == pytest.approx((0.675 - 1) ** 2)
    assert {"source", "n", "brier", "calibration"} <= set(payload["scores"][0])

    result = cli("forecasts", "resolve", fc.id, "--outcome", "false", "--note", "retaken", "--db", db)
    assert result.exit_code == 0, result.output
    text = cli("forecasts", "--resolved", "--db", db).output
    assert "FALSE (manual)" in text and "note: retaken" in text
    assert cli("forecasts", "--open", "--format", "json", "--db", db).output.count(fc.id) == 0
    assert cli("forecasts", "resolve", "missing:forecast:9", "--outcome", "true", "--note", "x",
               "--db", db).exit_code == 1

    chart = tmp_path / "calibration.png"
    result = cli("forecasts", "--plot", str(chart), "--db", db)
    assert result.exit_code == 0, result.output
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and chart.stat().st_size > 5000


def test_override_is_keyed_by_the_forecast_record_id(db):
    fc = izyum_forecast(db)  # the store keeps the record's id as its row id
    with session_scope(db) as session:
        assert resolve.set_override(session, fc.id, "true", "checked").forecast_id == fc.id
        with pytest.raises(KeyError):
            resolve.set_override(session, fc.id + "0", "true", "checked")
