"""The same event told by several reports becomes one event with all of them as evidence.

Two asserted events from different reports are the same event when they have the same type,
compatible sides (equal, or one unknown), dates within a day of each other, and compatible
places: the same GeoNames id, within :data:`NEAR_KM`, or one an oblast containing the other.
Events without a place are never merged: type and date alone say too little.

Clusters are the connected components of that relation (found by comparing each event only with
those sharing a GeoNames id, a key, an oblast or a nearby grid cell inside the date window, see
``analysis/candidates.py``); the earliest event (then the smallest
id) is canonical and the others point at it through ``events.merged_into``. Each run starts
from scratch (resets ``merged_into``, rebuilds ``event_merges``), so re-running is idempotent
and re-saved reports never leave stale links.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from frontwatch.analysis.candidates import DateBuckets, GeoGrid
from frontwatch.gazetteer.geo import haversine_km
from frontwatch.store.event_merges import EventMergeRow
from frontwatch.store.schema import EventRow, ReportRow

NEAR_KM = 15.0
DATE_SLACK = dt.timedelta(days=1)


@dataclass
class MergeSummary:
    events: int  # asserted events considered
    clusters: int  # groups of two or more reports
    merged: int  # events now pointing at a canonical event


@dataclass
class _Item:
    row: EventRow
    published: dt.date | None
    outlet: str

    # read once: SQLAlchemy attribute access dominated the pairwise comparisons
    @functools.cached_property
    def place(self) -> dict[str, Any]:
        return (self.row.data or {}).get("place") or {}

    @functools.cached_property
    def begin(self) -> dt.date | None:
        return self.row.date_start or self.published

    @functools.cached_property
    def finish(self) -> dt.date | None:
        return self.row.date_end or self.begin

    @property
    def independent_source(self) -> str:
        """Who vouches for it: the attributed source, else the outlet that published it."""
        source = self.row.source or "author"
        return source if source != "author" else (self.outlet or f"report:{self.row.report_id}")


def places_compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Same place, near places (≤ NEAR_KM), or an oblast and a place inside it."""
    if not a or not b:
        return False
    if a.get("geonameid") and a.get("geonameid") == b.get("geonameid"):
        return True
    if a.get("key") and a.get("key") == b.get("key"):
        return True
    for outer, inner in ((a, b), (b, a)):
        if outer.get("feature") == "admin1" and outer.get("admin1_code") \
                and outer.get("admin1_code") == inner.get("admin1_code") \
                and outer.get("country_code") == inner.get("country_code"):
            return True
    if None in (a.get("lat"), a.get("lon"), b.get("lat"), b.get("lon")):
        return False
    if "admin1" in (a.get("feature"), b.get("feature")) or "country" in (
            a.get("feature"), b.get("feature")):
        return False  # a region's centroid says nothing about a town 15 km from it
    return haversine_km(a["lat"], a["lon"], b["lat"], b["lon"]) <= NEAR_KM


def _sides_compatible(a: EventRow, b: EventRow) -> bool:
    def same(x: str, y: str) -> bool:
        return x == y or "unknown" in (x, y)

    return same(a.initiator_side, b.initiator_side) and same(a.target_side, b.target_side)


def _dates_compatible(a: _Item, b: _Item) -> bool:
    if None in (a.begin, a.finish, b.begin, b.finish):
        return False
    return a.begin - DATE_SLACK <= b.finish and b.begin - DATE_SLACK <= a.finish


def same_event(a: _Item, b: _Item) -> bool:
    return (a.row.report_id != b.row.report_id and a.row.type == b.row.type
            and _sides_compatible(a.row, b.row) and _dates_compatible(a, b)
            and places_compatible(a.place, b.place))


def _by_distance(place: dict[str, Any]) -> bool:
    """Can this place match another by distance alone (see ``places_compatible``)?"""
    coordinates = (place.get("lat"), place.get("lon"))
    return all(isinstance(c, (int, float)) and math.isfinite(c) for c in coordinates) \
        and place.get("feature") not in ("admin1", "country")


