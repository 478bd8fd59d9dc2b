"""Quantities: the seed's figures, qualifiers, units, counted nouns, reference areas."""

from __future__ import annotations

import datetime as dt

import pytest

from frontwatch.models import Report
from frontwatch.nlp import analyze
from frontwatch.nlp.reference_areas import REFERENCE_AREAS, lookup

MONDAY = dt.date(2022, 9, 12)


def quantities(text: str):
    return analyze(Report(text=text, published=MONDAY)).quantities


def one(text: str, fragment: str):
    found = [q for q in quantities(text) if fragment in q.text]
    assert len(found) == 1, f"{fragment!r}: {[q.text for q in quantities(text)]}"
    return found[0]


def test_seed_quantities(seed_analysis):
    by_text = {q.text: q for q in seed_analysis.quantities}
    london = by_text["double the size of Greater London"]
    # as exact as the writer made it (tests/gold/quantities.jsonl): no "roughly", so not approximate
    assert (london.kind, london.unit, london.reference, london.multiplier, london.approximate) == (
        "area", "km2", "Greater London", 2.0, False)
    assert london.value == pytest.approx(3144)
    depth = by_text["up to 70 kilometres"]
    assert (depth.kind, depth.unit, depth.value, depth.upper, depth.lower) == ("distance", "km", 70, 70, None)
    area = by_text["over 3,000 square kilometres"]
    assert (area.kind, area.unit, area.value, area.lower, area.upper) == ("area", "km2", 3000, 3000, None)
    assert (by_text["2km"].kind, by_text["2km"].unit, by_text["2km"].value) == ("distance", "km", 2)
    scores = by_text["scores"]
    assert (scores.kind, scores.counted, scores.approximate) == ("count", "military vehicles", True)
    assert scores.lower == scores.value == 40
    assert by_text["48 hours"].value == 48 and by_text["48 hours"].unit == "h"
    assert by_text["six months"].kind == "duration"
    # no date digits ("September 6") are quantities
    assert not any(q.text in ("6", "September 6") for q in seed_analysis.quantities)


@pytest.mark.parametrize(
    "text,fragment,expected",
    [
        ("Russia lost more than 3,000 troops.", "more than 3,000",
         dict(value=3000, kind="count", counted="troops", lower=3000, upper=None)),
        ("At least 12 people were killed.", "At least 12",
         dict(value=12, counted="people killed", lower=12)),
        ("Shelling left 30 wounded.", "30", dict(value=30, counted="people wounded")),
        ("They destroyed about 200 tanks.", "about 200", dict(counted="tanks", approximate=True)),
        ("Nearly 500 sq km were retaken.", "Nearly 500 sq km", dict(value=500, unit="km2", upper=500)),
        ("The line moved 20 miles.", "20 miles", dict(value=pytest.approx(32.18688), unit="km")),
        ("The unit was 500m away.", "500m", dict(value=0.5, unit="km", kind="distance")),
        ("They hold 12% of the region.", "12%", dict(value=12, unit="percent", kind="percent")),
        ("Aid worth $5 million arrived.", "$5 million", dict(value=5e6, unit="USD", kind="money")),
        ("Hundreds of civilians fled.", "Hundreds", dict(value=200, counted="civilians", approximate=True)),
        ("A dozen settlements were freed.", "A dozen", dict(value=12, counted="settlements")),
        ("They burned 2,000 hectares.", "2,000 hectares", dict(value=20, unit="km2")),
        ("It covers 1,200 square miles.", "1,200 square miles", dict(value=pytest.approx(3107.99, abs=0.01))),
        ("Some 1.5 million people left.", "Some 1.5 million", dict(value=1.5e6, approximate=True)),
        ("Twenty-four villages were retaken.", "Twenty-four", dict(value=24, counted="villages")),
    ],
)
def test_numbers_units_and_qualifiers(text, fragment, expected):
    quantity = one(text, fragment)
    for field, value in expected.items():
        assert getattr(quantity, field) == value, (field, quantity)


@pytest.mark.parametrize(
    "text,reference,multiplier,km2",
    [
        ("Ukraine retook an area the size of Luxembourg.", "Luxembourg", 1.0, 2586),
        ("The zone is three times the size of Wales.", "Wales", 3.0, 3 * 20779),
        ("Russia holds an area twice the size of Northern Ireland.", "Northern Ireland", 2.0, 28260),
        ("The pocket is half the size of Rhode Island.", "Rhode Island", 0.5, 2000.5),
        ("The field was 50 football pitches.", "football pitch", 50.0, 0.357),
    ],
)
def test_reference_comparisons(text, reference, multiplier, km2):
    found = [q for q in quantities(text) if q.reference]
    assert len(found) == 1
    assert (found[0].reference, found[0].multiplier, found[0].unit) == (reference, multiplier, "km2")
    assert found[0].value == pytest.approx(km2, rel=1e-3) and not found[0].approximate


def test_qualified_reference_comparisons():
    nearly = one("Kyiv retook an area nearly the size of Cyprus.", "Cyprus")
    assert (nearly.value, nearly.upper, nearly.approximate) == (9251, 9251, True)
    roughly = one("The gains are roughly four times the size of Greater London.", "Greater London")
    assert (roughly.value, roughly.multiplier, roughly.approximate) == (4 * 1572, 4.0, True)


@pytest.mark.parametrize(
    "text,fragment,expected",
    [
        ("The front moved about 20 to 30 kilometres.", "about 20 to 30 kilometres",
         dict(value=25, lower=20, upper=30, unit="km", approximate=True)),
        ("Between 10-15 km of road was mined.", "10-15 km", dict(value=12.5, lower=10, upper=15)),
        ("Russia lost 6 armoured combat vehicles.", "6", dict(counted="armoured combat vehicles")),
        ("They destroyed 4 tanks, 6 armoured vehicles and two ammunition depots.", "4",
         dict(counted="tanks")),
        ("They abandoned over 100 tanks and armoured vehicles.", "over 100",
         dict(counted="tanks and armoured vehicles", lower=100)),
        ("They left about 5,000 pieces of military equipment.", "about 5,000",
         dict(counted="pieces of military equipment")),
        ("It said its forces had shot down 11 drones.", "11", dict(counted="drones shot down")),
        ("Shelling hit the city, killing two people.", "two", dict(counted="people killed")),
        ("About 115,000 residents had been relocated.", "About 115,000", dict(counted="residents relocated")),
        ("More than 14 Ukrainian tanks were seen.", "More than 14", dict(counted="tanks")),
    ],
)
def test_ranges_and_what_is_counted(text, fragment, expected):
    quantity = one(text, fragment)
    for field, value in expected.items():
        assert getattr(quantity, field) == value, (field, quantity)


def test_names_dates_and_years_are_not_quantities():
    texts = [q.text for q in quantities("The T-72 and Su-25 were hit on 6 September 2022 in the 3rd wave.")]
    assert texts == []


def test_reference_table_is_documented():
    assert len(REFERENCE_AREAS) >= 30
    assert all(area.km2 > 0 and area.source for area in REFERENCE_AREAS)
    assert lookup("the Greater London").km2 == 1572 and lookup("washington, d.c.") is not None
