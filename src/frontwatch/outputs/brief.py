"""The daily brief: what the reports of a day (and the days before) add up to, in prose.

The brief is built in two steps. ``build_brief`` reads the store into a ``Brief`` — sections
of statements, each statement a sentence with the numbers of the evidence it rests on — and
``to_markdown`` / ``to_html`` only lay that out. Facts are told once: events of the same type,
side and place are one fact however many reports tell it (with the sources named together),
a settlement that changed hands is told under "What changed hands" and not again among the
fighting, and consecutive facts of the same kind share a sentence ("Ukrainian forces took
Balakliia, Izium and Kupiansk"). Every statement ends with its evidence numbers; the evidence
list gives report id, character span and the quoted text.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontwatch.outputs.queries import band_of, source_names
from frontwatch.store.schema import EventRow, ForecastRow, ReportRow

DEFAULT_WINDOW_DAYS = 2
UNATTRIBUTED = "a press report"  # the report's own voice when its outlet is not recorded
NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
SIDE_FORCES = {"UA": "Ukrainian forces", "RU": "Russian forces"}
SIDE_ADJECTIVE = {"UA": "Ukrainian", "RU": "Russian"}
CONTROLLER_WORDS = {"UA": "Ukrainian", "RU": "Russian", "contested": "contested", "unknown": "unknown"}
# Order in which kinds of fact are told within an oblast: ground first, then fire, then cost.
TYPE_ORDER = ("capture", "withdrawal", "advance", "clash", "artillery", "air_strike", "air_defense",
              "infrastructure_damage", "attack_on_civilians", "civilian_casualties", "military_casualties",
              "equipment_loss", "arrest", "cyber", "sanctions")
SKIPPED_TYPES = ("announcement",)  # statements are claims; the facts they announce are told instead
NOT_ASSERTED = ("negated", "dismissed", "disputed")
FRONTS = {  # oblast (admin1 name without "Oblast") → front, for grouping sections
    "Kharkiv": "North-east", "Sumy": "North-east", "Chernihiv": "North", "Kyiv": "North",
    "Kyiv City": "North", "Zhytomyr": "North", "Luhansk": "East", "Donetsk": "East",
    "Zaporizhzhia": "South", "Kherson": "South", "Mykolaiv": "South", "Odesa": "South",
    "Dnipropetrovsk": "Centre-east", "Crimea": "Crimea", "Sevastopol": "Crimea",
}
FRONT_ORDER = ("North-east", "East", "South", "Crimea", "Centre-east", "North", "Rear", "Russia", "Elsewhere")


@dataclass
class Evidence:
    number: int
    report_id: str
    start: int
    end: int
    text: str
    source: str
    published: str


@dataclass
class Statement:
    """One sentence (without its final full stop) and the evidence numbers behind it."""

    text: str
    refs: list[int] = field(default_factory=list)
    topic: str = ""  # consecutive statements of one topic form a paragraph


@dataclass
class Section:
    title: str
    statements: list[Statement] = field(default_factory=list)


@dataclass
class Brief:
    date: dt.date
    window: int
    start: dt.date
    n_reports: int
    outlets: list[str]
    summary: list[Statement]
    sections: list[Section]  # "What changed hands", per-front sections, forecasts, contradictions
    evidence: list[Evidence]
    map_svg: str = ""

    def to_dict(self) -> dict[str, Any]:
        def statements(items: list[Statement]) -> list[dict[str, Any]]:
            return [{"text": s.text, "refs": s.refs, "topic": s.topic} for s in items]

        return {
            "date": self.date.isoformat(), "window": self.window, "from": self.start.isoformat(),
            "n_reports": self.n_reports, "outlets": self.outlets, "summary": statements(self.summary),
            "sections": [{"title": s.title, "statements": statements(s.statements)} for s in self.sections],
            "evidence": [vars(e).copy() for e in self.evidence],
        }


class EvidenceBook:
    """Numbers evidence spans in order of first use; the same span keeps its number."""

    def __init__(self, published: dict[str, dt.date], outlets: dict[str, str], names: dict[str, str],
                 day: dt.date = dt.date.max):
        self.items: dict[tuple[str, int, int], Evidence] = {}
        self.published, self.outlets, self.names, self.day = published, outlets, names, day

    def visible(self, report_id: str) -> bool:
        """Whether a report was published by the brief's day (a brief uses no hindsight)."""
        return self.published.get(report_id, dt.date.max) <= self.day

    def cite(self, report_id: str, start: int, end: int, text: str, source: str) -> int:
        key = (report_id, start, end)
        if key not in self.items:
            self.items[key] = Evidence(len(self.items) + 1, report_id, start, end, " ".join(text.split()),
                                       self.source_name(source, report_id),
                                       self.published.get(report_id, dt.date.min).isoformat())
        return self.items[key].number

    def source_name(self, source: str, report_id: str) -> str:
        """A readable source: the named speaker, else the outlet that published the report."""
        if source and source != "author":
            return tidy_name(self.names.get(source) or source.replace("_", " "))
        return self.outlets.get(report_id) or UNATTRIBUTED

    def source_phrase(self, source: str, report_id: str) -> str:
        """The source as it reads inside a sentence: "the Institute for the Study of War"."""
        return with_article(self.source_name(source, report_id))


INSTITUTION_WORDS = {"ministry", "institute", "staff", "office", "service", "council", "command", "department",
                     "agency", "committee", "directorate", "army", "guard", "administration", "government",
                     "kremlin", "navy", "bureau", "headquarters", "forces", "military", "mission", "prosecutor"}