class _CandidateIndex:
    """Events of the same type within the date slack that could have compatible places: the
    same GeoNames id or key, an oblast and the events inside it, or a grid cell next to the
    event's (cells ≥ NEAR_KM wide). Every pair ``places_compatible`` accepts shares a bucket."""

    def __init__(self, items: list[_Item], placed: list[int]) -> None:
        self.items = items
        lats = [abs(items[i].place["lat"]) for i in placed if _by_distance(items[i].place)]
        self.grid = GeoGrid(NEAR_KM, max(lats, default=0.0))
        self.asked: dict[int, list[tuple]] = {}
        filed = []
        for i in placed:
            keys, self.asked[i] = self._keys(items[i])
            filed.extend((key, items[i].begin, items[i].finish, i) for key in keys)
        self.buckets = DateBuckets(filed, DATE_SLACK)

    def of(self, i: int) -> set[int]:
        begin, finish = self.items[i].begin, self.items[i].finish
        return {j for key in self.asked[i] for j in self.buckets.near(key, begin, finish)}

    def _keys(self, item: _Item) -> tuple[list[tuple], list[tuple]]:
        """The buckets an event is filed under, and those its candidates are looked up in."""
        place, kind = item.place, item.row.type
        shared = [(name, kind, place[name]) for name in ("geonameid", "key") if place.get(name)]
        filed, asked = list(shared), shared
        if place.get("admin1_code"):
            oblast = ("oblast", kind, place.get("country_code"), place["admin1_code"])
            filed.append(oblast)
            if place.get("feature") == "admin1":  # an oblast meets the events inside it
                asked.append(oblast)
        if _by_distance(place):
            lat, lon = place["lat"], place["lon"]
            filed.append(("cell", kind, self.grid.cell(lat, lon)))
            asked.extend(("cell", kind, cell) for cell in self.grid.neighbourhood(lat, lon))
        return filed, asked


def _clusters(items: list[_Item]) -> list[list[_Item]]:
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    placed = [i for i, item in enumerate(items) if item.begin is not None and item.place]
    candidates = _CandidateIndex(items, placed)
    for i in placed:
        for j in candidates.of(i):
            if j != i and same_event(items[i], items[j]):
                parent[find(j)] = find(i)
    groups: dict[int, list[_Item]] = defaultdict(list)
    for i, item in enumerate(items):
        groups[find(i)].append(item)
    return [g for g in groups.values() if len({it.row.report_id for it in g}) > 1]


def merge_events(session: Session) -> MergeSummary:
    """Recompute all merges in the store (idempotent). The caller owns the transaction."""
    session.execute(update(EventRow).values(merged_into=None))
    session.execute(delete(EventMergeRow))
    rows = session.execute(
        select(EventRow, ReportRow.published, ReportRow.source)
        .join(ReportRow, ReportRow.id == EventRow.report_id)
        .where(EventRow.asserted.is_(True))
    ).all()
    items = [_Item(row, published, outlet or "") for row, published, outlet in rows]
    merged = 0
    clusters = _clusters(items)
    for cluster in clusters:
        cluster.sort(key=lambda it: (it.begin, it.row.id))
        canonical = cluster[0]
        for item in cluster[1:]:
            item.row.merged_into = canonical.row.id
            merged += 1
        sources = sorted({it.independent_source for it in cluster})
        session.add(EventMergeRow(
            canonical_id=canonical.row.id, type=canonical.row.type,
            date_start=min(it.begin for it in cluster),
            date_end=max(it.finish for it in cluster),
            place_name=canonical.row.place_name, lat=canonical.row.lat, lon=canonical.row.lon,
            event_ids=[it.row.id for it in cluster],
            report_ids=sorted({it.row.report_id for it in cluster}),
            sources=sources, n_reports=len({it.row.report_id for it in cluster}),
            n_sources=len(sources),
        ))
    session.flush()
    return MergeSummary(events=len(items), clusters=len(clusters), merged=merged)
