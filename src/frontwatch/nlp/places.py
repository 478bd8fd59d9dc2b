"""Place mentions → gazetteer entries, disambiguated over the whole report.

Recognition has two sources whose union is resolved: spaCy's GPE/LOC/FAC entities, and a
gazetteer matcher that finds the names the model misses (villages tagged PERSON/ORG/nothing).
A matched name outside a GPE/LOC/FAC entity must look like a name (capitalised; a single word
must be tagged PROPN) and, inside a PERSON/ORG/WORK_OF_ART/NORP entity, its most populous
candidate must be a place in the focus countries or a non-settlement feature — "Jackson" the
person stays a person, "Hoptivka" tagged ORG becomes the village.

Disambiguation scores each candidate in two passes (see ``_score``): a prior from population
and feature, then the report's context: country focus, the oblasts it names, distance to the
other places it names, and a border cue. Role "actor" marks metonymy: a country or a capital
acting as subject or possessor ("Kyiv had recaptured", "Russia's effort").
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from bisect import bisect_left
from dataclasses import dataclass, field

import numpy
from spacy.attrs import (
    ENT_IOB,
    IDX,
    IS_ALPHA,
    IS_PUNCT,
    IS_SPACE,
    IS_STOP,
    IS_UPPER,
    LENGTH,
    LOWER,
    POS,
    SENT_START,
    TAG,
)
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.symbols import ADP, DET
from spacy.tokens import Doc, Span, Token

from frontwatch.gazetteer import features, not_places, theatre
from frontwatch.gazetteer.build import FOCUS_COUNTRIES, Entry
from frontwatch.gazetteer.geo import (
    PreparedPoints,
    distance_to_polyline_km,
    haversine_km,
    nearest_km,
    prepare_points,
)
from frontwatch.gazetteer.index import Gazetteer, get_gazetteer
from frontwatch.gazetteer.names import fold, name_key, skeleton
from frontwatch.gazetteer.words import COMMON_ZIPF, VERY_COMMON_ZIPF, is_abbreviation, word_zipf
from frontwatch.models import Analysis, Place, PlaceCandidate
from frontwatch.nlp import sources
from frontwatch.nlp.doctext import doc_text
from frontwatch.nlp.token_index import indices_of_lower

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Entities a gazetteer name inside of is accepted only for focus-country places (the model
# tags villages PERSON, ORG, even NORP; demonyms like "Russian" are in no gazetteer).
GUARDED_LABELS = frozenset({"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"})
# Entities that are never places ("March" is DATE).
EXCLUDED_LABELS = frozenset({"LANGUAGE", "DATE", "TIME", "PERCENT", "MONEY",
                             "QUANTITY", "ORDINAL", "CARDINAL"})
NON_SETTLEMENT = frozenset({"country", "admin1", "region", "river", "border", "admin2", "other"})
# Places small enough that nearness to the report's other places tells which one is meant.
LOCAL_FEATURES = frozenset({"settlement", "admin2"})
ACTOR_FEATURES = frozenset({"country"})
ACTOR_CITY_POPULATION = 500_000  # capitals and big cities stand for governments
STATIVE_VERBS = frozenset({"is", "was", "are", "were", "be", "been", "lies", "lay", "sits",
                           "remains", "remained", "borders", "located", "situated"})
# "Kiev military", "Moscow authorities": a state or capital naming the institution that acts.
INSTITUTION_NOUNS = frozenset({"military", "forces", "army", "troops", "government",
                               "authorities", "officials", "regime", "ministry", "command",
                               "leadership", "administration", "side"})
# Diplomacy named after where it happens ("the Minsk talks", "talks in Istanbul", "statements in
# Kaliningrad"): the place is its venue, not where the war is.
DIPLOMACY_NOUNS = frozenset({"talks", "negotiations", "summit", "conference", "meeting",
                             "meetings", "agreement", "agreements", "accord", "accords",
                             "protocol", "protocols", "format", "treaty", "memorandum",
                             "communique", "communiqué", "declaration", "statement",
                             "statements", "forum"})
MEETING_VERBS = frozenset({"meet", "meets", "met", "meeting", "negotiate", "negotiated",
                           "negotiating", "sign", "signed", "signing"})
VENUE_PREPOSITIONS = frozenset({"in", "at"})
THEATRE_COUNTRY = "UA"  # the war frontwatch watches (DESIGN.md: first theatre)
ZONE_COUNTRIES = frozenset({"UA", "RU"})  # a report naming places there is about the theatre
HEADLINE_SOURCE_MARKS = frozenset({":", "-", "–", "—"})
# A report's names and its candidates' names are keyed again and again while resolving.
_name_key = functools.lru_cache(maxsize=50_000)(name_key)
_skeleton = functools.lru_cache(maxsize=50_000)(skeleton)
BORDER_CUE_KM = 40.0
TENTATIVE = "ner_supported"  # a name in a PERSON/ORG entity, kept only with support
SUPPORT_KM = 50.0  # a tentative name near another place of the report is supported
# A place whose log10(population) exceeds the word's Zipf frequency by this much is what the
# word usually means ("Kiev", "Moscow", "Odessa"), whatever else the report says.
BIG_NAME_MARGIN = 1.0
LOCATIVE_PREPOSITIONS = frozenset({"in", "near", "outside", "around", "from", "across", "at",
                                   "into", "through", "throughout", "toward", "towards"})
NAME_PARTICLES = frozenset({"of", "the", "de", "la", "upon", "on", "and"})
# Civic bodies named after their town: "Gainesville Police", "Athens City Council".
CIVIC_HEADS = frozenset({"police", "city", "council", "county", "high", "fire", "public",
                         "sheriff", "sheriff's", "chamber", "municipal", "township", "school",
                         "schools", "mayor", "regional", "town"})
# What stands between a place and the region that contains it: "Hurricane, W.Va.",
# "Lyman in Donetsk Oblast", "Lyman in the Donetsk region".
# Plural region words that close a list of region names ("Geauga and Medina counties").
REGION_PLURALS = frozenset({"counties", "parishes", "provinces", "oblasts", "regions"})
MAX_LIST_TOKENS = 12
LIST_LINKS = frozenset({",", "and", "or"})
REGION_LINKS = frozenset({",", "in", "in the", ", in", "of"})
DATELINE_MARKS = frozenset({"—", "–", "-", "--", ":", "(", ","})
MAX_RUNNERS_UP = 5
# An account's display name stands this many tokens (emoji, "?", "·") at most before its handle.
HANDLE_GAP = 12
BIG_CITY = 100_000  # an outlet named after a city this size keeps the city as a place
_VENUE_WORDS = frozenset(get_string_id(w) for w in DIPLOMACY_NOUNS | MEETING_VERBS)
RIVER_ANCHOR_KM = 100.0  # a place this close to a river's course tells where along it we are
CONFIDENCE_SHARPNESS = 1.0  # softmax over scores in log10-population units


@dataclass
class Mention:
    start: int  # token indices
    end: int
    text: str
    source: str  # "ner", "ner_other" (PERSON/ORG… entity), "gazetteer"
    candidates: tuple[Entry, ...]
    scores: list[float] = field(default_factory=list)

    @functools.cached_property
    def namesakes_only(self) -> bool:
        """Every candidate is a settlement or district: the theatre's zone picks among
        villages, never a village over a country or region of the same name ("Chechnya")."""
        return all(c.feature in LOCAL_FEATURES for c in self.candidates)

    @property
    def best(self) -> Entry:
        return self.candidates[self.scores.index(max(self.scores))]  # the first best


def configure_nlp(nlp: Language) -> None:
    """Open (compiling on first ever use) the gazetteer when the pipeline is built, so the
    first report does not pay for it. The matcher itself runs in ``extract``: it needs the
    whole document's entities and parse, which spaCy has only at the end of the pipeline."""
    get_gazetteer()


