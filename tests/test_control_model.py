"""The settlement control model: events and baselines → series with evidence."""

from __future__ import annotations

import datetime as dt

import pytest

from frontwatch.analysis import control
from frontwatch.analysis.areas import model_change


def _settlement(name):
    return next(s for s in control.ua_settlements() if s.name == name)


def _event(kind, side, settlement, day, p=(1.0, 1.0), **extra):
    return {"id": f"r:{kind}:{settlement.name}", "type": kind, "initiator_side": side, "asserted": True,
            "date_start": day, "certainty": {"p_low": p[0], "p_high": p[1]}, "text": f"{kind} {settlement.name}",
            "place": {"name": settlement.name, "geonameid": settlement.geonameid, "lat": settlement.lat,
                      "lon": settlement.lon, "feature": "settlement"}, **extra}


def test_events_move_control_with_certainty_and_evidence():
    izyum, kupiansk, balakliia = _settlement("Izyum"), _settlement("Kupyansk"), _settlement("Balakliya")
    baseline = [control.ControlObservation(dt.date(2022, 9, 1), s.geonameid, "RU", "list:test")
                for s in (izyum, kupiansk, balakliia)]
    events = [
        _event("capture", "UA", izyum, "2022-09-10"),
        _event("withdrawal", "RU", kupiansk, "2022-09-10", p=(0.55, 0.75)),
        _event("capture", "UA", balakliia, "2022-09-09", p=(0.25, 0.35)),  # unlikely: contested only
        _event("capture", "UA", izyum, "2022-09-05", stance="negated"),  # negated: ignored
    ]
    observations = baseline + [o for e in events for o in control.observations_from_event(e)]
    series = control.build_series(observations, control.ua_settlements())
    assert series[izyum.geonameid].controller_at(dt.date(2022, 9, 6)) == "RU"
    assert series[izyum.geonameid].controller_at(dt.date(2022, 9, 11)) == "UA"
    assert series[kupiansk.geonameid].controller_at(dt.date(2022, 9, 11)) == "UA"
    assert series[balakliia.geonameid].controller_at(dt.date(2022, 9, 11)) == "contested"
    change = series[izyum.geonameid].change_at(dt.date(2022, 9, 11))
    assert change.basis == "event" and change.evidence[0]["event_id"] == "r:capture:Izyum"
    result = model_change(series, dt.date(2022, 9, 6), dt.date(2022, 9, 11))
    assert {r["name"] for r in result.settlements} == {"Izyum", "Kupyansk", "Balakliya"}
    assert result.figures["to_UA_km2"] > 0 and result.figures["to_contested_km2"] > 0
    assert result.figures["ru_held_change_km2"] == pytest.approx(-result.figures["changed_km2"])


def test_without_baseline_control_starts_unknown_and_region_events_do_not_apply():
    izyum = _settlement("Izyum")
    region = {**_event("withdrawal", "RU", izyum, "2022-09-10"), "place": {"name": "Kharkiv Oblast", "feature": "admin1"}}
    assert control.observations_from_event(region) == []
    series = control.build_series(control.observations_from_event(_event("capture", "UA", izyum, "2022-09-10")),
                                  control.ua_settlements())
    assert series[izyum.geonameid].controller_at(dt.date(2022, 9, 9)) == "unknown"
    changed = control.changed_between(series, dt.date(2022, 9, 6), dt.date(2022, 9, 11))
    assert [(c[0].settlement.name, c[1], c[2]) for c in changed] == [("Izyum", "unknown", "UA")]


def test_only_actual_events_at_named_places_count_from_the_end_of_their_interval():
    izyum = _settlement("Izyum")
    ordered = _event("withdrawal", "RU", izyum, "2022-09-10", modality="ordered")
    focus_only = _event("capture", "UA", izyum, "2022-09-10", place_from="report_focus")
    assert control.observations_from_event(ordered) == [] and control.observations_from_event(focus_only) == []
    (since,) = control.observations_from_event(_event("capture", "UA", izyum, "2022-09-01", date_end="2022-09-12"))
    assert since.date == dt.date(2022, 9, 12) and since.evidence[0]["date"] == "2022-09-12"


def test_area_change_lists_the_events_behind_each_change(tmp_path):
    from typer.testing import CliRunner

    from frontwatch.cli import app
    from frontwatch.cli import control as control_cli  # noqa: F401  (registers the commands)
    from frontwatch.models import Analysis, Event, Place, Report
    from frontwatch.store.db import session_scope
    from frontwatch.store.repository import save_analysis

    izyum = _settlement("Izyum")
    text = "Ukrainian forces recaptured Izyum."
    place = Place(start=28, end=33, text="Izyum", name="Izyum", lat=izyum.lat, lon=izyum.lon, country_code="UA",
                  geonameid=izyum.geonameid)
    event = Event(id="r:event:0", type="capture", start=0, end=len(text) - 1, text=text[:-1], initiator_side="UA",
                  place=place, date_start=dt.date(2022, 9, 10), source="uk_mod")
    db = str(tmp_path / "area.db")
    with session_scope(db) as session:
        save_analysis(session, Analysis(report=Report(text=text, published=dt.date(2022, 9, 10)), events=[event]))
    result = CliRunner().invoke(app, ["control", "area", "--from", "2022-09-06", "--to", "2022-09-11", "--db", db])
    assert result.exit_code == 0, result.output
    assert "Izyum: unknown → UA" in result.output
    assert '2022-09-10 → UA' in result.output and 'uk_mod: "Ukrainian forces recaptured Izyum"' in result.output
    assert "lower bound" in result.output
