"""Who holds what, when: imported control maps and the settlement control model.

Two kinds of input:

* **Control-of-terrain maps** (GeoJSON/KML polygons from mapping projects). Labels are
  matched by ordered rules (regular expressions → status); the default rules read
  DeepStateMap-like bilingual labels with their typos. Polygons of one status are unioned, so
  overlapping shapes are counted once.
* **Settlement control**: per GeoNames settlement, a series of controller changes (UA, RU,
  contested, unknown). Baselines are map snapshots (point in polygon) or settlement lists
  (CSV); asserted capture/withdrawal/advance events move the series between them, weighted by
  the certainty of the claim that carries them.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import json
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from frontwatch.analysis import geo

STATUSES = ("occupied", "occupied_pre2022", "contested", "liberated", "unknown")
RUSSIAN_HELD = ("occupied", "occupied_pre2022")
CONTROLLERS = ("UA", "RU", "contested", "unknown")
STATUS_CONTROLLER = {
    "occupied": "RU",
    "occupied_pre2022": "RU",
    "contested": "contested",
    "unknown": "unknown",
    "liberated": "UA",
}
OPPOSITE_SIDE = {"UA": "RU", "RU": "UA"}
IGNORE = "ignore"


@dataclass(frozen=True)
class LabelRule:
    """A case-insensitive regular expression on a normalised label and the status it gives."""

    pattern: str
    status: str

    def matches(self, label: str) -> bool:
        return re.search(self.pattern, label, flags=re.IGNORECASE) is not None


# Order matters: the first matching rule wins ("Звільнено" before "Окуповано" would not matter,
# but "Occupied Crimea" must not be caught by a contested rule, and Transnistria is not Ukraine).
DEFAULT_RULES: tuple[LabelRule, ...] = (
    LabelRule(r"transnistr|придністров", IGNORE),
    LabelRule(r"direction of attack|напрям", IGNORE),
    LabelRule(r"\bcadr\b|\bcalr\b|ордло|ordlo", "occupied_pre2022"),
    LabelRule(r"contest|contens|disputed|під питанням|grey zone|gray zone", "contested"),
    LabelRule(r"situation is unknown|unknown|невідом", "unknown"),
    LabelRule(r"taken back|recaptur|liberat|de-?occup|звільн", "liberated"),
    LabelRule(r"occupied|окупов|russian[- ]controlled|under russian control", "occupied"),
)


def normalise_label(label: str) -> str:
    """NFKC, no-break spaces and newlines to spaces, collapsed, trimmed."""
    return " ".join(unicodedata.normalize("NFKC", label).replace("\xa0", " ").split())


def classify_label(label: str, rules: Sequence[LabelRule] = DEFAULT_RULES) -> str | None:
    """Status for a label, ``"ignore"`` for known non-territory labels, None if no rule fits."""
    text = normalise_label(label)
    return next((rule.status for rule in rules if rule.matches(text)), None)


def load_rules(path: Path) -> tuple[tuple[LabelRule, ...], str]:
    """Label rules (and an optional publisher name) from JSON or TOML.

    Format: ``{"publisher": "...", "rules": [{"pattern": "...", "status": "occupied"}, ...]}``
    (TOML: ``publisher = "..."`` and ``[[rules]]`` tables). Statuses: occupied,
    occupied_pre2022, contested, liberated, unknown, ignore.
    """
    text = path.read_text(encoding="utf-8")
    document = tomllib.loads(text) if path.suffix.lower() == ".toml" else json.loads(text)
    rules = []
    for entry in document.get("rules", []):
        status = str(entry["status"])
        if status not in (*STATUSES, IGNORE):
            raise ValueError(f"{path}: unknown status {status!r} (allowed: {STATUSES + (IGNORE,)})")
        re.compile(entry["pattern"])
        rules.append(LabelRule(str(entry["pattern"]), status))
    if not rules:
        raise ValueError(f"{path}: no rules")
    return tuple(rules), str(document.get("publisher", ""))


# ---------------------------------------------------------------- map snapshots

DATE_IN_NAME = re.compile(r"(20\d\d)[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])")


def date_from_filename(path: Path) -> dt.date | None:
    match = DATE_IN_NAME.search(path.name)
    if not match:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def publisher_from_filename(path: Path) -> str:
    """``deepstate-2022-09-06.geojson.gz`` → ``deepstate``."""
    stem = DATE_IN_NAME.split(path.name)[0] if DATE_IN_NAME.search(path.name) else path.name
    name = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    return name or "map"


@dataclass
class ControlSnapshot:
    """One publisher's control map of one day, as unioned status layers (lon/lat)."""

    date: dt.date
    publisher: str
    origin: str
    layers: dict[str, BaseGeometry] = field(default_factory=dict)
    labels: dict[str, list[str]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def layer(self, *statuses: str) -> BaseGeometry:
        parts = [self.layers[s] for s in statuses if s in self.layers]
        return shapely.union_all(parts) if parts else shapely.Polygon()

    @property
    def russian_held(self) -> BaseGeometry:
        return self.layer(*RUSSIAN_HELD)


def read_snapshot(
    paths: Sequence[Path],
    date: dt.date,
    publisher: str,
    rules: Sequence[LabelRule] = DEFAULT_RULES,
) -> ControlSnapshot:
    """Polygons of one or more files of one day, classified by label and unioned per status.

    Points and lines are skipped silently (attack arrows, unit positions); polygons whose label
    no rule knows are skipped with a warning naming the label.
    """
    snapshot = ControlSnapshot(date, publisher, ", ".join(str(p) for p in paths))
    parts: dict[str, list[BaseGeometry]] = {}
    unknown_labels: dict[str, int] = {}
    for path in paths:
        for feature in geo.read_map_features(path, snapshot.warnings):
            areal = geo.polygonal(feature.geometry)
            if areal.is_empty:
                continue
            status = classify_label(feature.label, rules)
            if status is None:
                key = normalise_label(feature.label) or "(no label)"
                unknown_labels[key] = unknown_labels.get(key, 0) + 1
                continue
            if status == IGNORE:
                continue
            parts.setdefault(status, []).append(areal)
            label = normalise_label(feature.label)
            if label not in snapshot.labels.setdefault(status, []):
                snapshot.labels[status].append(label)
    for label, count in sorted(unknown_labels.items()):
        snapshot.warnings.append(f"no rule for label {label!r} ({count} polygon(s) skipped)")
    for status, geometries in parts.items():
        snapshot.layers[status] = shapely.make_valid(shapely.union_all(geometries))
        snapshot.counts[status] = len(geometries)
    return snapshot


# ---------------------------------------------------------------- settlements


@dataclass(frozen=True)
class Settlement:
    geonameid: int
    name: str
    lat: float
    lon: float
    admin1_code: str = ""
    population: int = 0


@cache
def ua_settlements() -> tuple[Settlement, ...]:
    """Ukraine's GeoNames settlements (cities500) from the compiled gazetteer, by geonameid."""
    import sqlite3

    from frontwatch.gazetteer.build import iter_rows
    from frontwatch.gazetteer.index import get_gazetteer, index_path

    path = index_path()
    if not path.exists():  # compiled on first use; opening it is slower than reading it
        path = get_gazetteer().path
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        entries = list(iter_rows(connection, (
            "SELECT * FROM entries WHERE country_code='UA' AND feature='settlement' "
            "AND geonameid IS NOT NULL ORDER BY geonameid"
        )))
    finally:
        connection.close()
    return tuple(
        Settlement(int(e.geonameid), e.name, float(e.lat), float(e.lon), e.admin1_code, int(e.population or 0))
        for e in entries
    )


@cache
def _settlement_index() -> tuple[dict[int, Settlement], shapely.STRtree, np.ndarray]:
    settlements = ua_settlements()
    xy = settlement_plane_xy(settlements)
    return {s.geonameid: s for s in settlements}, shapely.STRtree(shapely.points(xy)), xy


def settlement_plane_xy(settlements: Sequence[Settlement]) -> np.ndarray:
    """Settlement coordinates in the equal-area plane (metres), in input order."""
    lonlat = shapely.points([(s.lon, s.lat) for s in settlements])
    return np.array([g.coords[0] for g in geo.to_equal_area(shapely.GeometryCollection(list(lonlat))).geoms])


def nearest_settlement(lat: float, lon: float, max_km: float = 5.0) -> Settlement | None:
    """The GeoNames settlement nearest to a point, if within ``max_km``."""
    _, tree, xy = _settlement_index()
    point = geo.to_equal_area(shapely.Point(lon, lat))
    index = tree.nearest(point)
    if index is None or np.hypot(*(xy[index] - point.coords[0])) > max_km * 1000:
        return None
    return ua_settlements()[int(index)]


def settlement_by_id(geonameid: int) -> Settlement | None:
    return _settlement_index()[0].get(geonameid)


def controllers_from_snapshot(
    snapshot: ControlSnapshot, settlements: Sequence[Settlement]
) -> dict[int, str]:
    """Controller of every settlement by point in polygon; outside every layer means UA."""
    points = shapely.points([(s.lon, s.lat) for s in settlements])
    result = {s.geonameid: "UA" for s in settlements}
    # Later statuses win where layers overlap: contested/unknown marks override occupation.
    for status in ("liberated", "occupied_pre2022", "occupied", "unknown", "contested"):
        layer = snapshot.layers.get(status)
        if layer is None or layer.is_empty:
            continue
        shapely.prepare(layer)
        inside = shapely.contains_xy(layer, shapely.get_x(points), shapely.get_y(points))
        for settlement, hit in zip(settlements, inside):
            if hit:
                result[settlement.geonameid] = STATUS_CONTROLLER[status]
    return result


HELD_BY = {
    "ukraine": "UA",
    "russia": "RU",
    "donetsk pr": "RU",
    "luhansk pr": "RU",
    "dpr": "RU",
    "lpr": "RU",
    "contested": "contested",
}


@dataclass
class ListEntry:
    """One row of a settlement control list, matched to GeoNames."""

    settlement: Settlement
    controller: str
    as_of: str
    row_name: str


def read_settlement_list(path: Path, warnings: list[str] | None = None) -> list[ListEntry]:
    """Rows ``Name, Held by, Lat, Lon[, As of]`` matched to the nearest GeoNames settlement.

    Unknown "Held by" values and rows without coordinates or a settlement within 5 km become
    warnings.
    """
    warnings = warnings if warnings is not None else []
    entries = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            held = HELD_BY.get((row.get("Held by") or "").strip().lower())
            try:
                lat, lon = float(row.get("Lat") or ""), float(row.get("Lon") or "")
            except ValueError:
                warnings.append(f"{path}:{line}: no coordinates for {row.get('Name')!r}")
                continue
            if held is None:
                warnings.append(f"{path}:{line}: unknown 'Held by' {row.get('Held by')!r}")
                continue
            settlement = nearest_settlement(lat, lon)
            if settlement is None:
                warnings.append(f"{path}:{line}: no GeoNames settlement near {row.get('Name')!r}")
                continue
            entries.append(ListEntry(settlement, held, (row.get("As of") or "").strip(), row.get("Name", "")))
    return entries


# ---------------------------------------------------------------- the control model

CONTROL_EVENT_TYPES = ("capture", "withdrawal", "advance")
APPLY_THRESHOLD = 0.5  # certainty midpoint at or above which an event moves control
CONTESTED_THRESHOLD = 0.2  # below APPLY but at least this: the place is marked contested


@dataclass
class ControlChange:
    date: dt.date
    controller: str
    basis: str  # "map:<publisher>", "list:<name>", "event"
    probability: float = 1.0
    evidence: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class SettlementSeries:
    settlement: Settlement
    changes: list[ControlChange] = field(default_factory=list)

    def controller_at(self, date: dt.date) -> str:
        dates = [c.date for c in self.changes]
        index = bisect.bisect_right(dates, date)
        return self.changes[index - 1].controller if index else "unknown"

    def change_at(self, date: dt.date) -> ControlChange | None:
        dates = [c.date for c in self.changes]
        index = bisect.bisect_right(dates, date)
        return self.changes[index - 1] if index else None


@dataclass
class ControlObservation:
    """A dated statement of who holds one settlement, from a baseline or an event."""

    date: dt.date
    geonameid: int
    controller: str
    basis: str
    probability: float = 1.0
    evidence: list[dict[str, Any]] = field(default_factory=list)
    only_if_not: str | None = None  # advance: contested unless already held by this side

    @property
    def is_event(self) -> bool:
        return self.basis == "event"


def observations_from_event(event: dict[str, Any]) -> list[ControlObservation]:
    """What a stored event (``models.Event`` as JSON) says about control, if anything.

    capture by X → X holds the place; withdrawal of X → the other side holds it; advance of X
    into a place → contested unless X already holds it. Negated, unasserted, ordered or
    planned events, events without a settlement and events placed only by the report's focus
    are ignored; an event over an interval counts from its end; a certainty below 0.5 only
    marks the place contested.
    """
    kind = event.get("type")
    side = event.get("initiator_side")
    if kind not in CONTROL_EVENT_TYPES or side not in OPPOSITE_SIDE:
        return []
    if not event.get("asserted", True) or event.get("stance") in ("negated", "dismissed"):
        return []
    # Only what happened (not what was ordered, planned or denied), at a place the event's own
    # words name (a report's focus place is where the report is about, not where this happened).
    if event.get("modality", "actual") != "actual" or event.get("place_from", "mention") != "mention":
        return []
    certainty = event.get("certainty") or {}
    if certainty.get("negated"):
        return []
    probability = (float(certainty.get("p_low", 1.0)) + float(certainty.get("p_high", 1.0))) / 2
    # An event over an interval ("liberated since the start of the month") is only known to
    # have happened by the interval's end.
    date = event.get("date_end") or event.get("date_start")
    settlement = _event_settlement(event.get("place") or {})
    if settlement is None or not date or probability < CONTESTED_THRESHOLD:
        return []
    if kind == "advance" or probability < APPLY_THRESHOLD:
        controller, only_if_not = "contested", side
    else:
        controller = side if kind == "capture" else OPPOSITE_SIDE[side]
        only_if_not = None
    evidence = {
        "event_id": event.get("id"),
        "type": kind,
        "source": event.get("source", ""),
        "text": event.get("text", ""),
        "start": event.get("start"),
        "end": event.get("end"),
        "report_id": event.get("report_id", ""),
        "date": str(date)[:10],
        "probability": round(probability, 3),
    }
    return [
        ControlObservation(
            dt.date.fromisoformat(str(date)[:10]), settlement.geonameid, controller, "event",
            probability, [evidence], only_if_not,
        )
    ]


def _event_settlement(place: dict[str, Any]) -> Settlement | None:
    """The settlement an event happened in; region-level places do not move control."""
    if place.get("feature", "settlement") != "settlement":
        return None
    if place.get("geonameid"):
        found = settlement_by_id(int(place["geonameid"]))
        if found:
            return found
    if place.get("lat") is not None and place.get("lon") is not None and place.get("country_code", "UA") in ("UA", ""):
        return nearest_settlement(float(place["lat"]), float(place["lon"]), max_km=2.0)
    return None


def observations_from_snapshot(
    snapshot: ControlSnapshot, settlements: Sequence[Settlement]
) -> list[ControlObservation]:
    basis = f"map:{snapshot.publisher}"
    evidence = [{"snapshot": snapshot.publisher, "date": snapshot.date.isoformat()}]
    return [
        ControlObservation(snapshot.date, gid, controller, basis, 1.0, evidence)
        for gid, controller in controllers_from_snapshot(snapshot, settlements).items()
    ]


def observations_from_list(entries: Iterable[ListEntry], date: dt.date, name: str) -> list[ControlObservation]:
    return [
        ControlObservation(
            date, e.settlement.geonameid, e.controller, f"list:{name}", 1.0,
            [{"list": name, "row": e.row_name, "as_of": e.as_of}],
        )
        for e in entries
    ]


def build_series(
    observations: Iterable[ControlObservation], settlements: Sequence[Settlement]
) -> dict[int, SettlementSeries]:
    """Per settlement, the controller changes implied by the observations in date order.

    On one day, events come first and baselines (maps, lists) after them, so that a map of
    that day has the last word; among same-day events the most certain wins. Only changes are
    kept: an observation that repeats the current controller adds its evidence to the change
    that set it only when it is an event (corroboration).
    """
    by_id = {s.geonameid: SettlementSeries(s) for s in settlements}
    ordered = sorted(observations, key=lambda o: (o.date, not o.is_event, -o.probability))
    decided: set[tuple[int, dt.date]] = set()
    for obs in ordered:
        series = by_id.get(obs.geonameid)
        if series is None:
            continue
        current = series.change_at(obs.date)
        controller = obs.controller
        if obs.only_if_not and current is not None and current.controller == obs.only_if_not:
            continue
        if obs.is_event and (obs.geonameid, obs.date) in decided:
            if current is not None and current.controller == controller:
                current.evidence.extend(obs.evidence)
            continue
        if obs.is_event:
            decided.add((obs.geonameid, obs.date))
        if current is not None and current.controller == controller:
            if obs.is_event:
                current.evidence.extend(obs.evidence)
            continue
        series.changes.append(ControlChange(obs.date, controller, obs.basis, obs.probability, list(obs.evidence)))
    return by_id


def changed_between(
    series: dict[int, SettlementSeries], start: dt.date, end: dt.date
) -> list[tuple[SettlementSeries, str, str, ControlChange]]:
    """Settlements whose controller on ``end`` differs from that on ``start``.

    A change from ``unknown`` counts only when an event made it (a capture of a settlement
    nobody mapped is a change the evidence supports; a first map after ``start`` is not).
    """
    result = []
    for item in series.values():
        before, after = item.controller_at(start), item.controller_at(end)
        change = item.change_at(end)
        if change is None or before == after:
            continue
        if before != "unknown" or change.basis == "event":
            result.append((item, before, after, change))
    return result


# ---------------------------------------------------------------- store access


def save_snapshot(session: Any, snapshot: ControlSnapshot) -> int:
    """Store a snapshot (replacing the publisher's earlier import of the same day)."""
    from frontwatch.store.control_tables import replace_snapshot

    layers = [
        {
            "status": status,
            "area_km2": round(geo.area_km2(layer), 3),
            "n_features": snapshot.counts.get(status, 0),
            "labels": snapshot.labels.get(status, []),
            "geometry": geo.geometry_to_geojson(layer),
        }
        for status, layer in snapshot.layers.items()
    ]
    return replace_snapshot(
        session, snapshot.date, snapshot.publisher, snapshot.origin, snapshot.warnings, layers
    )


def _snapshot_from_row(session: Any, row: Any) -> ControlSnapshot:
    from frontwatch.store.control_tables import snapshot_layers

    snapshot = ControlSnapshot(row.date, row.publisher, row.origin, warnings=list(row.warnings or []))
    for layer in snapshot_layers(session, row.id):
        snapshot.layers[layer.status] = geo.geometry_from_geojson(layer.geometry)
        snapshot.labels[layer.status] = list(layer.labels or [])
        snapshot.counts[layer.status] = layer.n_features
    return snapshot


def load_snapshot(
    session: Any, date: dt.date, publisher: str | None = None, max_age_days: int = 3
) -> ControlSnapshot | None:
    """The stored snapshot of ``date`` (or the latest up to ``max_age_days`` before it)."""
    from frontwatch.store.control_tables import snapshot_on_or_before

    row = snapshot_on_or_before(session, date, publisher, max_age_days)
    return _snapshot_from_row(session, row) if row is not None else None


def load_all_snapshots(session: Any, publisher: str | None = None) -> list[ControlSnapshot]:
    from frontwatch.store.control_tables import list_snapshots

    return [_snapshot_from_row(session, row) for row in list_snapshots(session, publisher)]


def save_settlement_list(session: Any, entries: list[ListEntry], date: dt.date, name: str) -> None:
    from frontwatch.store.control_tables import replace_settlement_rows

    rows = [
        {
            "date": date, "geonameid": o.geonameid, "name": settlement_by_id(o.geonameid).name,
            "controller": o.controller, "probability": 1.0, "evidence": o.evidence,
        }
        for o in observations_from_list(entries, date, name)
    ]
    replace_settlement_rows(session, f"list:{name}", rows)


def load_control_events(session: Any) -> list[dict[str, Any]]:
    """Stored capture/withdrawal/advance events (full records) with their report id."""
    from sqlalchemy import select

    from frontwatch.store.schema import EventRow

    rows = session.scalars(
        select(EventRow).where(
            EventRow.type.in_(CONTROL_EVENT_TYPES), EventRow.merged_into.is_(None)
        )
    )
    return [{**(row.data or {}), "id": row.id, "report_id": row.report_id} for row in rows]


def model_series(session: Any, publisher: str | None = None) -> dict[int, SettlementSeries]:
    """The settlement control model from everything stored: maps, lists and events."""
    from frontwatch.store.control_tables import settlement_rows

    settlements = ua_settlements()
    observations: list[ControlObservation] = []
    for snapshot in load_all_snapshots(session, publisher):
        observations.extend(observations_from_snapshot(snapshot, settlements))
    for row in settlement_rows(session, "list:"):
        observations.append(
            ControlObservation(row.date, row.geonameid, row.controller, row.basis, row.probability, list(row.evidence or []))
        )
    for event in load_control_events(session):
        observations.extend(observations_from_event(event))
    return build_series(observations, settlements)


def save_model_series(session: Any, series: dict[int, SettlementSeries]) -> int:
    """Persist the model's changes (basis ``model``) so other readers need not recompute."""
    from frontwatch.store.control_tables import replace_settlement_rows

    rows = [
        {
            "date": change.date, "geonameid": gid, "name": item.settlement.name,
            "controller": change.controller, "probability": change.probability,
            "evidence": [{"basis": change.basis}, *change.evidence],
        }
        for gid, item in series.items()
        for change in item.changes
    ]
    replace_settlement_rows(session, "model", rows)
    return len(rows)