def extract(doc: Doc, analysis: Analysis) -> list[Place]:
    gazetteer = get_gazetteer()
    mentions = find_mentions(doc, gazetteer)
    if not mentions:
        return []
    kept = resolve_supported(doc, mentions, gazetteer, day=analysis.report.published)
    # Big cities are often named for other reasons ("Kyiv rejected", "power cuts in Kyiv").
    anchors = [m for m in kept if m.best.feature in ("admin1", "other") or (
        m.best.feature == "settlement" and m.best.population < ACTOR_CITY_POPULATION)]
    return [_to_place(doc, m, anchors) for m in kept]


def resolve_supported(doc: Doc, mentions: list[Mention], gazetteer: Gazetteer,
                      weights: Weights | None = None, day: dt.date | None = None) -> list[Mention]:
    """Resolve, drop the tentative names and common words the report does not support,
    resolve the rest again (a dropped name must not have lent its support). ``day`` is the
    report's date: where the war was then (``theatre.active_regions``)."""
    weights = weights or WEIGHTS
    resolve(doc, mentions, weights, day)
    common = [_common_word(m, gazetteer) for m in mentions]
    confirmed = [m for m, c in zip(mentions, common) if m.source != TENTATIVE and not c]
    kept = [m for m, c in zip(mentions, common)
            if (m.source != TENTATIVE or _supported(m, confirmed))
            and (not c or _word_supported(doc, m, confirmed, gazetteer))]
    if len(kept) < len(mentions):
        resolve(doc, kept, weights, day)
    return kept


# --- recognition -----------------------------------------------------------------------------

def find_mentions(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    """Non-overlapping place mentions, longest first, with their gazetteer candidates."""
    entities = doc.ents  # a Span per entity on each access
    label_of = _entity_labels(doc, entities)
    found: list[Mention] = []
    for ent in entities:
        if ent.label_ in PLACE_LABELS:
            mention = _ner_mention(ent, gazetteer)
            if mention:
                found.append(mention)
    found += _gazetteer_mentions(doc, gazetteer, label_of)
    found = [m for m in found if not _first_name(doc, m, gazetteer)]
    outlets, handles = _outlet_tokens(doc), "@" in _TokenTable.of(doc).text
    found = [m for m in found if not _named_otherwise(doc, m, outlets, handles)]
    found.sort(key=lambda m: (-(m.end - m.start), m.start, m.source != "ner"))
    taken: set[int] = set()
    kept = []
    for mention in found:
        span = range(mention.start, mention.end)
        if not taken.intersection(span):
            taken.update(span)
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)


def _entity_labels(doc: Doc, entities: tuple[Span, ...]) -> list[str]:
    labels = [""] * len(doc)
    for ent in entities:
        for i in range(ent.start, ent.end):
            labels[i] = ent.label_
    return labels


def _ner_mention(ent: Span, gazetteer: Gazetteer) -> Mention | None:
    tokens = _TokenTable.of(ent.doc)
    start, end = ent.start, ent.end
    while start < end and tokens.lower[start] in _ENTITY_OPENING_IDS:
        start += 1
    while end > start and tokens.lower[end - 1] in _ENTITY_CLOSING_IDS:
        end -= 1
    if start == end:
        return None
    text = tokens.span_text(start, end)
    if _camel_case(text) or text.islower():
        return None  # "MoD", "iPhone": a brand; "east bank": a description, not a name
    candidates = gazetteer.candidates(text)
    return Mention(start, end, text, "ner", candidates) if candidates else None


