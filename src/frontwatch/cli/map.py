"""``frontwatch map``: a control map of one day as PNG, SVG or GeoJSON."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import typer

from frontwatch.cli.app import app

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
    return MapData(date, load_snapshot(session, date), settlements, events)


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
    """Draw outlines, control layers, settlements and events with matplotlib (Agg)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    from frontwatch.analysis import geo

    figure, axes = plt.subplots(figsize=(12, 8.5), dpi=110)
    for _, name, outline in geo.oblast_outlines():
        _draw(axes, outline, facecolor="none", edgecolor="#9a9a9a", linewidth=0.4)
        point = outline.representative_point()
        axes.annotate(name.replace(" Oblast", ""), (point.x, point.y), fontsize=6, color="#666666", ha="center")
    handles = []
    if data.snapshot is not None:
        for status in STATUS_COLOURS:
            layer = data.snapshot.layers.get(status)
            if layer is not None and not layer.is_empty:
                _draw(axes, layer, facecolor=STATUS_COLOURS[status], edgecolor="none", alpha=0.55)
                handles.append(Patch(facecolor=STATUS_COLOURS[status], alpha=0.55,
                                     label=f"{status.replace('_', ' ')} ({data.snapshot.publisher} {data.snapshot.date})"))
    _draw(axes, geo.country_outline(), facecolor="none", edgecolor="#222222", linewidth=1.0)
    for controller, colour in CONTROLLER_COLOURS.items():
        chosen = [s for s in data.settlements if s["controller"] == controller]
        if not chosen or controller == "unknown":
            continue
        axes.scatter([s["lon"] for s in chosen], [s["lat"] for s in chosen], s=2, color=colour, linewidths=0, zorder=3)
        handles.append(Line2D([], [], marker="o", linestyle="", color=colour, markersize=4, label=f"settlement held by {controller}"))
    for settlement in (s for s in data.settlements if s["by_event"]):
        axes.scatter(settlement["lon"], settlement["lat"], s=40, color=CONTROLLER_COLOURS[settlement["controller"]],
                     edgecolors="black", linewidths=0.8, zorder=5)
        axes.annotate(settlement["name"], (settlement["lon"], settlement["lat"]), xytext=(4, 4),
                      textcoords="offset points", fontsize=8, zorder=6)
    if data.events:
        axes.scatter([e["lon"] for e in data.events], [e["lat"] for e in data.events], marker="x", s=30,
                     color="black", linewidths=1.0, zorder=6)
        handles.append(Line2D([], [], marker="x", linestyle="", color="black", label=f"event, last {EVENT_WINDOW_DAYS} days"))
    minx, miny, maxx, maxy = geo.country_outline().bounds
    axes.set_xlim(minx - 0.3, maxx + 0.3)
    axes.set_ylim(miny - 0.3, maxy + 0.3)
    axes.set_aspect(1 / 0.66)  # ~1/cos(48.5°): degrees of longitude are shorter here
    axes.set_xlabel("longitude")
    axes.set_ylabel("latitude")
    source = f"map: {data.snapshot.publisher} {data.snapshot.date}" if data.snapshot else "no imported map for this date"
    axes.set_title(f"Territorial control, {data.date.isoformat()} ({source})")
    axes.legend(handles=handles, loc="lower left", fontsize=8, framealpha=0.9)
    figure.text(0.99, 0.01, "Outlines: Natural Earth (country), GeoNames-derived (oblasts, approximate)",
                ha="right", fontsize=6, color="#666666")
    figure.tight_layout()
    figure.savefig(out)
    plt.close(figure)


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

    from frontwatch.cli.control import parse_date_option

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
