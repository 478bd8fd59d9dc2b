"""Who said what: attribution relations and the claims they carry.

Two layers. ``find_attributions`` reads the dependency parse and the quote marks of a ``Doc``
and returns syntactic attribution relations — source mention, cue and content tokens — in the
PARC/PolNeAR sense (this layer is what ``frontwatch eval claims`` scores). ``extract`` turns
them into ``Claim`` records: the source resolved to a canonical id (with coreference), one
claim per independent predication of the content, the estimative certainty that governs it,
its stance (asserted, negated, reported, disputed, dismissed) and its time. Sentences nobody
is cited for belong to the report's author.

Cue patterns handled: "X said/wrote/warned ... (that) C", inverted and inserted reporting
clauses ("C, said the Institute", "C, the Institute said, C"), "according to X", nominal cues
with a possessor or nationality ("its latest assessment", "a Russian announcement about C"),
direct quotes continued over the next sentence, and verbs of denial and dismissal that reject
another source's claim.
"""

from __future__ import annotations

import functools
import operator
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.attrs import ORTH
from spacy.tokens import Doc, Span, Token

from frontwatch.models import Analysis, Certainty, Claim
from frontwatch.nlp import certainty as certainty_mod
from frontwatch.nlp import sources as sources_mod
from frontwatch.nlp.doctext import doc_text, span_text
from frontwatch.nlp.sources import Source, SourceTracker
from frontwatch.nlp.time import governing_time
from frontwatch.nlp.regex_starts import Prefiltered
from frontwatch.nlp.edges import QUOTE_CHARS, QUOTE_TOKENS, trim_edges
from frontwatch.nlp.token_index import doc_tokens, token_ends, token_starts, tokens_in

# --- lexicon --------------------------------------------------------------------------------

SPEECH_VERBS = {
    "say", "tell", "add", "write", "warn", "predict", "state", "report", "assess", "announce",
    "note", "explain", "argue", "suggest", "believe", "think", "estimate", "conclude",
    "acknowledge", "admit", "confirm", "assert", "declare", "reveal", "forecast", "expect",
    "judge", "observe", "remark", "comment", "reply", "respond", "tweet", "post", "stress",
    "emphasise", "emphasize", "caution", "speculate", "contend", "maintain", "agree", "recall",
    "mention", "promise", "pledge", "vow", "threaten", "boast", "concede", "hint", "imply",
    "anticipate", "fear", "hope", "indicate", "show", "find", "testify", "brief", "calculate",
    "continue", "understand", "know", "cite", "reiterate", "repeat", "answer", "complain",
    "accuse", "charge", "acknowledge", "recount", "describe", "predict", "project",
}
DISTANCING_VERBS = {"claim", "allege", "purport", "insist"}
DISPUTE_VERBS = {"deny", "reject", "dispute", "refute", "contest", "challenge", "contradict"}
DISMISS_VERBS = {"dismiss", "debunk", "deride", "ridicule", "discredit", "brush"}
EVIDENCE_VERBS = {"show", "suggest", "indicate", "reveal", "confirm", "find"}
CUE_VERBS = SPEECH_VERBS | DISTANCING_VERBS | DISPUTE_VERBS | DISMISS_VERBS
# Verbs that need a clause complement to count as a cue (otherwise "he knew the road").
NEEDS_CLAUSE = {"think", "believe", "know", "understand", "hope", "fear", "expect", "find",
                "continue", "agree", "describe", "cite", "show", "reveal", "indicate", "confirm",
                "project", "charge", "accuse", "answer", "brief", "post", "calculate", "judge",
                "note", "report", "add", "state"}
NOUN_CUES = {
    "assessment", "update", "statement", "announcement", "report", "claim", "claims", "briefing",
    "estimate", "analysis", "bulletin", "summary", "warning", "remarks", "comments", "allegation",
    "allegations", "assertion", "denial", "intelligence", "view", "prediction", "forecast",
    "account", "accounts", "message", "post", "words", "reports", "statements", "announcements",
}
EVIDENCE_NOUNS = {"video", "videos", "footage", "clip", "clips", "image", "images", "photo",
                  "photos", "photograph", "photographs", "pictures", "imagery", "data",
                  "study", "poll", "survey", "map", "maps", "figures", "documents", "records",
                  "analysis", "research", "evidence"}
# Evidence nouns that name someone's conclusions rather than what was seen or counted:
# "according to an analysis by ISW" is ISW's claim, "according to video released by X" the
# reporter's on that ground.
FINDING_NOUNS = {"analysis", "research", "study"}
# What something goes by, not who says it: "proceeding according to the approved plan".
NORM_NOUNS = {"plan", "plans", "schedule", "timetable", "script", "law", "rules", "protocol",
              "procedure", "procedures", "tradition", "custom", "expectations"}
SPEECH_NOUN_CLASSES = {"dismiss": "dismissed", "dispute": "disputed"}


@dataclass(frozen=True)
class ObjectCue:
    """A cue verb whose object, not a clause, carries what is attributed ("called for talks",
    "plans to withdraw", "accused Kyiv of shelling the plant").

    ``preps`` introduce the content ("warn of"); ``direct``: a direct object alone is enough;
    ``infinitive``: a to-infinitive complement is enough; ``target``: "accuse X of C" — X and
    the preposition join the cue, C is the content; ``naming``: "called the strike a war
    crime" — an object with a predicate on it, always a proposition. ``propositional`` relations state
    something that can be true or false and become claims of their own; the others (wishes,
    plans, directives, evaluations) are attitudes; ``speaker_only`` verbs are evaluations only
    when a person or organisation does them ("the senator attacked the plan", not "Russian
    forces attacked Kharkiv"): found as relations, but the sentence stays
    the claim of whoever reports it.
    """

    preps: frozenset[str] = frozenset()
    direct: bool = False
    infinitive: bool = False
    target: str = ""
    naming: bool = False
    propositional: bool = False
    speaker_only: bool = False  # only with a person or organisation as subject ("X attacked Y")


def _cues(preps: str = "", **kw: object) -> ObjectCue:
    return ObjectCue(frozenset(preps.split()), **kw)  # type: ignore[arg-type]


OBJECT_CUES: dict[str, ObjectCue] = {
    # propositions
    "accuse": _cues(target="of", propositional=True),
    "blame": _cues(target="for", propositional=True),
    "claim": _cues(direct=True, propositional=True),
    "report": _cues(direct=True, propositional=True),
    "announce": _cues(direct=True, propositional=True),
    "confirm": _cues(direct=True, propositional=True),
    "admit": _cues(direct=True, propositional=True),
    "acknowledge": _cues(direct=True, propositional=True),
    "deny": _cues(direct=True, propositional=True),
    "predict": _cues(direct=True, propositional=True),
    "forecast": _cues(direct=True, propositional=True),
    "estimate": _cues(direct=True, propositional=True),
    "warn": _cues("of about against", infinitive=True, propositional=True),
    "describe": _cues("as", direct=True, propositional=True),
    "call": _cues("for on", naming=True),
    # attitudes: wishes, plans, directives, evaluations
    "urge": _cues("for", direct=True, infinitive=True),
    "encourage": _cues(direct=True, infinitive=True),
    "ask": _cues("for", infinitive=True),
    "demand": _cues(direct=True, infinitive=True),
    "tell": _cues(infinitive=True),
    "want": _cues(direct=True, infinitive=True),
    "plan": _cues(direct=True, infinitive=True),
    "intend": _cues(infinitive=True),
    "hope": _cues("for", infinitive=True),
    "expect": _cues(infinitive=True),
    "aim": _cues("at", infinitive=True),
    "seek": _cues(direct=True, infinitive=True),
    "vow": _cues(direct=True, infinitive=True),
    "pledge": _cues(direct=True, infinitive=True),
    "promise": _cues(direct=True, infinitive=True),
    "threaten": _cues(infinitive=True),
    "agree": _cues("with on to", infinitive=True),
    "refuse": _cues(infinitive=True),
    "decide": _cues("against on", infinitive=True),
    "propose": _cues(direct=True, infinitive=True),
    "criticize": _cues(direct=True),
    "criticise": _cues(direct=True),
    "condemn": _cues(direct=True),
    "denounce": _cues(direct=True),
    "decry": _cues(direct=True),
    "praise": _cues(direct=True),
    "hail": _cues(direct=True),
    "welcome": _cues(direct=True),
    "applaud": _cues(direct=True),
    "question": _cues(direct=True),
    "cite": _cues(direct=True),
    "mention": _cues(direct=True),
    "tout": _cues(direct=True),
    "complain": _cues("about of"),
    "speak": _cues("of about"),
    "talk": _cues("about of"),
    "comment": _cues("on"),
    "insist": _cues("on"),
    "point": _cues("to"),
    "refer": _cues("to"),
    "argue": _cues("for against"),
    "worry": _cues("about"),
    "decline": _cues(infinitive=True),
    "attack": _cues(direct=True, speaker_only=True),
    "blast": _cues(direct=True, speaker_only=True),
    "slam": _cues(direct=True, speaker_only=True),
    "mock": _cues(direct=True, speaker_only=True),
    "back": _cues(direct=True, speaker_only=True),
    "support": _cues(direct=True, speaker_only=True),
    "endorse": _cues(direct=True, speaker_only=True),
    "oppose": _cues(direct=True, speaker_only=True),
    "defend": _cues(direct=True, speaker_only=True),
    "echo": _cues(direct=True, speaker_only=True),
}
# Verbs that pass their subject and their cue status to a following infinitive
# ("appeared to suggest", "continues to insist").
RAISING_VERBS = {"seem", "appear", "continue", "begin", "start", "tend"}
COGNITION_VERBS = {"think", "know", "believe", "hope", "fear", "expect", "understand", "find",
                   "feel", "guess"}