# What an entity's span may take in that is not the name: "the Donbas", "Ukraine's", "Kyiv’".
_ENTITY_OPENING_IDS = frozenset(get_string_id(w) for w in ("the", "'s", "’s"))
_ENTITY_CLOSING_IDS = frozenset(get_string_id(w) for w in ("'s", "’s", "'", "’"))


def _camel_case(text: str) -> bool:
    return any(a.islower() and b.isupper() for a, b in zip(text, text[1:]))


@dataclass
class _TokenTable:
    """The token attributes this stage reads for every n-gram and place cue it tries, read
    once per ``Doc`` from its token array and text (a ``Token`` or ``Span`` object per lookup
    made n-gram matching the costliest part of this stage)."""

    text: str  # the Doc's text; token j is text[idx[j]:end[j]]
    idx: list[int]
    end: list[int]
    capital: list[bool]  # first character upper-case
    stop: list[bool]
    upper: list[bool]
    punct: list[bool]
    lower: list[int]  # string ids of the lower-case forms
    pos: list[int]
    not_last: list[bool]  # punctuation, space or a possessive: never ends a name
    begins_entity: list[bool]
    may_begin_name: list[bool]  # capitalised and not a determiner ("The", "This")
    # words (alphabetic tokens) and name breakers (words neither capitalised nor a name
    # particle) before each index: a span's counts in two look-ups (``capitalised``)
    words_before: list[int]
    breakers_before: list[int]
    sentence_start: list[bool]
    words: frozenset[int]  # the lower-case forms (string ids) of the Doc's tokens

    @classmethod
    def of(cls, doc: Doc) -> _TokenTable:
        table = doc.user_data.get(_TABLE_KEY)
        if table is None or len(table.idx) != len(doc):
            table = doc.user_data[_TABLE_KEY] = cls._read(doc)
        return table

    @classmethod
    def _read(cls, doc: Doc) -> _TokenTable:
        strings = doc.vocab.strings
        idx, length, alpha, stop, upper, punct, space, tag, lower, iob, pos, sent_start = \
            doc.to_array([IDX, LENGTH, IS_ALPHA, IS_STOP, IS_UPPER, IS_PUNCT, IS_SPACE, TAG,
                          LOWER, ENT_IOB, POS, SENT_START]).T
        alpha, stop, upper, punct, space = (
            flags.astype(bool) for flags in (alpha, stop, upper, punct, space))
        text = doc_text(doc)
        starts, lowers = idx.tolist(), lower.tolist()
        capital = numpy.array([text[s].isupper() for s in starts], dtype=bool)
        breakers = alpha & ~capital & ~(lower[:, None] == _PARTICLE_IDS).any(axis=1)
        return cls(
            text, starts, (idx + length).tolist(), capital.tolist(), stop.tolist(),
            upper.tolist(), punct.tolist(), lowers, pos.tolist(),
            (punct | space | (tag == strings["POS"])).tolist(),
            (iob == _IOB_BEGIN).tolist(), (capital & (pos != DET)).tolist(),
            _counts_before(alpha), _counts_before(breakers), (sent_start == 1).tolist(),
            frozenset(lowers),
        )

    def word(self, j: int) -> str:
        return self.text[self.idx[j]:self.end[j]]

    def span_text(self, start: int, end: int) -> str:
        return self.text[self.idx[start]:self.end[end - 1]]

    def capitalised(self, start: int, end: int) -> bool:
        """Every word capitalised or a name particle, the first capitalised, and not a lone
        stop word in title case ("The", "May")."""
        return self.words_before[end] > self.words_before[start] \
            and self.breakers_before[end] == self.breakers_before[start] \
            and self.capital[start] \
            and not (end - start == 1 and self.stop[start] and not self.upper[start])

    def sentence_begin(self, i: int) -> int:
        """``doc[i].sent.start`` without building the sentence."""
        return next((j for j in range(i, 0, -1) if self.sentence_start[j]), 0)

    def sentence_end(self, i: int) -> int:
        """``doc[i].sent.end`` without building the sentence."""
        return next((j for j in range(i + 1, len(self.idx)) if self.sentence_start[j]),
                    len(self.idx))


def _counts_before(flags: numpy.ndarray) -> list[int]:
    return [0, *numpy.cumsum(flags).tolist()]


_PARTICLE_IDS = numpy.array([get_string_id(w) for w in NAME_PARTICLES], dtype=numpy.uint64)
_TABLE_KEY = "frontwatch.places_tokens"
_IOB_BEGIN = 3  # Token.ent_iob: 0 none, 1 I, 2 O, 3 B


def _gazetteer_mentions(doc: Doc, gazetteer: Gazetteer, label_of: list[str]) -> list[Mention]:
    tokens = _TokenTable.of(doc)
    excluded = [j for j, label in enumerate(label_of) if label in EXCLUDED_LABELS]
    mentions = []
    i = 0
    while i < len(doc):
        mention = None
        if tokens.may_begin_name[i] and label_of[i] not in EXCLUDED_LABELS:
            # the first token at or after i whose entity is never a place (len(doc): none)
            following = bisect_left(excluded, i)
            excluded_at = excluded[following] if following < len(excluded) else len(doc)
            mention = _longest_match_at(doc, i, gazetteer, label_of, tokens, excluded_at)
        if mention is None:
            i += 1
        else:
            mentions.append(mention)
            i = mention.end
    return mentions


