"""Typed, sided, placed and dated conflict events from an analysed report.

Method: a trigger lexicon (``event_types``) finds candidate words in one pass over the
``Doc``; the dependency parse then supplies each trigger's agent (who acts) and patient (what
is acted on), and the patient decides the type where the word alone cannot ("destroyed tanks"
is an equipment loss, "destroyed a school" infrastructure damage). Sides come from
``actors``; place, time, quantities and the governing claim come from the earlier stages,
attached by syntax first and proximity second. Measured in ``docs/benchmarks.md``.

Events are reported whether or not they happened: ``modality`` says whether the text presents
them as actual, ordered, negated or future, and ``asserted`` is False for negated, future,
dismissed or negated-claim events, so that control maps use only asserted ones while the
forecast stage can read predicted ones with :func:`find_events`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from frontwatch.models import Analysis, Certainty, Claim, Event, Place, Quantity, TimeExpr
from frontwatch.nlp import actors, casualties, event_types, sources
from frontwatch.nlp.actors import Actor
from frontwatch.nlp.event_types import (
    ADJ_TRIGGERS,
    AIR_MEANS,
    ARTILLERY_MEANS,
    BUILT_UP_MODIFIERS,
    CIVILIAN_WORDS,
    CONDITIONAL_MARKS,
    EQUIPMENT_DESIGNATION,
    EQUIPMENT_WORDS,
    FLAG_WORDS,
    FUTURE_AUX,
    IMPLICATIVE_CONTROLLERS,
    INFRASTRUCTURE_WORDS,
    MILITARY_WORDS,
    NOUN_TRIGGERS,
    ORDERED_CONTROLLERS,
    PHRASAL,
    PHRASAL_ONLY,
    QUESTION_MARKS,
    REPELLING_VERBS,
    RESTORATIVE_CAPTURE,
    RIVER_LINE_WORDS,
    SETTLEMENT_NOUNS,
    SIEGE_WORDS,
    TERRITORY_WORDS,
    UNREAL_CONTROLLERS,
    VERB_TRIGGERS,
    WEAPON_WORDS,
    acled_columns,
)
from frontwatch.nlp.edges import trim_edges
from frontwatch.nlp.token_index import doc_tokens, token_starts

CLAUSE_DEPS = frozenset({"conj", "ccomp", "advcl", "parataxis", "relcl"})
LOSS_FORMS = frozenset({"lose", "loses", "lost", "losing", "losses"})
INFLICTING = ("inflict", "caus", "produc", "deal")
CORE_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "oprd"})
ATTACHING_PREPS = frozenset(
    {"in", "near", "around", "from", "to", "into", "at", "towards", "toward", "outside",
     "of", "on", "over", "across", "inside", "through", "along", "by", "within", "beyond"}
)
QUANTIFIER_NOUNS = frozenset(
    {"scores", "dozens", "hundreds", "thousands", "number", "part", "parts", "remains",
     "majority", "some", "group", "lot", "lots", "kind", "type", "set", "pair", "couple",
     "row", "rows", "line", "column", "convoy", "footage", "video", "image", "images",
     "photo", "photos", "aftermath", "consequences", "results", "site", "numbers", "centre",
     "center", "heart", "cctv", "imagery", "picture", "pictures", "clip", "clips", "videos",
     "evidence", "battery", "batteries", "queue", "queues"}
)
DISMISS_VERBS = frozenset(
    {"dismissed", "dismisses", "dismiss", "rejected", "rejects", "reject", "refuted",
     "refutes", "debunked", "denied", "denies", "deny", "disputed", "disputes", "dispute"}
)
NOT_ASSERTED_STANCES = frozenset({"negated", "dismissed"})
AFTERMATH_WORDS = frozenset({"aftermath", "results", "result", "consequences", "after",
                             "following"})
COMBAT_WORDS = frozenset({"fighting", "clash", "clashes", "battle", "battles", "combat",
                          "position", "positions", "trench", "trenches",
                          "frontline", "front", "truce", "ceasefire", "offensive", "army"})
INTRANSITIVE_LOSSES = frozenset({"crashed", "collapsed", "burned", "burnt", "sank", "sunk",
                                 "exploded", "crashes", "collapses", "crashing", "sinking"})
# Losses only vehicles suffer: a thing that crashed or sank is lost equipment even unnamed
# (what burned or collapsed may as well be a building).
VEHICLE_LOSSES = frozenset({"crashed", "crashes", "crashing", "sank", "sunk", "sinking"})
# Modifiers that make a vehicle civilian property ("civilian cars", "a private vehicle").
CIVILIAN_OWNERS = frozenset({"civilian", "civilians", "private", "passenger", "family"})
# Nouns whose "of"/"from" munition is the means, not the thing lost ("aftermath of missile
# strikes", "damage from a rocket").
SCENE_NOUNS = frozenset({"aftermath", "damage"})
TAKING_FIRE = frozenset({"take", "takes", "took", "taken", "taking", "draw", "draws", "drew",
                         "drawn", "drawing"})
# Words that make an unnamed victim a soldier ("Russian military casualties"); "artillery"
# is a force noun but names the means in "casualty from artillery strike".
MILITARY_CONTEXT = MILITARY_WORDS | COMBAT_WORDS | (actors.FORCE_NOUNS - {"artillery"})
# Munitions whose sighting in flight or where they fell reports a strike (not guns, not mines:
# "artillery on the move", "mines in the street" are no strikes).
SIGHTED_MUNITIONS = frozenset(
    w for base in ["missile", "rocket", "bomb", "munition", "projectile", "warhead", "submunition"]
    for w in event_types._noun_forms(base)) | {"ordnance"}
WEAPON_MOTION = frozenset(
    w for base in ["move", "fly", "head", "streak", "whistle", "embed", "stick", "rain"]
    for w in event_types._verb_forms(base)) | {"flew", "flown", "stuck"}
DEBRIS_WORDS = frozenset({"remnant", "remnants", "debris", "fragment", "fragments", "booster",
                          "boosters", "shrapnel", "remains", "tail", "part", "parts", "sound",
                          "flight", "launch", "launches", "trail", "trails"})
HOLE_WORDS = frozenset({"hole", "holes", "bullet-holes", "bullet-hole"})
PIERCING_WORDS = frozenset({"bullet", "bullets", "shrapnel", "shell", "shells"})
NEW_GRAVES = frozenset({"mass", "fresh", "new", "makeshift", "improvised"})
NAMED_THINGS = frozenset({"equipment", "infrastructure", "civilian", "military"})
RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom"})
AIMING_PREPS = frozenset({"on", "onto", "into", "at", "towards", "toward"})
# What is shot down without counting as lost equipment: munitions, and drones used up as such.
EXPENDABLE_AIRBORNE = WEAPON_WORDS | frozenset(
    w for base in ["drone", "uav", "shahed", "orlan"] for w in event_types._noun_forms(base))
# General words that are strikes only when a weapon is named ("dropped a grenade", "use of
# cluster munitions", "arrivals of missiles"); for the first two a drone or jet as the means
# is not enough ("drones dropping leaflets").
WEAPON_GATED = ("drop", "us", "arriv")
CARRIER_GATED = ("drop", "us")
BURNING_FORMS = frozenset({"burning", "burns", "burn"})
# Nouns a trigger word may classify as a compound, naming a kind of unit, weapon or place
# rather than an event: "Air Assault Brigade", "attack helicopter", "fast-attack craft",
# "firing positions", "strike group".
CLASSIFIED_NOUNS = EQUIPMENT_WORDS | frozenset(
    w for base in ["brigade", "battalion", "regiment", "division", "unit", "company", "corps",
                   "squad", "group", "team", "force", "troop", "craft", "rifle", "position",
                   "point", "station", "school", "course", "exercise", "drill"]
    for w in event_types._noun_forms(base))
PLACE_SPECIFICITY = {"settlement": 4, "other": 3, "admin1": 2, "region": 2, "river": 2,
                     "border": 2, "country": 1}
# Which of several events a caption is "about", for single-label comparisons (evaluation,
# headlines): outcomes before means, CIR/UCDP-style.
TYPE_PRECEDENCE = [
    "civilian_casualties", "military_casualties", "attack_on_civilians", "arrest",
    "equipment_loss", "air_defense", "infrastructure_damage", "capture", "withdrawal",
    "advance", "clash", "air_strike", "artillery", "cyber", "sanctions", "announcement",
]


@dataclass
class _Context:
    """What every trigger of one report needs: place lookup, claims, focus, report date."""

    doc: Doc
    analysis: Analysis
    place_tokens: dict[int, Place] = field(default_factory=dict)
    focus: Place | None = None
    claims: list[Claim] = field(default_factory=list)
    text: str = ""  # the report text (``Doc.text`` is rebuilt on every access)
    times: list[_TimeAt] = field(default_factory=list)
    _quantity_roots: list[tuple[Quantity, int]] | None = None
    _clauses: dict[int, list[Token]] = field(default_factory=dict)

    @classmethod
    def build(cls, doc: Doc, analysis: Analysis) -> _Context:
        ctx = cls(doc, analysis, text=analysis.report.text)
        if len(doc) and doc[-1].idx + len(doc[-1].text) > len(ctx.text):
            ctx.text = doc.text  # a Doc not made from this report's text
        references = [(q.start, q.end) for q in analysis.quantities if q.reference]
        located = [p for p in analysis.places if p.role == "location" and not any(
            start <= p.start and p.end <= end for start, end in references)]
        for place in located:
            span = doc.char_span(place.start, place.end, alignment_mode="expand")
            if span is not None:
                for tok in span:
                    ctx.place_tokens.setdefault(tok.i, place)
        ctx.focus = report_focus(located)
        ctx.claims = sorted(analysis.claims, key=lambda c: c.end - c.start)
        ctx.times = [at for at in (_TimeAt.locate(doc, t) for t in analysis.times) if at]
        return ctx

    @classmethod
    def of(cls, doc: Doc, analysis: Analysis) -> _Context:
        """The report's context, built once: the forecast stage asks for the events of each
        predicted clause in turn. (One entry, compared by identity: safe across threads.)"""
        global _last_context
        last = _last_context
        if last is not None and last.doc is doc and last.analysis is analysis:
            return last
        ctx = cls.build(doc, analysis)
        _last_context = ctx
        return ctx

    def clause(self, tok: Token) -> list[Token]:
        """:func:`clause_tokens` of ``tok``, once per token (trigger and time lookups share it)."""
        found = self._clauses.get(tok.i)
        if found is None:
            found = self._clauses[tok.i] = clause_tokens(tok)
        return found

    def quantity_roots(self) -> list[tuple[Quantity, int]]:
        """Each quantity of the report with the index of its head token (looked up once,
        not once per clause)."""
        if self._quantity_roots is None:
            spans = ((q, self.doc.char_span(q.start, q.end, alignment_mode="expand"))
                     for q in self.analysis.quantities)
            self._quantity_roots = [(q, span.root.i) for q, span in spans if span is not None]
        return self._quantity_roots


_last_context: _Context | None = None


@dataclass(frozen=True)
class _TimeAt:
    """A time expression with the tokens it covers and the token it attaches to."""

    expr: TimeExpr
    tokens: frozenset[int]
    governor: int | None

    @classmethod
    def locate(cls, doc: Doc, expr: TimeExpr) -> _TimeAt | None:
        span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
        if span is None:
            return None
        governor = None
        if expr.governor is not None:
            gov = doc.char_span(*expr.governor, alignment_mode="expand")
            governor = gov.root.i if gov is not None else None
        return cls(expr, frozenset(t.i for t in span), governor)

    def dates(self, published: dt.date) -> tuple[dt.date, dt.date] | None:
        expr = self.expr
        begin = expr.begin or _iso_date(expr.value)
        if begin is None:
            return None
        finish = expr.end_date or (published if expr.role == "since" else begin)
        return begin, finish or begin

    @property
    def positions_in_time(self) -> bool:
        """Durations without a position ("six months") and "now" never date an event."""
        return (self.expr.type != "DURATION" or self.expr.begin is not None) \
            and self.expr.value not in ("PRESENT_REF", "FUTURE_REF")


def report_focus(places: list[Place]) -> Place | None:
    """The report's main place: most mentioned, ties to the more specific, then the first."""
    if not places:
        return None
    counts = Counter(_place_key(p) for p in places)
    first: dict[str, int] = {}
    for i, p in enumerate(places):
        first.setdefault(_place_key(p), i)
    best = max(places, key=lambda p: (counts[_place_key(p)] * PLACE_SPECIFICITY.get(p.feature, 2),
                                      -first[_place_key(p)]))
    return best