# Labels that look like "Speaker:" but introduce no speaker.
NON_SPEAKER_LABELS = {"note", "update", "editor's note", "photo", "source", "sources", "read more",
                      "watch", "related", "correction", "image", "video", "caption", "summary",
                      "full text", "abstract", "background", "context", "warning", "breaking"}
_IRREGULAR = {
    "said": "say", "told": "tell", "wrote": "write", "written": "write", "thought": "think",
    "found": "find", "shown": "show", "knew": "know", "known": "know", "understood": "understand",
    "forecasted": "forecast", "brought": "bring", "held": "hold", "spoke": "speak",
    "spoken": "speak", "saw": "see", "seen": "see", "felt": "feel", "meant": "mean",
    "dismissed": "dismiss", "briefed": "brief", "sought": "seek", "began": "begin",
    "begun": "begin",
}
_RELATIVE_PRONOUNS = {"who", "which", "that"}
# Speakers of conversation, not attribution ("I think", "they want us to believe").
FIRST_SECOND_PERSON = {"i", "me", "we", "us", "you"}


_KNOWN_VERBS = CUE_VERBS | set(OBJECT_CUES) | RAISING_VERBS


@functools.lru_cache(maxsize=20_000)  # called for most tokens of every report
def verb_base(word: str) -> str:
    """A cheap lemma for cue verbs (the shared pipeline runs without spaCy's lemmatizer)."""
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    candidates = [w]
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"),
                         ("d", ""), ("ing", ""), ("ing", "e")):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            candidates.append(w[: -len(suffix)] + repl)
    for c in candidates:
        if c in _KNOWN_VERBS:
            return c
        if len(c) > 3 and c[-1] == c[-2] and c[:-1] in _KNOWN_VERBS:  # "admitted"
            return c[:-1]
    return w


def verb_class(base: str) -> str:
    if base in DISMISS_VERBS:
        return "dismiss"
    if base in DISPUTE_VERBS:
        return "dispute"
    if base in DISTANCING_VERBS:
        return "distancing"
    return "speech"


# --- attribution relations -------------------------------------------------------------------


@dataclass
class Attribution:
    """One attribution relation: tokens of the source mention, the cue and the content."""

    cue: list[Token]
    source: list[Token]
    content: list[Token]
    content_heads: list[Token]
    kind: str  # verb, according, noun, label, signature, attitude, evidence, author
    verb_class: str = "speech"  # speech, distancing, dispute, dismiss
    target: Attribution | None = None  # the attribution a dispute/dismissal rejects
    source_hint: str = ""  # text to resolve when the mention itself is a relative pronoun
    extra_content: list[list[Token]] = field(default_factory=list)  # continued quotes
    cue_setting: list[Token] = field(default_factory=list)  # ":" / "in a statement" after the cue

    def cue_words(self) -> list[Token]:
        """The cue word(s) a claim records: "said", not "has also said in a statement"."""
        core = [t for t in self.cue if t.dep_ not in {"aux", "auxpass", "neg", "advmod"}]
        return core or self.cue

    @property
    def start(self) -> int:
        toks = self.cue + self.source + self.content
        return min(t.idx for t in toks)

    def all_tokens(self) -> set[int]:
        return {t.i for t in (*self.cue, *self.source, *self.content)} | {
            t.i for frag in self.extra_content for t in frag
        }


# Relations that are found (and scored) but make no claim of their own: the sentence stays
# the claim of whoever reports it. Attitudes are wishes, plans, directives and evaluations
# ("plans to", "called for"); evidence is what footage, images or data show — the author's
# (or the citing source's) grounds, not a speaker.
NOT_CLAIMS = {"attitude", "evidence"}


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges of direct quotes, marks included.

    Straight marks (and the typewriter pairs `` and '') alternate; curly marks and guillemets
    pair by direction. A quote still open at a line break ends there: newspapers re-open a
    quote that runs on into the next paragraph.
    """
    regions: list[tuple[int, int]] = []
    open_at: int | None = None
    for mark in _QUOTE_MARK_RE.finditer(text):
        i, ch = mark.start(), mark.group(0)
        if ch == "\n":
            if open_at is not None:
                regions.append((open_at, i))
                open_at = None
            continue
        directed_open = ch in "“«„" or ch == "``"
        directed_close = ch in "”»"
        if open_at is None and not directed_close:
            open_at = i
        elif open_at is not None and not directed_open:
            regions.append((open_at, mark.end()))
            open_at = None
    if open_at is not None:
        regions.append((open_at, len(text)))
    return regions


# one literal per branch: ``re`` then skips to the next mark instead of trying every character
_QUOTE_MARK_RE = re.compile(r"``|''|\"|“|”|«|»|„|\n")
_REGIONS_KEY = "frontwatch.quote_regions"


def doc_quote_regions(doc: Doc) -> list[tuple[int, int]]:
    """``quote_regions`` of the document's text, found once per ``Doc`` (do not modify)."""
    found = doc.user_data.get(_REGIONS_KEY)
    if found is None:
        found = doc.user_data[_REGIONS_KEY] = quote_regions(doc_text(doc))
    return found


_UNITS_KEY = "frontwatch.attribution_units"


def units(doc: Doc) -> list[Span]:
    """Sentences, also cut at line breaks (the parser sometimes runs over a paragraph end);
    built once per ``Doc`` (do not modify)."""
    found = doc.user_data.get(_UNITS_KEY)
    if found is None:
        found = doc.user_data[_UNITS_KEY] = _units(doc)
    return found


def _units(doc: Doc) -> list[Span]:
    text = doc_text(doc)
    starts, ends = token_starts(doc), token_ends(doc)
    tokens = doc_tokens(doc)
    breaks = iter(_line_break_tokens(text, starts, ends, tokens))
    next_break = next(breaks, len(doc))
    out: list[Span] = []
    for sent in doc.sents:
        begin = sent.start
        while next_break < sent.end:
            if next_break >= begin:
                if next_break > begin:
                    out.append(doc[begin: next_break])
                begin = next_break + 1
            next_break = next(breaks, len(doc))
        if begin < sent.end:
            out.append(doc[begin: sent.end])
    return [u for u in out if text[u.start_char:u.end_char].strip()]


def _line_break_tokens(text: str, starts: list[int], ends: list[int], tokens: list[Token]) -> list[int]:
    """Indices of the space tokens that contain a line break, ascending."""
    found: list[int] = []
    for position in (m.start() for m in _NEWLINE_RE.finditer(text)):
        i = bisect_right(starts, position) - 1
        if i >= 0 and position < ends[i] and (not found or found[-1] != i) and tokens[i].is_space:
            found.append(i)
    return found


_NEWLINE_RE = re.compile("\n")


