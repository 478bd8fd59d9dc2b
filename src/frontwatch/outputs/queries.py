"""Read-side queries shared by the JSON API, the daily brief and the dashboard.

Everything here reads the store and returns plain JSON-ready dicts; nothing writes to the
tables of the pipeline. Two things are built for scale rather than for the sample corpus:
events can be aggregated on a grid server-side (``event_grid``: one GROUP BY, so a map of
100k events costs a few hundred cells), and the per-day timeline is a GROUP BY as well.
Full-text search uses SQLite FTS5 (a derived index ``reports_fts`` kept in step with
``reports``) or PostgreSQL's ``to_tsvector``; user text is reduced to quoted words first,
so no search string can be a syntax error.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, func, select, text
from sqlalchemy.orm import Session

from frontwatch.store import repository
from frontwatch.store.event_merges import EventMergeRow
from frontwatch.store.schema import ClaimRow, EventRow, ForecastRow, PlaceRow, ReportRow

MAX_LIMIT = 500
HIGHLIGHT_OPEN, HIGHLIGHT_CLOSE = "\x02", "\x03"


@dataclass(frozen=True)
class BBox:
    """West, south, east, north in degrees (GeoJSON order)."""

    west: float
    south: float
    east: float
    north: float

    @classmethod
    def parse(cls, value: str) -> BBox:
        """``"minlon,minlat,maxlon,maxlat"``; raises ValueError with a readable reason."""
        parts = value.split(",")
        if len(parts) != 4:
            raise ValueError("bbox needs four comma-separated numbers: west,south,east,north")
        try:
            west, south, east, north = (float(p) for p in parts)
        except ValueError as exc:
            raise ValueError(f"bbox has a part that is not a number: {value!r}") from exc
        if not all(math.isfinite(v) for v in (west, south, east, north)):
            raise ValueError("bbox values must be finite numbers")
        if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
            raise ValueError("bbox must be west,south,east,north with longitudes in [-180, 180], "
                             "latitudes in [-90, 90] and south <= north")
        if west > east:
            raise ValueError("bbox west must not be greater than east (no antimeridian crossing)")
        return cls(west, south, east, north)


@dataclass(frozen=True)
class EventFilter:
    since: dt.date | None = None
    until: dt.date | None = None
    source: str | None = None
    side: str | None = None
    type: str | None = None
    bbox: BBox | None = None
    report_id: str | None = None
    include_merged: bool = False  # False: one row per merged event (the canonical one)

    def apply(self, query: Select) -> Select:
        conditions = []
        if self.since:
            conditions.append(EventRow.date_start >= self.since)
        if self.until:
            conditions.append(EventRow.date_start <= self.until)
        if self.source:
            conditions.append(func.lower(EventRow.source) == self.source.lower())
        if self.side:
            conditions.append(EventRow.initiator_side == self.side)
        if self.type:
            conditions.append(EventRow.type == self.type)
        if self.report_id:
            conditions.append(EventRow.report_id == self.report_id)
        if self.bbox:
            b = self.bbox
            conditions += [EventRow.lon >= b.west, EventRow.lon <= b.east,
                           EventRow.lat >= b.south, EventRow.lat <= b.north]
        if not self.include_merged:
            conditions.append(EventRow.merged_into.is_(None))
        return query.where(and_(*conditions)) if conditions else query


def page(session: Session, query: Select, limit: int, offset: int) -> tuple[int, list[Any]]:
    """Total row count of ``query`` and one page of its rows."""
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    rows = session.execute(query.limit(min(limit, MAX_LIMIT)).offset(offset)).all()
    return total, rows


def paged(total: int, limit: int, offset: int, items: list[dict[str, Any]]) -> dict[str, Any]:
    return {"total": total, "limit": limit, "offset": offset, "items": items}


# ---------------------------------------------------------------- reports


def report_summary(row: ReportRow) -> dict[str, Any]:
    return {"id": row.id, "published": row.published.isoformat(), "source": row.source,
            "title": row.title, "url": row.url, "status": row.status,
            "near_duplicate_of": row.near_duplicate_of}


def list_reports(session: Session, since: dt.date | None, until: dt.date | None,
                 source: str | None, limit: int, offset: int) -> dict[str, Any]:
    total, rows = page(session, repository.reports_query(since, until, source), limit, offset)
    return paged(total, limit, offset, [report_summary(r[0]) for r in rows])


def get_report(session: Session, report_id: str) -> dict[str, Any] | None:
    row = session.get(ReportRow, report_id)
    if row is None:
        return None
    return {**report_summary(row), "text": row.text, "sentences": row.sentences or [],
            "warnings": row.warnings or []}


def search_words(query: str) -> list[str]:
    """The words of a search string (letters/digits, any script), at most 20."""
    return re.findall(r"\w+", query)[:20]


def search_reports(session: Session, query: str, limit: int, offset: int) -> dict[str, Any]:
    """Reports whose title or text contain every word of ``query``, best match first, each
    with a snippet as segments ``[{"text", "match"}]`` (no markup to escape)."""
    words = search_words(query)
    if not words:
        raise ValueError("the search needs at least one word (letters or digits)")
    if session.get_bind().dialect.name == "postgresql":
        return _search_postgres(session, " ".join(words), limit, offset)
    ensure_fts(session)
    match = " ".join('"' + w.replace('"', "") + '"' for w in words)
    total = session.scalar(text("SELECT count(*) FROM reports_fts WHERE reports_fts MATCH :q"), {"q": match})
    rows = session.execute(
        text("SELECT report_id, snippet(reports_fts, 2, :o, :c, '…', 16) AS snip FROM reports_fts "
             "WHERE reports_fts MATCH :q ORDER BY bm25(reports_fts) LIMIT :limit OFFSET :offset"),
        {"q": match, "o": HIGHLIGHT_OPEN, "c": HIGHLIGHT_CLOSE, "limit": min(limit, MAX_LIMIT),
         "offset": offset},
    ).all()
    return _search_result(session, total or 0, rows, limit, offset)


def _search_postgres(session: Session, words: str, limit: int, offset: int) -> dict[str, Any]:
    document = func.to_tsvector("english", ReportRow.title + " " + ReportRow.text)
    tsquery = func.plainto_tsquery("english", words)
    base = select(ReportRow.id).where(document.op("@@")(tsquery))
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    options = f"StartSel={HIGHLIGHT_OPEN}, StopSel={HIGHLIGHT_CLOSE}, MaxFragments=2, MaxWords=20"
    rows = session.execute(
        select(ReportRow.id, func.ts_headline("english", ReportRow.text, tsquery, options))
        .where(document.op("@@")(tsquery))
        .order_by(func.ts_rank(document, tsquery).desc(), ReportRow.id)
        .limit(min(limit, MAX_LIMIT)).offset(offset)
    ).all()
    return _search_result(session, total, rows, limit, offset)


def _search_result(session: Session, total: int, rows: list[Any], limit: int, offset: int) -> dict[str, Any]:
    reports = {r.id: r for r in session.scalars(select(ReportRow).where(ReportRow.id.in_([r[0] for r in rows])))}
    items = [{**report_summary(reports[rid]), "snippet": snippet_segments(snip)}
             for rid, snip in rows if rid in reports]
    return paged(total, limit, offset, items)


def snippet_segments(snippet: str) -> list[dict[str, Any]]:
    segments = []
    for i, part in enumerate(re.split(f"[{HIGHLIGHT_OPEN}{HIGHLIGHT_CLOSE}]", snippet or "")):
        if part:
            segments.append({"text": part, "match": i % 2 == 1})
    return segments


def ensure_fts(session: Session) -> None:
    """Create the FTS5 index of report titles and texts and add reports it lacks.

    Report ids are derived from the text's hash, so a stored id never changes its text: rows
    only need adding (new reports) or removing (deleted ones), never updating.
    """
    session.execute(text(
        "CREATE VIRTUAL TABLE IF NOT EXISTS reports_fts USING fts5("
        "report_id UNINDEXED, title, text, tokenize='unicode61 remove_diacritics 2')"
    ))
    indexed = session.scalar(text("SELECT count(*) FROM reports_fts")) or 0
    stored = session.scalar(select(func.count()).select_from(ReportRow)) or 0
    if indexed == stored:
        return
    session.execute(text("DELETE FROM reports_fts WHERE report_id NOT IN (SELECT id FROM reports)"))
    session.execute(text(
        "INSERT INTO reports_fts(report_id, title, text) SELECT id, title, text FROM reports "
        "WHERE id NOT IN (SELECT report_id FROM reports_fts)"
    ))


# ---------------------------------------------------------------- events


def certainty_of(data: dict[str, Any]) -> dict[str, Any]:
    certainty = data.get("certainty") or {}
    return {"term": certainty.get("term", ""), "p_low": certainty.get("p_low", 1.0),
            "p_high": certainty.get("p_high", 1.0), "basis": certainty.get("basis", "asserted"),
            "scale": certainty.get("scale", "PHIA")}


def event_dict(row: EventRow, merge: EventMergeRow | None = None) -> dict[str, Any]:
    data = row.data or {}
    place = data.get("place") or {}
    return {
        "id": row.id, "report_id": row.report_id, "type": row.type,
        "side": row.initiator_side, "target_side": row.target_side,
        "date_start": row.date_start.isoformat() if row.date_start else None,
        "date_end": row.date_end.isoformat() if row.date_end else None,
        "place": row.place_name, "admin1": place.get("admin1_name", ""),
        "lat": row.lat, "lon": row.lon, "source": row.source, "stance": data.get("stance", "asserted"),
        "asserted": row.asserted, "certainty": certainty_of(data),
        "quantities": [q.get("text", "") for q in data.get("quantities") or []],
        "evidence": {"report_id": row.report_id, "start": row.start, "end": row.end, "text": row.text},
        "n_reports": merge.n_reports if merge else 1,
        "n_sources": merge.n_sources if merge else 1,
        "sources": list(merge.sources) if merge else [row.source],
        "acled": [row.acled_event_type, row.acled_sub_event_type],
    }


def list_events(session: Session, where: EventFilter, limit: int, offset: int) -> dict[str, Any]:
    query = where.apply(select(EventRow)).order_by(EventRow.date_start, EventRow.id)
    total, rows = page(session, query, limit, offset)
    events = [r[0] for r in rows]
    merges = {m.canonical_id: m for m in session.scalars(
        select(EventMergeRow).where(EventMergeRow.canonical_id.in_([e.id for e in events])))}
    return paged(total, limit, offset, [event_dict(e, merges.get(e.id)) for e in events])


def get_event(session: Session, event_id: str) -> dict[str, Any] | None:
    row = session.get(EventRow, event_id)
    if row is None:
        return None
    merge = session.get(EventMergeRow, row.merged_into or row.id)
    return event_dict(row, merge)


def grid_size(zoom: int) -> float:
    """Degrees per grid cell at a Leaflet zoom level: about 40 px per cell on screen."""
    return 360.0 / (2 ** zoom) / 256 * 40


def event_grid(session: Session, where: EventFilter, zoom: int) -> dict[str, Any]:
    """Located events counted per grid cell (and per type in it) for the map at ``zoom``."""
    size = grid_size(zoom)
    cx = func.floor(EventRow.lon / size).label("cx")
    cy = func.floor(EventRow.lat / size).label("cy")
    query = where.apply(
        select(cx, cy, EventRow.type, func.count().label("n"), func.avg(EventRow.lat), func.avg(EventRow.lon),
               func.min(EventRow.id))
        .where(EventRow.lat.is_not(None), EventRow.lon.is_not(None))
    ).group_by(cx, cy, EventRow.type)
    cells: dict[tuple[int, int], dict[str, Any]] = {}
    for x, y, kind, n, lat, lon, first_id in session.execute(query):
        cell = cells.setdefault((int(x), int(y)), {"n": 0, "lat_sum": 0.0, "lon_sum": 0.0, "types": {}, "id": first_id})
        cell["n"] += n
        cell["lat_sum"] += lat * n
        cell["lon_sum"] += lon * n
        cell["types"][kind] = n
    items = [
        {"lat": round(c["lat_sum"] / c["n"], 5), "lon": round(c["lon_sum"] / c["n"], 5), "n": c["n"],
         "types": c["types"], "top_type": max(c["types"], key=c["types"].get),
         "event_id": c["id"] if c["n"] == 1 else None,
         "bbox": [x * size, y * size, (x + 1) * size, (y + 1) * size]}
        for (x, y), c in cells.items()
    ]
    return {"zoom": zoom, "cell_degrees": size, "total": sum(c["n"] for c in items), "cells": items}


def events_per_day(session: Session, where: EventFilter) -> list[dict[str, Any]]:
    query = where.apply(
        select(EventRow.date_start, EventRow.type, func.count()).where(EventRow.date_start.is_not(None))
    ).group_by(EventRow.date_start, EventRow.type).order_by(EventRow.date_start)
    days: dict[str, dict[str, Any]] = {}
    for day, kind, n in session.execute(query):
        entry = days.setdefault(day.isoformat(), {"date": day.isoformat(), "n": 0, "types": {}})
        entry["n"] += n
        entry["types"][kind] = n
    return list(days.values())


# ---------------------------------------------------------------- places


def list_places(session: Session, name: str | None, bbox: BBox | None, limit: int, offset: int) -> dict[str, Any]:
    """Resolved places with how often they are mentioned, most mentioned first."""
    key = func.coalesce(PlaceRow.key, PlaceRow.name)
    query = select(key.label("key"), func.min(PlaceRow.name), func.min(PlaceRow.feature),
                   func.avg(PlaceRow.lat), func.avg(PlaceRow.lon), func.min(PlaceRow.country_code),
                   func.min(PlaceRow.admin1_code), func.count().label("mentions"),
                   func.count(func.distinct(PlaceRow.report_id)))
    if name:
        query = query.where(func.lower(PlaceRow.name).contains(name.lower()))
    if bbox:
        query = query.where(PlaceRow.lon >= bbox.west, PlaceRow.lon <= bbox.east,
                            PlaceRow.lat >= bbox.south, PlaceRow.lat <= bbox.north)
    query = query.group_by(key).order_by(func.count().desc(), key)
    total, rows = page(session, query, limit, offset)
    items = [{"key": k, "name": n, "feature": f, "lat": lat, "lon": lon, "country_code": cc,
              "admin1_code": a1, "mentions": m, "reports": r} for k, n, f, lat, lon, cc, a1, m, r in rows]
    return paged(total, limit, offset, items)


# ---------------------------------------------------------------- claims and sources


def source_names(session: Session) -> dict[str, str]:
    """Canonical source id → the name most often written for it."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for source, data in session.execute(select(ClaimRow.source, ClaimRow.data)):
        name = (data or {}).get("source_name") or ""
        if name:
            counts[source][name] += 1
    return {source: names.most_common(1)[0][0] for source, names in counts.items()}


