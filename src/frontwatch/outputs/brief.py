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
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontwatch.outputs.queries import band_of, source_names
from frontwatch.store.schema import EventRow, ForecastRow, ReportRow

DEFAULT_WINDOW_DAYS = 2
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
            return [{"text": s.text, "refs": s.refs} for s in items]

        return {
            "date": self.date.isoformat(), "window": self.window, "from": self.start.isoformat(),
            "n_reports": self.n_reports, "outlets": self.outlets, "summary": statements(self.summary),
            "sections": [{"title": s.title, "statements": statements(s.statements)} for s in self.sections],
            "evidence": [vars(e).copy() for e in self.evidence],
        }


class EvidenceBook:
    """Numbers evidence spans in order of first use; the same span keeps its number."""

    def __init__(self, published: dict[str, dt.date], outlets: dict[str, str], names: dict[str, str]):
        self.items: dict[tuple[str, int, int], Evidence] = {}
        self.published, self.outlets, self.names = published, outlets, names

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
        return self.outlets.get(report_id) or "an unattributed report"


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
    if not oblast:
        return "Elsewhere", place.get("name") or "Place not stated"
    stem = oblast.removesuffix(" Oblast").strip()
    return FRONTS.get(stem, "Rear"), oblast


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


def collect_facts(events: list[EventRow]) -> list[Fact]:
    facts: dict[tuple[str, str, str], Fact] = {}
    for row in events:
        place = stated_place((row.data or {}))
        key = (row.type, row.initiator_side, _place_key(place))
        facts.setdefault(key, Fact(row.type, row.initiator_side, place)).events.append(row)
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
        "artillery": (f"{adjective} artillery shelled targets {where}", f"shelling was reported {where}"),
        "air_strike": (f"{adjective} missiles, drones or aircraft struck {where}", f"strikes hit targets {where}"),
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


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _date_phrase(first: dt.date | None, last: dt.date | None, day: dt.date) -> str:
    if first is None:
        return ""
    if last is None or last == first:
        return "" if first == day else f"on {first.isoformat()}"
    return f"between {first.isoformat()} and {last.isoformat()}"


def _attribution(facts: list[Fact], book: EvidenceBook) -> str:
    names = [book.source_name(e.source, e.report_id) for f in facts for e in f.events]
    distinct = list(dict.fromkeys(names))
    reports = {e.report_id for f in facts for e in f.events}
    shown = join_words(distinct[:3] + ([f"{len(distinct) - 3} other sources"] if len(distinct) > 3 else []))
    count = f" ({len(reports)} reports)" if len(reports) > 1 else ""
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
    texts = []
    for fact in facts:
        for event in fact.events:
            texts += [q.get("text", "") for q in (event.data or {}).get("quantities") or [] if q.get("kind") != "duration"]
    figures = [f"“{t}”" for t in dict.fromkeys(texts) if t][:3]
    return f"with figures of {join_words(figures)}" if figures else ""


def fact_statement(facts: list[Fact], day: dt.date, book: EvidenceBook) -> Statement:
    """One sentence for facts of one kind and side: places, dates, sources, certainty, figures."""
    clause = fact_clause(facts[0].type, facts[0].side, [f.place for f in facts])
    starts = [f.dates[0] for f in facts if f.dates[0]]
    ends = [f.dates[1] for f in facts if f.dates[1]]
    when = _date_phrase(min(starts) if starts else None, max(ends) if ends else None, day)
    parts = [p for p in (clause + (f" {when}" if when else ""), _attribution(facts, book)) if p]
    extras = [p for p in (_certainty_phrase(facts), _quantities(facts)) if p]
    text = _capitalise(", ".join(parts)) + ("; " + "; ".join(extras) if extras else "")
    refs = sorted({book.cite(e.report_id, e.start, e.end, e.text, e.source) for f in facts for e in f.events})
    return Statement(text, refs)


def region_statements(facts: list[Fact], day: dt.date, book: EvidenceBook) -> list[Statement]:
    """Facts of a region in TYPE_ORDER; those of one kind and side (settlements apart from
    wider areas) share one sentence."""
    groups: dict[tuple[str, str, bool], list[Fact]] = defaultdict(list)
    for fact in facts:
        groups[(fact.type, fact.side, fact.place.get("feature") != "settlement")].append(fact)
    order = {kind: i for i, kind in enumerate(TYPE_ORDER)}
    keys = sorted(groups, key=lambda k: (order.get(k[0], len(order)), k[1], k[2]))
    return [fact_statement(sorted(groups[k], key=lambda f: _place_name(f.place)), day, book) for k in keys]


# ---------------------------------------------------------------- control, forecasts, checks


