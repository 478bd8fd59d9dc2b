"""Which side a phrase names, and its canonical actor.

Reports name the belligerents in many ways: states and their capitals used as actors
("Kyiv had recaptured", "Moscow ordered"), leaders ("Zelensky's forces"), armed forces
("the Armed Forces of Ukraine", "Russian troops"), epithets ("the occupiers") and proxies
("DPR militiamen"). Events need one of UA / RU / other / unknown plus a stable name, so that
"Ukrainian forces" and "the AFU" count as the same initiator when events are merged.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token


@dataclass(frozen=True)
class Actor:
    side: str  # UA, RU, other
    name: str  # canonical actor, e.g. "Armed Forces of Ukraine", "Russia"


UKRAINE = Actor("UA", "Ukraine")
UA_FORCES = Actor("UA", "Armed Forces of Ukraine")
RUSSIA = Actor("RU", "Russia")
RU_FORCES = Actor("RU", "Russian Armed Forces")

# Lower-cased single words → the state they point at. Adjectives and demonyms count: in
# "Russian shelling" the adjective is the only mention of the initiator.
_STATE_WORDS: dict[str, Actor] = {
    **dict.fromkeys(["ukraine", "ukrainian", "ukrainians", "kyiv", "kiev", "zelensky",
                     "zelenskyy", "zelenskiy", "ukraine's", "kyiv's"], UKRAINE),
    **dict.fromkeys(["russia", "russian", "russians", "moscow", "kremlin", "putin",
                     "russia's", "moscow's", "kremlin's", "ru"], RUSSIA),
}
# Words that name armed forces of one side on their own.
_FORCE_WORDS: dict[str, Actor] = {
    **dict.fromkeys(["afu", "zsu", "ua"], UA_FORCES),
    **dict.fromkeys(["occupiers", "occupier", "invaders", "invader", "orcs", "rashists"],
                    RU_FORCES),
    **dict.fromkeys(["wagner"], Actor("RU", "Wagner Group")),
    **dict.fromkeys(["dpr", "dnr"], Actor("RU", "DPR forces")),
    **dict.fromkeys(["lpr", "lnr"], Actor("RU", "LPR forces")),
    **dict.fromkeys(["separatist", "separatists", "rebel", "rebels", "novorossiya"],
                    Actor("RU", "Russian-backed separatists")),
    **dict.fromkeys(["chechen", "kadyrovites", "kadyrov"], Actor("RU", "Chechen forces")),
    **dict.fromkeys(["belarus", "belarusian", "belorussian"], Actor("other", "Belarus")),
    **dict.fromkeys(["nato"], Actor("other", "NATO")),
}
# Multi-word names checked on the phrase text before single words.
_PHRASES: list[tuple[str, Actor]] = [
    ("armed forces of ukraine", UA_FORCES),
    ("ukrainian armed forces", UA_FORCES),
    ("general staff of ukraine", UA_FORCES),
    ("national guard of ukraine", UA_FORCES),
    ("russian armed forces", RU_FORCES),
    ("armed forces of the russian federation", RU_FORCES),
    ("russian federation", RUSSIA),
    ("donetsk people's republic", Actor("RU", "DPR forces")),
    ("luhansk people's republic", Actor("RU", "LPR forces")),
    ("united states", Actor("other", "United States")),
]
FORCE_NOUNS = frozenset(
    {"forces", "force", "troops", "army", "military", "soldiers", "soldier", "units", "unit",
     "servicemen", "serviceman", "brigade", "brigades", "battalion", "battalions", "defenders",
     "fighters", "militiamen", "militiaman", "marines", "paratroopers", "artillery", "navy",
     "crews", "crew", "militants", "personnel", "regiment", "division", "guard", "military's"}
)
PRONOUNS = frozenset({"it", "its", "they", "their", "them", "theirs", "who", "which", "that"})


def actor_of_words(words: list[str]) -> Actor | None:
    """The actor named by a phrase's lower-cased words, or None when it names no side."""
    text = " ".join(words)
    for phrase, actor in _PHRASES:
        if phrase in text:
            return actor
    state = next((_STATE_WORDS[w] for w in words if w in _STATE_WORDS), None)
    force = next((_FORCE_WORDS[w] for w in words if w in _FORCE_WORDS), None)
    if force is not None:
        return force
    if state is None:
        return None
    if any(w in FORCE_NOUNS for w in words):
        return UA_FORCES if state.side == "UA" else RU_FORCES
    return state


