"""Resolve forecasts against the events of later reports.

A forecast resolves **true** when a report published after the forecast's report contains an
asserted event that matches it:

* same type family (``TYPE_FAMILIES``): a predicted capture is confirmed by a capture or an
  entry into the place ("troops entered Izium") by the same side, or by the other side's
  withdrawal from it (not by an advance "towards" it or "gains in the area"); a
  predicted withdrawal by a capture of the place by the other side; other types by themselves;
* compatible sides (``unknown`` is compatible with anything);
* same or nested place: same GeoNames id (or our own feature key), settlements within
  ``NEAR_KM`` km of each other (rivers and areas do not match by distance), or the
  event's place inside the forecast's oblast (admin1) or country; a forecast without a place
  matches an event anywhere;
* on time: an event with its own date must fall between the forecast's report date and the
  deadline; an event dated only by its report (no time expression) counts when that report was
  published by the deadline plus ``GRACE_DAYS`` — reports lag the events they describe.

It resolves **false** when the deadline plus ``GRACE_DAYS`` has passed with no match and the
store holds a report published after that day (so silence is evidence, not a gap in the data).
Otherwise it stays **open**. A forecast that an event will *not* happen (``occurs=False``:
"unlikely to hold Lyman") inverts both outcomes.

Automatic outcomes are written to ``forecast_outcomes`` (rewritten only when they change, so a
re-run is idempotent); a person's override lives in ``forecast_overrides`` and wins.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from frontwatch.gazetteer.geo import haversine_km
from frontwatch.store.forecast_tables import ForecastOutcomeRow, ForecastOverrideRow
from frontwatch.store.schema import EventRow, ForecastRow, ReportRow, utcnow

GRACE_DAYS = 3
NEAR_KM = 15.0
OUTCOMES = ("true", "false", "open")

# Predicted type → (observed type, how the observed initiator relates to the predicted one).
# "same": the same side does it; "other": the opposing side does the complementary thing.
TYPE_FAMILIES: dict[str, tuple[tuple[str, str], ...]] = {
    "capture": (("capture", "same"), ("advance", "entry"), ("withdrawal", "other")),
    "advance": (("advance", "same"), ("capture", "same")),
    "withdrawal": (("withdrawal", "same"), ("capture", "other")),
    "clash": (("clash", "same"), ("clash", "other")),
    "air_strike": (("air_strike", "same"), ("air_defense", "other")),
    "artillery": (("artillery", "same"),),
}
# "troops entered Izium": the one advance that takes a place ("advanced towards" does not).
ENTRY_TRIGGERS = {"enter", "enters", "entered", "entering", "entry"}
_OPPOSITE_SIDE = {"UA": "RU", "RU": "UA"}
# Features with a point location: only these match by distance (a river's or an oblast's
# coordinates are one arbitrary point of a line or an area).
POINT_FEATURES = {"settlement"}
_NOT_ASSERTED_STANCES = {"negated", "disputed", "dismissed"}


@dataclass(frozen=True)
class PlaceRef:
    """The parts of a place that matching looks at."""

    name: str = ""
    geonameid: int | None = None
    key: str = ""
    lat: float | None = None
    lon: float | None = None
    country_code: str = ""
    admin1_code: str = ""
    feature: str = "settlement"

    @classmethod
    def from_data(cls, data: dict[str, Any] | None) -> PlaceRef | None:
        if not data:
            return None
        return cls(
            name=data.get("name") or data.get("text") or "",
            geonameid=data.get("geonameid"),
            key=data.get("key") or "",
            lat=data.get("lat"),
            lon=data.get("lon"),
            country_code=data.get("country_code") or "",
            admin1_code=data.get("admin1_code") or "",
            feature=data.get("feature") or "settlement",
        )


@dataclass(frozen=True)
class PredictedEvent:
    """A stored forecast, as resolution sees it."""

    id: str
    report_id: str
    report_date: dt.date
    deadline: dt.date | None
    event_type: str
    initiator_side: str = "unknown"
    target_side: str = "unknown"
    place: PlaceRef | None = None
    occurs: bool = True


@dataclass(frozen=True)
class ObservedEvent:
    """A stored event of some report, as resolution sees it."""

    id: str
    report_id: str
    report_date: dt.date
    type: str
    initiator_side: str = "unknown"
    target_side: str = "unknown"
    place: PlaceRef | None = None
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    dated_by_report: bool = True  # no time expression: happened on or before its report
    start: int = 0
    end: int = 0
    text: str = ""
    trigger: str = ""

    def evidence(self) -> dict[str, Any]:
        return {
            "event_id": self.id,
            "report_id": self.report_id,
            "report_date": self.report_date.isoformat(),
            "event_type": self.type,
            "place": self.place.name if self.place else "",
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }


@dataclass
class Resolution:
    forecast_id: str
    outcome: str
    rule: str
    evidence: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class ResolveSummary:
    """What one run of automatic resolution did."""

    as_of: dt.date | None
    counts: dict[str, int]
    changed: int


# --- matching -----------------------------------------------------------------------------


def _sides_compatible(expected: str, observed: str) -> bool:
    return expected in ("", "unknown") or observed in ("", "unknown") or expected == observed


def _opposite(side: str) -> str:
    return _OPPOSITE_SIDE.get(side, "unknown")


def _sides_match(forecast: PredictedEvent, event: ObservedEvent, relation: str) -> bool:
    if relation == "entry" and event.trigger.lower() not in ENTRY_TRIGGERS:
        return False
    if relation in ("same", "entry"):
        return _sides_compatible(forecast.initiator_side, event.initiator_side) and (
            _sides_compatible(forecast.target_side, event.target_side)
        )
    # "other": the observed initiator is the side the forecast's initiator acts against.
    expected_initiator = (
        forecast.target_side
        if forecast.target_side not in ("", "unknown")
        else _opposite(forecast.initiator_side)
    )
    return _sides_compatible(expected_initiator, event.initiator_side) and _sides_compatible(
        forecast.initiator_side, event.target_side
    )


def places_match(predicted: PlaceRef | None, observed: PlaceRef | None) -> bool:
    """Same place, a place within ``NEAR_KM``, or the observed place inside the predicted area."""
    if predicted is None:
        return True
    if observed is None:
        return False
    if predicted.geonameid is not None and predicted.geonameid == observed.geonameid:
        return True
    if predicted.key and predicted.key == observed.key:
        return True
    points = predicted.feature in POINT_FEATURES and observed.feature in POINT_FEATURES
    if points and None not in (predicted.lat, predicted.lon, observed.lat, observed.lon):
        if haversine_km(predicted.lat, predicted.lon, observed.lat, observed.lon) <= NEAR_KM:
            return True
    same_country = bool(predicted.country_code) and (
        predicted.country_code == observed.country_code
    )
    if predicted.feature == "country":
        return same_country
    if predicted.feature == "admin1":
        return same_country and bool(predicted.admin1_code) and (
            predicted.admin1_code == observed.admin1_code
        )
    return False


def _on_time(forecast: PredictedEvent, event: ObservedEvent, grace: int) -> bool:
    if event.report_date <= forecast.report_date:
        return False
    if forecast.deadline is None:
        return True
    if event.dated_by_report or event.date_start is None:
        return event.report_date <= forecast.deadline + dt.timedelta(days=grace)
    last_day = event.date_end or event.date_start
    return event.date_start <= forecast.deadline and last_day >= forecast.report_date


def matches(forecast: PredictedEvent, event: ObservedEvent, grace: int = GRACE_DAYS) -> bool:
    """Does ``event`` confirm that what ``forecast`` predicted happened in time?"""
    family = TYPE_FAMILIES.get(forecast.event_type, ((forecast.event_type, "same"),))
    return (
        any(
            event.type == observed_type and _sides_match(forecast, event, relation)
            for observed_type, relation in family
        )
        and places_match(forecast.place, event.place)
        and _on_time(forecast, event, grace)
    )


def resolve_forecast(
    forecast: PredictedEvent,
    events: Iterable[ObservedEvent],
    latest_report: dt.date | None,
    grace: int = GRACE_DAYS,
) -> Resolution:
    """The automatic outcome of one forecast given the store's events and its latest report."""
    found = sorted(
        (e for e in events if matches(forecast, e, grace)),
        key=lambda e: (e.report_date, e.report_id, e.start),
    )
    yes, no = ("true", "false") if forecast.occurs else ("false", "true")
    if found:
        rule = f"matching {forecast.event_type} reported on {found[0].report_date}"
        return Resolution(forecast.id, yes, rule, [e.evidence() for e in found])
    if forecast.deadline is None:
        return Resolution(forecast.id, "open", "no deadline and no matching event yet")
    cutoff = forecast.deadline + dt.timedelta(days=grace)
    if latest_report is not None and latest_report > cutoff:
        rule = f"no matching event by {forecast.deadline} (+{grace} d grace); reports up to {latest_report}"
        return Resolution(forecast.id, no, rule)
    return Resolution(forecast.id, "open", f"waiting for reports after {cutoff}")


