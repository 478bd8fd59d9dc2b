"""How well the settlement model measures ground changing hands (Kharkiv, September 2022).

Reference: DeepStateMap polygons (Russian-held area, equal-area projection) and Liveuamap's
daily area series. The model is fed (a) DeepState itself reduced to settlements (point in
polygon: isolates the Voronoi approximation) and (b) Wikipedia's settlement control lists of
2022-09-05 and 2022-09-12 (an independent, sparse baseline).
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

from frontwatch.analysis import areas, control

KHARKIV_WINDOWS = ((dt.date(2022, 9, 6), dt.date(2022, 9, 11)), (dt.date(2022, 9, 5), dt.date(2022, 9, 12)))


def _deepstate(folder: Path, day: dt.date) -> control.ControlSnapshot:
    return control.read_snapshot([folder / "deepstate" / f"deepstate-{day}.geojson.gz"], day, "deepstate")


def liveuamap_change(path: Path, start: dt.date, end: dt.date) -> float | None:
    """Change of Liveuamap's Russian-held km² between two days (None if a day is missing)."""
    series: dict[dt.date, float] = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            try:
                series[dt.date.fromisoformat(row["date"][:10])] = float(row["area"])
            except (KeyError, ValueError):
                continue
    if start not in series or end not in series:
        return None
    return round(series[end] - series[start], 1)


def _row(method: str, start: dt.date, end: dt.date, value: float, reference: float | None) -> dict[str, Any]:
    # Signed error of the magnitude: negative = less ground changed hands than on DeepState.
    error = None if not reference else round(100 * (abs(value) - abs(reference)) / abs(reference), 1)
    return {"method": method, "start": start.isoformat(), "end": end.isoformat(),
            "ru_held_change_km2": round(value, 1), "error_pct": error}


def evaluate_kharkiv_window(folder: Path) -> dict[str, Any]:
    """Rows of (method, window, Russian-held change km², error vs DeepState polygons)."""
    settlements = control.ua_settlements()
    rows = []
    for start, end in KHARKIV_WINDOWS:
        first, last = _deepstate(folder, start), _deepstate(folder, end)
        reference = areas.snapshot_change(first, last).figures["russian_held_change_km2"]
        rows.append(_row("DeepStateMap polygons (reference)", start, end, reference, None))
        live = liveuamap_change(folder / "liveuamap-territory-area.csv", start, end)
        if live is not None:
            rows.append(_row("Liveuamap area series", start, end, live, reference))
        observations = [o for s in (first, last) for o in control.observations_from_snapshot(s, settlements)]
        series = control.build_series(observations, settlements)
        model = areas.model_change(series, start, end).figures["ru_held_change_km2"]
        rows.append(_row("settlement model, DeepState point-in-polygon baselines", start, end, model, reference))
    start, end = KHARKIV_WINDOWS[1]
    reference = next(r["ru_held_change_km2"] for r in rows if r["start"] == start.isoformat())
    observations = []
    for day in (start, end):
        path = folder / f"wikipedia-settlement-control-{day}.csv"
        entries = control.read_settlement_list(path)
        observations += control.observations_from_list(entries, day, path.stem)
    series = control.build_series(observations, settlements)
    for label, only in (("all settlements' cells", None), ("cells of listed settlements", areas.known_settlements(series, start, end))):
        model = areas.model_change(series, start, end, only).figures["ru_held_change_km2"]
        rows.append(_row(f"settlement model, Wikipedia lists, {label}", start, end, model, reference))
    return {"rows": rows}
