"""Calendar arithmetic and TIMEX3 value formatting for the time grammar.

Kept apart from the grammar so the rules only say *what* an expression means ("the week two
weeks before the anchor") and this module says how that is written in TimeML ("2022-W35") and
which calendar days it covers (2022-08-29 .. 2022-09-04).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

# TimeML duration unit letters (P5D, PT48H, P2DE, ...) and whether they sit after the "T".
DURATION_CODES: dict[str, tuple[str, bool]] = {
    "second": ("S", True),
    "minute": ("M", True),
    "hour": ("H", True),
    "day": ("D", False),
    "night": ("D", False),
    "week": ("W", False),
    "weekend": ("WE", False),
    "month": ("M", False),
    "quarter": ("Q", False),
    "year": ("Y", False),
    "millennium": ("L", False),
}
UNIT_DAYS: dict[str, float] = {
    "second": 1 / 86400,
    "minute": 1 / 1440,
    "hour": 1 / 24,
    "day": 1,
    "night": 1,
    "week": 7,
    "weekend": 2,
    "month": 30.44,
    "quarter": 91.31,
    "year": 365.25,
    "decade": 3652.5,
    "century": 36525,
    "millennium": 365250,
}
# TimeML season codes with the months they start and end in (northern hemisphere).
SEASONS: dict[str, tuple[str, int, int]] = {
    "spring": ("SP", 3, 5),
    "summer": ("SU", 6, 8),
    "autumn": ("FA", 9, 11),
    "fall": ("FA", 9, 11),
    "winter": ("WI", 12, 2),
}


@dataclass(frozen=True)
class Normalised:
    """What an expression means: TIMEX3 type/value plus the calendar days it covers."""

    type: str
    value: str
    precision: str
    begin: dt.date | None = None
    end: dt.date | None = None
    # Financial news compares with the period under discussion: "a year ago" after "the third
    # quarter" is that quarter a year back. When set, the caller moves the last quarter the
    # text mentioned by ``reference_shift`` years, or puts it in ``reference_year``.
    reference_shift: int | None = None
    reference_year: int | None = None
    # Narrative: "the next day", "the previous morning", "that day" count from the story's last
    # named day, not the report date; the caller moves that day by ``reference_days``.
    reference_days: int | None = None


# Where a fractional amount goes: "half a day" is twelve hours.
SMALLER_UNIT = {"year": ("month", 12), "month": ("day", 30), "week": ("day", 7),
                "day": ("hour", 24), "hour": ("minute", 60), "minute": ("second", 60)}
# TimeML writes decades and centuries as years ("two decades" = P20Y).
YEARS_PER_UNIT = {"decade": 10, "century": 100}


def duration_value(amount: float | None, unit: str) -> str:
    """``P5D``, ``PT48H``, ``P1.5Y``, ``P20Y``; ``amount=None`` gives the vague ``PXD``."""
    if unit in YEARS_PER_UNIT:
        amount = None if amount is None else amount * YEARS_PER_UNIT[unit]
        unit = "year"
    code, timed = DURATION_CODES[unit]
    if amount is None:
        return f"P{'T' if timed else ''}X{code}"
    whole = int(amount)
    fraction = amount - whole
    smaller = SMALLER_UNIT.get(unit)
    if fraction and smaller:  # "2 1/2 years" = P2Y6M, "5 1/2 hours" = PT5H30M
        small_code, small_timed = DURATION_CODES[smaller[0]]
        rest = f"{'T' if small_timed and not timed else ''}{round(fraction * smaller[1]):d}{small_code}"
        return f"P{'T' if timed else ''}{whole}{code}{rest}" if whole else f"P{'T' if small_timed else ''}{rest.lstrip('T')}"
    number = str(whole) if not fraction else f"{amount:g}"
    return f"P{'T' if timed else ''}{number}{code}"


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def shift(day: dt.date, amount: float, unit: str) -> dt.date:
    """``day`` moved by ``amount`` units (negative = back); months/years by the calendar."""
    if unit in ("month", "quarter", "year", "decade", "century"):
        per = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}[unit]
        return add_months(day, round(amount * per))
    return day + dt.timedelta(days=round(amount * UNIT_DAYS[unit]))


def day_point(day: dt.date) -> Normalised:
    return Normalised("DATE", day.isoformat(), "day", day, day)


def week_point(day: dt.date) -> Normalised:
    year, week, _ = day.isocalendar()
    monday = day - dt.timedelta(days=day.weekday())
    return Normalised("DATE", f"{year}-W{week:02d}", "week", monday, monday + dt.timedelta(6))


def weekend_point(day: dt.date) -> Normalised:
    year, week, _ = day.isocalendar()
    saturday = day - dt.timedelta(days=day.weekday()) + dt.timedelta(days=5)
    return Normalised("DATE", f"{year}-W{week:02d}-WE", "week", saturday, saturday + dt.timedelta(1))


def month_point(year: int, month: int) -> Normalised:
    last = calendar.monthrange(year, month)[1]
    return Normalised(
        "DATE", f"{year:04d}-{month:02d}", "month", dt.date(year, month, 1), dt.date(year, month, last)
    )


def quarter_point(year: int, quarter: int) -> Normalised:
    first = dt.date(year, 3 * quarter - 2, 1)
    last = add_months(first, 3) - dt.timedelta(days=1)
    return Normalised("DATE", f"{year:04d}-Q{quarter}", "quarter", first, last)


def half_point(year: int, half: int) -> Normalised:
    first = dt.date(year, 1 if half == 1 else 7, 1)
    last = dt.date(year, 6, 30) if half == 1 else dt.date(year, 12, 31)
    return Normalised("DATE", f"{year:04d}-H{half}", "quarter", first, last)


def year_point(year: int) -> Normalised:
    return Normalised("DATE", f"{year:04d}", "year", dt.date(year, 1, 1), dt.date(year, 12, 31))


def decade_point(first_year: int) -> Normalised:
    return Normalised(
        "DATE", f"{first_year // 10:03d}", "year", dt.date(first_year, 1, 1), dt.date(first_year + 9, 12, 31)
    )


def century_point(ordinal: int) -> Normalised:
    """The 21st century is "20" in TimeML (years 2000-2099 by the common reading)."""
    first = (ordinal - 1) * 100
    return Normalised(
        "DATE", f"{ordinal - 1:02d}", "year", dt.date(max(first, 1), 1, 1), dt.date(first + 99, 12, 31)
    )


def season_point(year: int, season: str) -> Normalised:
    code, first_month, last_month = SEASONS[season]
    begin = dt.date(year, first_month, 1)
    end_year = year + 1 if last_month < first_month else year
    end = dt.date(end_year, last_month, calendar.monthrange(end_year, last_month)[1])
    return Normalised("DATE", f"{year:04d}-{code}", "month", begin, end)


def unit_point(day: dt.date, unit: str) -> Normalised:
    """The calendar unit (day, week, month, ...) that contains ``day``."""
    if unit in ("day", "night"):
        return day_point(day)
    if unit == "week":
        return week_point(day)
    if unit == "weekend":
        return weekend_point(day)
    if unit == "month":
        return month_point(day.year, day.month)
    if unit == "quarter":
        return quarter_point(day.year, (day.month - 1) // 3 + 1)
    if unit == "decade":
        return decade_point(day.year - day.year % 10)
    if unit == "century":
        return century_point(day.year // 100 + 1)
    if unit in SEASONS:
        # winter of late December belongs to that year; of January/February to the year before
        year = day.year - 1 if unit == "winter" and day.month <= 2 else day.year
        return season_point(year, unit)
    return year_point(day.year)


# A date written without its year is within about ten months of the report: writers add the
# year beyond that, so a tense that points further away than this loses to the nearest reading
# ("payable Nov. 10" in a past-tense sentence of 2 November means 8 days ahead, not 357 back).
TENSE_REACH_DAYS = 300


def closest_year(month: int, day: int | None, anchor: dt.date, future: bool | None) -> int:
    """Year for a date written without one: the nearest on or before the anchor in a past
    clause (on or after, if future) when that is within ``TENSE_REACH_DAYS``; otherwise, and
    when the tense is unknown, the nearest either side (the past one on a tie)."""
    def distance(year: int) -> int:
        """Days from the anchor; for a bare month whole months counted as 30 days (0 = this month)."""
        if day is None:
            return 30 * ((year - anchor.year) * 12 + month - anchor.month)
        return (dt.date(year, month, min(day, calendar.monthrange(year, month)[1])) - anchor).days

    years = (anchor.year - 1, anchor.year, anchor.year + 1)
    if future is not None:
        directed = [y for y in years if (distance(y) >= 0 if future else distance(y) <= 0)
                    and abs(distance(y)) <= TENSE_REACH_DAYS]
        if directed:
            return min(directed, key=lambda y: abs(distance(y)))
    return min(years, key=lambda y: (abs(distance(y)), distance(y) > 0))


def weekday_near(anchor: dt.date, weekday: int, direction: str) -> dt.date:
    """``direction``: "last" (strictly before), "next" (strictly after), "past" (on or before),
    "future" (on or after)."""
    back = (anchor.weekday() - weekday) % 7
    if direction == "last":
        return anchor - dt.timedelta(days=back or 7)
    if direction == "past":
        return anchor - dt.timedelta(days=back)
    ahead = (weekday - anchor.weekday()) % 7
    if direction == "next":
        return anchor + dt.timedelta(days=ahead or 7)
    return anchor + dt.timedelta(days=ahead)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