CERTAINTY_BANDS = (  # midpoint ≥ lower bound → band (PHIA-like wording, for grouping)
    (0.95, "almost certain"), (0.8, "highly likely"), (0.55, "likely"),
    (0.4, "realistic possibility"), (0.25, "unlikely"), (0.1, "highly unlikely"), (0.0, "remote chance"),
)


def band_of(p_low: float, p_high: float, basis: str = "") -> str:
    if basis == "asserted" and p_low >= 1.0:
        return "asserted"
    midpoint = (p_low + p_high) / 2
    return next(label for lower, label in CERTAINTY_BANDS if midpoint >= lower)


def list_claims(session: Session, since: dt.date | None, until: dt.date | None, source: str | None,
                stance: str | None, report_id: str | None, limit: int, offset: int) -> dict[str, Any]:
    query = (select(ClaimRow, ReportRow.published).join(ReportRow, ReportRow.id == ClaimRow.report_id)
             .order_by(ReportRow.published, ClaimRow.report_id, ClaimRow.start))
    if since:
        query = query.where(ReportRow.published >= since)
    if until:
        query = query.where(ReportRow.published <= until)
    if source:
        query = query.where(func.lower(ClaimRow.source) == source.lower())
    if stance:
        query = query.where(ClaimRow.stance == stance)
    if report_id:
        query = query.where(ClaimRow.report_id == report_id)
    total, rows = page(session, query, limit, offset)
    items = []
    for claim, published in rows:
        data = claim.data or {}
        certainty = certainty_of(data)
        items.append({
            "id": claim.id, "report_id": claim.report_id, "published": published.isoformat(),
            "source": claim.source, "source_name": data.get("source_name", ""), "stance": claim.stance,
            "certainty": certainty, "band": band_of(claim.p_low, claim.p_high, certainty["basis"]),
            "cue": data.get("cue", ""),
            "evidence": {"report_id": claim.report_id, "start": claim.start, "end": claim.end, "text": claim.text},
        })
    return paged(total, limit, offset, items)


