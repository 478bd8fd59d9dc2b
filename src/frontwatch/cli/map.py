"""``frontwatch map``: a control map of one day as PNG, SVG or GeoJSON."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import typer

from frontwatch.cli.app import app, parse_date_option

# Okabe–Ito colours (safe for the common colour-vision deficiencies).
STATUS_COLOURS = {
    "occupied": "#D55E00",
    "occupied_pre2022": "#8C3B00",
    "contested": "#F0E442",
    "unknown": "#BBBBBB",
    "liberated": "#56B4E9",
}
CONTROLLER_COLOURS = {"UA": "#0072B2", "RU": "#D55E00", "contested": "#E69F00", "unknown": "#777777"}
EVENT_WINDOW_DAYS = 7


@dataclass
class MapData:
    date: dt.date
    snapshot: Any | None
    settlements: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    previous: Any | None = None  # the snapshot a week earlier, to show what changed hands

    def week_change(self) -> tuple[Any, Any] | None:
        """Ground retaken by Ukraine / taken by Russia since the previous snapshot (lon/lat)."""
        if self.snapshot is None or self.previous is None or self.previous.date >= self.snapshot.date:
            return None
        before, after = self.previous.russian_held, self.snapshot.russian_held
        return before.difference(after), after.difference(before)


def collect(session: Any, date: dt.date) -> MapData:
    """The snapshot of the day, each settlement's controller, and located events of the week."""
    from frontwatch.analysis.control import load_control_events, load_snapshot, model_series

    series = model_series(session)
    settlements = []
    for item in series.values():
        change = item.change_at(date)
        settlements.append({
            "geonameid": item.settlement.geonameid, "name": item.settlement.name,
            "lat": item.settlement.lat, "lon": item.settlement.lon,
            "controller": change.controller if change else "unknown",
            "by_event": bool(change and change.basis == "event"),
        })
    events = []
    for event in load_control_events(session) + _other_located_events(session):
        place, day = event.get("place") or {}, event.get("date_start")
        if place.get("lat") is None or not day:
            continue
        if 0 <= (date - dt.date.fromisoformat(str(day)[:10])).days <= EVENT_WINDOW_DAYS:
            events.append({"id": event["id"], "type": event.get("type"), "lat": place["lat"], "lon": place["lon"],
                           "place": place.get("name", ""), "side": event.get("initiator_side", "unknown")})
    snapshot = load_snapshot(session, date)
    previous = load_snapshot(session, date - dt.timedelta(days=EVENT_WINDOW_DAYS), snapshot.publisher) if snapshot else None
    return MapData(date, snapshot, settlements, events, previous)


def _other_located_events(session: Any) -> list[dict[str, Any]]:
    from sqlalchemy import select

    from frontwatch.analysis.control import CONTROL_EVENT_TYPES
    from frontwatch.store.schema import EventRow

    rows = session.scalars(select(EventRow).where(EventRow.lat.is_not(None), EventRow.type.not_in(CONTROL_EVENT_TYPES)))
    return [{**(row.data or {}), "id": row.id} for row in rows]


def to_geojson(data: MapData) -> dict[str, Any]:
    import shapely

    from frontwatch.analysis import geo

    features: list[tuple[Any, dict[str, Any]]] = []
    if data.snapshot is not None:
        features += [(layer, {"layer": "control", "status": status, "publisher": data.snapshot.publisher,
                              "snapshot_date": data.snapshot.date.isoformat()})
                     for status, layer in data.snapshot.layers.items()]
    features += [(shapely.Point(s["lon"], s["lat"]), {"layer": "settlement", **s}) for s in data.settlements
                 if s["controller"] != "unknown"]
    features += [(shapely.Point(e["lon"], e["lat"]), {"layer": "event", **e}) for e in data.events]
    return geo.feature_collection(features)