def _longest_match_at(doc: Doc, i: int, gazetteer: Gazetteer, label_of: list[str],
                      tokens: _TokenTable, excluded_at: int) -> Mention | None:
    for end in range(min(len(doc), i + gazetteer.max_words), i, -1):
        if tokens.not_last[end - 1] or excluded_at < end:
            continue
        if label_of[end - 1] in PLACE_LABELS and end < len(doc) \
                and label_of[end] == label_of[end - 1] and not tokens.begins_entity[end]:
            continue  # "Barrow" of "Barrow County": the entity names the county, not the town
        text = tokens.span_text(i, end)
        cue = tokens.capitalised(i, end) and _place_cue(doc, i, end, gazetteer)
        if not (cue or gazetteer.is_matchable(text)):
            continue
        candidates = gazetteer.candidates(text)
        if not candidates:
            continue
        span = doc[i:end]
        name_like = cue or _looks_like_name(span)
        # a bare "Kharkiv" label
        alone = all(tokens.punct[j] for j in range(end, tokens.sentence_end(i)))
        if not name_like and tokens.sentence_start[i] and not alone:
            continue
        inside_entity = label_of[i] in GUARDED_LABELS
        source = "ner_other" if inside_entity else "gazetteer"
        if label_of[i] == "PERSON" and not cue and _part_of_longer_name(span):
            continue  # "Serhiy" of "Serhiy Haidai"
        if cue or (name_like and not inside_entity) or _focus_or_feature(
                max(candidates, key=lambda c: c.population)):
            return Mention(i, end, text, source, candidates)
        if inside_entity and (_whole_entity(span) or _names_organisation(span, label_of)) \
                and not _surname(span):
            # "Gainesville" tagged ORG, "Alexandria" PERSON, "the Dublin Historical Society":
            # kept only if the rest of the report supports a candidate (``_supported``);
            # "Jackson said" stays a person.
            return Mention(i, end, text, TENTATIVE, candidates)
    return None


def _place_cue(doc: Doc, start: int, end: int, gazetteer: Gazetteer) -> bool:
    """Context that makes a capitalised name (tokens ``start:end``) a place whatever the model
    tagged it: a locative preposition ("in Newberry", ", of Chiefland"), "-based", a civic body
    after it ("Gainesville Police", "Athens City Council"), a dateline ("BEIRUT —"), a state
    after it ("Hurricane, W.Va.") or being that state abbreviation."""
    tokens = _TokenTable.of(doc)
    before = tokens.lower[start - 1] if start > 0 else None
    if before in _LOCATIVE_IDS and tokens.pos[start - 1] == ADP:
        return True
    if before == _OF_ID and start > 1 and tokens.word(start - 2) == ",":
        return True
    if end == len(doc):
        return False
    after, after_lower = tokens.word(end), tokens.lower[end]
    if after in ("-", "–") and end + 1 < len(doc) and tokens.lower[end + 1] == _BASED_ID:
        return True
    if after_lower in _CIVIC_HEAD_IDS and tokens.capital[end]:
        return True
    name = tokens.span_text(start, end)
    if name.isupper() and len(name) > 2 and tokens.sentence_start[start] \
            and after in DATELINE_MARKS:
        return True
    if start > 0 and tokens.word(start - 1) == "," and "." in name:
        return any(c.feature == "admin1" for c in gazetteer.candidates(name))
    if after == "," and _state_at(doc, end + 1, gazetteer) is not None:
        return True
    return (after_lower in _REGION_PLURAL_IDS or after in LIST_LINKS) \
        and _listed_regions(doc, end)


_LOCATIVE_IDS = frozenset(get_string_id(w) for w in LOCATIVE_PREPOSITIONS)
_CIVIC_HEAD_IDS = frozenset(get_string_id(w) for w in CIVIC_HEADS)
_REGION_PLURAL_IDS = frozenset(get_string_id(w) for w in REGION_PLURALS)
_OF_ID, _BASED_ID, _BORDER_ID = (get_string_id(w) for w in ("of", "based", "border"))


def _listed_regions(doc: Doc, end: int) -> bool:
    """The name is in a list that a plural region word closes: "Geauga and Medina counties",
    "Harvey, Harper and Kingman counties", "Kharkiv and Sumy oblasts"."""
    tokens = _TokenTable.of(doc)
    for j in range(end, min(len(doc), end + MAX_LIST_TOKENS)):
        word = tokens.word(j)
        if word.lower() in REGION_PLURALS:
            return True
        if word not in LIST_LINKS and not tokens.capital[j]:
            return False
    return False


def _state_at(doc: Doc, i: int, gazetteer: Gazetteer) -> Entry | None:
    """The first-level region named by the 1–3 tokens at ``i`` ("W.Va.", "New Jersey")."""
    tokens = _TokenTable.of(doc)
    for n in (3, 2, 1):
        if i + n > len(doc):
            continue
        text = tokens.span_text(i, i + n)
        if not text[:1].isupper() or ("." not in text and len(text) < 5):
            continue
        regions = [c for c in gazetteer.candidates(text) if c.feature == "admin1"]
        if regions:
            return regions[0]
    return None


def _whole_entity(span: Span) -> bool:
    """The entity around the span is just the name (possibly with "'s")."""
    doc, end = span.doc, span.end
    if end < len(doc) and doc[end].tag_ == "POS" and doc[end].ent_iob_ == "I":
        end += 1
    return span[0].ent_iob_ == "B" and (end == len(doc) or doc[end].ent_iob_ != "I")


def _names_organisation(span: Span, label_of: list[str]) -> bool:
    """The span begins an organisation's name that goes on ("Dublin Historical Society")."""
    doc = span.doc
    starts = span[0].ent_iob_ == "B" or (
        span.start > 0 and doc[span.start - 1].ent_iob_ == "B" and doc[span.start - 1].lower_ == "the")
    return label_of[span.start] == "ORG" and starts \
        and span.end < len(doc) and doc[span.end].ent_iob_ == "I"