def claim_sources(session: Session, since: dt.date | None, until: dt.date | None) -> list[dict[str, Any]]:
    """Per source: claim count and counts per certainty band (for the claims panel)."""
    query = select(ClaimRow.source, ClaimRow.p_low, ClaimRow.p_high, ClaimRow.scale, ClaimRow.data, ClaimRow.stance)
    if since or until:
        query = query.join(ReportRow, ReportRow.id == ClaimRow.report_id)
        if since:
            query = query.where(ReportRow.published >= since)
        if until:
            query = query.where(ReportRow.published <= until)
    names = source_names(session)
    by_source: dict[str, dict[str, Any]] = {}
    for source, p_low, p_high, _scale, data, stance in session.execute(query):
        entry = by_source.setdefault(source, {"source": source, "name": names.get(source, source),
                                              "n": 0, "bands": Counter(), "stances": Counter()})
        entry["n"] += 1
        entry["bands"][band_of(p_low, p_high, ((data or {}).get("certainty") or {}).get("basis", ""))] += 1
        entry["stances"][stance] += 1
    result = sorted(by_source.values(), key=lambda e: (-e["n"], e["source"]))
    return [{**e, "bands": dict(e["bands"]), "stances": dict(e["stances"])} for e in result]


# ---------------------------------------------------------------- forecasts


