"""'frontwatch eval events' on small files we write, and on the shared labelled files."""

from __future__ import annotations

import csv
import json

import pytest
from typer.testing import CliRunner

from conftest import require_shared
from frontwatch.cli import COMMAND_MODULES
from frontwatch.cli.app import app
from frontwatch.evaluation.events import cir_class, deaths_reported, evaluate, read_items


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    for name in COMMAND_MODULES:
        __import__(name)
    return CliRunner()


def _write_csv(path, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_cir_groups_map_or_are_reported_apart():
    assert cir_class("Civilian Infrastructure Damage March 2022") == (
        "infrastructure_damage", "Civilian Infrastructure Damage")
    assert cir_class("Russian Military Presence May 2022") == (None, "Russian Military Presence")
    assert cir_class("Something new") == (None, "Something new")


def test_cir_style_file_scores_types_places_and_unmapped(tmp_path, runner):
    rows = [
        ("Civilian Infrastructure Damage May 2022", "01/05/2022 Shelling destroyed a school in Kharkiv", 49.99, 36.23),
        ("Ground Battle", "02/05/2022 Heavy fighting near Izium", 49.21, 37.26),
        ("Civilian Casualty", "03/05/2022 Two civilians killed by a missile in Odesa", 46.48, 30.72),
        ("Russian Military Presence May 2022", "04/05/2022 Russian convoy on the road", 50.0, 36.0),
    ]
    path = tmp_path / "cir.csv"
    _write_csv(path, [{"date": "2022-05-0" + str(i + 1), "event_group": g, "title": t,
                       "brief description": "", "lat": lat, "lon": lon}
                      for i, (g, t, lat, lon) in enumerate(rows)])
    result = evaluate(path)
    assert result["format"] == "cir" and result["n"] == 4 and result["n_mapped"] == 3
    assert result["macro_f1"] == 1.0
    assert set(result["per_type"]) == {"infrastructure_damage", "clash/advance",
                                       "civilian_casualties/attack_on_civilians"}
    assert result["unmapped_groups"]["Russian Military Presence"]["event_rate"] == 0.0
    assert result["acc_161km"] >= 0.75
    out = runner.invoke(app, ["eval", "events", str(path), "--format", "json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["macro_f1"] == 1.0


def test_ucdp_style_file_scores_deaths(tmp_path):
    path = tmp_path / "ucdp.csv"
    base = {"date_start": "3/1/2022 12:00:00 AM", "latitude": 48.0, "longitude": 37.8,
            "deaths_a": 0, "deaths_b": 0, "deaths_civilians": 0}
    _write_csv(path, [
        {**base, "source_headline": "Shelling kills three soldiers near Donetsk", "low": 3, "best": 3, "high": 4},
        {**base, "source_headline": "Civilian killed in Avdiivka", "low": 1, "best": 1, "high": 1},
        {**base, "source_headline": "Quiet day on the front", "low": 1, "best": 1, "high": 2},
    ])
    fmt, items = read_items(path)
    assert fmt == "ucdp" and len(items) == 3
    result = evaluate(path)
    assert result["deaths_within_range"] == round(2 / 3, 3)
    assert result["deaths_extracted"] == round(2 / 3, 3)
    # the quiet day mentions no deaths: counted over all rows, left out of the "mentioned" share
    assert result["deaths_mentioned"] == round(2 / 3, 3)
    assert result["deaths_within_range_mentioned"] == 1.0
    assert result["deaths_within_range_if_always_one"] == round(2 / 3, 3)
    assert set(result) >= {"n", "macro_f1", "per_type", "acc_161km", "deaths_within_range"}


def test_ucdp_rows_splitting_one_report_are_scored_together_and_sides_compared(tmp_path, runner):
    path = tmp_path / "ucdp.csv"
    base = {"date_start": "3/1/2022", "latitude": 48.0, "longitude": 37.8, "deaths_b": 0,
            "deaths_civilians": 0, "deaths_unknown": 0, "side_a": "Government of Ukraine",
            "side_b": "DPR"}
    split = "Separatist shelling kills five Ukrainian soldiers near Donetsk"
    _write_csv(path, [
        # one report of five deaths that UCDP spread over two rows (2 + 3)
        {**base, "source_headline": split, "low": 2, "best": 2, "high": 2, "deaths_a": 2},
        {**base, "source_headline": split, "low": 3, "best": 3, "high": 3, "deaths_a": 3},
        {**base, "source_headline": "Two soldiers killed since the start of the year",
         "low": 1, "best": 1, "high": 1, "deaths_a": 1},
        {**base, "source_headline": "Marinka", "low": 1, "best": 1, "high": 1, "deaths_a": 1},
    ])
    result = evaluate(path)
    assert result["deaths_within_range"] == 0.0  # 5 is neither 2 nor 3; the total is no count
    assert result["deaths_texts"] == 3
    assert result["deaths_within_range_grouped"] == round(1 / 3, 3)
    assert result["deaths_within_range_grouped_mentioned"] == 0.5
    assert result["deaths_running_total"] == 0.25
    # UCDP: all deaths on side_a (Ukraine), so the victims are UA and the killers RU
    victims, killers = result["side_victims"], result["side_killers"]
    assert victims["rows"] == 4 and victims["found"] > 0 and victims["accuracy"] == 1.0
    assert killers["rows"] == 4 and killers["accuracy"] == 1.0
    out = runner.invoke(app, ["eval", "events", str(path)])
    assert out.exit_code == 0, out.output
    assert "deaths_within_range_grouped 0.333" in out.output and "side_victims rows 4" in out.output


def test_unknown_file_is_a_clear_error(tmp_path, runner):
    path = tmp_path / "other.csv"
    _write_csv(path, [{"a": 1, "b": 2}])
    out = runner.invoke(app, ["eval", "events", str(path)])
    assert out.exit_code != 0 and "not a CIR" in out.output


def test_deaths_reported_takes_the_largest_count():
    from frontwatch.models import Event, Quantity

    def casualty(value):
        return Event(id="e", type="military_casualties", start=0, end=1, text="x",
                     quantities=[Quantity(0, 1, "x", value, "count", counted="killed")])

    assert deaths_reported([casualty(2), casualty(5)]) == 5
    assert deaths_reported([]) == 0


@pytest.mark.shared
def test_shared_cir_and_ucdp_files_evaluate(runner):
    cir = require_shared("eval/events/cir-monitor-2022-before-sep.csv")
    out = runner.invoke(app, ["eval", "events", str(cir), "--split", "test", "--limit", "120",
                              "--format", "json"])
    assert out.exit_code == 0, out.output
    result = json.loads(out.output)
    assert result["n"] == 120 and result["split"] == "test"
    assert sum(g["n"] for g in result["unmapped_groups"].values()) + result.get("n_mapped", 0) == 120
    ucdp = require_shared("eval/events/ucdp-ged-ukraine.csv")
    result = evaluate(ucdp, limit=60)
    assert result["n"] == 60 and 0 <= result["deaths_within_range"] <= 1


def test_caption_typer_learns_a_collection_convention_and_leaves_rare_classes_to_rules():
    from frontwatch.nlp.caption_typer import CaptionTyper, TyperInput

    rows, labels = [], []
    for i in range(12):  # this collection files strikes on towers as damage
        rows.append(TyperInput(f"Strike on tower {i}", "artillery/air_strike", ["artillery"]))
        labels.append("infrastructure_damage")
        rows.append(TyperInput(f"Shelling of the front line {i}", "artillery/air_strike",
                               ["artillery"]))
        labels.append("artillery/air_strike")
    rows.append(TyperInput("Mayor detained", "arrest", ["arrest"]))
    labels.append("arrest")
    typer = CaptionTyper.train(rows, labels)
    assert typer.rare == frozenset({"arrest"})
    predicted = typer.predict([
        TyperInput("Strike on tower near Kharkiv", "artillery/air_strike", ["artillery"]),
        TyperInput("Shelling of the front line near Izium", "artillery/air_strike", ["artillery"]),
        TyperInput("Priest detained", "arrest", ["arrest"]),
    ])
    assert predicted == ["infrastructure_damage", "artillery/air_strike", "arrest"]


def test_learned_typer_needs_labelled_captions(tmp_path):
    path = tmp_path / "ucdp.csv"
    _write_csv(path, [{"source_headline": "Two killed", "low": 2, "best": 2, "high": 2,
                       "date_start": "3/1/2022", "latitude": 48.0, "longitude": 37.8}])
    with pytest.raises(ValueError, match="CIR"):
        evaluate(path, typer="learned")
