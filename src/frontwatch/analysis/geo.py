"""Geometry plumbing for control analysis: reading map files, projecting, outlines.

Areas are measured in a Lambert azimuthal equal-area projection centred on Ukraine (areas
agree with EPSG:6933 and geodesic areas to ~0.01 %); Voronoi cells are built in the same plane
so that "nearest settlement" means nearest on the ground, not in degrees.

The country and oblast outlines are files under ``frontwatch/data/outlines/`` that
:func:`build_outlines` writes once from packaged sources (no download at run time):
the country from Natural Earth 1:10m admin-0 as redistributed by the npm package
``world-atlas`` (TopoJSON), the oblasts approximated from GeoNames settlements (see
``docs/control.md``).
"""

from __future__ import annotations

import gzip
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pyproj
import shapely
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry

EQUAL_AREA_CRS = "+proj=laea +lat_0=48.5 +lon_0=31.5 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs"
OUTLINES_DIR = Path(__file__).resolve().parents[1] / "data" / "outlines"
COUNTRY_FILE = "ukraine.geojson"
OBLASTS_FILE = "ukraine-oblasts.geojson"
UKRAINE_NUMERIC_ISO = "804"
# Crimea and Sevastopol: whichever admin-0 polygon a source files them under, they are Ukraine.
# The box ends at the Kerch Strait (36.65°E); Russian land touching that edge is Taman.
CRIMEA_BBOX = (32.4, 44.3, 36.65, 46.3)

# GeoNames admin1 codes for Ukraine (admin1CodesASCII, UA.01 ... UA.27).
UA_ADMIN1_NAMES = {
    "01": "Cherkasy Oblast", "02": "Chernihiv Oblast", "03": "Chernivtsi Oblast",
    "04": "Dnipropetrovsk Oblast", "05": "Donetsk Oblast", "06": "Ivano-Frankivsk Oblast",
    "07": "Kharkiv Oblast", "08": "Kherson Oblast", "09": "Khmelnytskyi Oblast",
    "10": "Kirovohrad Oblast", "11": "Autonomous Republic of Crimea", "12": "Kyiv City",
    "13": "Kyiv Oblast", "14": "Luhansk Oblast", "15": "Lviv Oblast", "16": "Mykolaiv Oblast",
    "17": "Odesa Oblast", "18": "Poltava Oblast", "19": "Rivne Oblast", "20": "Sevastopol",
    "21": "Sumy Oblast", "22": "Ternopil Oblast", "23": "Vinnytsia Oblast", "24": "Volyn Oblast",
    "25": "Zakarpattia Oblast", "26": "Zaporizhzhia Oblast", "27": "Zhytomyr Oblast",
}


@dataclass
class MapFeature:
    """One geometry read from a map file, with the label its publisher gave it."""

    label: str
    geometry: BaseGeometry
    properties: dict[str, Any] = field(default_factory=dict)


# ---------------------------------------------------------------- projection and area


@cache
def _transformer(inverse: bool = False) -> pyproj.Transformer:
    src, dst = ("EPSG:4326", EQUAL_AREA_CRS) if not inverse else (EQUAL_AREA_CRS, "EPSG:4326")
    return pyproj.Transformer.from_crs(src, dst, always_xy=True)


def _apply(transformer: pyproj.Transformer) -> Callable[[np.ndarray], np.ndarray]:
    def project(coords: np.ndarray) -> np.ndarray:
        x, y = transformer.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return project


def to_equal_area(geometry: BaseGeometry) -> BaseGeometry:
    """Lon/lat (WGS84) → metres in the equal-area plane."""
    return shapely.transform(geometry, _apply(_transformer()))


def to_lonlat(geometry: BaseGeometry) -> BaseGeometry:
    """Equal-area plane → lon/lat (WGS84)."""
    return shapely.transform(geometry, _apply(_transformer(inverse=True)))


