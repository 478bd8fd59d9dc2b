"""The store on SQLite and PostgreSQL: migrations, save/load round trip, idempotence."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import inspect, select, text

from frontwatch.models import (
    Analysis,
    Certainty,
    Claim,
    Entity,
    Event,
    Forecast,
    Place,
    Quantity,
    Report,
    Sentence,
    TimeExpr,
    to_jsonable,
)
from frontwatch.store import repository
from frontwatch.store.db import get_engine, resolve_url, session_scope
from frontwatch.store.schema import Base, EventRow, ReportRow


def _analysis(text: str = "Ukrainian forces retook Izium on 10 September.") -> Analysis:
    report = Report(text=text, published=dt.date(2022, 9, 11), source="ISW", title="t")
    izium = Place(24, 29, "Izium", "Izium", 49.21, 37.25, country_code="UA", geonameid=707753)
    likely = Certainty(term="likely", p_low=0.55, p_high=0.75, basis="term", start=0, end=6)
    return Analysis(
        report=report,
        sentences=[Sentence(0, len(text), text)],
        entities=[Entity(24, 29, "Izium", "GPE")],
        places=[izium],
        times=[TimeExpr(33, 45, "10 September", "DATE", "2022-09-10", begin=dt.date(2022, 9, 10))],
        quantities=[Quantity(0, 3, "two", 2.0, "count", lower=2.0)],
        claims=[Claim("c0", 0, 45, text, "isw", certainty=likely, source_span=(0, 3))],
        events=[
            Event("e0", "capture", 0, 45, text, place=izium, initiator_side="UA",
                  date_start=dt.date(2022, 9, 10), viina=["t_control", "t_occupy"],
                  acled_event_type="Strategic developments")
        ],
        forecasts=[Forecast("f0", 0, 45, text, "isw", deadline=dt.date(2022, 9, 13))],
        warnings=["a warning"],
    )


def test_migrations_create_every_schema_table(store_url):
    engine = get_engine(store_url)
    tables = set(inspect(engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    with engine.connect() as connection:
        assert connection.execute(text("select version_num from alembic_version")).scalar()


def test_plain_path_and_postgres_urls_resolve():
    assert resolve_url("/tmp/x.db") == "sqlite:////tmp/x.db"
    assert resolve_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_url("sqlite:///:memory:") == "sqlite:///:memory:"


def test_sqlite_has_foreign_keys_and_wal(sqlite_url):
    with get_engine(sqlite_url).connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_save_and_load_round_trip(store_url):
    analysis = _analysis()
    with session_scope(store_url) as session:
        repository.save_analysis(session, analysis)
    with session_scope(store_url) as session:
        loaded = repository.load_analysis(session, analysis.report.id)
        event_row = session.scalars(select(EventRow)).one()
    assert to_jsonable(loaded) == to_jsonable(analysis)
    assert event_row.id == f"{analysis.report.id}:events:0"
    assert (event_row.place_name, event_row.geonameid, event_row.viina) == (
        "Izium", 707753, "t_control,t_occupy"
    )
    assert event_row.data["place"]["lat"] == 49.21


def test_resaving_replaces_item_rows(store_url):
    analysis = _analysis()
    with session_scope(store_url) as session:
        repository.save_analysis(session, analysis)
    analysis.entities = []
    analysis.places.append(analysis.places[0])
    with session_scope(store_url) as session:
        repository.save_analysis(session, analysis)
    with session_scope(store_url) as session:
        counts = repository.table_counts(session)
    assert counts["reports"] == 1
    assert counts["entities"] == 0
    assert counts["places"] == 2


def test_list_reports_filters_by_date_and_source(store_url):
    first = _analysis("Kupiansk was retaken.")
    second = _analysis("Balakliia was retaken.")
    second.report.published, second.report.source = dt.date(2022, 9, 20), "UK MoD"
    with session_scope(store_url) as session:
        repository.save_analysis(session, first)
        repository.save_analysis(session, second)
    with session_scope(store_url) as session:
        assert [r.id for r in repository.list_reports(session, since=dt.date(2022, 9, 15))] == [
            second.report.id
        ]
        assert [r.id for r in repository.list_reports(session, until=dt.date(2022, 9, 15))] == [
            first.report.id
        ]
        assert [r.id for r in repository.list_reports(session, source="mod")] == [second.report.id]


def test_same_ingest_error_is_one_row(store_url):
    for _ in range(2):
        with session_scope(store_url) as session:
            repository.record_ingest_error(session, "bad.jsonl", "malformed_jsonl", "oops", line=3)
    with session_scope(store_url) as session:
        (row,) = repository.list_ingest_errors(session)
    assert (row.origin, row.line, row.kind) == ("bad.jsonl", 3, "malformed_jsonl")


def test_failed_report_is_stored_with_its_error_and_retried(store_url):
    analysis = _analysis()
    with session_scope(store_url) as session:
        repository.save_analysis(session, Analysis(report=analysis.report), status="failed",
                                 error="ValueError: boom")
    with session_scope(store_url) as session:
        row = session.get(ReportRow, analysis.report.id)
        assert (row.status, row.error) == ("failed", "ValueError: boom")
        assert repository.existing_sha256(session, [analysis.report.sha256]) == set()