def _place_key(place: Place) -> str:
    return str(place.geonameid or place.key or place.name)


# --- public API ------------------------------------------------------------------------------

def extract(doc: Doc, analysis: Analysis) -> list[Event]:
    """All events of a report, asserted or not (see ``Event.asserted``)."""
    return find_events(doc, analysis, 0, len(analysis.report.text))


def find_events(doc: Doc, analysis: Analysis, start: int, end: int) -> list[Event]:
    """Events whose trigger lies in the character range [start, end) of the report.

    Used by the forecast stage on a predicted clause ("will likely capture Izyum"): the
    events come back typed, sided and placed, with ``modality="future"``.
    """
    ctx = _Context.of(doc, analysis)
    first = bisect.bisect_left(token_starts(doc), start)
    events: list[Event] = []
    seen: dict[tuple, Event] = {}
    for tok in doc[first:]:
        if tok.idx >= end:
            break
        frame = trigger_frame(tok)
        if frame is None:
            continue
        for event in _events_for(tok, frame, ctx):
            if _refers_back(tok, event, events):
                continue
            key = (event.type, _event_anchor(tok).i, event.asserted)
            if key in seen:  # the same event told twice in one clause: one event, whole span
                kept = seen[key]
                kept.start, kept.end = min(kept.start, event.start), max(kept.end, event.end)
                kept.text = ctx.text[kept.start:kept.end]
                continue
            seen[key] = event
            event.id = f"{analysis.report.id}:event:{len(events)}"
            events.append(event)
    return events


# Types that tell the same strike from different sides: "missiles hit a power plant" and,
# later, "the strikes" name one attack.
STRIKE_FAMILY = frozenset({"artillery", "air_strike", "infrastructure_damage", "attack_on_civilians"})
BACK_REFERENCES = frozenset({"the", "these", "those", "this", "that"})


def _refers_back(tok: Token, event: Event, told: list[Event]) -> bool:
    """A definite noun for an event ("Zelensky called the strikes revenge", "after the
    attack") names one the report has already told, of the same kind and at the same place
    (or at none of its own), rather than a new one; not when it says more: what it struck or
    killed ("the attack on the depot", "the death of 75 soldiers") or a figure."""
    if _is_verbal(tok) or event.quantities or not any(
            c.dep_ == "det" and c.lower_ in BACK_REFERENCES for c in tok.children):
        return False
    if arguments(tok)[1] is not None:
        return False
    return any(_same_kind(e.type, event.type) and e.end <= tok.idx and (
        event.place_from != "mention" or _same_place(e.place, event.place)) for e in told)


def _same_place(first: Place | None, second: Place | None) -> bool:
    """The same place, named at the same or another spot of the text."""
    return first is not None and second is not None and _place_key(first) == _place_key(second)


def _same_kind(first: str, second: str) -> bool:
    return first == second or (first in STRIKE_FAMILY and second in STRIKE_FAMILY)


def primary_event(events: list[Event]) -> Event | None:
    """The event a short text is mainly about (outcomes before the means that caused them)."""
    if not events:
        return None
    return min(events, key=lambda e: (TYPE_PRECEDENCE.index(e.type), e.start))


# --- triggers ------------------------------------------------------------------------------