def control_statements(session: Session, start: dt.date, day: dt.date, book: EvidenceBook) -> tuple[list[Statement], set[str]]:
    """Settlements whose controller changed in the window, by new controller, with area; and
    the GeoNames ids told here (so the fighting sections do not tell them again)."""
    from frontwatch.analysis.areas import change_report

    report, _ = change_report(session, start - dt.timedelta(days=1), day)
    rows = [r for r in report["settlement_model"]["settlements"] if start.isoformat() <= r["date"] <= day.isoformat()]
    by_controller: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_controller[row["to"]].append(row)
    statements = []
    for controller, changed in sorted(by_controller.items()):
        changed.sort(key=lambda r: (r["date"], r["name"]))
        names = join_words([f"{r['name']} ({r['date']})" if r["date"] != day.isoformat() else r["name"] for r in changed])
        refs = sorted({book.cite(e["report_id"], e["start"], e["end"], e.get("text", ""), e.get("source", ""))
                       for r in changed for e in r["evidence"] if e.get("report_id")})
        km2 = sum(r["cell_km2"] for r in changed)
        verb = "came under Ukrainian control" if controller == "UA" else (
            "came under Russian control" if controller == "RU" else f"became {CONTROLLER_WORDS.get(controller, controller)}")
        area = f", roughly {km2:,.0f} km² by the settlement model" if km2 >= 1 else ""
        statements.append(Statement(f"{_capitalise(names)} {verb}{area}", refs))
    if report.get("map"):
        figures = report["map"]["figures"]
        first, last = report["map"]["snapshot_dates"]
        statements.append(Statement(
            f"The {report['map']['publisher']} control maps of {first} and {last} show Russian-held ground "
            f"changing by {figures['russian_held_change_km2']:,.0f} km² ({figures['gained_by_ua_km2']:,.0f} km² "
            f"taken back by Ukraine, {figures['gained_by_ru_km2']:,.0f} km² gained by Russia)"))
    elif rows:
        statements.append(Statement(
            "No imported control map covers these days, so areas come from the settlement model "
            "(each settlement stands for the ground nearest to it) and are rough"))
    return statements, {str(r["geonameid"]) for r in rows}


def forecast_statements(session: Session, start: dt.date, day: dt.date, book: EvidenceBook) -> list[Statement]:
    from frontwatch.analysis import resolve

    statuses = resolve.forecast_statuses(session)
    rows = {r.id: r for r in session.scalars(select(ForecastRow).where(ForecastRow.id.in_([s.id for s in statuses])))}
    statements = []
    for s in statuses:
        row = rows.get(s.id)
        if row is None or not start <= s.report_date <= day:
            continue
        ref = book.cite(s.report_id, row.start, row.end, s.text, s.source)
        likelihood = (f"{s.band} ({round(100 * s.p_low)}–{round(100 * s.p_high)} %)" if s.band
                      else "stated without a probability")
        deadline = f"by {s.deadline.isoformat()}" + (" (a default horizon)" if s.deadline_defaulted else "") if s.deadline else "with no deadline"
        statements.append(Statement(
            f"{_capitalise(book.source_name(s.source, s.report_id))} forecast on {s.report_date.isoformat()} that "
            f"“{' '.join(s.text.split())}” — {likelihood}, {deadline}; outcome so far: {s.outcome}", [ref]))
    for s in statuses:
        row = rows.get(s.id)
        resolved_on = _resolved_on(s)
        if row is None or resolved_on is None or not start <= resolved_on <= day or start <= s.report_date:
            continue
        refs = [book.cite(s.report_id, row.start, row.end, s.text, s.source)]
        refs += [book.cite(e["report_id"], e["start"], e["end"], e.get("text", ""), "") for e in s.evidence[:2]
                 if e.get("report_id")]
        verdict = "came true" if s.outcome == "true" else "did not come true"
        statements.append(Statement(
            f"{_capitalise(book.source_name(s.source, s.report_id))}'s forecast of {s.report_date.isoformat()} "
            f"(“{' '.join(s.text.split())}”) {verdict}: {s.rule}", sorted(set(refs))))
    return statements


def _resolved_on(status: Any) -> dt.date | None:
    """The day a forecast's outcome became known: the confirming report, or the deadline's end."""
    from frontwatch.analysis.resolve import GRACE_DAYS

    if status.outcome == "true" and status.evidence:
        return dt.date.fromisoformat(status.evidence[0]["report_date"])
    if status.outcome == "false" and status.deadline:
        return status.deadline + dt.timedelta(days=GRACE_DAYS + 1)
    return None