# --- the store ----------------------------------------------------------------------------


def _predicted(row: ForecastRow) -> PredictedEvent:
    data = row.data or {}
    return PredictedEvent(
        id=row.id,
        report_id=row.report_id,
        report_date=row.report_date,
        deadline=row.deadline,
        event_type=row.event_type,
        initiator_side=data.get("initiator_side") or "unknown",
        target_side=data.get("target_side") or "unknown",
        place=PlaceRef.from_data(data.get("place")),
        occurs=bool(data.get("occurs", True)),
    )


def _observed(row: EventRow, report_date: dt.date) -> ObservedEvent:
    data = row.data or {}
    return ObservedEvent(
        id=row.id,
        report_id=row.report_id,
        report_date=report_date,
        type=row.type,
        initiator_side=row.initiator_side or "unknown",
        target_side=row.target_side or "unknown",
        place=PlaceRef.from_data(data.get("place")),
        date_start=row.date_start,
        date_end=row.date_end,
        dated_by_report=data.get("time_from", "report_date") != "expression",
        start=row.start,
        end=row.end,
        text=row.text,
        trigger=data.get("trigger") or "",
    )


def _load_observed_events(session: Session, forecasts: Sequence[ForecastRow]) -> list[ObservedEvent]:
    """Asserted events, minus those that merely restate a forecast (they lie inside its span)."""
    forecast_spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for f in forecasts:
        forecast_spans[f.report_id].append((f.start, f.end))
    query = (
        select(EventRow, ReportRow.published)
        .join(ReportRow, ReportRow.id == EventRow.report_id)
        .where(EventRow.asserted.is_(True))
    )
    events = []
    for row, published in session.execute(query):
        if (row.data or {}).get("stance", "asserted") in _NOT_ASSERTED_STANCES:
            continue
        spans = forecast_spans.get(row.report_id, ())
        if any(s <= row.start and row.end <= e for s, e in spans):
            continue
        events.append(_observed(row, published))
    return events