def _unit_tokens(unit: Span) -> list[Token]:
    """``list(unit)`` from the ``Token`` objects made once per ``Doc``."""
    return doc_tokens(unit.doc)[unit.start:unit.end]


def _in_unit(tokens: Iterable[Token], unit: Span) -> list[Token]:
    start, end = unit.start, unit.end
    return sorted((t for t in tokens if start <= t.i < end and not t.is_space), key=_position)


_position = operator.attrgetter("i")  # sort key: a token's index


def _strip_edges(tokens: list[Token]) -> list[Token]:
    """The tokens without loose edges (``edges.trim_edges``) or an unclosed parenthesis
    group at the end."""
    return _drop_parenthetical_tail(trim_edges(tokens))


def _close_quote(toks: list[Token]) -> list[Token]:
    """Take in the mark that closes a quote the span opens (or opens one it closes) when the
    parse hung the mark outside: 'called it “a historic day”.' keeps its closing mark."""
    if not toks:
        return toks
    every = doc_tokens(toks[0].doc)
    after = every[toks[-1].i + 1] if toks[-1].i + 1 < len(every) else None
    before = every[toks[0].i - 1] if toks[0].i > 0 else None
    closing = after is not None and after.text in QUOTE_TOKENS and after.text not in "“«„"
    opening = before is not None and before.text in QUOTE_TOKENS and before.text not in "”»"
    if not (closing or opening):
        return toks  # no mark next to the span (the common case)
    text = doc_text(toks[0].doc)[toks[0].idx: toks[-1].idx + len(toks[-1])]
    opened = sum(text.count(m) for m in ("“", "«", "„", "``"))
    closed = sum(text.count(m) for m in ("”", "»", "''"))
    straight_odd = text.count('"') % 2 == 1
    if closing and (opened > closed or straight_odd):
        return toks + [after]
    if opening and (closed > opened or straight_odd):
        return [before] + toks
    return toks


def _drop_parenthetical_tail(toks: list[Token]) -> list[Token]:
    """"the British Ministry of Defence (MoD" → drop a trailing unclosed parenthesis group."""
    if not toks or "(" not in doc_text(toks[0].doc):
        return toks  # a report without parentheses (the common case)
    for n, tok in enumerate(toks):
        if tok.text == "(" and not any(t.text == ")" for t in toks[n:]):
            return toks[:n]
    return toks


def _cue_tokens(verb: Token) -> list[Token]:
    """The cue verb with its auxiliaries, negation and adjacent adverbs ("has also said")."""
    keep = [verb]
    for child in verb.children:
        if child.i < verb.i and child.dep_ in {"aux", "auxpass", "neg", "advmod"} and \
                verb.i - child.i <= 3:
            keep.append(child)
    keep.sort(key=_position)
    # only a contiguous run ending at the verb
    run = [verb]
    for tok in reversed(keep[:-1]):
        if tok.i == run[0].i - 1:
            run.insert(0, tok)
    head = verb.head
    if verb.dep_ == "xcomp" and verb_base(head.text) in RAISING_VERBS and \
            head.i < verb.i <= head.i + 2:  # "appeared to suggest"
        return _cue_tokens(head) + list(verb.doc[head.i + 1: run[0].i]) + run
    return run


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"} and verb_base(verb.text) not in DISMISS_VERBS:
            return child
        if child.dep_ == "nsubj":
            return child
    reporter = _coordinated_reporter(verb)
    if reporter is not None:
        return _subject(reporter)
    if verb.dep_ == "pcomp" and verb.head.lower_ == "as" and verb.head.head.lower_ in {
            "quoted", "cited"}:  # "X was quoted as saying C"
        return next((c for c in verb.head.head.children if c.dep_ == "nsubjpass"), None)
    if verb.dep_ in {"conj", "advcl", "xcomp"} and verb.tag_ in {"VBG", "VBD", "VBZ", "VBP"} or \
            verb.dep_ == "xcomp" and verb_base(verb.head.text) in RAISING_VERBS:
        return _subject(verb.head) if verb.head != verb else None
    return _fronted_phrase_subject(verb)


def _fronted_phrase_subject(verb: Token) -> Token | None:
    """"In its daily briefing the ministry's spokesman said C": with no comma after the
    fronted phrase the parser makes the speaker a second object of the preposition or an
    apposition of its object — a noun phrase that begins right after the object noun."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.i > verb.i or prep.right_edge.i >= verb.i:
            continue
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if not objects:
            continue
        first = objects[0]
        nominals = objects[1:] + [c for c in first.children if c.dep_ == "appos"]
        found = next((n for n in nominals if n.left_edge.i == first.i + 1), None)
        if found is not None:
            return found
    return None


def _coordinated_reporter(verb: Token) -> Token | None:
    """"X said that A had failed and claimed that B": the parser often hangs the second cue
    verb on the content's verb; its speaker is then the first cue verb's subject, not A's."""
    if verb.dep_ != "conj" or verb_base(verb.text) not in CUE_VERBS:
        return None
    clause = verb.head
    while clause.dep_ == "conj" and clause.head != clause:
        clause = clause.head
    reporter = clause.head
    if clause.dep_ == "ccomp" and reporter != clause and verb_base(reporter.text) in CUE_VERBS \
            and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        return reporter
    return None


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _np(head: Token, unit: Span, exclude: set[int], clauses: bool = False) -> list[Token]:
    """The noun phrase of ``head`` inside the unit, minus excluded tokens and the clauses it
    hosts (relative and participle clauses stay with ``clauses``: a source span is the whole
    noun phrase, "Schiff, who has served on the committee for a decade,")."""
    toks = [t for t in head.subtree if t.i not in exclude]
    dropped = {"advcl", "ccomp"} if clauses else {"relcl", "acl", "advcl", "ccomp"}
    for child in head.children:
        if child.dep_ in dropped:
            sub = {t.i for t in child.subtree}
            toks = [t for t in toks if t.i not in sub]
    return _close_np(_strip_edges(_run_around(_in_unit(toks, unit), head)), exclude)


def _run_around(toks: list[Token], head: Token) -> list[Token]:
    """The unbroken run of ``toks`` (sorted) that holds ``head``: a mention is contiguous, so
    a piece the parse hung on it from across the content ("One channel claimed that C, a
    claim ISW described as ...") is no part of it."""
    if not toks or toks[-1].i - toks[0].i + 1 == len(toks):
        return toks  # already one run (the common case)
    at = next((k for k, t in enumerate(toks) if t.i == head.i), None)
    if at is None:
        return toks
    first, last = at, at
    while first > 0 and _adjacent(toks[first - 1], toks[first]):
        first -= 1
    while last + 1 < len(toks) and _adjacent(toks[last], toks[last + 1]):
        last += 1
    return toks[first: last + 1]


def _adjacent(left: Token, right: Token) -> bool:
    return right.i == left.i + 1 or all(
        t.is_space for t in doc_tokens(left.doc)[left.i + 1: right.i])


def _source_np(subj: Token, unit: Span, exclude: set[int]) -> tuple[list[Token], str]:
    """(the whole source noun phrase, the text to resolve when its clauses were kept: the
    core phrase, so "a spokesman who spoke to Reuters" does not resolve to Reuters)."""
    whole = _np(subj, unit, exclude, clauses=True)
    if not any(c.dep_ in {"relcl", "acl"} for c in subj.children):
        return whole, ""  # no clause to leave out: the core is the whole phrase
    core = _np(subj, unit, exclude)
    return whole, ("" if len(core) == len(whole) else " ".join(t.text for t in core))


def _close_np(toks: list[Token], exclude: set[int]) -> list[Token]:
    """Take in a trailing parenthesis ("Sen. X (R-Ga.)") and the comma that closes an
    apposition ("Phil Lovas, the chairman,"), as a source span runs to its boundary."""
    if not toks:
        return toks
    doc = toks[0].doc
    nxt = toks[-1].i + 1
    if nxt < len(doc) and doc[nxt].text == "(":
        close = next((t.i for t in doc[nxt: nxt + 8] if t.text == ")"), None)
        if close is not None and not any(i in exclude for i in range(nxt, close + 1)):
            toks = toks + list(doc[nxt: close + 1])
            nxt = close + 1
    if nxt < len(doc) and doc[nxt].text == "," and any(t.text == "," for t in toks) and \
            nxt not in exclude:
        toks = toks + [doc[nxt]]
    return toks


