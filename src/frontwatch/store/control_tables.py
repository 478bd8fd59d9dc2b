"""Territorial control in the store: imported map snapshots and settlement control rows.

A snapshot is one publisher's map for one day (re-importing the same publisher and day
replaces it). Its geometry is kept per status layer (occupied, contested, ...), already
unioned, as GeoJSON in lon/lat, so that reading a day back costs no geometry work beyond
parsing. Settlement rows are either observations imported from a settlement list
(``basis = "list:<name>"``) or the series computed by the control model (``basis = "model"``),
each with the evidence it rests on.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    delete,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from frontwatch.store.schema import Base, utcnow


class ControlSnapshotRow(Base):
    __tablename__ = "control_snapshots"
    __table_args__ = (UniqueConstraint("publisher", "date", name="uq_control_snapshot_day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    publisher: Mapped[str] = mapped_column(String(80), default="")
    origin: Mapped[str] = mapped_column(Text, default="")
    warnings: Mapped[list[Any]] = mapped_column(JSON, default=list)
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class ControlLayerRow(Base):
    """The union of a snapshot's polygons of one status."""

    __tablename__ = "control_layers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    snapshot_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("control_snapshots.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(24))
    area_km2: Mapped[float] = mapped_column(Float)
    n_features: Mapped[int] = mapped_column(Integer)
    labels: Mapped[list[Any]] = mapped_column(JSON, default=list)
    geometry: Mapped[dict[str, Any]] = mapped_column(JSON)


class SettlementControlRow(Base):
    """Controller of a settlement from ``date`` on, per basis, with evidence."""

    __tablename__ = "settlement_control"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    basis: Mapped[str] = mapped_column(String(120), index=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    geonameid: Mapped[int] = mapped_column(Integer, index=True)
    name: Mapped[str] = mapped_column(String(200))
    controller: Mapped[str] = mapped_column(String(12))
    probability: Mapped[float] = mapped_column(Float, default=1.0)
    evidence: Mapped[list[Any]] = mapped_column(JSON, default=list)


def replace_snapshot(
    session: Session,
    date: dt.date,
    publisher: str,
    origin: str,
    warnings: list[str],
    layers: list[dict[str, Any]],
) -> int:
    """Store one publisher's day (replacing an earlier import of it); returns its id."""
    session.execute(
        delete(ControlSnapshotRow).where(
            ControlSnapshotRow.publisher == publisher, ControlSnapshotRow.date == date
        )
    )
    row = ControlSnapshotRow(date=date, publisher=publisher, origin=origin, warnings=warnings)
    session.add(row)
    session.flush()
    for layer in layers:
        session.add(ControlLayerRow(snapshot_id=row.id, **layer))
    return row.id


def snapshot_on_or_before(
    session: Session, date: dt.date, publisher: str | None = None, max_age_days: int = 3
) -> ControlSnapshotRow | None:
    """The latest snapshot dated ``date`` or up to ``max_age_days`` earlier."""
    query = select(ControlSnapshotRow).where(
        ControlSnapshotRow.date <= date,
        ControlSnapshotRow.date >= date - dt.timedelta(days=max_age_days),
    )
    if publisher:
        query = query.where(ControlSnapshotRow.publisher == publisher)
    return session.scalars(
        query.order_by(ControlSnapshotRow.date.desc(), ControlSnapshotRow.id.desc())
    ).first()


def list_snapshots(session: Session, publisher: str | None = None) -> list[ControlSnapshotRow]:
    query = select(ControlSnapshotRow).order_by(ControlSnapshotRow.date)
    if publisher:
        query = query.where(ControlSnapshotRow.publisher == publisher)
    return list(session.scalars(query))


def snapshot_layers(session: Session, snapshot_id: int) -> list[ControlLayerRow]:
    return list(
        session.scalars(select(ControlLayerRow).where(ControlLayerRow.snapshot_id == snapshot_id))
    )


def replace_settlement_rows(session: Session, basis: str, rows: list[dict[str, Any]]) -> None:
    """Replace every settlement row of one basis (a list, or the model's series)."""
    session.execute(delete(SettlementControlRow).where(SettlementControlRow.basis == basis))
    session.add_all(SettlementControlRow(basis=basis, **row) for row in rows)


def settlement_rows(session: Session, basis_prefix: str = "") -> list[SettlementControlRow]:
    query = select(SettlementControlRow).order_by(
        SettlementControlRow.date, SettlementControlRow.id
    )
    if basis_prefix:
        query = query.where(SettlementControlRow.basis.startswith(basis_prefix))
    return list(session.scalars(query))
