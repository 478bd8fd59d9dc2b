"""Scanning a text with many regular expressions without trying each one at every position.

``re.finditer`` calls its matcher at every character of the text. The time grammar has ~30
rules, each of which can only begin at the start of a word and with one of a few letters
("the …", "last …", a digit), so most of those calls fail on the first character; on short
reports they were most of the time extractor's cost. ``first_chars`` reads, from the parsed
pattern, the characters a match can begin with; ``WordStarts`` indexes the text's word starts
by their first character once; ``finditer_at`` then tries the pattern only there and yields
exactly what ``pattern.finditer(text)`` yields (same matches, same order), provided the
pattern cannot match the empty string and every match begins at one of the given positions.

The pattern is read with ``re._parser`` (CPython's own parser); anything it cannot account
for makes ``first_chars`` return None and the caller scan every position as before.
"""

from __future__ import annotations

import functools
import re
import string
from collections import defaultdict
from collections.abc import Iterable, Iterator

try:  # CPython's regular-expression parser: private, hence the fallback
    from re import _constants as _c
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - other Python implementations
    _sre_parse = None

# What IGNORECASE equates with an ASCII letter but ``str.lower`` does not lower to it
FOLD_TO_ASCII = str.maketrans({"İ": "i", "ı": "i", "ſ": "s", "K": "k"})


@functools.lru_cache(maxsize=4)  # the time and quantity extractors fold the same text
def fold_case(text: str) -> str:
    """``text`` lower-cased as IGNORECASE compares it with ASCII letters (same length unless
    the text holds characters whose lower case is longer)."""
    return text.translate(FOLD_TO_ASCII).lower()


# The ASCII characters ``\s`` and ``\d`` match (others are non-ASCII: always tried, see below).
_ASCII_SPACE = frozenset(c for c in map(chr, range(128)) if c.isspace())
_ASCII_DIGITS = frozenset(string.digits)
_MAX_RANGE = 256


class _Unknown(Exception):
    """The pattern uses something the first-character analysis does not model."""


def first_chars(pattern: re.Pattern) -> frozenset[str] | None:
    """Lower-case ASCII characters a match of ``pattern`` can begin with (a superset: look-
    arounds are ignored, case always folded). A match can also begin with any non-ASCII
    character. None when unknown or when the pattern can match the empty string."""
    if _sre_parse is None or not isinstance(pattern.pattern, str):
        return None
    try:
        chars, nullable = _sequence(_sre_parse.parse(pattern.pattern, pattern.flags).data)
    except (_Unknown, re.error, AttributeError, TypeError, ValueError):
        return None
    return None if nullable else frozenset(chars)


def _sequence(items: Iterable[tuple]) -> tuple[set[str], bool]:
    """First characters of a sequence of parsed items, and whether it can match nothing."""
    chars: set[str] = set()
    for op, av in items:
        item_chars, nullable = _item(op, av)
        chars |= item_chars
        if not nullable:
            return chars, False
    return chars, True


def _item(op, av) -> tuple[set[str], bool]:
    if op is _c.LITERAL:
        return _literal(av), False
    if op is _c.IN:
        return _charset(av), False
    if op is _c.SUBPATTERN:
        return _sequence(av[3].data)
    if op is _c.ATOMIC_GROUP:
        return _sequence(av.data)
    if op is _c.BRANCH:
        chars, nullable = set(), False
        for branch in av[1]:
            branch_chars, branch_nullable = _sequence(branch.data)
            chars |= branch_chars
            nullable = nullable or branch_nullable
        return chars, nullable
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT)):
        low, _, body = av
        chars, nullable = _sequence(body.data)
        return chars, nullable or low == 0
    if op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):  # zero width: ignoring them only adds positions
        return set(), True
    raise _Unknown(op)


def _literal(code: int) -> set[str]:
    char = chr(code)
    if char.isascii():
        return {char.lower()}
    if char.lower() != char.upper():  # may equal an ASCII letter under IGNORECASE (K, ſ)
        raise _Unknown(char)
    return set()  # a non-ASCII text character is always tried


def _charset(members) -> set[str]:
    chars: set[str] = set()
    for op, av in members:
        if op is _c.LITERAL:
            chars |= _literal(av)
        elif op is _c.RANGE:
            low, high = av
            if high - low > _MAX_RANGE:
                raise _Unknown(av)
            for code in range(low, high + 1):
                chars |= _literal(code)
        elif op is _c.CATEGORY and av in (_c.CATEGORY_DIGIT, _c.CATEGORY_UNI_DIGIT):
            chars |= _ASCII_DIGITS
        elif op is _c.CATEGORY and av in (_c.CATEGORY_SPACE, _c.CATEGORY_UNI_SPACE):
            chars |= _ASCII_SPACE
        else:  # negated sets, \w, ...
            raise _Unknown(op)
    return chars


class WordStarts:
    """Positions of ``text`` not preceded by a word character or hyphen (where patterns that
    open with ``(?<![\\w-])`` can match), grouped by their lower-cased first character."""

    _START = re.compile(r"(?<![\w-]).", re.DOTALL)

    def __init__(self, text: str):
        self._by_char: dict[str, list[int]] = defaultdict(list)
        self._non_ascii: list[int] = []
        for match in self._START.finditer(text):
            char = match.group()
            if char.isascii():
                self._by_char[char.lower()].append(match.start())
            else:
                self._non_ascii.append(match.start())

    def beginning_with(self, chars: frozenset[str]) -> list[int]:
        """Ascending positions whose character is in ``chars`` (case folded) or non-ASCII."""
        positions = list(self._non_ascii)
        for char in chars & self._by_char.keys():
            positions += self._by_char[char]
        positions.sort()
        return positions


def finditer_at(pattern: re.Pattern, text: str, positions: Iterable[int]) -> Iterator[re.Match]:
    """``pattern.finditer(text)`` trying only ``positions`` (ascending; a superset of where
    matches begin; the pattern never matches the empty string)."""
    end = 0
    for position in positions:
        if position < end:
            continue
        match = pattern.match(text, position)
        if match is not None:
            yield match
            end = match.end()