def area_km2(geometry: BaseGeometry | None) -> float:
    """Area of a lon/lat geometry in km², overlaps counted once."""
    if geometry is None or geometry.is_empty:
        return 0.0
    return float(to_equal_area(shapely.make_valid(geometry)).area) / 1e6


def polygonal(geometry: BaseGeometry | None) -> BaseGeometry:
    """Only the areal parts of a geometry (points and lines of a collection dropped)."""
    empty = shapely.Polygon()
    if geometry is None or geometry.is_empty:
        return empty
    parts = [g for g in shapely.get_parts(shapely.make_valid(geometry))]
    areal: list[BaseGeometry] = []
    for part in parts:
        if part.geom_type in ("Polygon", "MultiPolygon"):
            areal.append(part)
        elif part.geom_type == "GeometryCollection":
            areal.append(polygonal(part))
    areal = [g for g in areal if not g.is_empty]
    return shapely.union_all(areal) if areal else empty


# ---------------------------------------------------------------- reading map files


def read_map_features(path: Path, warnings: list[str] | None = None) -> list[MapFeature]:
    """Features of a GeoJSON (plain or .gz) or KML file; unreadable parts become warnings."""
    warnings = warnings if warnings is not None else []
    try:
        raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        warnings.append(f"{path}: cannot read ({exc})")
        return []
    stem = path.name.removesuffix(".gz").lower()
    if stem.endswith(".kml"):
        return _kml_features(raw, path, warnings)
    try:
        document = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        warnings.append(f"{path}: not valid JSON ({exc})")
        return []
    return _geojson_features(document, path, warnings)


def _geojson_features(document: Any, path: Path, warnings: list[str]) -> list[MapFeature]:
    if isinstance(document, dict) and document.get("type") == "FeatureCollection":
        raw_features = document.get("features") or []
    elif isinstance(document, dict) and document.get("type") == "Feature":
        raw_features = [document]
    else:
        warnings.append(f"{path}: not a GeoJSON Feature or FeatureCollection")
        return []
    features = []
    for index, raw in enumerate(raw_features):
        if not isinstance(raw, dict) or not raw.get("geometry"):
            continue
        try:
            geometry = shapely.force_2d(shape(raw["geometry"]))
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            warnings.append(f"{path}: feature {index}: bad geometry ({exc})")
            continue
        properties = raw.get("properties") or {}
        label = next(
            (str(properties[k]) for k in ("name", "Name", "label", "title") if properties.get(k)),
            "",
        )
        features.append(MapFeature(label, geometry, properties))
    return features


