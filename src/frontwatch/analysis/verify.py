"""Cross-checks: do the figures, dates and statements in the reports add up?

Every check compares two things and gives a verdict — consistent, inconsistent or
unverifiable — with the numbers compared, the tolerance used and the claims (with their
evidence spans) it rests on:

* ``area_vs_control``: an area claim ("captured over 3,000 km² since September 6") against the
  change of imported control maps over the claim's interval, or the settlement model;
* ``same_quantity``: the same kind of figure from two sources over (nearly) the same interval;
* ``dates``: the intervals those two figures are measured over;
* ``negation``: a claim against another source's negation or dismissal of it.

Bounds are respected: "over 3,000" is a lower bound, so any larger measurement agrees with it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

VERDICTS = ("consistent", "inconsistent", "unverifiable")
NUMBER_TOLERANCE = 0.15  # relative, for figures stated as numbers
REFERENCE_TOLERANCE = 0.25  # relative, for comparisons ("double the size of Greater London")
DATE_TOLERANCE_DAYS = 1
PAIR_WINDOW_DAYS = 3  # two reports' figures are "the same" only if their intervals end this close
GAIN_EVENTS = ("capture", "advance")
# Negation cues that open the scope of a denial ("are not conducting a controlled withdrawal").
NEGATION_CUE = re.compile(r"\b(?:not|never|no longer|denied|denies|deny|rejected|rejects)\b|n't\b", re.IGNORECASE)
CLAUSE_END = re.compile(r"[,;:.!?]|\b(?:and|but|which|who|because|although|while)\b", re.IGNORECASE)
# "did not mention / comment on / rule out X" says nothing about whether X is true.
SILENCE_WORDS = frozenset(
    "mention name comment respond confirm say said specify disclose elaborate give provide rule immediately".split()
)
STOPWORDS = frozenset(
    "a an the of to in on at by for from with as and or but not no is are was were be been being "
    "has have had do does did its their there this that these those it they he she we you who which "
    "about into over under than then so such some any all more most other what when where while".split()
)


@dataclass
class ClaimRecord:
    """A stored claim with the items found inside its span."""

    id: str
    report_id: str
    report_date: dt.date
    source: str
    stance: str
    text: str
    start: int
    end: int
    target_claim: str | None = None
    quantities: list[dict[str, Any]] = field(default_factory=list)
    times: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)

    def evidence(self) -> dict[str, Any]:
        return {"claim_id": self.id, "report_id": self.report_id, "source": self.source,
                "start": self.start, "end": self.end, "text": self.text}


@dataclass
class AreaFigure:
    """An area quantity of a claim with the interval it covers."""

    claim: ClaimRecord
    quantity: dict[str, Any]
    begin: dt.date | None
    end: dt.date

    @property
    def value(self) -> float:
        return float(self.quantity.get("value") or 0.0)

    @property
    def lower(self) -> float | None:
        return _float(self.quantity.get("lower"))

    @property
    def upper(self) -> float | None:
        return _float(self.quantity.get("upper"))

    @property
    def tolerance(self) -> float:
        return REFERENCE_TOLERANCE if self.quantity.get("reference") or self.quantity.get("approximate") else NUMBER_TOLERANCE

    @property
    def tolerance_reason(self) -> str:
        if self.quantity.get("reference"):
            return f"a rough comparison with {self.quantity['reference']}"
        if self.quantity.get("approximate"):
            return "an approximate figure"
        return "a figure stated as a number, rounded by its source"

    @property
    def gainer(self) -> str:
        """The side whose gain the figure measures, from the claim's capture/advance events."""
        sides = {e.get("initiator_side") for e in self.claim.events if e.get("type") in GAIN_EVENTS}
        sides &= {"UA", "RU"}
        return sides.pop() if len(sides) == 1 else "unknown"

    def describe(self) -> dict[str, Any]:
        return {"claim_id": self.claim.id, "source": self.claim.source, "text": self.quantity.get("text", ""),
                "value_km2": self.value, "lower_km2": self.lower, "upper_km2": self.upper,
                "interval": [self.begin.isoformat() if self.begin else None, self.end.isoformat()]}


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def check(kind: str, verdict: str, claims: list[ClaimRecord], values: dict[str, Any],
          tolerance: Any, explanation: str) -> dict[str, Any]:
    return {"kind": kind, "verdict": verdict, "claims": [c.id for c in claims], "values": values,
            "tolerance": tolerance, "explanation": explanation, "evidence": [c.evidence() for c in claims]}