def render(data: MapData, out: Path) -> None:
    """The country (left) and a close-up of the week's fighting (right), with matplotlib (Agg):
    map layers, what changed hands in the week, settlements by controller, located events."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Rectangle

    from frontwatch.analysis import geo

    figure, (country, close) = plt.subplots(1, 2, figsize=(16, 8.2), dpi=110, gridspec_kw={"width_ratios": [1.45, 1]})
    _frame(country, geo.country_outline().bounds, pad=0.3)  # limits first: labels are placed by them
    handles = _draw_layers(country, data, dot_size=1.5, labels=False)
    for _, name, outline in geo.oblast_outlines():
        point = outline.representative_point()
        country.annotate(name.replace(" Oblast", ""), (point.x, point.y), fontsize=6, color="#666666", ha="center")
    source = f"map: {data.snapshot.publisher} {data.snapshot.date}" if data.snapshot else "no imported map for this date"
    country.set_title(f"Territorial control, {data.date.isoformat()} ({source})")
    box = focus_bounds(data)
    if box is None:
        close.axis("off")
        close.text(0.5, 0.5, f"No control events or map changes in the {EVENT_WINDOW_DAYS} days up to {data.date}",
                   ha="center", va="center", transform=close.transAxes)
    else:
        _frame(close, box, pad=0.0)
        _draw_layers(close, data, dot_size=9, labels=True)
        close.set_title(f"The {EVENT_WINDOW_DAYS} days up to {data.date}: close-up")
        country.add_patch(Rectangle((box[0], box[1]), box[2] - box[0], box[3] - box[1], fill=False,
                                    edgecolor="black", linestyle="--", linewidth=1.0, zorder=7))
    figure.legend(handles=handles, loc="lower center", ncol=4, fontsize=8, framealpha=0.9)
    figure.text(0.99, 0.005, "Outlines: Natural Earth (country), GeoNames-derived (oblasts, approximate)",
                ha="right", fontsize=6, color="#666666")
    figure.tight_layout(rect=(0, 0.07, 1, 1))
    figure.savefig(out)
    plt.close(figure)


def _draw_layers(axes: Any, data: MapData, dot_size: float, labels: bool) -> list[Any]:
    """Everything drawn on one panel; returns the legend handles."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    from frontwatch.analysis import geo

    handles: list[Any] = []
    for _, _, outline in geo.oblast_outlines():
        _draw(axes, outline, facecolor="none", edgecolor="#9a9a9a", linewidth=0.4)
    if data.snapshot is not None:
        for status in STATUS_COLOURS:
            layer = data.snapshot.layers.get(status)
            if layer is not None and not layer.is_empty:
                _draw(axes, layer, facecolor=STATUS_COLOURS[status], edgecolor="none", alpha=0.55)
                handles.append(Patch(facecolor=STATUS_COLOURS[status], alpha=0.55,
                                     label=f"{status.replace('_', ' ')} ({data.snapshot.publisher} {data.snapshot.date})"))
    change = data.week_change()
    if change is not None:
        for geometry, colour, who in ((change[0], CONTROLLER_COLOURS["UA"], "Ukraine"), (change[1], CONTROLLER_COLOURS["RU"], "Russia")):
            if geo.area_km2(geometry) >= 1:
                _draw(axes, geometry, facecolor="none", edgecolor=colour, hatch="////", linewidth=0.6, zorder=2)
                handles.append(Patch(facecolor="none", edgecolor=colour, hatch="////",
                                     label=f"taken by {who} since {data.previous.date} ({geo.area_km2(geometry):,.0f} km²)"))
    _draw(axes, geo.country_outline(), facecolor="none", edgecolor="#222222", linewidth=1.0)
    for controller, colour in CONTROLLER_COLOURS.items():
        chosen = [s for s in data.settlements if s["controller"] == controller]
        if not chosen or controller == "unknown":
            continue
        # A white rim keeps blue dots visible on the light-blue "liberated" layer.
        axes.scatter([s["lon"] for s in chosen], [s["lat"] for s in chosen], s=dot_size, color=colour, alpha=0.8,
                     edgecolors="white", linewidths=0.5 if labels else 0, zorder=3)
        handles.append(Line2D([], [], marker="o", linestyle="", color=colour, markersize=4, label="contested settlement" if controller == "contested" else f"settlement held by {controller}"))
    by_event = [s for s in data.settlements if s["by_event"]]
    for settlement in by_event:
        axes.scatter(settlement["lon"], settlement["lat"], s=45, color=CONTROLLER_COLOURS[settlement["controller"]],
                     edgecolors="black", linewidths=0.9, zorder=5)
        axes.annotate(settlement["name"], (settlement["lon"], settlement["lat"]), **_label_side(axes, settlement["lon"]),
                      textcoords="offset points", fontsize=9 if labels else 7, fontweight="bold" if labels else "normal",
                      zorder=6, clip_on=True)
    if by_event:
        handles.append(Line2D([], [], marker="o", linestyle="", color="white", markeredgecolor="black",
                              markersize=6, label="control set by a reported event"))
    if data.events:
        axes.scatter([e["lon"] for e in data.events], [e["lat"] for e in data.events], marker="x", s=30,
                     color="black", linewidths=1.0, zorder=6)
        handles.append(Line2D([], [], marker="x", linestyle="", color="black", label=f"event, last {EVENT_WINDOW_DAYS} days"))
    if labels:
        named = {s["name"] for s in by_event}
        for event in {e["place"]: e for e in data.events if e["place"] and e["place"] not in named}.values():
            axes.annotate(event["place"], (event["lon"], event["lat"]), xytext=(4, -9), textcoords="offset points",
                          fontsize=7, color="#333333", zorder=6, clip_on=True)
    return handles


