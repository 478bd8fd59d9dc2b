"""Event extraction: types, sides, modality, arguments, on our own sentences and the seed."""

from __future__ import annotations

import datetime as dt

import pytest

from frontwatch.models import Report
from frontwatch.nlp import analyze
from frontwatch.nlp.event_types import EVENT_TYPES, acled_columns
from frontwatch.nlp.events import STRIKE_FAMILY, find_events, primary_event
from frontwatch.nlp.pipeline import get_nlp

REPORT_DATE = dt.date(2022, 9, 20)


def events_of(text: str):
    return analyze(Report(text=text, published=REPORT_DATE)).events


def only(events, type_):
    found = [e for e in events if e.type == type_]
    assert found, f"no {type_} in {[(e.type, e.trigger) for e in events]}"
    return found[0]


def test_every_type_has_acled_and_a_description():
    assert len(EVENT_TYPES) == 16
    for spec in EVENT_TYPES.values():
        assert spec.acled_event_type and spec.acled_sub_event_type and spec.description
    assert EVENT_TYPES["artillery"].viina == ("t_artillery",)
    assert acled_columns("capture", "UA") == ("Battles", "Government regains territory")
    assert acled_columns("capture", "RU") == ("Battles", "Non-state actor overtakes territory")


def test_capture_by_ukrainian_troops_with_acled_columns():
    event = only(events_of("Ukrainian troops recaptured the village of Kozacha Lopan on Tuesday."),
                 "capture")
    assert (event.initiator_side, event.initiator) == ("UA", "Armed Forces of Ukraine")
    assert event.target_side == "RU"
    assert event.asserted and event.modality == "actual"
    assert event.acled_sub_event_type == "Government regains territory"
    assert event.viina == ["t_control", "t_occupy"]


def test_shelling_a_school_is_artillery_damage_and_casualties():
    events = events_of("Russian forces shelled a school in Kharkiv, killing three civilians.")
    artillery = only(events, "artillery")
    assert artillery.initiator_side == "RU"
    assert only(events, "infrastructure_damage").means == "artillery"
    casualties = only(events, "civilian_casualties")
    assert [q.value for q in casualties.quantities if q.kind == "count"] == [3.0]
    assert primary_event(events).type == "civilian_casualties"


def test_abandoned_tanks_are_a_loss_of_the_occupiers():
    event = only(events_of("The occupiers abandoned two tanks near Balakliia."), "equipment_loss")
    assert (event.target_side, event.target) == ("RU", "Russian Armed Forces")


def test_kyiv_as_actor_and_negated_withdrawal_is_not_asserted():
    event = only(events_of("Kyiv did not withdraw its troops from Bakhmut."), "withdrawal")
    assert (event.initiator_side, event.initiator) == ("UA", "Ukraine")
    assert event.modality == "negated" and not event.asserted


def test_ordered_pull_back_is_asserted_with_moscow_as_russia():
    event = only(events_of("Moscow ordered its troops to pull back from the west bank."),
                 "withdrawal")
    assert event.initiator_side == "RU" and event.modality == "ordered" and event.asserted
    assert event.trigger == "pull back"


def test_shoot_down_and_arrest_and_damage_to_a_depot():
    assert only(events_of("Russian air defence shot down a Ukrainian drone over Crimea."),
                "air_defense").target_side == "UA"
    assert only(events_of("Police detained two men in Melitopol."), "arrest")
    depot = only(events_of("The Armed Forces of Ukraine destroyed a Russian ammunition depot."),
                 "infrastructure_damage")
    assert depot.initiator_side == "UA"


def test_comparisons_and_named_battles_are_no_events():
    events = events_of("They won more ground than Russian forces have captured since April, "
                       "the biggest victory since the Battle of Kyiv.")
    assert not [e for e in events if e.type in ("capture", "clash")]


