"""Control maps: label rules, GeoJSON/KML reading, snapshots in the store, the settlement model."""

from __future__ import annotations

import datetime as dt
import gzip
import json

import pytest
from conftest import require_shared
from typer.testing import CliRunner

from frontwatch.analysis import control, geo
from frontwatch.analysis.areas import snapshot_areas, snapshot_change

# A 0.1° square near Izium and one near Kupiansk (lon/lat), with publisher-style labels.
IZIUM_SQUARE = [[37.2, 49.2], [37.3, 49.2], [37.3, 49.3], [37.2, 49.3], [37.2, 49.2]]
OVERLAP_SQUARE = [[37.25, 49.2], [37.35, 49.2], [37.35, 49.3], [37.25, 49.3], [37.25, 49.2]]


def _feature(label, geometry):
    return {"type": "Feature", "properties": {"name": label}, "geometry": geometry}


def _write_map(path, features, gz=False):
    data = json.dumps({"type": "FeatureCollection", "features": features}).encode()
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


@pytest.mark.parametrize(
    ("label", "status"),
    [
        ("Окуповано /// Occupied\n", "occupied"),
        ("Під питанням /// Contensed\n", "contested"),
        ("Під питанням\xa0/// Contested", "contested"),
        ("Звільнено 16.04 /// Taken back16.04", "liberated"),
        ("Окупований Крим /// Occupied Crimea", "occupied"),
        ("ОРДЛО /// CADR and CALR\n", "occupied_pre2022"),
        ("Придністров'я ///\xa0Transnistria", "ignore"),
        ("Ситуація невідома /// Situation is unknown", "unknown"),
        ("Зміїний /// Snake Island", None),
    ],
)
def test_default_rules_read_deepstate_labels(label, status):
    assert control.classify_label(label) == status


def test_snapshot_unions_overlaps_skips_points_and_warns_on_unknown_labels(tmp_path):
    path = _write_map(tmp_path / "someproject-2022-09-06.geojson.gz", [
        _feature("Окуповано /// Occupied\n", {"type": "Polygon", "coordinates": [IZIUM_SQUARE]}),
        _feature("Окуповано /// Occupied", {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "coordinates": [OVERLAP_SQUARE]}, {"type": "Point", "coordinates": [37.0, 49.0]}]}),
        _feature("Напрямок удару /// Direction of attack", {"type": "Point", "coordinates": [37.1, 49.1]}),
        _feature("Mystery layer", {"type": "Polygon", "coordinates": [OVERLAP_SQUARE]}),
    ], gz=True)
    assert control.date_from_filename(path) == dt.date(2022, 9, 6)
    assert control.publisher_from_filename(path) == "someproject"
    snapshot = control.read_snapshot([path], dt.date(2022, 9, 6), "someproject")
    square = geo.area_km2(geo.polygonal(geo.shape({"type": "Polygon", "coordinates": [IZIUM_SQUARE]})))
    assert 70 < square < 90  # 0.1° × 0.1° at 49°N ≈ 7.3 km × 11.1 km
    assert snapshot_areas(snapshot)["occupied_km2"] == pytest.approx(square * 1.5, rel=0.01)
    assert snapshot.counts == {"occupied": 2}
    assert any("Mystery layer" in w for w in snapshot.warnings)


def test_kml_and_rules_file(tmp_path):
    coords = " ".join(f"{x},{y},0" for x, y in IZIUM_SQUARE)
    kml = tmp_path / "other-20220911.kml"
    kml.write_text(
        '<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
        f"<Placemark><name>Russian advance</name><Polygon><outerBoundaryIs><LinearRing><coordinates>{coords}"
        "</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>"
        "<Placemark><name>HQ</name><Point><coordinates>37.1,49.1</coordinates></Point></Placemark>"
        "</Document></kml>", encoding="utf-8")
    rules_file = tmp_path / "rules.toml"
    rules_file.write_text('publisher = "other"\n[[rules]]\npattern = "russian advance"\nstatus = "occupied"\n')
    rules, publisher = control.load_rules(rules_file)
    assert publisher == "other"
    snapshot = control.read_snapshot([kml], control.date_from_filename(kml), publisher, rules)
    assert snapshot.date == dt.date(2022, 9, 11)
    assert 70 < snapshot_areas(snapshot)["occupied_km2"] < 90
    bad = tmp_path / "bad.json"
    bad.write_text('{"rules": [{"pattern": "x", "status": "annexed"}]}')
    with pytest.raises(ValueError):
        control.load_rules(bad)


