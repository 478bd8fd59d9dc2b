"""Forecasts: claims about the future that later reports can prove right or wrong.

A forecast is found from the parse, not from keywords alone. Its *predicate* is a verb (or an
event noun) that the sentence places in the future:

* a future modal: "will likely capture", "won't hold", "'ll fall";
* "would" in reported speech: "ISW said Kupiansk would likely fall" (a complement of a
  reporting or prediction verb that is not itself inside a relative clause, so "which they say
  would mark the most significant victory" — commentary on a prediction — is not one);
* a hedged modal: "could fall in days", "may attempt" (not "may have", not "could not");
* an expectation frame: "is expected / likely / unlikely / poised / set / about / going to",
  "expects / predicts / anticipates to";
* an expectation noun: "the imminent / expected / anticipated fall of Kherson", "an assault
  is imminent", "on the verge of capturing".

Recognised and **not** counted: conditionals (the predicate sits in, or governs, an "if /
unless / provided / as long as" clause) and questions. A predicate becomes a forecast only when
the events extractor finds a typed event in its clause (``events.find_events``), because only
typed events can be resolved: "is likely to erode the trust of soldiers" is a claim about the
future but nothing a later report can match. "Hold / retain / defend X" is the one predicate
we type ourselves: it predicts that the other side does *not* capture X (``occurs=False``).

The deadline comes from the governing time expression (``time.governing_time``); without one,
a default horizon by phrasing (``HORIZON_RULES``), recorded in ``horizon_rule`` with
``deadline_defaulted=True``. The probability is the certainty of the forecast's own clause
(``certainty.governing_certainty``) on the scale of its source, which comes from the claim
that contains it (the report's publisher for the author's own voice).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from spacy.attrs import LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from frontwatch.models import Analysis, Claim, Event, Forecast, Place, TimeExpr
from frontwatch.nlp import actors, certainty, sources
from frontwatch.nlp.doctext import span_text
from frontwatch.nlp.token_index import doc_tokens

FUTURE_MODALS = {"will", "shall", "'ll", "ll", "wo"}
HEDGE_MODALS = {"may", "might", "could"}


def _inflections(*verbs: str) -> set[str]:
    """Regular verb forms (the shared pipeline has no lemmatizer)."""
    forms = set()
    for verb in verbs:
        stem = verb[:-1] if verb.endswith("e") else verb
        forms |= {verb, verb + "s", stem + "ed", stem + "ing"}
    return forms


REPORTING_VERBS = _inflections(
    "predict", "expect", "assess", "believe", "warn", "forecast", "anticipate", "estimate",
    "judge", "project", "suggest", "add", "claim", "report", "conclude", "note", "argue",
    "indicate",
) | {"say", "says", "said", "think", "thinks", "thought", "write", "writes", "wrote", "tell",
     "tells", "told"}
# "X is <head> to <verb>": heads that put the verb in the future.
EXPECTATION_HEADS = {
    "likely", "unlikely", "poised", "set", "expected", "about", "going", "bound", "due",
    "certain", "sure", "anticipated", "predicted", "forecast", "projected", "slated", "destined",
    "expect", "expects", "expecting", "predict", "predicts", "anticipate", "anticipates",
}
# Present intentions: "is preparing to withdraw", "plans to storm" — finite and present only
# ("was preparing" is history, "accused Russia of preparing to" an accusation).
INTENTION_HEADS = {
    "preparing", "prepares", "prepare", "planning", "plans", "plan", "intends", "intend",
    "intending", "readying", "aims", "aiming",
}
PRESENT_AUX = {"is", "are", "am", "'s", "'re"}
EXPECTATION_ADJECTIVES = {
    "imminent", "impending", "expected", "anticipated", "looming", "forthcoming", "upcoming",
}
# "an assault on X is likely": an event noun as the subject of an estimative adjective
ESTIMATIVE_ADJECTIVES = {"likely", "unlikely", "probable", "improbable", "possible"}
VERGE_NOUNS = {"verge", "brink", "cusp"}
# "Kherson will be free / Ukrainian again / back in Ukrainian hands": the place changes hands.
CONTROL_STATES = {"free", "liberated", "ours", "ukrainian", "russian", "back"}
STATE_SIDES = {"ukrainian": "UA", "russian": "RU"}
# "forces will leave the right bank": a withdrawal by the subject's side.
LEAVE_VERBS = {"leave", "quit", "vacate"}
CONDITIONAL_MARKERS = ("if", "unless", "provided", "providing", "assuming", "as long as", "in case")
WH_TAGS = {"WDT", "WP", "WRB"}
HOLD_VERBS = {"hold", "retain", "keep", "defend"}
FALL_VERBS = {"fall"}
PAST_AUX = {"was", "were", "had"}
FAILURE_WORDS = _inflections("fail") | {"unable"}
# Relations whose subtrees are not part of the predicted clause (commentary, other clauses).
DETACHED = {"relcl", "parataxis", "advcl", "conj", "cc", "appos"}
# Event types whose initiator is the acting subject when the events stage found no side
# ("Russia will attempt a counter-attack to *retake* Kupiansk").
SUBJECT_ACTS = {"capture", "advance", "withdrawal", "clash", "artillery", "air_strike"}
CHANGES_OF_HANDS = {"capture", "withdrawal"}
# Subjects that name forces without a side ("fresh reinforcements will lift ...", "our units
# will rout ..."): a belligerent's spokesman or blogger speaks of his own side's forces.
UNNAMED_FORCES = actors.FORCE_NOUNS | {"reinforcements", "reserves", "we"}
BELLIGERENTS = {"RU", "UA"}
AREA_FEATURES = {"settlement", "admin1", "region", "other"}


@dataclass(frozen=True)
class Predicate:
    """A future-oriented predicate of a sentence: its head token and how it was recognised."""

    head: Token  # the verb the future cue attaches to, or the event noun ("fall")
    clause: Token  # head of the clause that states the forecast (its span root)
    cue: str  # will, would, hedge, expectation, noun
    negated: bool = False  # an odd number of negations / failure words on the way to the action

    @property
    def action(self) -> Token:
        """The predicted action at the end of an infinitive chain ("attempt to *retake*")."""
        return _action_chain(self.head)[-1]


def _action_chain(token: Token) -> list[Token]:
    """``token`` and the ``to``-infinitives below it: will [be able to] *hold*."""
    chain = [token]
    while True:
        below = _children(chain[-1], "xcomp") or [
            x for a in _children(chain[-1], "acomp") for x in _children(a, "xcomp")
        ]
        if not below:
            return chain
        chain.append(below[0])


def _chain_negated(token: Token) -> bool:
    """Odd count of "not" and of failure words ("fail to", "unable to") along the chain."""
    flips = 0
    for link in _action_chain(token):
        flips += len(_children(link, "neg")) + (link.lower_ in FAILURE_WORDS)
        flips += sum(a.lower_ in FAILURE_WORDS for a in _children(link, "acomp"))
    return flips % 2 == 1


# --- default horizons ---------------------------------------------------------------------


def _days(n: int) -> Callable[[dt.date], dt.date]:
    return lambda d: d + dt.timedelta(days=n)


def _next(month: int, day: int) -> Callable[[dt.date], dt.date]:
    def upcoming(d: dt.date) -> dt.date:
        candidate = dt.date(d.year, month, day)
        return candidate if candidate > d else dt.date(d.year + 1, month, day)

    return upcoming


# (pattern over the forecast's sentence, rule name, deadline from the report date).
# First match wins; the last rule is the default for a bare future.
HORIZON_RULES: tuple[tuple[re.Pattern[str], str, Callable[[dt.date], dt.date]], ...] = tuple(
    (re.compile(pattern, re.I), name, rule)
    for pattern, name, rule in (
        (r"\b(within|in) (the )?(next |coming )?(few )?hours\b", "coming hours: 2 d", _days(2)),
        (r"\b(imminent(ly)?|impending|poised to|about to|on the (verge|brink|cusp) of)\b",
         "imminent/poised: 7 d", _days(7)),
        (r"\b(in|within) (the )?(next |coming )?(few )?days\b|\bin days\b|\bwithin days\b",
         "coming days: 7 d", _days(7)),
        (r"\b(soon|shortly)\b", "soon: 14 d", _days(14)),
        (r"\b(in|within|over) (the )?(next |coming )?(few )?weeks\b|\bnear term\b",
         "coming weeks: 30 d", _days(30)),
        (r"\b(in|within|over) (the )?(next |coming )?(few )?months\b", "coming months: 90 d",
         _days(90)),
        (r"\b(before|by|ahead of) (the )?winter\b", "before winter: Dec 1", _next(12, 1)),
        (r"\b(before|by|ahead of) (the )?spring\b", "before spring: Mar 1", _next(3, 1)),
        (r"\b(by|before) the end of the year\b", "end of year: Dec 31", _next(12, 31)),
        (r".", "bare future: 30 d", _days(30)),
    )
)


FUTURE_WINDOW = re.compile(
    r"\b(in|within|over|during) (the )?(next|coming|following)\b|\bby (the end of|next)\b"
    r"|\b(tomorrow|tonight|this week|next week|next month)\b",
    re.I,
)


def _has_horizon(verb: Token) -> bool:
    """A phrase of a non-default horizon rule in the verb's clause ("could fall *in days*")."""
    clause = span_text(verb.doc[verb.left_edge.i: verb.right_edge.i + 1])
    return bool(FUTURE_WINDOW.search(clause)) or _vague(clause)