# ---------------------------------------------------------------- comparing numbers


def compare_with_bounds(figure: AreaFigure, measured: float) -> tuple[str, str]:
    """Verdict and reason for a measured value against a figure's bounds or point value."""
    tol = figure.tolerance
    if figure.lower is not None and figure.upper is None:
        ok = measured >= figure.lower * (1 - tol)
        return ("consistent" if ok else "inconsistent",
                f"'{figure.quantity.get('text', '')}' is a lower bound of {figure.lower:,.0f} km²; "
                f"{measured:,.0f} km² {'meets' if ok else 'falls short of'} it")
    if figure.upper is not None and figure.lower is None:
        ok = measured <= figure.upper * (1 + tol)
        return ("consistent" if ok else "inconsistent",
                f"'{figure.quantity.get('text', '')}' is an upper bound of {figure.upper:,.0f} km²; "
                f"{measured:,.0f} km² {'is within' if ok else 'exceeds'} it")
    value = figure.value
    ratio = measured / value if value else float("inf")
    ok = abs(measured - value) <= tol * max(value, measured)
    reason = f"{measured:,.0f} km² vs claimed {value:,.0f} km² (ratio {ratio:.2f})"
    if not ok and measured > value:
        reason += ": the claim understates the change (claims made mid-offensive lag the front)"
    return ("consistent" if ok else "inconsistent"), reason


def compare_figures(a: AreaFigure, b: AreaFigure) -> tuple[str, str, float]:
    """Two sources' figures: bounds against points, points against points."""
    tol = max(a.tolerance, b.tolerance)
    bounded = [f for f in (a, b) if f.lower is not None and f.upper is None]
    points = [f for f in (a, b) if f not in bounded]
    if len(bounded) == 2:
        return "consistent", "both figures are lower bounds", tol
    if len(bounded) == 1 and points:
        verdict, reason = compare_with_bounds(bounded[0], points[0].value)
        return verdict, f"{points[0].claim.source} gives {points[0].value:,.0f} km²; {reason}", tol
    verdict, reason = compare_with_bounds(a, b.value)
    return verdict, reason, tol


# ---------------------------------------------------------------- the checks


def area_figures(claims: list[ClaimRecord]) -> list[AreaFigure]:
    """Area quantities of claims, each with the interval its claim gives ("since ...")."""
    figures = []
    seen: set[tuple[Any, ...]] = set()
    for claim in claims:
        for quantity in claim.quantities:
            if quantity.get("kind") != "area" or quantity.get("unit") not in ("km2", None):
                continue
            begin, end = claim_interval(claim)
            figure = AreaFigure(claim, quantity, begin, end)
            # A source quoted twice in one report (indirectly, then directly) is one figure.
            key = (claim.report_id, claim.source, figure.value, figure.lower, begin, end)
            if key not in seen:
                seen.add(key)
                figures.append(figure)
    return figures


def claim_interval(claim: ClaimRecord) -> tuple[dt.date | None, dt.date]:
    """Start of the interval a claim measures over (a "since" or duration expression) and its
    end (the expression's end, else the report date)."""
    for time in claim.times:
        begin = _date(time.get("begin"))
        if begin is not None and (time.get("role") in ("since", "duration") or time.get("type") == "DURATION"):
            return begin, _date(time.get("end_date")) or claim.report_date
    return None, claim.report_date


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def compare_nested(longer: AreaFigure, shorter: AreaFigure) -> tuple[str, str, float]:
    """Figures over nested windows: the longer window must hold at least the ground of the
    shorter one (gains of one side within an offensive), so its largest plausible value must
    reach the shorter figure's smallest plausible one."""
    tol = max(longer.tolerance, shorter.tolerance)
    most = longer.upper if longer.upper is not None else (None if longer.lower is not None else longer.value)
    least = shorter.lower if shorter.lower is not None else (0.0 if shorter.upper is not None else shorter.value)
    if most is None:
        return "consistent", f"{longer.claim.source}'s figure is a lower bound, so it can hold {shorter.claim.source}'s", tol
    ok = most * (1 + tol) >= least * (1 - tol)
    return ("consistent" if ok else "inconsistent",
            f"{most:,.0f} km² since {longer.begin} {'can' if ok else 'cannot'} hold {least:,.0f} km² since "
            f"{shorter.begin} (±{tol:.0%})", tol)


