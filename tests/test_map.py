"""``frontwatch map`` writes a PNG, an SVG and GeoJSON from a real store."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from frontwatch.cli import app
from frontwatch.cli import map as map_cli  # noqa: F401  (registers the command)


def _store_with_map(tmp_path):
    from frontwatch.cli import control  # noqa: F401

    box = [[37.0, 49.0], [38.0, 49.0], [38.0, 49.8], [37.0, 49.8], [37.0, 49.0]]
    path = tmp_path / "pub-2022-09-11.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "Occupied"}, "geometry": {"type": "Polygon", "coordinates": [box]}}]}))
    db = str(tmp_path / "map.db")
    assert CliRunner().invoke(app, ["control", "import", str(path), "--db", db]).exit_code == 0
    return db


def test_map_outputs(tmp_path):
    db = _store_with_map(tmp_path)
    runner = CliRunner()
    for name in ("m.png", "m.svg", "m.geojson"):
        result = runner.invoke(app, ["map", "--date", "2022-09-11", "--out", str(tmp_path / name), "--db", db])
        assert result.exit_code == 0, result.output
    assert (tmp_path / "m.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = (tmp_path / "m.svg").read_text()
    assert "<svg" in svg and "Territorial control, 2022-09-11" in svg
    assert "No control events or map changes in the 7 days up to 2022-09-11" in svg  # one map, no events: no close-up
    features = json.loads((tmp_path / "m.geojson").read_text())["features"]
    occupied = [f for f in features if f["properties"].get("status") == "occupied"]
    inside = [f for f in features if f["properties"].get("layer") == "settlement"
              and 37 < f["geometry"]["coordinates"][0] < 38 and 49 < f["geometry"]["coordinates"][1] < 49.8]
    assert occupied and inside and all(f["properties"]["controller"] == "RU" for f in inside)
    bad = runner.invoke(app, ["map", "--date", "2022-09-11", "--out", str(tmp_path / "m.pdf"), "--db", db])
    assert bad.exit_code != 0
