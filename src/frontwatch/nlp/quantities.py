"""Quantities in a report: numbers with their unit, bounds and what they count.

``extract(doc, analysis)`` finds

* measures — a number (digits or words, ``nlp.numbers``) with a unit: area (km², sq km,
  square kilometres/miles, hectares, acres → ``km2``), distance (km, kilometres, miles, metres,
  "2km" → ``km``), duration (hours … years → ``h``), percent, money (currency code);
* counts — a number without a unit and the noun it modifies by the dependency parse
  ("3,000 troops" → counted "troops", "12 people were killed" → "people killed");
  vague plurals ("scores of", "hundreds of", "dozens of") are counts marked ``approximate``
  with the smallest plural reading (two scores = 40) as value and lower bound;
* reference comparisons — "double the size of Greater London", "an area the size of
  Luxembourg", "three times the size of Wales", "50 football pitches": the reference area
  (``reference_areas``) times the multiplier, always ``approximate``.

Qualifiers set the bounds: "over", "more than", "at least" → ``lower``; "up to", "nearly",
"almost", "fewer than", "under" → ``upper``; "about", "some", "roughly", "around" →
``approximate``. Units are converted with one ``pint`` registry, created on first use.
Numbers inside dates ("September 6", "2022") and names ("T-72", "Su-25") are not quantities.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from frontwatch.models import Analysis, Quantity
from frontwatch.nlp import reference_areas
from frontwatch.nlp.doctext import doc_text
from frontwatch.nlp.numbers import NUMBER, SCALES, SMALL, TENS, alternation, parse_number
from frontwatch.nlp.regex_starts import Prefiltered, finditer_at, fold_case, letter_tree

LOWER_QUALIFIERS = ["over", "more than", "at least", "in excess of", "upwards of", "above",
                    "exceeding", "no fewer than", "no less than", "well over", "just over",
                    "greater than", "over than"]
UPPER_QUALIFIERS = ["up to", "nearly", "almost", "fewer than", "less than", "under", "at most",
                    "no more than", "just under", "below", "as many as", "as much as", "not more than"]
APPROXIMATE_QUALIFIERS = ["about", "some", "roughly", "around", "approximately", "an estimated",
                          "estimated", "close to", "circa", "approx.", "or so"]
# Vague plurals: (value = lower bound, i.e. the smallest plural reading).
VAGUE_COUNTS = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000,
                "tens of thousands": 20_000, "hundreds of thousands": 200_000, "millions": 2_000_000,
                "several": 3, "a few": 3, "a handful": 3, "a couple": 2}


@dataclass(frozen=True)
class UnitSpec:
    kind: str
    pint_unit: str
    target: str  # pint unit we convert to
    symbol: str  # the normalised unit we store


_AREA = ("area", "kilometer**2", "km2")
_DISTANCE = ("distance", "kilometer", "km")
_DURATION = ("duration", "hour", "h")
UNITS: dict[str, UnitSpec] = {}
for words, pint_unit, (kind, target, symbol) in [
    (["square kilometres", "square kilometers", "square kilometre", "square kilometer", "sq km",
      "sq. km", "sq km.", "km²", "km2", "square km", "sqkm"], "kilometer**2", _AREA),
    (["square miles", "square mile", "sq miles", "sq mi", "sq. mi."], "mile**2", _AREA),
    (["hectares", "hectare", "ha"], "hectare", _AREA),
    (["acres", "acre"], "acre", _AREA),
    (["square metres", "square meters", "square metre", "square meter", "m²", "sq m"], "meter**2", _AREA),
    (["kilometres", "kilometers", "kilometre", "kilometer", "km", "kms"], "kilometer", _DISTANCE),
    (["miles", "mile"], "mile", _DISTANCE),
    (["nautical miles", "nautical mile"], "nautical_mile", _DISTANCE),
    (["metres", "meters", "metre", "meter", "m"], "meter", _DISTANCE),
    (["hours", "hour", "hrs"], "hour", _DURATION),
    (["minutes", "minute", "mins"], "minute", _DURATION),
    (["days", "day"], "day", _DURATION),
    (["weeks", "week"], "week", _DURATION),
    (["months", "month"], "month", _DURATION),
    (["years", "year"], "year", _DURATION),
]:
    for word in words:
        UNITS[word] = UnitSpec(kind, pint_unit, target, symbol)
CURRENCY_SIGNS = {"$": "USD", "us$": "USD", "£": "GBP", "€": "EUR", "₴": "UAH", "₽": "RUB"}
CURRENCY_WORDS = {"dollars": "USD", "euros": "EUR", "pounds": "GBP", "roubles": "RUB",
                  "rubles": "RUB", "hryvnias": "UAH", "hryvnia": "UAH", "hryvnas": "UAH"}
PERCENT_WORDS = ["percent", "per cent", "%", "percentage points"]
MULTIPLIERS = {"double": 2.0, "twice": 2.0, "triple": 3.0, "treble": 3.0, "thrice": 3.0,
               "half": 0.5, "a third of": 1 / 3, "a quarter of": 0.25, "quadruple": 4.0}
# What a count's noun must not be (those are units or part of a date).
NOT_COUNTED = {"percent", "cent", "%", "times", "am", "pm", "a.m.", "p.m."}
CASUALTY_PARTICIPLES = {"killed", "wounded", "injured", "dead", "captured", "missing",
                        "taken", "detained", "evacuated", "displaced", "died", "executed"}

# What happens to what is counted: "killing two people", "11 drones were shot down" (only with
# "down"), "115,000 residents had been relocated". Keyed by every inflected form, because the
# pipeline's model has no lemmatiser.
_CASUALTY_VERBS = {"kill": "killed", "wound": "wounded", "injure": "injured", "capture": "captured",
                   "detain": "detained", "evacuate": "evacuated", "displace": "displaced",
                   "execute": "executed", "relocate": "relocated", "deport": "deported",
                   "document": "documented", "shoot": "shot"}
CASUALTY_VERBS = {
    form: participle
    for base, participle in _CASUALTY_VERBS.items()
    for form in (base, base + "s", participle, (base[:-1] if base.endswith("e") else base) + "ing")
}
# Nouns that count pieces of something named after "of" ("5,000 pieces of military equipment").
PARTITIVE_NOUNS = {"pieces", "piece", "units", "items", "rounds", "tonnes", "tons", "types"}
# Adjectives that do not say what kind of thing is counted.
NON_CLASSIFYING = {"other", "more", "new", "further", "additional", "several", "many", "few",
                   "different", "various", "large", "small", "major", "own", "total", "entire"}

_QUALIFIER = alternation([*LOWER_QUALIFIERS, *UPPER_QUALIFIERS, *APPROXIMATE_QUALIFIERS])
_VAGUE = alternation(VAGUE_COUNTS)
_MEASURE_RE = re.compile(
    rf"(?:(?P<qualifier>{_QUALIFIER})\s+)?"
    rf"(?P<currency>{alternation(CURRENCY_SIGNS)})?\s?"
    rf"(?P<number>{NUMBER}|\b(?:{_VAGUE})\b)(?:\s*(?:to|-|–)\s*(?P<number2>{NUMBER}))?"
    rf"(?:(?:\s+of)?(?:\s*|-)(?P<unit>{alternation([*UNITS, *CURRENCY_WORDS, *PERCENT_WORDS])})(?![\w²]))?"
    rf"(?:\s+(?P<after>or\s+so))?",
    re.IGNORECASE,
)
_REFERENCE_NAMES = alternation(reference_areas.names())
_REFERENCE_RE = re.compile(
    rf"(?:(?P<qualifier>{_QUALIFIER})\s+)?"
    rf"(?:(?P<multiplier>{alternation(MULTIPLIERS)}|(?P<times>{NUMBER}|one\s+and\s+a\s+half)\s+times)\s+)?"
    rf"(?:(?:an?\s+)?(?:area|territory|region|space)\s+(?:(?P<inner>roughly|about|almost|nearly|around)\s+)?)?"
    rf"(?:the\s+)?(?:size|area)\s+of\s+(?:the\s+)?(?:(?P<count>{NUMBER})\s+)?(?P<reference>{_REFERENCE_NAMES})\b"
    rf"|(?P<bare_count>{NUMBER})\s+(?P<bare_reference>football\s+(?:pitches|fields)|soccer\s+(?:pitches|fields)|tennis\s+courts)\b",
    re.IGNORECASE,
)

_REFERENCES = Prefiltered(_REFERENCE_RE)
# Words every _REFERENCE_RE match contains: a cheap test that spares most texts its
# optional-prefix scan at every position.
_REFERENCE_HINT = re.compile(r"\b(?:size|area)\s+of\b|\b(?:pitches|fields|courts)\b", re.IGNORECASE)


@functools.cache
def unit_registry():
    """The one pint registry of the process (building one costs ~0.3 s)."""
    import pint

    return pint.UnitRegistry()


@functools.cache
def _factor(unit: str, target: str) -> float:
    return float((1.0 * unit_registry()(unit)).to(target).magnitude)


def convert(value: float, unit: str, target: str) -> float:
    """``value`` in ``unit`` expressed in ``target``. Units are multiplicative, so pint's
    conversion is ``value * factor``; the factor is asked of pint once per pair (a pint
    quantity per call cost ~0.2 ms)."""
    return float(value * _factor(unit, target))


def extract(doc: Doc, analysis: Analysis) -> list[Quantity]:
    text = doc_text(doc)
    found = [q for m in _REFERENCES.finditer(text) if (q := _reference_quantity(m)) is not None] \
        if _REFERENCE_HINT.search(text) else []
    blocked = [(q.start, q.end) for q in found] + [
        (t.start, t.end) for t in analysis.times if t.type in ("DATE", "TIME", "SET")
    ]
    for match in _measure_matches(text):
        start, end = match.span("number")
        if any(s < end and start < e for s, e in blocked) or _inside_name(text, start, end):
            continue
        quantity = _measure(doc, match)
        if quantity is not None:
            found.append(quantity)
    found.sort(key=lambda q: q.start)
    return found


# Where the number of a _MEASURE_RE match can begin (read on the case-folded text): a digit or
# a number word at a word start (the words as a letter tree: an alternation is tried word by
# word at every character).
_NUMBER_START = re.compile(r"\d|\b(?:%s|a(?=\s))" % letter_tree(
    {*SMALL, *TENS, *SCALES, "dozen", *(w.split()[0] for w in VAGUE_COUNTS)}))
_QUALIFIERS = (*LOWER_QUALIFIERS, *UPPER_QUALIFIERS, *APPROXIMATE_QUALIFIERS)
_CURRENCY_SIGNS = ["", *CURRENCY_SIGNS]
_SIGN_ENDS = frozenset(sign[-1] for sign in CURRENCY_SIGNS)


def _measure_matches(text: str) -> Iterator[re.Match]:
    """``_MEASURE_RE.finditer(text)``, tried only where a match can begin — right before a
    number: its currency sign, a space, a qualifier and the spaces after it — instead of at
    every character."""
    folded = fold_case(text)  # compares with ASCII as IGNORECASE does, character by character
    if len(folded) != len(text):
        return _MEASURE_RE.finditer(text)
    positions: set[int] = set()
    for number in _NUMBER_START.finditer(folded):
        at = number.start()
        spaced = at > 0 and text[at - 1].isspace()
        sign_end = at - 1 if spaced else at  # where a currency sign before the number ends
        signs = _CURRENCY_SIGNS if folded[sign_end - 1:sign_end] in _SIGN_ENDS else ("",)
        for sign in signs:
            for begin in (at - len(sign), at - len(sign) - 1) if spaced else (at - len(sign),):
                if begin >= 0 and folded.startswith(sign, begin):
                    positions.add(begin)
                    positions.update(_qualifiers_before(text, folded, begin))
    return finditer_at(_MEASURE_RE, text, sorted(positions))


def _qualifiers_before(text: str, folded: str, end: int) -> list[int]:
    """Starts of the qualifiers followed by spaces up to ``end``."""
    if end == 0 or not text[end - 1].isspace():
        return []
    while end > 0 and text[end - 1].isspace():
        end -= 1
    if not folded.endswith(_QUALIFIERS, 0, end):
        return []
    return [end - len(q) for q in _QUALIFIERS if folded.endswith(q, 0, end)]


def _inside_name(text: str, start: int, end: int) -> bool:
    """ "T-72", "Su-25", "M777", "6th", "2S19": digits glued to letters are names or ordinals."""
    before = text[start - 1:start] if start else ""
    after = text[end:end + 2]
    if before.isalpha() or (before == "-" and text[start - 2:start - 1].isalpha()):
        return True
    return bool(re.match(r"(?:st|nd|rd|th)\b|[A-Za-z]\d|-[A-Za-z]{1,2}\d|/\d", after))


def _bounds(qualifier: str, value: float) -> tuple[float | None, float | None, bool]:
    q = qualifier.lower()
    if q in LOWER_QUALIFIERS:
        return value, None, False
    if q in UPPER_QUALIFIERS:
        return None, value, False
    return None, None, bool(q)


def _measure(doc: Doc, match: re.Match) -> Quantity | None:
    number_text = match.group("number")
    vague = VAGUE_COUNTS.get(" ".join(number_text.lower().split()))
    value = float(vague) if vague is not None else parse_number(number_text)
    if value is None:
        return None
    qualifier = match.group("qualifier") or ""
    lower, upper, approximate = _bounds(qualifier, value)
    top = parse_number(match.group("number2")) if match.group("number2") else None
    if top is not None and top > value:  # "20 to 30 kilometres": the middle, with both ends
        value, lower, upper = (value + top) / 2, value, top
    approximate = approximate or vague is not None or bool(match.group("after"))
    if vague is not None and lower is None:
        lower = value
    unit_text = (match.group("unit") or "").lower()
    currency = CURRENCY_SIGNS.get((match.group("currency") or "").lower()) or CURRENCY_WORDS.get(unit_text)
    start = match.start("qualifier") if qualifier else match.start("currency") if match.group("currency") else match.start("number")
    common = dict(start=start, end=match.end(), text=match.group()[start - match.start():],
                  qualifier=qualifier.lower(), approximate=approximate)
    if currency:
        return Quantity(value=value, unit=currency, kind="money", lower=lower, upper=upper,
                        original_unit=currency, **common)
    if unit_text in PERCENT_WORDS:
        return Quantity(value=value, unit="percent", kind="percent", lower=lower, upper=upper,
                        original_unit=unit_text, **common)
    spec = UNITS.get(unit_text)
    if spec is not None and not (unit_text == "m" and match.group("unit") != "m"):
        if unit_text == "m" and not re.search(r"\d$", number_text):
            return None  # "five m" is no way to write metres; "500m" is
        def to_target(x: float | None) -> float | None:
            return None if x is None else round(convert(x, spec.pint_unit, spec.target), 6)

        return Quantity(value=to_target(value), unit=spec.symbol, kind=spec.kind,
                        lower=to_target(lower), upper=to_target(upper), original_unit=unit_text, **common)
    if unit_text:  # the unit group matched something we do not convert
        return None
    counted = _counted(doc, match.end("number2") if top is not None else match.end("number"))
    if not counted and not (vague or qualifier):
        return None
    if not counted and re.fullmatch(r"(?:1[6-9]|20)\d\d", number_text):
        return None  # a year
    return Quantity(value=value, unit="count", kind="count", counted=counted, lower=lower,
                    upper=upper, original_unit="", **common)


def _counted(doc: Doc, number_end: int) -> str:
    """What a number counts, from the parse: the noun with its classifying modifiers and
    coordinated nouns ("6 armoured combat vehicles", "100 tanks and armoured vehicles", "5,000
    pieces of military equipment"), plus what happened to them when the sentence says
    ("people killed", "drones shot down", "residents relocated")."""
    span = doc.char_span(max(0, number_end - 1), number_end, alignment_mode="expand")
    if span is None:
        return ""
    token = span[-1]
    noun = None
    if token.dep_ in ("nummod", "quantmod", "amod", "compound") and token.head.pos_ in ("NOUN", "PROPN"):
        noun = token.head
    elif token.pos_ == "NOUN" or token.lower_ in VAGUE_COUNTS or token.pos_ == "NUM":
        noun = _of_object(token)
        if noun is None and token.pos_ == "NOUN" and token.lower_ not in VAGUE_COUNTS:
            noun = token
    if noun is None or noun.lower_ in NOT_COUNTED or noun.idx < token.idx:
        return _subject_casualty(token)
    words = _noun_phrase(noun, after=token.i)
    partitive = _of_object(noun) if noun.lower_ in PARTITIVE_NOUNS else None
    if partitive is not None:
        words += " of " + _noun_phrase(partitive, after=noun.i)
    for conjunct in (c for c in noun.children if c.dep_ == "conj" and c.pos_ == "NOUN"
                     and not any(n.dep_ == "nummod" for n in c.children)):  # not "4 tanks, 6 vehicles"
        words += " and " + _noun_phrase(conjunct, after=noun.i)
    return f"{words} {_casualty(noun)}".strip()


def _of_object(token: Token) -> Token | None:
    """ "scores of *vehicles*", "pieces of *equipment*"."""
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None


def _noun_phrase(noun: Token, after: int) -> str:
    """The noun with the modifiers that say what kind of thing it is ("armoured combat
    vehicles"), not nationalities, participles ("liberated") or size words ("new", "other")."""
    modifiers = [
        c for c in noun.lefts
        if c.i > after and (c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN") and not c.ent_type_
                            or c.dep_ == "amod" and c.tag_ == "JJ" and c.ent_type_ != "NORP"
                            and c.lower_ not in NON_CLASSIFYING)
    ]
    return "".join(t.lower_ + t.whitespace_ for t in modifiers) + noun.lower_


def _casualty(noun: Token) -> str:
    for child in noun.children:
        if child.dep_ in ("acl", "amod", "relcl") and child.lower_ in CASUALTY_PARTICIPLES:
            return child.lower_
    verb = noun.head
    if noun.dep_ in ("nsubjpass", "dobj") and verb.lower_ in CASUALTY_VERBS:
        participle = CASUALTY_VERBS[verb.lower_]
        particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), "")
        if participle != "shot" or particle == "down":
            return f"{participle} {particle}".strip()
    if noun.dep_ in ("nsubjpass", "nsubj") and verb.lower_ in CASUALTY_PARTICIPLES:
        return verb.lower_
    if noun.dep_ in ("nsubj", "nsubjpass"):
        for child in verb.children:
            if child.dep_ in ("acomp", "attr", "oprd") and child.lower_ in CASUALTY_PARTICIPLES:
                return child.lower_
    return ""


