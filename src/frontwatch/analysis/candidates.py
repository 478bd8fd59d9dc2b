"""Indexes that bound pairwise comparisons of dated, placed records (events, forecasts).

Comparing every record with every other of the same type inside a date window grows with the
daily density of the corpus (×20 CPU from 1k to 10k reports for event merging). These two
structures let a caller compare a record only with those that share a bucket (a GeoNames id,
an oblast, a grid cell) and whose dates come within the window — the caller still applies its
own exact test, so outcomes do not change as long as every compatible pair shares a bucket.
"""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_left, bisect_right
from collections.abc import Hashable, Iterable
from operator import itemgetter

from frontwatch.gazetteer.geo import EARTH_RADIUS_KM

_MARGIN = 1.01  # cells a little wider than needed, against rounding


class DateBuckets:
    """Values filed under keys, each key's entries sorted by begin date, so ``near`` returns
    those whose [begin, finish] comes within ``slack`` of the asked interval. (Few objects per
    entry: on a store's worth of events, allocations here set off costly garbage collections.)"""

    def __init__(self, entries: Iterable[tuple[Hashable, dt.date, dt.date, int]],
                 slack: dt.timedelta) -> None:
        self.slack = slack
        self._buckets: dict[Hashable, list[tuple[Hashable, dt.date, dt.date, int]]] = {}
        self._longest: dict[Hashable, dt.timedelta] = {}  # only where an entry spans days
        for entry in sorted(entries, key=_BEGIN):
            key, begin, finish, _ = entry
            bucket = self._buckets.get(key)
            if bucket is None:
                self._buckets[key] = [entry]
            else:
                bucket.append(entry)
            if finish > begin and finish - begin > self._longest.get(key, _ZERO):
                self._longest[key] = finish - begin

    def near(self, key: Hashable, begin: dt.date, finish: dt.date) -> list[int]:
        bucket = self._buckets.get(key)
        if bucket is None:
            return []
        # an entry can start up to its own length (at most the bucket's longest) before it ends
        earliest_finish = _shift(begin, -self.slack)
        lo = bisect_left(bucket, _shift(earliest_finish, -self._longest.get(key, _ZERO)), key=_BEGIN)
        hi = bisect_right(bucket, _shift(finish, self.slack), key=_BEGIN)
        return [entry[3] for entry in bucket[lo:hi] if entry[2] >= earliest_finish]


_BEGIN = itemgetter(1)
_ZERO = dt.timedelta(0)


def _shift(day: dt.date, delta: dt.timedelta) -> dt.date:
    """``day + delta``, held at the calendar's ends."""
    try:
        return day + delta
    except OverflowError:
        return dt.date.min if delta < dt.timedelta(0) else dt.date.max


class GeoGrid:
    """Latitude/longitude cells at least ``km`` wide for points up to ``max_abs_lat``: two
    such points within ``km`` of each other (great-circle) lie in the same or adjacent cells.

    Rows: a latitude difference Δφ alone puts points R·Δφ apart. Columns: by the haversine
    formula, points at most ``max_abs_lat`` from the equator and Δλ apart in longitude are at
    least 2R·cos(max_abs_lat)·sin(Δλ/2) apart; columns wrap around the antimeridian."""

    def __init__(self, km: float, max_abs_lat: float) -> None:
        self.lat_step = math.degrees(km / EARTH_RADIUS_KM) * _MARGIN
        cos_lat = math.cos(math.radians(min(abs(max_abs_lat), 90.0)))
        ratio = km / (2 * EARTH_RADIUS_KM * cos_lat) * _MARGIN if cos_lat > 0 else math.inf
        width = math.degrees(2 * math.asin(ratio)) if ratio < 1 else 360.0
        self.columns = max(1, int(360.0 // width))
        self.lon_step = 360.0 / self.columns

    def cell(self, lat: float, lon: float) -> tuple[int, int]:
        column = math.floor((lon + 180.0) / self.lon_step) % self.columns
        return math.floor(lat / self.lat_step), column

    def neighbourhood(self, lat: float, lon: float) -> set[tuple[int, int]]:
        """The point's cell and the eight around it."""
        row, column = self.cell(lat, lon)
        return {(row + dr, (column + dc) % self.columns) for dr in (-1, 0, 1) for dc in (-1, 0, 1)}