def trigger_frame(tok: Token) -> str | None:
    """The frame a token evokes ("capture", "strike", ...) or None when it is no trigger."""
    lower = tok.lower_
    if lower not in _CANDIDATE_WORDS or tok.ent_type_ in ("EVENT", "WORK_OF_ART", "LAW"):
        return None
    if tok.is_title and not tok.is_sent_start and _names_something(tok):
        return None  # "the Battle of Kyiv", "Operation Storm"
    if tok.dep_ == "compound" and tok.head.lower_ in CLASSIFIED_NOUNS and tok.head.i > tok.i:
        return None  # "Air Assault Brigade", "attack helicopter", "firing position"
    particle = _particle(tok)
    if particle is not None:
        phrasal = _phrasal_frame(lower, particle)
        if phrasal is not None:
            return phrasal
    if casualties.takes_lives(tok):
        return "kill"
    if _is_verbal(tok):
        frame = VERB_TRIGGERS.get(lower)
        if frame is not None and not _phrasal_only(lower):
            return frame
    if lower == "fire" and (tok.head.lower_ == "under" or (
            tok.dep_ == "dobj" and tok.head.lower_ in TAKING_FIRE)):
        return "strike"  # "the town was under Ukrainian fire", "tanks taking fire"
    if lower == "fire" and tok.head.lower_.startswith("open"):
        return "clash"  # "troops opened fire at a checkpoint"
    if tok.tag_.startswith("NN") or tok.pos_ in ("NOUN", "PROPN"):
        frame = NOUN_TRIGGERS.get(lower)
        if frame is not None:
            return frame
        if lower in SIGHTED_MUNITIONS and _weapon_sighting(tok):
            return "strike"
    if lower in HOLE_WORDS and (lower.startswith("bullet") or any(
            c.lower_ in PIERCING_WORDS for c in tok.children if c.dep_ in ("compound", "amod"))):
        return "destroy"  # "bullet holes in the wall" (tagged a verb in headlines)
    return ADJ_TRIGGERS.get(lower)


def _weapon_sighting(tok: Token) -> bool:
    """'Missiles over Vasylkiv', 'Tochka-U rocket in a playground', 'remnants of a rocket',
    'missile moving towards the airport': a caption about a weapon in flight or where it
    fell, with no verb of its own, reports a strike."""
    head = tok.head
    if head.lower_ == "of" and head.head is not head:
        head = head.head  # "sound of missiles", "remnants of a rocket"
    if tok.dep_ == "ROOT" or (head is not tok and head.dep_ == "ROOT"
                              and (head.lower_ in DEBRIS_WORDS or tok.dep_ == "pobj")
                              and not _is_verbal(head)):
        return True
    return tok.dep_ == "nsubj" and head.lower_ in WEAPON_MOTION


def _names_something(tok: Token) -> bool:
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return nxt is not None and nxt.lower_ == "of" and nxt.i + 1 < len(tok.doc) \
        and tok.doc[nxt.i + 1].is_title and tok.doc[nxt.i + 1].ent_type_ != "NORP"


def _particle(tok: Token) -> str | None:
    """The particle of a phrasal verb ("pull back", "shot down"; "broken through the lines"
    and "left behind tanks" are parsed with a preposition)."""
    for child in tok.children:
        if child.dep_ == "prt" or (child.dep_ in ("advmod", "prep") and child.i == tok.i + 1
                                   and (child.dep_ == "advmod"
                                        or (tok.lower_, child.lower_) in _PHRASAL_FORMS)):
            return child.lower_
    # a split phrasal verb: "pushed the Russians back (across the river)", where the parser
    # may hang the particle on the preposition that follows it
    for child in tok.children:
        candidates = [child] + [g for g in child.children if child.dep_ == "prep"]
        for word in candidates:
            if word.dep_ == "advmod" and (tok.lower_, word.lower_) in _PHRASAL_FORMS:
                return word.lower_
    return None


_PHRASAL_FORMS: dict[tuple[str, str], str] = {
    (form, prt): frame
    for (base, prt), frame in PHRASAL.items()
    for form in event_types._verb_forms(base) | {
        "take": {"took", "taken"}, "blow": {"blew", "blown"}, "shoot": {"shot"},
        "break": {"broke", "broken"}, "fall": {"fell", "fallen"},
        "leave": {"left"}}.get(base, set())
}
_PHRASAL_ONLY_FORMS = frozenset(
    form for base in PHRASAL_ONLY
    for form in event_types._verb_forms(base) | {"blew", "blown", "broke", "broken"}
)
# Every word that may evoke a frame: any other token is skipped before its parse is read.
_CANDIDATE_WORDS = frozenset(
    {form for form, _ in _PHRASAL_FORMS} | VERB_TRIGGERS.keys() | NOUN_TRIGGERS.keys()
    | ADJ_TRIGGERS.keys() | SIGHTED_MUNITIONS | HOLE_WORDS | casualties.LIFE_TAKING
)


def _phrasal_frame(lower: str, particle: str) -> str | None:
    return _PHRASAL_FORMS.get((lower, particle))


def _phrasal_only(lower: str) -> bool:
    return lower in _PHRASAL_ONLY_FORMS


# --- arguments -----------------------------------------------------------------------------

def _is_verbal(tok: Token) -> bool:
    return tok.tag_.startswith("VB") or (tok.tag_ == "JJ" and tok.lower_.endswith("ed")) \
        or _headline_participle(tok)


def _headline_participle(tok: Token) -> bool:
    """'Shelled Kindergarten', 'Captured Russian Tigr vehicle': a title-case caption's
    participle the parser takes for part of a name, modifying the noun after it."""
    return tok.tag_ in ("NNP", "NN") and tok.lower_.endswith("ed") and tok.is_title \
        and tok.dep_ in ("compound", "amod", "nmod") and tok.head.i > tok.i


def _children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def _unwrap(tok: Token | None) -> Token | None:
    """'scores of vehicles' → vehicles; 'the town of Hoptivka' keeps town (a place noun)."""
    while tok is not None and tok.lower_ in QUANTIFIER_NOUNS:
        inner = next((p for c in _children(tok, "prep") if c.lower_ == "of"
                      for p in _children(c, "pobj")), None)
        if inner is None:
            break
        tok = inner
    return tok


def _subject(verb: Token, depth: int = 0) -> Token | None:
    """Grammatical subject of a verb, inherited through xcomp, conj and relative clauses."""
    own = _children(verb, "nsubj", "csubj")
    if own:
        return own[0]
    if depth > 4 or verb.head is verb:
        return None
    head = verb.head
    if verb.dep_ == "xcomp":
        objects = _children(head, "dobj")
        return objects[0] if objects else _subject(head, depth + 1)
    if verb.dep_ in ("conj", "advcl") and _is_verbal(head):
        return _subject(head, depth + 1)
    if verb.dep_ in ("relcl", "acl") and verb.tag_ != "VBN":
        return head
    if verb.dep_ in ("acomp", "xcomp", "ccomp") and head.pos_ in ("AUX", "VERB"):
        return _subject(head, depth + 1)
    return None


def _headline_passive(verb: Token, subject: Token | None) -> bool:
    """'Civilian house hit', 'UAV crashed': a bare past form whose subject is what suffered."""
    if subject is None or subject.dep_ != "nsubj" or verb.tag_ not in ("VBD", "VBN"):
        return False
    if any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    if verb.lower_ in INTRANSITIVE_LOSSES or (verb.lower_.startswith("abandon")
                                              and _noun_class(subject) == "equipment"):
        return True  # "UAV crashed", "Russian equipment abandoned"
    if subject.lower_ in WEAPON_WORDS:
        return False  # "Missiles hit Vinnytsia": the subject is the means
    return trigger_frame(verb) in ("destroy", "strike", "kill", "detain", "shootdown", "capture") \
        and _noun_class(_unwrap(subject)) in ("equipment", "infrastructure", "civilian", "military")


def _passive_patient(verb: Token) -> Token | None:
    """The passive subject, inherited like a subject ("an area that is claimed to have been
    bombed" → area); of several, the one naming a thing ("Kharkiv, a memorial complex was
    shelled" → complex)."""
    cur = verb
    for _ in range(3):
        patients = [_unwrap(p) for p in _children(cur, "nsubjpass", "nsubj")]
        if patients or cur.dep_ not in ("xcomp", "conj") or cur.head is cur:
            break
        cur = cur.head
    if not patients:
        return None
    patient = next((p for p in patients if _noun_class(p) in NAMED_THINGS), patients[0])
    if patient.lower_ in RELATIVE_PRONOUNS and cur.dep_ == "relcl":
        return cur.head
    return patient


def _by_agent(tok: Token) -> Token | None:
    for agent in _children(tok, "agent"):
        pobj = _children(agent, "pobj")
        if pobj:
            return pobj[0]
    for prep in _children(tok, "prep"):
        if prep.lower_ == "by":
            pobj = _children(prep, "pobj")
            if pobj:
                return pobj[0]
    return None


def _prep_object(tok: Token, preps: tuple[str, ...]) -> Token | None:
    for prep in _children(tok, "prep"):
        if prep.lower_ in preps:
            pobj = _children(prep, "pobj")
            if pobj:
                return pobj[0]
    return None