def test_broken_files_become_warnings(tmp_path):
    warnings: list[str] = []
    (tmp_path / "x.geojson").write_text("{not json")
    (tmp_path / "y.geojson.gz").write_bytes(b"not gzip")
    assert geo.read_map_features(tmp_path / "x.geojson", warnings) == []
    assert geo.read_map_features(tmp_path / "y.geojson.gz", warnings) == []
    assert len(warnings) == 2


def test_cli_import_and_area_between_two_days(tmp_path):
    from frontwatch.cli import app, main  # noqa: F401  (registers the command modules)
    import importlib

    importlib.import_module("frontwatch.cli.control")
    big = [[37.0, 49.0], [37.5, 49.0], [37.5, 49.5], [37.0, 49.5], [37.0, 49.0]]
    first = _write_map(tmp_path / "pub-2022-09-06.geojson", [_feature("Occupied", {"type": "Polygon", "coordinates": [big]})])
    second = _write_map(tmp_path / "pub-2022-09-11.geojson", [_feature("Occupied", {"type": "Polygon", "coordinates": [IZIUM_SQUARE]})])
    db = str(tmp_path / "t.db")
    runner = CliRunner()
    result = runner.invoke(app, ["control", "import", str(first), str(second), "--db", db])
    assert result.exit_code == 0, result.output
    out = tmp_path / "changed.geojson"
    result = runner.invoke(app, ["control", "area", "--from", "2022-09-06", "--to", "2022-09-11",
                                 "--format", "json", "--out", str(out), "--db", db])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    whole, small = geo.area_km2(geo.shape({"type": "Polygon", "coordinates": [big]})), geo.area_km2(geo.shape({"type": "Polygon", "coordinates": [IZIUM_SQUARE]}))
    assert report["occupied_change_km2"] == pytest.approx(small - whole, abs=1)
    assert report["contested_change_km2"] == 0
    assert report["basis"] == "map:pub"
    changed = json.loads(out.read_text())
    ua_gain = [f for f in changed["features"] if f["properties"] == {"method": "map:pub", "direction": "to_UA"}]
    assert geo.area_km2(geo.shape(ua_gain[0]["geometry"])) == pytest.approx(whole - small, rel=0.01)
    # The settlement model, fed by the same maps, sees Izium-area villages change hands.
    assert report["settlement_model"]["figures"]["to_UA_km2"] > 0
    one_day = runner.invoke(app, ["control", "area", "--date", "2022-09-11", "--format", "json", "--db", db])
    assert json.loads(one_day.output)["occupied_km2"] == pytest.approx(small, abs=0.5)


@pytest.mark.shared
def test_deepstate_reference_areas():
    folder = require_shared("eval/control/deepstate")
    snaps = {d: control.read_snapshot([folder / f"deepstate-2022-09-{d:02d}.geojson.gz"], dt.date(2022, 9, d), "deepstate")
             for d in (6, 11)}
    assert snapshot_areas(snaps[6])["occupied_km2"] == pytest.approx(108_045, rel=0.005)
    assert snapshot_areas(snaps[11])["occupied_km2"] == pytest.approx(99_439, rel=0.005)
    change = snapshot_change(snaps[6], snaps[11])
    assert change.figures["occupied_change_km2"] == pytest.approx(-8_600, rel=0.02)
    assert change.figures["gained_by_ua_km2"] > 8_000
