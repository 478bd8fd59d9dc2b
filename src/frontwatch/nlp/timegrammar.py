"""Our grammar of English temporal expressions in news, and what each one means.

``find(text)`` returns the spans the rules recognise (longest match wins where rules overlap);
``normalise(match, anchor, future)`` turns one of them into a TIMEX3 type/value plus the calendar
days it covers, relative to ``anchor`` (the report date). ``future`` is the tense of the clause,
decided by the caller from the parse: it picks the year of "September 6" and the week of
"on Wednesday". Extents follow TimeML: determiners and qualifiers belong to the expression
("the past five days", "more than two years"), prepositions do not ("since", "within", "by").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace

from frontwatch.nlp import timegrammar_calendar as cal
from frontwatch.nlp.numbers import NUMBER, SMALL, TENS, alternation, parse_number
from frontwatch.nlp.regex_starts import Shapes, WordStarts, finditer_at, fold_case, start_shapes, word_starts
from frontwatch.nlp.timegrammar_calendar import Normalised

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
YEAR_STEP = {"this": 0, "last": -1, "next": 1}  # "this/last/next year"
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
            "saturday": 5, "sunday": 6}
UNITS = {
    "second": "second", "seconds": "second", "minute": "minute", "minutes": "minute",
    "hour": "hour", "hours": "hour", "day": "day", "days": "day", "night": "night",
    "nights": "night", "week": "week", "weeks": "week", "weekend": "weekend",
    "weekends": "weekend", "month": "month", "months": "month", "quarter": "quarter",
    "quarters": "quarter", "year": "year", "years": "year", "decade": "decade",
    "decades": "decade", "century": "century", "centuries": "century",
    "millennium": "millennium", "millennia": "millennium",
}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
            "4th": 4}
# Qualifiers TimeML keeps inside a duration's extent (its ``mod`` attribute). Focus adverbs
# ("only six months", "just a few minutes", "barely a month") have no ``mod`` and stay outside.
QUALIFIERS = ["about", "around", "approximately", "roughly", "nearly", "almost", "some",
              "more than", "over", "less than", "under", "at least", "at most", "up to",
              "fewer than", "well over"]
VAGUE_AMOUNTS = ["a few", "few", "several", "many", "a couple of", "a number of"]
# Fixed-date holidays news refers to by name; month, day.
HOLIDAYS = {"christmas day": (12, 25), "christmas eve": (12, 24), "christmas": (12, 25),
            "new year's day": (1, 1), "new year's eve": (12, 31), "victory day": (5, 9),
            "halloween": (10, 31)}
# US holidays on a weekday of November: Thanksgiving (fourth Thursday), Election Day (the Tuesday
# after the first Monday).
MOVABLE_HOLIDAYS: dict[str, Callable[[int], dt.date]] = {
    "thanksgiving": lambda year: cal.nth_weekday(year, 11, 3, 4),
    "election day": lambda year: cal.nth_weekday(year, 11, 0, 1) + dt.timedelta(days=1),
}
SET_ADVERBS = {"hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W",
               "monthly": "P1M", "quarterly": "P3M", "yearly": "P1Y", "annually": "P1Y"}
REFERENCES = {"now": "PRESENT_REF", "currently": "PRESENT_REF", "nowadays": "PRESENT_REF",
              "these days": "PRESENT_REF", "at present": "PRESENT_REF",
              "the present": "PRESENT_REF", "presently": "PRESENT_REF",
              "recently": "PAST_REF", "lately": "PAST_REF",
              "the past": "PAST_REF", "the future": "FUTURE_REF", "the near future": "FUTURE_REF",
              "the distant future": "FUTURE_REF", "the foreseeable future": "FUTURE_REF",
              "the short term": "FUTURE_REF", "the near term": "FUTURE_REF", "the long term": "FUTURE_REF",
              "past years": "PAST_REF"}
# Adjectives TimeML marks as references when they place a noun in time ("current talks",
# "future losses", "recent fighting"); only before a lower-case word, see the ``reference`` rule.
REFERENCE_ADJECTIVES = {"current": "PRESENT_REF", "future": "FUTURE_REF", "recent": "PAST_REF"}


def _capitalised(words) -> str:
    """Alternation matching Capitalised or UPPER forms only (so "may" the verb is no month)."""
    forms = [f for w in words for f in (w.capitalize(), w.upper())]
    return f"(?-i:{alternation(forms)})"


_ABBREVIATED = [m for m in MONTHS if len(m) <= 4 and m not in ("may", "june", "july")]
_FULL_MONTH = _capitalised(m for m in MONTHS if m not in _ABBREVIATED)
#: any month name, abbreviations included ("Sept. 6"); bare months must be written in full
MONTH = rf"(?P<month>{_FULL_MONTH}|{_capitalised(_ABBREVIATED)}\.?)(?![\w'’])"
FULL_MONTH = rf"(?P<month>{_FULL_MONTH}|(?-i:Sept)\.)(?![\w'’])"
WEEKDAY_WORD = _capitalised(WEEKDAYS)
WEEKDAY = rf"(?P<weekday>{WEEKDAY_WORD})(?![\w])"
_TEENS = alternation(w for w, n in SMALL.items() if n >= 10)
_TENS = alternation(TENS)
_ONES = alternation(w for w, n in SMALL.items() if 1 <= n <= 9)
#: years as broadcasts say them: "nineteen ninety-six", "nineteen oh five"
SPOKEN_YEAR = (rf"(?:seventeen|eighteen|nineteen)[\s-]+(?:(?:{_TENS})(?:[\s-]+(?:{_ONES}))?|{_TEENS}"
               rf"|oh[\s-]+(?:{_ONES}))(?![\w-])")
YEAR = rf"(?P<year>(?:1[6-9]|20)\d\d|'\d\d|{SPOKEN_YEAR})(?!\d|,\d|\s*(?:%|percent|per\s+cent))"
DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:,.]\d|\s*(?:%|percent))"
UNIT = rf"(?P<unit>{alternation(UNITS)})\b"
AMOUNT = (rf"(?P<amount>{NUMBER}(?:\s+1/2|\s*½|\s+(?:to|or|-)\s*(?:{NUMBER}))?"
          rf"|an?|{alternation(VAGUE_AMOUNTS)})")
# "over the past 20 years" is the preposition, "over two years" the qualifier
QUALIFIER = rf"(?:(?P<qualifier>{alternation(QUALIFIERS)})\s+(?!the\s))?"
EDGE = (r"(?:(?P<edge>(?:the\s+)?(?:end|beginning|start|middle|rest|remainder)\s+of"
        r"|early|earlier|late|later|mid)[\s-]+)?")
RELATIVE = r"(?P<rel>this|last|next|past|previous|coming|current|following)"
# "last week" is a date, "the last week" a duration (rule ``period_direction_only``)
RELATIVE_DATE = (r"(?:(?P<rel>(?:this\s+)?past|this|last|next|coming|current)"
                 r"|the\s+(?P<rel2>current|previous|prior|following))")
SEASON = rf"(?P<season>{alternation(cal.SEASONS)})\b"
CLOCK = (
    r"(?:(?P<hour>[01]?\d)(?:[:.](?P<minute>[0-5]\d))?\s*(?P<ampm>[ap]\.?\s?m\b\.?)"
    r"|(?P<hhmm>[01]\d|2[0-3]):?(?P<mm>[0-5]\d)\s+(?:GMT|UTC|hours|hrs)\b"
    r"|(?P<named>noon|midday|midnight))"
    r"(?:\s+(?:(?-i:[ECMP][SD]T|GMT|UTC|BST|CET|EET|EEST|MSK)\b|local\s+time|(?:Moscow|Kyiv|Kiev)\s+time))?"
)


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern
    meaning: Callable[[re.Match, dt.date, bool], Normalised | None]
    # lower-case words one of which every match contains: a text without any of them is not
    # scanned (each rule's scan reads the whole text); None: always scanned
    triggers: tuple[str, ...] | None = None
    # how a match can begin (``regex_starts``): the rule is tried only at word starts that
    # begin so; None: at every position
    shapes: Shapes | None = None


@dataclass(frozen=True)
class Match:
    """A recognised expression: its extent in the text and the rule that explains it."""

    start: int
    end: int
    text: str
    rule: Rule
    groups: re.Match
    day_part: str = ""  # "MO", "AF", "EV", "NI" from a following "morning", "night", ...
    clock: re.Match | None = None  # a time of day joined to a date ("10 a.m. Friday")


# --------------------------------------------------------------------------- meanings


def _amount(text: str) -> float | None:
    """Number of units; None for vague amounts ("several", "a few")."""
    text = text.lower()
    if text in ("a", "an"):
        return 1.0
    if text == "a couple of":
        return 2.0
    if text in VAGUE_AMOUNTS or re.search(r"\s(?:to|or|-)\s|\d\s*-\s*\d", text):
        return None  # a range like "12 to 18 months" is a vague duration in TimeML
    half = re.search(r"\s+1/2$|\s*½$", text)
    if half:
        base = parse_number(text[: half.start()])
        return None if base is None else base + 0.5
    return parse_number(text)


def _unit(m: re.Match) -> str:
    return UNITS[m.group("unit").lower()]


def _year(text: str, anchor: dt.date) -> int:
    if text[:1].isalpha():  # "nineteen ninety-six": hundreds, then the rest ("oh five" = 5)
        century, rest = re.split(r"[\s-]+", text.lower(), maxsplit=1)
        return 100 * SMALL[century] + int(parse_number(re.sub(r"^oh[\s-]+", "", rest)) or 0)
    if text.startswith("'"):
        two = int(text[1:])
        century = anchor.year - anchor.year % 100
        return century + two if century + two <= anchor.year + 10 else century - 100 + two
    return int(text)


def _calendar_date(m: re.Match, anchor: dt.date, future: bool | None) -> Normalised | None:
    month = MONTHS[m.group("month").rstrip(".").lower()]
    day = int(m.group("day")) if m.groupdict().get("day") else None
    groups = m.groupdict()
    if groups.get("yrel"):
        year = anchor.year + YEAR_STEP[groups["yrel"].lower()]
    elif groups.get("year"):
        year = _year(groups["year"], anchor)
    elif day is not None and groups.get("weekday"):
        year = _year_matching_weekday(month, day, WEEKDAYS[groups["weekday"].lower()], anchor, future)
    else:
        year = cal.closest_year(month, day, anchor, future)
    if day is None:
        return cal.month_point(year, month)
    try:
        return cal.day_point(dt.date(year, month, day))
    except ValueError:
        return None


def _year_matching_weekday(month: int, day: int, weekday: int, anchor: dt.date, future: bool | None) -> int:
    """ "Saturday, April 25": the year (next to the anchor's) in which that date is a Saturday."""
    for year in sorted(range(anchor.year - 2, anchor.year + 3), key=lambda y: abs(y - anchor.year)):
        try:
            if dt.date(year, month, day).weekday() == weekday:
                return year
        except ValueError:
            continue
    return cal.closest_year(month, day, anchor, future)


def _relative_month(m: re.Match, anchor: dt.date, future: bool | None) -> Normalised:
    month = MONTHS[m.group("month").rstrip(".").lower()]
    rel = (m.group("rel") or "").lower()
    if rel == "this":
        return cal.month_point(anchor.year, month)
    if rel in ("last", "past", "previous"):
        return cal.month_point(anchor.year if month < anchor.month else anchor.year - 1, month)
    if rel in ("next", "coming", "following"):
        return cal.month_point(anchor.year if month > anchor.month else anchor.year + 1, month)
    return cal.month_point(cal.closest_year(month, None, anchor, future), month)


def _numeric_date(m: re.Match, anchor: dt.date, future: bool | None) -> Normalised | None:
    year = int(m.group("y"))
    year = year + (2000 if year < 50 else 1900) if year < 100 else year
    try:
        return cal.day_point(dt.date(year, int(m.group("m")), int(m.group("d"))))
    except ValueError:
        return None


def _day_of_month(m: re.Match, anchor: dt.date, future: bool | None) -> Normalised | None:
    """ "on the 6th": that day of the report's month, or of the month before/after."""
    day = int(m.group("day"))
    month_start = anchor.replace(day=1)
    for delta in ((0, 1) if future else (0, -1)):
        first = cal.add_months(month_start, delta)
        try:
            candidate = first.replace(day=day)
        except ValueError:
            continue
        if (candidate >= anchor) if future else (candidate <= anchor):
            return cal.day_point(candidate)
    return None


def _year_only(m: re.Match, anchor: dt.date, future: bool | None) -> Normalised:
    return cal.year_point(_year(m.group("year"), anchor))


def _century(m: re.Match, anchor: dt.date, future: bool | None) -> Normalised:
    word = m.group("ordinal").lower()
    number = ORDINALS.get(word) or _ORDINAL_WORDS.get(word) or int(re.sub(r"\D", "", word))
    return cal.century_point(number)


_ORDINAL_WORDS = {"nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty first": 21}


def _weekday(m: re.Match, anchor: dt.date, future: bool | None) -> Normalised:
    weekday = WEEKDAYS[m.group("weekday").lower()]
    rel = (m.group("rel") or "").lower()
    if rel in ("last", "past", "previous"):
        direction = "last"
    elif rel in ("next", "coming", "following"):
        direction = "next"
    else:
        direction = "future" if future else "past"
    return cal.day_point(cal.weekday_near(anchor, weekday, direction))


def _day_word(m: re.Match, anchor: dt.date, future: bool | None) -> Normalised:
    word = " ".join(m.group().lower().split())
    offset = {"yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
              "the day after tomorrow": 2, "day before yesterday": -2,
              "day after tomorrow": 2, "last night": -1}.get(word, 0)
    point = cal.day_point(anchor + dt.timedelta(days=offset))
    part = {"tonight": "NI", "last night": "NI", "overnight": "NI"}.get(word)
    if word.startswith(("this ", "later this ", "earlier this ")):
        part = PARTS_OF_DAY[word.split()[-1]]
    if part:
        return Normalised("TIME", f"{point.value}T{part}", "day", point.begin, point.end)
    return point


def _narrative_day(m: re.Match, anchor: dt.date, future: bool | None) -> Normalised:
    """ "the next day", "the previous evening", "that same day": a day counted from the story's
    reference day (see ``on_reference_day``); from the report date until the text names one."""
    rel = (m.group("rel") or "same").lower()
    days = {"next": 1, "following": 1, "previous": -1, "prior": -1}.get(rel, 0)
    return replace(on_reference_day(anchor, days, m.group("part")), reference_days=days)


def on_reference_day(day: dt.date, days: int, part: str | None = None) -> Normalised:
    """The day ``days`` after ``day`` (a part of it for "morning", "night", ...)."""
    point = cal.day_point(day + dt.timedelta(days=days))
    code = PARTS_OF_DAY.get((part or "").lower())
    return Normalised("TIME", f"{point.value}T{code}", "day", point.begin, point.end) if code else point


def _reference(m: re.Match, anchor: dt.date, future: bool | None) -> Normalised:
    words = " ".join(m.group().lower().split())
    value = REFERENCES.get(words) or REFERENCE_ADJECTIVES[words]
    if value == "PRESENT_REF":
        return Normalised("DATE", value, "day", anchor, anchor)
    if value == "PAST_REF":
        return Normalised("DATE", value, "unknown", None, anchor)
    return Normalised("DATE", value, "unknown", anchor, None)


def _the_weekend(anchor: dt.date, future: bool | None) -> Normalised:
    """ "over the weekend": the one under way or just past; in a future clause the coming one."""
    if anchor.weekday() >= 5 or future:
        return cal.weekend_point(anchor)
    return cal.weekend_point(anchor - dt.timedelta(days=7))


def _recent(m: re.Match, anchor: dt.date, future: bool | None) -> Normalised:
    """ "recent days/weeks": a few units up to the report date (taken as three)."""
    unit = _unit(m)
    return Normalised("DATE", "PAST_REF", unit, cal.shift(anchor, -3, unit), anchor)


def _relative_unit(m: re.Match, anchor: dt.date, future: bool | None) -> Normalised | None:
    """ "last week", "this year", "earlier this month", "the end of the year", "next spring"."""
    groups = m.groupdict()
    unit = UNITS.get((groups.get("unit") or "").lower()) or (groups.get("season") or "").lower()
    rel = (groups.get("rel") or groups.get("rel2") or "this").lower()
    rel = rel.split()[-1]  # "this past weekend" is the past one
    step = {"last": -1, "past": -1, "previous": -1, "prior": -1, "next": 1, "coming": 1, "following": 1}.get(rel, 0)
    if unit in cal.SEASONS:
        return _nearest_season(unit, anchor, step, rel == "this" and bool(groups.get("rel")), future)
    if unit == "quarter":
        return cal.unit_point(cal.shift(anchor, 3 * step, "month"), unit)
    if unit == "weekend" and step:  # "last weekend" is the one just past, "next weekend" the coming one
        in_weekend = anchor.weekday() >= 5
        return cal.weekend_point(anchor + dt.timedelta(days=-7 if step < 0 else 7 if in_weekend else 0))
    return cal.unit_point(cal.shift(anchor, step, unit), unit)


def _period(m: re.Match, anchor: dt.date, future: bool | None) -> Normalised | None:
    """ "the past five days", "the next 48 hours", "six months", "more than two years": a
    duration; with past/next it also covers the days between the anchor and its other end."""
    unit = _unit(m)
    amount_text = m.groupdict().get("amount")
    if amount_text is None:  # "the past week" is one week, "the coming days" a few
        amount = None if m.group("unit").lower().endswith("s") else 1.0
    else:
        amount = _amount(amount_text)
    if amount is not None and m.groupdict().get("half"):
        amount += 0.5
    direction = (m.group("direction") or "").lower()
    value = cal.duration_value(amount, unit)
    span = amount if amount is not None else 3
    if direction in ("past", "last", "previous", "recent"):
        return Normalised("DURATION", value, unit, cal.shift(anchor, -span, unit), anchor)
    if direction in ("next", "coming", "following", "upcoming"):
        return Normalised("DURATION", value, unit, anchor, _forward(anchor, span, unit))
    return Normalised("DURATION", value, unit)


def _nearest_season(season: str, anchor: dt.date, step: int, explicit_this: bool, future: bool) -> Normalised:
    """ "last summer": the latest one over by the anchor; "next": the first not yet begun;
    "this"/bare: the anchor year's, or the one before when it has not begun and the clause is past,
    or the next one when the anchor year's is over and the clause is future."""
    this_year = cal.season_point(anchor.year, season)
    if step < 0:
        return this_year if this_year.end < anchor else cal.season_point(anchor.year - 1, season)
    if step > 0:
        return this_year if this_year.begin > anchor else cal.season_point(anchor.year + 1, season)
    if future and not explicit_this and this_year.end < anchor:
        return cal.season_point(anchor.year + 1, season)  # "will ... before winter" in autumn
    if explicit_this or this_year.begin <= anchor or future:
        return this_year
    return cal.season_point(anchor.year - 1, season)


def _forward(anchor: dt.date, amount: float, unit: str) -> dt.date:
    """Last day reached counting ``amount`` units forward: whole days up (48 h → +2 days)."""
    days = amount * cal.UNIT_DAYS[unit]
    if unit in ("month", "quarter", "year", "decade", "century"):
        return cal.shift(anchor, amount, unit)
    return anchor + dt.timedelta(days=int(-(-days // 1)))


def _ago(m: re.Match, anchor: dt.date, future: bool | None) -> Normalised | None:
    """ "two weeks ago" → the week two weeks back; "about two years ago" is a DURATION."""
    unit = _unit(m)
    amount = _amount(m.group("amount"))
    if amount is None:  # "several years ago"
        return Normalised("DATE", "PAST_REF", "unknown", None, anchor)
    if m.group("qualifier"):
        value = cal.duration_value(amount, unit)
        return Normalised("DURATION", value, unit, None, anchor)
    sign = 1 if m.group("direction").lower() in ("from now", "hence") else -1
    if unit in ("hour", "minute", "second"):
        return cal.day_point(anchor)
    point = cal.unit_point(cal.shift(anchor, sign * amount, unit), unit)
    if unit == "year" and sign < 0 and amount == int(amount):
        return replace(point, reference_shift=-int(amount))  # "a year earlier": that quarter, a year back
    return point


def _quarter(m: re.Match, anchor: dt.date, future: bool | None) -> Normalised:
    """ "the third quarter", "the 1988 second quarter", "the year-ago quarter", "the latest
    period", "the 1988 quarter": the last three name the quarter under discussion (see
    ``Normalised.reference_shift``); without one they fall back on the last completed quarter."""
    groups = m.groupdict()
    word = (groups.get("ordinal") or groups.get("period") or "").lower()
    current = (anchor.month - 1) // 3 + 1
    if groups.get("year"):
        year = _year(groups["year"], anchor)
    elif groups.get("qyear"):
        year = int(groups["qyear"])
    elif groups.get("yrel"):
        year = anchor.year + YEAR_STEP[groups["yrel"].lower()]
    else:
        year = anchor.year
    if word in ORDINALS:
        quarter = ORDINALS[word]
        explicit_year = groups.get("year") or groups.get("qyear") or groups.get("yrel")
        if not explicit_year and quarter > current and not future:
            year -= 1
        return cal.quarter_point(year - (1 if groups.get("ago") else 0), quarter)
    if word == "current":
        return cal.quarter_point(year, current)
    quarter, year = _previous_quarter(anchor, current)
    if groups.get("qyear2"):
        return replace(cal.quarter_point(int(groups["qyear2"]), quarter), reference_year=int(groups["qyear2"]))
    if word in ("year-earlier", "year-ago"):
        return replace(cal.quarter_point(year - 1, quarter), reference_shift=-1)
    if not word or groups.get("period"):
        return replace(cal.quarter_point(year, quarter), reference_shift=0)  # "the latest period", "the quarter"
    return cal.quarter_point(year, quarter)  # "last quarter", "the previous quarter"


def on_reference_quarter(meaning: Normalised, quarter: Normalised) -> Normalised:
    """``meaning`` (marked as relative to the period under discussion) made concrete on
    ``quarter``, the last quarter the text mentioned."""
    year, number = int(quarter.value[:4]), int(quarter.value[-1])
    if meaning.reference_year is not None:
        year = meaning.reference_year
    else:
        year += meaning.reference_shift or 0
    return cal.quarter_point(year, number)


def _previous_quarter(anchor: dt.date, current: int) -> tuple[int, int]:
    return (4, anchor.year - 1) if current == 1 else (current - 1, anchor.year)


def _half(m: re.Match, anchor: dt.date, future: bool | None) -> Normalised:
    half = 1 if m.group("half").lower() == "first" else 2
    if m.group("yrel"):
        return cal.half_point(anchor.year + YEAR_STEP[m.group("yrel").lower()], half)
    year = _year(m.group("year"), anchor) if m.group("year") else anchor.year
    if not m.group("year") and half == 2 and anchor.month <= 6 and not future:
        year -= 1
    return cal.half_point(year, half)


def _season(m: re.Match, anchor: dt.date, future: bool | None) -> Normalised:
    season = m.group("season").lower()
    if m.group("year"):
        return cal.season_point(_year(m.group("year"), anchor), season)
    return _relative_unit(m, anchor, future)


def _holiday(m: re.Match, anchor: dt.date, future: bool | None) -> Normalised:
    name = " ".join(m.group("holiday").lower().replace("’", "'").split())
    movable = next((date_in for key, date_in in MOVABLE_HOLIDAYS.items() if name.startswith(key)), None)
    if movable is None:
        month, day = HOLIDAYS[name]
    else:  # the year is chosen as for the holiday's date in the report's year
        this_year = movable(anchor.year)
        month, day = this_year.month, this_year.day
    year = _year(m.group("year"), anchor) if m.group("year") else cal.closest_year(month, day, anchor, future)
    return cal.day_point(movable(year) if movable else dt.date(year, month, day))


def _year_end(m: re.Match, anchor: dt.date, future: bool | None) -> Normalised:
    """ "by year-end" is the coming 31 December, "since year-end" (a past clause) the last one."""
    year = anchor.year - 1 if future is False and (anchor.month, anchor.day) != (12, 31) else anchor.year
    return cal.day_point(dt.date(year, 12, 31))


def _set(m: re.Match, anchor: dt.date, future: bool | None) -> Normalised:
    groups = m.groupdict()
    if groups.get("adverb"):
        return Normalised("SET", SET_ADVERBS[groups["adverb"].lower()], "unknown")
    if groups.get("weekday"):
        return Normalised("SET", f"XXXX-WXX-{WEEKDAYS[groups['weekday'].lower()] + 1}", "unknown")
    if groups.get("month"):
        return Normalised("SET", f"XXXX-{MONTHS[groups['month'].rstrip('.').lower()]:02d}", "unknown")
    return Normalised("SET", cal.duration_value(1, _unit(m)), "unknown")


def _clock(m: re.Match, anchor: dt.date, future: bool | None) -> Normalised:
    return Normalised("TIME", f"{anchor.isoformat()}T{clock_value(m)}", "hour", anchor, anchor)


def clock_value(m: re.Match) -> str:
    """ "10 a.m." → "10:00", "noon" → "12:00", "1430 GMT" → "14:30"."""
    named = (m.group("named") or "").lower()
    if named:
        return "24:00" if named == "midnight" else "12:00"
    if m.group("hhmm"):
        return f"{int(m.group('hhmm')):02d}:{m.group('mm')}"
    hour = int(m.group("hour")) % 12
    if m.group("ampm").lower().startswith("p"):
        hour += 12
    return f"{hour:02d}:{m.group('minute') or '00'}"


# --------------------------------------------------------------------------- rules


def _rule(name: str, pattern: str, meaning, triggers: Iterable[str] | None = None) -> Rule:
    """Every rule begins where no word character or hyphen precedes (``WordStarts``)."""
    compiled = re.compile(rf"(?<![\w-])(?:{pattern})", re.IGNORECASE)
    return Rule(name, compiled, meaning, None if triggers is None else tuple(triggers),
                start_shapes(compiled))


_PERIOD_DIRECTION = r"(?:the\s+)?(?:(?P<direction>past|last|next|previous|coming|following|upcoming|recent|first|final|remaining|latest|initial|same|entire|whole)\s+)?"
# "the 1988 quarter" is a quarter of 1988, not 1988 quarters (a plural amount needs a plural unit)
_NOT_A_YEAR_BEFORE_UNIT = r"(?!(?:1[6-9]|20)\d\d\s+(?:second|minute|hour|day|week|month|quarter|year)\b)"
_HOLIDAY = alternation([*HOLIDAYS, *MOVABLE_HOLIDAYS, "new year’s day", "new year’s eve", "thanksgiving day"])

RULES: list[Rule] = [
    _rule("iso_date", r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?!\d)", _numeric_date),
    _rule("us_date", r"(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/(?P<y>\d{4}|\d\d)(?!\d)",
          _numeric_date, ["/"]),
    _rule("month_day",
          rf"(?:(?P<weekday>{WEEKDAY_WORD}),?\s+)?{MONTH}\s+{DAY}"
          rf"(?:,?\s+{YEAR})?", _calendar_date),
    _rule("day_month",
          rf"(?:(?P<weekday>{WEEKDAY_WORD}),?\s+)?(?:the\s+)?{DAY}(?:\s+of)?\s+{MONTH}"
          rf"(?:,?\s+{YEAR})?", _calendar_date),
    _rule("month_year", rf"{EDGE}{MONTH},?\s+(?:of\s+)?(?:{YEAR}|(?P<yrel>this|last|next)\s+year\b)",
          _calendar_date),
    _rule("month", rf"{EDGE}(?:{RELATIVE}\s+)?{FULL_MONTH}", _relative_month),
    _rule("day_of_month", r"(?<=\bon\s)the\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)\b", _day_of_month),
    _rule("year", rf"{EDGE}(?:(?:fiscal|calendar)\s+(?:year\s+)?)?{YEAR}", _year_only),
    _rule("decade", r"(?:the\s+)?(?:early\s+|mid-?|late\s+)?(?:(?P<decade>(?:1[6-9]|20)\d0)|['’](?P<decade2>\d0))['’]?s\b",
          lambda m, a, f: _decade_groups(m, a, f), ("0s", "0'", "0’")),
    _rule("century", r"(?:the\s+)?(?P<ordinal>\d{1,2}(?:st|nd|rd|th)|nineteenth|twentieth|twenty[-\s]first)\s+century",
          _century, ["century"]),
    _rule("weekday", rf"(?:{RELATIVE}\s+)?{WEEKDAY}", _weekday, WEEKDAYS),
    _rule("day_word",
          r"(?:the\s+)?day\s+(?:before\s+yesterday|after\s+tomorrow)|today|yesterday|tomorrow|tonight"
          r"|overnight|last\s+night|(?:later\s+|earlier\s+)?this\s+(?:morning|afternoon|evening)",
          _day_word),
    _rule("narrative_day", r"(?:(?:earlier|later)\s+(?=that\s))?"
          r"(?:the\s+(?P<rel>next|following|previous|prior|same)|that(?:\s+same)?)\s+"
          r"(?P<part>day|morning|afternoon|evening|night)\b(?!s|-)", _narrative_day),
    _rule("reference", rf"(?:{alternation(REFERENCES)})\b"
          rf"|(?-i:{alternation(f for w in REFERENCE_ADJECTIVES for f in (w, w.capitalize()))})"
          r"(?=\s+(?-i:[a-z]))", _reference),
    _rule("weekend", r"the\s+weekend\b", lambda m, a, f: _the_weekend(a, f), ["weekend"]),
    _rule("recent", r"recent\s+(?P<unit>days|weeks|months|years)\b", _recent, ["recent"]),
    _rule("relative_unit",
          rf"{EDGE}{RELATIVE_DATE}\s+(?:(?P<unit>week|weekend|month|quarter|year|decade|century)\b|{SEASON})",
          _relative_unit),
    _rule("edge_unit", r"(?P<edge>the\s+(?:end|beginning|start|middle|rest|remainder)\s+of)\s+the\s+"
          r"(?P<unit>week|month|year|decade|century)\b", _relative_unit),
    _rule("period", rf"{QUALIFIER}{_PERIOD_DIRECTION}{_NOT_A_YEAR_BEFORE_UNIT}{AMOUNT}\s+(?:more\s+|additional\s+|full\s+|straight\s+|consecutive\s+)?{UNIT}(?!(?<=second)[\s-]+[a-z])(?P<half>\s+and\s+a\s+half)?(?:\s+or\s+so)?",
          _period),
    _rule("period_direction_only",
          rf"(?:the\s+|(?=(?:coming|upcoming)\s))(?P<direction>past|last|next|coming|previous|following|upcoming)"
          rf"\s+{UNIT}|the\s+(?P<ahead>days|weeks|months|years)\s+ahead\b", lambda m, a, f: _period_or_ahead(m, a, f)),
    _rule("the_year", r"the\s+(?P<ended>year)(?=\s+(?:ended|ending)\b)"
          r"|the\s+(?:(?:full|fiscal|current\s+fiscal|calendar)\s+)?year\b(?!-)", lambda m, a, f: _the_year(m, a)),
    _rule("period_adjective", rf"(?P<amount>{NUMBER}|one|a)-(?P<unit>{alternation(UNITS)})(?!-old)(?![\w-])",
          lambda m, a, f: _period_without_direction(m, a, f)),
    _rule("bare_period", r"(?<=\bfor\s)(?P<unit>years|months|weeks|decades|centuries|days|hours)\b"
          r"|(?<=\bin\s)(?P<unit2>years|months|decades)\b", lambda m, a, f: _bare_groups(m, a, f)),
    _rule("ago", rf"{QUALIFIER}{AMOUNT}\s+{UNIT}\s+(?P<direction>ago|earlier|from\s+now|hence)", _ago,
          ["ago", "earlier", "now", "hence"]),
    _rule("quarter",
          r"(?:the\s+(?!(?:fiscal[-\s]+)?[\w]+-(?:fiscal-)?quarter\b))?"
          r"(?:(?P<qyear>(?:1[6-9]|20)\d\d)\s+|(?P<ago>year-(?:earlier|ago))\s+)?(?:fiscal[-\s]+)?"
          r"(?P<ordinal>first|second|third|fourth|1st|2nd|3rd|4th|latest|last|current|"
          r"previous|past|year-earlier|year-ago)[-\s]+(?:fiscal[-\s]+)?quarter\b(?!s)"
          rf"(?:\s+of\s+(?:(?:fiscal\s+)?{YEAR}|(?P<yrel>this|last|next)\s+year))?"
          r"|(?:the\s+)?(?P<qyear2>(?:1[6-9]|20)\d\d)\s+quarter\b(?!s)"
          r"|(?:the\s+)?(?P<period>latest|year-earlier|year-ago)\s+period\b|the\s+quarter\b",
          _quarter, ["quarter", "period"]),
    _rule("quarter_code", rf"Q(?P<ordinal>[1-4])\s+{YEAR}", lambda m, a, f: _quarter_code(m, a, f),
          ["q1", "q2", "q3", "q4"]),
    _rule("half", rf"the\s+(?P<half>first|second)\s+half"
          rf"(?:\s+of\s+(?:the\s+year|{YEAR}|(?P<yrel>this|last|next)\s+year\b))?", _half, ["half"]),
    _rule("season", rf"{EDGE}(?:the\s+)?{SEASON}(?:\s+(?:of\s+)?{YEAR})?", _season, cal.SEASONS),
    _rule("year_end", r"(?:the\s+)?year[-\s]end\b(?!-|\s+(?:of|results|figures|bonus))", _year_end),
    _rule("holiday", rf"(?P<holiday>(?=(?-i:[A-Z]))(?:{_HOLIDAY}))(?:\s+{YEAR})?", _holiday,
          ["christmas", "year", "victory", "halloween", "thanksgiving", "election"]),
    _rule("set", rf"(?:every|each|per)\s+(?:other\s+)?(?:{UNIT}|{WEEKDAY}|{FULL_MONTH})"
          rf"|(?:once|twice|{NUMBER}\s+times)\s+(?:a|an|per|each)\s+(?P<unit2>{alternation(UNITS)})\b"
          rf"|(?P<adverb>{alternation(SET_ADVERBS)})\b", lambda m, a, f: _set_groups(m, a, f),
          ["every", "each", "per", "once", "twice", "times", *SET_ADVERBS]),
    _rule("clock", CLOCK, _clock),
]


def _decade_groups(m: re.Match, anchor: dt.date, future: bool | None) -> Normalised:
    digits = m.group("decade") or m.group("decade2")
    if len(digits) == 2:
        year = anchor.year - anchor.year % 100 + int(digits)
        return cal.decade_point(year if year <= anchor.year else year - 100)
    return cal.decade_point(int(digits))


def _period_without_direction(m: re.Match, anchor: dt.date, future: bool | None) -> Normalised | None:
    amount = _amount(m.group("amount"))
    unit = UNITS[m.group("unit").lower()]
    return Normalised("DURATION", cal.duration_value(amount, unit), unit)


def _period_or_ahead(m: re.Match, anchor: dt.date, future: bool | None) -> Normalised | None:
    """ "the coming weeks" and "the weeks ahead" are the same vague window from the anchor."""
    if not m.group("ahead"):
        return _period(m, anchor, future)
    unit = UNITS[m.group("ahead").lower()]
    return Normalised("DURATION", cal.duration_value(None, unit), unit, anchor, _forward(anchor, 3, unit))


def _the_year(m: re.Match, anchor: dt.date) -> Normalised:
    """ "for the year ended June 30" is a year's length; "the (fiscal) year" the report's year."""
    if m.group("ended"):
        return Normalised("DURATION", "P1Y", "year")
    return cal.year_point(anchor.year)


def _bare_groups(m: re.Match, anchor: dt.date, future: bool | None) -> Normalised:
    unit = UNITS[(m.group("unit") or m.group("unit2")).lower()]
    return Normalised("DURATION", cal.duration_value(None, unit), unit)


def _quarter_code(m: re.Match, anchor: dt.date, future: bool | None) -> Normalised:
    return cal.quarter_point(_year(m.group("year"), anchor), int(m.group("ordinal")))


def _set_groups(m: re.Match, anchor: dt.date, future: bool | None) -> Normalised:
    groups = m.groupdict()
    if groups.get("unit2"):
        return Normalised("SET", cal.duration_value(1, UNITS[groups["unit2"].lower()]), "unknown")
    return _set(m, anchor, future)


_PART_OF_DAY = re.compile(r"\s+(?P<part>morning|afternoon|evening|night)\b", re.IGNORECASE)


def find(text: str) -> list[Match]:
    """All expressions in ``text``: longest first, no overlaps, in text order."""
    folded = fold_case(text)
    starts = word_starts(text)
    candidates = [
        (m.start(), m.end(), index, rule, m)
        for index, rule in enumerate(RULES)
        if rule.triggers is None or any(word in folded for word in rule.triggers)
        for m in _scan(rule, text, starts)
        if m.end() > m.start()
    ]
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0], c[2]))
    taken: list[tuple[int, int]] = []
    chosen: list[Match] = []
    for start, end, _, rule, m in candidates:
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        taken.append((start, end))
        chosen.append(Match(start, end, text[start:end], rule, m))
    chosen.sort(key=lambda c: c.start)
    return _join_times_of_day(text, chosen)


def _scan(rule: Rule, text: str, starts: WordStarts) -> Iterator[re.Match]:
    """``rule.pattern.finditer(text)``, trying only the word starts the rule can begin at."""
    if rule.shapes is None or not starts.usable:
        return rule.pattern.finditer(text)
    return finditer_at(rule.pattern, text, starts.matching(rule.shapes))


def _join_times_of_day(text: str, matches: list[Match]) -> list[Match]:
    """ "Wednesday night", "10 a.m. Friday", "Friday at 10 a.m." become one TIME expression."""
    joined: list[Match] = []
    for match in matches:
        if match.rule.name in _DAY_RULES and not match.day_part:
            part = _PART_OF_DAY.match(text, match.end)
            if part:
                match = Match(match.start, part.end(), text[match.start:part.end()], match.rule,
                              match.groups, PARTS_OF_DAY[part.group("part").lower()])
        previous = joined[-1] if joined else None
        if previous and text[previous.end:match.start].strip(" ,").lower() in ("", "on", "at"):
            clock, day = (previous, match) if previous.rule.name == "clock" else (match, previous)
            if clock.rule.name == "clock" and day.rule.name in _DAY_RULES:
                joined[-1] = Match(previous.start, match.end, text[previous.start:match.end],
                                   day.rule, day.groups, day.day_part, clock.groups)
                continue
        joined.append(match)
    return joined


_DAY_RULES = {"iso_date", "us_date", "month_day", "day_month", "weekday", "day_word", "day_of_month",
              "holiday"}


def normalise(match: Match, anchor: dt.date, future: bool | None = None) -> Normalised | None:
    """What ``match`` means relative to ``anchor``; None when it names no real date."""
    meaning = match.rule.meaning(match.groups, anchor, future)
    if meaning is None or not (match.clock or match.day_part) or meaning.type != "DATE":
        return meaning
    suffix = clock_value(match.clock) if match.clock else match.day_part
    return Normalised("TIME", f"{meaning.value}T{suffix}", "hour" if match.clock else "day",
                      meaning.begin, meaning.end)