def _inverted_subject(verb: Token, unit: Span) -> list[Token]:
    """"..., added the MoD." when the parse lost the subject: the noun run after the verb."""
    run: list[Token] = []
    for tok in unit.doc[verb.i + 1: unit.end]:
        if tok.pos_ in {"DET", "PROPN", "NOUN", "ADJ", "PART"} or tok.tag_ == "POS":
            run.append(tok)
        else:
            break
    return run if any(t.pos_ in {"PROPN", "NOUN"} for t in run) else []


_NP_TAGS = {"DET", "PROPN", "NOUN", "ADJ", "PART", "NUM"}


def _preceding_subject(verb: Token, content: list[Token]) -> list[Token]:
    """"C, the Institute for the Study of War said": a subjectless cue whose parse took the
    speaker into the content (as a conjunct); the noun phrase between the last comma and the
    verb is the speaker."""
    doc = verb.doc
    run: list[Token] = []
    i = verb.i - 1
    while i >= 0 and (doc[i].pos_ in _NP_TAGS or doc[i].tag_ == "POS" or
                      doc[i].pos_ == "ADP" and doc[i].lower_ in {"of", "for"}):
        run.insert(0, doc[i])
        i -= 1
    taken = {t.i for t in content}
    if i < 0 or doc[i].text != "," or not run or run[0].pos_ == "ADP" or \
            not any(t.pos_ in {"PROPN", "NOUN"} for t in run) or \
            not all(t.i in taken for t in run):
        return []
    return run


_SENTENCE_END_RE = re.compile(r"[.!?]")  # '... “must react”. The Kremlin did not comment.'


def _has_object_content(verb: Token) -> bool:
    """A cue whose own object is what it reports ("denied targeting civilians"): a quote
    ending just before it ('... “must react”. Moscow denied X') is not its content."""
    spec = OBJECT_CUES.get(verb_base(verb.text))
    return spec is not None and spec.direct and any(
        c.dep_ in {"dobj", "xcomp"} for c in verb.children)


def _quoted_neighbour(verb: Token, unit: Span, regions: list[tuple[int, int]]) -> list[Token]:
    """Content of '"C," he said' / 'he said: "C"' when the parse did not link it."""
    doc = unit.doc
    for start, end in regions:
        if end <= verb.idx and (start >= unit.start_char or end >= unit.start_char - 2):
            if doc_text(doc)[end:verb.idx].strip(" ,\u2014-").count(" ") <= 6 and \
                    not _has_object_content(verb) and \
                    not _SENTENCE_END_RE.search(doc_text(doc)[end:unit.start_char]):
                return _strip_edges(tokens_in(doc, start, end, expand=True))
        if start >= verb.idx + len(verb) and start <= unit.end_char:
            between = doc_text(unit.doc)[verb.idx + len(verb): start]
            if ":" in between or between.strip(" ,").count(" ") <= 3:
                span = tokens_in(doc, start, min(end, unit.end_char), expand=True)
                return _strip_edges(_in_unit(span, unit))
    return []


def _denied_act(verb: Token, child: Token) -> bool:
    """ "Moscow denied targeting civilians": the gerund a denial governs is what it disputes."""
    return child.dep_ == "xcomp" and child.tag_ == "VBG" and \
        verb_base(verb.text) in DISPUTE_VERBS


def _content_of_verb(verb: Token, unit: Span, regions) -> tuple[list[Token], list[Token], str]:
    """(content tokens, content heads, how found) for a cue verb; empty when it reports nothing.

    ``how`` is ccomp, inserted ("C, the Institute said, C"), inverted ("C, added the MoD"),
    evidence (what footage shows), quote or colon.
    """
    comps = [c for c in verb.children if unit.start <= c.i < unit.end and (
        c.dep_ in {"ccomp", "csubj"} or _denied_act(verb, c))] or _clause_after_setting(verb)
    if verb_base(verb.text) in EVIDENCE_VERBS and not any(
            g.dep_ == "mark" for c in comps for g in c.children):
        after = _strip_edges(doc_tokens(unit.doc)[verb.i + 1: unit.end])
        if after:
            return after, [_clause_root(after) or after[0]], "evidence"
    if comps:
        toks = [t for c in comps for t in c.subtree]
        second = {d.i for t in toks if t.dep_ == "conj" and _coordinated_reporter(t) == verb
                  for d in t.subtree}
        if second:  # "said that A and claimed that B": B is the second cue's content
            toks = [t for t in toks if t.i not in second]
        return _strip_edges(_in_unit(toks, unit)), comps, "ccomp"
    if verb.dep_ == "parataxis" or (verb.dep_ in {"advcl", "conj"} and _is_inserted(verb)):
        head = verb.head
        cue_sub = {t.i for t in verb.subtree}
        toks = [t for t in head.subtree if t.i not in cue_sub]
        return _strip_edges(_in_unit(toks, unit)), [head], "inserted"
    before = unit.doc[unit.start: verb.i]
    subj = _subject(verb)
    if before and _ends_with_comma(before) and (subj is None or subj.i > verb.i):
        root = _clause_root(before)
        if root is not None:
            return _strip_edges(list(before)), [root], "inverted"
    quoted = _quoted_neighbour(verb, unit, regions)
    if quoted:
        return quoted, [_clause_root(quoted) or quoted[0]], "quote"
    after = unit.doc[verb.i + 1: unit.end]
    if after and after[0].text == ":":
        toks = _strip_edges(list(after))
        if toks:
            return toks, [_clause_root(toks) or toks[0]], "colon"
    return [], [], ""


