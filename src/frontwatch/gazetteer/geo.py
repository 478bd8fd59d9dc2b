"""Great-circle distances: to a point, and to a polyline such as a border."""

from __future__ import annotations

import math
from collections.abc import Sequence

EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


PreparedPoints = list[tuple[float, float, float]]  # (longitude, latitude in radians, its cosine)


def prepare_points(points: Sequence[tuple[float, float]]) -> PreparedPoints:
    """(lat, lon) points in the form ``nearest_km`` reads, converted once."""
    return [(lon, math.radians(lat), math.cos(math.radians(lat))) for lat, lon in points]


def nearest_km(lat: float, lon: float, points: PreparedPoints) -> float:
    """``min(haversine_km(lat, lon, *p) for p in points)`` with the same arithmetic, the
    per-point conversions hoisted out (a report's context compares every candidate with
    every place it names), and the distance taken once, of the smallest haversine term
    (the distance grows with it)."""
    if not points:
        return math.inf
    p1 = math.radians(lat)
    cos1 = math.cos(p1)
    least = math.inf
    for lon2, p2, cos2 in points:
        dp, dl = p2 - p1, math.radians(lon2 - lon)
        a = math.sin(dp / 2) ** 2 + cos1 * cos2 * math.sin(dl / 2) ** 2
        if a < least:
            least = a
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(least)))


def distance_to_polyline_km(lat: float, lon: float, line: Sequence[tuple[float, float]]) -> float:
    """Distance from a point to a polyline, in a local equirectangular projection (accurate to
    a few percent over the few hundred km a border segment spans)."""
    scale = math.cos(math.radians(lat))
    best = math.inf
    for (lat1, lon1), (lat2, lon2) in zip(line, line[1:]):
        ax, ay = (lon1 - lon) * scale, lat1 - lat
        bx, by = (lon2 - lon) * scale, lat2 - lat
        dx, dy = bx - ax, by - ay
        length2 = dx * dx + dy * dy
        t = 0.0 if length2 == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / length2))
        px, py = ax + t * dx, ay + t * dy
        best = min(best, math.hypot(px, py) * math.pi / 180 * EARTH_RADIUS_KM)
    return best