class _EventIndex:
    """Events of one type sorted by date, so that a forecast's candidates are a few slices
    holding every event that can be on time for it (see ``_on_time``). Resolution then costs
    forecasts × events in each forecast's time window, not forecasts × all events."""

    def __init__(self, events: Iterable[ObservedEvent]) -> None:
        self.by_report = sorted(events, key=lambda e: e.report_date)
        self.report_days = [e.report_date for e in self.by_report]
        self.undated = [e for e in self.by_report if e.dated_by_report or e.date_start is None]
        self.undated_days = [e.report_date for e in self.undated]
        self.dated = sorted((e for e in self.by_report if not (e.dated_by_report or e.date_start is None)),
                            key=lambda e: e.date_start)
        self.dated_starts = [e.date_start for e in self.dated]
        # the longest event: an event ending on or after the forecast's day starts at most this before it
        self.max_span = max(((e.date_end or e.date_start) - e.date_start for e in self.dated),
                            default=dt.timedelta(0))

    def candidates(self, forecast: PredictedEvent, grace: int) -> list[ObservedEvent]:
        after = forecast.report_date
        if forecast.deadline is None:  # any later report's event
            return self.by_report[bisect.bisect_right(self.report_days, after):]
        cutoff = forecast.deadline + dt.timedelta(days=grace)
        undated = self.undated[bisect.bisect_right(self.undated_days, after):
                               bisect.bisect_right(self.undated_days, cutoff)]
        dated = self.dated[bisect.bisect_left(self.dated_starts, after - self.max_span):
                           bisect.bisect_right(self.dated_starts, forecast.deadline)]
        return undated + dated


def resolve_store(session: Session, grace: int = GRACE_DAYS) -> ResolveSummary:
    """Resolve every stored forecast and write the automatic outcomes; safe to re-run."""
    forecasts = list(session.scalars(select(ForecastRow).order_by(ForecastRow.id)))
    latest = session.scalar(select(func.max(ReportRow.published)))
    events = _load_observed_events(session, forecasts)
    by_type: dict[str, list[ObservedEvent]] = defaultdict(list)
    for e in events:
        by_type[e.type].append(e)
    indexes = {t: _EventIndex(typed) for t, typed in by_type.items()}
    existing = {row.forecast_id: row for row in session.scalars(select(ForecastOutcomeRow))}
    counts = dict.fromkeys(OUTCOMES, 0)
    changed = 0
    for row in forecasts:
        forecast = _predicted(row)
        family = TYPE_FAMILIES.get(forecast.event_type, ((forecast.event_type, "same"),))
        candidates = [e for t in dict.fromkeys(t for t, _ in family) if t in indexes
                      for e in indexes[t].candidates(forecast, grace)]
        result = resolve_forecast(forecast, candidates, latest, grace)
        counts[result.outcome] += 1
        changed += _store_outcome(session, existing.pop(row.id, None), result, latest)
    if existing:  # outcomes of forecasts that no longer exist
        session.execute(
            delete(ForecastOutcomeRow).where(ForecastOutcomeRow.forecast_id.in_(list(existing)))
        )
    return ResolveSummary(as_of=latest, counts=counts, changed=changed)


