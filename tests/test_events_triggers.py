"""Trigger vocabulary of this round: entering a settlement, flags, 'left behind', fire,
breakthroughs, bridgeheads, strikes and fighting (our own sentences)."""

from __future__ import annotations

import datetime as dt

import pytest

from frontwatch.models import Report
from frontwatch.nlp import analyze

REPORT_DATE = dt.date(2022, 9, 20)


def events_of(text: str):
    return [e for e in analyze(Report(text=text, published=REPORT_DATE)).events if e.asserted]


@pytest.mark.parametrize("text, type_, side", [
    ("Ukrainian troops entered Vovchansk on Monday.", "capture", "UA"),
    ("Russian forces entered the centre of Sievierodonetsk.", "capture", "RU"),
    ("Ukrainian troops entered Luhansk Oblast.", "advance", "UA"),
    ("Soldiers raised the Ukrainian flag over the council building in Balakliia.", "capture",
     "UA"),
    ("The occupiers left behind three tanks and a howitzer near Borova.", "equipment_loss",
     "RU"),
    ("Ukrainian units have broken through Russian defences near Kreminna.", "advance", "UA"),
    ("Ukrainian marines established a bridgehead on the left bank of the Dnipro.", "advance",
     "UA"),
    ("The village was under Russian fire all night.", "artillery", "RU"),
    ("Russian soldiers opened fire at a car near Hostomel.", "clash", "RU"),
    ("A Russian missile strike hit a school in Kramatorsk.", "air_strike", "RU"),
    ("Russian forces shelled Nikopol overnight.", "artillery", "RU"),
    ("An explosion rocked an ammunition depot in Melitopol.", "artillery", "unknown"),
    ("Ukrainian gunners destroyed a Russian tank near Izium.", "equipment_loss", "UA"),
    ("Heavy fighting continued near Bakhmut.", "clash", "unknown"),
    ("Clashes were reported on the outskirts of Soledar.", "clash", "unknown"),
    ("Ukrainian troops freed Kupiansk on Saturday.", "capture", "UA"),
])
def test_trigger_types_and_sides(text, type_, side):
    found = [(e.type, e.initiator_side) for e in events_of(text)]
    assert (type_, side) in found, found


def test_participle_clause_is_the_same_event():
    captures = [e for e in events_of("Ukrainian troops entered Kupiansk on Saturday, raising "
                                     "the national flag over the city hall.")
                if e.type == "capture"]
    assert len(captures) == 1 and "flag" in captures[0].text


@pytest.mark.parametrize("text", [
    "Residents left the town before the winter.",
    "The government raised taxes in Kharkiv.",
    "Ukrainian officials dismissed the statement.",
    "Residents hope for free elections in Kherson.",
    "The road to Izium is now free of mines.",
])
def test_look_alikes_are_no_events(text):
    assert not events_of(text)