def arguments(tok: Token) -> tuple[Token | None, Token | None]:
    """(agent, patient) of a trigger token."""
    if _is_verbal(tok):
        passive = bool(_children(tok, "nsubjpass", "auxpass"))
        if tok.tag_ in ("VBN", "VBD") and tok.dep_ in ("amod", "acl") \
                and not _children(tok, "nsubjpass"):  # "statements that X had been taken"
            return _by_agent(tok), _unwrap(_modified_noun(tok))
        if tok.dep_ == "amod" or _headline_participle(tok):
            return _by_agent(tok), _unwrap(_modified_noun(tok))
        if passive:
            return _by_agent(tok), _passive_patient(tok)
        objects = _children(tok, "dobj", "attr", "oprd")
        if not objects and _particle(tok) in ("behind", "through"):
            objects = [p for c in _children(tok, "prep") if c.i == tok.i + 1
                       for p in _children(c, "pobj")]  # "left behind dozens of tanks"
        if not objects and tok.tag_ == "VBG":
            objects = [p for c in _children(tok, "prep") if c.lower_ == "of"
                       for p in _children(c, "pobj")]  # "shelling of a kindergarten"
        if not objects and VERB_TRIGGERS.get(tok.lower_) == "strike":
            objects = [p for c in _children(tok, "prep") if c.lower_ in AIMING_PREPS
                       for p in _children(c, "pobj")]  # "a rocket hit on the ministry"
        patient = _unwrap(objects[0]) if objects else None
        subject = _subject(tok)
        if patient is None and _headline_passive(tok, subject):
            return None, _unwrap(subject)
        return subject, patient
    # nominal trigger
    agent = next((c for c in tok.children if c.dep_ in ("amod", "compound", "poss", "nmod")
                  and actors.actor_of(c) is not None), None)
    agent = agent or _by_agent(tok)
    if agent is None and tok.dep_ in ("dobj", "attr") and _is_verbal(tok.head) \
            and tok.head.lower_ not in DISMISS_VERBS:
        agent = _subject(tok.head)  # not "officials dismissed the statement": not theirs
    patient = _prep_object(tok, ("of", "on", "to", "against", "at"))
    if patient is None and tok.dep_ == "pobj" and tok.head.lower_ == "of":
        patient = _prep_object(tok.head.head, ("on", "against"))  # "video of a strike on X"
    if agent is None and patient is not None and _prep_word(patient) == "of" \
            and (patient.lower_ in actors.FORCE_NOUNS or _noun_class(patient) == "military") \
            and NOUN_TRIGGERS.get(tok.lower_) in ("withdraw", "advance", "clash"):
        agent, patient = patient, None  # "the withdrawal of Russian troops"
    if patient is None:
        patient = next((c for c in tok.children if c.dep_ == "compound"
                        and _noun_class(c) in ("infrastructure", "civilian", "military")), None)
    return agent, _unwrap(patient)


def _modified_noun(tok: Token) -> Token:
    """The noun a modifier belongs to: the head of the compound or modifiers it precedes
    ("burning farmers market" → market, "Damaged Russian T-80" → T-80) or the noun an
    apposition that names no thing renames ("Tank, reportedly Ukrainian, hit" → Tank)."""
    noun = tok.head
    for _ in range(3):
        if noun.dep_ in ("compound", "amod") and noun.head.i > noun.i:
            noun = noun.head
        elif noun.dep_ == "appos" and noun.head.i < noun.i \
                and _noun_class(noun) in ("", "place"):
            noun = noun.head
        else:
            break
    return noun


def _prep_word(pobj: Token) -> str:
    return pobj.head.lower_ if pobj.dep_ == "pobj" else ""


# --- classification ------------------------------------------------------------------------

def _noun_class(tok: Token | None) -> str:
    """event, equipment, infrastructure, civilian, military, territory, place or ''.

    The head word decides; compounds may add any class but 'civilian' ("civilian
    infrastructure" is infrastructure), adjectives only buildings and model designations.
    """
    if tok is None:
        return ""
    head = _word_class(tok.lower_)
    if head == "civilian" and any(c.lower_ == "service" for c in tok.children):
        return "military"  # "service men", "service members"
    if head == "equipment" and any(c.lower_ in CIVILIAN_OWNERS for c in tok.children
                                   if c.dep_ in ("amod", "compound")):
        return "infrastructure"  # "civilian vehicles": property, not military equipment
    if head == "territory" and any(c.lower_ in BUILT_UP_MODIFIERS for c in tok.children
                                   if c.dep_ in ("amod", "compound")):
        return "infrastructure"  # "a residential area"
    if head:
        return head
    if tok.lower_ in NOUN_TRIGGERS:
        return "event"
    for child in tok.children:
        cls = _word_class(child.lower_)
        if child.dep_ == "compound" and cls and cls != "civilian":
            return cls
        if child.dep_ == "amod" and cls in ("infrastructure", "equipment"):
            return cls
        if child.dep_ in ("nummod", "appos") and EQUIPMENT_DESIGNATION.match(child.lower_):
            return "equipment"  # "Ukrainian T-64BV" parsed as a number on the adjective
    if tok.lower_ in actors.FORCE_NOUNS:
        return "military"  # "destroyed Russian forces" (not "storage units")
    if tok.ent_type_ in ("GPE", "LOC", "FAC") or (tok.pos_ == "PROPN" and tok.is_title
                                                  and tok.ent_type_ != "NORP"):
        return "place"
    return ""


def _word_class(word: str) -> str:
    if word in CIVILIAN_WORDS:
        return "civilian"
    if word in MILITARY_WORDS:
        return "military"
    if word in EQUIPMENT_WORDS or EQUIPMENT_DESIGNATION.match(word):
        return "equipment"
    if word in INFRASTRUCTURE_WORDS:
        return "infrastructure"
    if word in TERRITORY_WORDS:
        return "territory"
    return ""


def _means(tok: Token, clause: list[Token], agent: Token | None = None) -> str:
    """artillery / air when the trigger's phrase or agent (then its clause) says how."""
    own = [tok.lower_] + [t.lower_ for t in tok.subtree if t.i < tok.i]
    if agent is not None:
        own += [t.lower_ for t in agent.subtree]
    for words in (own, [t.lower_ for t in clause]):
        if any(w in AIR_MEANS for w in words):
            return "air"
        if any(w in ARTILLERY_MEANS for w in words):
            return "artillery"
    return ""


def _strike_type(means: str) -> str:
    """Unattributed remote strikes count as artillery, as ACLED files them with shelling."""
    return "air_strike" if means == "air" else "artillery"


def _casualty_type(victim: Token | None, clause: list[Token]) -> str:
    cls = _noun_class(victim)
    if cls in ("civilian", "military"):
        return f"{cls}_casualties"
    words = {t.lower_ for t in clause if not _in_front_of(t)}
    if words & CIVILIAN_WORDS:
        return "civilian_casualties"
    if words & MILITARY_CONTEXT:
        return "military_casualties"
    return "civilian_casualties"


def _in_front_of(tok: Token) -> bool:
    """'in front of a building': a position, not the front line."""
    doc = tok.doc
    return tok.lower_ == "front" and 0 < tok.i < len(doc) - 1 \
        and doc[tok.i - 1].lower_ == "in" and doc[tok.i + 1].lower_ == "of"