def forecasts_with_scores(session: Session, source: str | None, outcome: str | None,
                          since: dt.date | None, until: dt.date | None) -> dict[str, Any]:
    """Forecasts with their outcomes, plus Brier scores and calibration per source."""
    from frontwatch.analysis import resolve, scoring

    statuses = resolve.forecast_statuses(session, source)
    if since:
        statuses = [s for s in statuses if s.report_date >= since]
    if until:
        statuses = [s for s in statuses if s.report_date <= until]
    scores = scoring.score_by_source(
        scoring.ScoredForecast(s.source, s.p_low, s.p_high, s.outcome, s.band) for s in statuses)
    if outcome:
        statuses = [s for s in statuses if s.outcome == outcome]
    rows = session.execute(select(ForecastRow.id, ForecastRow.start, ForecastRow.end)
                           .where(ForecastRow.id.in_([s.id for s in statuses]))).all()
    spans = {r.id: (r.start, r.end) for r in rows}
    items = []
    for s in statuses:
        start, end = spans.get(s.id, (0, 0))
        items.append({
            "id": s.id, "report_id": s.report_id, "source": s.source, "report_date": s.report_date.isoformat(),
            "deadline": s.deadline.isoformat() if s.deadline else None, "deadline_defaulted": s.deadline_defaulted,
            "p_low": s.p_low, "p_high": s.p_high, "band": s.band, "event_type": s.event_type, "place": s.place,
            "outcome": s.outcome, "outcome_by": s.outcome_by, "rule": s.rule, "note": s.note,
            "outcome_evidence": s.evidence,
            "evidence": {"report_id": s.report_id, "start": start, "end": end, "text": s.text},
        })
    return {"items": items, "scores": [scoring.score_dict(s) for s in scores]}


