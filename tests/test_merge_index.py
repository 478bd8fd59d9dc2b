"""The candidate index of event merging finds exactly the clusters that comparing every pair
finds (random events around real Ukrainian places, oblasts, ranges and unknown sides)."""

from __future__ import annotations

import datetime as dt
import random

from frontwatch.analysis import merge
from frontwatch.analysis.candidates import GeoGrid
from frontwatch.gazetteer.geo import haversine_km
from frontwatch.store.schema import EventRow

CENTRES = [(49.71, 37.62), (48.59, 38.00), (46.64, 32.62), (47.10, 37.55)]  # Kupiansk, Bakhmut, Kherson, Mariupol


def _random_items(rng: random.Random, n: int) -> list[merge._Item]:
    items = []
    for k in range(n):
        lat, lon = rng.choice(CENTRES)
        lat, lon = lat + rng.uniform(-0.4, 0.4), lon + rng.uniform(-0.6, 0.6)
        roll = rng.random()
        if roll < 0.1:
            place = {"feature": "admin1", "admin1_code": rng.choice(["07", "05"]), "country_code": "UA",
                     "key": f"UA.{rng.choice(['07', '05'])}", "lat": lat, "lon": lon}
        elif roll < 0.15:
            place = {}
        else:
            place = {"geonameid": rng.randint(1, 30), "admin1_code": rng.choice(["07", "05", "08"]),
                     "country_code": "UA", "lat": lat, "lon": lon, "feature": "settlement"}
        start = dt.date(2022, 9, 1) + dt.timedelta(days=rng.randint(0, 20))
        end = start + dt.timedelta(days=rng.choice([0, 0, 0, 1, 5]))
        row = EventRow(id=f"e{k}", report_id=f"r{rng.randint(0, n // 3)}",
                       type=rng.choice(["capture", "shelling"]),
                       initiator_side=rng.choice(["UA", "RU", "unknown"]),
                       target_side=rng.choice(["UA", "RU", "unknown"]),
                       date_start=start if rng.random() > 0.05 else None, date_end=end,
                       data={"place": place})
        items.append(merge._Item(row, start, "outlet"))
    return items


def _brute_force(items: list[merge._Item]) -> list[set[str]]:
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i, a in enumerate(items):
        for j in range(i + 1, len(items)):
            if a.begin is not None and a.place and items[j].begin is not None and items[j].place \
                    and merge.same_event(a, items[j]):
                parent[find(j)] = find(i)
    groups: dict[int, set[str]] = {}
    for i, item in enumerate(items):
        groups.setdefault(find(i), set()).add(item.row.id)
    return [g for g in groups.values() if len({items[int(e[1:])].row.report_id for e in g}) > 1]


def test_indexed_clusters_equal_all_pairs():
    rng = random.Random(7)
    for _ in range(5):
        items = _random_items(rng, 400)
        indexed = [{it.row.id for it in cluster} for cluster in merge._clusters(items)]
        expected = _brute_force(items)
        assert sorted(map(sorted, indexed)) == sorted(map(sorted, expected))
        assert len(expected) > 5  # the random events do merge


def test_points_within_the_cell_width_are_neighbours():
    rng = random.Random(3)
    grid = GeoGrid(15.0, 60.0)
    for _ in range(2000):
        lat, lon = rng.uniform(-60, 60), rng.uniform(-180, 180)
        other = (lat + rng.uniform(-0.2, 0.2), (lon + rng.uniform(-0.3, 0.3) + 180) % 360 - 180)
        if abs(other[0]) <= 60 and haversine_km(lat, lon, *other) <= 15.0:
            assert grid.cell(*other) in grid.neighbourhood(lat, lon)
