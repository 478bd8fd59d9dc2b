"""Where the war was being fought on a given day: the oblasts of the active theatre by period.

A war report that names a village without its oblast most likely means the namesake where the
fighting was at the report's date ("Novokaterynivka" in 2014 is the one in Donetsk Oblast, not
the one in Mykolaiv Oblast). The place stage uses this as a bounded prior (``Weights.zone``),
never above what the report itself says (an oblast it names, the places around the name).

Regions are ``(country, GeoNames admin1 code)``; ``level`` 1.0 marks ground fighting, 0.5
regions only shelled across the border or struck from afar. Dates are those of well-known
events, cited in each period's ``note``; a period without ``end`` is still open.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

# GeoNames admin1 codes (``admin1.py`` for Ukraine; Russia's from GeoNames' admin1CodesASCII)
DONETSK, LUHANSK = ("UA", "05"), ("UA", "14")
KHARKIV, ZAPORIZHZHIA, KHERSON, DNIPROPETROVSK = ("UA", "07"), ("UA", "26"), ("UA", "08"), ("UA", "04")
MYKOLAIV, KYIV_OBLAST, CHERNIHIV, SUMY = ("UA", "16"), ("UA", "13"), ("UA", "02"), ("UA", "21")
BELGOROD, KURSK, BRYANSK = ("RU", "09"), ("RU", "41"), ("RU", "10")

GROUND = 1.0
SHELLED = 0.5


@dataclass(frozen=True)
class Period:
    regions: tuple[tuple[str, str], ...]
    start: dt.date
    end: dt.date | None  # last day, inclusive; None = still open
    level: float
    note: str


PERIODS: tuple[Period, ...] = (
    Period((DONETSK, LUHANSK), dt.date(2014, 4, 12), None, GROUND,
           "armed seizure of Sloviansk 12 Apr 2014, 'anti-terrorist operation' from 14-15 Apr "
           "2014; the Donbas front line ever since"),
    Period((KHARKIV, ZAPORIZHZHIA, KHERSON), dt.date(2022, 2, 24), None, GROUND,
           "full-scale invasion 24 Feb 2022; Kharkiv (Izium, Kupiansk, 2024 Vovchansk "
           "offensive), Zaporizhzhia and Kherson (Dnipro line after 11 Nov 2022) fronts remain"),
    Period((DNIPROPETROVSK,), dt.date(2022, 2, 24), None, SHELLED,
           "Nikopol and Marhanets shelled across the Kakhovka reservoir, Dnipro and Kryvyi Rih "
           "struck, from 2022"),
    Period((MYKOLAIV,), dt.date(2022, 2, 24), dt.date(2022, 11, 11), GROUND,
           "battle of Mykolaiv from 26 Feb 2022; Snihurivka retaken 10 Nov, Russian withdrawal "
           "from the right bank 11 Nov 2022"),
    Period((KYIV_OBLAST,), dt.date(2022, 2, 24), dt.date(2022, 4, 2), GROUND,
           "Kyiv offensive; the whole oblast declared retaken 2 Apr 2022"),
    Period((CHERNIHIV, SUMY), dt.date(2022, 2, 24), dt.date(2022, 4, 8), GROUND,
           "Chernihiv siege lifted 31 Mar-4 Apr; Sumy Oblast declared free of Russian troops "
           "by its governor 8 Apr 2022"),
    Period((CHERNIHIV, SUMY), dt.date(2022, 4, 9), None, SHELLED,
           "border districts shelled from Russia after the April 2022 withdrawal"),
    Period((BELGOROD, KURSK, BRYANSK), dt.date(2022, 2, 24), None, SHELLED,
           "Russian border oblasts shelled and struck since 2022 (Belgorod raids May 2023)"),
    Period((KURSK,), dt.date(2024, 8, 6), dt.date(2025, 4, 26), GROUND,
           "Ukrainian incursion into Kursk Oblast 6 Aug 2024; Russia declared it over 26 Apr "
           "2025"),
)


@functools.lru_cache(maxsize=4096)
def active_regions(day: dt.date | None) -> dict[tuple[str, str], float]:
    """(country, admin1) → how active the theatre was there on ``day`` (the highest level of
    the periods covering it); empty before April 2014 or without a date."""
    if day is None:
        return {}
    active: dict[tuple[str, str], float] = {}
    for period in PERIODS:
        if period.start <= day and (period.end is None or day <= period.end):
            for region in period.regions:
                active[region] = max(active.get(region, 0.0), period.level)
    return active
