"""Merging the same event across reports, and querying the store with 'frontwatch events'."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select
from typer.testing import CliRunner

from frontwatch.analysis.merge import merge_events, places_compatible
from frontwatch.cli import COMMAND_MODULES
from frontwatch.cli.app import app
from frontwatch.models import Analysis, Event, Place, Report
from frontwatch.store import repository
from frontwatch.store.db import session_scope
from frontwatch.store.event_merges import EventMergeRow
from frontwatch.store.schema import EventRow

KUPIANSK = Place(0, 8, "Kupiansk", "Kupiansk", 49.7106, 37.6156, "UA", "07", "Kharkiv Oblast",
                 geonameid=704839)
NEAR_KUPIANSK = Place(0, 8, "Kupiansk-Vuzlovyi", "Kupiansk-Vuzlovyi", 49.6583, 37.6780, "UA",
                      "07", "Kharkiv Oblast", geonameid=704838)
KHARKIV_OBLAST = Place(0, 7, "Kharkiv", "Kharkiv Oblast", 49.5, 36.5, "UA", "07",
                       "Kharkiv Oblast", feature="admin1", key="UA.07")
KHERSON = Place(0, 7, "Kherson", "Kherson", 46.6354, 32.6169, "UA", "08", "Kherson Oblast",
                geonameid=706448)


def _report(text: str, day: int, source: str, place: Place, *, type_="capture",
            side="UA", claim_source="author") -> Analysis:
    report = Report(text=text, published=dt.date(2022, 9, day), source=source)
    event = Event(id=f"{report.id}-e1", type=type_, start=0, end=len(text), text=text,
                  initiator_side=side, target_side="RU", place=place,
                  date_start=dt.date(2022, 9, day), date_end=dt.date(2022, 9, day),
                  source=claim_source, acled_event_type="Battles",
                  acled_sub_event_type="Government regains territory",
                  viina=["t_control", "t_occupy"])
    return Analysis(report=report, events=[event])


def _store(tmp_path, analyses) -> str:
    url = f"sqlite:///{tmp_path / 'merge.db'}"
    with session_scope(url) as session:
        for analysis in analyses:
            repository.save_analysis(session, analysis)
    return url


def test_place_compatibility_rules():
    assert places_compatible(vars(KUPIANSK), vars(NEAR_KUPIANSK))  # ~7 km apart
    assert places_compatible(vars(KHARKIV_OBLAST), vars(KUPIANSK))  # oblast contains it
    assert not places_compatible(vars(KUPIANSK), vars(KHERSON))
    assert not places_compatible({}, vars(KUPIANSK))


def test_same_capture_in_three_reports_merges_and_is_idempotent(tmp_path):
    url = _store(tmp_path, [
        _report("Ukrainian forces retook Kupiansk.", 10, "Outlet A", KUPIANSK, claim_source="isw"),
        _report("Kupiansk is back under Ukrainian control.", 11, "Outlet B", NEAR_KUPIANSK,
                claim_source="uk_mod"),
        _report("Kyiv says its troops entered Kupiansk.", 11, "Outlet C", KUPIANSK,
                claim_source="isw"),
        _report("Ukrainian forces retook Kherson.", 11, "Outlet D", KHERSON),
        _report("Russian forces retook Kupiansk.", 10, "Outlet E", KUPIANSK, side="RU"),
        _report("Ukrainian forces retook Kupiansk again.", 14, "Outlet F", KUPIANSK),
    ])
    for _ in range(2):
        with session_scope(url) as session:
            summary = merge_events(session)
        assert (summary.events, summary.clusters, summary.merged) == (6, 1, 2)
    with session_scope(url) as session:
        (merge,) = session.scalars(select(EventMergeRow)).all()
        assert merge.n_reports == 3
        assert merge.sources == ["isw", "uk_mod"] and merge.n_sources == 2
        rows = {r.id: r for r in session.scalars(select(EventRow))}
        linked = [r for r in rows.values() if r.merged_into == merge.canonical_id]
        assert len(linked) == 2
        canonical = rows[merge.canonical_id]
        assert canonical.merged_into is None and canonical.date_start == dt.date(2022, 9, 10)


def test_events_command_filters_and_exports_join_columns(tmp_path):
    url = _store(tmp_path, [
        _report("Ukrainian forces retook Kupiansk.", 10, "Outlet A", KUPIANSK),
        _report("Kupiansk is back under Ukrainian control.", 11, "Outlet B", KUPIANSK),
        _report("Russian shelling hit Kherson.", 12, "Outlet C", KHERSON, type_="artillery",
                side="RU"),
    ])
    for name in COMMAND_MODULES:
        __import__(name)
    runner = CliRunner()
    result = runner.invoke(app, ["events", "merge", "--db", url])
    assert result.exit_code == 0, result.output
    assert "1 merged" in result.output
    result = runner.invoke(app, ["events", "--type", "capture", "--side", "UA", "--format",
                                 "json", "--db", url])
    assert result.exit_code == 0, result.output
    (event,) = json.loads(result.output)
    assert event["place"] == "Kupiansk" and event["n_reports"] == 2
    assert event["acled_sub_event_type"] == "Government regains territory"
    assert event["viina"] == ["t_control", "t_occupy"]
    result = runner.invoke(app, ["events", "--place", "kherson", "--since", "2022-09-12",
                                 "--db", url])
    assert result.exit_code == 0 and "artillery" in result.output and "capture" not in result.output
    result = runner.invoke(app, ["events", "--until", "2022-09-01", "--db", url])
    assert "no events match" in result.output
    result = runner.invoke(app, ["events", "--type", "parade", "--db", url])
    assert result.exit_code != 0