def _part_of_longer_name(span: Span) -> bool:
    """A word of the same entity stands right before or after the span on the same line."""
    doc = span.doc
    before = span[0].ent_iob_ == "I" and doc[span.start - 1].is_alpha
    after = span.end < len(doc) and doc[span.end].ent_iob_ == "I" and doc[span.end].is_alpha
    return before or after


def _first_name(doc: Doc, mention: Mention, gazetteer: Gazetteer) -> bool:
    """A one-word name right before the surname of a person: "Artem Mazur killed" (the model
    tags only "Mazur" PERSON; Artem is also a Russian town). Narrow on purpose: the next word
    is capitalised, tagged PERSON, names no place, the name qualifies it (compound) or opens
    the same PERSON entity, and no place cue stands before the name ("in Artem")."""
    if mention.end - mention.start != 1 or mention.end >= len(doc):
        return False
    name, surname = doc[mention.start], doc[mention.end]
    if surname.ent_type_ != "PERSON" or not surname.is_alpha or not surname.is_title:
        return False
    opens_entity = name.ent_type_ == "PERSON" and surname.ent_iob_ == "I"
    qualifies = name.dep_ == "compound" and name.head.i == surname.i
    if not (opens_entity or qualifies) or gazetteer.candidates(surname.text):
        return False
    before = doc[mention.start - 1] if mention.start > 0 else None
    return before is None or before.lower_ not in LOCATIVE_PREPOSITIONS


@functools.cache
def _outlets() -> dict[int, list[list[int]]]:
    """The media sources' names (``nlp.sources``) as lower-case word ids, by first word
    ("Russian" opens seven); without those named after a city or country ("The Kyiv
    Independent", "Washington Post"): there the place stands in the name, and the toponym
    corpora annotate it."""
    gazetteer = get_gazetteer()
    names = [alias for source in sources.REGISTRY if source.type == "media"
             for alias in source.aliases if not _names_big_place(alias, gazetteer)]
    return {get_string_id(first): [[get_string_id(w) for w in words] for words in outlets]
            for first, outlets in not_places.outlet_words(names).items()}


def _names_big_place(name: str, gazetteer: Gazetteer) -> bool:
    words = name.replace("-", " ").split()
    parts = words + [" ".join(pair) for pair in zip(words, words[1:])]
    return any(e.feature == "country" or (e.feature == "settlement" and e.population >= BIG_CITY)
               for part in parts for e in gazetteer.candidates(part))


def _outlet_tokens(doc: Doc) -> set[int]:
    """Tokens of the news outlets a report quotes ("TASS", "RIA Novosti")."""
    tokens = _TokenTable.of(doc)
    found: set[int] = set()
    outlets = _outlets()
    if tokens.words.isdisjoint(outlets):
        return found  # most reports quote no outlet
    for i, first in enumerate(tokens.lower):
        if first not in outlets or not tokens.capital[i]:
            continue
        for words in outlets[first]:
            if tokens.lower[i:i + len(words)] == words:
                found.update(range(i, i + len(words)))
                break
    return found


def _named_otherwise(doc: Doc, mention: Mention, outlets: set[int], handles: bool) -> bool:
    """A name that is not a place in any reading of the news: part of an outlet's name, a
    weekday or month abbreviation ("on Wed"), an account's display name before its handle
    (``handles``: the report has an "@")."""
    return bool(outlets and outlets.intersection(range(mention.start, mention.end))) \
        or not_places.is_date_abbreviation(mention.text) \
        or (handles and _display_name(doc, mention))


def _display_name(doc: Doc, mention: Mention) -> bool:
    """A quoted post opens with the account's name, then its handle: "NOËL … @NOELreports"
    (only symbols between them, and the handle begins with the name's letters)."""
    letters = "".join(c for c in fold(mention.text) if c.isalnum())
    for token in doc[mention.end:mention.end + HANDLE_GAP]:
        if token.text.startswith("@"):
            return fold(token.text[1:]).startswith(letters)
        if any(c.isalnum() for c in token.text):
            return False
    return False


def _surname(span: Span) -> bool:
    """The name ends a longer PERSON entity somewhere in the report ("Andrew Jackson")."""
    key = span.text
    return any(ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].text == key
               for ent in span.doc.ents)


def _looks_like_name(span: Span) -> bool:
    """A one-word match tagged as a proper noun, or a longer one ending in a capitalised word
    or a noun ("Kharkiv region"). Other matches ("Mobile units", "the Dnieper" tagged NOUN)
    must name a focus-country place or a feature, and never start a sentence."""
    if len(span) == 1:
        return span[0].pos_ == "PROPN"
    return span[-1].text[:1].isupper() or span[-1].pos_ in ("NOUN", "PROPN")


def _focus_or_feature(entry: Entry) -> bool:
    return entry.country_code in FOCUS_COUNTRIES or entry.feature in NON_SETTLEMENT


def _supported(mention: Mention, confirmed: list[Mention]) -> bool:
    """A tentative name is a place when its best candidate lies in the first-level region of
    a place the report names for sure, or within ``SUPPORT_KM`` of one."""
    best = mention.best
    for other in confirmed:
        place = other.best
        if best.admin1_code and (place.country_code, place.admin1_code) == (
                best.country_code, best.admin1_code):
            return True
        if place.feature == "settlement" and haversine_km(
                best.lat, best.lon, place.lat, place.lon) < SUPPORT_KM:
            return True
    return False