def default_deadline(sentence: str, report_date: dt.date) -> tuple[dt.date, str]:
    """The documented default horizon for a forecast with no usable time expression."""
    for pattern, name, rule in HORIZON_RULES:
        if pattern.search(sentence):
            return rule(report_date), name
    raise AssertionError("the last horizon rule matches any sentence")


# --- recognising predicates ---------------------------------------------------------------


def is_question(sent: Span) -> bool:
    return span_text(sent).rstrip(" \"'”’)\n").endswith("?")


def _children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def _has_aux(token: Token, words: set[str]) -> bool:
    return any(c.lower_ in words for c in _children(token, "aux", "auxpass"))


def _negated(token: Token) -> bool:
    return bool(_children(token, "neg"))


def _clause_opener(clause: Token) -> str:
    """The first words of an adverbial clause ("if", "as long as"), lower-cased."""
    words = [t.lower_ for t in list(clause.subtree)[:3]]
    return " ".join(words)


def is_conditional(token: Token) -> bool:
    """Inside an if/unless-clause, or governing one, anywhere up the chain of heads."""
    current = token
    while True:
        if any(m.lower_ in CONDITIONAL_MARKERS for m in _children(current, "mark")):
            return True
        for clause in _children(current, "advcl"):
            if _clause_opener(clause).startswith(CONDITIONAL_MARKERS):
                return True
        if current.head == current:
            return False
        current = current.head