def _subject_casualty(token: Token) -> str:
    """ "at least 12 were killed", "600 killed and 600 wounded": the number counts casualties."""
    if token.dep_ in ("nsubj", "nsubjpass") and token.head.lower_ in CASUALTY_PARTICIPLES:
        return f"people {token.head.lower_}"
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if following is not None and following.lower_ in CASUALTY_PARTICIPLES:
        return f"people {following.lower_}"
    return ""


def _reference_quantity(match: re.Match) -> Quantity | None:
    name = match.group("reference") or match.group("bare_reference")
    area = reference_areas.lookup(name)
    if area is None:
        return None
    if match.group("bare_reference"):
        multiplier = parse_number(match.group("bare_count"))
    elif match.group("times"):
        times = match.group("times").lower()
        multiplier = 1.5 if times.startswith("one and a half") else parse_number(times)
    else:
        multiplier = MULTIPLIERS.get(" ".join((match.group("multiplier") or "").lower().split()), 1.0)
    if match.groupdict().get("count"):
        count = parse_number(match.group("count"))
        multiplier = None if count is None else multiplier * count
    if multiplier is None:
        return None
    value = round(area.km2 * multiplier, 3)
    qualifier = (match.group("qualifier") or match.groupdict().get("inner") or "").lower()
    lower, upper, _ = _bounds(qualifier, value)
    # "double the size of X" is as exact as the writer made it; "roughly", "nearly" are not
    return Quantity(start=match.start(), end=match.end(), text=match.group(), value=value, unit="km2",
                    kind="area", lower=lower, upper=upper, approximate=bool(qualifier), qualifier=qualifier,
                    reference=area.name, multiplier=multiplier, original_unit="reference")
