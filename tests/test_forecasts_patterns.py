"""Kinds of forecast phrasing beyond the plain future modal, each on sentences of our own."""

from __future__ import annotations

import datetime as dt

import pytest

from frontwatch.analysis.resolve import ObservedEvent, PlaceRef, PredictedEvent, matches, places_match
from frontwatch.models import Report
from frontwatch.nlp import analyze

REPORT_DATE = dt.date(2022, 8, 1)


def forecasts_of(text: str, source: str = "Reuters"):
    return analyze(Report(text=text, published=REPORT_DATE, source=source)).forecasts


@pytest.mark.parametrize(
    "text,event_type,side,place",
    [
        # present intentions: "is (likely) preparing / plans to"
        ("Western officials said Russian troops are probably preparing to withdraw from "
         "Nova Kakhovka.", "withdrawal", "RU", "Nova Kakhovka"),
        ("Ukraine plans to recapture Balakliia, the governor said.", "capture", "UA", None),
        # passive future
        ("Kupiansk will be retaken within days, a Ukrainian commander said.", "capture", None,
         "Kup"),
        # the place will be under the other side's control
        ("The official claimed that Kreminna will be Russian again before the end of the month.",
         "capture", "RU", "Kreminna"),
        ("Izium will be free soon, the adviser told reporters.", "capture", None, "Iz"),
        # an armed side leaves a place
        ("Russian units will leave Snihurivka in the coming days, the mayor said.",
         "withdrawal", "RU", "Snihurivka"),
        # an event noun with an estimative adjective, backshifted in reported speech
        ("The analyst said a Ukrainian assault on Melitopol was unlikely before the summer.",
         "advance", "UA", "Melitopol"),
        # verbs and nouns of movement typed for this purpose by the events stage
        ("Within a week our battalions will rout the enemy near Kreminna, the DPR commander "
         "said.", "advance", None, "Kreminna"),
        ("The general said the redeployment of troops to the left bank would begin at once.",
         "withdrawal", None, None),
        ("A Ukrainian crossing of the Inhulets is unlikely in the coming weeks, ISW said.",
         "advance", "UA", "Inhulets"),
    ],
)
def test_forecast_phrasings(text, event_type, side, place):
    (forecast,) = forecasts_of(text)
    assert forecast.event_type == event_type
    if side:
        assert forecast.initiator_side == side
    if place:
        assert forecast.place is not None and forecast.place.name.startswith(place)


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv accused Moscow of preparing to blow up the Nova Kakhovka dam.",  # accusation
        "In August Russian troops were preparing to withdraw from Kherson.",  # history
        "The commander said the assault on Lyman was fierce.",  # past event, no estimate
        "Russia's call-up is likely a response to its losses near Izium.",  # no event noun
        "Kupiansk will be the main rail hub for the front.",  # a copula with no change of hands
    ],
)
def test_look_alikes_are_not_forecasts(text):
    assert forecasts_of(text) == []


def test_estimative_frame_over_a_that_clause_gives_the_band():
    (forecast,) = forecasts_of(
        "There is a realistic possibility that Russian forces will try to storm Vuhledar "
        "within the next two weeks, the British Ministry of Defence said.",
        source="UK Ministry of Defence")
    assert forecast.certainty.term == "realistic possibility"
    assert (forecast.certainty.p_low, forecast.certainty.p_high) == (0.40, 0.50)
    assert forecast.initiator_side == "RU"  # the subject acts, though "storm" names no side
    assert forecast.deadline == dt.date(2022, 8, 15) and not forecast.deadline_defaulted


def test_verb_read_as_a_season_is_no_deadline():
    (forecast,) = forecasts_of("Kreminna will likely fall within the next 48 hours, ISW said.")
    assert forecast.deadline == dt.date(2022, 8, 3) and not forecast.deadline_defaulted


def test_a_time_on_the_report_day_is_no_deadline():
    (forecast,) = forecasts_of("Russian troops will withdraw from Lyman, the ministry said on "
                               "Monday.")  # 2022-08-01 was a Monday
    assert forecast.deadline_defaulted and forecast.deadline > REPORT_DATE


def test_change_of_hands_without_a_named_place_takes_the_one_the_report_is_about():
    (forecast,) = forecasts_of(
        "Ukrainian brigades pressed towards Kherson Oblast's capital on Monday. Commanders "
        "said the Russian garrison in Kherson is exhausted. Russian forces will likely withdraw "
        "from the west bank within the next month, officials said.")
    assert forecast.event_type == "withdrawal"
    assert forecast.place is not None and forecast.place.name == "Kherson"


def _place(name: str, feature: str, lat: float, lon: float, key: str = "") -> PlaceRef:
    return PlaceRef(name=name, key=key or name, lat=lat, lon=lon, country_code="UA",
                    admin1_code="07", feature=feature)


def test_rivers_and_areas_do_not_match_by_distance():
    kupiansk = _place("Kupiansk", "settlement", 49.71, 37.62)
    oskil = _place("Oskil", "river", 49.72, 37.60)
    assert not places_match(kupiansk, oskil)
    assert places_match(kupiansk, _place("Kupiansk-Vuzlovyi", "settlement", 49.68, 37.68))


def _event(type_: str, side: str, trigger: str, place: PlaceRef) -> ObservedEvent:
    return ObservedEvent(id="e", report_id="r2", report_date=dt.date(2022, 8, 5), type=type_,
                         initiator_side=side, place=place, trigger=trigger, text=trigger)


def test_entering_a_place_confirms_its_capture_advancing_near_it_does_not():
    izium = _place("Izium", "settlement", 49.21, 37.26)
    forecast = PredictedEvent(id="f", report_id="r1", report_date=REPORT_DATE,
                              deadline=dt.date(2022, 8, 10), event_type="capture",
                              initiator_side="UA", place=izium)
    assert matches(forecast, _event("advance", "UA", "entered", izium))
    assert not matches(forecast, _event("advance", "UA", "gains", izium))
    assert matches(forecast, _event("withdrawal", "RU", "withdrew", izium))


@pytest.mark.parametrize("subject", ["Fresh reinforcements", "Our units"])
def test_unnamed_forces_of_a_belligerent_source_are_its_own(subject):
    (forecast,) = forecasts_of(
        f"{subject} will push the enemy back across the Siverskyi Donets within weeks, the "
        "Russian defence ministry said.")
    assert forecast.event_type == "advance" and forecast.initiator_side == "RU"


def test_unnamed_forces_of_a_neutral_source_stay_unknown():
    (forecast,) = forecasts_of(
        "Fresh reinforcements will push the enemy back across the Siverskyi Donets within "
        "weeks, the Institute for the Study of War said.")
    assert forecast.initiator_side == "unknown"


def test_a_clause_naming_no_place_takes_the_place_named_before_it_not_the_reports_focus():
    (forecast,) = forecasts_of(
        "Russian units are pulling back in Zaporizhzhia Oblast. Russia will complete the "
        "withdrawal of its forces from the riverbank within weeks. In the north, fighting "
        "continued near Kreminna and Kreminna's outskirts; Kreminna remains contested.")
    assert forecast.place is not None and forecast.place.name == "Zaporizhzhia Oblast"


def test_the_ministry_after_a_russian_minister_is_the_russian_ministry():
    (forecast,) = forecasts_of(
        "General Sergei Surovikin told Russia's defence minister that Nova Kakhovka could no "
        "longer be supplied. "
        "The ministry later said the redeployment of units to the left bank would be completed "
        "within days.")
    assert forecast.source == "ru_mod" and forecast.event_type == "withdrawal"