def _inside_relative_clause(token: Token) -> bool:
    """In a relative or wh-clause, as parsed or as betrayed by its wh-word ("which they say",
    "when the attack would commence")."""
    chain = [token, *token.ancestors]
    return any(t.dep_ == "relcl" or any(c.tag_ in WH_TAGS for c in t.children) for t in chain)


def _clause_head(verb: Token) -> Token:
    """Climb from a ``to``-infinitive to the clause that carries the subject."""
    clause = verb
    while clause.dep_ in ("xcomp", "acomp") and clause.head != clause:
        clause = clause.head
    return clause


def _past_frame(verb: Token) -> bool:
    """'was expected / were likely / had been set to': the frame itself is in the past."""
    clause, frame = _clause_head(verb), verb.head
    words = {clause.lower_} | {c.lower_ for t in (clause, frame)
                               for c in _children(t, "aux", "auxpass")}
    return bool(words & PAST_AUX)


def _states_nothing(predicate: Predicate) -> bool:
    """A copula or "have" with no action below it ("Lyman will be the key", "is not going to
    have an impact"), unless "there will be"."""
    action = predicate.action
    if action.lower_ == "be" and _control_state(action) is not None:
        return False
    return action.lower_ in ("be", "have") and not _children(action, "expl")


def _control_state(be: Token) -> str | None:
    """The side a "P will be free / Ukrainian / in Russian hands" clause hands P to
    ("unknown" for free/liberated/ours), or None when the copula states something else."""
    for complement in _children(be, "acomp", "attr", "advmod"):
        if complement.lower_ not in CONTROL_STATES:
            continue
        words = [t.lower_ for t in complement.subtree]
        side = next((STATE_SIDES[w] for w in words if w in STATE_SIDES), None)
        return side or STATE_SIDES.get(complement.lower_, "unknown")
    return None