def classify(frame: str, tok: Token, agent: Token | None, patient: Token | None,
             clause: list[Token]) -> list[str]:
    """Our event type(s) for a trigger given its arguments; [] when it is no event."""
    cls = _noun_class(patient)
    lower = tok.lower_
    means = _means(tok, clause, agent)
    if frame == "capture":
        if lower == "occupied" and _attributive(tok):
            return []  # "the occupied city", "in temporarily occupied Nova Kakhovka": a state
        if lower.startswith(("rais", "hoist")):
            return ["capture"] if _raises_flag(tok, patient) else []
        if cls == "equipment":
            return ["equipment_loss"]
        if cls in ("civilian", "military"):
            return [] if lower.startswith("liberat") else ["arrest"]
        if lower[:3] in ("tak", "too", "res") and cls not in ("territory", "place") \
                and not _front_line(patient) \
                and not (patient is not None and patient.lower_ == "control") \
                and not _site_taken(tok, agent, patient, cls):
            return []
        if cls in ("", "event") and patient is not None and patient.is_lower \
                and patient.lower_ != "control":
            return []  # "cameras captured the moment": nothing taken
        if patient is None and not _has_place_object(tok):
            return []
        if lower.startswith("fall") or lower == "fell":
            if _is_verbal(tok) and _prep_object(tok, ("to",)) is None:
                return []
            if not _is_verbal(tok) and _noun_class(patient) not in ("territory", "place"):
                return []
        return ["capture"]
    if frame == "withdraw":
        if _noun_class(agent) == "civilian":
            return []  # "residents fled the city": no military withdrawal
        if lower.startswith(("abandon", "left", "leav")):
            if cls == "equipment" or any(_noun_class(c) == "equipment" for c in
                                         (patient.conjuncts if patient is not None else ())):
                return ["equipment_loss"]
            return ["withdrawal"] if cls in ("territory", "place") else []
        if lower.startswith("evacuat"):
            forces = {_noun_class(agent), cls} & {"military"}
            return ["withdrawal"] if forces else []
        return ["withdrawal"]
    if frame == "advance":
        if _repelling_verb(tok) not in (None, tok):
            return ["clash"]  # "repulsed an assault": a clash the attacker lost, no advance
        if lower[:3] in ("rea", "ent", "cro"):
            return ["advance"] if cls in ("territory", "place") or _has_place_object(tok) else []
        if lower == "gains" and agent is None:
            return []
        return ["advance"]
    if frame == "clash":
        if lower.startswith("push") and patient is not None and cls != "event":
            return ["advance"]  # "pushed the enemy back" (not "pushed back an assault")
        if cls == "civilian":
            return ["attack_on_civilians"]
        if _building_after(tok):
            return ["infrastructure_damage", "clash"]  # "the house after an attack"
        if cls == "infrastructure" and lower.startswith("attack"):
            return ["infrastructure_damage", _strike_type(means)] if means \
                else ["infrastructure_damage"]
        if lower.startswith(("attack", "fir", "shoot", "shot")) and means:
            return [_strike_type(means)]
        if lower.startswith(("fir", "shoot", "shot")) and cls == "equipment":
            return ["clash"]
        return ["clash"]
    if frame == "strike":
        if lower.startswith(("land", "launch")) and not means:
            return []
        if lower.startswith(WEAPON_GATED) or (lower.startswith("impact") and _is_verbal(tok)):
            if not _delivers_weapon(tok, agent, patient, means):
                return []  # "prices dropped", "the use of force", "arrival of refugees"
            target = _prep_object(tok, ("on", "onto", "at", "against"))
            cls = _noun_class(target) if target is not None else ""
        if lower.startswith(("hit", "target")):
            if cls == "equipment":
                return ["equipment_loss"]
            if cls == "civilian":
                return ["attack_on_civilians"]
            if cls == "infrastructure":
                return ["infrastructure_damage", _strike_type(means)] if means \
                    else ["infrastructure_damage"]
            if not means and cls not in ("place", "territory", "military"):
                return []
        types = [_strike_type(means)]
        if cls == "civilian":
            types.insert(0, "attack_on_civilians")  # "journalists shelled"
        elif cls == "infrastructure" or (cls == "" and _infrastructure_subject(tok)) \
                or _after_strike(tok):
            types.insert(0, "infrastructure_damage")
        return types
    if frame == "destroy":
        if lower in LOSS_FORMS:
            if cls == "equipment" or any(t.lower_ in EQUIPMENT_WORDS for t in _what_was_lost(patient, clause)):
                return ["equipment_loss"]
            return ["military_casualties"] if lower == "losses" or cls == "military" else []
        if lower in ("fire", "fires", "flames", "smoke"):
            burning_class = _noun_class(_burning_thing(tok))
            if means and lower.startswith("fire"):  # "MLRS fire on positions": firing
                return ["infrastructure_damage", _strike_type(means)] \
                    if burning_class == "infrastructure" else [_strike_type(means)]
            if burning_class == "equipment":
                return ["equipment_loss"]
            if burning_class in ("infrastructure", "place", "territory"):
                return ["infrastructure_damage"]
            return [_strike_type(means)] if means else []
        if patient is None and lower in BURNING_FORMS | INTRANSITIVE_LOSSES:
            cls = _noun_class(agent)  # "the command ship burning": what burns is lost
        if not _is_verbal(tok) and lower in SCENE_NOUNS and patient is not None \
                and patient.lower_ in SIGHTED_MUNITIONS:
            cls = ""  # "aftermath of missile strikes": the missile is the means
        if cls == "equipment" or (lower in VEHICLE_LOSSES and cls != "infrastructure"):
            return ["equipment_loss"]
        if cls == "civilian" and lower.startswith("damag"):
            return ["infrastructure_damage"]  # people are not "damaged": a misparsed building
        if cls in ("civilian", "military"):
            return [_casualty_type(patient, clause)]
        if not cls and _nearest_class(tok, clause, agent) == "equipment":
            return ["equipment_loss"]  # "Damaged Ukrainian T-64BV" parsed without its object
        return ["infrastructure_damage"]
    if frame == "kill":
        if lower.startswith("victim") and tok.i > 0 \
                and tok.doc[tok.i - 1].lower_.startswith(("fall", "fell")):
            return []  # "the bridge fell victim to strikes"
        if lower.startswith("grave"):
            if not any(c.lower_ in NEW_GRAVES for c in tok.children) and \
                    not set(t.lower_ for t in clause) & CIVILIAN_WORDS:
                return []
        victim = patient if _is_verbal(tok) and patient is not None else None
        if patient is not None and patient.lower_ in casualties.LIVES:  # "lost their lives", "the lives of"
            victim = _prep_object(patient, ("of",)) or agent
        if lower.startswith(("die", "dy", "dead", "deceased", "perish")) and tok.dep_ != "amod":
            victim = agent
        if tok.dep_ == "amod":
            victim = tok.head
        return [_casualty_type(victim or patient, clause)]
    if frame == "detain":
        return ["arrest"]
    if frame == "shootdown":
        if cls == "equipment" and patient.lower_ not in EXPENDABLE_AIRBORNE:
            return ["equipment_loss", "air_defense"]  # a downed helicopter is a lost one
        return ["air_defense"]
    if frame == "cyber":
        return ["cyber"]
    if frame == "sanction":
        return ["sanctions"]
    if frame == "announce":
        return ["announcement"] if agent is not None and actors.actor_of(agent) else []
    if frame == "civharm":
        return ["military_casualties"] if cls == "military" else ["attack_on_civilians"]
    if frame == "redeploy":
        return ["withdrawal"] if _redeployment_away(tok, patient, agent) else []
    if frame == "relieve":
        besieged = [patient, _prep_object(patient, ("of",)) if patient is not None else None]
        return ["advance"] if any(t is not None and t.lower_ in SIEGE_WORDS
                                  for t in besieged) else []
    return []


def _delivers_weapon(tok: Token, agent: Token | None, patient: Token | None, means: str) -> bool:
    """'drones dropping grenades', 'use of incendiary munitions', 'warheads impacted': the
    words around a general verb or noun name a weapon (or the means of a strike)."""
    if means and not tok.lower_.startswith(CARRIER_GATED):
        return True
    words = [t.lower_ for head in (patient, agent) if head is not None for t in head.subtree]
    words += [t.lower_ for t in tok.lefts]
    return any(w in WEAPON_WORDS for w in words)


def _what_was_lost(patient: Token | None, clause: list[Token]) -> list[Token]:
    """The words that say what a loss verb's subject lost: its object's phrase without the
    clauses the object hosts ("lost the ability to move heavy equipment" lost no equipment;
    "lost dozens of tanks" did), or the whole clause when the verb has no object."""
    if patient is None:
        return clause
    hosted = {t.i for c in patient.children if c.dep_ in ("acl", "relcl") for t in c.subtree}
    return [t for t in patient.subtree if t.i not in hosted]