def _strip_ns(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _kml_coords(text: str | None) -> list[tuple[float, float]]:
    coords = []
    for token in (text or "").split():
        values = token.split(",")
        if len(values) >= 2:
            coords.append((float(values[0]), float(values[1])))
    return coords


def _kml_geometry(element: ET.Element) -> BaseGeometry | None:
    """Polygon / Point / LineString / MultiGeometry of a KML Placemark as shapely."""
    kind = _strip_ns(element.tag)
    if kind == "Polygon":
        rings = {"outerBoundaryIs": [], "innerBoundaryIs": []}
        for boundary in element:
            name = _strip_ns(boundary.tag)
            if name in rings:
                for ring in boundary.iter():
                    if _strip_ns(ring.tag) == "coordinates":
                        rings[name].append(_kml_coords(ring.text))
        if not rings["outerBoundaryIs"] or len(rings["outerBoundaryIs"][0]) < 3:
            return None
        holes = [r for r in rings["innerBoundaryIs"] if len(r) >= 3]
        return shapely.Polygon(rings["outerBoundaryIs"][0], holes)
    if kind in ("Point", "LineString"):
        coords_el = next((c for c in element if _strip_ns(c.tag) == "coordinates"), None)
        coords = _kml_coords(coords_el.text if coords_el is not None else "")
        if not coords:
            return None
        return shapely.Point(coords[0]) if kind == "Point" else shapely.LineString(coords)
    if kind == "MultiGeometry":
        parts = [g for g in (_kml_geometry(child) for child in element) if g is not None]
        return shapely.GeometryCollection(parts) if parts else None
    return None


def _kml_features(raw: bytes, path: Path, warnings: list[str]) -> list[MapFeature]:
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as exc:
        warnings.append(f"{path}: not valid KML ({exc})")
        return []
    features = []
    for placemark in root.iter():
        if _strip_ns(placemark.tag) != "Placemark":
            continue
        label = ""
        geometry = None
        for child in placemark:
            name = _strip_ns(child.tag)
            if name == "name":
                label = child.text or ""
            elif geometry is None:
                try:
                    geometry = _kml_geometry(child)
                except ValueError as exc:
                    warnings.append(f"{path}: placemark {label!r}: bad coordinates ({exc})")
        if geometry is not None:
            features.append(MapFeature(label, shapely.force_2d(geometry), {"name": label}))
    return features


# ---------------------------------------------------------------- outlines


def geometry_to_geojson(geometry: BaseGeometry) -> dict[str, Any]:
    return mapping(geometry)


def geometry_from_geojson(data: dict[str, Any] | str) -> BaseGeometry:
    return shape(json.loads(data) if isinstance(data, str) else data)


def feature_collection(features: Iterable[tuple[BaseGeometry, dict[str, Any]]]) -> dict[str, Any]:
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "geometry": mapping(g), "properties": props}
            for g, props in features
            if g is not None and not g.is_empty
        ],
    }


@cache
def country_outline() -> BaseGeometry:
    """Ukraine within its internationally recognised borders (Crimea included), lon/lat."""
    document = json.loads((OUTLINES_DIR / COUNTRY_FILE).read_text(encoding="utf-8"))
    return shape(document["features"][0]["geometry"])


@cache
def oblast_outlines() -> tuple[tuple[str, str, BaseGeometry], ...]:
    """(admin1 code, name, geometry) per oblast; approximate, see docs/control.md."""
    document = json.loads((OUTLINES_DIR / OBLASTS_FILE).read_text(encoding="utf-8"))
    return tuple(
        (f["properties"]["admin1_code"], f["properties"]["name"], shape(f["geometry"]))
        for f in document["features"]
    )


def _topojson_arc(topology: dict[str, Any], index: int) -> list[tuple[float, float]]:
    """Decode one (delta-encoded, quantised) TopoJSON arc; negative index = reversed arc."""
    arc = topology["arcs"][index if index >= 0 else ~index]
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    x = y = 0
    points = []
    for dx, dy in arc:
        x, y = x + dx, y + dy
        points.append((x * sx + tx, y * sy + ty))
    return points if index >= 0 else points[::-1]


def _topojson_ring(topology: dict[str, Any], arc_indexes: Sequence[int]) -> list[tuple[float, float]]:
    ring: list[tuple[float, float]] = []
    for index in arc_indexes:
        points = _topojson_arc(topology, index)
        ring.extend(points[1:] if ring else points)
    return ring


def topojson_geometry(topology: dict[str, Any], geometry: dict[str, Any]) -> BaseGeometry:
    """A TopoJSON Polygon/MultiPolygon object as a shapely geometry."""
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    shells = []
    for rings in polygons:
        decoded = [_topojson_ring(topology, ring) for ring in rings]
        shells.append(shapely.Polygon(decoded[0], decoded[1:]))
    return shapely.make_valid(shapely.MultiPolygon(shells))


