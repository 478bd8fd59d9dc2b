"""Death and injury counts read off casualty phrases (``nlp.casualties`` via the event stage)."""

from __future__ import annotations

import datetime as dt

import pytest

from frontwatch.evaluation.events import deaths_reported, mentions_deaths
from frontwatch.models import Report
from frontwatch.nlp import analyze


def counts(text: str) -> dict[str, list[float]]:
    """{'killed': [...], 'wounded': [...]} over the text's casualty events."""
    events = analyze(Report(text=text, published=dt.date(2022, 5, 1))).events
    found: dict[str, list[float]] = {"killed": [], "wounded": []}
    for event in events:
        if event.type.endswith("_casualties"):
            for q in event.quantities:
                last = q.counted.split()[-1:]
                if last and last[0] in found:
                    found[last[0]].append(q.value)
    return found


def deaths(text: str) -> int:
    events = analyze(Report(text=text, published=dt.date(2022, 5, 1))).events
    return deaths_reported([e for e in events if e.asserted])


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
])
def test_death_counts(text, expected):
    assert deaths(text) == expected


def test_wounded_are_counted_apart_from_the_dead():
    found = counts("One officer killed, 11 wounded in shelling near Donetsk.")
    assert found["killed"] == [1.0] and found["wounded"] == [11.0]


def test_vague_and_bounded_counts_keep_their_bounds():
    events = analyze(Report(text="Dozens killed in fighting near Avdiivka.",
                            published=dt.date(2022, 5, 1))).events
    count = next(q for e in events for q in e.quantities if q.counted.endswith("killed"))
    assert count.value == 24 and count.approximate and count.lower == 24
    events = analyze(Report(text="Civilians killed in shelling of Mykolaiv.",
                            published=dt.date(2022, 5, 1))).events
    plural = next(q for e in events for q in e.quantities if q.counted.endswith("killed"))
    assert plural.lower == 2 and plural.approximate


def test_a_count_of_something_else_is_no_death_toll():
    assert deaths("Russian forces destroyed 12 tanks near Izium.") == 0
    assert deaths("Heavy shelling of Kharkiv overnight.") == 0


def test_mentions_deaths_is_lexical():
    assert mentions_deaths("Two KIA in Donbas") and mentions_deaths("civilians died")
    assert not mentions_deaths("Pisky") and not mentions_deaths("Skilled workers")