def _common_word(mention: Mention, gazetteer: Gazetteer) -> bool:
    """The name of a settlement is a common English word or an abbreviation ("Airport",
    "Police", "WIA") and the place is not big enough to be what the word usually means
    ("Kiev" is Kyiv; "Arty" is not Arti, a transliteration skeleton only)."""
    best, text = mention.best, mention.text
    if best.feature != "settlement":
        return False
    if is_abbreviation(text):
        return True
    zipf = word_zipf(text)
    big = math.log10(best.population + 10) >= zipf + BIG_NAME_MARGIN
    return zipf >= COMMON_ZIPF and not (big and best.id in gazetteer.spelled(text))


def _word_supported(doc: Doc, mention: Mention, confirmed: list[Mention],
                    gazetteer: Gazetteer) -> bool:
    """A common word is a place only when spelled as the place is (not a transliteration
    skeleton: "Arty" is not Arti; an abbreviation only as the entry's own name) and the report
    backs it: another place in the same country, or a place cue ("in Hurricane, W.Va.") for
    words not very common. A very common word ("Center", "Union") also needs the model's
    place tag or a cue."""
    best, text = mention.best, mention.text
    if best.id not in gazetteer.spelled(text):
        return False
    if is_abbreviation(text) and _name_key(text) != _name_key(best.name):
        return False
    cue = _TokenTable.of(doc).capitalised(mention.start, mention.end) \
        and _place_cue(doc, mention.start, mention.end, gazetteer)
    very_common = word_zipf(text) >= VERY_COMMON_ZIPF
    if not very_common and (cue or mention.source == "ner"):
        return True
    if very_common and mention.source != "ner" and not cue:
        return False
    own = _name_key(text)
    return any(m.best.country_code == best.country_code for m in confirmed
               if _name_key(m.text) != own)


# --- disambiguation ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Weights:
    """Score terms, in units of log10(population): the prior is the base, and each piece of
    context evidence is a bounded bonus, so a village beats a city of the same name only with
    evidence worth its population gap (same oblast/state as the other places, next to them)."""

    own_name: float = 0.8  # the text is the entry's own name, not an alternate
    # … or its own name in another romanisation ("Sloviansk" = Slovyansk, not Nikopol, whose
    # old names GeoNames lists)
    own_name_transliterated: float = 0.4
    article_feature: float = 3.0  # "the Dnipro" is the river; "Medina counties" the county
    country_feature: float = 0.5  # a country over a region or city of the same name
    country: float = 1.5  # × share of the other names resolved in the candidate's country
    admin1: float = 1.5  # × share of the admin1s the report names (or pins down a place in)
    near: float = 1.5  # × exp(−d / NEAR_KM), d = km to the nearest other place; a region
    # (country, admin1) that contains another place of the report gets it whole
    # a report naming one place and nothing else about where it is: the theatre we watch
    # over a namesake elsewhere ("Georgiyevka" alone is Heorhiivka, Luhansk)
    theatre: float = 1.5
    # × the level of the theatre's activity in the candidate's oblast at the report's date
    # (``gazetteer/theatre.py``), for a report about the theatre that names no oblast: a lone
    # "Novokaterynivka" in 2014 is the Donetsk one, not the Mykolaiv one
    zone: float = 1.5
    border: float = 2.0  # UA/RU settlement near the border when the sentence says "border"
    city_state: float = 4.0  # "Hurricane, W.Va.": the candidate in the region named after it


WEIGHTS = Weights()
NEAR_KM = 100.0


def resolve(doc: Doc, mentions: list[Mention], weights: Weights = WEIGHTS,
            day: dt.date | None = None) -> None:
    """Score every candidate of every mention: prior first, then twice with the report's
    context (the second pass sees the places the first pass settled, and is skipped when those
    are the places the prior settled: the same context gives the same scores)."""
    zone = theatre.active_regions(day)
    priors = [[_prior(doc, m, c, weights) for c in m.candidates] for m in mentions]
    for mention, prior in zip(mentions, priors):
        mention.scores = prior
    read_from: list[Entry] | None = None  # the best candidates the last context was read from
    for _ in range(2):
        settled = [m.best for m in mentions]
        if settled == read_from:
            break
        read_from = settled
        context = _Context.of(doc, mentions, zone)
        for mention, prior in zip(mentions, priors):
            mention.scores = [p + context.support(mention, c, weights)
                              for p, c in zip(prior, mention.candidates)]


def _prior(doc: Doc, mention: Mention, entry: Entry, weights: Weights) -> float:
    """Population (log10), a preference for the entry's own name over an alternate or
    transliterated one, and for features over villages after "the" ("the Dnipro")."""
    score = math.log10(entry.population + 10)
    if _name_key(mention.text) == _name_key(entry.name):
        score += weights.own_name
    elif entry.country_code in FOCUS_COUNTRIES and _skeleton(mention.text) == _skeleton(entry.name):
        score += weights.own_name_transliterated
    article = mention.start > 0 and doc[mention.start - 1].lower_ == "the"
    if article and entry.feature in ("river", "region"):
        score += weights.article_feature
    if entry.feature == "country":
        score += weights.country_feature
    if entry.feature in ("admin1", "admin2") and _listed_regions(doc, mention.end):
        score += weights.article_feature
    return score


# (country share numerator and total, admin1 share, km to the nearest other place, a place
# of the report lies inside, theatre zone level): see ``_Context.support``; None/False/0
# where a term does not apply.
_Evidence = tuple[tuple[float, float] | None, float | None, float | None, bool, float]