def _burning_thing(tok: Token) -> Token | None:
    """What a fire or smoke is in, on or coming from: "the depot on fire", "a market engulfed
    in flames", "fire at the depot", "smoke rising from the plant"."""
    if tok.dep_ == "pobj" and tok.head.lower_ in ("on", "in"):
        thing = tok.head.head
        if thing.tag_.startswith("VB"):  # "the refinery is on fire", "a market engulfed in"
            subjects = _children(thing, "nsubj", "nsubjpass")
            if subjects:
                return subjects[0]
            if thing.dep_ in ("acl", "amod") and thing.tag_ != "VBG":
                return thing.head
        return thing
    heads = [tok, *_children(tok, "acl")]
    if tok.dep_ == "pobj" and tok.head.lower_ == "of":  # "a plume of smoke rising from X"
        heads += [tok.head.head, *_children(tok.head.head, "acl")]
    if tok.dep_ == "nsubj":
        heads.append(tok.head)  # "fires visible in Mariupol"
    for head in heads:
        for prep in _children(head, "prep"):
            if prep.lower_ in ("at", "in", "on", "from", "over", "above", "near"):
                found = _children(prep, "pobj", "pcomp")  # "fire in building" (a VBG)
                if found:
                    return found[0]
    return None


def _nearest_class(tok: Token, clause: list[Token], agent: Token | None) -> str:
    """The class of the classed word nearest the trigger outside its agent and the strike's
    means, for headlines the parser leaves without an object ("Destroyed Russian BM-21
    Grad"; not "damage after a missile strike")."""
    skip = {t.i for t in agent.subtree} if agent is not None else set()
    skip |= {t.i for t in clause if t.lower_ in WEAPON_WORDS or t.lower_ in AIR_MEANS
             or t.lower_ in ARTILLERY_MEANS}
    found = sorted((abs(t.i - tok.i), t.i < tok.i, _word_class(t.lower_)
                    or ("equipment" if EQUIPMENT_DESIGNATION.match(t.lower_) else ""))
                   for t in clause if t.i != tok.i and t.i not in skip)
    return next((cls for _, _, cls in found if cls), "")


def _front_line(tok: Token | None) -> bool:
    """"the front line", "defensive lines": a line of the front, not a power line."""
    return tok is not None and tok.lower_ in ("line", "lines") and any(
        c.lower_ in TERRITORY_WORDS or c.lower_ in ("defensive", "defence", "defense")
        for c in tok.children if c.dep_ in ("compound", "amod"))


def _redeployment_away(tok: Token, patient: Token | None, agent: Token | None) -> bool:
    """Moving forces counts as a withdrawal when it says where from ("redeployed units from
    Kharkiv Oblast") or puts a river between them and the enemy ("the transfer of troops to
    the left bank"); forces moved *to* a front are reinforcements, no event of ours."""
    moved = [t for t in (patient, agent) if t is not None]
    if not any(t.lower_ in actors.FORCE_NOUNS or _noun_class(t) == "military" for t in moved):
        return False
    if _prep_object(tok, ("from",)) is not None:
        return True
    destination = _prep_object(tok, ("to", "across", "behind"))
    return destination is not None and destination.lower_ in RIVER_LINE_WORDS


def _enters_settlement(tok: Token, patient: Token | None, place: Place | None,
                       place_from: str) -> bool:
    """'troops entered Snihurivka', 'entered the centre of Kherson', 'entered the city': a
    settlement entered is taken (an oblast or a district entered is an advance)."""
    if not tok.lower_.startswith("ent") or patient is None or not _is_verbal(tok):
        return False
    if patient.lower_ in SETTLEMENT_NOUNS:
        return True
    return place is not None and place_from == "mention" and place.feature == "settlement" \
        and place.start <= patient.idx < place.end


def _attributive(tok: Token) -> bool:
    """A participle used before its noun ("the occupied city", "in temporarily occupied
    Melitopol", "Russian-occupied"), also where the parser takes it for a verb."""
    before = tok.i - 1
    while before >= 0 and tok.doc[before].tag_ == "RB":
        before -= 1  # "temporarily", "partially", "still"
    return tok.dep_ == "amod" or (before >= 0 and tok.doc[before].tag_ in ("DT", "IN", "HYPH",
                                                                       "PRP$"))


def _site_taken(tok: Token, agent: Token | None, patient: Token | None, cls: str) -> bool:
    """'Russian forces took the train station': a side taking a building or site captures
    it (not "took shelter", not engineers "restoring" power)."""
    return cls == "infrastructure" and tok.lower_[:3] in ("tak", "too") \
        and patient is not None and not patient.lower_.startswith("shelter") \
        and agent is not None and actors.actor_of(agent) is not None


def _raises_flag(tok: Token, patient: Token | None) -> bool:
    """'raised the national flag over Vysokopillia', 'watched the flag being raised': a flag
    raised over a place marks its capture."""
    return patient is not None and patient.lower_ in FLAG_WORDS


def _after_strike(tok: Token) -> bool:
    """'Aftermath of shelling', 'warehouse after shelling': the damage a strike left."""
    head = tok.head if tok.dep_ in ("pobj", "pcomp") else None
    return head is not None and (head.lower_ in AFTERMATH_WORDS or (
        head.lower_ == "of" and head.head.lower_ in AFTERMATH_WORDS))


def _building_after(tok: Token) -> bool:
    """'Apartment block after an attack', 'the house following fighting': a building shown
    after a fight is damaged (not "troops withdrew after an attack")."""
    head = tok.head if tok.dep_ in ("pobj", "pcomp") else None
    return head is not None and head.lower_ in AFTERMATH_WORDS and head.head is not head \
        and _noun_class(head.head) == "infrastructure"


def _has_place_object(tok: Token) -> bool:
    target = _prep_object(tok, ("to", "into", "in", "at"))
    return _noun_class(target) in ("territory", "place")


def _infrastructure_subject(tok: Token) -> bool:
    """A strike in a sentence whose subject is a building or bridge ("The bridge ... falling
    victim to repeated artillery strikes")."""
    return any(t.dep_ in ("nsubj", "nsubjpass") and t.lower_ in INFRASTRUCTURE_WORDS
               for t in actors.sentence_of(tok))


# --- reality ---------------------------------------------------------------------------------

def _governing_verb(tok: Token) -> Token:
    """The verb a nominal trigger hangs from (itself for verbs)."""
    cur = tok
    for _ in range(4):
        if _is_verbal(cur) or cur.head is cur:
            return cur
        cur = cur.head
    return cur


def _event_anchor(tok: Token) -> Token:
    """The verb an event is counted at: a participle clause elaborates its head's event
    ("entered Kupiansk, raising the flag over the city council" is one capture)."""
    verb = _governing_verb(tok)
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head is not verb \
            and not any(c.dep_ == "mark" for c in verb.children):
        return verb.head
    return verb


def modality(tok: Token) -> str:
    """actual, ordered, negated, future, conditional or question, read off negation, modals,
    control verbs, infinitives, condition markers and the question mark.

    "If Ukrainian troops take Kupiansk, ..." is conditional; "to liberate Donbas" (a purpose
    or an infinitive under a non-implicative verb: "plans to", "in order to") is future;
    "Will Ukraine retake Kherson?" is a question.
    """
    verb = _governing_verb(tok) if _is_verbal(tok) or tok.dep_ in CORE_DEPS else tok
    if any(c.dep_ == "neg" for c in (*tok.children, *verb.children)) or \
            any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
        return "negated"
    if _in_question(tok):
        return "question"
    cur = verb
    for _ in range(5):
        marks = {c.lower_ for c in cur.children if c.dep_ == "mark"}
        if marks & CONDITIONAL_MARKS:
            return "conditional"
        if marks & QUESTION_MARKS:
            return "question"
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in cur.children):
            return "future"
        if cur.dep_ not in ("xcomp", "acomp", "ccomp", "conj", "pcomp", "advcl", "acl",
                            "relcl") or cur.head is cur:
            break
        controller = cur.head
        if cur.dep_ in ("xcomp", "acomp", "acl") and controller.lower_ in ORDERED_CONTROLLERS:
            return "ordered"
        if cur.dep_ in ("xcomp", "acomp") and controller.lower_ in UNREAL_CONTROLLERS:
            return "future"
        if any(c.dep_ == "neg" for c in controller.children) and cur.dep_ == "xcomp":
            return "negated"
        if _intended_infinitive(cur, controller):
            return "future"
        if cur.dep_ in ("advcl", "acl", "relcl"):
            break  # an adverbial or relative clause keeps its own reality
        cur = controller
    return "actual"


def _intended_infinitive(verb: Token, controller: Token) -> bool:
    """'to liberate Donbas' (purpose), 'an offensive to retake Kherson': an infinitive not
    under an implicative controller ("managed to", "began to", "had to") and not perfect
    ("is said to have captured")."""
    auxes = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if "to" not in auxes or "have" in auxes or verb.tag_ not in ("VB", "VBN", "VBG"):
        return False
    return controller.lower_ not in IMPLICATIVE_CONTROLLERS