def check_same_quantity(figures: list[AreaFigure]) -> list[dict[str, Any]]:
    """Pairs of area figures from different sources, measuring the same side's gain, whose
    intervals end within a few days of each other.

    Start dates within ``PAIR_WINDOW_DAYS``: the same quantity — the values are compared
    (``same_quantity``) and the start dates must agree within a day (``dates``). Further
    apart: nested windows, where the longer one must hold at least the shorter's ground.
    """
    results = []
    for i, a in enumerate(figures):
        for b in figures[i + 1:]:
            if a.claim.source == b.claim.source or a.begin is None or b.begin is None:
                continue
            if abs((a.end - b.end).days) > PAIR_WINDOW_DAYS:
                continue
            if a.gainer != b.gainer and "unknown" not in (a.gainer, b.gainer):
                continue
            values = {"a": a.describe(), "b": b.describe()}
            gap = abs((a.begin - b.begin).days)
            if gap > PAIR_WINDOW_DAYS:
                longer, shorter = (a, b) if a.begin < b.begin else (b, a)
                verdict, reason, tol = compare_nested(longer, shorter)
                results.append(check("same_quantity", verdict, [longer.claim, shorter.claim], values, tol,
                                     f"{longer.claim.source} counts from {longer.begin}, {shorter.claim.source} "
                                     f"from {shorter.begin} (nested windows): {reason}"))
                continue
            verdict, reason, tol = compare_figures(a, b)
            results.append(check("same_quantity", verdict, [a.claim, b.claim], values, tol,
                                 f"{a.claim.source} vs {b.claim.source}: {reason}"))
            date_verdict = "consistent" if gap <= DATE_TOLERANCE_DAYS else "inconsistent"
            results.append(check(
                "dates", date_verdict, [a.claim, b.claim],
                {"a": a.begin.isoformat(), "b": b.begin.isoformat(), "difference_days": gap},
                f"{DATE_TOLERANCE_DAYS} day",
                f"{a.claim.source} counts from {a.begin}, {b.claim.source} from {b.begin}: "
                f"{gap} day(s) apart" + (" (within tolerance)" if gap <= DATE_TOLERANCE_DAYS else ""),
            ))
    return results


def window_note(figure: AreaFigure, window: tuple[dt.date, dt.date] | None) -> str:
    """Says when the measurement's window is not the claim's own."""
    if window is None or figure.begin is None or window == (figure.begin, figure.end):
        return ""
    return (f" (claim window {figure.begin} → {figure.end}, map window {window[0]} → {window[1]}: "
            "the nearest maps on or before each date)")


def check_area_vs_control(figures: list[AreaFigure], measure: Any) -> list[dict[str, Any]]:
    """Each area figure against the ground the maps (or the settlement model) say changed
    over the claim's own interval.

    ``measure(begin, end, gainer)`` returns ``(km², description, (first, last) window)`` or
    ``(None, why not, None)``.
    """
    results = []
    for figure in figures:
        if figure.begin is None:
            results.append(check("area_vs_control", "unverifiable", [figure.claim], figure.describe(), None,
                                 "the claim gives no interval to measure the change over"))
            continue
        measured, how, window = measure(figure.begin, figure.end, figure.gainer)
        values = {"claim": figure.describe(), "measured_km2": measured, "measured_by": how,
                  "measured_window": [d.isoformat() for d in window] if window else None}
        if measured is None:
            results.append(check("area_vs_control", "unverifiable", [figure.claim], values, None, how))
            continue
        verdict, reason = compare_with_bounds(figure, measured)
        results.append(check("area_vs_control", verdict, [figure.claim], values, figure.tolerance,
                             f"{how}{window_note(figure, window)}: {reason} (tolerance ±{figure.tolerance:.0%}, "
                             f"{figure.tolerance_reason})"))
    return results