def _clause_after_setting(verb: Token) -> list[Token]:
    """"said in a statement that C": the parser hangs the that-clause on the medium noun."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in {"in", "during"}:
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and pobj.lower_ in SETTING_NOUNS:
                    return [c for c in pobj.children if c.dep_ in {"acl", "ccomp"} and any(
                        g.dep_ == "mark" and g.lower_ == "that" for g in c.children)]
    return []


def _is_inserted(verb: Token) -> bool:
    """"Russian forces, the Institute said, ..." — a reporting clause set off by commas."""
    doc = verb.doc
    first = min(t.i for t in verb.subtree)
    last = max(t.i for t in verb.subtree)
    return (first > 0 and doc[first - 1].text == "," and last + 1 < len(doc)
            and doc[last + 1].text == ",")


def _ends_with_comma(span: Span) -> bool:
    tail = span_text(span).rstrip()
    return tail.endswith((",", ",\"", ",”", ",'", "—", "–")) or tail.endswith(",’")


def _clause_root(tokens: Iterable[Token]) -> Token | None:
    toks = list(tokens)
    ids = {t.i for t in toks}
    roots = [t for t in toks if t.head.i not in ids or t.head == t]
    verbs = [t for t in roots if t.pos_ in {"VERB", "AUX"}]
    return (verbs or roots or [None])[0]


def _verb_attribution(verb: Token, unit: Span, regions) -> Attribution | None:
    base = verb_base(verb.text)
    if base not in CUE_VERBS or not _verbal(verb):
        return None
    cls = verb_class(base)
    if cls in {"dismiss", "dispute"}:
        rejected = _rejected_noun(verb)
        if rejected is not None:
            return None  # handled with the rejected claim (see _rejections)
    content, heads, how = _content_of_verb(verb, unit, regions)
    if not content:
        return None
    if base in NEEDS_CLAUSE and how in {"quote", "colon"} and not _has_quote(content, regions):
        return None
    subj = _subject(verb)
    cue = _cue_tokens(verb)
    if base in COGNITION_VERBS and (any(t.dep_ == "neg" for t in cue) or (
            subj is not None and subj.lower_ in FIRST_SECOND_PERSON)):
        return None  # "I think", "we don't know": conversation, not attribution
    exclude = {t.i for t in content} | {t.i for t in cue}
    hint = ""
    if subj is not None:
        source, hint = _source_np(subj, unit, exclude)
        if subj.lower_ in _RELATIVE_PRONOUNS and verb.dep_ == "relcl":  # "who said"
            hint = " ".join(t.text for t in _np(verb.head, unit, exclude | {t.i for t in
                                                                          verb.subtree}))
    else:
        source = [t for t in _inverted_subject(verb, unit) if t.i not in exclude] or \
            _preceding_subject(verb, content)
        content = [t for t in content if t not in source]
    if not source:
        return None
    kind = "verb"
    if how == "evidence":
        if not _evidential_subject(source):
            return None
        if any(t.lower_ in EVIDENCE_NOUNS for t in source):
            kind = "evidence"
    return Attribution(cue, source, content, heads, kind, cls, source_hint=hint,
                       cue_setting=_setting(cue, content))


def _object_content(verb: Token, spec: ObjectCue) -> tuple[list[Token], list[Token], bool]:
    """(extra cue tokens, content roots, whether it states a proposition) of an object cue;
    no roots when it has no content."""
    children = [c for c in verb.children if c.i > verb.i]
    if spec.target:
        obj = next((c for c in children if c.dep_ == "dobj"), None)
        prep = next((c for c in children if c.dep_ == "prep" and c.lower_ == spec.target), None)
        if obj is None or prep is None:
            return [], [], False
        inner = [g for g in prep.children if g.dep_ in {"pobj", "pcomp"}]
        return list(obj.subtree) + [prep], inner, spec.propositional
    preps = [c for c in children if c.dep_ == "prep" and c.lower_ in spec.preps]
    if preps and preps[0].i == verb.i + 1:  # "called for C": the preposition joins the cue
        inner = [g for g in preps[0].children if g.dep_ in {"pobj", "pcomp"}]
        return [preps[0]], inner, spec.propositional
    if preps:
        return [], preps, spec.propositional
    if spec.naming:
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        predicates = [c for c in children if c.dep_ in {"oprd", "xcomp", "ccomp", "attr"}]
        if obj is not None:
            predicates += [g for g in obj.children if g.dep_ in {"dobj", "appos", "attr"}]
        if obj is None or not predicates:
            return [], [], False
        if obj.lower_ in _RELATIVE_PRONOUNS | {"what"}:
            return [], predicates, True
        return [], [obj] + [p for p in predicates if p.head != obj], True
    roots = []
    if spec.infinitive:
        roots = [c for c in children if c.dep_ in {"xcomp", "ccomp"} and c.pos_ in {"VERB", "AUX"}]
    if spec.direct or roots:
        roots = [c for c in children if c.dep_ == "dobj"] + roots
    return [], roots, spec.propositional


def _speaker_like(subj: Token) -> bool:
    """A person or an organisation (named, or a personal pronoun), not troops or weapons."""
    return subj.lower_ in {"he", "she", "they", "who"} or subj.ent_type_ in {"PERSON", "ORG"} \
        or any(t.ent_type_ in {"PERSON", "ORG"} for t in subj.subtree if t.i < subj.i + 1)


def _object_attribution(verb: Token, unit: Span) -> Attribution | None:
    """"Kyiv called for talks", "the ministry plans to withdraw", "Moscow accused Ukraine of
    shelling the plant": cue verbs whose content is an object or an infinitive."""
    base = verb_base(verb.text)
    spec = OBJECT_CUES.get(base)
    if spec is None or not _verbal(verb) or verb.dep_ in {"amod", "auxpass"} or \
            any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children):
        return None
    if verb_class(base) in {"dismiss", "dispute"} and _rejected_noun(verb) is not None:
        return None
    extra_cue, roots, propositional = _object_content(verb, spec)
    subj = _subject(verb)
    if not roots or subj is None or subj.lower_ in FIRST_SECOND_PERSON | {"there"} or \
            subj.dep_ == "expl" or spec.speaker_only and not _speaker_like(subj):
        return None
    cue = _cue_tokens(verb) + [t for t in extra_cue if unit.start <= t.i < unit.end]
    exclude = {t.i for t in cue}
    content = _strip_edges(_in_unit((t for r in roots for t in r.subtree
                                     if t.i not in exclude), unit))
    source, hint = _source_np(subj, unit, exclude | {t.i for t in content})
    if not content or not source:
        return None
    kind = "verb" if propositional else "attitude"
    return Attribution(sorted(cue, key=_position), source, content, roots[:1], kind,
                       verb_class(base), source_hint=hint)


SETTING_NOUNS = {"statement", "interview", "post", "tweet", "speech", "letter", "briefing",
                 "message", "email", "e-mail", "address", "release", "appearance", "video",
                 "op-ed", "column", "broadcast", "call", "conference", "remarks", "report",
                 "update", "note", "memo", "filing", "testimony", "hearing", "podcast"}


def _setting(cue: list[Token], content: list[Token]) -> list[Token]:
    """What directly qualifies the act of saying and belongs to the cue as a span (PARC and
    PolNeAR convention): a colon before the content ("said:") and the medium ("said in a
    statement")."""
    doc = cue[-1].doc
    verb = cue[-1]
    setting: list[Token] = []
    end = verb.i + 1
    prep = doc[end] if end < len(doc) else None  # the verb's own preposition right after it
    if prep is not None and not (prep.dep_ == "prep" and prep.head.i == verb.i and
                                 prep.lower_ in {"in", "during"}):
        prep = None
    pobj = next((g for g in prep.children if g.dep_ == "pobj"), None) if prep else None
    if pobj is not None and pobj.lower_ in SETTING_NOUNS:
        clause = {t.i for c in pobj.children if c.dep_ in {"acl", "ccomp", "relcl"}
                  for t in c.subtree}
        taken = {t.i for t in content} | clause
        sub = sorted((t for t in prep.subtree if t.i not in taken), key=_position)
        if sub[-1].i - sub[0].i == len(sub) - 1 < 8:
            setting = sub
            end = sub[-1].i + 1
    if end < len(doc) and doc[end].text == ":" and all(t.i != end for t in content):
        setting = setting + [doc[end]]
    return setting


def _verbal(tok: Token) -> bool:
    """A verb, or a root the tagger took for a noun although it has a subject ("clips show")."""
    return tok.tag_.startswith("VB") or (
        tok.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in tok.children))


def _evidential_subject(source: list[Token]) -> bool:
    return any(t.lower_ in EVIDENCE_NOUNS for t in source) or any(
        t.pos_ in {"PROPN", "PRON"} for t in source)


def _has_quote(tokens: list[Token], regions) -> bool:
    if not tokens:
        return False
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    return any(s < end and start < e for s, e in regions)


def _according_attribution(tok: Token, unit: Span) -> Attribution | None:
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if tok.lower_ != "according" or nxt is None or nxt.lower_ != "to":
        return None
    pobj = next((c for c in nxt.children if c.dep_ == "pobj"), None)
    if pobj is None:
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if pobj is None or pobj.lower_ in NORM_NOUNS:
        return None
    kind = "evidence" if pobj.lower_ in EVIDENCE_NOUNS - FINDING_NOUNS else "according"
    phrase = {t.i for t in tok.subtree} | {t.i for t in nxt.subtree}
    source = _strip_edges(_in_unit((t for t in pobj.subtree), unit))
    comma = next((t for t in source if t.text == ","), None)
    if tok.head == tok and comma is not None:  # "According to X, C" parsed as one phrase
        source = _strip_edges([t for t in source if t.i < comma.i])
        content = _strip_edges(doc_tokens(unit.doc)[comma.i + 1: unit.end])
        if source and content:
            return Attribution([tok, nxt], source, content, [_clause_root(content) or content[0]],
                               kind)
        return None
    head = tok.head if tok.head != tok else None
    pool = head.subtree if head is not None and head.i not in phrase else unit
    content = _strip_edges([t for t in _in_unit(pool, unit) if t.i not in phrase])
    if not content or not source:
        return None
    root = head if head is not None and head.i not in phrase else _clause_root(content)
    return Attribution([tok, nxt], source, content, [root or content[0]], kind)


def _noun_source(noun: Token) -> list[Token]:
    """The possessor, nationality or "by X" of a speech noun ("its update", "Russian claims")."""
    for child in noun.children:
        if child.dep_ == "poss":
            return [t for t in child.subtree if t.tag_ != "POS"]
        if child.dep_ in {"amod", "compound"} and (
                sources_mod.country_of(child.text) or child.ent_type_ in {"ORG", "PERSON"}):
            return [child]
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in {"by", "from"}:
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return list(pobj.subtree)
    return []


