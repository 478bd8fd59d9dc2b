"""Exports: the public JSON of one analysis, and store tables as JSONL, CSV, Parquet, GeoJSON.

``public_json`` is the contract documented in ``docs/analysis-json.md``: one object per report
with the report's identity and every extracted list, each item carrying ``start``/``end``
character offsets and its ``text``. Table exports take every column of a table (any table of
the store, including ones added later); JSONL keeps the full record in ``data``, the flat
formats leave it out. GeoJSON writes Point features for rows that have coordinates.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from frontwatch.models import Analysis, to_jsonable
from frontwatch.store.schema import Base

PUBLIC_LISTS = (
    "sentences", "entities", "places", "times", "quantities", "claims", "events", "forecasts",
)
FORMATS = ("jsonl", "csv", "parquet", "geojson")
GEO_TABLES = ("places", "events")


def public_json(analysis: Analysis) -> dict[str, Any]:
    """The documented JSON shape of one analysed report."""
    report = analysis.report
    document: dict[str, Any] = {
        "report": {
            "id": report.id,
            "date": report.published.isoformat(),
            "source": report.source,
            "title": report.title,
            "url": report.url,
        }
    }
    for name in PUBLIC_LISTS:
        document[name] = to_jsonable(getattr(analysis, name))
    document["warnings"] = list(analysis.warnings)
    return document


def table_names() -> list[str]:
    return sorted(Base.metadata.tables)


def table_rows(session: Session, name: str, with_data: bool = True) -> list[dict[str, Any]]:
    """Every row of table ``name`` as a dict of JSON-ready values."""
    table: Table = Base.metadata.tables[name]
    columns = [c for c in table.columns if with_data or c.name != "data"]
    order = list(table.primary_key.columns)
    result = session.execute(select(*columns).order_by(*order))
    return [{k: _plain(v) for k, v in row._mapping.items()} for row in result]


def export(session: Session, fmt: str, tables: Iterable[str], out: str | None) -> int:
    """Write ``tables`` in ``fmt`` to ``out`` (a path; None or "-" for stdout). Rows written."""
    tables = list(tables)
    if fmt == "geojson":
        collection = geojson(session, tables)
        with _open(out) as stream:
            json.dump(collection, stream, ensure_ascii=False)
            stream.write("\n")
        return len(collection["features"])
    (name,) = tables
    rows = table_rows(session, name, with_data=fmt == "jsonl")
    if fmt == "parquet":
        _write_parquet(rows, name, out)
        return len(rows)
    with _open(out) as stream:
        if fmt == "jsonl":
            for row in rows:
                stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            columns = [c.name for c in Base.metadata.tables[name].columns if c.name != "data"]
            writer = csv.DictWriter(stream, fieldnames=columns)
            writer.writeheader()
            writer.writerows({k: _csv_value(v) for k, v in row.items()} for row in rows)
    return len(rows)


def geojson(session: Session, tables: Iterable[str] = GEO_TABLES) -> dict[str, Any]:
    """A FeatureCollection of every row with ``lat``/``lon``; ``properties.table`` says which."""
    features = []
    for name in tables:
        for row in table_rows(session, name, with_data=False):
            lat, lon = row.pop("lat", None), row.pop("lon", None)
            if lat is None or lon is None:
                continue
            features.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [lon, lat]},
                    "properties": {"table": name, **row},
                }
            )
    return {"type": "FeatureCollection", "features": features}


def _write_parquet(rows: list[dict[str, Any]], name: str, out: str | None) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    if not out or out == "-":
        raise ValueError("parquet is binary: give --out FILE")
    columns = [c.name for c in Base.metadata.tables[name].columns if c.name != "data"]
    table = pa.Table.from_pylist(rows) if rows else pa.table({c: [] for c in columns})
    pq.write_table(table, out)


class _open:
    """A text stream for ``out``; stdout is borrowed, not closed."""

    def __init__(self, out: str | None):
        self.out = out

    def __enter__(self) -> TextIO:
        if not self.out or self.out == "-":
            self.stream = sys.stdout
        else:
            self.stream = Path(self.out).open("w", encoding="utf-8", newline="")
        return self.stream

    def __exit__(self, *exc) -> None:
        if self.stream is not sys.stdout:
            self.stream.close()


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def _csv_value(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value