def test_find_events_in_a_forecast_clause():
    text = "Zelensky's forces will likely capture Kupiansk within days, analysts said."
    analysis = analyze(Report(text=text, published=REPORT_DATE))
    start, end = text.index("will"), text.index(",")
    events = find_events(get_nlp()(text), analysis, start, end)
    assert [(e.type, e.initiator_side, e.modality, e.asserted) for e in events] == [
        ("capture", "UA", "future", False)]
    assert find_events(get_nlp()(text), analysis, 0, start) == []


def test_bad_input_gives_no_events_and_no_crash():
    assert events_of("   ") == []
    assert events_of("!!! ??? 12 34") == []


# --- the seed ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_events(seed_analysis):
    return seed_analysis.events


def pick(events, type_, trigger):
    return next(e for e in events if e.type == type_ and e.trigger == trigger)


def test_seed_withdrawal_ordered_likely_from_kharkiv_oblast(seed_events):
    event = pick(seed_events, "withdrawal", "withdraw")
    assert event.initiator_side == "RU" and event.modality == "ordered" and event.asserted
    assert event.place is not None and event.place.name == "Kharkiv Oblast"
    assert event.certainty.term == "likely" and event.source == "uk_mod"


def test_seed_capture_over_3000_km2_since_september_6(seed_events):
    event = pick(seed_events, "capture", "captured")
    assert event.initiator_side == "UA" and event.source == "isw"
    areas = [q for q in event.quantities if q.unit == "km2"]
    assert areas and areas[0].value >= 3000
    assert event.date_start == dt.date(2022, 9, 6)
    assert event.date_end in (dt.date(2022, 9, 11), dt.date(2022, 9, 12))
    assert event.time_from == "expression"


def test_seed_advances_depth_and_hoptivka(seed_events):
    depth = pick(seed_events, "advance", "penetrated")
    assert depth.initiator_side == "UA"
    assert any(q.unit == "km" and q.value == 70 for q in depth.quantities)
    reach = pick(seed_events, "advance", "reach")
    assert reach.initiator_side == "UA" and reach.place.name == "Hoptivka"
    assert reach.place_from == "mention"


def test_seed_losses_damage_and_dismissed_announcement(seed_events):
    loss = pick(seed_events, "equipment_loss", "abandoned")
    assert loss.target_side == "RU" and loss.asserted
    damage = pick(seed_events, "infrastructure_damage", "strikes")
    assert damage.means == "artillery" and damage.initiator_side == "UA"
    assert damage.place is not None and damage.place.name in ("Dnipro", "Kherson")
    announcement = pick(seed_events, "announcement", "announcement")
    assert announcement.initiator_side == "RU" and announcement.asserted
    assert announcement.stance == "dismissed"
    regrouping = pick(seed_events, "withdrawal", "regrouping")
    assert not regrouping.asserted and regrouping.stance == "dismissed"


def test_seed_negated_withdrawal_and_future_capture(seed_events):
    assert not pick(seed_events, "withdrawal", "withdrawal").asserted
    izyum = pick(seed_events, "capture", "capture")
    assert izyum.modality == "future" and not izyum.asserted
    assert izyum.place.name == "Izyum" and izyum.initiator_side == "UA"


def test_seed_has_no_event_placed_in_london(seed_events):
    assert all(e.place is None or e.place.name != "Greater London" for e in seed_events)


def test_the_strikes_named_again_are_not_a_second_strike():
    events = events_of("Russian missiles hit a power station in Kharkiv on Sunday night. The mayor "
                       "called the strikes an act of revenge.")
    assert events and all(e.start < 60 for e in events if e.type in STRIKE_FAMILY)


def test_a_definite_noun_that_says_what_was_hit_is_a_new_event():
    events = events_of("Russian missiles hit a power station in Kharkiv on Sunday night. The "
                       "attack on the rail depot in Lozova followed an hour later.")
    assert any(e.start > 60 for e in events if e.type in STRIKE_FAMILY | {"clash"})


def test_the_same_place_named_again_does_not_make_a_back_reference_new():
    events = events_of("Russian artillery shelled Nikopol overnight. The governor said the "
                       "shelling in Nikopol woke the whole town.")
    assert events and all(e.start < 45 for e in events if e.type in STRIKE_FAMILY)
