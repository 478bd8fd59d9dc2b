"""Scanning a text with many regular expressions without trying each one at every position.

``re.finditer`` calls its matcher at every character of the text. The time grammar has ~30
rules, each of which can only begin at the start of a word and with one of a few words
("the …", "last …", a number), so almost all of those calls fail at once; on short reports
they were most of the time extractor's cost. ``start_shapes`` reads, from the parsed pattern,
what the first few characters of a match can look like; ``WordStarts`` indexes the text's
word starts by what their first characters look like, once per text; ``finditer_at`` then
tries the pattern only there and yields exactly what ``pattern.finditer(text)`` yields (same
matches, same order), provided the pattern cannot match the empty string and every match
begins at one of the given positions.

"Look like" is the *shape* of the text: case folded as IGNORECASE compares letters, every
digit ``0`` and every space `` `` (so "2022" and "1991" look the same, and a rule does not
list every number). The pattern is read with ``re._parser`` (CPython's own parser); where it
cannot account for a character the shapes stop there (any text can follow), and where it
cannot account for a pattern, ``start_shapes`` returns None and the caller scans every
position as before.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

try:  # CPython's regular-expression parser: private, hence the fallback
    from re import _constants as _c
    from re import _parser as _sre_parse
    _REPEATS = (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT))
except ImportError:  # pragma: no cover - other Python implementations
    _sre_parse = None

# What IGNORECASE equates with an ASCII letter but ``str.lower`` does not lower to it
FOLD_TO_ASCII = str.maketrans({"İ": "i", "ı": "i", "ſ": "s", "K": "k"})
# the characters whose lower case that table changes: translating costs a dictionary look-up
# per character, so texts without them are only lower-cased
_TO_FOLD = re.compile("[%s]" % "".join(
    chr(c) for c, folded in FOLD_TO_ASCII.items() if chr(c).lower() != folded.lower()))


@functools.lru_cache(maxsize=4)  # the time and quantity extractors fold the same text
def fold_case(text: str) -> str:
    """``text`` lower-cased as IGNORECASE compares it with ASCII letters (same length unless
    the text holds characters whose lower case is longer)."""
    return (text.translate(FOLD_TO_ASCII) if _TO_FOLD.search(text) else text).lower()


SHAPE_LENGTH = 4  # characters compared at each word start
_MAX_SHAPES = 20_000
_MAX_RANGE = 256
_DIGIT = re.compile(r"[^\D0]")  # digits other than 0, spaces other than " ": fewer replacements
_SPACE = re.compile(r"[^\S ]")


def shape(text: str) -> str:
    """``fold_case(text)`` with every digit ``0`` and every space `` ``."""
    return _SPACE.sub(" ", _DIGIT.sub("0", fold_case(text)))


def _char_shape(char: str) -> str | None:
    """What a pattern character looks like in the shape; None when the text characters it
    matches need not all look the same (a non-ASCII letter with case variants)."""
    if char.isdecimal():
        return "0"
    if char.isspace():
        return " "
    if char.isascii() or char.lower() == char.upper():
        return char.lower()
    return None


class _Unknown(Exception):
    """The pattern uses something the analysis does not model."""


@dataclass(frozen=True)
class Shapes:
    """Shapes of the first characters of every match: each match's shape begins with one
    of ``by_length[n]`` for some n (shorter ones: any text may follow)."""

    by_length: dict[int, frozenset[str]]


def start_shapes(pattern: re.Pattern, length: int = SHAPE_LENGTH) -> Shapes | None:
    """How the first ``length`` characters of a match of ``pattern`` can look (a superset:
    look-arounds are ignored, case always folded); None when unknown or when the pattern can
    match the empty string."""
    if _sre_parse is None or not isinstance(pattern.pattern, str):
        return None
    found: set[str] = set()
    try:
        _walk(_sre_parse.parse(pattern.pattern, pattern.flags).data, 0, "", found.add, length,
              [0])
    except (_Unknown, RecursionError, re.error, AttributeError, TypeError, ValueError):
        return None
    if "" in found:
        return None
    by_length: dict[int, set[str]] = defaultdict(set)
    for start in found:
        by_length[len(start)].add(start)
    return Shapes({n: frozenset(v) for n, v in by_length.items()})


def _walk(items, i: int, prefix: str, then: Callable[[str], None], length: int,
          budget: list[int]) -> None:
    """Extend ``prefix`` by ``items[i:]``, calling ``then`` with each way the sequence ends
    (or ``prefix`` is long enough, or cannot be told further)."""
    budget[0] += 1
    if budget[0] > _MAX_SHAPES:
        raise _Unknown("too many shapes")
    if len(prefix) >= length:
        then(prefix[:length])
        return
    if i == len(items):
        then(prefix)
        return
    op, av = items[i]

    def rest(p: str) -> None:
        _walk(items, i + 1, p, then, length, budget)

    if op is _c.LITERAL or op is _c.IN:
        chars = _chars(op, av)
        if chars is None:
            _stop(prefix, then)
        for char in chars or ():
            rest(prefix + char)
    elif op is _c.SUBPATTERN:
        _walk(av[3].data, 0, prefix, rest, length, budget)
    elif op is _c.ATOMIC_GROUP:
        _walk(av.data, 0, prefix, rest, length, budget)
    elif op is _c.BRANCH:
        for branch in av[1]:
            _walk(branch.data, 0, prefix, rest, length, budget)
    elif op in _REPEATS:
        _repeat(av, prefix, rest, length, budget, 0)
    elif op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):  # zero width: ignoring them only adds
        rest(prefix)
    else:
        raise _Unknown(op)


def _stop(prefix: str, then: Callable[[str], None]) -> None:
    """Nothing more can be told: any text may follow ``prefix``."""
    if not prefix:
        raise _Unknown("unknown first character")
    then(prefix)


def _repeat(av, prefix: str, rest: Callable[[str], None], length: int, budget: list[int],
            done: int) -> None:
    low, high, body = av
    if done >= low or len(prefix) >= length:  # long enough: what follows no longer matters
        rest(prefix)
    if done < high and len(prefix) < length:
        def again(p: str) -> None:
            if p != prefix or done < low:  # an empty repetition adds nothing new
                _repeat(av, p, rest, length, budget, done + 1)
        _walk(body.data, 0, prefix, again, length, budget)


def _chars(op, av) -> set[str] | None:
    """Shapes of the one character a LITERAL or IN matches; None when not known."""
    if op is _c.LITERAL:
        char = _char_shape(chr(av))
        return None if char is None else {char}
    chars: set[str] = set()
    for member, value in av:
        if member is _c.LITERAL:
            char = _char_shape(chr(value))
        elif member is _c.RANGE and value[1] - value[0] <= _MAX_RANGE:
            shapes = [_char_shape(chr(code)) for code in range(value[0], value[1] + 1)]
            if None in shapes:
                return None
            chars.update(shapes)
            continue
        elif member is _c.CATEGORY and value in (_c.CATEGORY_DIGIT, _c.CATEGORY_UNI_DIGIT):
            char = "0"
        elif member is _c.CATEGORY and value in (_c.CATEGORY_SPACE, _c.CATEGORY_UNI_SPACE):
            char = " "
        else:  # negated sets, \w, wide ranges
            return None
        if char is None:
            return None
        chars.add(char)
    return chars


class WordStarts:
    """Positions of ``text`` not preceded by a word character or hyphen (where patterns that
    open with ``(?<![\\w-])`` can match), indexed by the shape of their first characters."""

    def __init__(self, text: str, length: int = SHAPE_LENGTH):
        shaped = shape(text)
        self.usable = len(shaped) == len(text)  # shape positions are text positions
        self._length = length
        self._by_shape: dict[str, list[int]] = defaultdict(list)  # full-length shapes
        self._sorted: list[str] | None = None  # the shapes in order, for prefix look-ups
        self._matching: dict[int, tuple[Shapes, list[int]]] = {}
        if self.usable and shaped:
            self._by_shape[shaped[:length]].append(0)
            for match in _after_non_word(length).finditer(shaped):
                self._by_shape[match.group(1)].append(match.start() + 1)

    def matching(self, shapes: Shapes) -> list[int]:
        """Ascending positions whose text begins with one of ``shapes`` (do not modify)."""
        found = self._matching.get(id(shapes))
        if found is None or found[0] is not shapes:
            found = self._matching[id(shapes)] = (shapes, self._positions(shapes))
        return found[1]

    def _positions(self, shapes: Shapes) -> list[int]:
        positions: list[int] = []
        for n, starts in shapes.by_length.items():
            if n == self._length:
                for start in starts & self._by_shape.keys():
                    positions += self._by_shape[start]
            else:
                for start in starts:
                    positions += self._beginning_with(start)
        return sorted(set(positions))

    def _beginning_with(self, start: str) -> list[int]:
        if self._sorted is None:
            self._sorted = sorted(self._by_shape)
        found: list[int] = []
        for key in self._sorted[bisect_left(self._sorted, start):]:
            if not key.startswith(start):
                break
            found += self._by_shape[key]
        return found


@functools.lru_cache(maxsize=4)  # the time grammar and the certainty terms read the same text
def word_starts(text: str) -> WordStarts:
    """``WordStarts(text)``, built once for the few texts read last."""
    return WordStarts(text)


def finditer_in(pattern: re.Pattern, shapes: Shapes | None, text: str, start: int, end: int
                ) -> Iterator[re.Match]:
    """``pattern.finditer(text[start:end])`` for a pattern that opens with ``(?<![\\w-])``,
    tried only at the start of the slice and at the word starts of ``text`` inside it that
    begin like ``shapes`` (match offsets are in the slice)."""
    part = text[start:end]
    starts = word_starts(text)
    if shapes is None or not starts.usable:
        return pattern.finditer(part)
    positions = starts.matching(shapes)
    inside = positions[bisect_right(positions, start):bisect_left(positions, end)]
    return finditer_at(pattern, part, [0, *(p - start for p in inside)])


@functools.cache
def _after_non_word(length: int) -> re.Pattern:
    """A character that is no word character or hyphen, and the shape of up to ``length``
    characters after it: the word starts after the first character (on the shaped text,
    where \\w and hyphens are where they are in the text; a leading character class lets
    ``re`` skip through words without trying each position)."""
    return re.compile(rf"[^\w-](?=(.{{1,{length}}}))", re.DOTALL)


class Prefiltered:
    """A pattern that can begin anywhere (no word-start condition), tried only where the
    text's shape begins like one of its matches. Those positions are found on the shaped
    text with the shapes as a letter tree (``letter_tree``), which ``re`` searches with a tight
    first-character loop instead of trying the pattern's optional, case-insensitive start
    at every character."""

    def __init__(self, pattern: re.Pattern):
        self.pattern = pattern
        shapes = start_shapes(pattern)
        starts = [s for group in shapes.by_length.values() for s in group] if shapes else []
        self._starter = re.compile(letter_tree(starts), re.DOTALL) if starts else None
        self._only_long = bool(shapes) and set(shapes.by_length) == {SHAPE_LENGTH}

    def finditer(self, text: str) -> Iterator[re.Match]:
        """``self.pattern.finditer(text)``."""
        shaped = shape(text)
        if self._starter is None or len(shaped) != len(text):
            return self.pattern.finditer(text)
        return finditer_at(self.pattern, text, self._positions(shaped))

    def starts(self, text: str) -> list[int] | None:
        """Ascending positions of ``text`` whose first characters look like the start of a
        match: every match in ``text`` or in a slice of it begins at one of them (the shapes
        of a slice's match are those of the text there, as no match is shorter than a
        shape); None when that cannot be told."""
        shaped = shape(text)
        if self._starter is None or not self._only_long or len(shaped) != len(text):
            return None
        return list(self._positions(shaped))

    def _positions(self, shaped: str) -> Iterator[int]:
        found = self._starter.search(shaped)
        while found is not None:
            yield found.start()
            found = self._starter.search(shaped, found.start() + 1)


def letter_tree(strings: Iterable[str]) -> str:
    """A regular expression matching exactly ``strings``, as a tree of their first letters
    (one branch per letter, so the search skips ahead to the letters that can begin one; a
    longer string is tried before its prefix)."""
    branches: dict[str, list[str]] = defaultdict(list)
    ends = False
    for string in strings:
        if string:
            branches[string[0]].append(string[1:])
        else:
            ends = True
    parts = [re.escape(first) + (f"(?:{letter_tree(rest)})" if any(rest) else "")
             for first, rest in sorted(branches.items())]
    return "|".join(parts + ([""] if ends and parts else []))


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
