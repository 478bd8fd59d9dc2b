"""Event types decided by what the words mean in general war-news English: who the victims
are, what a modifier belongs to, which words name a unit or a state rather than an event
(our own sentences)."""

from __future__ import annotations

import datetime as dt

import pytest

from frontwatch.models import Report
from frontwatch.nlp import analyze
from frontwatch.nlp.events import primary_event

REPORT_DATE = dt.date(2022, 6, 2)


def events_of(text: str):
    return [e for e in analyze(Report(text=text, published=REPORT_DATE)).events if e.asserted]


def main_type(text: str) -> str | None:
    main = primary_event(events_of(text))
    return main.type if main else None


@pytest.mark.parametrize("text, type_", [
    # deaths told without "killed"
    ("Two civilians lost their lives in the shelling of Kharkiv.", "civilian_casualties"),
    ("The missile strike claimed the lives of three residents.", "civilian_casualties"),
    ("Four Ukrainian soldiers perished near Bakhmut.", "military_casualties"),
    # relatives, drivers and passers-by are civilians even when a sniper killed them
    ("A father and his son killed by a Russian sniper in Irpin", "civilian_casualties"),
    ("Taxi driver shot dead by soldiers at a checkpoint", "civilian_casualties"),
    # "in front of" is a position, not the front line
    ("Bodies lying in front of a shop in Bucha", "civilian_casualties"),
    ("Injuries reported after a strike on the market in Kramatorsk", "civilian_casualties"),
    ("Bodies of dead service men near the bridge", "military_casualties"),
])
def test_casualty_words(text, type_):
    assert main_type(text) == type_


def test_lost_lives_names_the_losing_side_as_target():
    event = next(e for e in events_of("Four Ukrainian soldiers lost their lives near Bakhmut.")
                 if e.type == "military_casualties")
    assert (event.target_side, event.initiator_side) == ("UA", "RU")


def test_civilians_fleeing_are_no_withdrawal():
    assert not [e for e in events_of("Residents fled the village after the shelling.")
                if e.type == "withdrawal"]
    assert [e for e in events_of("Russian troops fled the village after the shelling.")
            if e.type == "withdrawal"]


def test_wire_slug_range_is_no_second_count():
    event = next(e for e in events_of("UPDATE 2-Six soldiers killed, 10 wounded in east Ukraine")
                 if e.type == "military_casualties")
    assert sorted(q.value for q in event.quantities if q.kind == "count") == [6.0, 10.0]


@pytest.mark.parametrize("text, absent", [
    # a trigger word classifying a unit, weapon or site names no event
    ("The 95th Air Assault Brigade moved to Sloviansk.", "advance"),
    ("Two Ka-52 attack helicopters seen over Kherson", "clash"),
    ("Satellite images of Russian firing positions near Izium", "clash"),
    # occupation as a state, not an act
    ("Explosions near the power station in temporarily occupied Nova Kakhovka", "capture"),
    ("Convoy moving into the Russian-occupied city of Melitopol", "capture"),
    # capturing on camera takes nothing
    ("A dashcam captured the moment of the explosion in Kyiv", "capture"),
])
def test_words_naming_no_event(text, absent):
    assert absent not in {e.type for e in events_of(text)}


@pytest.mark.parametrize("text", [
    "Russian forces occupied the village of Novoselivka",
    "Russian forces took the train station in Popasna",
    "Ukrainian troops captured Russian trenches near Izium",
    "Officials denied statements that Balakliia had been recaptured by Ukraine.",
])
def test_captures_still_found(text):
    assert "capture" in {e.type for e in analyze(Report(text=text, published=REPORT_DATE)).events}


@pytest.mark.parametrize("text, type_", [
    # a modifier belongs to the head of the compound or modifiers it precedes
    ("Burning farmers market", "infrastructure_damage"),
    ("Damaged Russian T-80BV near the village", "equipment_loss"),
    # civilian vehicles are property, not military equipment
    ("civilian vehicles damaged by artillery on the highway", "infrastructure_damage"),
    # burned or collapsed things are not vehicles unless named so
    ("Wooden chapel mostly burned down after shelling", "infrastructure_damage"),
    ("Burnt out and gutted, the old cinema in Trostianets", "infrastructure_damage"),
    ("Chimney of the heating plant collapsed", "infrastructure_damage"),
    # people are not "damaged": the parser hung the participle on them
    ("School for deaf children damaged in an air strike", "infrastructure_damage"),
    # forces are soldiers; a battery is its guns
    ("Destroyed Ukrainian military forces", "military_casualties"),
    ("Russian battery of Grad launchers destroyed", "equipment_loss"),
    # the scene a munition left is damage; the munition is the means
    ("Aftermath of missile strikes", "infrastructure_damage"),
    # transport and fighter designations are aircraft
    ("Ukrainian An-26 shot down near Kyiv", "equipment_loss"),
    ("Russian Il-76 shot down over the Kyiv region", "equipment_loss"),
])
def test_what_was_lost(text, type_):
    assert main_type(text) == type_


@pytest.mark.parametrize("text, type_", [
    # a building shown after an attack is damaged
    ("Two-storey house following an attack", "infrastructure_damage"),
    ("Apartment block after an attack in Kharkiv", "infrastructure_damage"),
    # damage to forces is their losses
    ("Damage to Russian forces advancing on Chernihiv", "military_casualties"),
    # a storage unit is a building, not a military unit; faculties and pools are buildings
    ("Storage units on fire in Horlivka", "infrastructure_damage"),
    ("Shelling of the physics faculty in Kharkiv", "infrastructure_damage"),
    ("Bombing of the swimming pool in Mariupol", "infrastructure_damage"),
])
def test_scenes_and_targets(text, type_):
    assert main_type(text) == type_


def test_withdrawal_after_an_attack_damages_no_building():
    assert "infrastructure_damage" not in {
        e.type for e in events_of("Russian troops withdrew after an attack on their positions")}


def test_an_apposition_naming_a_thing_keeps_the_participle():
    assert main_type("[photo: smoke] Supermarket hit by a rocket strike.") == "infrastructure_damage"


def test_evidence_is_a_readable_span_not_a_fragment():
    """A one-word clause shows its sentence; an edge conjunction or an unpaired quote mark
    is left out (what the brief and the dashboard print as evidence)."""
    text = ('Officials in Kyiv mocked the retreat. "They call it regrouping," an adviser to the '
            'president said. Near Kupiansk, Ukrainian forces destroyed 4 tanks, the General Staff '
            'said.')
    events = events_of(text)
    withdrawal = next(e for e in events if e.trigger == "regrouping")
    assert withdrawal.text.startswith('"They call it regrouping,"')
    loss = next(e for e in events if e.type == "equipment_loss")
    assert loss.text == text[loss.start:loss.end]
    assert loss.text.endswith("tanks")


def test_a_participle_s_evidence_starts_with_the_noun_phrase_it_modifies():
    text = ("Moscow said 300 Ukrainian soldiers had been killed and over 40 tanks and armoured "
            "vehicles destroyed near Kupiansk on Monday.")
    loss = next(e for e in events_of(text) if e.type == "equipment_loss")
    assert loss.text.startswith("over 40 tanks and armoured vehicles destroyed near Kupiansk")


def test_a_participle_s_evidence_does_not_reach_into_the_previous_line():
    text = "Photos from the front\nKupiansk\nRussian howitzers abandoned near Kupiansk on Friday."
    loss = next(e for e in events_of(text) if e.type == "equipment_loss")
    assert loss.text.startswith("Russian howitzers abandoned")
