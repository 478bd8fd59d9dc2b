"""Caption and nominal trigger vocabulary: verbless headlines, nominalisations ("shelling of",
"damage to", "aftermath of"), fire and smoke, weapons sighted or dropped, losses the parser
leaves without an object (our own sentences)."""

from __future__ import annotations

import datetime as dt

import pytest

from frontwatch.models import Report
from frontwatch.nlp import analyze
from frontwatch.nlp.events import primary_event

REPORT_DATE = dt.date(2022, 6, 2)


def events_of(text: str):
    return [e for e in analyze(Report(text=text, published=REPORT_DATE)).events if e.asserted]


@pytest.mark.parametrize("text, type_", [
    # nominalisations and headline participles
    ("Shelling of a school in Okhtyrka", "infrastructure_damage"),
    ("Aftermath of shelling in Kramatorsk", "infrastructure_damage"),
    ("Damage to a residential building in Irpin", "infrastructure_damage"),
    ("Explosions reported in Zaporizhzhia", "artillery"),
    ("Bombed Hospital in Chernihiv", "infrastructure_damage"),
    ("Footage of an airstrike on a fuel depot near Lviv", "infrastructure_damage"),
    ("A residential block that was reportedly shelled on Tuesday", "infrastructure_damage"),
    ("Kyiv, Podil district, a shopping complex was hit.", "infrastructure_damage"),
    # fire and smoke where something burns
    ("Smoke rising from the oil depot in Novoshakhtinsk", "infrastructure_damage"),
    ("Warehouse on fire after shelling", "infrastructure_damage"),
    ("A grain terminal engulfed in flames in Mykolaiv", "infrastructure_damage"),
    ("Fire in a residential area of Mykolaiv", "infrastructure_damage"),
    ("A plume of smoke over the railway station in Lozova", "infrastructure_damage"),
    # losses the small parser leaves without an object
    ("Damaged Russian T-80 near Kupiansk", "equipment_loss"),
    ("Russian patrol boat burning off the coast", "equipment_loss"),
    ("Helicopter crashing near Brovary", "equipment_loss"),
    ("Russian Mi-8 helicopter shot down over Kherson Oblast", "equipment_loss"),
    ("Russian Mi-8 helicopter shot down over Kherson Oblast", "air_defense"),
    ("Overturned Russian armoured vehicle near Trostianets", "equipment_loss"),
    ("Abandoned Russian equipment near Lyman", "equipment_loss"),
    # weapons sighted, dropped, used
    ("Missiles flying over Zhytomyr", "air_strike"),
    ("Remnants of a rocket in a playground in Kharkiv", "artillery"),
    ("A drone dropped a grenade on a Russian trench", "air_strike"),
    ("Use of cluster munitions reported in Kherson", "artillery"),
    ("Russian tanks taking fire near Izium", "artillery"),
    # people
    ("Bullet holes in the windows of a school in Bucha", "infrastructure_damage"),
    ("Fresh graves at the cemetery in Izium", "civilian_casualties"),
    ("Journalists shelled near Lysychansk", "attack_on_civilians"),
    ("Russian military casualties near Bakhmut", "military_casualties"),
    ("Images of victims of the bombing in Chernihiv", "civilian_casualties"),
    ("Two men detained in Melitopol", "arrest"),
    ("Occupiers jailed a teacher in Nova Kakhovka", "arrest"),
    ("Russian soldiers took the mayor of Dniprorudne hostage", "arrest"),
])
def test_caption_triggers(text, type_):
    found = [e.type for e in events_of(text)]
    assert type_ in found, found


@pytest.mark.parametrize("text, type_", [
    ("Shelling of a school in Okhtyrka", "infrastructure_damage"),
    ("Aftermath of shelling in Kramatorsk", "infrastructure_damage"),
    ("Russian Mi-8 helicopter shot down over Kherson Oblast", "equipment_loss"),
    ("Missiles flying over Zhytomyr", "air_strike"),
])
def test_caption_primary_event(text, type_):
    main = primary_event(events_of(text))
    assert main is not None and main.type == type_


def test_downed_helicopter_is_lost_by_its_side():
    loss = next(e for e in events_of("Russian Ka-52 helicopter shot down near Hostomel")
                if e.type == "equipment_loss")
    assert (loss.target_side, loss.initiator_side) == ("RU", "UA")


@pytest.mark.parametrize("text, not_types", [
    ("Prices dropped in Kyiv last week.", {"artillery", "air_strike"}),
    ("Drones dropping leaflets over Kherson", {"artillery", "air_strike"}),
    ("The use of force was condemned by the council.", {"artillery", "air_strike"}),
    ("The arrival of refugees in Lviv continued.", {"artillery", "air_strike"}),
    ("The sanctions impacted the economy of the region.", {"artillery", "air_strike"}),
    ("The bridge fell victim to repeated artillery strikes.", {"civilian_casualties"}),
    ("Smoke rising from a chimney in the village.", {"infrastructure_damage"}),
    ("Missile production fell sharply in the spring.", {"artillery", "air_strike"}),
    ("Drones shot down over Odesa on Sunday.", {"equipment_loss"}),
    ("Russian artillery on the move near Izium", {"artillery", "air_strike"}),
    ("Mines in the streets of Irpin", {"artillery", "air_strike"}),
    ("Soldiers using a pontoon bridge to cross the river", {"artillery",
                                                           "infrastructure_damage"}),
])
def test_look_alikes(text, not_types):
    found = {e.type for e in events_of(text)}
    assert not found & not_types, found
