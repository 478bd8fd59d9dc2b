"""Reading and writing analyses: the only module that maps records to rows and back.

Every item row keeps the full record as JSON in ``data`` (so records can grow without a
migration) plus the filter columns of its table, which are filled by name from the record:
a column ``x`` takes ``record.x``, else ``record.certainty.x``, else ``record.place.x`` (with
``place_`` stripped), so a new filter column needs no code here when its name matches.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import types
import typing
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import Select, delete, func, insert, select
from sqlalchemy.orm import Session

from frontwatch.models import Analysis, Report, Sentence, to_jsonable
from frontwatch.store.schema import (
    Base,
    ClaimRow,
    EntityRow,
    EventRow,
    ForecastRow,
    IngestErrorRow,
    PlaceRow,
    QuantityRow,
    ReportRow,
    TimeRow,
    utcnow,
)

# Analysis list attribute → table of its items.
ITEM_TABLES: dict[str, type[Base]] = {
    "entities": EntityRow,
    "places": PlaceRow,
    "times": TimeRow,
    "quantities": QuantityRow,
    "claims": ClaimRow,
    "events": EventRow,
    "forecasts": ForecastRow,
}
_NOT_FROM_RECORD = {"id", "report_id", "data"}


def save_analysis(
    session: Session,
    analysis: Analysis,
    *,
    status: str = "analyzed",
    error: str = "",
    near_duplicate_of: str | None = None,
    near_duplicate_similarity: float | None = None,
) -> ReportRow:
    """Store a report and its items, replacing whatever was stored for it before.

    The caller owns the transaction (``session_scope`` commits one report at a time).
    """
    report = analysis.report
    row = session.get(ReportRow, report.id) or ReportRow(id=report.id)
    row.sha256 = report.sha256
    row.published = report.published
    row.source = report.source
    row.title = report.title
    row.url = report.url
    row.lang = report.lang
    row.origin = report.origin
    row.text = report.text
    row.near_duplicate_of = near_duplicate_of
    row.near_duplicate_similarity = near_duplicate_similarity
    row.status = status
    row.error = error
    row.warnings = list(analysis.warnings)
    row.sentences = [[s.start, s.end] for s in analysis.sentences]
    session.add(row)
    session.flush()
    for kind, table in ITEM_TABLES.items():
        session.execute(delete(table).where(table.report_id == report.id))
        records = getattr(analysis, kind)
        if records:
            rows = [_item_row(table, report, kind, i, rec) for i, rec in enumerate(records)]
            session.execute(insert(table), rows)
    return row


def record_ingest_error(
    session: Session, origin: str, kind: str, message: str, line: int | None = None
) -> IngestErrorRow:
    """Remember an input that could not become a report; the same error again is one row."""
    existing = session.scalars(
        select(IngestErrorRow).where(
            IngestErrorRow.origin == origin,
            IngestErrorRow.line.is_(None) if line is None else IngestErrorRow.line == line,
            IngestErrorRow.kind == kind,
            IngestErrorRow.message == message,
        )
    ).first()
    row = existing or IngestErrorRow(origin=origin, line=line, kind=kind, message=message)
    row.created_at = utcnow()
    session.add(row)
    return row


def reports_query(
    since: dt.date | None = None,
    until: dt.date | None = None,
    source: str | None = None,
) -> Select:
    """Reports by publication date (inclusive bounds); ``source`` matches case-insensitively."""
    query = select(ReportRow).order_by(ReportRow.published, ReportRow.id)
    if since:
        query = query.where(ReportRow.published >= since)
    if until:
        query = query.where(ReportRow.published <= until)
    if source:
        query = query.where(func.lower(ReportRow.source).contains(source.lower()))
    return query


def list_reports(
    session: Session,
    since: dt.date | None = None,
    until: dt.date | None = None,
    source: str | None = None,
) -> list[ReportRow]:
    return list(session.scalars(reports_query(since, until, source)))


def list_ingest_errors(session: Session) -> list[IngestErrorRow]:
    return list(session.scalars(select(IngestErrorRow).order_by(IngestErrorRow.id)))


def report_from_row(row: ReportRow) -> Report:
    return Report(
        text=row.text,
        published=row.published,
        source=row.source,
        title=row.title,
        url=row.url,
        lang=row.lang,
        origin=row.origin,
        sha256=row.sha256,
        id=row.id,
    )


def load_analysis(session: Session, report_id: str) -> Analysis | None:
    """The stored analysis of one report, rebuilt as dataclasses; None if unknown."""
    row = session.get(ReportRow, report_id)
    if row is None:
        return None
    report = report_from_row(row)
    analysis = Analysis(
        report=report,
        sentences=[Sentence(s, e, report.text[s:e]) for s, e in row.sentences or []],
        warnings=list(row.warnings or []),
    )
    item_types = _analysis_item_types()
    for kind, table in ITEM_TABLES.items():
        rows = session.execute(
            select(table.id, table.data).where(table.report_id == report_id)
        ).all()
        rows.sort(key=lambda r: int(r.id.rsplit(":", 1)[1]))
        setattr(analysis, kind, [from_jsonable(item_types[kind], r.data) for r in rows])
    return analysis


def existing_sha256(session: Session, hashes: Iterable[str]) -> set[str]:
    """Which of ``hashes`` are stored and analysed (failed analyses are retried)."""
    wanted = list(set(hashes))
    found: set[str] = set()
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        query = select(ReportRow.sha256).where(
            ReportRow.sha256.in_(chunk), ReportRow.status != "failed"
        )
        found.update(session.scalars(query))
    return found


def iter_report_texts(session: Session) -> Iterator[tuple[str, str]]:
    """(id, text) of every stored report, for rebuilding the near-duplicate index."""
    for row in session.execute(select(ReportRow.id, ReportRow.text)):
        yield row.id, row.text


def table_counts(session: Session) -> dict[str, int]:
    """Rows per table: reports, ingest errors and every item table."""
    tables: dict[str, type[Base]] = {"reports": ReportRow, **ITEM_TABLES}
    tables["ingest_errors"] = IngestErrorRow
    return {
        name: session.scalar(select(func.count()).select_from(table)) or 0
        for name, table in tables.items()
    }


def _item_row(table: type[Base], report: Report, kind: str, index: int, record: Any) -> dict:
    # Claims, events and forecasts link to each other by their record ids: keep those ids.
    record_id = getattr(record, "id", None)
    if not (record_id and record_id.startswith(f"{report.id}:")):
        record_id = f"{report.id}:{kind}:{index}"
    values: dict[str, Any] = {
        "id": record_id,
        "report_id": report.id,
        "data": to_jsonable(record),
    }
    for column in table.__table__.columns:
        if column.name in _NOT_FROM_RECORD:
            continue
        value = _lookup(record, column.name)
        if value is None and column.name == "report_date":
            value = report.published
        if isinstance(value, (list, tuple)):
            value = ",".join(str(v) for v in value)
        if value is None and not column.nullable and column.default is not None:
            value = column.default.arg
        values[column.name] = value
    return values


def _lookup(record: Any, name: str) -> Any:
    if hasattr(record, name):
        return getattr(record, name)
    certainty = getattr(record, "certainty", None)
    if certainty is not None and hasattr(certainty, name):
        return getattr(certainty, name)
    place = getattr(record, "place", None)
    if place is not None:
        return getattr(place, name.removeprefix("place_"), None)
    return None


@functools.cache
def _analysis_item_types() -> dict[str, type]:
    hints = typing.get_type_hints(Analysis)
    return {kind: typing.get_args(hints[kind])[0] for kind in ITEM_TABLES}


def from_jsonable(annotation: Any, value: Any) -> Any:
    """Inverse of ``models.to_jsonable`` for a value of the given type annotation."""
    if value is None:
        return None
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        return from_jsonable(options[0], value) if len(options) == 1 else value
    if origin is list:
        (item,) = typing.get_args(annotation) or (Any,)
        return [from_jsonable(item, v) for v in value]
    if origin is tuple:
        args = typing.get_args(annotation)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(from_jsonable(args[0], v) for v in value)
        return tuple(from_jsonable(a, v) for a, v in zip(args, value, strict=False))
    if annotation is dt.date:
        return dt.date.fromisoformat(value)
    if annotation is dt.datetime:
        return dt.datetime.fromisoformat(value)
    if dataclasses.is_dataclass(annotation):
        hints = typing.get_type_hints(annotation)
        known = {f.name for f in dataclasses.fields(annotation) if f.init}
        return annotation(
            **{k: from_jsonable(hints[k], v) for k, v in value.items() if k in known}
        )
    return value
