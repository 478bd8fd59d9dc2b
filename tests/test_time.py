"""Time expressions: the seed's expressions, the news forms of issue 4, tense, roles, governing."""

from __future__ import annotations

import datetime as dt

import pytest

from frontwatch.models import Report
from frontwatch.nlp import analyze
from frontwatch.nlp.time import governing_time

MONDAY = dt.date(2022, 9, 12)
D = dt.date


def times(text: str, published: dt.date = MONDAY):
    return analyze(Report(text=text, published=published)).times


def only(text: str, expression: str, published: dt.date = MONDAY):
    found = [t for t in times(text, published) if t.text == expression]
    assert found, f"{expression!r} not found in {[t.text for t in times(text, published)]}"
    return found[0]


def test_seed_expressions(seed_analysis):
    by_text = {t.text: t for t in seed_analysis.times}
    wednesday = by_text["last Wednesday"]
    assert (wednesday.value, wednesday.role, wednesday.begin, wednesday.end_date) == (
        "2022-09-07", "since", D(2022, 9, 7), D(2022, 9, 12))
    past = by_text["the past five days"]
    # "the past five days since September 6": the named date starts the period
    assert (past.type, past.value, past.role, past.begin, past.end_date) == (
        "DURATION", "P5D", "since", D(2022, 9, 6), D(2022, 9, 12))
    september = by_text["September 6"]
    assert (september.value, september.role, september.begin, september.end_date) == (
        "2022-09-06", "since", D(2022, 9, 6), D(2022, 9, 12))
    april = by_text["April"]
    assert (april.value, april.precision, april.role, april.begin) == ("2022-04", "month", "since", D(2022, 4, 1))
    assert (by_text["six months"].type, by_text["six months"].value, by_text["six months"].role) == (
        "DURATION", "P6M", "duration")
    deadline = by_text["the next 48 hours"]
    assert (deadline.value, deadline.role, deadline.end_date) == ("PT48H", "deadline", D(2022, 9, 14))
    ago = by_text["two weeks ago"]
    assert (ago.value, ago.precision, ago.begin) == ("2022-W35", "week", D(2022, 8, 29))
    assert by_text["March"].value == "2022-03"


@pytest.mark.parametrize(
    "text,expression,value",
    [
        ("The town fell on 6 September 2022.", "6 September 2022", "2022-09-06"),
        ("The town fell on Sept. 6.", "Sept. 6", "2022-09-06"),
        ("The town fell on the 6th.", "the 6th", "2022-09-06"),
        ("Shelling continued yesterday.", "yesterday", "2022-09-11"),
        ("Kyiv said earlier this month that it had advanced.", "earlier this month", "2022-09"),
        ("Troops arrived on Wednesday, September 7, 2022.", "Wednesday, September 7, 2022", "2022-09-07"),
        ("Talks were held on December 25.", "December 25", "2021-12-25"),
        ("Talks will be held on December 25.", "December 25", "2022-12-25"),
        ("The city was shelled on Wednesday.", "Wednesday", "2022-09-07"),
        ("The city will be shelled on Wednesday.", "Wednesday", "2022-09-14"),
        ("The delegation left Tuesday night.", "Tuesday night", "2022-09-06TNI"),
        ("The strike hit at 10 a.m. Friday.", "10 a.m. Friday", "2022-09-09T10:00"),
        ("The war began in the 2010s.", "the 2010s", "201"),
        ("Losses in the third quarter rose.", "the third quarter", "2022-Q3"),
        ("It happened in mid-September 2021.", "mid-September 2021", "2021-09"),
        ("Flights run every week.", "every week", "P1W"),
        ("The siege lasted 2 1/2 years.", "2 1/2 years", "P2Y6M"),
        ("The siege lasted two decades.", "two decades", "P20Y"),
        ("He is now in Kyiv.", "now", "PRESENT_REF"),
    ],
)
def test_news_forms(text, expression, value):
    assert only(text, expression).value == value


def test_relative_periods_and_deadlines():
    past = only("Russia lost ground in the past five days.", "the past five days")
    assert (past.begin, past.end_date, past.role) == (D(2022, 9, 7), MONDAY, "since")
    recent = only("Fighting intensified in recent days.", "recent days")
    assert recent.role == "since" and recent.end_date == MONDAY and recent.begin < MONDAY
    year_end = only("Kyiv hopes to retake the city by the end of the year.", "the end of the year")
    assert (year_end.role, year_end.end_date) == ("deadline", D(2022, 12, 31))
    coming = only("An assault is expected in the coming days.", "the coming days")
    assert coming.role == "deadline" and coming.begin == MONDAY and coming.end_date > MONDAY
    week = only("The offensive will resume next week.", "next week")
    assert (week.value, week.role, week.begin, week.end_date) == ("2022-W38", "deadline", D(2022, 9, 19), D(2022, 9, 25))
    since = only("No supplies have arrived since April.", "April")
    assert (since.role, since.begin, since.end_date) == ("since", D(2022, 4, 1), MONDAY)


def test_numbers_and_names_are_not_times():
    found = [t.text for t in times("Russia sent 2000 troops. Theresa May spoke. They may advance.")]
    assert found == []


def test_governing_time_prefers_the_attached_expression():
    text = "On Tuesday Russian forces shelled Kharkiv, and Ukraine will counterattack next week."
    analysis = analyze(Report(text=text, published=MONDAY))
    shelled = text.index("shelled")
    chosen = governing_time(analysis, shelled, shelled + len("shelled Kharkiv"))
    assert chosen is not None and chosen.text == "Tuesday"
    counter = text.index("counterattack")
    assert governing_time(analysis, counter, len(text)).text == "next week"
    lasting = analyze(Report(text="The occupation lasted six months.", published=MONDAY))
    assert governing_time(lasting, 0, len(lasting.report.text)) is None
