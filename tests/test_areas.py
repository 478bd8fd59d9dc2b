"""Equal-area measurement, outlines and Voronoi cells."""

from __future__ import annotations

import pytest
import shapely

from frontwatch.analysis import geo
from frontwatch.analysis.areas import settlement_cells


def test_equal_area_matches_geodesic_area():
    square = shapely.box(30.0, 48.0, 31.0, 49.0)
    geodesic = abs(__import__("pyproj").Geod(ellps="WGS84").geometry_area_perimeter(square)[0]) / 1e6
    assert geo.area_km2(square) == pytest.approx(geodesic, rel=1e-3)
    assert geo.area_km2(shapely.union_all([square, shapely.box(30.5, 48.0, 31.5, 49.0)])) == pytest.approx(geodesic * 1.5, rel=2e-3)


def test_outlines_are_packaged_and_plausible():
    assert geo.area_km2(geo.country_outline()) == pytest.approx(603_600, rel=0.02)  # Ukraine incl. Crimea
    oblasts = {name: geo.area_km2(g) for _, name, g in geo.oblast_outlines()}
    assert len(oblasts) == 27
    assert oblasts["Kharkiv Oblast"] == pytest.approx(31_400, rel=0.12)
    assert geo.country_outline().contains(shapely.Point(34.1, 44.95))  # Simferopol: Crimea is Ukraine


def test_voronoi_cells_tile_the_country():
    cells, km2 = settlement_cells()
    assert len(cells) > 5000
    assert sum(km2.values()) == pytest.approx(geo.area_km2(geo.country_outline()), rel=0.001)
