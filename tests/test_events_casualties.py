"""Death and injury counts read off casualty phrases (``nlp.casualties`` via the event stage)."""

from __future__ import annotations

import datetime as dt

import pytest

from frontwatch.evaluation.events import deaths_reported, mentions_deaths
from frontwatch.models import Report
from frontwatch.nlp import analyze


def events_of(text: str) -> list:
    return analyze(Report(text=text, published=dt.date(2022, 5, 1))).events


def counts(text: str) -> dict[str, list[float]]:
    """{'killed': [...], 'wounded': [...]} over the text's casualty events."""
    events = events_of(text)
    found: dict[str, list[float]] = {"killed": [], "wounded": []}
    for event in events:
        if event.type.endswith("_casualties"):
            for q in event.quantities:
                last = q.counted.split()[-1:]
                if last and last[0] in found:
                    found[last[0]].append(q.value)
    return found


def deaths(text: str) -> int:
    return deaths_reported([e for e in events_of(text) if e.asserted])


@pytest.mark.parametrize("text, expected", [
    ("Shelling killed 3 in Donetsk.", 3),
    ("3 killed in Russian strike on Kramatorsk.", 3),
    ("Three civilians died after the strike.", 3),
    ("A man was killed when a shell hit his house in Bakhmut.", 1),
    ("One person dead in Kharkiv.", 1),
    ("Two soldiers and a civilian killed near Izium.", 3),
    ("Three civilians, two soldiers killed in east Ukraine.", 5),
    ("Russian forces shelled Kharkiv, killing at least 5 people.", 5),
    ("Ukraine reports the death of three troops.", 3),
    ("Five civilians including two children die in Donetsk.", 5),
    ("In Kherson, a Russian shell killed a 70-year-old woman.", 1),
    ("Kiev forces shelled Horlivka 25 times, five persons killed.", 5),
    ("One KIA, 8 WIA in Donbas in past 24 hours.", 1),
    ("Civilian killed as mortar shell hits hospital.", 1),
    # a named person (the subject) is one death, also with an apposition
    ("Mykola Kovalenko, the national boxing champion, died near Soledar.", 1),
    ("Taras Bondar was killed in shelling near Kupiansk.", 1),
    ("A soldier was killed and two were wounded near Bakhmut.", 1),
    ("One civilian died after the shelling of Nikopol.", 1),
    ("Soldier, civilian killed in shelling of Avdiivka.", 2),
    ("Two KIA, two WIA in the Donetsk sector over the past day.", 2),
    ("The bodies of five men were found in a forest near Izium.", 5),
    # tolls give their figure
    ("Death toll from the missile strike on Dnipro rises to 40.", 40),
    ("The death toll in Kramatorsk has climbed to at least 57.", 57),
    ("The number of people killed in the strike on Odesa has increased to four.", 4),
    ("Death toll mounts in the east despite the truce.", 0),
    # wounded are no deaths; "killed and wounded" is one casualty figure
    ("Twelve soldiers were wounded in shelling near Izium.", 0),
    ("Fifty soldiers were killed and wounded in the assault on the town.", 0),
    # a wire slug's version number is no count
    ("UPDATE 2-Six soldiers killed as fighting escalates near Donetsk.", 6),
    # deaths told through "lives" or "perished"; "lost ground" and "claimed" alone are none
    ("Three soldiers lost their lives in the shelling of Avdiivka on Monday.", 3),
    ("The missile strike on Kramatorsk claimed the lives of four civilians.", 4),
    ("Two fishermen perished when their boat hit a mine near Odesa.", 2),
    ("Russian forces lost ground near Izium and claimed two villages.", 0),
])
def test_death_counts(text, expected):
    assert deaths(text) == expected


def count_quantities(text: str) -> list:
    """The death and casualty counts of the text's casualty events."""
    return [q for e in events_of(text) if e.type.endswith("_casualties") for q in e.quantities
            if q.counted.endswith(("killed", "casualties"))]


@pytest.mark.parametrize("text, value", [
    ("Ukraine says Russia has killed 461 children since the start of the war.", 461),
    ("Nearly 8,000 people killed since the start of the conflict, the UN says.", 8000),
    ("72 soldiers killed in the war this year.", 72),
    ("Over 200 people were killed in the region over the past year.", 200),
])
def test_running_totals_are_cumulative_not_an_events_deaths(text, value):
    found = count_quantities(text)
    assert [(q.value, q.cumulative) for q in found] == [(value, True)]
    assert deaths(text) == 0


@pytest.mark.parametrize("text, value", [
    ("Three civilians killed in the deadliest shelling since June.", 3),
    ("Five troops killed in the worst clash in months.", 5),
    ("Four people were killed last week in Kharkiv.", 4),
    ("Two soldiers killed, three wounded over the past week.", 2),
    ("One KIA, six WIA in the past 24 hours.", 1),
    ("Two civilians killed in Kharkiv since this morning.", 2),
])
def test_rankings_days_and_weeks_are_no_running_totals(text, value):
    assert deaths(text) == value
    assert not any(q.cumulative for q in count_quantities(text))


def test_killed_and_wounded_together_are_casualties():
    found = count_quantities("Fifty soldiers were killed and wounded in the assault.")
    assert [(q.value, q.counted) for q in found] == [(50.0, "soldiers casualties")]


def test_wounded_are_counted_apart_from_the_dead():
    found = counts("One officer killed, 11 wounded in shelling near Donetsk.")
    assert found["killed"] == [1.0] and found["wounded"] == [11.0]


def test_vague_and_bounded_counts_keep_their_bounds():
    count = count_quantities("Dozens killed in fighting near Avdiivka.")[0]
    assert count.value == 24 and count.approximate and count.lower == 24
    plural = count_quantities("Civilians killed in shelling of Mykolaiv.")[0]
    assert plural.lower == 2 and plural.approximate


def test_numberless_killings_count_at_least_two():
    found = count_quantities("Amnesty reports killings of captured Ukrainian soldiers.")
    assert [(q.value, q.lower, q.approximate) for q in found] == [(2.0, 2.0, True)]


def test_a_count_of_something_else_is_no_death_toll():
    assert deaths("Russian forces destroyed 12 tanks near Izium.") == 0
    assert deaths("Heavy shelling of Kharkiv overnight.") == 0


def test_mentions_deaths_is_lexical():
    assert mentions_deaths("Two KIA in Donbas") and mentions_deaths("civilians died")
    assert not mentions_deaths("Pisky") and not mentions_deaths("Skilled workers")