def check_statements(session: Session, start: dt.date, day: dt.date, book: EvidenceBook) -> list[Statement]:
    """Contradictions found by the cross-checks on the window's reports; agreement in one line."""
    from frontwatch.analysis.verify import verify

    published = sorted({d for (d,) in session.execute(
        select(ReportRow.published).where(ReportRow.published >= start, ReportRow.published <= day))})
    seen: set[tuple[str, tuple[str, ...]]] = set()
    statements, consistent, weak = [], 0, 0
    for date in published:
        for result in verify(session, date):
            key = (result["kind"], tuple(sorted(result["claims"])))
            if key in seen:
                continue
            seen.add(key)
            if result["verdict"] == "consistent":
                consistent += 1
                continue
            if result["verdict"] != "inconsistent":
                continue
            if result["kind"] == "negation" and " denies (" in result["explanation"]:
                weak += 1  # matched on shared words only: listed by `frontwatch verify`, not told here
                continue
            refs = sorted({book.cite(e["report_id"], e["start"], e["end"], e["text"], e["source"]) for e in result["evidence"]})
            statements.append(Statement(_capitalise(_readable_sources(result["explanation"], book)), refs))
    if weak:
        statements.append(Statement(f"{weak} weaker possible contradiction{'s' if weak > 1 else ''} (a denial sharing "
                                    "words with another source's claim) can be reviewed with `frontwatch verify`"))
    if consistent:
        statements.append(Statement(f"{consistent} other cross-check{'s' if consistent > 1 else ''} of figures and "
                                    "dates found the sources consistent with each other or with the control data"))
    return statements


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
    book = EvidenceBook({r.id: r.published for r in reports}, {r.id: r.source for r in reports if r.source},
                        source_names(session))
    all_published = dict(session.execute(select(ReportRow.id, ReportRow.published)).all())
    all_outlets = dict(session.execute(select(ReportRow.id, ReportRow.source)).all())
    book.published, book.outlets = all_published, {k: v for k, v in all_outlets.items() if v}

    if not reports:  # nothing published in the window: no corpus steps to run
        return Brief(day, window, start, 0, [], summarise(0, [], [], [], day), [], [])
    control, told = control_statements(session, start, day, book)
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
    checks = check_statements(session, start, day, book)
    if checks:
        sections.append(Section("Contradictions and checks", checks))
    outlets = sorted({r.source for r in reports if r.source})
    brief = Brief(day, window, start, len(reports), outlets, summarise(len(told), facts, forecasts, checks, day),
                  sections, sorted(book.items.values(), key=lambda e: e.number))
    if with_map:
        brief.map_svg = map_svg(session, day)
    return brief


def summarise(changed: int, facts: list[Fact], forecasts: list[Statement], checks: list[Statement],
              day: dt.date) -> list[Statement]:
    """The bottom line: the most corroborated fact and what the sections contain."""
    lines = []
    if facts:
        top = max(facts, key=lambda f: (len({e.report_id for e in f.events}), f.type in ("capture", "withdrawal"), f.p))
        n = len({e.report_id for e in top.events})
        regions = len({region_of(f.place) for f in facts})
        lines.append(Statement(
            f"The reports describe {len(facts)} distinct development{'s' if len(facts) != 1 else ''} in {regions} "
            f"area{'s' if regions != 1 else ''}; the best attested is that "
            f"{fact_clause(top.type, top.side, [top.place])} ({n} report{'s' if n != 1 else ''})"))
    if changed:
        lines.append(Statement(f"{changed} settlement{'s' if changed != 1 else ''} changed hands or became contested"))
    contradictions = [c for c in checks if c.refs and len(c.refs) > 1]
    if contradictions:
        lines.append(Statement(f"Sources contradict each other on {len(contradictions)} point"
                               f"{'s' if len(contradictions) != 1 else ''}"))
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
        lines += [f"## {section.title}", "", " ".join(_sentence(s, ref) for s in section.statements), ""]
    lines += ["## Evidence", ""]
    for e in brief.evidence:
        lines.append(f"{e.number}. <a id=\"ev-{e.number}\"></a>report `{e.report_id}`, characters {e.start}–{e.end} "
                     f"({e.source}, {e.published}): “{e.text}”")
    return "\n".join(lines).rstrip() + "\n"


def to_html(brief: Brief, evidence_link: str = "/?report={report_id}&start={start}&end={end}") -> str:
    """A standalone page; ``evidence_link`` points each evidence item at the dashboard."""
    esc = html.escape

    def ref(n: int) -> str:
        return f'<a class="ref" href="#ev-{n}">[{n}]</a>'

    def paragraph(statements: list[Statement]) -> str:
        return "<p>" + " ".join(
            esc(s.text) + (" " + "".join(ref(n) for n in s.refs) if s.refs else "") + "." for s in statements) + "</p>"

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
        parts.append(f"<li id=\"ev-{e.number}\"><a href=\"{link}\">report <code>{esc(e.report_id)}</code>, "
                     f"characters {e.start}–{e.end}</a> ({esc(e.source)}, {e.published}): "
                     f"<q>{esc(e.text)}</q></li>")
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