_CLAUSE_DEPS = frozenset({"relcl", "acl", "appos", "punct", "cc", "advcl", "ccomp"})


def phrase_tokens(head: Token) -> list[Token]:
    """Tokens of the noun phrase a head stands for: its modifiers and 'of'-phrase.

    Relative clauses and appositions are left out: in "soldiers who fled from Russia" the
    side belongs to the clause, not to the soldiers.
    """
    found = [head]
    stack = [head]
    while stack:
        for child in stack.pop().children:
            if child.dep_ not in _CLAUSE_DEPS:
                found.append(child)
                stack.append(child)
    return sorted(found, key=lambda t: t.i)


def phrase_words(head: Token) -> list[str]:
    return [t.lower_ for t in phrase_tokens(head)]


def actor_of(head: Token) -> Actor | None:
    """Actor named by the phrase headed by ``head``, resolving pronouns to their antecedent."""
    actor = actor_of_words(phrase_words(head))
    if actor is not None:
        return actor
    if head.lower_ in PRONOUNS or head.lower_ in FORCE_NOUNS or any(
            c.dep_ == "poss" and c.lower_ in PRONOUNS for c in head.children):
        return antecedent_actor(head)
    return None


SINGULAR_PRONOUNS = frozenset({"it", "its"})


def antecedent_actor(token: Token) -> Actor | None:
    """Nearest preceding side-naming phrase in the sentence, else in the sentence before.

    Heads that name forces or states are preferred to other phrases: in "hugging Ukrainian
    soldiers ... under Russian occupation ... they", "they" are the soldiers. "It"/"its" never
    point at a plural ("Ukrainian officials mocked it regrouping": not the officials), and a
    pronoun never points at its own verb's subject ("officials dismissed them").
    """
    doc = token.doc
    pronoun = token if token.lower_ in PRONOUNS else next(
        (c for c in token.children if c.dep_ == "poss" and c.lower_ in PRONOUNS), None)
    singular = pronoun is not None and pronoun.lower_ in SINGULAR_PRONOUNS
    co_subjects = {c.i for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")} \
        if pronoun is token and token.dep_ in ("dobj", "pobj") else set()
    start = sentence_start(token)
    windows = [doc[start: token.i]]
    if start > 0:
        windows.append(doc[sentence_start(doc[start - 1]): start])
    for window in windows:
        fallback: Actor | None = None
        for tok in reversed(window):
            if tok.pos_ not in ("NOUN", "PROPN") or tok.i in co_subjects:
                continue
            if singular and tok.tag_ in ("NNS", "NNPS"):
                continue
            actor = actor_of_words(phrase_words(tok))
            if actor is None:
                continue
            if tok.lower_ in FORCE_NOUNS or tok.lower_ in _STATE_WORDS or tok.lower_ in _FORCE_WORDS:
                return actor
            fallback = fallback or actor
        if fallback is not None:
            return fallback
    return None


def sentence_start(token: Token) -> int:
    """Index of the first token of the token's sentence (cheaper than ``token.sent``, which
    walks every sentence of the document)."""
    doc, i = token.doc, token.i
    while i > 0 and not doc[i].is_sent_start:
        i -= 1
    return i


def sentence_of(token: Token) -> Span:
    doc = token.doc
    start, end = sentence_start(token), token.i + 1
    while end < len(doc) and not doc[end].is_sent_start:
        end += 1
    return doc[start:end]


def actor_in_span(span: Span) -> Actor | None:
    """First side named anywhere in a span: a fallback for verbless captions."""
    return actor_of_words([t.lower_ for t in span])


def opposing_forces(actor: Actor | None) -> Actor | None:
    """The other belligerent's forces: who killed soldiers or destroyed tanks of a side when
    the text does not say, and who attacked when one side "repelled attacks"."""
    side = actor.side if actor is not None else ""
    return {"UA": RU_FORCES, "RU": UA_FORCES}.get(side)


def side_actor(side: str) -> Actor | None:
    """The state of a side code (UA/RU), for events whose side comes from the perspective."""
    return {"UA": UKRAINE, "RU": RUSSIA}.get(side)


def opponent(side: str) -> str:
    """The other belligerent of this theatre, for events whose target is implicit."""
    return {"UA": "RU", "RU": "UA"}.get(side, "unknown")
