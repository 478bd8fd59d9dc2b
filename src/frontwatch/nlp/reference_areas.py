"""Areas people compare territory with ("double the size of Greater London").

Figures are total areas in km² as published by the statistics office or survey named beside
each one (US figures: Census Bureau total area, land only where noted; cities: the
administrative city). ``docs/time-and-quantities.md`` lists the same table. Names are matched
case-insensitively, with or without a leading "the"; aliases map to the same entry.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReferenceArea:
    name: str
    km2: float
    source: str
    aliases: tuple[str, ...] = ()


REFERENCE_AREAS: tuple[ReferenceArea, ...] = (
    ReferenceArea("Greater London", 1572, "ONS Standard Area Measurements", ("London",)),
    ReferenceArea("Luxembourg", 2586, "STATEC Luxembourg"),
    ReferenceArea("Wales", 20779, "ONS Standard Area Measurements"),
    ReferenceArea("Rhode Island", 4001, "US Census Bureau (1,545 sq mi total)"),
    ReferenceArea("Delaware", 6446, "US Census Bureau (2,489 sq mi total)"),
    ReferenceArea("Cyprus", 9251, "Statistical Service of Cyprus (whole island)"),
    ReferenceArea("Northern Ireland", 14130, "NISRA / Ordnance Survey of Northern Ireland"),
    ReferenceArea("Manhattan", 59.1, "US Census Bureau (land, 22.8 sq mi)"),
    ReferenceArea("football pitch", 0.00714, "FIFA/UEFA recommended pitch, 105 m × 68 m",
                  ("football pitches", "football field", "football fields", "soccer pitch",
                   "soccer field", "soccer fields")),
    ReferenceArea("Belgium", 30689, "Statbel"),
    ReferenceArea("Israel", 22072, "Israel Central Bureau of Statistics (incl. East Jerusalem, Golan)"),
    ReferenceArea("Connecticut", 14357, "US Census Bureau (5,543 sq mi total)"),
    ReferenceArea("Kosovo", 10887, "Kosovo Agency of Statistics"),
    ReferenceArea("Montenegro", 13812, "MONSTAT"),
    ReferenceArea("Lebanon", 10452, "CIA World Factbook"),
    ReferenceArea("Jamaica", 10991, "CIA World Factbook"),
    ReferenceArea("Qatar", 11586, "CIA World Factbook"),
    ReferenceArea("Hong Kong", 1104, "Hong Kong Lands Department (land area)"),
    ReferenceArea("Singapore", 734, "Singapore Department of Statistics (2022)"),
    ReferenceArea("Malta", 316, "National Statistics Office Malta"),
    ReferenceArea("Andorra", 468, "Government of Andorra"),
    ReferenceArea("Paris", 105.4, "INSEE (city of Paris)"),
    ReferenceArea("Berlin", 891.1, "Amt für Statistik Berlin-Brandenburg"),
    ReferenceArea("New York City", 783.8, "US Census Bureau (land, 302.6 sq mi)", ("New York",)),
    ReferenceArea("Washington D.C.", 177, "US Census Bureau (68.3 sq mi total)",
                  ("Washington, D.C.", "Washington DC", "Washington", "District of Columbia")),
    ReferenceArea("Greater Manchester", 1276, "ONS Standard Area Measurements"),
    ReferenceArea("Yorkshire", 14850, "historic county (3,669,510 acres, 1831 census)"),
    ReferenceArea("Kent", 3736, "ONS (ceremonial county)"),
    ReferenceArea("Cornwall", 3563, "ONS (incl. Isles of Scilly)"),
    ReferenceArea("Isle of Man", 572, "Isle of Man Government"),
    ReferenceArea("Isle of Wight", 380, "ONS"),
    ReferenceArea("Crimea", 26945, "State Statistics Service of Ukraine (AR Crimea 26,081 + Sevastopol 864)"),
    ReferenceArea("Donbas", 53201, "State Statistics Service of Ukraine (Donetsk 26,517 + Luhansk 26,684 oblasts)",
                  ("Donbass", "the Donbas")),
    ReferenceArea("Scotland", 77910, "Scottish Government"),
    ReferenceArea("England", 130279, "ONS Standard Area Measurements"),
    ReferenceArea("Ukraine", 603628, "State Statistics Service of Ukraine"),
    ReferenceArea("Kharkiv Oblast", 31415, "State Statistics Service of Ukraine", ("Kharkiv region",)),
    ReferenceArea("Kherson Oblast", 28461, "State Statistics Service of Ukraine", ("Kherson region",)),
    ReferenceArea("Zaporizhzhia Oblast", 27183, "State Statistics Service of Ukraine", ("Zaporizhzhia region",)),
    ReferenceArea("Kyiv", 839, "State Statistics Service of Ukraine (city)", ("Kiev",)),
    ReferenceArea("Moscow", 2561, "Rosstat (city after the 2012 expansion)"),
    ReferenceArea("Texas", 695662, "US Census Bureau (268,596 sq mi total)"),
    ReferenceArea("Switzerland", 41285, "Swiss Federal Statistical Office"),
    ReferenceArea("the Netherlands", 41850, "Statistics Netherlands (incl. inland water)", ("Netherlands", "Holland")),
    ReferenceArea("Denmark", 42933, "Statistics Denmark (excl. Greenland and the Faroe Islands)"),
    ReferenceArea("Slovenia", 20271, "Statistical Office of Slovenia"),
    ReferenceArea("Estonia", 45339, "Statistics Estonia"),
    ReferenceArea("Gaza Strip", 365, "Palestinian Central Bureau of Statistics", ("Gaza",)),
    ReferenceArea("Liechtenstein", 160, "Liechtenstein Office of Statistics"),
    ReferenceArea("Monaco", 2.08, "Monaco Statistics (IMSEE)"),
    ReferenceArea("Birmingham", 267.8, "ONS (city)"),
    ReferenceArea("Los Angeles", 1302, "US Census Bureau (city, 502.7 sq mi total)"),
    ReferenceArea("Central Park", 3.41, "NYC Parks (843 acres)"),
    ReferenceArea("tennis court", 0.000261, "ITF doubles court, 23.77 m × 10.97 m", ("tennis courts",)),
)


def _key(name: str) -> str:
    name = " ".join(name.lower().replace(".", "").split())
    return name.removeprefix("the ")


_BY_NAME = {_key(n): area for area in REFERENCE_AREAS for n in (area.name, *area.aliases)}


def names() -> list[str]:
    """Every name and alias, for building a matcher."""
    return [n for area in REFERENCE_AREAS for n in (area.name, *area.aliases)]


def lookup(name: str) -> ReferenceArea | None:
    return _BY_NAME.get(_key(name))
