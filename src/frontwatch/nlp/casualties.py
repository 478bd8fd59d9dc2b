"""How many people a casualty trigger reports killed or wounded.

News and headlines put the victims next to the trigger, in one noun phrase that may join
several groups: "Three civilians, two soldiers killed", "kills four", "killing at least 5
people", "a man was killed", "the death of three troops", "New battles leave 2 dead". The
small parser often mis-attaches such phrases (a headline number becomes a compound, a list
becomes an apposition), so the victim phrase is read off the surface next to the trigger —
left of a passive or adjectival trigger, right of an active one or of "death(s) of" — and the
parse only tells which side. The phrase is split into groups at "and" / commas and the groups
are added up. Each group counts

* its number, read from the quantity stage when it covers the token (so "at least 5" keeps its
  lower bound and "dozens" its approximate 24), else from the word itself;
* one for a singular victim without a number ("a civilian was killed", "first combat death");
* nothing for a plural without a number after a numbered group ("41 soldiers, civilians":
  the number covers both), and otherwise at least two ("Civilians killed": ``lower`` 2,
  approximate).

The trigger word decides what is counted: deaths ("killed") or injuries ("wounded"), so
"One officer killed, 5 others wounded" counts one death and five wounded; "killed and wounded"
together are ``casualties``, no death toll. Besides victim phrases:

* a named person as the subject ("Mykola Kovalenko, the boxing champion, died") is one death;
* a toll gives its figure ("death toll rises to 40", "the number of people killed has
  increased to four");
* a total over a period ("since the start of the war", "this year", "over the past month")
  is marked ``cumulative``: a statistic, not the deaths of one event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from frontwatch.models import Quantity
from frontwatch.nlp.doctext import doc_text
from frontwatch.nlp.event_types import (
    CIVILIAN_WORDS,
    EQUIPMENT_WORDS,
    INFRASTRUCTURE_WORDS,
    MILITARY_WORDS,
    TERRITORY_WORDS,
    _verb_forms,
)
from frontwatch.nlp.numbers import parse_number
from frontwatch.nlp.quantities import VAGUE_COUNTS

DEATH_TRIGGERS = frozenset(
    {"kill", "kills", "killed", "killing", "killings", "dead", "die", "dies", "died", "dying", "death",
     "deaths", "slain", "slay", "slays", "body", "bodies", "corpse", "corpses", "fatality",
     "fatalities", "deceased", "murder", "murders", "murdered", "executed", "kia", "kias"}
)
# Verbs that report deaths with "lives" as their object ("lost their lives", "claimed the
# lives of three civilians", "cost two lives"), and "perished".
LIFE_TAKING = frozenset(
    w for base in ["lose", "claim", "cost", "take"] for w in _verb_forms(base)
) | {"lost", "took", "taken"}
LIVES = frozenset({"lives", "life"})
PERISHED = frozenset(_verb_forms("perish"))
WOUND_TRIGGERS = frozenset(
    {"wound", "wounds", "wounded", "wounding", "injure", "injures", "injured", "injuring",
     "injury", "injuries", "wia"}
)
# Words between the victims and a passive trigger: "was killed", "reportedly killed",
# "believed killed", "have been killed".
PASSIVE_FILLERS = frozenset(
    {"was", "were", "is", "are", "be", "been", "being", "has", "have", "had", "reported",
     "reportedly", "confirmed", "believed", "feared", "said", "allegedly", "also", "all",
     "now", "later", "then", "just", "got", "get", "gets", "left", "lay", "lie", "known",
     "to", "have"}
)
# Words of a victim phrase besides nouns, adjectives and numbers.
PHRASE_WORDS = frozenset({"and", ",", "&", "'s", "’s", "of", "at", "least", "more",
                          "than", "about", "some", "around", "nearly", "almost", "over",
                          "up", "to", "many", "another", "other", "others", "a", "an",
                          "the", "his", "her", "their", "its", "two", "both"})
SEPARATORS = frozenset({"and", ",", "&"})
SUBSET_WORDS = frozenset({"including", "among"})
PLACE_PREPOSITIONS = frozenset({"in", "near", "from", "outside"})
ACTIVE_KILL_FORMS = frozenset({"kill", "kills", "killing", "killed", "slay", "slays",
                               "murder", "murders", "murdered", "wound", "wounds", "wounding",
                               "wounded", "injure", "injures", "injuring", "injured"})
NOUN_TRIGGERS_WITH_OF = frozenset({"death", "deaths", "killing", "killings", "murder",
                                   "murders", "bodies", "body", "corpses"})
NOT_VICTIMS = frozenset({"more", "others", "another", "other"})  # counted through the number
# People a numberless group may name ("a civilian", "Italian journalist", "policeman").
PERSON_WORDS = CIVILIAN_WORDS | MILITARY_WORDS | frozenset(
    {"man", "policeman", "policemen", "reporter", "reporters", "photographer", "priest",
     "guard", "guards", "official", "officials", "member", "members", "victim", "victims",
     "driver", "drivers", "militant", "militants", "insurgent", "insurgents", "gunman",
     "gunmen", "operator", "cameraman", "nurse", "employee", "employees", "elder", "son",
     "daughter", "mother", "father", "wife", "husband", "assailant", "assailants", "saboteur",
     "saboteurs", "militia", "militias", "others", "brother", "brothers", "sister", "sisters",
     "sons", "daughters", "parents", "miner", "miners", "monitor", "monitors"}
)
NOT_PEOPLE = frozenset(
    {"times", "attacks", "attack", "shells", "rounds", "strikes", "violations", "breaches",
     "hours", "days", "weeks", "months", "years", "km", "kilometres", "kilometers", "miles",
     "percent", "shelling", "shellings", "incidents", "episodes", "cases"}
)
MAX_PHRASE = 12
SINGLE_MARKERS = frozenset({"a", "an", "one", "first", "another", "second", "third", "latest"})
# Wire-service slugs before a headline ("UPDATE 2-Six soldiers killed"): their number is
# the story's version, not a count.
WIRE_SLUGS = frozenset({"update", "rpt", "refile", "corrected", "wrapup", "corrected-update"})
# Nouns whose figure is the toll ("death toll rises to 40", "the number of dead reached 12").
TOLL_NOUNS = frozenset({"toll", "number", "total", "tally", "count"})
# Words right before a toll's figure ("rises to 40", "stands at 12", "hits 19", "of 7").
TOLL_LINKS = frozenset({"to", "at", "of", "hits", "hit", "reaches", "reached", "tops", "topped",
                        "passes", "passed", "exceeds", "exceeded", "is", "was", "now", ":"})
TOLL_QUALIFIERS = frozenset({"at", "least", "over", "more", "than", "nearly", "almost", "about",
                             "around", "some", "approximately", "roughly"})
# Running totals: "since ...", "so far", "to date", "in total", "this year", and periods of
# a month or more ("over the past month", "in two years"). Daily and weekly summaries ("in
# the past 24 hours", "over the past week") stay counts: event data sets code them as events.
PERIOD_PREPOSITIONS = frozenset({"over", "in", "during", "within", "for", "throughout"})
PERIOD_UNITS = frozenset({"month", "months", "year", "years"})
PERIOD_WORDS = frozenset({"the", "past", "last", "previous", "first", "whole", "entire", "one",
                          "a", "two", "three", "four", "five", "six", "several", "few"})
CUMULATIVE_PHRASES = (("so", "far"), ("to", "date"), ("in", "total"), ("total", "of"),
                      ("this", "year"))
# "since this morning": today's tally, no running total.
TIME_OF_DAY = frozenset({"morning", "midnight", "dawn", "night", "today", "yesterday", "noon",
                         "evening", "hours"})
RANKING_WORDS = frozenset({"first", "highest", "worst", "deadliest", "largest", "biggest",
                           "heaviest", "bloodiest", "most", "lowest"})


@dataclass
class _Group:
    """One coordinated group of a victim phrase: its tokens and the number found in it."""

    tokens: list[Token]
    value: float | None = None
    lower: float | None = None
    approximate: bool = False


def counted_word(tok: Token) -> str | None:
    """'killed' or 'wounded' for a casualty trigger, None for others ("casualties")."""
    lower = tok.lower_
    if lower in DEATH_TRIGGERS or lower in PERISHED or takes_lives(tok):
        return "killed"
    if lower in WOUND_TRIGGERS:
        return "wounded"
    return None


def takes_lives(tok: Token) -> bool:
    """'lost their lives', 'claimed the lives of three civilians': a death told through
    "lives", where the verb alone ("lost ground", "claimed responsibility") is none."""
    return tok.lower_ in LIFE_TAKING and any(c.dep_ == "dobj" and c.lower_ in LIVES
                                              for c in tok.children)


def casualty_count(tok: Token, quantities: list[Quantity]) -> Quantity | None:
    """The killed/wounded count a casualty trigger reports, or None when it gives none.

    ``quantities`` are the report's quantities (from the quantity stage), used for the
    numbers' values, bounds and approximation.
    """
    counted = counted_word(tok)
    if counted is None:
        return None
    joint = _killed_and_wounded(tok)
    if joint and counted == "wounded":
        return None  # "killed and wounded": the count goes with "killed"
    count = _find_count(tok, quantities, "casualties" if joint else counted)
    if count is not None:
        count.cumulative = is_cumulative(tok)
    return count


def _find_count(tok: Token, quantities: list[Quantity], counted: str) -> Quantity | None:
    count = _toll_count(tok, quantities, counted)
    if count is not None:
        return count
    for phrase in victim_phrases(tok):
        count = _count(tok, phrase, quantities, counted)
        if count is not None:
            return count
    if _one_death(tok):
        return Quantity(tok.idx, tok.idx + len(tok.text), tok.text, 1.0, "count", kind="count",
                        counted=f"{tok.lower_} {counted}")
    name = _named_victim(tok) if counted == "killed" else []
    if name:
        start, end = name[0].idx, name[-1].idx + len(name[-1].text)
        return Quantity(start, end, doc_text(tok.doc)[start:end], 1.0, "count", kind="count",
                        counted="person killed")
    return None


def _killed_and_wounded(tok: Token) -> bool:
    """'50 soldiers killed and wounded', 'dead or injured': one figure for both."""
    doc = tok.doc
    for step in (1, -1):
        j, k = tok.i + step, tok.i + 2 * step
        if 0 <= k < len(doc) and doc[j].lower_ in ("and", "or", "&", "/") \
                and counted_word(doc[k]) not in (None, counted_word(tok)):
            return True
    return False


def _named_victim(tok: Token) -> list[Token]:
    """The name of the person who died or was killed ("Mykola Kovalenko, the champion,
    died"): the subject, a first name and surname in title case that is no place, group or
    date (the small model tags names as PERSON, ORG or nothing, so the entity type alone
    cannot tell)."""
    if tok.lower_ not in ("die", "dies", "died", "killed", "slain", "murdered", "dead"):
        return []
    holder = tok.head if tok.dep_ in ("oprd", "acomp", "xcomp") else tok
    subject = next((c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.tag_ != "NNP":
        return []
    name = [c for c in subject.children if c.dep_ == "compound" and c.tag_ == "NNP"] + [subject]
    if len(name) < 2 or not all(t.text.istitle() for t in name) \
            or any(t.ent_type_ in ("GPE", "LOC", "FAC", "NORP", "DATE") for t in name) \
            or any(t.lower_ in PERSON_WORDS for t in name):
        return []
    return name


def _toll_count(tok: Token, quantities: list[Quantity], counted: str) -> Quantity | None:
    """The figure of a toll the trigger names: "death toll rises to 40", "death toll of 12",
    "the number of people killed has increased to four"."""
    doc = tok.doc
    toll = None
    if tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in TOLL_NOUNS:
        toll = doc[tok.i + 1]  # "death toll"
    elif tok.dep_ in ("acl", "amod") and tok.head.head.lower_ == "of" \
            and tok.head.head.head.lower_ in TOLL_NOUNS:
        toll = tok.head.head.head  # "the number of people killed"
    if toll is None:
        return None
    sentence_end = toll.sent.end
    for t in doc[toll.i + 1:min(sentence_end, toll.i + 16)]:
        if not (t.like_num or t.lower_ in VAGUE_COUNTS) or _is_date(t) or _is_modifier_number(t):
            continue
        before = t.i - 1
        while before > toll.i and doc[before].lower_ in TOLL_QUALIFIERS \
                and not (doc[before].lower_ == "at" and doc[before + 1].lower_ != "least"):
            before -= 1
        if doc[before].lower_ not in TOLL_LINKS and doc[before].lower_ not in TOLL_QUALIFIERS:
            continue
        group = _Group([t])
        _read_number(group, quantities)
        if group.value is None:
            return None
        return Quantity(t.idx, t.idx + len(t.text), t.text, group.value, "count", kind="count",
                        counted=f"people {counted}", lower=group.lower,
                        approximate=group.approximate)
    return None


def is_cumulative(tok: Token) -> bool:
    """Whether the trigger's sentence reports a running total, not one event: "since the
    start of the war", "so far", "to date", "this year", "over the past month" — but not a
    ranking ("the deadliest since June", "worst clash in months") nor today's tally ("since
    this morning")."""
    sentence = tok.sent
    words = [t.lower_ for t in sentence]
    for i, word in enumerate(words):
        if tuple(words[i:i + 2]) in CUMULATIVE_PHRASES:
            return True
        if word == "since" and TIME_OF_DAY & set(words[i + 1:i + 4]):
            continue
        if word != "since" and not (word in PERIOD_PREPOSITIONS and _period_follows(words, i + 1)):
            continue
        if not RANKING_WORDS & set(words[max(0, i - 3):i]) \
                and not any(t.tag_ in ("JJS", "RBS") for t in sentence[max(0, i - 3):i]):
            return True
    return False


def _period_follows(words: list[str], i: int) -> bool:
    """'the past month', 'two years', 'the first 6 months' (not 'a day', 'the past week')."""
    while i < len(words) and (words[i] in PERIOD_WORDS or words[i].isdigit()):
        i += 1
    return i < len(words) and words[i] in PERIOD_UNITS


def _count(tok: Token, phrase: list[Token], quantities: list[Quantity],
           counted: str) -> Quantity | None:
    """The sum over the phrase's groups (see the module docstring), None when nobody."""
    value = lower = 0.0
    approximate = bounded = numbered = False
    nouns: list[str] = []
    used: list[Token] = []
    for group in _groups(phrase, quantities):
        noun = _noun(group.tokens)
        if noun is not None and not _is_person(noun) and (
                group.value is None or any(_is_thing(t) for t in group.tokens)):
            continue  # "25 times", "shelling", "two tanks": no victims
        if noun is not None and noun.lower_ not in NOT_VICTIMS:
            nouns.append(noun.lower_)
        used += group.tokens
        if group.value is not None:
            numbered = True
            value += group.value
            lower += group.lower if group.lower is not None else group.value
            bounded = bounded or group.lower is not None
            approximate = approximate or group.approximate
        elif noun is None or (numbered and _is_plural(noun)):
            used = used[:-len(group.tokens)]  # "41 soldiers, civilians": one number for both
        elif _is_plural(noun):
            value += 2
            lower += 2
            bounded = approximate = True
        else:
            value += 1
            lower += 1
    if value <= 0:
        return None
    start = used[0].idx
    end = used[-1].idx + len(used[-1].text)
    what = " and ".join(dict.fromkeys(nouns)) or "people"
    return Quantity(start, end, doc_text(tok.doc)[start:end], float(value), "count", kind="count",
                    counted=f"{what} {counted}", lower=lower if bounded else None,
                    approximate=approximate,
                    qualifier="at least" if bounded and not approximate else "")


def victim_phrases(tok: Token) -> list[list[Token]]:
    """Candidate phrases naming the victims of a casualty trigger, most likely first.

    Right of an active form ("kills four", "killed a civilian") and of "death(s) of"; left
    of a passive or adjectival one ("Three soldiers killed", "2 dead"); the other side next.
    """
    doc = tok.doc
    if tok.lower_ in NOUN_TRIGGERS_WITH_OF and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "of":
        return [_scan(tok, tok.i + 2, +1)]
    lives_of = next((c for c in tok.children if c.lower_ in LIVES and c.i + 1 < len(doc)
                     and doc[c.i + 1].lower_ == "of"), None)
    if lives_of is not None and takes_lives(tok):
        return [_scan(tok, lives_of.i + 2, +1)]  # "claimed the lives of three civilians"
    left = _scan(tok, _skip_fillers(tok), -1)
    between = doc[tok.i + 1:tok.head.i + 1]
    if tok.dep_ == "amod" and tok.head.i > tok.i and tok.head.pos_ in ("NOUN", "PROPN") \
            and all(_phrase_token(t) for t in between):
        left = left + list(between)  # "three dead soldiers"
    sides = [left]
    if tok.lower_ in ACTIVE_KILL_FORMS:
        right = _scan(tok, tok.i + 1, +1)
        sides = [right, left] if _is_active(tok) else [left, right]
    return [side for side in (*sides, _parsed_victim(tok)) if side]


def _parsed_victim(tok: Token) -> list[Token]:
    """The victim noun the parse gives (subject, object, or the noun a participle modifies;
    for "shot dead", "wounded ... dies" the subject of the verb), with its numbers."""
    if tok.dep_ in ("acl", "amod", "relcl"):
        noun = tok.head
    else:
        holder = tok.head if tok.dep_ in ("oprd", "acomp", "xcomp") else tok
        noun = next((c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")), None)
    if noun is None or noun.lower_ not in PERSON_WORDS:
        return []
    phrase = [noun]
    for t in reversed(tok.doc[noun.left_edge.i:noun.i]):
        if not _phrase_token(t):
            break
        phrase.insert(0, t)
    return phrase


def _is_active(tok: Token) -> bool:
    """'kills four', 'killing at least 5', 'killed a civilian' (not 'soldiers killed, 5
    wounded'): base, -s and -ing forms, and a past form with an object."""
    if not tok.lower_.endswith("ed"):
        return True
    return any(c.dep_ == "dobj" for c in tok.children)


def _one_death(tok: Token) -> bool:
    """'first combat death', 'a death', 'another fatality': one, without a number."""
    return tok.tag_ == "NN" and any(c.lower_ in SINGLE_MARKERS for c in tok.children)


def _skip_fillers(tok: Token) -> int:
    i = tok.i - 1
    while i >= 0 and tok.doc[i].lower_ in PASSIVE_FILLERS:
        i -= 1
    return i


def _scan(tok: Token, start: int, step: int) -> list[Token]:
    """The victim phrase from ``start`` in direction ``step``: nouns, numbers, adjectives."""
    doc = tok.doc
    found: list[Token] = []
    jumped = False
    i = start
    while 0 <= i < len(doc) and len(found) < MAX_PHRASE:
        t = doc[i]
        if step > 0 and ((t.is_sent_start and i != start) or (i == start and t.is_punct)):
            break  # "killed, four wounded": the comma ends the phrase
        if step < 0 and t.lower_ in SUBSET_WORDS and found:
            found = []  # "Five civilians including two children die": the whole, not the part
        elif step < 0 and t.lower_ in PLACE_PREPOSITIONS and found and not jumped \
                and not any(_is_victim_word(f) and f.tag_ != "NN" for f in found):
            found, jumped = [], True  # "Eight people in Donetsk republic killed"
        elif not _phrase_token(t):
            break
        else:
            found.append(t)
        if t.is_sent_start:
            break
        i += step
    if step < 0:
        found.reverse()
    while found and found[0].lower_ in SEPARATORS | {"of", "-"}:
        found.pop(0)
    while found and found[-1].lower_ in SEPARATORS | {"of", "-", "the", "a", "an"}:
        found.pop()
    return found if any(_is_victim_word(t) for t in found) else []


def _phrase_token(t: Token) -> bool:
    if _is_date(t) or (t.lower_ == "at" and (t.i + 1 == len(t.doc) or t.nbor(1).lower_ != "least")):
        return False  # "killed at Verkhnietoretske, Sept 12": no victims
    if t.lower_ in PHRASE_WORDS or t.like_num or t.lower_ in VAGUE_COUNTS:
        return True
    if t.lower_ in DEATH_TRIGGERS | WOUND_TRIGGERS:
        return False
    if t.tag_ == "HYPH":  # "pro-Russian", not the dash before a headline's source
        return not t.whitespace_ and t.i > 0 and not t.doc[t.i - 1].whitespace_
    if t.dep_ == "amod" and t.head.i > t.i and t.tag_ in ("VBN", "VBG"):
        return True  # "killings of captured soldiers"
    return t.tag_ in ("NN", "NNS", "NNP", "NNPS", "JJ", "CD", "POS", "DT", "PRP$") \
        and t.pos_ != "VERB"


def _is_date(t: Token) -> bool:
    """Part of a date or time, but not an age ("a 70-year-old woman")."""
    if t.ent_type_ not in ("DATE", "TIME"):
        return False
    ent = next((e for e in t.doc.ents if e.start <= t.i < e.end), None)
    return ent is None or not ent.text.lower().endswith("old")


def _is_victim_word(t: Token) -> bool:
    return t.like_num or t.lower_ in VAGUE_COUNTS or t.tag_ in ("NN", "NNS") \
        or t.lower_ in PERSON_WORDS


def _groups(phrase: list[Token], quantities: list[Quantity]) -> list[_Group]:
    groups: list[_Group] = [_Group([])]
    for t in phrase:
        if t.lower_ in SEPARATORS:
            if groups[-1].tokens:
                groups.append(_Group([]))
            continue
        groups[-1].tokens.append(t)
    groups = [g for g in groups if g.tokens]
    if groups:
        groups[0].tokens = _without_wire_slug(groups[0].tokens)
    for group in groups:
        _read_number(group, quantities)
    return groups


def _without_wire_slug(tokens: list[Token]) -> list[Token]:
    """'UPDATE 2-Six servicemen' → 'Six servicemen'."""
    if len(tokens) > 3 and tokens[0].lower_ in WIRE_SLUGS and tokens[1].like_num \
            and tokens[2].tag_ == "HYPH":
        return tokens[3:]
    return tokens


def _read_number(group: _Group, quantities: list[Quantity]) -> None:
    """The group's number: the last one before its noun ("UPDATE 2-Six servicemen": six)."""
    for t in reversed(group.tokens):
        if not (t.like_num or t.lower_ in VAGUE_COUNTS) or _is_modifier_number(t):
            continue
        quantity = next((q for q in quantities if q.kind == "count"
                         and group.tokens[0].idx <= q.start <= t.idx < q.end), None)
        if quantity is not None:
            group.value, group.lower = quantity.value, quantity.lower
            group.approximate = quantity.approximate
            return
        value = VAGUE_COUNTS.get(t.lower_) or parse_number(t.text)
        if value is not None and value < 1_000_000:
            group.value = float(value)
            if t.lower_ in VAGUE_COUNTS:
                group.lower, group.approximate = float(value), True
            return


def _is_modifier_number(t: Token) -> bool:
    """'a 70-year-old woman', '2014': a number that is no head count."""
    doc = t.doc
    glued = t.i + 1 < len(doc) and not t.whitespace_ and doc[t.i + 1].tag_ == "HYPH"
    return glued or bool(re.fullmatch(r"(19|20)\d\d", t.text))


def _noun(tokens: list[Token]) -> Token | None:
    """The group's head: its last person word ("two residents of Donetsk region"), else its
    last noun."""
    people = [t for t in tokens if t.lower_ in PERSON_WORDS]
    if people:
        return people[-1]
    nouns = [t for t in tokens if (t.tag_ in ("NN", "NNS") or t.lower_ in PERSON_WORDS)
             and not t.like_num and t.lower_ not in VAGUE_COUNTS]
    return nouns[-1] if nouns else None


def _is_person(noun: Token) -> bool:
    """Someone who can be a victim, or the casualty noun itself ("first combat death").

    Not named persons: the small model tags many Ukrainian place names as PERSON."""
    return noun.lower_ in PERSON_WORDS or noun.lower_ in DEATH_TRIGGERS | WOUND_TRIGGERS


def _is_thing(noun: Token) -> bool:
    """A counted noun that is no person: events, times, equipment, buildings."""
    word = noun.lower_
    return word in NOT_PEOPLE or word in EQUIPMENT_WORDS or word in INFRASTRUCTURE_WORDS \
        or word in TERRITORY_WORDS


def _is_plural(noun: Token) -> bool:
    return noun.tag_ == "NNS" or noun.lower_ in ("people", "civilians", "children", "men", "women",
                                                 "troops", "personnel", "servicemen")
