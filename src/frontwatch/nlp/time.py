"""Temporal expressions of a report, normalised against its publication date.

``extract(doc, analysis)`` finds every expression our grammar knows (``timegrammar``), checks
it against the parse (no "2000 troops", no "Theresa May") and returns TIMEX3-style ``TimeExpr``
records anchored on ``analysis.report.published``. (spaCy's DATE/TIME entities normalised by
``dateparser`` were tried as a fallback for what the grammar misses: on TimeBank/AQUAINT they
added false positives and no correct values, so they are not used; see docs/benchmarks.md.)

* the *tense* of the clause (spaCy tags on the governing verb: "will", "'ll", "shall",
  "going to", "expected to" … against "said", "had") picks the year of "September 6" and the
  week of "on Wednesday": the nearest one before the report date in a past clause, after it in a
  future one; with no tense to go by (no verb, present tense) the nearest date either side
  (a bare weekday then counts as past: news reports what happened);
* the *role* says how a claim uses the expression, from the preposition before it:
  ``since`` ("since September 6" → 2022-09-06 .. report date; also "the past five days"),
  ``deadline`` ("within the next 48 hours" → report date .. +2 days, counting whole days up;
  "by the end of the year"; "in the coming days" — a vague "few" counts as three units;
  "next week" — the whole future week), ``duration`` ("six months") or ``point``;
* "the past five days since September 6": a backward period immediately followed by "since
  DATE" takes its start from the explicit date (2022-09-06, not 2022-09-07), because the
  writer named it and counting conventions for "past N days" vary;
* ``begin``/``end_date`` are the calendar days an expression covers (a week, a month, an
  interval), so later stages need not parse TIMEX3 values.

``governing_time(analysis, start, end)`` is for later stages (events, claims, forecasts): the
expression that governs the clause ``start..end`` — one attached (by the parse) to a verb inside
the clause first, then one inside the clause, then the nearest in the same sentence; durations
without a position in time ("six months") never govern. None means "use the report date".
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc, Span, Token

from frontwatch.models import Analysis, TimeExpr
from frontwatch.nlp import quantities, timegrammar
from frontwatch.nlp.doctext import doc_text
from frontwatch.nlp.timegrammar_calendar import Normalised

# "would" is the future of reported speech ("said the flights would leave on March 30").
# "would" is the future of reported speech ("said the flights would leave on March 30"); "must"
# and "should" put an obligation ahead ("must be returned by Jan. 14") unless perfect ("must have").
FUTURE_AUXILIARIES = {"will", "'ll", "’ll", "shall", "wo", "gonna", "would", "must", "should"}
# "X is expected to fall on Friday": the verb after "to" is future when its governor is one of these.
FUTURE_GOVERNORS = {"going", "expected", "expects", "expect", "due", "set", "scheduled",
                    "plans", "plan", "planned", "planning", "intends", "intend", "aims", "aim",
                    "likely", "poised", "promised", "promises", "vowed", "vows", "threatened",
                    "threatens", "predicts", "predicted", "hopes", "hope", "supposed", "ready"}
# "plans a news conference Tuesday", "protesters planned a rally on Saturday": what is planned is
# still ahead when reported — for the past form only when the date is part of what follows the
# verb ("On Friday, the government planned ..." dates the planning; "a service planned for
# Saturday was canceled" is a participle and follows its clause).
PLANNING_VERBS = {"plan", "plans", "planning", "schedule", "schedules", "scheduling"}
PLANNED_VERBS = {"planned", "scheduled"}
BE_FORMS = {"is", "are", "was", "were", "'s", "’s", "'re", "’re"}  # "is to resume": arranged, ahead
SINCE_CUE = re.compile(r"\b(?:ever\s+)?since\s+$|\bfrom\s+$", re.IGNORECASE)
TAKES_EFFECT_CUE = re.compile(r"\b(?:effective|starting|beginning|as\s+of)\s+$", re.IGNORECASE)
FROM_CUE = re.compile(r"from\s*$", re.IGNORECASE)
BY_CUE = re.compile(r"\b(?:by|before|until|till|no\s+later\s+than)\s+$", re.IGNORECASE)
# Bare month names that are also common words or surnames need a temporal cue before them.
AMBIGUOUS_MONTHS = {"may", "march"}
MONTH_CUE = re.compile(
    r"\b(?:in|since|until|till|by|of|during|from|before|after|through|last|next|this|early|late|"
    r"mid|end|beginning|start|on|to)[\s-]+$", re.IGNORECASE
)
# "more than a quarter of the market": a fraction, unless of a time ("a quarter of a century")
FRACTION = re.compile(r"\s+of\s+(?:the|its|their|his|her|all|an?)\s+(?!(?:century|hour|year|decade|fiscal|calendar)\b)[a-z]")
AGE = re.compile(r"[\s-]+old\b", re.IGNORECASE)  # "52 years old" is an age, no duration
NON_DATE_ENTITIES = {"CARDINAL", "MONEY", "QUANTITY", "PERCENT", "ORDINAL", "PRODUCT", "LAW"}
# The cues above end at the expression ("...since\s+$"); searching the whole text before it for
# each match made long articles quadratic, so only this many characters before it are read.
CUE_WINDOW = 100


def _cue_before(cue: re.Pattern, text: str, start: int) -> bool:
    """Does ``cue`` (anchored with ``$``) end right before ``text[start]``?"""
    return cue.search(text, max(0, start - CUE_WINDOW), start) is not None


def extract(doc: Doc, analysis: Analysis) -> list[TimeExpr]:
    anchor = analysis.report.published
    text = doc_text(doc)
    found = []
    quarter_discussed: Normalised | None = None
    reference_day: dt.date | None = None  # the last day the story named
    for match in timegrammar.find(text):
        span = doc.char_span(match.start, match.end, alignment_mode="expand")
        if span is None or not _plausible(match, span, text):
            continue
        meaning = timegrammar.normalise(match, anchor, _tense(span))
        if meaning is None:
            continue
        if meaning.reference_shift is not None or meaning.reference_year is not None:
            if quarter_discussed is not None:
                meaning = timegrammar.on_reference_quarter(meaning, quarter_discussed)
        elif re.fullmatch(r"\d{4}-Q[1-4]", meaning.value):
            quarter_discussed = meaning
        if meaning.reference_days is not None and reference_day is not None:
            part = match.groups.group("part")
            meaning = timegrammar.on_reference_day(reference_day, meaning.reference_days, part)
        if meaning.precision == "day" and re.match(r"\d{4}-\d\d-\d\d", meaning.value):
            reference_day = meaning.begin
        found.append(_record(text, match.start, match.end, meaning, anchor, span))
    found.sort(key=lambda t: t.start)
    _join_period_with_since(text, found)
    return found


def governing_time(analysis: Analysis, start: int, end: int) -> TimeExpr | None:
    """The time expression that governs the clause ``start..end`` (see the module docstring)."""
    sentence = next((s for s in analysis.sentences if s.start <= start < s.end), None)
    lo, hi = (sentence.start, sentence.end) if sentence else (start, end)
    candidates = [
        t for t in analysis.times
        if lo <= t.start < hi and (t.type != "DURATION" or t.begin is not None)
        and t.value not in ("PRESENT_REF", "FUTURE_REF")
    ]
    if not candidates:
        return None

    def rank(t: TimeExpr) -> tuple[int, int]:
        attached = t.governor is not None and start <= t.governor[0] < end
        inside = start <= t.start and t.end <= end
        distance = 0 if inside else min(abs(t.start - end), abs(start - t.end))
        return (0 if attached else 1 if inside else 2, distance)

    return min(candidates, key=rank)


def _record(text: str, start: int, end: int, meaning: Normalised, anchor: dt.date,
            span: Span) -> TimeExpr:
    role, begin, end_date = _role(text, start, meaning, anchor)
    governor = _governing_verb(span)
    return TimeExpr(
        start=start, end=end, text=text[start:end], type=meaning.type, value=meaning.value,
        precision=meaning.precision, begin=begin, end_date=end_date, role=role,
        governor=(governor.idx, governor.idx + len(governor)) if governor is not None else None,
    )


def _role(text: str, start: int, meaning: Normalised, anchor: dt.date) -> tuple[str, dt.date | None, dt.date | None]:
    """How a claim uses the expression at ``start``, with the interval that use implies."""
    begin, end = meaning.begin, meaning.end
    if _cue_before(SINCE_CUE, text, start) and meaning.type in ("DATE", "TIME") and begin and begin <= anchor:
        return "since", begin, anchor
    if begin is not None and end is not None and begin >= anchor and end > anchor:
        return "deadline", begin, end  # "the next 48 hours", "in the coming days", "next week"
    if _cue_before(BY_CUE, text, start) and end is not None and end > anchor:
        return "deadline", anchor, end  # "by the end of the year"
    if begin is not None and end == anchor and (meaning.type == "DURATION" or meaning.value == "PAST_REF"):
        return "since", begin, end  # "the past five days", "in recent days"
    if meaning.type == "DURATION":
        return "duration", begin, end
    return "point", begin, end


def _join_period_with_since(text: str, found: list[TimeExpr]) -> None:
    """ "the past five days since September 6": the named date starts the period."""
    for period, following in zip(found, found[1:]):
        gap = text[period.end:following.start]
        if period.role == "since" and period.type == "DURATION" and following.role == "since" and (
            re.fullmatch(r"\s*(?:,\s*)?(?:ever\s+)?since\s+", gap, re.IGNORECASE)
        ):
            period.begin = following.begin


def _plausible(match: timegrammar.Match, span: Span, text: str) -> bool:
    """Drop grammar matches the parse shows are no time: "2000 troops", "Theresa May"."""
    first = span[0]
    name = match.rule.name
    if name == "year" and match.text.strip()[:1].isdigit():
        head = first.head
        counts_something = first.dep_ == "nummod" and head.i != first.i and head.pos_ == "NOUN" and (
            head.tag_ in ("NNS", "NNPS") or head.lower_ in quantities.UNITS
        )  # "2000 troops", "1500 km"; but "the 1996 campaign", "a 1959 embargo" are years
        if first.ent_type_ in NON_DATE_ENTITIES or counts_something:
            return False
    if name == "month" and match.text.lower() in AMBIGUOUS_MONTHS:
        if first.ent_type_ in ("PERSON", "ORG") or not _cue_before(MONTH_CUE, text, match.start):
            return False
    if name in ("period", "period_adjective") and first.ent_type_ in ("MONEY", "PERCENT"):
        return False
    is_fraction = re.search(r"\b(?:a|one|three)\s+quarters?$", match.text, re.IGNORECASE) and FRACTION.match(text, match.end)
    if name == "period" and (AGE.match(text, match.end) or _is_rate(match, span) or is_fraction):
        return False
    if name == "season" and span.root.pos_ in ("VERB", "AUX"):
        return False  # "prices could fall further", "the deal could fall through"
    return True


def _is_rate(match: timegrammar.Match, span: Span) -> bool:
    """ "$2 million a year", "four flights a week": "a/an UNIT" after an amount is a rate."""
    if match.text.split()[0].lower() not in ("a", "an") or span.start == 0:
        return False
    before = span.doc[span.start - 1]
    return before.like_num or before.tag_ in ("NNS", "NNPS", "CD") or before.ent_type_ in ("MONEY", "CARDINAL")


def _governing_verb(span: Span) -> Token | None:
    token = span.root
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX"):
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _future_modal(verb: Token) -> bool:
    """"will / would try": a future auxiliary on the verb, not a perfect ("would have")."""
    auxiliaries = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return bool(set(auxiliaries) & FUTURE_AUXILIARIES) and not {"have", "'ve"} & set(auxiliaries)


def _tense(span: Span) -> bool | None:
    """Is the clause the expression sits in about the future (True), the past (False), or is
    that unknown (None: no verb, present tense)? From the verb's tag and auxiliaries.

    A verb without tense of its own ("departing", "to leave") takes the tense of the verb it
    depends on, up to three levels up."""
    text, start = doc_text(span.doc), span.start_char
    if _cue_before(TAKES_EFFECT_CUE, text, start):
        return None  # "effective Feb. 1": when something starts, either side of the report
    if _cue_before(SINCE_CUE, text, start) and not _cue_before(FROM_CUE, text, start):
        return False  # "since year-end", "since March": a time before the report
    verb = _governing_verb(span)
    for _ in range(3):
        if verb is None:
            return None
        auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        if any(t.lower_ in FUTURE_AUXILIARIES for t in (verb, *auxiliaries)):
            return not any(a.lower_ in ("have", "'ve") for a in auxiliaries)
        if verb.lower_ in PLANNING_VERBS or verb.lower_ in PLANNED_VERBS and (
            (verb.tag_ == "VBD" and verb.i < span.start)
            or any(a.lower_ in ("is", "are", "'s", "'re") for a in auxiliaries)  # "is scheduled for Sunday"
        ):
            return True
        if verb.tag_ == "VBN" and not auxiliaries:
            return False  # "the decision, announced Wednesday": a past participle
        if verb.head.lower_ in ("since", "after") or any(
            c.dep_ in ("mark", "prep") and c.lower_ in ("since", "after") and c.i < verb.i for c in verb.children
        ):
            return False  # "would mark ... since winning the battle in March": before now
        if any(a.lower_ == "to" for a in auxiliaries):
            # "expected to fall", "is to resume trading Tuesday": ahead; any other infinitive
            # ("an agreement to acquire the bank in January") only follows its governor, which
            # says nothing about the report date
            head = verb.head
            arranged = head.lower_ in BE_FORMS and head.i < verb.i  # not "countries to accede ... were"
            if head.lower_ in FUTURE_GOVERNORS or arranged:
                return True
            # "would try to reach X before winter": a future governor makes the infinitive future
            return True if head.pos_ == "VERB" and _future_modal(head) else None
        if verb.tag_ == "VBD" or any(a.tag_ in ("VBD", "VBN") or a.lower_ in ("has", "have") for a in auxiliaries):
            return False
        if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP", "MD") for a in auxiliaries):
            return None
        verb = _governing_verb(verb.doc[verb.head.i : verb.head.i + 1]) if verb.head.i != verb.i else None
    return None