def _store_outcome(
    session: Session, row: ForecastOutcomeRow | None, result: Resolution, as_of: dt.date | None
) -> int:
    """Write ``result`` unless the stored outcome already says the same; 1 if written."""
    if row is not None and (row.outcome, row.rule, row.evidence, row.as_of) == (
        result.outcome,
        result.rule,
        result.evidence,
        as_of,
    ):
        return 0
    row = row or ForecastOutcomeRow(forecast_id=result.forecast_id)
    row.outcome, row.rule, row.evidence, row.as_of = (
        result.outcome,
        result.rule,
        result.evidence,
        as_of,
    )
    row.resolved_at = utcnow()
    session.add(row)
    return 1


def set_override(session: Session, forecast_id: str, outcome: str, note: str) -> ForecastOverrideRow:
    """Record a person's verdict; raises ``KeyError`` for an unknown forecast id."""
    if outcome not in ("true", "false"):
        raise ValueError(f"outcome must be true or false, not {outcome!r}")
    if session.get(ForecastRow, forecast_id) is None:  # the store keeps the record's id
        raise KeyError(forecast_id)
    row = session.get(ForecastOverrideRow, forecast_id) or ForecastOverrideRow(
        forecast_id=forecast_id
    )
    row.outcome, row.note, row.created_at = outcome, note, utcnow()
    session.add(row)
    return row


# --- reading outcomes back ----------------------------------------------------------------


@dataclass
class ForecastStatus:
    """A stored forecast with its effective outcome (an override wins over the automatic one)."""

    id: str
    report_id: str
    source: str
    text: str
    report_date: dt.date
    deadline: dt.date | None
    deadline_defaulted: bool
    horizon_rule: str
    p_low: float
    p_high: float
    band: str
    event_type: str
    place: str
    basis: str = "asserted"  # how the probability was stated: term, hedge, number, asserted
    start: int = 0  # character span of the forecast in its report
    end: int = 0
    outcome: str = "open"
    outcome_by: str = "none"  # "auto", "manual" or "none" (never resolved)
    rule: str = ""
    note: str = ""
    evidence: list[dict[str, Any]] = field(default_factory=list)


def forecast_statuses(session: Session, source: str | None = None) -> list[ForecastStatus]:
    """Every stored forecast (optionally of one source, case-insensitive) with its outcome."""
    query = select(ForecastRow).order_by(ForecastRow.report_date, ForecastRow.id)
    if source:
        query = query.where(func.lower(ForecastRow.source) == source.lower())
    auto = {r.forecast_id: r for r in session.scalars(select(ForecastOutcomeRow))}
    manual = {r.forecast_id: r for r in session.scalars(select(ForecastOverrideRow))}
    statuses = []
    for row in session.scalars(query):
        data = row.data or {}
        status = ForecastStatus(
            id=row.id,
            report_id=row.report_id,
            source=row.source,
            text=row.text,
            report_date=row.report_date,
            deadline=row.deadline,
            deadline_defaulted=row.deadline_defaulted,
            horizon_rule=data.get("horizon_rule", ""),
            p_low=row.p_low,
            p_high=row.p_high,
            band=(data.get("certainty") or {}).get("term", ""),
            event_type=row.event_type,
            place=(PlaceRef.from_data(data.get("place")) or PlaceRef()).name,
            basis=(data.get("certainty") or {}).get("basis", "asserted"),
            start=row.start,
            end=row.end,
        )
        if row.id in auto:
            a = auto[row.id]
            status.outcome, status.outcome_by = a.outcome, "auto"
            status.rule, status.evidence = a.rule, list(a.evidence or [])
        if row.id in manual:
            m = manual[row.id]
            status.outcome, status.outcome_by, status.note = m.outcome, "manual", m.note
        statuses.append(status)
    return statuses
