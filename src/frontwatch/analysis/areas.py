"""How much ground: areas of control maps and of the settlement model, and their changes.

Map areas are the unioned status layers measured in the equal-area plane (``geo``).
The settlement model has no polygons, so each GeoNames settlement stands for its Voronoi
cell (the ground nearer to it than to any other settlement), clipped to the country outline;
ground that changed hands between two dates is the union of the cells of settlements whose
controller changed. Known bias (docs/control.md): cells of sparse rural settlements are large,
so one village flipping can move hundreds of km²; cells along the border and the coast run to
the outline; and a settlement-only view misses empty ground fought over between villages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry

from frontwatch.analysis import geo
from frontwatch.analysis.control import (
    ControlSnapshot,
    SettlementSeries,
    changed_between,
    settlement_plane_xy,
    ua_settlements,
)

CHANGE_DIRECTIONS = ("to_UA", "to_RU", "to_contested", "to_unknown")


def snapshot_areas(snapshot: ControlSnapshot) -> dict[str, float]:
    """km² per status layer, plus everything Russian-held (occupied ∪ occupied before 2022)."""
    areas = {f"{status}_km2": geo.area_km2(layer) for status, layer in snapshot.layers.items()}
    for status in ("occupied", "contested"):
        areas.setdefault(f"{status}_km2", 0.0)
    areas["russian_held_km2"] = geo.area_km2(snapshot.russian_held)
    return {k: round(v, 1) for k, v in sorted(areas.items())}


@dataclass
class MapChange:
    """Difference between two snapshots of one publisher."""

    start: ControlSnapshot
    end: ControlSnapshot
    figures: dict[str, float]
    gained_by_ua: BaseGeometry  # Russian-held at start, not at end
    gained_by_ru: BaseGeometry  # Russian-held at end, not at start


def snapshot_change(start: ControlSnapshot, end: ControlSnapshot) -> MapChange:
    before, after = snapshot_areas(start), snapshot_areas(end)
    held_before, held_after = start.russian_held, end.russian_held
    to_ua = held_before.difference(held_after)
    to_ru = held_after.difference(held_before)
    figures = {
        "occupied_change_km2": round(after["occupied_km2"] - before["occupied_km2"], 1),
        "contested_change_km2": round(after["contested_km2"] - before["contested_km2"], 1),
        "russian_held_change_km2": round(after["russian_held_km2"] - before["russian_held_km2"], 1),
        "gained_by_ua_km2": round(geo.area_km2(to_ua), 1),
        "gained_by_ru_km2": round(geo.area_km2(to_ru), 1),
    }
    return MapChange(start, end, figures, geo.polygonal(to_ua), geo.polygonal(to_ru))


# ---------------------------------------------------------------- settlement model


@cache
def settlement_cells(
    only: frozenset[int] | None = None,
) -> tuple[dict[int, BaseGeometry], dict[int, float]]:
    """Voronoi cell (equal-area plane) and its km² per UA settlement (or per ``only``)."""
    settlements = [s for s in ua_settlements() if only is None or s.geonameid in only]
    country = geo.to_equal_area(geo.country_outline())
    cells = geo.voronoi_cells(settlement_plane_xy(settlements), country)
    by_id = {s.geonameid: cell for s, cell in zip(settlements, cells)}
    return by_id, {gid: float(cell.area) / 1e6 for gid, cell in by_id.items()}


def cells_union(geonameids: list[int], only: frozenset[int] | None = None) -> BaseGeometry:
    """Union of the settlements' cells, in lon/lat."""
    cells, _ = settlement_cells(only)
    parts = [cells[g] for g in geonameids if g in cells and not cells[g].is_empty]
    return geo.to_lonlat(shapely.union_all(parts)) if parts else shapely.Polygon()


def model_areas(series: dict[int, SettlementSeries], date: dt.date) -> dict[str, float]:
    """km² held by each controller on ``date`` according to the settlement model."""
    _, cell_km2 = settlement_cells()
    totals = {f"{c}_km2": 0.0 for c in ("UA", "RU", "contested", "unknown")}
    for gid, item in series.items():
        totals[f"{item.controller_at(date)}_km2"] += cell_km2.get(gid, 0.0)
    return {k: round(v, 1) for k, v in totals.items()}


@dataclass
class ModelChange:
    """Ground that changed hands between two dates according to the settlement model."""

    start: dt.date
    end: dt.date
    figures: dict[str, float]
    geometry: dict[str, BaseGeometry]  # direction → union of cells (lon/lat)
    settlements: list[dict[str, Any]] = field(default_factory=list)


def known_settlements(series: dict[int, SettlementSeries], *dates: dt.date) -> frozenset[int]:
    """Settlements whose controller is known on every one of ``dates``."""
    return frozenset(
        gid for gid, item in series.items()
        if all(item.controller_at(d) != "unknown" for d in dates)
    )


