"""SQLAlchemy 2 tables of the store.

Each extracted item is a row with the columns people filter on (type, side, date, source,
coordinates) plus ``data``: the full record as JSON, so that the record can grow without a
migration for every new field. Row ids are ``{report_id}:{kind}:{index}`` so that re-saving a
report's analysis replaces exactly its own rows.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class ReportRow(Base):
    __tablename__ = "reports"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    published: Mapped[dt.date] = mapped_column(Date, index=True)
    source: Mapped[str] = mapped_column(String(200), default="", index=True)
    title: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(Text, default="")
    lang: Mapped[str] = mapped_column(String(8), default="en")
    origin: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text)
    near_duplicate_of: Mapped[str | None] = mapped_column(
        String(32), ForeignKey("reports.id", ondelete="SET NULL"), nullable=True
    )
    near_duplicate_similarity: Mapped[float | None] = mapped_column(Float, nullable=True)
    status: Mapped[str] = mapped_column(String(16), default="analyzed")  # analyzed / failed
    error: Mapped[str] = mapped_column(Text, default="")
    warnings: Mapped[list[Any]] = mapped_column(JSON, default=list)
    sentences: Mapped[list[Any]] = mapped_column(JSON, default=list)  # [[start, end], ...]
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class IngestErrorRow(Base):
    __tablename__ = "ingest_errors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    origin: Mapped[str] = mapped_column(Text)
    line: Mapped[int | None] = mapped_column(Integer, nullable=True)
    kind: Mapped[str] = mapped_column(String(40))
    message: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class _ItemMixin:
    """Columns every extracted item has: its evidence span in a report."""

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


def _report_fk() -> Mapped[str]:
    return mapped_column(String(32), ForeignKey("reports.id", ondelete="CASCADE"), index=True)


class EntityRow(_ItemMixin, Base):
    __tablename__ = "entities"
    report_id: Mapped[str] = _report_fk()
    label: Mapped[str] = mapped_column(String(20))


class PlaceRow(_ItemMixin, Base):
    __tablename__ = "places"
    report_id: Mapped[str] = _report_fk()
    name: Mapped[str] = mapped_column(String(200), index=True)
    geonameid: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    key: Mapped[str] = mapped_column(String(120), default="")
    feature: Mapped[str] = mapped_column(String(20), default="settlement")
    role: Mapped[str] = mapped_column(String(20), default="location")
    lat: Mapped[float | None] = mapped_column(Float, nullable=True)
    lon: Mapped[float | None] = mapped_column(Float, nullable=True)
    country_code: Mapped[str] = mapped_column(String(4), default="")
    admin1_code: Mapped[str] = mapped_column(String(20), default="")


class TimeRow(_ItemMixin, Base):
    __tablename__ = "times"
    report_id: Mapped[str] = _report_fk()
    type: Mapped[str] = mapped_column(String(12))
    value: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(12), default="point")
    begin: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    end_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)


class QuantityRow(_ItemMixin, Base):
    __tablename__ = "quantities"
    report_id: Mapped[str] = _report_fk()
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(20))
    lower: Mapped[float | None] = mapped_column(Float, nullable=True)
    upper: Mapped[float | None] = mapped_column(Float, nullable=True)


class ClaimRow(_ItemMixin, Base):
    __tablename__ = "claims"
    report_id: Mapped[str] = _report_fk()
    source: Mapped[str] = mapped_column(String(120), index=True)
    stance: Mapped[str] = mapped_column(String(12), index=True)
    p_low: Mapped[float] = mapped_column(Float)
    p_high: Mapped[float] = mapped_column(Float)
    scale: Mapped[str] = mapped_column(String(10))
    target_claim: Mapped[str | None] = mapped_column(String(80), nullable=True)


class EventRow(_ItemMixin, Base):
    __tablename__ = "events"
    report_id: Mapped[str] = _report_fk()
    type: Mapped[str] = mapped_column(String(32), index=True)
    initiator_side: Mapped[str] = mapped_column(String(10), index=True)
    target_side: Mapped[str] = mapped_column(String(10))
    date_start: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    date_end: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    place_name: Mapped[str] = mapped_column(String(200), default="")
    geonameid: Mapped[int | None] = mapped_column(Integer, nullable=True)
    lat: Mapped[float | None] = mapped_column(Float, nullable=True)
    lon: Mapped[float | None] = mapped_column(Float, nullable=True)
    source: Mapped[str] = mapped_column(String(120), index=True)
    asserted: Mapped[bool] = mapped_column(Boolean, default=True)
    claim_id: Mapped[str | None] = mapped_column(String(80), nullable=True)
    acled_event_type: Mapped[str] = mapped_column(String(60), default="")
    acled_sub_event_type: Mapped[str] = mapped_column(String(80), default="")
    viina: Mapped[str] = mapped_column(String(120), default="")
    merged_into: Mapped[str | None] = mapped_column(String(80), nullable=True, index=True)


class ForecastRow(_ItemMixin, Base):
    __tablename__ = "forecasts"
    report_id: Mapped[str] = _report_fk()
    source: Mapped[str] = mapped_column(String(120), index=True)
    event_type: Mapped[str] = mapped_column(String(32))
    report_date: Mapped[dt.date] = mapped_column(Date)
    deadline: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    deadline_defaulted: Mapped[bool] = mapped_column(Boolean, default=False)
    p_low: Mapped[float] = mapped_column(Float)
    p_high: Mapped[float] = mapped_column(Float)


Index("ix_events_type_date", EventRow.type, EventRow.date_start)
from frontwatch.store import forecast_tables  # noqa: E402,F401  (forecast outcome tables)
from frontwatch.store import control_tables  # noqa: E402,F401  (territorial control tables)
from frontwatch.store import event_merges  # noqa: E402,F401  (merged-event evidence)