def _in_question(tok: Token) -> bool:
    """The trigger's sentence is a direct question (ends with '?')."""
    sentence = actors.sentence_of(tok)
    last = next((t for t in reversed(sentence) if not t.is_space and t.text not in '"”’\''), None)
    return last is not None and last.text == "?"


def _is_comparison(tok: Token) -> bool:
    """'more territory than Russian forces have captured since April' names no new event."""
    verb = _governing_verb(tok)
    return any(c.dep_ == "mark" and c.lower_ == "than" for c in verb.children)


def local_stance(tok: Token) -> str:
    """'dismissed' when the trigger sits in what a dismissing verb rejects."""
    for anc in tok.ancestors:
        if anc.lower_ in DISMISS_VERBS:
            return "dismissed"
    return "asserted"


# --- attachment ------------------------------------------------------------------------------

def clause_tokens(tok: Token) -> list[Token]:
    """The trigger's clause: its governing verb's subtree without embedded clauses."""
    verb = _governing_verb(tok)
    found = [verb]
    stack = [verb]
    while stack:
        for child in stack.pop().children:
            if child.dep_ in CLAUSE_DEPS and child is not tok and not _within(tok, child):
                continue
            found.append(child)
            stack.append(child)
    return sorted(found, key=lambda t: t.i)


def _within(tok: Token, head: Token) -> bool:
    """``tok`` is in ``head``'s subtree (the span test first: most clauses are elsewhere)."""
    return head.left_edge.i <= tok.i <= head.right_edge.i and tok in head.subtree


def _attached_place(tok: Token, patient: Token | None, ctx: _Context) -> Place | None:
    """A place in the trigger's (or patient's) prepositional phrases, or the patient itself."""
    heads = [h for h in (patient, tok) if h is not None]
    for head in heads:
        if head.i in ctx.place_tokens:
            return ctx.place_tokens[head.i]
        for prep in _children(head, "prep"):
            if prep.lower_ not in ATTACHING_PREPS:
                continue
            for t in prep.subtree:
                if t.i in ctx.place_tokens:
                    return ctx.place_tokens[t.i]
        for t in head.subtree:
            if t.dep_ in ("compound", "amod", "nmod", "pobj", "appos") and t.i in ctx.place_tokens:
                return ctx.place_tokens[t.i]
    return None


def _nearest_place(tok: Token, tokens: list[Token], ctx: _Context) -> Place | None:
    found = [(PLACE_SPECIFICITY.get(ctx.place_tokens[t.i].feature, 2) > 1, -abs(t.i - tok.i), t.i)
             for t in tokens if t.i in ctx.place_tokens]
    if not found:
        return None
    return ctx.place_tokens[max(found)[2]]


def place_for(tok: Token, patient: Token | None, clause: list[Token],
              ctx: _Context) -> tuple[Place | None, str]:
    place = (_attached_place(tok, patient, ctx) or _nearest_place(tok, clause, ctx)
             or _nearest_place(tok, list(actors.sentence_of(tok)), ctx))
    if place is not None:
        return place, "mention"
    return ctx.focus, "report_focus"


def claim_for(start: int, end: int, ctx: _Context) -> Claim | None:
    """The smallest claim whose span contains the trigger."""
    return next((c for c in ctx.claims if c.start <= start and end <= c.end), None)


def announced_claim(tok: Token, ctx: _Context) -> Claim | None:
    """The claim an announcement carries ("an announcement about troops 'regrouping'"), so
    that its source and stance (e.g. dismissed) travel with the announcement event."""
    end = max(t.idx + len(t.text) for t in tok.subtree)
    inside = [c for c in ctx.claims if tok.idx < c.start and c.end <= end + 1]
    return max(inside, key=lambda c: c.end - c.start, default=None)


SHIFTING_MARKS = {"after": -1, "before": 1}  # "three days after X, Y": X = Y - 3 days
INHERITING_DEPS = frozenset({"advcl", "conj", "xcomp", "ccomp", "pcomp", "acomp"})
TIME_LINKERS = frozenset({"after", "before", "since", "until", "till"})


def dates_for(tok: Token, ctx: _Context) -> tuple[dt.date | None, dt.date | None, str]:
    """(date_start, date_end, time_from): the time expression of the trigger's own clause
    (or of a verb coordinated with it, or of its participle: "are shelling the city, killing
    two people on Sunday"), else of the clause it depends on (a participle or coordinated verb
    shares its time, a reported event the report's), else the report date. A relative clause
    never lends its time ("abandoned the city they had held since April" is not dated April),
    and "three days after X, Y on Wednesday" dates X three days before Y."""
    published = ctx.analysis.report.published
    verb = _governing_verb(tok)
    clause_of, shift, reported = tok, 0, False
    for _ in range(5):
        found = _own_time(clause_of, verb, tok, ctx)
        if found is not None:
            delta = dt.timedelta(days=shift)
            return found[0] + delta, found[1] + delta, "expression"
        if verb.dep_ not in INHERITING_DEPS or verb.head is verb:
            break
        marks = [c for c in verb.children if c.dep_ == "mark" and c.lower_ in TIME_LINKERS]
        if marks and not reported:
            days = _linked_days(marks[0], ctx)
            if days is None:
                break  # "after X, Y on Monday": X is not on Monday
            shift += SHIFTING_MARKS[marks[0].lower_] * days
        reported = reported or verb.dep_ == "ccomp"
        verb = verb.head
        if verb.dep_ == "prep" and verb.head is not verb:
            verb = verb.head  # "before claiming that ...": the clause the phrase is in
        clause_of = verb
    return published, published, "report_date"


def _own_time(clause_of: Token, verb: Token, tok: Token,
              ctx: _Context) -> tuple[dt.date, dt.date] | None:
    """Dates of the expression attached to or inside the clause of ``clause_of`` (governed
    by ``verb``) or of a verb coordinated with it or a participle under it: the one on the
    verb first, then the nearest to the trigger."""
    clause = {t.i for t in ctx.clause(clause_of)}
    for child in verb.children:
        if child.dep_ == "conj" or (child.dep_ == "advcl" and child.tag_ in ("VBG", "VBN")
                                    and not any(c.dep_ == "mark" for c in child.children)):
            clause.update(t.i for t in child.subtree)
    own = [at for at in ctx.times if at.positions_in_time
           and (at.governor in clause or at.tokens & clause)]
    if not own:
        return None
    best = min(own, key=lambda at: (at.governor != verb.i, abs(min(at.tokens) - tok.i)))
    return best.dates(ctx.analysis.report.published)


def _linked_days(mark: Token, ctx: _Context) -> int | None:
    """Days of the duration modifying "after"/"before" ("three days after"), or None."""
    if mark.lower_ not in SHIFTING_MARKS:
        return None
    for at in ctx.times:
        if at.expr.type == "DURATION" and (at.governor in (mark.i, mark.head.i) or any(
                ctx.doc[i].head.i in (mark.i, mark.head.i) for i in at.tokens)):
            match = re.fullmatch(r"P(\d+)([DW])", at.expr.value)
            if match:
                return int(match.group(1)) * (7 if match.group(2) == "W" else 1)
    return None


def _iso_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10])
    except (ValueError, TypeError):
        return None


def quantities_for(clause: list[Token], ctx: _Context) -> list[Quantity]:
    indices = {t.i for t in clause}
    return [q for q, root in ctx.quantity_roots() if root in indices]


def _with_casualty_count(quantities: list[Quantity], count: Quantity | None) -> list[Quantity]:
    """The clause's quantities with the casualty count (``casualties``) in place of the
    quantity-stage counts it was read from or that overlap it (those lack "killed"/"wounded";
    a wire slug's range "UPDATE 2-Six soldiers" is no second count)."""
    if count is None:
        return list(quantities)
    kept = [q for q in quantities if not (q.kind == "count" and q.start < count.end
                                          and count.start < q.end)]
    return kept + [count]


# --- assembly --------------------------------------------------------------------------------

