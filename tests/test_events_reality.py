"""Whether an event happened and when: conditions, intentions, questions, reported decisions,
and which clause's time expression dates it (our own sentences)."""

from __future__ import annotations

import datetime as dt

import pytest

from frontwatch.models import Report
from frontwatch.nlp import analyze

REPORT_DATE = dt.date(2022, 9, 20)  # a Tuesday


def event_of(text: str, type_: str):
    events = [e for e in analyze(Report(text=text, published=REPORT_DATE)).events
              if e.type == type_]
    assert events, f"no {type_} in {text!r}"
    return events[0]


@pytest.mark.parametrize("text, type_, mood", [
    ("If Ukrainian forces retake Lyman, the Russian line along the river will collapse.",
     "capture", "conditional"),
    ("Unless Russian troops withdraw from Nova Kakhovka, they will be encircled.",
     "withdrawal", "conditional"),
    ("Moscow sent more battalions to liberate Donbas.", "capture", "future"),
    ("Kyiv mounted an offensive to recapture Melitopol.", "capture", "future"),
    ("The brigade is preparing to cross the Inhulets.", "advance", "future"),
    ("Will Ukrainian troops capture Svatove before the winter?", "capture", "question"),
    ("Analysts asked whether Russian troops had abandoned Oleshky.", "withdrawal",
     "question"),
])
def test_conditions_intentions_and_questions_are_not_asserted(text, type_, mood):
    event = event_of(text, type_)
    assert (event.modality, event.asserted) == (mood, False)


@pytest.mark.parametrize("text, type_", [
    ("Ukrainian forces managed to recapture Kozacha Lopan.", "capture"),
    ("Russian units had to abandon the town of Vovchansk.", "withdrawal"),
    ("Ukrainian troops are reported to have captured Lyman.", "capture"),
])
def test_implicative_and_perfect_infinitives_stay_actual(text, type_):
    event = event_of(text, type_)
    assert (event.modality, event.asserted) == ("actual", True)


def test_time_of_a_relative_clause_does_not_date_the_event():
    event = event_of("Russian troops abandoned the town they had held since March.",
                     "withdrawal")
    assert (event.date_start, event.time_from) == (REPORT_DATE, "report_date")


def test_n_days_after_dates_the_subordinate_event_from_the_main_clause():
    event = event_of("The governor toured Balakliia on Sunday, two days after Russian "
                     "forces fled the town.", "withdrawal")
    assert event.date_start == dt.date(2022, 9, 16)  # Sunday 18 September minus two days
    assert event.time_from == "expression"


def test_after_without_a_distance_does_not_take_the_main_clause_date():
    event = event_of("After Russian forces fled the town, the governor toured Balakliia on "
                     "Sunday.", "withdrawal")
    assert event.date_start == REPORT_DATE


def test_coordinated_verbs_and_participles_share_a_time():
    shelled = event_of("Russian troops are shelling Kupiansk from across the river, killing "
                       "three people on Sunday.", "artillery")
    assert shelled.date_start == dt.date(2022, 9, 18)
    advanced = event_of("Ukrainian forces advanced 20 kilometres and captured Borova over the "
                        "past week.", "advance")
    assert advanced.time_from == "expression"


@pytest.mark.parametrize("text, type_, asserted", [
    ("The Kremlin denied that its artillery had shelled the bridge at Antonivka.", "artillery", False),
    ("Kyiv rejected claims that its troops had pulled out of Lyman.", "withdrawal", False),
    ("Its artillery shelled the bridge at Antonivka, the governor said.", "artillery", True),
])
def test_a_source_denying_its_own_content_asserts_no_event(text, type_, asserted):
    assert event_of(text, type_).asserted is asserted