# ---------------------------------------------------------------- control


def control_series(session: Session) -> list[dict[str, Any]]:
    """Every settlement whose controller is known at some date, with its changes in date order
    (the dashboard replays the front from this without asking again per date)."""
    from frontwatch.analysis.control import model_series

    items = []
    for item in model_series(session).values():
        if not item.changes:
            continue
        s = item.settlement
        items.append({
            "geonameid": s.geonameid, "name": s.name, "lat": s.lat, "lon": s.lon,
            "changes": [{"date": c.date.isoformat(), "controller": c.controller, "basis": c.basis,
                         "probability": round(c.probability, 3), "evidence": _evidence_refs(c.evidence)}
                        for c in item.changes],
        })
    return items


def _evidence_refs(evidence: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: e.get(k) for k in ("report_id", "start", "end", "text", "source", "type")}
            for e in evidence if e.get("report_id")]


def control_on(session: Session, date: dt.date, bbox: BBox | None) -> dict[str, Any]:
    """Controller of each known settlement on ``date`` plus the area figures of that day."""
    from frontwatch.analysis.areas import area_report

    settlements = []
    for item in control_series(session):
        if bbox and not (bbox.west <= item["lon"] <= bbox.east and bbox.south <= item["lat"] <= bbox.north):
            continue
        current = [c for c in item["changes"] if c["date"] <= date.isoformat()]
        if current:
            settlements.append({**{k: item[k] for k in ("geonameid", "name", "lat", "lon")},
                                "controller": current[-1]["controller"], "since": current[-1]["date"],
                                "evidence": current[-1]["evidence"]})
    report, _ = area_report(session, date)
    return {"date": date.isoformat(), "area": report, "settlements": settlements}


def control_change(session: Session, start: dt.date, end: dt.date) -> dict[str, Any]:
    from frontwatch.analysis.areas import change_report

    report, _ = change_report(session, start, end)
    return report