def with_article(name: str) -> str:
    """"the" before an institution or a role ("the Institute for the Study of War", "the
    regional governor"), none before a person's name, an outlet or a plural ("Ukrainian officials")."""
    words = name.split()
    if not words or words[0].lower() in ("the", "a", "an"):
        return name
    head = words[-1].strip("()")
    if head.islower():  # a role: "regional governor", or a plural: "Ukrainian officials"
        return name if head.endswith("s") and not head.endswith("ss") else f"the {name}"
    if " of " in name or any(w.lower().strip("()") in INSTITUTION_WORDS for w in words):
        return f"the {name}"
    return name


def tidy_name(name: str) -> str:
    """Source names as extracted may keep tokenizer spaces ("ministry 's spokesman")."""
    return re.sub(r"\s+([,.'’])", r"\1", " ".join(name.split()))


# ---------------------------------------------------------------- facts from events


@dataclass
class Fact:
    """Events of one type, side and place in the window: one thing, however often told."""

    type: str
    side: str
    place: dict[str, Any]
    events: list[EventRow] = field(default_factory=list)

    @property
    def dates(self) -> tuple[dt.date | None, dt.date | None]:
        starts = [e.date_start for e in self.events if e.date_start]
        ends = [e.date_end or e.date_start for e in self.events if e.date_start]
        return (min(starts) if starts else None, max(ends) if ends else None)

    @property
    def p(self) -> float:
        return max(_midpoint(e.data or {}) for e in self.events)


def _midpoint(data: dict[str, Any]) -> float:
    certainty = data.get("certainty") or {}
    return (float(certainty.get("p_low", 1.0)) + float(certainty.get("p_high", 1.0))) / 2


def _place_key(place: dict[str, Any]) -> str:
    return str(place.get("geonameid") or place.get("key") or place.get("name") or "")


def region_of(place: dict[str, Any]) -> tuple[str, str]:
    """(front, region heading) of an event place."""
    if not place:
        return "Elsewhere", "Place not stated"
    country = place.get("country_code", "")
    if place.get("feature") == "country":
        return ("Russia", "Russia") if country == "RU" else ("Elsewhere", "Whole country or abroad")
    if country == "RU":
        return "Russia", "Russia"
    if country not in ("UA", ""):
        return "Elsewhere", "Abroad"
    oblast = place.get("admin1_name") or (place.get("name") if place.get("feature") == "admin1" else "")
    if place.get("feature") == "river" and place.get("lat") is not None:
        oblast = oblast_near(place["lat"], place["lon"]) or oblast  # a river's admin1 is one of many
    if not oblast:
        return "Elsewhere", place.get("name") or "Place not stated"
    stem = oblast.removesuffix(" Oblast").strip()
    return FRONTS.get(stem, "Rear"), oblast


def oblast_name(admin1_code: str) -> str:
    from frontwatch.gazetteer.admin1 import UKRAINE

    region = next((a for a in UKRAINE if a.code == admin1_code), None)
    if region is None:
        return ""
    return f"{region.name} Oblast" if region.kind == "oblast" else region.name


def oblast_near(lat: float, lon: float, max_km: float = 40.0) -> str:
    """The oblast of the settlement nearest to a point (where along a river the text is)."""
    from frontwatch.analysis.control import nearest_settlement

    settlement = nearest_settlement(lat, lon, max_km)
    return oblast_name(settlement.admin1_code) if settlement else ""


def _window_events(session: Session, start: dt.date, end: dt.date) -> list[EventRow]:
    """Asserted, actual events of reports published in the window, not merely restated history."""
    rows = session.scalars(
        select(EventRow).join(ReportRow, ReportRow.id == EventRow.report_id)
        .where(ReportRow.published >= start, ReportRow.published <= end, EventRow.merged_into.is_(None),
               ReportRow.near_duplicate_of.is_(None))
        .order_by(ReportRow.published, EventRow.report_id, EventRow.start)
    )
    chosen = []
    for row in rows:
        data = row.data or {}
        if row.type in SKIPPED_TYPES or not row.asserted or data.get("stance") in NOT_ASSERTED:
            continue
        if data.get("modality", "actual") != "actual" or (data.get("certainty") or {}).get("negated"):
            continue
        if row.date_end and row.date_end < start - dt.timedelta(days=1):
            continue  # background ("since April") restated, not a development of the window
        chosen.append(row)
    return chosen


def stated_place(event: dict[str, Any]) -> dict[str, Any]:
    """The event's place as the text supports it: a place guessed from the report's focus
    (not named with the event) is widened to its oblast."""
    place = event.get("place") or {}
    if event.get("place_from") == "report_focus" and place.get("feature") == "settlement":
        if not place.get("admin1_name"):
            return {}
        return {"name": place["admin1_name"], "feature": "admin1", "country_code": place.get("country_code", ""),
                "admin1_code": place.get("admin1_code", ""), "admin1_name": place["admin1_name"]}
    return place


def fact_kind(event_type: str, place: dict[str, Any]) -> str:
    """Taking a whole area is told as gaining ground in it, the same fact as advancing there."""
    return "advance" if event_type == "capture" and place.get("feature") != "settlement" else event_type


def collect_facts(events: list[EventRow]) -> list[Fact]:
    """Events grouped by kind, side and place; a telling without a side joins the one fact of
    that kind and place that has a side (it is the same thing, told less precisely)."""
    facts: dict[tuple[str, str, str], Fact] = {}
    for row in events:
        place = stated_place((row.data or {}))
        kind = fact_kind(row.type, place)
        key = (kind, row.initiator_side, _place_key(place))
        facts.setdefault(key, Fact(kind, row.initiator_side, place)).events.append(row)
    for (kind, side, place_key), fact in list(facts.items()):
        if side in SIDE_FORCES:
            continue
        sided = [f for (k, s, p), f in facts.items() if k == kind and p == place_key and s in SIDE_FORCES]
        if len(sided) == 1:
            sided[0].events += fact.events
            del facts[(kind, side, place_key)]
    return list(facts.values())


