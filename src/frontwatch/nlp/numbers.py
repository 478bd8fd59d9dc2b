"""Numbers as news writes them: "3,000", "1.5 million", "twenty-four", "a dozen", "hundreds".

Shared by the time grammar ("the past five days") and the quantity extractor ("over 3,000
square kilometres"), so both read numbers the same way.
"""

from __future__ import annotations

import re

SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000}
# Short scale suffixes after digits ("1.5m" only after a currency sign: see quantities).
SCALE_SUFFIXES = {"thousand": 1e3, "million": 1e6, "mln": 1e6, "billion": 1e9, "bn": 1e9,
                  "trillion": 1e12}


def alternation(words) -> str:
    """Regex alternation of ``words``, longest first so "nineteen" beats "nine"."""
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_WORD = alternation([*SMALL, *TENS, *SCALES, "dozen"])
_SCALE_WORD = alternation([*SCALES, "dozen"])
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
#: one number in digits ("3,000", "1.5") or words ("twenty-four", "three hundred and fifty"),
#: optionally with a scale word ("1.5 million").
NUMBER = (
    rf"(?:(?:{_DIGITS})(?:\s+(?:{alternation(SCALE_SUFFIXES)})\b)?"
    rf"|\b(?:a\s+(?=(?:{_SCALE_WORD})\b))?(?:{_WORD})(?:(?:\s+|-|(?:(?<=hundred)|(?<=thousand))\s+and\s+)(?:{_WORD}))*"
    r"(?![\w]))"
)
_NUMBER_RE = re.compile(NUMBER, re.IGNORECASE)


def parse_number(text: str) -> float | None:
    """Value of a NUMBER match; None when it is not a number we can read."""
    cleaned = text.strip().lower().replace(",", "")
    tokens = cleaned.replace("-", " ").split()
    if not tokens:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", tokens[0]):
        value = float(tokens[0])
        for token in tokens[1:]:
            if token not in SCALE_SUFFIXES:
                return None
            value *= SCALE_SUFFIXES[token]
        return value
    total, current = 0.0, 0.0
    for token in tokens:
        if token in ("a", "and"):  # "a hundred": the scale word counts it as one
            continue
        if token in SMALL:
            current += SMALL[token]
        elif token in TENS:
            current += TENS[token]
        elif token == "dozen":
            current = (current or 1) * 12
        elif token == "hundred":
            current = (current or 1) * 100
        elif token in SCALES:
            total += (current or 1) * SCALES[token]
            current = 0.0
        else:
            return None
    return total + current


def find_numbers(text: str):
    """Yield ``(start, end, value)`` for every number in ``text``."""
    for match in _NUMBER_RE.finditer(text):
        value = parse_number(match.group())
        if value is not None:
            yield match.start(), match.end(), value
