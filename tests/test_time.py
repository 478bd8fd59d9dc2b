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


def test_seed_battle_of_kyiv_is_past_despite_would(seed_analysis):
    """ "would mark ... since winning the Battle of Kyiv in March": "winning" under "since" is
    past, whatever the modal above it says."""
    march = next(t for t in seed_analysis.times if t.text == "March")
    assert (march.value, march.begin) == ("2022-03", D(2022, 3, 1))
    later = only("Analysts said it would be the largest gain since recapturing Kherson in November.",
                 "November", D(2023, 1, 10))
    assert later.value == "2022-11"


@pytest.mark.parametrize(
    "text,published,expression,value",
    [
        # the quarter under discussion: "a year earlier" is that quarter a year back
        ("Profit rose in the third quarter from a year earlier.", D(1989, 10, 30), "a year earlier", "1988-Q3"),
        ("Sales fell in the year-ago quarter.", D(1989, 10, 30), "the year-ago quarter", "1988-Q3"),
        ("Net fell in the second quarter. The 1988 quarter was better.", D(1989, 10, 30),
         "The 1988 quarter", "1988-Q2"),
        ("Net rose in the 1988 second quarter.", D(1989, 10, 30), "the 1988 second quarter", "1988-Q2"),
        ("Nothing changed a year ago.", D(1989, 10, 30), "a year ago", "1988"),
        # a date without year is within about ten months of the report, whatever the tense says
        ("The dividend was declared payable Nov. 10.", D(1989, 11, 2), "Nov. 10", "1989-11-10"),
        ("Lawyers filed the papers Jan. 14.", D(2000, 1, 15), "Jan. 14", "2000-01-14"),
        ("The plant is to resume work Tuesday.", D(1989, 10, 27), "Tuesday", "1989-10-31"),
        ("They announced an agreement to acquire the bank in January.", D(1989, 11, 2), "January", "1990-01"),
        ("The new rules take hold effective Feb. 1.", D(1989, 10, 26), "Feb. 1", "1990-02-01"),
        # forms the grammar learnt
        ("In nineteen ninety-six a bomb exploded.", D(1998, 2, 27), "nineteen ninety-six", "1996"),
        ("He led the 1996 campaign.", D(1998, 2, 27), "1996", "1996"),
        ("Talks will go on in the near future.", D(2022, 9, 12), "the near future", "FUTURE_REF"),
        ("Officials met over the weekend.", D(2022, 9, 12), "the weekend", "2022-W36-WE"),
        ("Sales for the full year were high.", D(1989, 10, 30), "the full year", "1989"),
        ("Rates may fall in coming weeks.", D(2022, 9, 12), "coming weeks", "PXW"),
        ("It was an 11th century temple.", D(2022, 9, 12), "11th century", "10"),
        # planned events are ahead of the report; "since X" is always before it
        ("Protesters planned a large rally on Saturday.", D(2000, 1, 7), "Saturday", "2000-01-08"),
        ("On Tuesday, the league plans to hold a news conference.", D(1998, 10, 26), "Tuesday", "1998-10-27"),
        ("The vote is scheduled for Sunday.", D(1998, 10, 28), "Sunday", "1998-11-01"),
        ("The index is up 5% since year-end.", D(1989, 10, 30), "year-end", "1988-12-31"),
        ("The sale should close by year-end.", D(1989, 10, 30), "year-end", "1989-12-31"),
        ("Polls open on Election Day.", D(1998, 10, 26), "Election Day", "1998-11-03"),
        ("Earnings for the prior year were flat.", D(1998, 10, 28), "the prior year", "1997"),
        ("The ship left this past weekend.", D(1998, 10, 28), "this past weekend", "1998-W43-WE"),
        ("Talks resumed last weekend.", D(2022, 9, 12), "last weekend", "2022-W36-WE"),
        ("It will open in the second half of next year.", D(1998, 10, 28), "the second half of next year", "1999-H2"),
        ("The summit took place in the autumn of 1997.", D(1998, 10, 28), "the autumn of 1997", "1997-FA"),
        # "the countries to accede on Friday were ...": no "is to" future
        ("Among the countries to accede on Friday were Poland and Hungary.", D(1999, 3, 13), "Friday", "1999-03-12"),
    ],
)
def test_news_conventions_of_timeml(text, published, expression, value):
    assert only(text, expression, published).value == value


def test_ages_rates_and_verbs_are_no_times():
    found = [t.text for t in times("Mr. Reupke, 52 years old, earns $2 million a year. Prices could fall further.")]
    assert found == []


def test_timeml_extents():
    """Prepositions, focus adverbs and the determiner of the noun a date modifies stay outside."""
    text = ("Prices rose over the past 20 years. He served only six months. The Aug. 7 bombings "
            "hurt the third-quarter results. It took over two years.")
    found = [t.text for t in times(text, D(1998, 10, 28))]
    assert found == ["the past 20 years", "six months", "Aug. 7", "third-quarter", "over two years"]
    assert times("Funds account for more than a quarter of the market.") == []


def test_narrative_days_count_from_the_last_named_day():
    text = "Rebels attacked on Oct. 3. The army responded the next day. Earlier that day, talks failed."
    found = {t.text: t.value for t in times(text, D(1998, 10, 28))}
    assert found["the next day"] == "1998-10-04"
    assert found["Earlier that day"] == "1998-10-04"
    assert only("He returned the following morning.", "the following morning").value == "2022-09-13TMO"


@pytest.mark.parametrize("text, begin", [
    # a future clause in autumn: the coming winter, not the one that ended in February
    ("Kyiv will probably launch a new push before winter.", D(2022, 12, 1)),
    # an infinitive takes the tense of the verb it completes ("would try to ...")
    ("Officials said the army would try to reach the river before winter.", D(2022, 12, 1)),
    ("Last year the army tried to reach the river before winter.", D(2021, 12, 1)),
])
def test_bare_season_follows_the_clause_tense(text, begin):
    assert only(text, "winter").begin == begin