def stem(word: str) -> str:
    """A crude stem that lets "controlled"/"control" and "withdrawal"/"withdraw" meet."""
    for suffix in ("ing", "ed", "es", "s", "al"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:6]


def content_stems(text: str) -> list[str]:
    return [stem(w) for w in re.findall(r"[a-z]+", text.lower()) if w not in STOPWORDS and len(w) > 2]


def negation_scope(text: str) -> list[str]:
    """Content stems of what a negated claim denies: from its negation cue to the clause end
    ("are not conducting a controlled withdrawal and are ..." → conduct, control, withdr).
    Empty when the negation is silence ("did not mention X") or too short to compare."""
    cue = NEGATION_CUE.search(text)
    if cue is None:
        return []
    rest = text[cue.end():]
    stop = CLAUSE_END.search(rest)
    scope = content_stems(rest[: stop.start()] if stop else rest)
    if len(scope) < 2 or scope[0] in {stem(w) for w in SILENCE_WORDS}:
        return []
    return scope


def denies(scope: list[str], other: ClaimRecord) -> list[str]:
    """The stems a claim shares with a denial's scope, if it states the denied proposition:
    at least two thirds of the scope (and two stems), including its last one (the head of
    the denied phrase, "withdrawal" in "a controlled withdrawal")."""
    words = set(content_stems(other.text))
    shared = [w for w in dict.fromkeys(scope) if w in words]
    if scope[-1] not in words or len(shared) < max(2, -(-2 * len(set(scope)) // 3)):
        return []
    return shared


def _same_event_kind(a: ClaimRecord, b: ClaimRecord) -> bool:
    """Claims that both carry typed events must share an event type to be about one thing."""
    kinds_a, kinds_b = {e.get("type") for e in a.events}, {e.get("type") for e in b.events}
    return not kinds_a or not kinds_b or bool(kinds_a & kinds_b)


def check_negations(claims: list[ClaimRecord]) -> list[dict[str, Any]]:
    """A claim against another source's rejection of the same proposition.

    Pairs come from an explicit link (``target_claim``: "a Russian announcement … has been
    dismissed") or from a negated claim whose denied phrase another source's claim states
    ("are not conducting a controlled withdrawal" vs "a controlled withdrawal"); word overlap
    alone is not enough. Claims that are rejections themselves are never the rejected side.
    """
    by_id = {c.id: c for c in claims}
    seen: set[frozenset[str]] = set()
    results = []

    def add(rejecting: ClaimRecord, rejected: ClaimRecord, how: str, shared: list[str]) -> None:
        pair = frozenset((rejecting.id, rejected.id))
        if pair in seen or rejecting.source == rejected.source:
            return
        seen.add(pair)
        results.append(check(
            "negation", "inconsistent", [rejected, rejecting],
            {"contradicted": {"claim_id": rejected.id, "source": rejected.source, "stance": rejected.stance},
             "contradicted_by": {"claim_id": rejecting.id, "source": rejecting.source, "stance": rejecting.stance},
             "shared_terms": shared},
            None,
            f"{rejected.source}'s claim \"{rejected.text}\" is contradicted by {rejecting.source}, who {how}: "
            "both cannot be true",
        ))

    for claim in claims:
        target = by_id.get(claim.target_claim or "")
        if target is not None:
            add(claim, target, f"rejects it (\"{claim.text}\")", [])
    for claim in claims:
        scope = negation_scope(claim.text) if claim.stance == "negated" else []
        if not scope:
            continue
        for other in claims:
            if other.id == claim.id or other.source == claim.source or other.stance == "negated" or other.target_claim:
                continue
            if abs((other.report_date - claim.report_date).days) > PAIR_WINDOW_DAYS or not _same_event_kind(claim, other):
                continue
            shared = denies(scope, other)
            if shared:
                add(claim, other, f"says \"{claim.text}\"", shared)
    return results


def run_checks(claims: list[ClaimRecord], measure: Any) -> list[dict[str, Any]]:
    figures = area_figures(claims)
    return check_area_vs_control(figures, measure) + check_same_quantity(figures) + check_negations(claims)


# ---------------------------------------------------------------- the store


def load_claims(session: Any, date: dt.date | None = None) -> list[ClaimRecord]:
    """Claims of reports published on ``date`` (all when None) with their quantities, times
    and events (matched by span containment / ``claim_id``)."""
    from sqlalchemy import select

    from frontwatch.store.schema import ClaimRow, EventRow, QuantityRow, ReportRow, TimeRow

    reports = select(ReportRow.id, ReportRow.published)
    if date is not None:
        reports = reports.where(ReportRow.published >= date - dt.timedelta(days=PAIR_WINDOW_DAYS),
                                ReportRow.published <= date)
    published = dict(session.execute(reports).all())
    ids = list(published)
    # Claim ids as the extractor gave them (``target_claim`` and ``Event.claim_id`` use them).
    claims = [
        ClaimRecord((row.data or {}).get("id") or row.id, row.report_id, published[row.report_id], row.source,
                    row.stance, row.text, row.start, row.end, row.target_claim)
        for row in session.scalars(select(ClaimRow).where(ClaimRow.report_id.in_(ids)))
    ]
    by_report: dict[str, list[ClaimRecord]] = {}
    for claim in claims:
        by_report.setdefault(claim.report_id, []).append(claim)
    by_id = {c.id: c for c in claims}
    for table, attr in ((QuantityRow, "quantities"), (TimeRow, "times")):
        for row in session.scalars(select(table).where(table.report_id.in_(ids))):
            for claim in by_report.get(row.report_id, []):
                if claim.start <= row.start and row.end <= claim.end:
                    getattr(claim, attr).append({**(row.data or {}), "id": row.id})
    for row in session.scalars(select(EventRow).where(EventRow.report_id.in_(ids))):
        if row.claim_id in by_id:
            by_id[row.claim_id].events.append({**(row.data or {}), "id": row.id})
    return claims


def verify(session: Any, date: dt.date | None = None) -> list[dict[str, Any]]:
    """All cross-checks over the stored claims (of reports published on ``date``)."""
    from frontwatch.analysis.areas import known_settlements, model_change, snapshot_change
    from frontwatch.analysis.control import load_snapshot, model_series

    claims = load_claims(session, date)
    series_cache: dict[str, Any] = {}

    def measure(begin: dt.date, end: dt.date, gainer: str) -> tuple[float | None, str, tuple[dt.date, dt.date] | None]:
        first, last = load_snapshot(session, begin), load_snapshot(session, end)
        if first is not None and last is not None and first.date < last.date:
            figures = snapshot_change(first, last).figures
            key = {"UA": "gained_by_ua_km2", "RU": "gained_by_ru_km2"}.get(gainer)
            km2 = figures[key] if key else abs(figures["russian_held_change_km2"])
            return km2, f"{first.publisher} maps {first.date} → {last.date}", (first.date, last.date)
        series = series_cache.setdefault("model", model_series(session))
        known = known_settlements(series, begin, end)
        if len(known) < 20:
            return None, ("no imported control map covers the interval and the settlement model has "
                          "no baseline for it (frontwatch control import FILE…)"), None
        change = model_change(series, begin, end)
        km2 = {"UA": change.figures["to_UA_km2"], "RU": change.figures["to_RU_km2"]}.get(
            gainer, abs(change.figures["ru_held_change_km2"]))
        return km2, f"settlement model {begin} → {end}", (begin, end)

    results = run_checks(claims, measure)
    if date is not None:
        today = {c.id for c in claims if c.report_date == date}
        results = [r for r in results if today & set(r["claims"])]
    return results