def _noun_hint(source: list[Token], noun: Token) -> str:
    """"Russian" + "announcement" → "Russian announcement", which the registry can place."""
    if len(source) == 1 and source[0].dep_ in {"amod", "compound"}:
        return f"{source[0].text} {noun.text}"
    return ""


def _noun_content(noun: Token) -> tuple[list[Token], list[Token]]:
    for child in noun.children:
        if child.dep_ in {"acl", "ccomp"} or (child.dep_ == "prep" and child.lower_ in
                                              {"about", "on", "that"}):
            toks = [t for t in child.subtree if t != child or child.dep_ != "prep"]
            head = next((g for g in child.children if g.dep_ in {"pobj", "pcomp"}), child)
            return _strip_edges(toks), [head]
    return [], []


def _rejected_noun(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in {"dobj", "nsubjpass"} and child.lower_ in NOUN_CUES:
            return child
    return None


def _rejections(verb: Token, unit: Span) -> list[Attribution]:
    """"X dismissed Y's claim that C" / "Y's announcement about C has been dismissed": the
    rejected claim (Y, C) and the rejecting one (X, or the author when nobody is named)."""
    base = verb_base(verb.text)
    if verb_class(base) not in {"dismiss", "dispute"} or not verb.tag_.startswith("VB"):
        return []
    noun = _rejected_noun(verb)
    if noun is None:
        return []
    content, heads = _noun_content(noun)
    source = _noun_source(noun)
    rejected = None
    if content and source:
        rejected = Attribution([noun], source, content, heads, "noun", "speech",
                               source_hint=_noun_hint(source, noun))
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None) or _agent(verb)
    rejecter_source = _np(subj, unit, set()) if subj is not None else []
    whole = _strip_edges(_unit_tokens(unit))
    rejecting = Attribution(_cue_tokens(verb), rejecter_source, whole, [verb], "verb",
                            verb_class(base), target=rejected)
    return [a for a in (rejected, rejecting) if a is not None]


def _nominal_attribution(noun: Token, unit: Span, cue_verbs: set[int]) -> Attribution | None:
    """"In its latest update, C" / "ISW's assessment is that C"."""
    if noun.lower_ not in NOUN_CUES or noun.pos_ != "NOUN":
        return None
    source = _noun_source(noun)
    if not source:
        return None
    prep = noun.head if noun.dep_ == "pobj" else None
    if prep is not None and prep.lower_ in {"in", "to"} and prep.head.i not in cue_verbs \
            and prep.head.pos_ in {"VERB", "AUX"}:
        clause = prep.head
        phrase = {t.i for t in prep.subtree}
        content = _strip_edges([t for t in _in_unit(clause.subtree, unit) if t.i not in phrase])
        if content:
            return Attribution([noun], source, content, [clause], "noun",
                               source_hint=_noun_hint(source, noun))
    if noun.dep_ == "nsubj" and noun.head.lower_ in {"is", "was", "says", "said"}:
        comp = [c for c in noun.head.children if c.dep_ in {"ccomp", "attr"}]
        if comp:
            content = _strip_edges(_in_unit((t for c in comp for t in c.subtree), unit))
            return Attribution([noun], source, content, comp, "noun",
                               source_hint=_noun_hint(source, noun))
    return None


def _continuation(unit: Span, previous: Attribution | None, regions) -> bool:
    """A sentence that is one quote, right after a quoted attribution: same speaker."""
    if previous is None:
        return False
    text = span_text(unit).strip()
    if not text or text[0] not in QUOTE_CHARS:
        return False
    covered = sum(min(e, unit.end_char) - max(s, unit.start_char) for s, e in regions
                  if s < unit.end_char and unit.start_char < e)
    gap = doc_text(unit.doc)[max(t.idx + len(t) for t in previous.content): unit.start_char]
    return covered >= 0.8 * len(span_text(unit).strip()) and gap.count("\n") <= 2 and \
        len(gap.strip()) < 120


def _extend_back_over_quote(att: Attribution, unit: Span, regions) -> None:
    """A quote opened in an earlier sentence and closed before this cue is all content."""
    if not att.content:
        return
    first = att.content[0].idx
    for start, end in regions:
        if start < unit.start_char < end and start <= first < end + 2:
            earlier = _strip_edges(tokens_in(unit.doc, start, unit.start_char))
            if earlier:
                att.extra_content.insert(0, earlier)


def _speaker_label(unit: Span) -> Attribution | None:
    """"PENCE: Well, look ..." / "Pat Caddell: Voters worried": a capitalised name and a colon
    opening a line; the speaker owns the rest of the paragraph."""
    if ":" not in span_text(unit):
        return None
    toks = [t for t in _unit_tokens(unit) if not t.is_space]
    while toks and toks[0].text in QUOTE_TOKENS:
        toks.pop(0)
    colon = next((n for n, t in enumerate(toks[:7]) if t.text == ":"), None)
    if not colon or not all(t.is_title or t.is_upper or t.text in {".", "'s", "’s"}
                            for t in toks[:colon]):
        return None
    name = toks[:colon]
    if " ".join(t.lower_ for t in name) in NON_SPEAKER_LABELS:
        return None
    doc = unit.doc
    line_end = doc_text(doc).find("\n", toks[colon].idx)
    line_end = len(doc_text(doc)) if line_end < 0 else line_end
    content = _strip_edges(tokens_in(doc, toks[colon].idx + 1, line_end))
    if not content:
        return None
    return Attribution([toks[colon]], name, content, [_clause_root(content) or content[0]],
                       "label")


_DASH_SIGNATURE_RE = re.compile(r"[\s\u00a0]*[―—–][\s\u00a0]*((?:[A-Z][\w.'’-]*[\s\u00a0]?){1,5})")


def _dash_signatures(doc: Doc, regions) -> list[Attribution]:
    """'"C." ― Name': a quote signed with a dash and a name."""
    found = []
    for start, end in regions:
        m = _DASH_SIGNATURE_RE.match(doc_text(doc), end)
        if not m:
            continue
        dash = tokens_in(doc, m.start(0), m.start(1), expand=True)
        name = tokens_in(doc, m.start(1), m.end(1))
        cue = [t for t in dash if t.text.strip() and not t.is_space]
        content = _strip_edges(tokens_in(doc, start, end))
        if cue and content and name:
            found.append(Attribution(cue, name, content,
                                     [_clause_root(content) or content[0]], "signature"))
    return found


def _could_cue(word: str) -> bool:
    """Can a token with this text be the cue of any relation ``find_attributions`` looks for
    (a cue verb, an object cue, "according", a speech noun)? Tokens that cannot are skipped."""
    base = verb_base(word)
    lower = word.lower()
    return base in CUE_VERBS or base in OBJECT_CUES or lower == "according" or lower in NOUN_CUES


_COULD_CUE: dict[int, bool] = {}  # by the token's ORTH hash, across documents


def _possible_cue_words(doc: Doc) -> list[int]:
    """Indices of the tokens that could be cues, ascending (read from the token array)."""
    strings = doc.vocab.strings
    found: list[int] = []
    for i, orth in enumerate(doc.to_array(ORTH).tolist()):
        could = _COULD_CUE.get(orth)
        if could is None:
            if len(_COULD_CUE) > _CACHE_LIMIT:
                _COULD_CUE.clear()
            could = _COULD_CUE[orth] = _could_cue(strings[orth])
        if could:
            found.append(i)
    return found


_CACHE_LIMIT = 200_000


def _tokens_of(doc: Doc, indices: list[int], unit: Span) -> list[Token]:
    """The tokens of ``unit`` among ``indices`` (ascending)."""
    tokens = doc_tokens(doc)
    return [tokens[i] for i in indices[bisect_left(indices, unit.start):bisect_left(indices, unit.end)]]


