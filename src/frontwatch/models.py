"""Typed records that flow between pipeline stages.

Every stage (ingest → nlp → store → analysis → outputs) talks in these records only, so a
stage can be rewritten without its neighbours noticing. Every extracted item carries its
evidence: the report id (on the enclosing ``Analysis``) and ``start``/``end`` character offsets
into ``Report.text`` plus the covered ``text``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Literal

Side = Literal["UA", "RU", "other", "unknown"]
Stance = Literal["asserted", "negated", "reported", "disputed", "dismissed"]


def normalise_text(text: str) -> str:
    """The form that exact-duplicate detection hashes: NFC, collapsed whitespace."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def text_sha256(text: str) -> str:
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


@dataclass
class Report:
    """One dated document as ingest hands it to the NLP stage."""

    text: str
    published: dt.date
    source: str = ""
    title: str = ""
    url: str = ""
    lang: str = "en"
    origin: str = ""  # file path / URL / "stdin" it came from, for error messages
    sha256: str = ""
    id: str = ""

    def __post_init__(self) -> None:
        if not self.sha256:
            self.sha256 = text_sha256(self.text)
        if not self.id:
            self.id = self.sha256[:16]


@dataclass
class Sentence:
    start: int
    end: int
    text: str


@dataclass
class Entity:
    start: int
    end: int
    text: str
    label: str  # spaCy label (GPE, ORG, DATE, ...)


@dataclass
class PlaceCandidate:
    geonameid: int | None
    name: str
    lat: float
    lon: float
    country_code: str
    admin1_code: str = ""
    admin1_name: str = ""
    feature: str = "settlement"
    population: int = 0
    score: float = 0.0


@dataclass
class Place:
    """A toponym mention resolved to a gazetteer entry.

    ``feature`` is one of settlement, admin1, country, river, region, border, other;
    ``role`` is "location" (where something happened), "actor" (metonymy: "Kyiv said") or
    "venue" (where diplomacy happened: "the Minsk talks").
    ``geonameid`` is the GeoNames id when the entry is from GeoNames; our own features
    (rivers, regions) carry ``geonameid=None`` and a stable ``key``.
    """

    start: int
    end: int
    text: str
    name: str
    lat: float | None
    lon: float | None
    country_code: str = ""
    admin1_code: str = ""
    admin1_name: str = ""
    feature: str = "settlement"
    geonameid: int | None = None
    key: str = ""
    role: str = "location"
    confidence: float = 0.0
    source: str = ""  # which recogniser found it: "ner", "gazetteer"
    candidates: list[PlaceCandidate] = field(default_factory=list)  # runners-up


@dataclass
class TimeExpr:
    """A TIMEX3-style temporal expression normalised against the report date.

    ``type`` is DATE, TIME, DURATION or SET (TimeML); intervals are DATE or DURATION with
    ``begin``/``end_date`` set. ``value`` is the ISO 8601 / TIMEX3 value ("2022-09-07",
    "2022-W36", "P5D", "PRESENT_REF"). ``role`` tells how a claim uses it: "point",
    "since" (interval up to the report date), "deadline" (future bound), "duration".
    """

    start: int
    end: int
    text: str
    type: str
    value: str
    precision: str = "day"  # day, week, month, quarter, year, hour, unknown
    begin: dt.date | None = None
    end_date: dt.date | None = None
    role: str = "point"
    anchored_on: str = "report_date"
    governor: tuple[int, int] | None = None  # span of the word it attaches to (its verb)