@dataclass
class _OtherNames:
    """What the names of the report other than one say, summed once per name. Sums run in
    the order of the report's names, as the per-candidate sums they replace did."""

    country_weight: dict[str, float]  # country → summed weight of the names resolved in it
    total_weight: float
    admin1: list[tuple[str, str]]  # the (country, admin1) each name points at
    anchors: PreparedPoints
    within: list[tuple[str, str]]
    zone: dict[tuple[str, str], float]  # active oblasts at the report's date, when it is
    # about the theatre (its other names lie in Ukraine or Russia, or it names no other)

    @classmethod
    def excluding(cls, context: _Context, own: str) -> _OtherNames:
        country_weight: dict[str, float] = {}
        total = 0
        for key, (cc, w) in context.countries.items():
            if key != own:
                country_weight[cc] = country_weight.get(cc, 0) + w
                total += w
        named = [v for key, v in context.admin1.items() if key != own]
        about_theatre = not country_weight or any(cc in ZONE_COUNTRIES for cc in country_weight)
        return cls(country_weight, total, named,
                   [p for key, p in context.prepared_anchors.items() if key != own],
                   [v for key, v in context.within.items() if key != own],
                   context.zone if about_theatre and not named else {})

    def evidence(self, entry: Entry) -> _Evidence:
        country = (self.country_weight.get(entry.country_code, 0), self.total_weight) \
            if self.total_weight else None
        admin1 = self.admin1.count((entry.country_code, entry.admin1_code)) / len(self.admin1) \
            if self.admin1 and entry.feature != "admin1" else None
        nearest = nearest_km(entry.lat, entry.lon, self.anchors) \
            if self.anchors and entry.feature in LOCAL_FEATURES else None
        within = entry.feature in ("country", "admin1") and any(
            cc == entry.country_code and (entry.feature == "country" or code == entry.admin1_code)
            for cc, code in self.within)
        zone = self.zone.get((entry.country_code, entry.admin1_code), 0.0) \
            if entry.feature in LOCAL_FEATURES else 0.0
        return country, admin1, nearest, within, zone


@dataclass
class _Context:
    """What the rest of the report says about where it is. Each distinct name counts once,
    and a mention is never its own evidence (twenty "Alexandria"s prove nothing)."""

    doc: Doc
    countries: dict[str, tuple[str, float]]  # name key → (country, weight)
    admin1: dict[str, tuple[str, str]]  # name key → (country, admin1) it names or pins down
    anchors: dict[str, tuple[float, float]]  # name key → point of a settlement/region/river
    within: dict[str, tuple[str, str]]  # name key → (country, admin1) of a settlement
    border_sentences: set[int]
    region_after: dict[int, tuple[str, str]]  # mention start → region named right after it
    zone: dict[tuple[str, str], float]  # ``theatre.active_regions`` at the report's date
    _others_cache: dict[str, _OtherNames] = field(default_factory=dict)
    _prepared: dict[str, tuple[float, float, float]] | None = None
    _evidence_cache: dict[tuple[str, int], _Evidence] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: Doc, mentions: list[Mention],
           zone: dict[tuple[str, str], float]) -> _Context:
        countries, admin1, anchors, within = {}, {}, {}, {}
        region_after = {
            m.start: (n.best.country_code, n.best.admin1_code)
            for m, n in zip(mentions, mentions[1:])
            if n.start in (m.end + 1, m.end + 2) and n.best.feature == "admin1"
            and doc[m.end:n.start].text.lower() in REGION_LINKS
        }
        for mention in mentions:
            best, key = mention.best, _name_key(mention.text)
            if best.country_code:
                unanimous = len({c.country_code for c in mention.candidates}) == 1
                countries[key] = (best.country_code, 1.0 if unanimous else 0.5)
            if best.feature == "admin1" or (len(mention.candidates) == 1
                                            and best.feature in LOCAL_FEATURES):
                admin1[key] = (best.country_code, best.admin1_code)
            if best.feature in ("settlement", "admin2", "admin1", "river"):
                anchors[key] = (best.lat, best.lon)
            if best.feature == "settlement":
                within[key] = (best.country_code, best.admin1_code)
        tokens = _TokenTable.of(doc)
        border = {tokens.sentence_begin(m.start) for m in mentions if m.best.feature == "border"}
        if _BORDER_ID in tokens.words:
            border |= {tokens.sentence_begin(i) for i in indices_of_lower(doc, "border")}
        return cls(doc, countries, admin1, anchors, within, border, region_after, zone)

    @property
    def prepared_anchors(self) -> dict[str, tuple[float, float, float]]:
        """The anchors converted for ``nearest_km`` once (not once per name left out)."""
        if self._prepared is None:
            keys = list(self.anchors)
            self._prepared = dict(zip(keys, prepare_points([self.anchors[k] for k in keys])))
        return self._prepared

    def support(self, mention: Mention, entry: Entry, weights: Weights) -> float:
        country, admin1, nearest, within, zone = self._evidence(_name_key(mention.text), entry)
        score = 0.0
        if country:
            score += weights.country * country[0] / country[1]
        elif country is None and entry.country_code == THEATRE_COUNTRY:
            score += weights.theatre
        if admin1 is not None:
            score += weights.admin1 * admin1
        if nearest is not None:
            score += weights.near * math.exp(-nearest / NEAR_KM)
        if within:
            score += weights.near
        if zone and mention.namesakes_only:
            score += weights.zone * zone
        if (entry.country_code in ("UA", "RU") and entry.feature == "settlement"
                and self._near_border_cue(mention)
                and distance_to_polyline_km(entry.lat, entry.lon,
                                            features.RUSSIA_UKRAINE_BORDER) < BORDER_CUE_KM):
            score += weights.border
        if self.region_after.get(mention.start) == (entry.country_code, entry.admin1_code):
            score += weights.city_state
        return score

    def _evidence(self, own: str, entry: Entry) -> _Evidence:
        """The context terms of ``support`` that depend only on the name and the entry,
        computed once per distinct pair (a long article repeats its names many times)."""
        cache_key = (own, entry.id)
        found = self._evidence_cache.get(cache_key)
        if found is None:
            found = self._evidence_cache[cache_key] = self._others(own).evidence(entry)
        return found

    def _others(self, own: str) -> _OtherNames:
        others = self._others_cache.get(own)
        if others is None:
            others = self._others_cache[own] = _OtherNames.excluding(self, own)
        return others

    def _near_border_cue(self, mention: Mention) -> bool:
        return bool(self.border_sentences) \
            and _TokenTable.of(self.doc).sentence_begin(mention.start) in self.border_sentences


