"""Outcomes of forecasts: what automatic resolution found, and what a person decided.

The two live in separate tables on purpose. Automatic resolution rewrites its own rows on every
run (idempotently) and never touches a person's override; an override (outcome + note) survives
re-resolution and re-ingest, and wins wherever an outcome is shown or scored. Neither table has a
foreign key to ``forecasts``: re-saving a report replaces its forecast rows, and the outcome must
outlive that (forecast ids are stable: ``{report_id}:forecast:{i}``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Date, DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from frontwatch.store.schema import Base, utcnow


class ForecastOutcomeRow(Base):
    """The automatic outcome of one forecast with the evidence it rests on."""

    __tablename__ = "forecast_outcomes"

    forecast_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    outcome: Mapped[str] = mapped_column(String(8), index=True)  # true / false / open
    rule: Mapped[str] = mapped_column(Text, default="")  # why: matched / deadline passed / ...
    evidence: Mapped[list[Any]] = mapped_column(JSON, default=list)
    as_of: Mapped[dt.date | None] = mapped_column(Date, nullable=True)  # latest report seen
    resolved_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class ForecastOverrideRow(Base):
    """A person's verdict on a forecast; kept apart from, and preferred to, the automatic one."""

    __tablename__ = "forecast_overrides"

    forecast_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    outcome: Mapped[str] = mapped_column(String(8))  # true / false
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