@dataclass
class Quantity:
    """A number with its unit, normalised (SI: km2, km, h; counts stay counts).

    ``lower``/``upper`` are bounds from qualifiers ("over", "up to"); ``approximate`` for
    "about", "some". ``reference`` names a reference area used ("Greater London") and
    ``multiplier`` the factor applied to it ("double" → 2). ``cumulative``: a running total
    over a period ("killed since the start of the war", "this year", "over the past month"),
    not the figure of one event.
    """

    start: int
    end: int
    text: str
    value: float
    unit: str  # normalised unit: km2, km, m, h, d, count, percent, ...
    kind: str = "count"  # area, distance, duration, count, money, percent, other
    counted: str = ""  # what is counted: troops, tanks, people killed ...
    lower: float | None = None
    upper: float | None = None
    approximate: bool = False
    qualifier: str = ""
    reference: str = ""
    multiplier: float | None = None
    original_unit: str = ""
    cumulative: bool = False


@dataclass
class Certainty:
    """Estimative probability of a claim on a named yardstick.

    ``basis`` is "term" (an estimative word), "hedge" (may/could), "asserted" (no term,
    stated as fact) or "number" (the source gave a figure).
    """

    term: str = ""
    scale: str = "PHIA"  # PHIA, ICD203
    p_low: float = 1.0
    p_high: float = 1.0
    basis: str = "asserted"
    negated: bool = False
    start: int | None = None
    end: int | None = None

    @property
    def midpoint(self) -> float:
        return (self.p_low + self.p_high) / 2


@dataclass
class Claim:
    """A clause asserted by a source.

    ``source`` is the canonical source id ("uk_mod", "isw", "ru_mod", "author", ...);
    ``source_span``/``cue_span`` are ``(start, end)`` of the source mention and the cue.
    ``target_claim`` links a dismissing/disputing claim to the claim it rejects.
    """

    id: str
    start: int
    end: int
    text: str
    source: str
    source_name: str = ""
    source_type: str = "author"
    source_span: tuple[int, int] | None = None
    cue: str = ""
    cue_span: tuple[int, int] | None = None
    is_quote: bool = False
    certainty: Certainty = field(default_factory=Certainty)
    stance: str = "asserted"
    target_claim: str | None = None
    time_value: str = ""  # governing time expression value, else the report date
    time_from: str = "report_date"  # "expression" or "report_date"


@dataclass
class Event:
    """A typed conflict event, mapped to ACLED and VIINA for joins."""

    id: str
    type: str
    start: int
    end: int
    text: str
    trigger: str = ""
    initiator_side: str = "unknown"
    initiator: str = ""
    target_side: str = "unknown"
    target: str = ""
    place: Place | None = None
    place_from: str = "mention"  # "mention" or "report_focus"
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    time_from: str = "report_date"  # "expression" or "report_date"
    quantities: list[Quantity] = field(default_factory=list)
    claim_id: str | None = None
    source: str = "author"
    certainty: Certainty = field(default_factory=Certainty)
    stance: str = "asserted"
    asserted: bool = True
    acled_event_type: str = ""
    acled_sub_event_type: str = ""
    viina: list[str] = field(default_factory=list)
    confidence: float = 0.0
    means: str = ""  # how it was delivered when the text says: artillery, air, missile, drone
    modality: str = "actual"  # actual, ordered, negated, future (planned/predicted/attempted), conditional, question


@dataclass
class Forecast:
    """A claim about the future, resolvable against later reports."""

    id: str
    start: int
    end: int
    text: str
    source: str
    claim_id: str | None = None
    event_type: str = ""
    initiator_side: str = "unknown"
    target_side: str = "unknown"
    place: Place | None = None
    deadline: dt.date | None = None
    deadline_defaulted: bool = False
    horizon_rule: str = ""
    certainty: Certainty = field(default_factory=Certainty)
    report_date: dt.date | None = None
    occurs: bool = True  # False: predicts the event will NOT happen ("unlikely to hold X")
    cue: str = ""  # how it was recognised: will, would, hedge, expectation, noun


@dataclass
class Analysis:
    """Everything the NLP stage read off one report. Pure data: no database handles."""

    report: Report
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    forecasts: list[Forecast] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def to_jsonable(value: Any) -> Any:
    """Dataclasses → plain JSON types (dates as ISO strings, tuples as lists)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: to_jsonable(v) for k, v in value.items()}
    return value