def find_attributions(doc: Doc) -> list[Attribution]:
    """Attribution relations in reading order (no source resolution, no stance)."""
    regions = doc_quote_regions(doc)
    found: list[Attribution] = _dash_signatures(doc, regions)
    taken: set[int] = set().union(*(a.all_tokens() for a in found)) if found else set()
    cue_words = _possible_cue_words(doc)
    for unit in units(doc):
        in_unit: list[Attribution] = []
        if unit.start not in taken:
            label = _speaker_label(unit)
            if label is not None:
                in_unit.append(label)
                taken |= label.all_tokens()
        candidates = _tokens_of(doc, cue_words, unit)
        for tok in candidates:
            in_unit.extend(_rejections(tok, unit))
            according = _according_attribution(tok, unit)
            if according:
                in_unit.append(according)
                continue
            verb = _verb_attribution(tok, unit, regions) or _object_attribution(tok, unit)
            if verb:
                in_unit.append(verb)
        cue_verbs = {a.cue[-1].i for a in in_unit}
        for tok in candidates:
            nominal = _nominal_attribution(tok, unit, cue_verbs)
            if nominal and not any(tok.i in a.all_tokens() and a.kind != "verb" for a in in_unit):
                in_unit.append(nominal)
        for att in in_unit:
            _extend_back_over_quote(att, unit, regions)
        if not in_unit:
            last = found[-1] if found else None
            if _continuation(unit, last, regions) and last.source:
                last.extra_content.append(_strip_edges(_unit_tokens(unit)))
            continue
        found.extend(sorted(in_unit, key=lambda a: a.cue[0].i))
    return sorted(found, key=lambda a: a.cue[0].i)


# --- claims ----------------------------------------------------------------------------------


def _split_predications(head: Token, tokens: list[Token]) -> list[tuple[Token, list[Token]]]:
    """One (head, tokens) per coordinated predicate that has its own auxiliary or subject."""
    conjuncts = [c for c in head.children if c.dep_ == "conj"]
    if not conjuncts:
        return [(head, tokens)]  # nothing coordinated (the common case)
    ids = {t.i for t in tokens}
    parts: list[tuple[Token, list[Token]]] = []
    for conj in conjuncts:
        if conj.i in ids and conj.pos_ in {"VERB", "AUX"} and any(
                c.dep_ in {"aux", "auxpass", "nsubj", "nsubjpass"} for c in conj.children):
            sub = {t.i for t in conj.subtree}
            parts.append((conj, [t for t in tokens if t.i in sub]))
    if not parts:
        return [(head, tokens)]
    first_conj = min(t.i for _, toks in parts for t in toks)
    return [(head, [t for t in tokens if t.i < first_conj])] + parts


# "The ministry did not mention Kupiansk": silence about something reports no negated fact.
SILENCE_VERBS = {"mention", "comment", "respond", "name", "identify", "disclose", "specify",
                 "address", "elaborate", "say", "give", "provide", "publish", "release", "reply"}


def _negated(head: Token) -> bool:
    """A negation on the verb or on its auxiliaries ("has never been")."""
    if verb_base(head.text) in SILENCE_VERBS:
        return False
    children = list(head.children)
    on_auxiliaries = [g for c in children if c.dep_ in {"aux", "auxpass"} for g in c.children]
    return any(c.dep_ == "neg" or c.lower_ == "never" for c in children + on_auxiliaries)


@dataclass
class _Draft:
    """A claim before ids are assigned (ids depend on the final reading order)."""

    tokens: list[Token]
    head: Token
    source: Source
    mention: list[Token]
    cue: list[Token]
    is_quote: bool
    stance: str
    certainty: Certainty
    target: _Draft | None = None
    inherit_from: _Draft | None = None


def _span(tokens: list[Token]) -> tuple[int, int]:
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def _scale(source: Source, author: Source) -> str:
    country = source.country or (author.country if source.id == sources_mod.AUTHOR_ID else "")
    return certainty_mod.scale_for(country)


def _person_name(tokens: list[Token]) -> str:
    """The first run of PERSON-entity tokens in a mention ("Colonel Petro Marchenko")."""
    run: list[str] = []
    for tok in tokens:
        if tok.ent_type_ == "PERSON" and tok.text not in {"'s", "’s"}:
            run.append(tok.text)
        elif run:
            break
    return " ".join(run)


def _resolve_and_note(att: Attribution, tracker: SourceTracker, nested: bool) -> Source:
    """The attribution's source; speakers of top-level claims become antecedents ("it said"),
    those nested in another source's claim ("the Russian statement about C") do not."""
    mention = att.source_hint or " ".join(t.text for t in att.source)
    label = next((t.ent_type_ for t in att.source if t.ent_type_), "")
    at = att.source[0].idx if att.source else None
    person = _person_name(att.source)
    source = sources_mod.resolve(mention, tracker, label, at, person)
    if not nested:
        tracker.note(source, person, sources_mod.spoken_by_person(mention))
    return source


def _note_named_sources(analysis: Analysis, tracker: SourceTracker) -> None:
    """Registry sources named in the report, as antecedents; read from the entities the
    pipeline has already taken from ``doc.ents`` (which builds a ``Span`` per entity)."""
    for ent in analysis.entities:
        if ent.label in {"ORG", "PERSON", "NORP", "GPE"}:
            found = sources_mod.lookup(ent.text)
            if found is not None:
                tracker.note_named(ent.start, found)


def _claim_drafts(
    att: Attribution, source: Source, author: Source, regions, nested: set[int],
    stance_override: str | None, owned_later: frozenset[int] = frozenset(),
) -> list[_Draft]:
    drafts: list[_Draft] = []
    scale = _scale(source, author)
    fragments = [att.content] + att.extra_content
    for index, fragment in enumerate(fragments):
        if index and fragment and fragment[0].i in owned_later:
            continue
        toks = _strip_edges([t for t in fragment if t.i not in nested])
        if not toks:
            continue
        head = att.content_heads[0] if index == 0 and att.content_heads else \
            (_clause_root(toks) or toks[0])
        if head.i not in {t.i for t in toks}:
            head = _clause_root(toks) or toks[0]
        previous: _Draft | None = None
        for part_head, part in _split_predications(head, toks):
            part = _close_quote(_strip_edges(part))
            if not part:
                continue
            start, end = _span(part)
            cert = certainty_mod.governing_certainty(part_head, start, end, scale)
            stance = stance_override or ("negated" if _negated(part_head) else "asserted")
            draft = _Draft(part, part_head, source, att.source, att.cue_words(),
                           source.id != sources_mod.AUTHOR_ID and _has_quote(part, regions),
                           stance, cert)
            if previous is not None and cert.basis == "asserted" and not any(
                    c.dep_ in {"nsubj", "nsubjpass"} for c in part_head.children):
                draft.inherit_from = previous
            previous = previous or draft
            drafts.append(draft)
    return drafts


def _stance_for(att: Attribution, source: Source, enclosing: Attribution | None,
                enclosing_source: Source | None) -> str | None:
    if att.verb_class == "dispute" and att.target is None:
        return "disputed"
    if att.verb_class == "distancing":
        return "reported"
    if enclosing is not None and enclosing_source is not None and \
            enclosing_source.id != source.id and enclosing.verb_class == "speech":
        return "reported"
    return None


def _author_drafts(unit: Span, covered: set[int], author: Source, regions) -> list[_Draft]:
    root = unit.root
    if root.i in covered:
        return []
    tokens = _unit_tokens(unit)
    if span_text(unit).strip().endswith("?") or len([t for t in tokens if t.is_alpha]) < 3:
        return []
    kept = [t for t in tokens if t.i not in covered]
    if len(kept) < len(tokens):  # "Officials disputed this, saying C": the subject stays
        subject = {t.i for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}
                   for t in c.subtree}
        kept = [t for t in tokens if t.i not in covered or t.i in subject]
    toks = _strip_edges(kept)
    if not toks:
        return []
    att = Attribution([], [], toks, [root], "author")
    return _claim_drafts(att, author, author, regions, set(), None)


def _time_of(analysis: Analysis, start: int, end: int) -> tuple[str, str]:
    found = governing_time(analysis, start, end)
    if found is not None and found.value:
        return found.value, "expression"
    return analysis.report.published.isoformat(), "report_date"


def _owned_by_later_cue(att: Attribution, attributions: list[Attribution]) -> frozenset[int]:
    """First tokens of ``att``'s extra fragments that a later cue's content also holds:
    '“A. B,” wrote X' after "Y dismissed the statement." — the sentence "A." is taken both
    as Y's continued quote and as the start of X's quote (PolNeAR scores both); as a claim
    it is X's, whose cue closes the quote. A fragment inside the content is no second claim."""
    starts = {frag[0].i for frag in att.extra_content if frag}
    if not starts or not att.cue:
        return frozenset()
    later = {t.i for other in attributions if other.cue and other.cue[0].i > att.cue[0].i
             for frag in (other.content, *other.extra_content) for t in frag}
    own = {t.i for t in att.content}  # an earlier part of the quote the content already holds
    return frozenset(starts & (later | own))