def ukraine_from_world_atlas(path: Path) -> BaseGeometry:
    """Ukraine from world-atlas ``countries-10m.json``, with Crimea whichever side NE filed it."""
    topology = json.loads(path.read_text(encoding="utf-8"))
    geometries = topology["objects"]["countries"]["geometries"]
    by_id = {str(g.get("id")): g for g in geometries}
    ukraine = topojson_geometry(topology, by_id[UKRAINE_NUMERIC_ISO])
    # Natural Earth 4.1 files Crimea under Russia: take Russia's land inside the box.
    russia_in_box = topojson_geometry(topology, by_id["643"]).intersection(shapely.box(*CRIMEA_BBOX))
    crimea = [p for p in shapely.get_parts(polygonal(russia_in_box)) if p.bounds[2] < CRIMEA_BBOX[2]]
    return polygonal(shapely.union_all([ukraine, *crimea]))


def voronoi_cells(points_xy: np.ndarray, clip: BaseGeometry) -> list[BaseGeometry]:
    """Voronoi cell of each point (plane coordinates), in input order, clipped to ``clip``.

    Points sharing coordinates share one cell: the first of them gets it, the others an
    empty polygon, so that no ground is counted twice.
    """
    points = shapely.multipoints(points_xy)
    cells = shapely.voronoi_polygons(points, extend_to=clip.envelope.buffer(50_000))
    cell_list = list(shapely.get_parts(cells))
    tree = shapely.STRtree(cell_list)
    point_geoms = shapely.points(points_xy)
    inside = tree.query(point_geoms, predicate="within")
    by_point: dict[int, int] = {}
    for point_index, cell_index in zip(inside[0], inside[1]):
        by_point.setdefault(int(point_index), int(cell_index))
    chosen = np.empty(len(point_geoms), dtype=object)
    for i in range(len(point_geoms)):
        chosen[i] = cell_list[by_point[i]] if i in by_point else shapely.Polygon()
    shapely.prepare(clip)
    clipped = shapely.intersection(chosen, clip)
    return list(clipped)


def build_outlines(
    world_atlas_countries: Path,
    settlements: Sequence[tuple[float, float, str]],
    out_dir: Path = OUTLINES_DIR,
    simplify_m: float = 250.0,
) -> dict[str, float]:
    """Write the country and (approximate) oblast outlines; returns their areas in km².

    Oblasts are the union of the Voronoi cells of GeoNames settlements ``(lon, lat, admin1)``
    sharing an admin1 code, clipped to the country: borders wobble by half the distance
    between neighbouring villages, which is fine for drawing and for naming a region.
    """
    country = ukraine_from_world_atlas(world_atlas_countries)
    country_plane = to_equal_area(country)
    xy = np.array(
        [to_equal_area(shapely.Point(lon, lat)).coords[0] for lon, lat, _ in settlements]
    )
    cells = voronoi_cells(xy, country_plane)
    by_code: dict[str, list[BaseGeometry]] = {}
    for (_, _, code), cell in zip(settlements, cells):
        if code in UA_ADMIN1_NAMES and not cell.is_empty:
            by_code.setdefault(code, []).append(cell)
    oblasts = []
    for code, parts in sorted(by_code.items()):
        plane = shapely.union_all(parts).simplify(simplify_m)
        oblasts.append((to_lonlat(plane), {"admin1_code": code, "name": UA_ADMIN1_NAMES[code]}))
    out_dir.mkdir(parents=True, exist_ok=True)
    country_doc = feature_collection([(country, {"name": "Ukraine", "iso": "UA"})])
    _write_geojson(out_dir / COUNTRY_FILE, country_doc)
    _write_geojson(out_dir / OBLASTS_FILE, feature_collection(oblasts))
    country_outline.cache_clear()
    oblast_outlines.cache_clear()
    areas = {"Ukraine": area_km2(country)}
    areas.update({props["name"]: area_km2(g) for g, props in oblasts})
    return areas


def _write_geojson(path: Path, document: dict[str, Any]) -> None:
    """Compact GeoJSON with coordinates rounded to 5 decimals (~1 m)."""
    rounded = json.loads(json.dumps(document), parse_float=lambda s: round(float(s), 5))
    path.write_text(json.dumps(rounded, separators=(",", ":")) + "\n", encoding="utf-8")
