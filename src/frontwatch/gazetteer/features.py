"""Places news names that GeoNames' populated-places file lacks: rivers, regions, seas, the
Russia–Ukraine border, landmarks, and reference areas used in comparisons.

Coordinates are representative points (a point on the river where it passes a named town, the
approximate middle of a region), rounded to 0.01°. Sources: the GeoNames entries of the towns
named in each ``note`` (their coordinates are in cities500) and, for regions and seas, the
approximate centre of the area as shown on OpenStreetMap. ``weight`` stands in for population
when ranking candidates of the same name: big features outrank villages of the same name.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Feature:
    key: str
    name: str
    names: tuple[str, ...]
    lat: float
    lon: float
    country_code: str
    feature: str  # river, region, border, other, admin2
    note: str
    admin1_code: str = ""
    geonameid: int | None = None
    weight: int = 1_000_000


FEATURES: tuple[Feature, ...] = (
    # Rivers: the point is where the river passes the town in the note.
    Feature("river:dnipro", "Dnipro", ("Dnipro River", "Dnieper", "Dnieper River", "Dnepr River",
            "River Dnipro", "River Dnieper", "Dnipro", "Dnepr", "Дніпро", "Днепр"),
            48.45, 35.05, "UA", "river", "at Dnipro city", "04"),
    Feature("river:siverskyi-donets", "Siverskyi Donets",
            ("Siverskyi Donets", "Siverskyi Donets River", "Seversky Donets", "Severskiy Donets",
             "Donets River", "Donets", "Northern Donets", "Сіверський Донець", "Северский Донец"),
            49.21, 37.28, "UA", "river", "at Izium", "07"),
    Feature("river:oskil", "Oskil", ("Oskil", "Oskil River", "Oskol", "Oskol River", "Оскіл"),
            49.71, 37.62, "UA", "river", "at Kupiansk", "07"),
    Feature("river:inhulets", "Inhulets", ("Inhulets", "Inhulets River", "Ingulets",
            "Ingulets River", "Інгулець"), 47.08, 32.80, "UA", "river", "at Snihurivka", "16"),
    Feature("river:southern-bug", "Southern Bug", ("Southern Bug", "Southern Bug River",
            "Pivdennyi Buh", "Southern Buh", "Південний Буг"), 46.97, 31.99, "UA", "river",
            "at Mykolaiv", "16"),
    Feature("river:dniester", "Dniester", ("Dniester", "Dniester River", "Dnister", "Nistru"),
            46.83, 29.48, "MD", "river", "at Bender"),
    Feature("river:desna", "Desna", ("Desna River",), 51.50, 31.29, "UA", "river",
            "at Chernihiv", "02"),
    Feature("river:irpin", "Irpin River", ("Irpin River", "Irpin river"), 50.52, 30.25, "UA",
            "river", "at Irpin", "13"),
    Feature("river:kalmius", "Kalmius", ("Kalmius", "Kalmius River"), 47.10, 37.55, "UA",
            "river", "at Mariupol", "05"),
    Feature("river:zherebets", "Zherebets", ("Zherebets", "Zherebets River"), 49.04, 38.06,
            "UA", "river", "near Kreminna", "14"),
    # Regions and seas: approximate centre of the area.
    Feature("region:donbas", "Donbas", ("Donbas", "Donbass", "Donets Basin", "Донбас", "Донбасс"),
            48.30, 38.50, "UA", "region", "between Donetsk and Luhansk"),
    Feature("region:sloboda", "Slobozhanshchyna", ("Slobozhanshchyna", "Slobozhanskyi"),
            50.00, 36.50, "UA", "region", "around Kharkiv", "07"),
    Feature("region:black-sea", "Black Sea", ("Black Sea",), 43.40, 34.00, "", "region",
            "centre of the sea; GeoNames 6640396", geonameid=6640396),
    Feature("region:azov", "Sea of Azov", ("Sea of Azov", "Azov Sea"), 46.00, 36.50, "",
            "region", "centre of the sea"),
    Feature("region:kinburn", "Kinburn Spit", ("Kinburn Spit", "Kinburn peninsula"), 46.56,
            31.55, "UA", "region", "spit south of Ochakiv", "16"),
    Feature("region:snake-island", "Snake Island", ("Snake Island", "Zmiinyi Island",
            "Zmiinyi"), 45.26, 30.20, "UA", "region", "island off the Danube delta", "17"),
    # World regions and oceans world news names (GeoNames ids and points of their entries).
    Feature("region:middle-east", "Middle East", ("Middle East", "Mideast"), 33.10, 35.90, "",
            "region", "GeoNames 6269133", geonameid=6269133, weight=300_000_000),
    Feature("region:atlantic", "Atlantic Ocean", ("Atlantic", "Atlantic Ocean"), 10.00,
            -25.00, "", "region", "GeoNames 3373405", geonameid=3373405, weight=300_000_000),
    Feature("region:pacific", "Pacific Ocean", ("Pacific", "Pacific Ocean"), 3.50, -132.20,
            "", "region", "GeoNames 2363254", geonameid=2363254, weight=300_000_000),
    # Landmarks the war made famous.
    Feature("site:znpp", "Zaporizhzhia Nuclear Power Plant", ("Zaporizhzhia Nuclear Power Plant",
            "Zaporizhzhia nuclear power plant", "Zaporizhzhia NPP", "Zaporizhzhia nuclear plant"),
            47.51, 34.59, "UA", "other", "at Enerhodar", "26"),
    Feature("site:kakhovka-dam", "Kakhovka dam", ("Kakhovka dam", "Kakhovka Dam",
            "Kakhovka hydroelectric plant", "Kakhovka reservoir", "Kakhovka Reservoir"), 46.78,
            33.37, "UA", "other", "at Nova Kakhovka", "08"),
    Feature("site:antonivskyi-bridge", "Antonivskyi Bridge", ("Antonivskyi Bridge",
            "Antonovsky Bridge", "Antonivsky Bridge"), 46.67, 32.72, "UA", "other",
            "east of Kherson", "08"),
    Feature("site:kerch-bridge", "Crimean Bridge", ("Crimean Bridge", "Kerch Bridge",
            "Kerch Strait Bridge"), 45.31, 36.51, "UA", "other", "Kerch Strait", "11"),
    Feature("site:azovstal", "Azovstal", ("Azovstal", "Azovstal steel plant",
            "Azovstal steelworks"), 47.10, 37.60, "UA", "other", "in Mariupol", "05"),
    # Russian border regions news names next to Ukrainian ones (centre of the oblast).
    Feature("ru-region:belgorod", "Belgorod Oblast", ("Belgorod Oblast", "Belgorod region",
            "Belgorod province"), 50.70, 37.30, "RU", "admin1", "oblast centre"),
    Feature("ru-region:kursk", "Kursk Oblast", ("Kursk Oblast", "Kursk region",
            "Kursk province"), 51.60, 36.10, "RU", "admin1", "oblast centre"),
    Feature("ru-region:bryansk", "Bryansk Oblast", ("Bryansk Oblast", "Bryansk region"),
            53.00, 33.40, "RU", "admin1", "oblast centre"),
    Feature("ru-region:rostov", "Rostov Oblast", ("Rostov Oblast", "Rostov region"),
            47.70, 41.30, "RU", "admin1", "oblast centre"),
    # Reference areas used in comparisons ("double the size of Greater London").
    Feature("ref:greater-london", "Greater London", ("Greater London",), 51.50, -0.12, "GB",
            "admin2", "GeoNames ADM2 2648110", geonameid=2648110, weight=8_900_000),
)

# Points along the long rivers (the river at each town named; coordinates of those towns in
# cities500), so that "the Dnipro" in a report about Kherson is placed at Kherson, not at
# Dnipro city 300 km upstream: a river mention takes the course point nearest the report's
# settlements.
RIVER_COURSES: dict[str, tuple[tuple[float, float], ...]] = {
    "river:dnipro": (
        (50.45, 30.52),  # Kyiv
        (49.44, 32.06),  # Cherkasy
        (49.07, 33.42),  # Kremenchuk
        (48.45, 35.05),  # Dnipro
        (47.84, 35.14),  # Zaporizhzhia
        (47.57, 34.39),  # Nikopol
        (46.75, 33.37),  # Nova Kakhovka
        (46.63, 32.61),  # Kherson
    ),
    "river:siverskyi-donets": (
        (49.84, 36.69),  # Chuhuiv
        (49.21, 37.28),  # Izium
        (49.03, 37.57),  # Sviatohirsk
        (48.90, 38.43),  # Lysychansk
    ),
}

# The Russia–Ukraine land border, coarse polyline from the Belarus tripoint to the Sea of Azov
# (points on or within ~10 km of the border, next to the border towns named).
RUSSIA_UKRAINE_BORDER: tuple[tuple[float, float], ...] = (
    (52.37, 31.78),  # tripoint with Belarus
    (52.30, 33.20),  # north of Semenivka
    (51.90, 34.10),  # Seredyna-Buda
    (51.60, 34.30),  # east of Hlukhiv
    (51.25, 34.95),  # north of Sumy
    (50.90, 35.45),  # Krasnopillia
    (50.42, 35.47),  # Velyka Pysarivka
    (50.30, 36.30),  # Hoptivka
    (50.33, 36.95),  # Vovchansk
    (50.10, 37.90),  # Dvorichna district
    (49.95, 38.60),  # north of Bilokurakyne
    (49.38, 40.14),  # Milove
    (48.90, 40.05),  # east of Bilovodsk
    (48.30, 39.90),  # Izvaryne
    (47.85, 38.90),  # east of Khrustalnyi
    (47.12, 38.22),  # Novoazovsk, Sea of Azov
)

BORDER = Feature(
    "border:ru-ua", "Russia–Ukraine border",
    ("Russian border", "Russia–Ukraine border", "Russia-Ukraine border", "Ukraine-Russia border",
     "Russian-Ukrainian border", "Ukrainian-Russian border", "border with Russia"),
    50.30, 36.60, "UA", "border", "midpoint of RUSSIA_UKRAINE_BORDER, Kharkiv section",
)
