"""The time rules and the quantity pattern are tried only where a match can begin
(``regex_starts``); that must find exactly what scanning every position finds."""

from __future__ import annotations

import re
from pathlib import Path

from frontwatch.nlp import quantities, timegrammar
from frontwatch.nlp.regex_starts import WordStarts, finditer_at, letter_tree, start_shapes

SAMPLE_DIR = Path(__file__).resolve().parents[1] / "data" / "sample"
# Characters IGNORECASE and \d, \s treat specially: long s, Kelvin sign, dotted/dotless i,
# Arabic-Indic and full-width digits, no-break and thin spaces, curly apostrophes.
ODD = (
    "Over 3,000 ſquare kilometres in the paſt ﬁve days; ١٢ September 2022, the laſt week, "
    "KM 5 km, 2 wEEKS aGO, FRIDAY night, tHE 1990ſ and the ’80s, ten\u00a0days, twenty-four\u2009hours, "
    "İn the coming days, ınto next MONTH, about US$ 1.5 bn, approx. 40 pc, up to\u00a0 twelve miles, "
    "moreover 5 tanks; the year-end, Q3 ２０２２, at 10 a.m. GMT, every other Tuesday."
)


def _texts() -> list[str]:
    texts = [ODD, ODD.upper(), ODD.lower()]
    texts += [p.read_text(errors="replace") for p in sorted(SAMPLE_DIR.rglob("*")) if p.is_file()]
    return texts


def _found(matches) -> list[tuple]:
    return [(m.span(), m.groups()) for m in matches]


def test_time_rules_find_what_a_full_scan_finds():
    for text in _texts():
        starts = WordStarts(text)
        for rule in timegrammar.RULES:
            assert _found(timegrammar._scan(rule, text, starts)) == _found(rule.pattern.finditer(text)), rule.name


def test_every_time_rule_is_prefiltered():
    assert all(rule.shapes is not None for rule in timegrammar.RULES)


def test_measures_find_what_a_full_scan_finds():
    for text in _texts():
        assert _found(quantities._measure_matches(text)) == _found(quantities._MEASURE_RE.finditer(text))


def test_reference_areas_find_what_a_full_scan_finds():
    texts = _texts() + ["An area twice the ſize of Wales, about 50 football pitches; an AREA roughly "
                        "the size of Greater London and one and a half times the size of Luxembourg."]
    for text in texts:
        assert _found(quantities._REFERENCES.finditer(text)) == _found(quantities._REFERENCE_RE.finditer(text))


def test_shapes_fold_case_digits_and_spaces():
    shapes = start_shapes(re.compile(r"(?<![\w-])(?:Q[1-4]\s+\d{4}|the\s+end)", re.IGNORECASE))
    assert shapes is not None
    assert shapes.by_length == {4: frozenset({"q0 0", "q0  ", "the "})}


def test_patterns_that_can_match_nothing_or_anything_have_no_shapes():
    assert start_shapes(re.compile(r"a?")) is None
    assert start_shapes(re.compile(r"\w+")) is None


def test_a_shape_tree_matches_exactly_its_shapes():
    strings = ["the ", "they", "th", "0,00", "a  b"]
    tree = re.compile(letter_tree(strings))
    assert [s for s in [*strings, "thy", "t", "0,0"] if tree.fullmatch(s)] == strings


def test_a_pattern_is_tried_only_at_the_given_positions():
    pattern = re.compile(r"ab")
    assert [m.start() for m in finditer_at(pattern, "ab ab ab", [0, 6])] == [0, 6]


def test_slices_with_a_match_contain_one_of_the_starts():
    from frontwatch.nlp.attribution import _CONTRADICTION_RE, _CONTRADICTIONS

    text = ("Kyiv gave a very different picture. Reuters could not independently verify it; "
            "Moscow DENIED THE CLAIMS, which contradicted its own figures. The two accounts "
            "cannot be reconciled, and a spokesman said otherwise.")
    starts = _CONTRADICTIONS.starts(text)
    found = 0
    for start in range(len(text)):
        for end in range(start + 1, len(text) + 1, 7):
            if _CONTRADICTION_RE.search(text[start:end]):
                found += 1
                assert any(start <= s < end for s in starts), text[start:end]
    assert found > 100
