"""The compiled gazetteer: keys, spelling variants, regions, our own features."""

from __future__ import annotations

import pytest

from frontwatch.gazetteer.geo import distance_to_polyline_km, haversine_km
from frontwatch.gazetteer.features import RUSSIA_UKRAINE_BORDER
from frontwatch.gazetteer.index import get_gazetteer
from frontwatch.gazetteer.names import name_key, skeleton, strip_possessive


@pytest.fixture(scope="module")
def gazetteer():
    return get_gazetteer()


def test_keys_ignore_apostrophes_case_and_transliteration():
    assert name_key("Kup'yans'k") == name_key("Kupyans’k") == "kupyansk"
    assert skeleton("Izium") == skeleton("Izyum") == skeleton("Izjum")
    assert skeleton("Balakliia") == skeleton("Balakliya") == skeleton("Balakleya")
    assert skeleton("Kharkiv") != skeleton("Kherson")
    assert strip_possessive("Izyum's") == "Izyum"
    assert name_key("Donetsk Obl.") == name_key("donetsk obl") == name_key("Donetsk Oblast'") \
        == "donetsk oblast"
    assert name_key("Obl") == "obl"  # only a closing word after a name is the abbreviation


@pytest.mark.parametrize("spelling, geonameid", [
    ("Izium", 707292), ("Izyum", 707292), ("Izyum's", 707292),
    ("Kupiansk", 703656), ("Kupyansk", 703656), ("Kup'yans'k", 703656),
    ("Balakliia", 712926), ("Balakliya", 712926), ("Balakleya", 712926),
    ("Hoptivka", 807105), ("Goptovka", 807105),
    ("Kharkov", 706483), ("Харків", 706483), ("Kiev", 703448), ("Artemivsk", 713174),
])
def test_spelling_variants_find_the_place(gazetteer, spelling, geonameid):
    assert geonameid in {e.geonameid for e in gazetteer.candidates(spelling)}
    assert gazetteer.is_matchable(spelling)


def test_oblast_names_and_table_agree_with_geonames_codes(gazetteer):
    for text in ("Kharkiv region", "Kharkiv Oblast", "Kharkov Oblast"):
        (entry,) = gazetteer.candidates(text)
        assert entry.feature == "admin1" and entry.key == "admin1:UA-63"
        assert 49.0 < entry.lat < 50.5 and 35.5 < entry.lon < 38.0
    # Regional capitals sit in the admin1 the table names for their code.
    for city, region in (("Lviv", "Lviv Oblast"), ("Odesa", "Odesa Oblast"),
                         ("Luhansk", "Luhansk Oblast"), ("Sumy", "Sumy Oblast")):
        best = max(gazetteer.candidates(city), key=lambda e: e.population)
        assert best.admin1_name == region


def test_own_features_and_countries(gazetteer):
    assert {e.key for e in gazetteer.candidates("Dnieper")} == {"river:dnipro"}
    assert "region:donbas" in {e.key for e in gazetteer.candidates("Donbas")}
    assert gazetteer.candidates("Greater London")[0].geonameid == 2648110
    assert any(e.feature == "country" and e.country_code == "GB"
               for e in gazetteer.candidates("Britain"))


def test_demonyms_and_common_words_are_not_matched(gazetteer):
    for word in ("Russian", "Ukrainian"):
        assert gazetteer.candidates(word) == ()
    assert not gazetteer.is_matchable("Most")


def test_distances():
    assert haversine_km(49.98, 36.25, 50.45, 30.52) == pytest.approx(410, abs=10)  # Kharkiv–Kyiv
    assert distance_to_polyline_km(50.28, 36.27, RUSSIA_UKRAINE_BORDER) < 10  # Hoptivka
    assert distance_to_polyline_km(50.45, 30.52, RUSSIA_UKRAINE_BORDER) > 150  # Kyiv


@pytest.mark.parametrize("name, geonameid, feature, country, admin1", [
    ("Boone County", 4048522, "admin2", "US", "KY"),  # US counties: one per state
    ("Rapides Parish", 4338356, "admin2", "US", "LA"),
    ("Oxfordshire", 2640726, "admin2", "GB", "ENG"),
    ("Ontario", 6093943, "admin1", "CA", "08"),  # first-level regions outside UA/US/UK
    ("Dagestan", 567293, "admin1", "RU", "17"),  # "Dagestan Republic" without the word
    ("West Bank", 285153, "admin1", "PS", "WE"),
])
def test_world_regions_carry_geonames_ids(gazetteer, name, geonameid, feature, country, admin1):
    entry = next(e for e in gazetteer.candidates(name) if e.geonameid == geonameid)
    assert (entry.feature, entry.country_code, entry.admin1_code) == (feature, country, admin1)
    assert entry.population > 0  # placed from its settlements


def test_region_names_that_mean_a_city_or_a_word_stay_unsearched(gazetteer):
    # Baghdad governorate, the Tokyo metropolis: news means the city by the bare name.
    for city in ("Baghdad", "Tokyo", "Riga"):
        assert all(e.feature == "settlement" for e in gazetteer.candidates(city))
    # a county's bare name is only looked up
    assert not gazetteer.is_matchable("Geauga")
    assert {e.geonameid for e in gazetteer.candidates("Geauga")} == {5155556}
    assert not gazetteer.is_matchable("Northern Province")
    assert gazetteer.is_matchable("Henry County")


def test_theatre_zone_by_date():
    import datetime as dt

    from frontwatch.gazetteer.theatre import active_regions
    assert active_regions(dt.date(2013, 6, 1)) == {} and active_regions(None) == {}
    donbas_2015 = active_regions(dt.date(2015, 1, 20))
    assert set(donbas_2015) == {("UA", "05"), ("UA", "14")}
    march_2022 = active_regions(dt.date(2022, 3, 10))
    assert march_2022[("UA", "13")] == 1.0 and march_2022[("UA", "16")] == 1.0
    assert march_2022[("RU", "09")] == 0.5  # Belgorod, shelled
    after_north = active_regions(dt.date(2022, 6, 1))
    assert ("UA", "13") not in after_north and after_north[("UA", "21")] == 0.5
    assert ("UA", "16") not in active_regions(dt.date(2023, 1, 1))  # after Kherson, Nov 2022
    assert active_regions(dt.date(2024, 9, 1))[("RU", "41")] == 1.0  # Kursk incursion