def model_change(
    series: dict[int, SettlementSeries],
    start: dt.date,
    end: dt.date,
    only: frozenset[int] | None = None,
) -> ModelChange:
    """Cells of settlements whose controller changed; ``only`` restricts the Voronoi
    tessellation to those settlements (e.g. the ones a settlement list covers)."""
    _, cell_km2 = settlement_cells(only)
    by_direction: dict[str, list[int]] = {d: [] for d in CHANGE_DIRECTIONS}
    rows = []
    for item, before, after, change in changed_between(series, start, end):
        gid = item.settlement.geonameid
        by_direction[f"to_{after}"].append(gid)
        rows.append({
            "geonameid": gid,
            "name": item.settlement.name,
            "lat": item.settlement.lat,
            "lon": item.settlement.lon,
            "from": before,
            "to": after,
            "date": change.date.isoformat(),
            "basis": change.basis,
            "probability": round(change.probability, 3),
            "cell_km2": round(cell_km2.get(gid, 0.0), 1),
            "evidence": change.evidence,
            "steps": [
                {"date": step.date.isoformat(), "controller": step.controller, "basis": step.basis,
                 "probability": round(step.probability, 3), "evidence": step.evidence}
                for step in item.changes if start < step.date <= end
            ],
        })
    figures = {
        f"{direction}_km2": round(sum(cell_km2.get(g, 0.0) for g in gids), 1)
        for direction, gids in by_direction.items()
    }
    figures["changed_km2"] = round(sum(figures.values()), 1)
    # The part a reported event stands behind (made the change, or corroborates a map's).
    figures["event_supported_km2"] = round(sum(r["cell_km2"] for r in rows if has_event_evidence(r)), 1)
    figures["ru_held_change_km2"] = round(figures["to_RU_km2"] - _left_km2(rows, "RU"), 1)
    geometry = {d: cells_union(gids, only) for d, gids in by_direction.items() if gids}
    rows.sort(key=lambda r: -r["cell_km2"])
    return ModelChange(start, end, figures, geometry, rows)


def has_event_evidence(row: dict[str, Any]) -> bool:
    return any(e.get("event_id") for step in row["steps"] for e in step["evidence"])


def _left_km2(rows: list[dict[str, Any]], controller: str) -> float:
    """km² of the cells that stopped being held by ``controller``."""
    return sum(r["cell_km2"] for r in rows if r["from"] == controller)


# ---------------------------------------------------------------- reports for the CLI and API

MIN_KNOWN_FOR_OWN_CELLS = 20


def model_cells_basis(series: dict[int, SettlementSeries], *dates: dt.date) -> frozenset[int] | None:
    """Which settlements to tessellate. A sparse baseline (a settlement list: fewer than half
    of all settlements known on both dates, but at least 20) gets cells of its own settlements,
    each standing for the ground around it; otherwise (maps, or events alone) all settlements'
    cells are used (None)."""
    known = known_settlements(series, *dates)
    if MIN_KNOWN_FOR_OWN_CELLS <= len(known) < len(series) / 2:
        return known
    return None


def area_report(session: Any, date: dt.date, publisher: str | None = None) -> tuple[dict[str, Any], dict[str, Any]]:
    """Areas held on ``date`` from the map (if any) and the settlement model, plus GeoJSON."""
    from frontwatch.analysis.control import load_snapshot, model_series

    snapshot = load_snapshot(session, date, publisher)
    series = model_series(session, publisher)
    model = {"method": "Voronoi cells of GeoNames settlements", "figures": model_areas(series, date)}
    report: dict[str, Any] = {"date": date.isoformat(), "map": None, "settlement_model": model}
    features: list[tuple[BaseGeometry, dict[str, Any]]] = []
    if snapshot is not None:
        figures = snapshot_areas(snapshot)
        report["map"] = {"publisher": snapshot.publisher, "snapshot_date": snapshot.date.isoformat(), "figures": figures}
        report.update(basis=f"map:{snapshot.publisher}", occupied_km2=figures["occupied_km2"],
                      contested_km2=figures["contested_km2"], russian_held_km2=figures["russian_held_km2"])
        features = [(layer, {"status": s, "publisher": snapshot.publisher, "date": snapshot.date.isoformat()})
                    for s, layer in snapshot.layers.items()]
    else:
        report.update(basis="settlement_model", occupied_km2=model["figures"]["RU_km2"],
                      contested_km2=model["figures"]["contested_km2"])
    return report, geo.feature_collection(features)


def change_report(
    session: Any, start: dt.date, end: dt.date, publisher: str | None = None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Change of occupied/contested area between two dates, map and model, plus the GeoJSON
    of the ground that changed hands (each feature says which method drew it)."""
    from frontwatch.analysis.control import load_snapshot, model_series

    series = model_series(session, publisher)
    only = model_cells_basis(series, start, end)
    change = model_change(series, start, end, only)
    method = "Voronoi cells of " + ("the settlements known on both dates" if only else "all GeoNames settlements")
    report: dict[str, Any] = {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "map": None,
        "settlement_model": {"method": method, "figures": change.figures, "settlements": change.settlements},
        "basis": "settlement_model",
        "occupied_change_km2": change.figures["ru_held_change_km2"],
        "contested_change_km2": round(change.figures["to_contested_km2"] - _left_km2(change.settlements, "contested"), 1),
    }
    features = [(g, {"method": "settlement_model", "direction": d}) for d, g in change.geometry.items()]
    first = load_snapshot(session, start, publisher)
    last = load_snapshot(session, end, publisher or (first.publisher if first else None))
    if first is not None and last is not None and first.date < last.date:
        diff = snapshot_change(first, last)
        report["map"] = {
            "publisher": first.publisher,
            "snapshot_dates": [first.date.isoformat(), last.date.isoformat()],
            "figures": diff.figures,
        }
        report.update(basis=f"map:{first.publisher}", occupied_change_km2=diff.figures["occupied_change_km2"],
                      contested_change_km2=diff.figures["contested_change_km2"])
        features += [(diff.gained_by_ua, {"method": f"map:{first.publisher}", "direction": "to_UA"}),
                     (diff.gained_by_ru, {"method": f"map:{first.publisher}", "direction": "to_RU"})]
    return report, geo.feature_collection(features)