def _passive_infinitive(verb: Token) -> bool:
    """'(will) be retaken': a past participle with "be" as its passive auxiliary."""
    return verb.tag_ == "VBN" and any(c.lower_ == "be" for c in _children(verb, "auxpass"))


def _verb_predicate(verb: Token) -> Predicate | None:
    if verb.pos_ not in ("VERB", "AUX") or not (verb.tag_ == "VB" or _passive_infinitive(verb)):
        return None
    aux = {c.lower_ for c in _children(verb, "aux", "auxpass")}
    negated = _chain_negated(verb)
    if aux & FUTURE_MODALS:
        return Predicate(verb, _clause_head(verb), "will", negated)
    if "would" in aux:
        reporter = verb.head
        reported = (
            verb.dep_ == "ccomp"
            and reporter.lower_ in REPORTING_VERBS
            and not _inside_relative_clause(verb)
            and not _has_aux(reporter, {"had"})
        )
        return Predicate(verb, verb, "would", negated) if reported else None
    progressive = any(c.lower_ == "be" for c in _children(verb, "aux"))
    if aux & HEDGE_MODALS and "have" not in aux and not progressive:
        if "could" in aux and not _has_horizon(verb):
            return None  # "could" without a time ahead is mostly past ability or hypothesis
        return Predicate(verb, _clause_head(verb), "hedge", negated)
    framed = verb.head.lower_ in EXPECTATION_HEADS or (
        verb.head.lower_ in INTENTION_HEADS and _finite_present(verb.head))
    if "to" in aux and verb.dep_ == "xcomp" and framed:
        head = verb.head
        if _past_frame(verb):
            return None  # "was expected to": a past expectation, told as history
        return Predicate(verb, _clause_head(verb), "expectation", negated or _negated(head))
    return None


def _finite_present(verb: Token) -> bool:
    """'plans', 'are preparing': a present-tense finite verb (not a gerund after "of")."""
    return verb.tag_ in ("VBZ", "VBP") or (
        verb.tag_ == "VBG" and any(c.lower_ in PRESENT_AUX for c in _children(verb, "aux")))


def _noun_predicate(noun: Token) -> Predicate | None:
    if noun.pos_ not in ("NOUN", "PROPN"):
        return None
    if any(c.lower_ in EXPECTATION_ADJECTIVES for c in _children(noun, "amod")):
        return Predicate(noun, noun, "noun")
    if noun.dep_ in ("nsubj", "nsubjpass"):
        copula = noun.head
        adjectives = {a.lower_ for a in _children(copula, "acomp")
                      if not _children(a, "xcomp")}  # "forces are unlikely to hold": a verb frame
        if adjectives & (EXPECTATION_ADJECTIVES | ESTIMATIVE_ADJECTIVES) and _now_or_reported(copula):
            return Predicate(noun, copula, "noun")
    return None


