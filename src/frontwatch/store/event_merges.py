"""Evidence for merged events: one row per canonical event with every report behind it.

Kept out of ``events`` itself because re-saving a report replaces its event rows; the merge
(``analysis/merge.py``) rebuilds this table and ``events.merged_into`` from scratch on every
run, so neither can go stale. No foreign keys for the same reason.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Date, DateTime, Float, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from frontwatch.store.schema import Base, utcnow


class EventMergeRow(Base):
    """A canonical event and the events (in other reports) that report the same thing."""

    __tablename__ = "event_merges"

    canonical_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    type: Mapped[str] = mapped_column(String(32), index=True)
    date_start: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    date_end: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    place_name: Mapped[str] = mapped_column(String(200), default="")
    lat: Mapped[float | None] = mapped_column(Float, nullable=True)
    lon: Mapped[float | None] = mapped_column(Float, nullable=True)
    event_ids: Mapped[list[Any]] = mapped_column(JSON, default=list)
    report_ids: Mapped[list[Any]] = mapped_column(JSON, default=list)
    sources: Mapped[list[Any]] = mapped_column(JSON, default=list)
    n_reports: Mapped[int] = mapped_column(Integer, default=1)
    n_sources: Mapped[int] = mapped_column(Integer, default=1)
    merged_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
