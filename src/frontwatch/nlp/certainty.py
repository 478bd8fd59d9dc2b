"""How sure a source is: estimative words → probability bands on a named yardstick.

Intelligence writing grades its judgements with a fixed vocabulary. The UK uses the PHIA
probability yardstick, the US intelligence community ICD 203; the same word ("likely") means
55–75 % on one and 55–80 % on the other, so every band records its scale. A claim's certainty
comes from the term that governs its own clause: "likely" in a relative clause hanging off the
object says nothing about the main assertion.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from frontwatch.models import Certainty
from frontwatch.nlp.doctext import doc_text
from frontwatch.nlp.regex_starts import finditer_in, start_shapes
from frontwatch.nlp.token_index import tokens_in

PHIA = "PHIA"
ICD203 = "ICD203"

# Levels shared by both scales; each scale names and bounds them its own way.
REMOTE, VERY_UNLIKELY, UNLIKELY, EVEN, LIKELY, VERY_LIKELY, ALMOST_CERTAIN = range(7)

SCALES: dict[str, dict[int, tuple[str, float, float]]] = {
    PHIA: {
        REMOTE: ("remote chance", 0.0, 0.05),
        VERY_UNLIKELY: ("highly unlikely", 0.10, 0.20),
        UNLIKELY: ("unlikely", 0.25, 0.35),
        EVEN: ("realistic possibility", 0.40, 0.50),
        LIKELY: ("likely", 0.55, 0.75),
        VERY_LIKELY: ("highly likely", 0.80, 0.90),
        ALMOST_CERTAIN: ("almost certain", 0.95, 1.0),
    },
    ICD203: {
        REMOTE: ("almost no chance", 0.01, 0.05),
        VERY_UNLIKELY: ("very unlikely", 0.05, 0.20),
        UNLIKELY: ("unlikely", 0.20, 0.45),
        EVEN: ("roughly even chance", 0.45, 0.55),
        LIKELY: ("likely", 0.55, 0.80),
        VERY_LIKELY: ("very likely", 0.80, 0.95),
        ALMOST_CERTAIN: ("almost certain", 0.95, 0.99),
    },
}

# Estimative phrases of either scale (and common synonyms) → level. Longest match wins.
TERMS: dict[str, int] = {
    "remote chance": REMOTE, "remote possibility": REMOTE, "almost no chance": REMOTE,
    "highly unlikely": VERY_UNLIKELY, "very unlikely": VERY_UNLIKELY,
    "highly improbable": VERY_UNLIKELY, "extremely unlikely": VERY_UNLIKELY,
    "unlikely": UNLIKELY, "improbable": UNLIKELY, "doubtful": UNLIKELY, "we doubt": UNLIKELY,
    "realistic possibility": EVEN, "roughly even chance": EVEN, "roughly even odds": EVEN,
    "even chance": EVEN, "even odds": EVEN, "fifty-fifty": EVEN,
    "likely": LIKELY, "probable": LIKELY, "probably": LIKELY, "in all likelihood": LIKELY,
    "highly likely": VERY_LIKELY, "very likely": VERY_LIKELY, "highly probable": VERY_LIKELY,
    "very probably": VERY_LIKELY, "most likely": VERY_LIKELY,
    "almost certain": ALMOST_CERTAIN, "almost certainly": ALMOST_CERTAIN,
    "nearly certain": ALMOST_CERTAIN, "nearly certainly": ALMOST_CERTAIN,
    "virtually certain": ALMOST_CERTAIN,
}
HEDGES = {"may", "might", "could", "possibly", "perhaps", "possible", "potentially", "maybe"}
NEGATORS = {"not", "n't", "never", "no"}
_MIRROR = {REMOTE: ALMOST_CERTAIN, VERY_UNLIKELY: VERY_LIKELY, UNLIKELY: LIKELY, EVEN: EVEN}
_MIRROR.update({v: k for k, v in list(_MIRROR.items())})

_TERM_RE = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(t) for t in sorted(TERMS, key=len, reverse=True))
    + r")(?![\w-])",
    re.IGNORECASE,
)
_HEDGE_RE = re.compile(r"(?<![\w-])(" + "|".join(sorted(HEDGES)) + r")(?![\w-])", re.IGNORECASE)
_NUMBER_RE = re.compile(
    r"(\d{1,3}(?:\.\d+)?)\s?(?:%|per\s?cent|percent)\s+(?:chance|probability|likelihood)",
    re.IGNORECASE,
)
# Dependency relations that open a new clause: a term below one of them governs that clause.
CLAUSE_BOUNDARIES = {
    "relcl", "acl", "advcl", "ccomp", "csubj", "csubjpass", "conj", "parataxis", "appos",
    "pcomp",
}


def scale_for(country: str) -> str:
    """UK sources use PHIA, US sources ICD 203, everyone else PHIA."""
    return ICD203 if country == "US" else PHIA


def band(level: int, scale: str, term: str, basis: str, negated: bool = False,
         span: tuple[int, int] | None = None) -> Certainty:
    name, low, high = SCALES[scale][level]
    start, end = span if span else (None, None)
    return Certainty(term=term or name, scale=scale, p_low=low, p_high=high, basis=basis,
                     negated=negated, start=start, end=end)


# Short identifiers of the bands (the gold files and the JSON output use them).
BAND_IDS: dict[str, dict[int, str]] = {
    PHIA: {REMOTE: "remote_chance", VERY_UNLIKELY: "highly_unlikely", UNLIKELY: "unlikely",
           EVEN: "realistic_possibility", LIKELY: "likely", VERY_LIKELY: "highly_likely",
           ALMOST_CERTAIN: "almost_certain"},
    ICD203: {REMOTE: "remote_chance", VERY_UNLIKELY: "very_unlikely", UNLIKELY: "unlikely",
             EVEN: "roughly_even", LIKELY: "likely", VERY_LIKELY: "very_likely",
             ALMOST_CERTAIN: "almost_certain"},
}


def band_name(cert: Certainty) -> str:
    """The band identifier of a graded certainty ("highly_likely"); "" when it is on no band."""
    for level, (_, low, high) in SCALES.get(cert.scale, {}).items():
        if (low, high) == (cert.p_low, cert.p_high):
            return BAND_IDS[cert.scale][level]
    return ""


def asserted(scale: str) -> Certainty:
    return Certainty(term="", scale=scale, p_low=1.0, p_high=1.0, basis="asserted")


@dataclass(frozen=True)
class _Match:
    start: int  # character offsets in the doc / text
    end: int
    term: str
    level: int | None  # None for hedges


_TERM_SHAPES = start_shapes(_TERM_RE)
_HEDGE_SHAPES = start_shapes(_HEDGE_RE)


def _matches(text: str, offset: int = 0, end: int | None = None) -> list[_Match]:
    """Terms and hedges in ``text``, or, with ``end``, in ``text[offset:end]`` (looked for
    only where they can begin: ``regex_starts``); offsets are in ``text``."""
    if end is None:
        terms, hedges = _TERM_RE.finditer(text), _HEDGE_RE.finditer(text)
    else:
        terms = finditer_in(_TERM_RE, _TERM_SHAPES, text, offset, end)
        hedges = finditer_in(_HEDGE_RE, _HEDGE_SHAPES, text, offset, end)
    found = [_Match(m.start() + offset, m.end() + offset, m.group(0), TERMS[m.group(0).lower()])
             for m in terms]
    taken = [(m.start, m.end) for m in found]
    for m in hedges:
        s, e = m.start() + offset, m.end() + offset
        if not any(a <= s < b for a, b in taken):
            found.append(_Match(s, e, m.group(0), None))
    return sorted(found, key=lambda m: m.start)


def _number(text: str, offset: int, scale: str) -> Certainty | None:
    m = _NUMBER_RE.search(text)
    if not m:
        return None
    p = min(float(m.group(1)) / 100, 1.0)
    return Certainty(term=m.group(0), scale=scale, p_low=p, p_high=p, basis="number",
                     start=m.start() + offset, end=m.end() + offset)


def _to_certainty(match: _Match, scale: str, negated: bool) -> Certainty:
    span = (match.start, match.end)
    if match.level is None:
        if negated:  # "could not", "may not": a hedged negative, still a hedge
            return band(EVEN, scale, match.term, "hedge", negated=True, span=span)
        return band(EVEN, scale, match.term, "hedge", span=span)
    level = _MIRROR[match.level] if negated else match.level
    return band(level, scale, match.term, "term", negated=negated, span=span)


def _governs(token: Token, head: Token) -> bool:
    """True when ``token`` hangs off ``head`` without crossing into another clause."""
    current = token
    while current != head:
        if current.dep_ in CLAUSE_BOUNDARIES or current.head == current:
            return False
        current = current.head
    return True


def _term_negated(anchor: Token, term_start: int) -> bool:
    """A negator before the term, attached to it or to the word it modifies ("is not likely")."""
    for candidate in (anchor, anchor.head):
        for child in candidate.children:
            if child.lower_ in NEGATORS and child.idx < term_start:
                return True
    prev = anchor.doc[anchor.i - 1] if anchor.i > 0 else None
    return prev is not None and prev.lower_ in NEGATORS and prev.idx < term_start


def governing_certainty(head: Token, start: int, end: int, scale: str) -> Certainty:
    """Certainty of the clause headed by ``head`` within characters [start, end) of the doc."""
    doc = head.doc
    text = doc_text(doc)[start:end]
    number = _number(text, start, scale)
    if number:
        return number
    best: tuple[int, _Match, Token] | None = None
    for match in _matches(doc_text(doc), start, end):
        span = tokens_in(doc, match.start, match.end, expand=True)
        if not span:
            continue
        anchor = span[-1]
        if not _governs(anchor, head):
            continue
        depth = sum(1 for _ in _path(anchor, head))
        if best is None or depth < best[0]:
            best = (depth, match, anchor)
    if best is None:
        return asserted(scale)
    _, match, anchor = best
    return _to_certainty(match, scale, _term_negated(anchor, match.start))


def _path(token: Token, head: Token) -> Iterable[Token]:
    while token != head:
        yield token
        token = token.head


def certainty_of(
    span: str | Span | Doc | list[Token], scale: str = PHIA, offset: int = 0
) -> Certainty:
    """Certainty of a clause given as text or tokens, on ``scale`` (PHIA or ICD203).

    With tokens the governing term is chosen syntactically (the term nearest the clause's
    root, not one inside a relative or adverbial clause); with plain text the first term is
    used and a "not" just before it negates it. ``offset`` shifts the text's term span.
    Returns an "asserted" certainty (p = 1.0) when no term is found.
    """
    if scale not in SCALES:
        scale = scale_for(scale)  # a country code was given
    if isinstance(span, list):
        if not span:
            return asserted(scale)
        doc = span[0].doc
        span = doc[min(t.i for t in span): max(t.i for t in span) + 1]
    if isinstance(span, (Span, Doc)):
        root = span.root if isinstance(span, Span) else next(iter(span.sents)).root
        first, last = span[0], span[-1]
        return governing_certainty(root, first.idx, last.idx + len(last), scale)
    text = str(span)
    number = _number(text, offset, scale)
    if number:
        return number
    matches = _matches(text, offset)
    if not matches:
        return asserted(scale)
    match = matches[0]
    before = text[: match.start - offset].split()[-2:]
    negated = any(w.lower().strip(",") in NEGATORS or w.lower().endswith("n't") for w in before)
    return _to_certainty(match, scale, negated)
