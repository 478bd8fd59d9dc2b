"""``frontwatch eval places`` on small files in each supported format."""

from __future__ import annotations

import json

from typer.testing import CliRunner

import frontwatch.cli.eval_places  # noqa: F401  (registers the command)
from frontwatch.cli.app import app
from frontwatch.evaluation.places import evaluate_path, event_location
from frontwatch.models import Place

LGL_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<articles><article docid="1"><text>{text}</text><toponyms>
<toponym><start>{s1}</start><end>{e1}</end><phrase>Kharkiv</phrase>
<gaztag geonameid="706483"><lat>49.98</lat><lon>36.25</lon></gaztag></toponym>
<toponym><start>{s2}</start><end>{e2}</end><phrase>Nowhereville</phrase>
<gaztag geonameid="1"><lat>10.0</lat><lon>10.0</lon></gaztag></toponym>
</toponyms></article></articles>"""


def test_toponym_corpus_end_to_end(tmp_path):
    text = "Shelling hit Kharkiv while Nowhereville slept."
    s1, s2 = text.index("Kharkiv"), text.index("Nowhereville")
    path = tmp_path / "mini.xml"
    path.write_text(LGL_STYLE.format(text=text, s1=s1, e1=s1 + 7, s2=s2, e2=s2 + 12))
    result = evaluate_path(path)
    assert result["n"] == 2 and result["found"] == 1
    assert result["acc_161km"] == 0.5 and result["acc_161km_found"] == 1.0
    assert result["exact"] == 0.5 and result["coverage"] == 0.5
    assert result["baseline_most_populous"]["n"] == 2


def test_event_csv_and_json_via_cli(tmp_path):
    csv_path = tmp_path / "events.csv"
    csv_path.write_text("title,lat,lon\nShelling of Izium,49.21,37.28\n"
                        "Strike in Kharkiv Oblast near Balakliya,49.46,36.84\nNo place here,50,30\n")
    json_path = tmp_path / "events.json"
    json_path.write_text(json.dumps([{"description": "Rocket hit Kupiansk.",
                                      "latitude": "49.71", "longitude": "37.62"}]))
    runner = CliRunner()
    out = runner.invoke(app, ["eval", "places", str(csv_path), "--format", "json"])
    assert out.exit_code == 0, out.output
    result = json.loads(out.output)
    assert result["n"] == 3 and result["found"] == 2
    assert abs(result["acc_161km"] - 2 / 3) < 1e-3 and result["median_km"] < 5
    assert result["location_feature"] == {"settlement": 2}
    assert result["acc_161km_by_feature"] == {"settlement": 1.0}
    out = runner.invoke(app, ["eval", "places", str(json_path), "--format", "json"])
    assert json.loads(out.output)["acc_161km"] == 1.0


def test_event_location_prefers_the_most_specific_place():
    def place(text, feature, start, role="location"):
        return Place(start=start, end=start + 1, text=text, name=text, lat=0.0, lon=0.0,
                     feature=feature, role=role)
    chosen = event_location([place("Ukraine", "country", 0), place("Kharkiv region", "admin1", 5),
                             place("Izium", "settlement", 9)])
    assert chosen.text == "Izium"
    assert event_location([]) is None
    # "Kiev says ... in Donetsk region": the capital that speaks is an actor
    speaker = place("Kiev", "settlement", 0, role="actor")
    assert event_location([speaker, place("Donetsk region", "admin1", 12)]).text != "Kiev"
    assert event_location([speaker]).text == "Kiev"


def test_unknown_format_is_an_error_not_a_crash(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("hello")
    out = CliRunner().invoke(app, ["eval", "places", str(path)])
    assert out.exit_code == 2


def test_headlines_joined_by_a_bare_semicolon_are_read_apart(tmp_path):
    path = tmp_path / "ucdp.csv"
    path.write_text("source_headline,latitude,longitude\nShchastya;Shchastya,48.74,39.23\n")
    result = evaluate_path(path)
    assert result["found"] == 1 and result["acc_161km"] == 1.0


def test_event_dates_reach_the_report(tmp_path):
    from frontwatch.evaluation.places import read_event_file
    path = tmp_path / "dated.csv"
    path.write_text("source_headline,date_start,latitude,longitude\n"
                    "Mikhaylovka,10/16/2014 12:00:00 AM,48.53,38.66\n"
                    "Mikhaylovka,02/09/2023 00:00,48.53,38.66\n")
    docs = list(read_event_file(path))
    assert [d.published.isoformat() for d in docs] == ["2014-10-16", "2023-02-09"]
    one = tmp_path / "one.csv"
    one.write_text("source_headline,date_start,latitude,longitude\n"
                   "Mikhaylovka,10/16/2014 12:00:00 AM,48.53,38.66\n")
    assert evaluate_path(one)["acc_161km"] == 1.0  # Luhansk's namesake: the front in 2014
    json_path = tmp_path / "dated.json"
    json_path.write_text(json.dumps([{"description": "Mikhaylovka shelled", "date": "02/24/2022",
                                      "latitude": "1", "longitude": "2"},
                                     {"description": "x", "date": "2022-08-01",
                                      "latitude": "1", "longitude": "2"}]))
    assert [d.published.isoformat() for d in read_event_file(json_path)] == [
        "2022-02-24", "2022-08-01"]