# ---------------------------------------------------------------- wording


def join_words(items: list[str]) -> str:
    items = [i for i in dict.fromkeys(items) if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _place_name(place: dict[str, Any]) -> str:
    name = place.get("name") or place.get("text") or ""
    return f"the {name}" if place.get("feature") in ("river", "region") and name else name


def _where(places: list[dict[str, Any]]) -> str:
    names = join_words([_place_name(p) for p in places])
    if not names:
        return ""
    if all(p.get("feature") == "river" for p in places):
        return f"along {names}"
    return f"in {names}" if any(p.get("feature") != "settlement" for p in places) else f"in and around {names}"


def fact_clause(kind: str, side: str, places: list[dict[str, Any]]) -> str:
    """The main clause for facts of one kind and side at several places."""
    forces = SIDE_FORCES.get(side)
    adjective = SIDE_ADJECTIVE.get(side, "")
    where = _where(places)
    settlements = all(p.get("feature") == "settlement" for p in places) and places
    names = join_words([_place_name(p) for p in places])
    target = names if settlements else f"targets {where}".strip()
    if kind == "capture":
        if settlements:
            return f"{forces} took {names}" if forces else f"{names} {'was' if len(places) == 1 else 'were'} reported taken"
        return f"{forces or 'one side'} gained ground {where}".strip()
    if kind == "withdrawal":
        target = names if settlements else where.removeprefix("in ").removeprefix("along ")
        return f"{forces} withdrew from {target}" if forces else f"troops were reported withdrawing from {target}"
    templates = {
        "advance": (f"{forces} advanced {where}", f"advances were reported {where}"),
        "clash": (f"{forces} fought {where}", f"fighting was reported {where}"),
        "artillery": (f"{adjective} artillery shelled {target}", f"shelling was reported {where}"),
        "air_strike": (f"{adjective} strikes hit {target}", f"strikes hit {target}"),
        "air_defense": (f"{adjective} air defences shot down aircraft or missiles {where}",
                        f"air defences were active {where}"),
        "infrastructure_damage": (f"{adjective} fire damaged infrastructure {where}",
                                  f"infrastructure was damaged {where}"),
        "attack_on_civilians": (f"{forces} attacked civilians {where}", f"attacks on civilians were reported {where}"),
        "civilian_casualties": (f"{adjective} attacks caused civilian casualties {where}",
                                f"civilian casualties were reported {where}"),
        "military_casualties": (f"{forces} inflicted military casualties {where}",
                                f"military casualties were reported {where}"),
        "equipment_loss": (f"{forces} destroyed or captured equipment {where}",
                           f"losses of equipment were reported {where}"),
        "arrest": (f"{forces} detained people {where}", f"detentions were reported {where}"),
        "cyber": (f"{adjective} cyber attacks were reported {where}", f"cyber attacks were reported {where}"),
        "sanctions": ("sanctions were announced", "sanctions were announced"),
    }
    with_side, without = templates.get(kind, (f"{kind.replace('_', ' ')} events were reported {where}",) * 2)
    return (with_side if forces else without).strip()


def number_word(n: int) -> str:
    """Small numbers in words, larger ones in figures with thousands separators."""
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else f"{n:,}"


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _date_phrase(first: dt.date | None, last: dt.date | None, day: dt.date) -> str:
    if first is None:
        return ""
    if last is None or last == first:
        return "" if first == day else f"on {first.isoformat()}"
    return f"between {first.isoformat()} and {last.isoformat()}"


def _attribution(facts: list[Fact], book: EvidenceBook) -> str:
    names = [book.source_phrase(e.source, e.report_id) for f in facts for e in f.events]
    distinct = sorted(dict.fromkeys(names), key=lambda n: n == UNATTRIBUTED)  # named sources first
    reports = {e.report_id for f in facts for e in f.events}
    others = len(distinct) - 3
    shown = join_words(distinct[:3] + ([f"{number_word(others)} other source{'s' if others > 1 else ''}"] if others > 0 else []))
    count = f" ({number_word(len(reports))} reports)" if len(reports) > 1 else ""
    return f"according to {shown}{count}"


def _certainty_phrase(facts: list[Fact]) -> str:
    """A hedge when the best-supported telling is itself an estimate ("highly likely")."""
    events = [e for f in facts for e in f.events]
    best = max(events, key=lambda e: _midpoint(e.data or {}))
    certainty = (best.data or {}).get("certainty") or {}
    if certainty.get("basis", "asserted") == "asserted" and _midpoint(best.data or {}) >= 1.0:
        return ""
    term = certainty.get("term") or band_of(certainty.get("p_low", 1.0), certainty.get("p_high", 1.0))
    low, high = round(100 * certainty.get("p_low", 1.0)), round(100 * certainty.get("p_high", 1.0))
    return f"assessed as {term} ({low}–{high} %)"


def _quantities(facts: list[Fact]) -> str:
    """The figures stated, each once ("about 6,000 km²" and "6,000 km²" are one figure); bare
    counts of nothing named ("12", "two") say nothing and are left out."""
    figures: dict[tuple[Any, ...], str] = {}
    for fact in facts:
        for event in fact.events:
            for q in (event.data or {}).get("quantities") or []:
                if q.get("kind") == "duration" or not q.get("text") or (q.get("kind") == "count" and not q.get("counted")):
                    continue
                counted = q.get("counted") or ""
                shown = q["text"] if not counted or counted.split()[0] in q["text"] else f"{q['text']} {counted}"
                figures.setdefault((q.get("value"), q.get("unit"), counted), f"“{shown}”")
    shown = list(figures.values())[:3]
    return f"with figures of {join_words(shown)}" if shown else ""


def fact_statement(facts: list[Fact], day: dt.date, book: EvidenceBook, extra: str = "") -> Statement:
    """One sentence for facts of one kind and side: places, dates, sources, certainty, figures."""
    clause = fact_clause(facts[0].type, facts[0].side, [f.place for f in facts])
    starts = [f.dates[0] for f in facts if f.dates[0]]
    ends = [f.dates[1] for f in facts if f.dates[1]]
    when = _date_phrase(min(starts) if starts else None, max(ends) if ends else None, day)
    clause += (f" {when}" if when else "") + (f", {extra}" if extra else "")
    parts = [p for p in (clause, _attribution(facts, book)) if p]
    extras = [p for p in (_certainty_phrase(facts), _quantities(facts)) if p]
    text = _capitalise(", ".join(parts)) + ("; " + "; ".join(extras) if extras else "")
    refs = sorted({book.cite(e.report_id, e.start, e.end, e.text, e.source) for f in facts for e in f.events})
    return Statement(text, refs)


TOPICS = {"capture": "ground", "withdrawal": "ground", "advance": "ground", "clash": "ground",
          "artillery": "fire", "air_strike": "fire", "air_defense": "fire", "infrastructure_damage": "fire",
          "attack_on_civilians": "fire"}
CONSEQUENCES = {  # a fact told by the very sentences of another is folded into it as a phrase
    "infrastructure_damage": "damaging infrastructure", "civilian_casualties": "causing civilian casualties",
    "military_casualties": "with military casualties", "equipment_loss": "with losses of equipment",
    "attack_on_civilians": "hitting civilians", "artillery": "under shelling", "air_strike": "under strikes",
    "clash": "with fighting", "advance": "advancing", "withdrawal": "with a withdrawal",
}


def _spans(fact: Fact) -> frozenset[tuple[str, int, int]]:
    return frozenset((e.report_id, e.start, e.end) for e in fact.events)


def fold_consequences(facts: list[Fact]) -> tuple[list[Fact], dict[int, list[str]]]:
    """Facts whose every telling is also a telling of an earlier fact become phrases of it
    ("Russian strikes hit Kharkiv, damaging infrastructure"), so one sentence is not told twice."""
    order = {kind: i for i, kind in enumerate(TYPE_ORDER)}
    ranked = sorted(facts, key=lambda f: (order.get(f.type, len(order)), -len(f.events)))
    kept: list[Fact] = []
    phrases: dict[int, list[str]] = defaultdict(list)
    for fact in ranked:
        host = next((k for k in kept if _spans(fact) <= _spans(k) and k.place == fact.place), None)
        if host is None:
            kept.append(fact)
        else:
            phrases[id(host)].append(CONSEQUENCES.get(fact.type, f"with {fact.type.replace('_', ' ')}"))
    return kept, phrases


def region_statements(facts: list[Fact], day: dt.date, book: EvidenceBook) -> list[Statement]:
    """Facts of a region in TYPE_ORDER; those of one kind and side (settlements apart from
    wider areas) share one sentence; ground, fire and losses are separate paragraphs."""
    kept, phrases = fold_consequences(facts)
    groups: dict[tuple[str, str, bool, int], list[Fact]] = defaultdict(list)
    for fact in kept:
        alone = bool(phrases.get(id(fact)))  # a fact with its own phrases keeps its own sentence
        groups[(fact.type, fact.side, fact.place.get("feature") != "settlement" or alone, id(fact) if alone else 0)].append(fact)
    order = {kind: i for i, kind in enumerate(TYPE_ORDER)}
    keys = sorted(groups, key=lambda k: (order.get(k[0], len(order)), k[1], k[2]))
    statements = []
    for key in keys:
        group = sorted(groups[key], key=lambda f: _place_name(f.place))
        extra = join_words([p for f in group for p in phrases.get(id(f), [])])
        statement = fact_statement(group, day, book, extra)
        statement.topic = TOPICS.get(key[0], "losses")
        statements.append(statement)
    return statements


# ---------------------------------------------------------------- control, forecasts, checks


CHANGE_VERBS = {"UA": "came under Ukrainian control", "RU": "came under Russian control",
                "contested": "became contested", "unknown": "can no longer be placed on either side"}
PUBLISHER_NAMES = {"deepstate": "DeepState", "isw": "ISW"}
NAMED_SETTLEMENTS = 6  # a group of more settlements names the largest and counts the rest


def control_statements(session: Session, start: dt.date, day: dt.date,
                       book: EvidenceBook) -> tuple[list[Statement], set[str], list[str]]:
    """Settlements whose controller changed in the window, one sentence per new controller and
    oblast (largest settlements named, the rest counted), with area; and the GeoNames ids told
    here (so the fighting sections do not tell them again), and the bottom-line clauses. A
    change known only from reports published after the brief's day is left out."""
    from frontwatch.analysis.areas import change_report
    from frontwatch.analysis.control import settlement_by_id

    report, _ = change_report(session, start - dt.timedelta(days=1), day)
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    told: set[str] = set()
    for row in report["settlement_model"]["settlements"]:
        if not start.isoformat() <= row["date"] <= day.isoformat():
            continue
        evidence = [e for e in row["evidence"] if e.get("snapshot") or (e.get("report_id") and book.visible(e["report_id"]))]
        if not evidence:
            continue
        settlement = settlement_by_id(int(row["geonameid"]))
        oblast = oblast_name(settlement.admin1_code) if settlement else ""
        groups[(row["to"], oblast)].append({**row, "evidence": evidence, "population": settlement.population if settlement else 0})
        told.add(str(row["geonameid"]))
    order = {"UA": 0, "RU": 1, "contested": 2}
    statements = [_change_statement(controller, oblast, rows, day, book)
                  for (controller, oblast), rows in sorted(groups.items(), key=lambda kv: (order.get(kv[0][0], 3), -len(kv[1])))
                  if controller in order]
    unclear = {oblast: rows for (controller, oblast), rows in groups.items() if controller not in order}
    if unclear:
        statements.append(_unclear_statement(unclear, book))
    headline = []
    for side in ("UA", "RU"):
        rows = sorted((r for (c, _), group in groups.items() if c == side for r in group), key=lambda r: -r["population"])
        if rows:
            headline.append(f"{SIDE_FORCES[side]} took {number_word(len(rows))} settlement{'s' if len(rows) > 1 else ''}"
                            f", the largest {join_words([r['name'] for r in rows[:3]])}" if len(rows) > 1
                            else f"{SIDE_FORCES[side]} took {rows[0]['name']}")
    if report.get("map"):
        figures, (first, last) = report["map"]["figures"], report["map"]["snapshot_dates"]
        change = figures["russian_held_change_km2"]
        trend = f"shrank by {-change:,.0f} km²" if change < 0 else f"grew by {change:,.0f} km²"
        headline.append(f"Russian-held ground {trend} on the {publisher_name(report['map']['publisher'])} maps")
        statements.append(Statement(
            f"On the {publisher_name(report['map']['publisher'])} control maps, Russian-held ground {trend} from {first} to {last} "
            f"(Ukraine took {figures['gained_by_ua_km2']:,.0f} km², Russia {figures['gained_by_ru_km2']:,.0f} km²)",
            topic="map"))
    elif groups:
        statements.append(Statement(
            "No imported control map covers these days, so the areas are rough: each settlement stands for "
            "the ground nearest to it", topic="map"))
    return statements, told, headline


def _unclear_statement(by_oblast: dict[str, list[dict[str, Any]]], book: EvidenceBook) -> Statement:
    """Settlements that left one side's control without being given to the other: counted per
    oblast, not named (the map's gaps, not news in themselves)."""
    rows = [r for group in by_oblast.values() for r in group]
    counts = join_words([f"{number_word(len(group))} in {oblast or 'an unnamed oblast'}"
                         for oblast, group in sorted(by_oblast.items(), key=lambda kv: -len(kv[1]))])
    km2 = sum(r["cell_km2"] for r in rows)
    refs = sorted({book.cite(e["report_id"], e["start"], e["end"], e.get("text", ""), e.get("source", ""))
                   for r in rows for e in r["evidence"] if e.get("report_id")})
    if len(rows) == 1:
        subject = f"One more settlement, {rows[0]['name']}{' in ' + next(iter(by_oblast)) if next(iter(by_oblast)) else ''},"
    else:
        subject = f"Another {len(rows):,} settlements ({counts})"
    return Statement(f"{subject} can no longer be placed on either side (roughly {km2:,.0f} km²)", refs, topic="changes")


def publisher_name(publisher: str) -> str:
    return PUBLISHER_NAMES.get(publisher.lower(), publisher[:1].upper() + publisher[1:])


def _change_statement(controller: str, oblast: str, rows: list[dict[str, Any]], day: dt.date,
                      book: EvidenceBook) -> Statement:
    rows.sort(key=lambda r: (-r["population"], r["name"]))
    named = rows if len(rows) <= NAMED_SETTLEMENTS + 2 else rows[:NAMED_SETTLEMENTS]
    rest = len(rows) - len(named)
    names = join_words([r["name"] for r in named] + ([f"{number_word(rest)} smaller settlements"] if rest else []))
    dates = sorted({r["date"] for r in rows})
    when = "" if dates == [day.isoformat()] else (
        f" on {dates[0]}" if len(dates) == 1 else f" between {dates[0]} and {dates[-1]}")
    where = f"In {oblast}, " if oblast else ""
    km2 = sum(r["cell_km2"] for r in rows)
    area = f" (roughly {km2:,.0f} km² by the settlement model)" if km2 >= 1 else ""
    publishers = sorted({e["snapshot"] for r in rows for e in r["evidence"] if e.get("snapshot")})
    refs = sorted({book.cite(e["report_id"], e["start"], e["end"], e.get("text", ""), e.get("source", ""))
                   for r in rows for e in r["evidence"] if e.get("report_id")})
    reported = len({r["geonameid"] for r in rows if any(e.get("report_id") for e in r["evidence"])})
    basis = []
    if publishers:
        basis.append(f"the {join_words([publisher_name(p) for p in publishers])} map")
    if reported:
        basis.append(f"reports on {number_word(reported)} of them" if reported < len(rows) else "reports")
    text = f"{where}{names} {CHANGE_VERBS.get(controller, 'changed hands')}{when}{area}"
    if basis:
        text += f", according to {join_words(basis)}"
    return Statement(text if where else _capitalise(text), refs, topic="changes")


NOUN_BANDS = ("realistic possibility", "remote chance")


def judged(source: str, band: str, p_low: float, p_high: float) -> str:
    """"the Institute for the Study of War assessed it likely (55–80 %)" — the source and its
    certainty in words, the way an assessment is reported."""
    if not band:
        return f"{source} predicted"
    article = "a " if band in NOUN_BANDS else ""
    return f"{source} assessed it {article}{band} ({round(100 * p_low)}–{round(100 * p_high)} %)"


def forecast_statements(session: Session, start: dt.date, day: dt.date, book: EvidenceBook) -> list[Statement]:
    """Forecasts made in the window (outcome as known on the brief's day) and older forecasts
    whose outcome became known in the window."""
    from frontwatch.analysis import resolve

    statuses = resolve.forecast_statuses(session)
    rows = {r.id: r for r in session.scalars(select(ForecastRow).where(ForecastRow.id.in_([s.id for s in statuses])))}
    statements = []
    for s in statuses:
        row = rows.get(s.id)
        if row is None or not start <= s.report_date <= day:
            continue
        ref = book.cite(s.report_id, row.start, row.end, s.text, s.source)
        resolved_on = _resolved_on(s)
        deadline = (f"the deadline is {s.deadline.isoformat()}" + (" (a default horizon)" if s.deadline_defaulted else "")
                    if s.deadline else "no deadline is given")
        outcome = _outcome_phrase(s, resolved_on) if resolved_on and resolved_on <= day else "it is still open"
        statements.append(Statement(
            f"On {s.report_date.isoformat()} {judged(book.source_phrase(s.source, s.report_id), s.band, s.p_low, s.p_high)} "
            f"that “{' '.join(s.text.split())}”; {deadline} and {outcome}", [ref], topic="made"))
    for s in statuses:
        row = rows.get(s.id)
        resolved_on = _resolved_on(s)
        if row is None or resolved_on is None or not start <= resolved_on <= day or start <= s.report_date:
            continue
        refs = [book.cite(s.report_id, row.start, row.end, s.text, s.source)]
        refs += [book.cite(e["report_id"], e["start"], e["end"], e.get("text", ""), "") for e in s.evidence[:2]
                 if e.get("report_id") and book.visible(e["report_id"])]
        statements.append(Statement(
            f"{_capitalise(book.source_phrase(s.source, s.report_id))}'s forecast of {s.report_date.isoformat()} "
            f"{_quoted_forecast(s.text)} {_outcome_phrase(s, resolved_on)}", sorted(set(refs)), topic="resolved"))
    return statements


COUNTABLE_KINDS = ("capture", "withdrawal", "advance", "clash", "arrest", "air_strike")


def _quoted_forecast(text: str) -> str:
    """The forecast's words after "that" when they are a clause, in brackets when a fragment."""
    text = " ".join(text.split())
    return f"that “{text}”" if text[:1].isupper() else f"(“{text}”)"


def _outcome_phrase(status: Any, resolved_on: dt.date) -> str:
    kind = (status.event_type or "event").replace("_", " ").replace("air strike", "strike")
    article = ("an " if kind[:1] in "aeiou" else "a ") if status.event_type in COUNTABLE_KINDS else ""
    if status.outcome == "true":
        return f"came true: {article}{kind} matching it was reported on {resolved_on.isoformat()}"
    deadline = status.deadline.isoformat() if status.deadline else resolved_on.isoformat()
    return f"did not come true: no matching {kind} was reported by {deadline}"


def _resolved_on(status: Any) -> dt.date | None:
    """The day a forecast's outcome became known: the confirming report, or the deadline's end."""
    from frontwatch.analysis.resolve import GRACE_DAYS

    if status.outcome == "true" and status.evidence:
        return dt.date.fromisoformat(status.evidence[0]["report_date"])
    if status.outcome == "false" and status.deadline:
        return status.deadline + dt.timedelta(days=GRACE_DAYS + 1)
    return None


def check_statements(session: Session, start: dt.date, day: dt.date, book: EvidenceBook) -> tuple[list[Statement], int]:
    """Contradictions found by the cross-checks on the window's reports, a sentence each (the
    rejections of one claim together); agreement in one line. Returns the statements and the
    number of contradictions."""
    from frontwatch.analysis.verify import verify

    published = sorted({d for (d,) in session.execute(
        select(ReportRow.published).where(ReportRow.published >= start, ReportRow.published <= day))})
    seen: set[tuple[str, tuple[str, ...]]] = set()
    statements: list[Statement] = []
    rejections: dict[str, list[dict[str, Any]]] = defaultdict(list)
    consistent, weak = 0, 0
    for date in published:
        for result in verify(session, date):
            key = (result["kind"], tuple(sorted(result["claims"])))
            if key in seen:
                continue
            seen.add(key)
            if result["verdict"] == "consistent":
                consistent += 1
            elif result["verdict"] != "inconsistent":
                continue
            elif result["kind"] == "negation" and " denies (" in result["explanation"]:
                weak += 1  # matched on shared words only: listed by `frontwatch verify`, not told here
            elif result["kind"] == "negation" and (result.get("values") or {}).get("contradicted"):
                rejections[result["values"]["contradicted"]["claim_id"]].append(result)
            elif result["kind"] == "area_vs_control" and (result.get("values") or {}).get("measured_km2") is not None:
                statements.append(_area_statement(result, book))
            else:
                refs = sorted({book.cite(e["report_id"], e["start"], e["end"], e["text"], e["source"]) for e in result["evidence"]})
                statements.append(Statement(_capitalise(_readable_sources(result["explanation"], book)), refs, topic="contradictions"))
    if any("understates" in st.text for st in statements):
        statements.append(Statement("Figures given while an offensive is under way often lag the front they describe",
                                    topic="contradictions"))
    statements += [_rejection_statement(results, book) for results in rejections.values()]
    contradictions = len([st for st in statements if st.refs])
    if weak:
        statements.append(Statement(f"{_capitalise(number_word(weak))} weaker possible contradiction{'s' if weak > 1 else ''} "
                                    "(a denial sharing words with another source's claim) can be reviewed with "
                                    "`frontwatch verify`", topic="agreement"))
    if consistent:
        statements.append(Statement(f"{_capitalise(number_word(consistent))} other cross-check{'s' if consistent > 1 else ''} "
                                    "of figures and dates found the sources consistent with each other or with the "
                                    "control data", topic="agreement"))
    return statements, contradictions


def _cite_all(evidence: list[dict[str, Any]], book: EvidenceBook) -> list[int]:
    return sorted({book.cite(e["report_id"], e["start"], e["end"], e["text"], e.get("source", "")) for e in evidence})


def _area_statement(result: dict[str, Any], book: EvidenceBook) -> Statement:
    """"Volodymyr Zelensky's figure of about 6,000 km² … understates the change on the DeepState
    maps (9,398 km² from … to …)"."""
    values, evidence = result["values"], result["evidence"]
    claim = values["claim"]
    source = book.source_phrase(claim.get("source", ""), evidence[0]["report_id"] if evidence else "")
    measured, claimed = values["measured_km2"], claim.get("value_km2") or 0.0
    verb = "understates" if measured > claimed else "overstates"
    by = str(values.get("measured_by", "the control data"))
    by = f"the {publisher_name(by.split(' maps')[0])} maps" if " maps" in by else by
    first, last = (values.get("measured_window") or claim.get("interval") or ["", ""])[:2]
    period = f" from {first} to {last}" if first and last else ""
    return Statement(
        f"{_capitalise(source)}'s figure of “{claim.get('text', '')}” ({claimed:,.0f} km²{period}) {verb} the change "
        f"shown on {by} ({measured:,.0f} km²)",
        _cite_all(evidence, book), topic="contradictions")


def _rejection_statement(results: list[dict[str, Any]], book: EvidenceBook) -> Statement:
    """One claim and every source that rejects or denies it, in one sentence."""
    first = results[0]
    contradicted_id = first["values"]["contradicted"]["claim_id"]
    claim = next((e for e in first["evidence"] if e.get("claim_id") == contradicted_id), first["evidence"][0])
    rejecters = []
    for result in results:
        by = result["values"].get("contradicted_by") or {}
        other = next((e for e in result["evidence"] if e.get("claim_id") == by.get("claim_id")), None)
        if other is not None:
            verb = "denied by" if by.get("stance") == "negated" else "rejected by"
            rejecters.append(f"{verb} {book.source_phrase(other.get('source', ''), other['report_id'])}")
    evidence = [e for result in results for e in result["evidence"]]
    return Statement(
        f"{_capitalise(book.source_phrase(claim.get('source', ''), claim['report_id']))}'s claim of "
        f"“{' '.join(claim['text'].split())}” is {join_words(rejecters) or 'contradicted'}",
        _cite_all(evidence, book), topic="contradictions")


def _readable_sources(text: str, book: EvidenceBook) -> str:
    """Replace canonical source ids (``uk_mod``) in a check's explanation by their names."""
    def name(match: re.Match[str]) -> str:
        word = match.group(0)
        return "the reporting outlet" if word == "author" else book.names.get(word, word)

    return re.sub(r"\b[a-z][a-z_]*\b", name, text)


# ---------------------------------------------------------------- the brief


def build_brief(session: Session, day: dt.date, window: int = DEFAULT_WINDOW_DAYS, with_map: bool = False) -> Brief:
    """Read the store into a brief of reports published from ``day - window`` to ``day``."""
    start = day - dt.timedelta(days=window)
    reports = session.execute(
        select(ReportRow.id, ReportRow.published, ReportRow.source)
        .where(ReportRow.published >= start, ReportRow.published <= day)
    ).all()
    all_published = dict(session.execute(select(ReportRow.id, ReportRow.published)).all())
    outlets_by_report = {k: v for k, v in session.execute(select(ReportRow.id, ReportRow.source)).all() if v}
    book = EvidenceBook(all_published, outlets_by_report, source_names(session), day)
    if not reports:  # nothing published in the window: no corpus steps to run
        return Brief(day, window, start, 0, [], summarise([], [], 0, 0), [], [])
    control, told, headline = control_statements(session, start, day, book)
    facts = [f for f in collect_facts(_window_events(session, start, day))
             if not (f.type in ("capture", "withdrawal") and str(f.place.get("geonameid")) in told)]
    regions: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    for fact in facts:
        regions[region_of(fact.place)].append(fact)
    front_rank = {front: i for i, front in enumerate(FRONT_ORDER)}
    sections = [Section("What changed hands", control)] if control else []
    for front, region in sorted(regions, key=lambda k: (front_rank.get(k[0], len(front_rank)), -len(regions[k]), k[1])):
        title = region if front in ("Russia", "Elsewhere") or front == region else f"{front}: {region}"
        sections.append(Section(title, region_statements(regions[(front, region)], day, book)))
    forecasts = forecast_statements(session, start, day, book)
    if forecasts:
        sections.append(Section("Forecasts", forecasts))
    checks, contradictions = check_statements(session, start, day, book)
    if checks:
        sections.append(Section("Contradictions and checks", checks))
    outlets = sorted({r.source for r in reports if r.source})
    summary = summarise(headline, facts, len(forecasts), contradictions)
    brief = Brief(day, window, start, len(reports), outlets, summary,
                  sections, sorted(book.items.values(), key=lambda e: e.number))
    if with_map:
        brief.map_svg = map_svg(session, day)
    return brief


def summarise(control: list[str], facts: list[Fact], forecasts: int, contradictions: int) -> list[Statement]:
    """The bottom line: ground that changed hands, where the reporting centres and its
    best-attested fact, and how many forecasts and contradictions follow."""
    lines = []
    if control:
        lines.append(Statement(_capitalise("; ".join(control))))
    if facts:
        top = max(facts, key=lambda f: (len({e.report_id for e in f.events}), f.type in ("capture", "withdrawal"), f.p))
        n = len({e.report_id for e in top.events})
        per_region = Counter(region_of(f.place)[1] for f in facts)
        region, count = per_region.most_common(1)[0]
        focus = (f"Most of the {len(facts)} developments reported are in {region} ({count})" if len(per_region) > 1
                 else f"The {number_word(len(facts))} development{'s' if len(facts) > 1 else ''} reported "
                      f"{'are' if len(facts) > 1 else 'is'} in {region}")
        lines.append(Statement(f"{focus}; the best attested is that {fact_clause(top.type, top.side, [top.place])} "
                               f"({number_word(n)} report{'s' if n != 1 else ''})"))
    if forecasts:
        lines.append(Statement(f"{_capitalise(number_word(forecasts))} forecast{'s were' if forecasts > 1 else ' was'} "
                               "made or resolved"))
    if contradictions:
        lines.append(Statement(f"Sources contradict each other on {number_word(contradictions)} "
                               f"point{'s' if contradictions != 1 else ''}"))
    if not lines:
        lines.append(Statement("No reports in the store describe developments in these days"))
    return lines


def map_svg(session: Session, day: dt.date) -> str:
    """The control map of the day as inline SVG, drawn by the map command's renderer."""
    from frontwatch.cli.map import collect, render

    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "map.svg"
        render(collect(session, day), path)
        svg = path.read_text(encoding="utf-8")
    return svg[svg.index("<svg"):]


# ---------------------------------------------------------------- rendering


def paragraphs(statements: list[Statement]) -> list[list[Statement]]:
    """Runs of statements of one topic: a section reads as a few paragraphs, not one block."""
    runs: list[list[Statement]] = []
    for statement in statements:
        if runs and runs[-1][-1].topic == statement.topic:
            runs[-1].append(statement)
        else:
            runs.append([statement])
    return runs


def _sentence(statement: Statement, ref: Any) -> str:
    refs = "".join(ref(n) for n in statement.refs)
    return f"{statement.text}{' ' + refs if refs else ''}."


def _period(brief: Brief) -> str:
    outlets = f" from {join_words(brief.outlets)}" if brief.outlets else ""
    return (f"Reports published {brief.start.isoformat()} to {brief.date.isoformat()}: "
            f"{brief.n_reports:,} report{'s' if brief.n_reports != 1 else ''}{outlets}.")


def to_markdown(brief: Brief) -> str:
    def ref(n: int) -> str:
        return f"[[{n}]](#ev-{n})"

    lines = [f"# Daily brief: {brief.date.isoformat()}", "", f"*{_period(brief)}*", "", "## Bottom line", "",
             " ".join(_sentence(s, ref) for s in brief.summary), ""]
    for section in brief.sections:
        lines += [f"## {section.title}", ""]
        for run in paragraphs(section.statements):
            lines += [" ".join(_sentence(s, ref) for s in run), ""]
    lines += ["## Evidence", ""]
    for e in brief.evidence:
        lines.append(f"{e.number}. <a id=\"ev-{e.number}\"></a>{e.source}, {e.published} (report `{e.report_id}`, "
                     f"characters {e.start}–{e.end}): “{e.text}”")
    return "\n".join(lines).rstrip() + "\n"


def to_html(brief: Brief, evidence_link: str = "/?report={report_id}&start={start}&end={end}") -> str:
    """A standalone page; ``evidence_link`` points each evidence item at the dashboard."""
    esc = html.escape

    def ref(n: int) -> str:
        return f'<a class="ref" href="#ev-{n}">[{n}]</a>'

    def paragraph(statements: list[Statement]) -> str:
        return "".join("<p>" + " ".join(esc(s.text) + (" " + "".join(ref(n) for n in s.refs) if s.refs else "") + "."
                                        for s in run) + "</p>" for run in paragraphs(statements))

    parts = [
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
        f"<title>Daily brief {brief.date.isoformat()}</title><style>{BRIEF_CSS}</style></head><body><main>",
        f"<h1>Daily brief: {brief.date.isoformat()}</h1><p class=\"period\">{esc(_period(brief))}</p>",
        "<h2>Bottom line</h2>", paragraph(brief.summary),
    ]
    if brief.map_svg:
        parts.append(f"<figure class=\"map\">{brief.map_svg}<figcaption>Control and located events on "
                     f"{brief.date.isoformat()}.</figcaption></figure>")
    for section in brief.sections:
        parts += [f"<h2>{esc(section.title)}</h2>", paragraph(section.statements)]
    parts.append("<h2>Evidence</h2><ol class=\"evidence\">")
    for e in brief.evidence:
        link = esc(evidence_link.format(report_id=e.report_id, start=e.start, end=e.end))
        parts.append(f"<li id=\"ev-{e.number}\">{esc(e.source)}, {e.published} (<a href=\"{link}\">report "
                     f"<code>{esc(e.report_id)}</code>, characters {e.start}–{e.end}</a>): <q>{esc(e.text)}</q></li>")
    parts.append("</ol></main></body></html>")
    return "\n".join(parts)


BRIEF_CSS = """
body{font:16px/1.55 Georgia,'Times New Roman',serif;color:#1b1b1b;background:#fbfaf7;margin:0}
main{max-width:46rem;margin:0 auto;padding:1.5rem}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.15rem;margin-top:1.6rem;border-bottom:1px solid #ccc}
.period{color:#555;font-style:italic}a.ref{font-size:.75em;vertical-align:super;text-decoration:none;color:#0057a3}
a.ref:focus,a:focus{outline:2px solid #0072B2}
figure.map svg{width:100%;height:auto}figcaption{font-size:.85rem;color:#555}
ol.evidence{font-size:.85rem;color:#333}ol.evidence li{margin:.3rem 0}code{font-size:.85em}
"""