def _label_side(axes: Any, lon: float) -> dict[str, Any]:
    """Labels near the right edge of the view go to the left of their point."""
    left, right = axes.get_xlim() if axes.get_autoscalex_on() is False else (None, None)
    if right is not None and lon > right - 0.15 * (right - left):
        return {"xytext": (-5, 4), "ha": "right"}
    return {"xytext": (5, 4), "ha": "left"}


def focus_bounds(data: MapData, radius_deg: float = 2.0) -> tuple[float, float, float, float] | None:
    """Where the week happened: the ground that changed hands on the maps, else the densest
    cluster of located events (isolated, possibly misplaced events do not stretch the view)."""
    import shapely

    from frontwatch.analysis import geo

    change = data.week_change()
    parts = shapely.get_parts(geo.polygonal(shapely.union_all(change))) if change is not None else []
    sizes = [geo.area_km2(part) for part in parts]
    if sizes and sum(sizes) >= 50:
        # The main areas of change, not every sliver redrawn somewhere along the front.
        main = [part for part, km2 in zip(parts, sizes) if km2 >= 0.05 * sum(sizes)]
        minx, miny, maxx, maxy = shapely.union_all(main).bounds
    elif data.events:
        points = [(e["lon"], e["lat"]) for e in data.events]
        near = [[q for q in points if abs(q[0] - p[0]) <= radius_deg and abs(q[1] - p[1]) <= radius_deg] for p in points]
        cluster = max(near, key=len)
        minx, maxx = min(q[0] for q in cluster), max(q[0] for q in cluster)
        miny, maxy = min(q[1] for q in cluster), max(q[1] for q in cluster)
    else:
        return None
    # At least 3° × 2°, padded, and wider than tall as the panel is.
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    half_w, half_h = max((maxx - minx) / 2 + 0.6, 1.5), max((maxy - miny) / 2 + 0.4, 1.0)
    return cx - half_w, cy - half_h, cx + half_w, cy + half_h


def _frame(axes: Any, bounds: tuple[float, float, float, float], pad: float) -> None:
    minx, miny, maxx, maxy = bounds
    axes.set_xlim(minx - pad, maxx + pad)
    axes.set_ylim(miny - pad, maxy + pad)
    axes.set_aspect(1 / 0.66)  # ~1/cos(48.5°): degrees of longitude are shorter here
    axes.set_xlabel("longitude")
    axes.set_ylabel("latitude")


def _draw(axes: Any, geometry: Any, **style: Any) -> None:
    import shapely
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MplPath

    from frontwatch.analysis import geo

    for polygon in shapely.get_parts(geo.polygonal(geometry)):
        rings = [polygon.exterior, *polygon.interiors]
        vertices, codes = [], []
        for ring in rings:
            coords = list(ring.coords)
            vertices += coords
            codes += [MplPath.MOVETO] + [MplPath.LINETO] * (len(coords) - 2) + [MplPath.CLOSEPOLY]
        axes.add_patch(PathPatch(MplPath(vertices, codes), **style))


@app.command("map")
def map_command(
    date: str = typer.Option(..., "--date", help="Day to draw (YYYY-MM-DD)."),
    out: Path = typer.Option(..., "--out", help="Output file: .png, .svg or .geojson."),
    db: Optional[str] = typer.Option(None, "--db", help="Database URL or SQLite path (default: FRONTWATCH_DB or the user data file)."),
) -> None:
    """Draw territorial control on a day: imported map layers, settlements coloured by
    controller, located events of the past week, over country and oblast outlines.

    Example: frontwatch map --date 2022-09-11 --out control-2022-09-11.png
    """
    from frontwatch.store.db import session_scope


    day = parse_date_option(date, "--date")
    suffix = out.suffix.lower()
    if suffix not in (".png", ".svg", ".geojson", ".json"):
        raise typer.BadParameter("use a .png, .svg or .geojson file name", param_hint="--out")
    with session_scope(db) as session:
        data = collect(session, day)
    if suffix in (".geojson", ".json"):
        out.write_text(json.dumps(to_geojson(data), ensure_ascii=False), encoding="utf-8")
    else:
        render(data, out)
    typer.echo(f"wrote {out}")