def _grounded_by_evidence(att: Attribution) -> bool:
    """"C, according to video released by X": the reporter's claim with its grounds named —
    C keeps its own span (not the whole sentence) and the evidence its mention and cue."""
    return att.kind == "evidence" and att.cue[0].lower_ == "according"


def _bare_object(att: Attribution, regions) -> bool:
    """A content of one or two words with no verb and no quote ("acknowledged the setback",
    "did not claim responsibility"): a relation PolNeAR scores, but no proposition to show
    as a claim — the sentence stays its reporter's."""
    words = [t for t in att.content if not t.is_punct]
    return len(words) < 3 and not att.extra_content and not _has_quote(att.content, regions) \
        and not any(t.pos_ in {"VERB", "AUX"} for t in words)


def _drafts_for_doc(doc: Doc, analysis: Analysis) -> list[_Draft]:
    regions = doc_quote_regions(doc)
    author = sources_mod.author_source(analysis.report.source)
    tracker = SourceTracker()
    _note_named_sources(analysis, tracker)
    attributions = [a for a in find_attributions(doc) if (a.kind not in NOT_CLAIMS
                    or _grounded_by_evidence(a)) and not _bare_object(a, regions)]
    content_of = [{t.i for t in a.content} for a in attributions]
    resolved: list[tuple[Attribution, Source]] = []
    for n, att in enumerate(attributions):
        nested = any(m != n and att.cue and att.cue[0].i in ids for m, ids in enumerate(content_of))
        source = author if not att.source or att.kind == "evidence" else \
            _resolve_and_note(att, tracker, nested)
        resolved.append((att, source))
    drafts: list[_Draft] = []
    by_attribution: dict[int, list[_Draft]] = {}
    for n, (att, source) in enumerate(resolved):
        inner = [m for m, (other, _) in enumerate(resolved) if m != n and other.cue and
                 other.cue[0].i in content_of[n]]
        nested = set().union(*(resolved[m][0].all_tokens() for m in inner)) if inner else set()
        enclosing = next((m for m in range(len(resolved)) if m != n and att.cue and
                          att.cue[0].i in content_of[m]), None)
        enclosing_att, enclosing_src = resolved[enclosing] if enclosing is not None else (None,
                                                                                          None)
        stance = _stance_for(att, source, enclosing_att, enclosing_src)
        made = _claim_drafts(att, source, author, regions, nested, stance,
                             _owned_by_later_cue(att, attributions))
        by_attribution[id(att)] = made
        drafts.extend(made)
    for att, _ in resolved:
        if att.target is not None and by_attribution.get(id(att.target)):
            rejected = by_attribution[id(att.target)]
            for d in rejected:
                d.stance = "dismissed" if att.verb_class == "dismiss" else "disputed"
            for d in by_attribution[id(att)]:
                d.target = rejected[0]
    covered = set().union(*(att.all_tokens() for att, _ in resolved))
    for unit in units(doc):
        drafts.extend(_author_drafts(unit, covered, author, regions))
        _mark_contradicted(unit, drafts, tracker)
    return drafts


_CONTRADICTION_RE = re.compile(
    r"\b(?:(?:the )?(?:opposite|different|contrary|conflicting|contradictory|another|"
    r"very different) (?:account|picture|version|story|assessment)|contradict(?:s|ed|ing)?|"
    r"(?:denied|disputed|rejected|refuted) (?:this|that|these|those|it|the (?:claims?|reports?|"
    r"accounts?|statements?|figures?))|could not (?:independently )?(?:verify|confirm)|"
    r"cannot be (?:independently )?(?:verified|reconciled)|said otherwise)\b", re.I)
_PARTIES = {"RU", "UA"}
_CONTRADICTIONS = Prefiltered(_CONTRADICTION_RE)
_CONTRADICTION_KEY = "frontwatch.contradiction_starts"


def _contradiction_starts(doc: Doc) -> list[int] | None:
    if _CONTRADICTION_KEY not in doc.user_data:
        doc.user_data[_CONTRADICTION_KEY] = _CONTRADICTIONS.starts(doc_text(doc))
    return doc.user_data[_CONTRADICTION_KEY]


def _says_contradiction(unit: Span) -> bool:
    """Whether the unit's text holds a contradiction phrase, tried only where one can begin."""
    text = span_text(unit)
    starts = _contradiction_starts(unit.doc)
    if starts is None:
        return _CONTRADICTION_RE.search(text) is not None
    inside = starts[bisect_left(starts, unit.start_char):bisect_left(starts, unit.end_char)]
    return any(_CONTRADICTION_RE.match(text, p - unit.start_char) for p in inside)


def _mark_contradicted(unit: Span, drafts: list[_Draft], tracker: SourceTracker) -> None:
    """"Ukraine's General Staff gave a different picture", "could not confirm the Russian
    casualty claim": claims made earlier in the report by the contradicted side become
    ``disputed``. The contradicted side is the nationality of the claim named ("the Russian
    claim"), else the other party of the war than the sentence's subject."""
    if not _says_contradiction(unit):
        return
    target = next((sources_mod.country_of(c.text) for t in _unit_tokens(unit) if t.lower_ in NOUN_CUES
                   for c in t.children if c.dep_ in {"amod", "poss", "compound"}
                   and sources_mod.country_of(c.text)), "")
    disputed = {target} if target else set()
    if not target:
        subj = next((c for c in unit.root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is not None:
            text = " ".join(t.text for t in subj.subtree)
            found = sources_mod.resolve(text, tracker, at=subj.idx)
            side = found.country or sources_mod.country_of(text)
            disputed = _PARTIES - {side} if side in _PARTIES else set()
    for draft in drafts:
        if draft.source.country in disputed and draft.tokens[0].i < unit.start and \
                draft.source.id != sources_mod.AUTHOR_ID and draft.stance == "asserted":
            draft.stance = "disputed"


def _finish(drafts: list[_Draft], analysis: Analysis) -> list[Claim]:
    text = analysis.report.text
    drafts.sort(key=lambda d: _span(d.tokens))
    ids = {id(d): f"{analysis.report.id}:claim:{i}" for i, d in enumerate(drafts)}
    claims: list[Claim] = []
    for d in drafts:
        start, end = _span(d.tokens)
        cert = d.certainty
        if d.inherit_from is not None and d.inherit_from.certainty.basis != "asserted":
            cert = d.inherit_from.certainty
        time_value, time_from = _time_of(analysis, start, end)
        cue_span = _span(d.cue) if d.cue else None
        claims.append(Claim(
            id=ids[id(d)], start=start, end=end, text=text[start:end], source=d.source.id,
            source_name=d.source.name, source_type=d.source.type,
            source_span=_span(d.mention) if d.mention else None,
            cue=text[cue_span[0]:cue_span[1]] if cue_span else "",
            cue_span=cue_span, is_quote=d.is_quote, certainty=cert,
            stance=d.stance, target_claim=ids.get(id(d.target)) if d.target else None,
            time_value=time_value, time_from=time_from,
        ))
    return claims


def extract(doc: Doc, analysis: Analysis) -> list[Claim]:
    """Every claim of the report: cited ones with their source, the rest by the author."""
    return _finish(_drafts_for_doc(doc, analysis), analysis)


def claims_by_source(claims: list[Claim]) -> Iterator[tuple[str, list[Claim]]]:
    """Claims grouped by source id, in order of first appearance."""
    groups: dict[str, list[Claim]] = {}
    for claim in claims:
        groups.setdefault(claim.source, []).append(claim)
    yield from groups.items()


def describe_certainty(cert: Certainty) -> str:
    """"likely (PHIA 55–75 %)" / "asserted"."""
    if cert.basis == "asserted":
        return "asserted"
    low, high = round(cert.p_low * 100), round(cert.p_high * 100)
    neg = "not " if cert.negated and not cert.term.lower().startswith(("un", "im")) else ""
    return f"{neg}{cert.term} ({cert.scale} {low}–{high} %)"