def _events_for(tok: Token, frame: str, ctx: _Context) -> list[Event]:
    if _is_comparison(tok):
        return []
    agent, patient = arguments(tok)
    clause = ctx.clause(tok)
    types = classify(frame, tok, agent, patient, clause)
    if not types:
        return []
    mood = modality(tok)
    trigger_start, trigger_end = tok.idx, tok.idx + len(tok.text)
    claim = claim_for(trigger_start, trigger_end, ctx)
    if frame == "announce":
        claim = announced_claim(tok, ctx) or claim
    stance = _stance(claim, tok)
    span_start, span_end = _evidence_span(tok, clause, patient)
    place, place_from = place_for(tok, patient, clause, ctx)
    if types == ["advance"] and _enters_settlement(tok, patient, place, place_from):
        types = ["capture"]
    initiator, target = _sides(tok, frame, types, agent, patient)
    if initiator is None and types == ["capture"] and (
            tok.lower_.startswith(RESTORATIVE_CAPTURE) or _raises_flag(tok, patient)):
        initiator = actors.side_actor(_perspective_side(claim, place, ctx))
    date_start, date_end, time_from = dates_for(tok, ctx)
    quantities = quantities_for(clause, ctx)
    events = []
    for type_code in types:
        event = _make_event(type_code, tok, initiator, target, mood, stance, claim, ctx)
        event.start, event.end = span_start, span_end
        event.text = ctx.text[span_start:span_end]
        event.place, event.place_from = place, place_from
        event.date_start, event.date_end, event.time_from = date_start, date_end, time_from
        event.quantities = list(quantities)
        event.means = _means(tok, clause, agent)
        if type_code.endswith("_casualties"):
            event.quantities = _with_casualty_count(
                quantities, casualties.casualty_count(tok, ctx.analysis.quantities))
        event.confidence = round(0.5 + 0.15 * (event.initiator_side != "unknown")
                                 + 0.2 * (place_from == "mention")
                                 + 0.1 * _is_verbal(tok), 2)
        events.append(event)
    return events


def _evidence_span(tok: Token, clause: list[Token], patient: Token | None) -> tuple[int, int]:
    """Characters of the text an event shows as its evidence: the trigger's clause (from the
    noun phrase a participle modifies: "over 100 tanks and armoured vehicles destroyed in the
    region", not "destroyed in the region"), or its sentence when the clause is a fragment of
    under three words ("it regrouping"), without loose edges (a dangling conjunction, an
    unpaired quote mark)."""
    if sum(t.is_alpha for t in clause) >= 3:
        first, last = min(t.i for t in clause), max(t.i for t in clause)
        if patient is not None and tok.dep_ in ("acl", "amod") and patient.i < tok.i:
            while patient.dep_ == "conj" and patient.head.pos_ in ("NOUN", "PROPN"):
                patient = patient.head  # "tanks and armoured vehicles destroyed"
            first = min(first, _after_line_breaks(patient.left_edge.i, tok))
    else:
        first, last = tok.sent.start, tok.sent.end - 1
    tokens = trim_edges(doc_tokens(tok.doc)[first:last + 1]) or [tok]
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _after_line_breaks(first: int, tok: Token) -> int:
    """``first``, or the first token after the last line break before ``tok`` (a list of
    headlines parses as one sentence: "Lyman\nRussian tanks abandoned")."""
    breaks = [t.i for t in tok.doc[first:tok.i] if t.is_space and "\n" in t.text]
    return breaks[-1] + 1 if breaks else first


def _sides(tok: Token, frame: str, types: list[str], agent: Token | None,
           patient: Token | None) -> tuple[Actor | None, Actor | None]:
    """(initiator, target) actors. Who loses equipment or soldiers is the target and, unless
    named, the other belligerent the initiator ("Ukraine lost 1,200 soldiers": RU); who
    abandons equipment is both; who repels an attack is its target, not its initiator."""
    initiator = actors.actor_of(agent) if agent is not None else None
    if initiator is None and agent is None and not _is_verbal(tok):
        initiator = actors.actor_of_words(
            [t.lower_ for t in tok.children if t.dep_ in ("amod", "compound", "poss")])
    target = actors.actor_of(patient) if patient is not None else None
    if types == ["capture"] and patient is not None and patient.lower_ in FLAG_WORDS:
        # "the Ukrainian flag was raised over X": the flag's side took X
        return actors.actor_of_words(actors.phrase_words(patient)) or initiator, None
    repeller = _repelling_verb(tok)
    if types == ["clash"] and repeller is not None:
        defender_token = _subject(repeller)
        defender = actors.actor_of(defender_token) if defender_token is not None else None
        attacker = actors.actor_of_words(
            [t.lower_ for t in tok.children if t.dep_ in ("amod", "compound", "poss")]) \
            if repeller is not tok else target
        return attacker or actors.opposing_forces(defender), defender
    if types == ["withdrawal"] and initiator is None and target is not None:
        return target, None  # "troops would be regrouped": the troops withdraw
    if frame == "withdraw" and types == ["equipment_loss"]:
        # "the occupiers abandoned two tanks": the abandoning side loses them
        return initiator, target or initiator
    if tok.lower_ in LOSS_FORMS and not tok.head.lower_.startswith(INFLICTING):
        # the loser, not the initiator: "Ukraine lost 1,200 soldiers", "Russian losses",
        # "losses of the Ukrainian army" (but "X inflicted losses on Y": X initiates)
        owner_named = types == ["equipment_loss"] or tok.lower_ == "losses"
        initiator, target = None, target if owner_named and target else initiator
    if types[0] in ("equipment_loss", "military_casualties"):
        initiator = initiator or actors.opposing_forces(target)
        target = target or actors.opposing_forces(initiator)
    return initiator, target


def _repelling_verb(tok: Token) -> Token | None:
    """The trigger itself when it is "repelled", or the verb repelling it ("repelled attacks")."""
    if tok.lower_ in REPELLING_VERBS:
        return tok
    return tok.head if tok.dep_ == "dobj" and tok.head.lower_ in REPELLING_VERBS else None


def _perspective_side(claim: Claim | None, place: Place | None, ctx: _Context) -> str:
    """Whose view the text takes: the claim's source when a belligerent's ("ru_mod", "ua_..."),
    else the report's source when it is a belligerent's, else the state the place belongs to
    (the sovereign's forces "recapture" or "liberate" it), else unknown."""
    source = claim.source if claim is not None else ""
    if source[:3] in ("ru_", "ua_"):
        return source[:2].upper()
    country = sources.country_of(ctx.analysis.report.source or "")
    if country in ("RU", "UA"):
        return country
    if place is not None and place.country_code == "UA":
        return "UA"
    return "unknown"


def _stance(claim: Claim | None, tok: Token) -> str:
    stance = claim.stance if claim is not None else "asserted"
    if stance == "asserted":
        stance = local_stance(tok)
    return stance


def _denied_by_its_source(claim: Claim | None) -> bool:
    """ "The Kremlin denied that its forces shelled the plant": a claim disputed by its own
    cue is a denial (a claim disputed by another party is still its source's assertion)."""
    return claim is not None and claim.stance == "disputed" and \
        any(word in DISMISS_VERBS for word in claim.cue.lower().split())


def _make_event(type_code: str, tok: Token, initiator: Actor | None, target: Actor | None,
                mood: str, stance: str, claim: Claim | None, ctx: _Context) -> Event:
    """An event of one type; loss types name the losing side as target."""
    initiator_side = initiator.side if initiator else "unknown"
    target_side = target.side if target else "unknown"
    if type_code in ("capture", "advance", "clash") and target_side == "unknown":
        target_side = actors.opponent(initiator_side)
    acled_type, acled_sub = acled_columns(type_code, initiator_side)
    particle = _particle(tok)
    trigger = tok.text if particle is None or _phrasal_frame(tok.lower_, particle) is None \
        else f"{tok.text} {particle}"
    asserted = mood in ("actual", "ordered") and (type_code == "announcement" or (
        stance not in NOT_ASSERTED_STANCES and not _denied_by_its_source(claim)))
    return Event(
        id="", type=type_code, start=0, end=0, text="", trigger=trigger,
        initiator_side=initiator_side, initiator=initiator.name if initiator else "",
        target_side=target_side, target=target.name if target else "",
        claim_id=claim.id if claim else None,
        source=claim.source if claim else "author",
        certainty=claim.certainty if claim else Certainty(),
        stance=stance, asserted=asserted, modality=mood,
        acled_event_type=acled_type, acled_sub_event_type=acled_sub,
        viina=list(event_types.EVENT_TYPES[type_code].viina),
    )