# --- output -------------------------------------------------------------------------------------

def _river_point(entry: Entry, mention: Mention, anchors: list[Mention]) -> tuple[float, float]:
    """A long river is where the report says it is: the course point nearest the settlement
    or region named closest to the mention in the text ("across the Dnipro near Kherson")."""
    course = features.RIVER_COURSES.get(entry.key)
    if not course:
        return entry.lat, entry.lon
    prepared = _prepared_course(entry.key)
    # Only places by the river say where along it the report is (not Svatove, not London).
    beside = [a for a in anchors
              if nearest_km(a.best.lat, a.best.lon, prepared) <= RIVER_ANCHOR_KM]
    if not beside:
        return entry.lat, entry.lon
    nearest = min(beside, key=lambda a: min(abs(a.start - mention.end), abs(mention.start - a.end)))
    return min(course, key=lambda p: haversine_km(*p, nearest.best.lat, nearest.best.lon))


@functools.cache
def _prepared_course(key: str) -> PreparedPoints:
    return prepare_points(features.RIVER_COURSES[key])


def _to_place(doc: Doc, mention: Mention, anchors: list[Mention]) -> Place:
    ranked = sorted(zip(mention.scores, mention.candidates), key=lambda sc: -sc[0])
    weights = [math.exp(CONFIDENCE_SHARPNESS * (s - ranked[0][0])) for s, _ in ranked]
    best = ranked[0][1]
    tokens = _TokenTable.of(doc)
    lat, lon = _river_point(best, mention, anchors)
    return Place(
        start=tokens.idx[mention.start], end=tokens.end[mention.end - 1], text=mention.text,
        name=best.name, lat=lat, lon=lon, country_code=best.country_code,
        admin1_code=best.admin1_code, admin1_name=best.admin1_name, feature=best.feature,
        geonameid=best.geonameid, key=best.key, role=_role(doc[mention.start:mention.end], best),
        confidence=round(weights[0] / sum(weights), 3), source=mention.source,
        candidates=[_candidate(e, s) for s, e in ranked[1:MAX_RUNNERS_UP + 1]],
    )


def _candidate(entry: Entry, score: float) -> PlaceCandidate:
    return PlaceCandidate(
        geonameid=entry.geonameid, name=entry.name, lat=entry.lat, lon=entry.lon,
        country_code=entry.country_code, admin1_code=entry.admin1_code,
        admin1_name=entry.admin1_name, feature=entry.feature, population=entry.population,
        score=round(score, 3),
    )


def _headline_source(span: Span) -> bool:
    """A headline names who says it after a colon or a dash at its end: "Five soldiers killed
    in past day: Kiev", "… - Kiev military" (the speaking state, not where it happened)."""
    doc = span.doc
    if span.start == 0 or doc[span.start - 1].text not in HEADLINE_SOURCE_MARKS:
        return False
    rest = doc[span.end:span.sent.end]
    return len(rest) <= 2 and all(
        t.is_punct or t.lower_ in INSTITUTION_NOUNS for t in rest)


def _venue(span: Span, feature: str) -> bool:
    """The place names diplomacy held there: it qualifies a talks noun ("the Minsk talks",
    "Paris peace summit") or is where talks, statements or a meeting took place ("talks in
    Istanbul", "made statements in Kaliningrad", "met in Geneva")."""
    if _TokenTable.of(span.doc).words.isdisjoint(_VENUE_WORDS):
        return False  # the report names no talks and no meeting: the usual case
    root: Token = span.root
    if root.dep_ in ("compound", "nmod", "amod"):  # a country there is the topic: "Ukraine talks"
        # the noun it qualifies or a compound on the way to it ("Paris peace summit leaders")
        qualified = span.doc[span.end:max(span.end, root.head.i) + 1]
        return feature != "country" and any(t.lower_ in DIPLOMACY_NOUNS for t in qualified)
    if root.dep_ != "pobj" or root.head.lower_ not in VENUE_PREPOSITIONS:
        return False
    head = root.head.head
    if head.pos_ in ("NOUN", "PROPN"):
        return head.lower_ in DIPLOMACY_NOUNS
    return head.pos_ == "VERB" and (head.lower_ in MEETING_VERBS or any(
        c.dep_ in ("dobj", "nsubjpass") and c.lower_ in DIPLOMACY_NOUNS for c in head.children))


def _role(span: Span, entry: Entry) -> str:
    """ "venue" when the place is where diplomacy happened (``_venue``); "actor" when a state
    or its capital does something: subject of an action verb, possessor ("Russia's effort")
    or the state of an institution ("Kiev military")."""
    if _venue(span, entry.feature):
        return "venue"
    if entry.feature not in ACTOR_FEATURES and not (
        entry.feature == "settlement" and entry.population >= ACTOR_CITY_POPULATION
    ):
        return "location"
    if _headline_source(span):
        return "actor"
    root: Token = span.root
    if root.dep_ == "poss":
        return "actor"
    if root.dep_ in ("compound", "amod", "nmod") and root.head.lower_ in INSTITUTION_NOUNS:
        return "actor"
    if root.dep_ == "nsubj" and root.head.pos_ in ("VERB", "AUX") \
            and root.head.lower_ not in STATIVE_VERBS:
        return "actor"
    return "location"
