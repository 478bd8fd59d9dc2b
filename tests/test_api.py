"""The JSON API on a real SQLite store filled by the real ingest of data/sample."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from conftest import SAMPLE_DIR

from frontwatch.outputs.api import create_app


def build_sample_store(base: Path) -> str:
    """Ingest the sample corpus once per test session (other test files reuse the file)."""
    path = base / "sample-store.db"
    if not path.exists():
        from frontwatch.analysis.resolve import resolve_store
        from frontwatch.ingest import ingest, read_inputs
        from frontwatch.store.db import session_scope

        building = base / "sample-store.building.db"
        summary = ingest(read_inputs([str(SAMPLE_DIR)]), str(building))
        assert summary.stored >= 30, summary.line()
        with session_scope(str(building)) as session:
            resolve_store(session)
        from frontwatch.store.db import dispose_engines

        dispose_engines()
        building.rename(path)
    return str(path)


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory) -> str:
    return build_sample_store(tmp_path_factory.getbasetemp())


@pytest.fixture(scope="session")
def client(sample_db) -> TestClient:
    return TestClient(create_app(sample_db, tiles=None))


def test_reports_are_paged_and_ordered(client):
    first = client.get("/api/reports", params={"limit": 5}).json()
    second = client.get("/api/reports", params={"limit": 5, "offset": 5}).json()
    assert first["total"] >= 30 and len(first["items"]) == 5
    assert not {r["id"] for r in first["items"]} & {r["id"] for r in second["items"]}
    dates = [r["published"] for r in first["items"] + second["items"]]
    assert dates == sorted(dates)


def test_report_text_and_unknown_report(client):
    listing = client.get("/api/reports", params={"limit": 1}).json()["items"][0]
    report = client.get(f"/api/reports/{listing['id']}").json()
    assert report["text"] and report["sentences"]
    missing = client.get("/api/reports/no-such-report")
    assert missing.status_code == 404 and "no-such-report" in missing.json()["detail"]


def test_full_text_search(client):
    found = client.get("/api/reports", params={"q": "Izium flag"}).json()
    assert found["total"] >= 1
    for item in found["items"]:
        text = client.get(f"/api/reports/{item['id']}").json()
        assert "izium" in (text["text"] + text["title"]).lower()
        assert any(s["match"] for s in item["snippet"])
    assert client.get("/api/reports", params={"q": "zzqqxxnotaword"}).json()["total"] == 0
    bad = client.get("/api/reports", params={"q": "!!! ***"})
    assert bad.status_code == 400 and "word" in bad.json()["detail"]
    syntax = client.get("/api/reports", params={"q": 'Izium" OR NEAR('})  # FTS syntax is not passed through
    assert syntax.status_code == 200


def test_event_filters(client):
    captures = client.get("/api/events", params={"type": "capture", "limit": 500}).json()
    assert captures["items"] and {e["type"] for e in captures["items"]} == {"capture"}
    ukrainian = client.get("/api/events", params={"side": "UA", "limit": 500}).json()["items"]
    assert ukrainian and {e["side"] for e in ukrainian} == {"UA"}
    box = client.get("/api/events", params={"bbox": "35,48,38.5,50.5", "limit": 500}).json()["items"]
    assert box and all(35 <= e["lon"] <= 38.5 and 48 <= e["lat"] <= 50.5 for e in box)
    window = client.get("/api/events", params={"since": "2022-09-08", "until": "2022-09-12", "limit": 500}).json()["items"]
    assert window and all("2022-09-08" <= e["date_start"] <= "2022-09-12" for e in window)
    for event in window[:5]:
        evidence = event["evidence"]
        text = client.get(f"/api/reports/{evidence['report_id']}").json()["text"]
        assert text[evidence["start"]:evidence["end"]] == evidence["text"]
    one = client.get(f"/api/events/{window[0]['id']}").json()
    assert one["id"] == window[0]["id"]


@pytest.mark.parametrize("params, status, words", [
    ({"side": "XX"}, 422, "side"),
    ({"bbox": "1,2,3"}, 400, "bbox"),
    ({"bbox": "10,60,20,50"}, 400, "south"),
    ({"limit": 501}, 422, "limit"),
    ({"offset": -1}, 422, "offset"),
    ({"since": "2022-13-01"}, 422, "since"),
    ({"since": "2022-09-10", "until": "2022-09-01"}, 400, "since"),
    ({"type": "Robert'); DROP TABLE events"}, 422, "type"),
])
def test_bad_parameters_get_clear_4xx(client, params, status, words):
    response = client.get("/api/events", params=params)
    assert response.status_code == status
    assert words in str(response.json()["detail"])


def test_grid_and_timeline_aggregate_every_event(client):
    world = client.get("/api/events", params={"bbox": "-180,-90,180,90", "limit": 1}).json()["total"]
    for zoom in (3, 8, 14):
        grid = client.get("/api/events/grid", params={"zoom": zoom}).json()
        assert grid["total"] == world == sum(c["n"] for c in grid["cells"])
    coarse = client.get("/api/events/grid", params={"zoom": 3}).json()["cells"]
    fine = client.get("/api/events/grid", params={"zoom": 14}).json()["cells"]
    assert len(coarse) < len(fine)
    timeline = client.get("/api/events/timeline").json()
    dated = client.get("/api/events", params={"since": "1900-01-01", "limit": 1}).json()["total"]
    assert sum(d["n"] for d in timeline) == dated
    assert [d["date"] for d in timeline] == sorted(d["date"] for d in timeline)


def test_claims_by_source_with_bands(client):
    sources = client.get("/api/claims/sources").json()
    assert sources and all(sum(s["bands"].values()) == s["n"] for s in sources)
    isw = client.get("/api/claims", params={"source": "isw", "limit": 500}).json()
    assert isw["items"] and {c["source"] for c in isw["items"]} == {"isw"}
    assert any(c["band"] != "asserted" for c in isw["items"])


def test_forecasts_with_outcomes_and_scores(client):
    data = client.get("/api/forecasts").json()
    assert data["items"] and {f["outcome"] for f in data["items"]} <= {"true", "false", "open"}
    overall = next(s for s in data["scores"] if s["source"] == "all")
    assert overall["n_total"] == len(data["items"])
    open_only = client.get("/api/forecasts", params={"outcome": "open"}).json()["items"]
    assert all(f["outcome"] == "open" for f in open_only)


def test_control_by_date_matches_series(client):
    series = client.get("/api/control/series").json()
    assert series and all(item["changes"] for item in series)
    day = "2022-09-12"
    control = client.get("/api/control", params={"date": day}).json()
    expected = {}
    for item in series:
        current = [c for c in item["changes"] if c["date"] <= day]
        if current:
            expected[item["geonameid"]] = current[-1]["controller"]
    assert {s["geonameid"]: s["controller"] for s in control["settlements"]} == expected
    assert "occupied_km2" in control["area"]
    change = client.get("/api/control/change", params={"start": "2022-09-01", "end": "2022-09-30"}).json()
    assert change["from"] == "2022-09-01" and "settlements" in change["settlement_model"]
    assert client.get("/api/control", params={"date": "0001-01-01"}).status_code == 400


def test_checks_and_brief(client):
    checks = client.get("/api/checks", params={"date": "2022-09-12"}).json()
    assert checks and all(c["verdict"] in ("consistent", "inconsistent", "unverifiable") for c in checks)
    inconsistent = client.get("/api/checks", params={"date": "2022-09-12", "verdict": "inconsistent"}).json()
    assert all(c["verdict"] == "inconsistent" for c in inconsistent)
    brief = client.get("/api/brief", params={"date": "2022-09-12"}).json()
    assert brief["date"] == "2022-09-12" and brief["sections"] and brief["evidence"]
    markdown = client.get("/api/brief", params={"date": "2022-09-12", "format": "md"})
    assert markdown.headers["content-type"].startswith("text/markdown")
    assert markdown.text.startswith("# Daily brief: 2022-09-12")


def test_openapi_and_dashboard_assets(client):
    schema = client.get("/openapi.json").json()
    for path in ("/api/reports", "/api/events", "/api/events/grid", "/api/claims", "/api/forecasts",
                 "/api/control", "/api/checks", "/api/brief", "/api/places", "/api/ingest"):
        assert path in schema["paths"], path
    assert "<div id=\"map\"" in client.get("/").text
    assert client.get("/vendor/leaflet/leaflet.js").status_code == 200
    assert client.get("/outlines/ukraine-oblasts.geojson").json()["type"] == "FeatureCollection"
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/api/reports", params={"source": "a\x00b"}).status_code == 400


def test_ingest_is_refused_without_the_token(client):
    body = {"reports": [{"text": "Ukrainian forces entered Izium on Saturday.", "date": "2022-09-10"}]}
    assert client.post("/api/ingest", json=body).status_code == 403


def test_ingest_with_token(tmp_path):
    secured = TestClient(create_app(str(tmp_path / "fresh.db"), ingest_token="s3cret-token"))
    body = {"reports": [{"text": "Ukrainian forces entered Izium on Saturday, the governor said.",
                         "date": "2022-09-10", "source": "Test Wire"}]}
    assert secured.post("/api/ingest", json=body).status_code == 401
    wrong = secured.post("/api/ingest", json=body, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 403
    stored = secured.post("/api/ingest", json=body, headers={"Authorization": "Bearer s3cret-token"})
    assert stored.status_code == 200 and stored.json()["stored"] == 1
    assert secured.get("/api/reports").json()["total"] == 1
    assert secured.post("/api/ingest", json={"reports": []},
                        headers={"Authorization": "Bearer s3cret-token"}).status_code == 422
    assert dt.date.fromisoformat(secured.get("/api/meta").json()["last_date"]) == dt.date(2022, 9, 10)