def _now_or_reported(copula: Token) -> bool:
    """'is likely' / 'will be imminent', or a past copula backshifted in reported speech
    ("she said a crossing was unlikely before the spring"); not a past state told as history."""
    if copula.lower_ not in PAST_AUX:
        return True
    return copula.dep_ == "ccomp" and copula.head.lower_ in REPORTING_VERBS


def _verge_predicate(token: Token) -> Predicate | None:
    """'on the verge of capturing X'."""
    if token.lower_ not in VERGE_NOUNS:
        return None
    for prep in _children(token, "prep"):
        for action in _children(prep, "pcomp"):
            return Predicate(action, _clause_head(token.head.head), "expectation")
    return None


_PREDICTING_AUX = {*FUTURE_MODALS, *HEDGE_MODALS, "would", "to"}
_COPULA_ADJECTIVES = EXPECTATION_ADJECTIVES | ESTIMATIVE_ADJECTIVES
_CUE_WORDS = {get_string_id(w) for w in (*_PREDICTING_AUX, *_COPULA_ADJECTIVES, *VERGE_NOUNS)}
_CANDIDATES_KEY = "frontwatch.forecast_candidates"


def _candidates(doc: Doc) -> list[int]:
    """Indices of the tokens one of the predicate recognisers could accept, found once per
    ``Doc`` from the few words they all need (the recognisers reject every other token at
    once): VB/VBN verbs with a modal or "to" among their auxiliaries, nouns carrying an
    expectation adjective or subject of one ("an attack is likely"), verge nouns."""
    found = doc.user_data.get(_CANDIDATES_KEY)
    if found is not None:
        return found
    tokens = doc_tokens(doc)
    lowers = doc.to_array(LOWER).tolist() if len(doc) else []
    candidates: set[int] = set()
    for i in (i for i, lower in enumerate(lowers) if lower in _CUE_WORDS):
        word = tokens[i]
        lower, dep, head = word.lower_, word.dep_, word.head
        if lower in _PREDICTING_AUX and dep in ("aux", "auxpass"):
            if head.pos_ in ("VERB", "AUX") and head.tag_ in ("VB", "VBN"):
                candidates.add(head.i)
        if lower in EXPECTATION_ADJECTIVES and dep == "amod" and head.pos_ in ("NOUN", "PROPN"):
            candidates.add(head.i)
        if lower in _COPULA_ADJECTIVES and dep == "acomp":
            candidates.update(c.i for c in head.children
                              if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN"))
        if lower in VERGE_NOUNS:
            candidates.add(i)
    found = doc.user_data[_CANDIDATES_KEY] = sorted(candidates)
    return found


def _candidates_in(sent: Span) -> list[Token]:
    indices = _candidates(sent.doc)
    tokens = doc_tokens(sent.doc)
    return [tokens[i] for i in indices[bisect_left(indices, sent.start):bisect_left(indices, sent.end)]]


def future_predicates(sent: Span) -> list[Predicate]:
    """Future-oriented predicates of a sentence, without conditionals; none for a question."""
    if is_question(sent):
        return []
    found: dict[int, Predicate] = {}
    for token in _candidates_in(sent):
        predicate = _verb_predicate(token) or _noun_predicate(token) or _verge_predicate(token)
        if predicate is None or predicate.head.i in found or is_conditional(predicate.head):
            continue
        if _states_nothing(predicate):
            continue
        found[predicate.head.i] = predicate
        for conj in predicate.head.conjuncts:  # "will capture Izyum and advance on Lyman"
            if conj.i > predicate.head.i and conj.tag_ == "VB" and not _children(conj, "aux"):
                found.setdefault(conj.i, Predicate(conj, predicate.clause, predicate.cue,
                                                   _chain_negated(conj)))
    return [found[i] for i in sorted(found)]


def clause_span(predicate: Predicate) -> tuple[int, int]:
    """Character span of the forecast's clause: its subject and predicate, no commentary."""
    root = predicate.clause
    if predicate.head != root and predicate.head not in root.subtree:
        root = predicate.head
    keep: list[Token] = []
    stack = [root]
    while stack:
        token = stack.pop()
        keep.append(token)
        for child in token.children:
            own_conjunct = child == predicate.head or predicate.head in child.subtree
            if (child.dep_ in DETACHED or child.lower_ == "according") and not own_conjunct:
                continue
            if child.dep_ == "mark" and token == root:
                continue
            stack.append(child)
    if predicate.head not in keep:
        keep.extend(predicate.head.subtree)
    tokens = sorted(keep, key=lambda t: t.i)
    while tokens and (tokens[0].is_punct or tokens[0].is_space or tokens[0].dep_ == "cc"):
        tokens.pop(0)
    while tokens and (tokens[-1].is_space or tokens[-1].is_punct and tokens[-1].text not in "\"”’)"):
        tokens.pop()
    first, last = tokens[0], tokens[-1]
    return first.idx, last.idx + len(last)


# --- assembling Forecast records ----------------------------------------------------------


def _containing_claim(claims: list[Claim], start: int, end: int) -> Claim | None:
    holding = [c for c in claims if c.start <= start and end <= c.end]
    if not holding:
        holding = [c for c in claims if c.start <= start < c.end]
    return min(holding, key=lambda c: c.end - c.start, default=None)


def _source_of(claim: Claim | None, analysis: Analysis) -> tuple[str, str]:
    """(source id, country) of the claim; the report's publisher stands in for its author."""
    if claim is not None and claim.source != sources.AUTHOR_ID:
        known = sources.BY_ID.get(claim.source)
        return claim.source, known.country if known else sources.country_of(claim.source_name)
    publisher = sources.lookup(analysis.report.source) if analysis.report.source else None
    if publisher is not None:
        return publisher.id, publisher.country
    if analysis.report.source:
        return sources.slugify(analysis.report.source), ""
    return sources.AUTHOR_ID, ""


def _event_for(predicate: Predicate, events: list[Event]) -> Event | None:
    """The event triggered at (or nearest to) the predicate's head."""
    at = predicate.action.idx
    if predicate.cue == "noun":  # "an assault on X is likely": the noun itself is the event
        events = [e for e in events
                  if e.start <= at < e.end and e.trigger.lower() == predicate.action.lower_]
    return min(
        events,
        key=lambda e: (not (e.start <= at < e.end), abs(e.start - at)),
        default=None,
    )


def _place_in(analysis: Analysis, tokens: Iterable[Token]) -> Place | None:
    spans = [(t.idx, t.idx + len(t)) for t in tokens]
    return next((p for p in analysis.places if any(s <= p.start < e for s, e in spans)), None)


def _subject_side(predicate: Predicate) -> str:
    """The side of the clause's active subject ("Russia will attempt to retake ...")."""
    subjects = _children(predicate.clause, "nsubj") or _children(predicate.action, "nsubj")
    named = actors.actor_of(subjects[0]) if subjects else None
    return named.side if named else "unknown"


def _own_forces_side(predicate: Predicate, country: str) -> str:
    """The source's side when the acting subject is its forces left unnamed."""
    subjects = _children(predicate.clause, "nsubj") or _children(predicate.action, "nsubj")
    if country not in BELLIGERENTS or not subjects:
        return "unknown"
    subject = subjects[0]
    first_person = any(c.lower_ == "our" for c in subject.children)
    return country if subject.lower_ in UNNAMED_FORCES or first_person else "unknown"


def _fate_of_place(predicate: Predicate, analysis: Analysis) -> tuple[Event, bool] | None:
    """Predicates about who holds a place, typed here, with ``occurs``.

    "X will hold P" predicts that X's opponent does *not* capture P; "P will fall" and "P will
    be free / Ukrainian again" predict a capture of P; "X will leave P" a withdrawal by X.
    Other verbs are left to the events extractor.
    """
    verb = predicate.action
    subjects = _children(predicate.clause, "nsubj", "nsubjpass") or _children(verb, "nsubj")
    subject_tokens = [t for s in subjects for t in s.subtree]
    object_tokens = [t for o in _children(verb, "dobj") for t in o.subtree]
    kind, occurs = "capture", not predicate.negated
    if verb.lower_ in HOLD_VERBS:
        place = _place_in(analysis, object_tokens)
        holder = _subject_side(predicate)
        initiator, target, occurs = actors.opponent(holder), holder, predicate.negated
        if place is None:
            return None
    elif verb.lower_ in FALL_VERBS and not _children(verb, "prt"):  # not "fall back"
        place = _place_in(analysis, subject_tokens)
        initiator, target = "unknown", "unknown"
        if place is None:
            return None
    elif verb.lower_ == "be" and _control_state(verb) is not None:
        place = _place_in(analysis, subject_tokens)
        initiator = _control_state(verb) or "unknown"
        target = actors.opponent(initiator) if initiator != "unknown" else "unknown"
        if place is None:
            return None
    elif verb.lower_ in LEAVE_VERBS and object_tokens:
        kind, place = "withdrawal", _place_in(analysis, object_tokens)
        initiator, target = _subject_side(predicate), "unknown"
        if initiator == "unknown":
            return None  # "leave" is a withdrawal only when an armed side leaves
    else:
        return None
    event = Event(id="", type=kind, start=verb.idx, end=verb.idx + len(verb),
                  text=verb.text, trigger=verb.text, initiator_side=initiator,
                  target_side=target, place=place)
    return event, occurs


def _held_place(place: Place | None) -> bool:
    """A place that can be taken or left: not a river or border line, not a country, and not
    a lower-case phrase the gazetteer matched by accident ("east bank")."""
    return place is not None and place.feature in AREA_FEATURES and not place.text.islower()


def _forecast_place(event: Event, analysis: Analysis, start: int, end: int) -> Place | None:
    """The predicted event's place; for a change of hands, a place that can change hands:
    the first one named in the clause ("withdraw from the west bank of the Dnipro in *Kherson
    Oblast*"), else the one the report has named most often before it, the latest on a tie
    ("... in Kherson Oblast. Russia will complete the withdrawal within weeks"). The events
    stage's guess for a clause naming no place (the report's main place, wherever it is
    named) gives way to that rule: a forecast is about what was said before it."""
    place = event.place if event.place_from != "report_focus" else None
    if place is not None and not place.text.islower() and (
            event.type not in CHANGES_OF_HANDS or _held_place(place)):
        return place
    held = [p for p in analysis.places if _held_place(p)]
    inside = [p for p in held if start <= p.start < end]
    if inside:
        return inside[0]
    before = [p for p in held if p.start < start]
    mentions = Counter(p.name for p in before)
    return max(reversed(before), key=lambda p: mentions[p.name], default=place)


def _governing_time(doc: Doc, analysis: Analysis, start: int, end: int) -> TimeExpr | None:
    """The time expression governing the clause, ignoring "times" that are verbs of the
    sentence ("Lyman will likely *fall*" is no season)."""
    from frontwatch.nlp.time import governing_time

    def is_verb(t: TimeExpr) -> bool:
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        return span is not None and all(tok.pos_ in ("VERB", "AUX") for tok in span)

    times = [t for t in analysis.times if not is_verb(t)]
    return governing_time(dataclasses.replace(analysis, times=times), start, end)


def _vague(phrase: str) -> bool:
    """"in the coming days", "soon", "before winter": our documented horizon decides."""
    return any(pattern.search(phrase) for pattern, _, _ in HORIZON_RULES[:-1])


def _deadline(doc: Doc, analysis: Analysis, sentence: str, start: int, end: int
              ) -> tuple[dt.date, bool, str]:
    report_date = analysis.report.published
    when = _governing_time(doc, analysis, start, end)
    # the expression with the preposition before it: "[in ]the coming days"
    if when is not None and not _vague(analysis.report.text[max(0, when.start - 8): when.end]):
        bound = when.end_date or when.begin
        if bound is not None and bound > report_date:
            return bound, False, f"time expression: {when.text}"
    deadline, rule = default_deadline(sentence, report_date)
    return deadline, True, rule


def _forecast(doc: Doc, analysis: Analysis, predicate: Predicate, index: int) -> Forecast | None:
    from frontwatch.nlp.events import find_events

    start, end = clause_span(predicate)
    typed_here = _fate_of_place(predicate, analysis)
    if typed_here is not None:
        event, occurs = typed_here
    else:
        event, occurs = _event_for(predicate, find_events(doc, analysis, start, end)), (
            not predicate.negated)
    if event is None:
        return None
    place = _forecast_place(event, analysis, start, end)
    claim = _containing_claim(analysis.claims, start, end)
    source, country = _source_of(claim, analysis)
    initiator = event.initiator_side
    if initiator == "unknown" and event.type in SUBJECT_ACTS:
        initiator = _subject_side(predicate)
        if initiator == "unknown":
            initiator = _own_forces_side(predicate, country)
    scale = claim.certainty.scale if claim is not None else certainty.scale_for(country)
    stated = _stated_certainty(predicate, start, end, scale)
    sentence = span_text(predicate.head.sent)
    deadline, defaulted, rule = _deadline(doc, analysis, sentence, start, end)
    return Forecast(
        id=f"{analysis.report.id}:forecast:{index}",
        start=start,
        end=end,
        text=analysis.report.text[start:end],
        source=source,
        claim_id=claim.id if claim else None,
        event_type=event.type,
        initiator_side=initiator,
        target_side=event.target_side,
        place=place,
        deadline=deadline,
        deadline_defaulted=defaulted,
        horizon_rule=rule,
        certainty=stated,
        report_date=analysis.report.published,
        occurs=occurs,
        cue=predicate.cue,
    )


def _stated_certainty(predicate: Predicate, start: int, end: int, scale: str):
    """The clause's own estimative term, else that of a frame it completes: "There is a
    realistic possibility that ...", "It is highly likely that ..."."""
    own = certainty.governing_certainty(predicate.clause, start, end, scale)
    clause = predicate.clause
    if own.basis != "asserted" or clause.dep_ not in ("acl", "ccomp") or clause.head == clause:
        return own
    frame = clause.head if clause.head.dep_ not in ("attr", "acomp") else clause.head.head
    sentence_start = clause.sent.start_char
    framed = certainty.governing_certainty(frame, sentence_start, clause.left_edge.idx, scale)
    return framed if framed.basis != "asserted" else own


def _predicates(doc: Doc) -> Iterator[Predicate]:
    for sent in doc.sents:
        yield from future_predicates(sent)


def extract(doc: Doc, analysis: Analysis) -> list[Forecast]:
    """Every forecast of the report whose predicted event has a type."""
    forecasts: list[Forecast] = []
    for predicate in _predicates(doc):
        forecast = _forecast(doc, analysis, predicate, len(forecasts))
        if forecast is not None and not any(_same_prediction(forecast, f) for f in forecasts):
            forecasts.append(forecast)
    return forecasts


def _same_prediction(a: Forecast, b: Forecast) -> bool:
    """Two cues on one clause ("would likely to culminate") predict one thing."""
    overlap = a.start < b.end and b.start < a.end
    return overlap and (a.event_type, a.initiator_side, a.place and a.place.name) == (
        b.event_type, b.initiator_side, b.place and b.place.name)
