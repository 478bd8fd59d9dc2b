"""Geoparsing accuracy on externally labelled data, end to end from raw text.

Two kinds of input, detected from the file itself:

* **toponym corpora** (LGL and GeoWebNews XML): every gold toponym has a span and coordinates
  (most a GeoNames id). A gold toponym counts as found when a predicted place overlaps its span;
  one not found counts as wrong in ``acc_161km`` (end to end) and is left out of
  ``acc_161km_found``. When the predicted GeoNames id equals the gold id the error is 0 km: the
  same entry, whatever point each gazetteer version stores for it (this matters for countries
  and states, whose representative point is a convention).
* **event files** (UCDP GED CSV, CIR CSV, Bellingcat JSON, or any CSV/JSON with a text field and
  latitude/longitude): the event's location is the most specific place frontwatch finds in the
  text (``event_location``); an event with no place found counts as wrong.

The baseline resolves the same mentions to their most populous candidate, so the difference
is what disambiguation adds.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import statistics
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from frontwatch.evaluation.claims import half_of
from frontwatch.evaluation.events import parse_date
from frontwatch.evaluation.gold import nth_occurrence
from frontwatch.gazetteer.geo import haversine_km
from frontwatch.gazetteer.index import get_gazetteer
from frontwatch.models import Analysis, Place, Report

ACC_KM = 161.0
# Most specific first: the rule that picks an event's location from the places in its text.
SPECIFICITY = ("settlement", "other", "river", "admin2", "admin1", "region", "border", "country")

# Text and coordinate fields of the event formats we know; any file with a text field from
# NARRATIVE_FIELDS (or LOCATION_FIELDS) and a lat/lon pair from COORDINATE_FIELDS works.
NARRATIVE_FIELDS = ("source_headline", "title", "brief description", "description", "text",
                    "headline", "notes")
LOCATION_FIELDS = ("where_description", "location", "town/city", "place")
COORDINATE_FIELDS = (("latitude", "longitude"), ("lat", "lon"), ("lat", "lng"))
# The event's date, which the place stage reads as the report's date (``Report.published``):
# UCDP GED ``date_start`` ("8/29/2014 12:00:00 AM", "02/09/2023 00:00"), CIR ``date``
# (ISO), Bellingcat ``date`` ("02/24/2022").
DATE_FIELDS = ("date_start", "date", "published", "event_date")
_BARE_SEMICOLON = re.compile(r";(?=\S)")


@dataclass
class GoldToponym:
    start: int
    end: int
    lat: float
    lon: float
    geonameid: int | None


@dataclass
class Document:
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)  # corpora
    point: tuple[float, float] | None = None  # event files
    published: dt.date | None = None  # the row's date, when the file has one


@dataclass
class Tally:
    """Errors in km, one per gold item; ``None`` = not found."""

    errors: list[float | None] = field(default_factory=list)
    exact: list[bool] = field(default_factory=list)

    def summary(self) -> dict:
        found = [e for e in self.errors if e is not None]
        n = len(self.errors)
        out = {
            "n": n,
            "found": len(found),
            "acc_161km": _ratio(sum(e <= ACC_KM for e in found), n),
            "acc_161km_found": _ratio(sum(e <= ACC_KM for e in found), len(found)),
            "median_km": round(statistics.median(found), 1) if found else None,
        }
        if self.exact:
            out["exact"] = _ratio(sum(self.exact), len(self.exact))
        return out


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 4) if b else None


# --- reading -----------------------------------------------------------------------------------

def detect_format(path: Path) -> str:
    """"toponyms" (LGL/GeoWebNews XML) or "events" (CSV/JSON rows with coordinates)."""
    suffix = path.suffix.lower()
    if suffix == ".xml":
        return "toponyms"
    if suffix in (".csv", ".json", ".jsonl"):
        return "events"
    raise ValueError(f"{path}: unknown format (expected .xml, .csv or .json)")


def read_toponym_corpus(path: Path) -> Iterator[Document]:
    """LGL (``gaztag`` with ``lat``/``lon``) and GeoWebNews (``latitude``/``geonamesID``)."""
    root = ET.parse(path).getroot()
    for article in root.iter("article"):
        text = article.findtext("text") or ""
        gold = [t for t in (_gold_toponym(el) for el in article.iter("toponym")) if t]
        yield Document(text=text, toponyms=gold)


def _gold_toponym(el: ET.Element) -> GoldToponym | None:
    gaz = el.find("gaztag")
    source = gaz if gaz is not None else el
    lat = source.findtext("lat") or source.findtext("latitude")
    lon = source.findtext("lon") or source.findtext("longitude")
    gid = gaz.get("geonameid") if gaz is not None else el.findtext("geonamesID")
    try:
        start, end = int(el.findtext("start")), int(el.findtext("end"))
        lat_f, lon_f = float(lat), float(lon)
    except (TypeError, ValueError):
        return None
    return GoldToponym(start, end, lat_f, lon_f, int(gid) if gid and gid.strip().isdigit() else None)


def read_event_file(path: Path, fields: str = "narrative") -> Iterator[Document]:
    """Rows of a CSV or JSON event file with a text and a point."""
    rows = _rows(path)
    wanted = NARRATIVE_FIELDS if fields == "narrative" else LOCATION_FIELDS
    for row in rows:
        text = ". ".join(str(row[k]).strip() for k in wanted if row.get(k))
        point = _point(row)
        if text and point:
            yield Document(text=text, point=point, published=_date(row))


def _spaced(text: str) -> str:
    """UCDP joins the headlines of one event with a bare ";" ("Krasny Luch;Krasny Luch"),
    which the tokenizer would keep inside one token."""
    return _BARE_SEMICOLON.sub("; ", text)


def _rows(path: Path) -> list[dict]:
    if path.suffix.lower() == ".csv":
        with open(path, encoding="utf-8-sig", newline="") as fh:
            return list(csv.DictReader(fh))
    with open(path, encoding="utf-8") as fh:
        if path.suffix.lower() == ".jsonl":
            return [json.loads(line) for line in fh if line.strip()]
        data = json.load(fh)
    return data if isinstance(data, list) else next(v for v in data.values() if isinstance(v, list))


def _point(row: dict) -> tuple[float, float] | None:
    for lat_key, lon_key in COORDINATE_FIELDS:
        try:
            return float(row[lat_key]), float(row[lon_key])
        except (KeyError, TypeError, ValueError):
            continue
    return None


def _date(row: dict) -> dt.date | None:
    """The first date field that parses."""
    return next((d for key in DATE_FIELDS if (d := parse_date(row.get(key)))), None)


# --- scoring -----------------------------------------------------------------------------------

def event_location(places: list[Place]) -> Place | None:
    """The most specific location-role place named (settlement before oblast before
    country), then the first: "Kiev says ... in Donetsk region" picks the oblast, since the
    capital that speaks is an actor; actors and venues ("the Minsk talks") only when nothing
    else is named."""
    ranked = [p for p in places if p.lat is not None]
    if not ranked:
        return None
    return min(ranked, key=lambda p: (p.role != "location", SPECIFICITY.index(p.feature)
                                      if p.feature in SPECIFICITY else len(SPECIFICITY), p.start))


def most_populous(place: Place) -> tuple[float, float, int | None]:
    """Baseline: the same mention resolved to its most populous candidate."""
    candidates = get_gazetteer().candidates(place.text)
    if not candidates:
        return place.lat, place.lon, place.geonameid
    best = max(candidates, key=lambda e: e.population)
    return best.lat, best.lon, best.geonameid


def _error(lat: float, lon: float, gid: int | None, gold_lat: float, gold_lon: float,
           gold_gid: int | None) -> float:
    if gold_gid is not None and gid == gold_gid:
        return 0.0
    return haversine_km(lat, lon, gold_lat, gold_lon)


def _analyses(docs: list[Document], batch_size: int = 16) -> Iterator[Analysis]:
    """Places only: the same spaCy pipeline and extractor ``analyze`` runs, without the later
    stages, so this measures geoparsing alone."""
    from frontwatch.nlp import places
    from frontwatch.nlp.pipeline import get_nlp

    today = dt.date.today()  # toponym corpora carry no date
    reports = [Report(text=d.text, published=d.published or today) for d in docs]
    for doc, report in get_nlp().pipe(((r.text, r) for r in reports), as_tuples=True,
                                      batch_size=batch_size):
        analysis = Analysis(report=report)
        analysis.places = places.extract(doc, analysis)
        yield analysis


def evaluate_toponyms(docs: Iterable[Document]) -> dict:
    docs = list(docs)
    gazetteer = get_gazetteer()
    system, baseline = Tally(), Tally()
    predicted = matched = in_gazetteer = with_id = 0
    sources: dict[str, int] = {}
    for doc, analysis in zip(docs, _analyses(docs)):
        places = analysis.places
        predicted += len(places)
        matched += sum(any(_overlaps(p, g) for g in doc.toponyms) for p in places)
        for gold in doc.toponyms:
            place = next((p for p in places if _overlaps(p, gold)), None)
            if gold.geonameid is not None:
                with_id += 1
                in_gazetteer += gazetteer.by_key(f"gn:{gold.geonameid}") is not None
            if place is None:
                for tally in (system, baseline):
                    tally.errors.append(None)
                    if gold.geonameid is not None:
                        tally.exact.append(False)
                continue
            sources[place.source] = sources.get(place.source, 0) + 1
            guesses = ((system, (place.lat, place.lon, place.geonameid)),
                       (baseline, most_populous(place)))
            for tally, (lat, lon, gid) in guesses:
                tally.errors.append(_error(lat, lon, gid, gold.lat, gold.lon, gold.geonameid))
                if gold.geonameid is not None:
                    tally.exact.append(gid == gold.geonameid)
    result = system.summary()
    result.update(
        documents=len(docs),
        detection_precision=_ratio(matched, predicted),
        detection_recall=result["found"] and _ratio(result["found"], result["n"]),
        coverage=_ratio(in_gazetteer, with_id),
        found_by_source=sources,
        baseline_most_populous=baseline.summary(),
    )
    return result


def _overlaps(place: Place, gold: GoldToponym) -> bool:
    return place.start < gold.end and gold.start < place.end


def evaluate_events(docs: Iterable[Document]) -> dict:
    docs = list(docs)
    system, baseline = Tally(), Tally()
    by_feature: dict[str, Tally] = {}  # by the chosen place's feature ("country": nothing smaller)
    spaced = [Document(text=_spaced(d.text), point=d.point, published=d.published)
              for d in docs]
    for doc, analysis in zip(docs, _analyses(spaced)):
        place = event_location(analysis.places)
        if place is None:
            system.errors.append(None)
            baseline.errors.append(None)
            continue
        gold_lat, gold_lon = doc.point
        error = haversine_km(place.lat, place.lon, gold_lat, gold_lon)
        system.errors.append(error)
        by_feature.setdefault(place.feature, Tally()).errors.append(error)
        lat, lon, _ = most_populous(place)
        baseline.errors.append(haversine_km(lat, lon, gold_lat, gold_lon))
    result = system.summary()
    result.update(documents=len(docs),
                  location_feature={f: len(t.errors) for f, t in by_feature.items()},
                  acc_161km_by_feature={f: t.summary()["acc_161km"] for f, t in by_feature.items()},
                  baseline_most_populous=baseline.summary())
    return result


def evaluate_path(path: Path, limit: int | None = None, fields: str = "narrative",
                  half: str | None = None) -> dict:
    """Evaluate one file; ``half`` ("a"/"b") keeps the documents (articles or event rows)
    whose text falls in that fixed half (``half_of``: SHA-1 of the text), ``limit`` the first
    N of them. Rules are developed on half a; half b measures them unseen."""
    kind = detect_format(path)
    reader = read_toponym_corpus(path) if kind == "toponyms" else read_event_file(path, fields)
    docs = [d for d in reader if half is None or half_of(d.text) == half][:limit]
    if kind == "toponyms":
        result = evaluate_toponyms(docs)
    else:
        result = evaluate_events(docs)
        result["text_fields"] = fields
    return {"file": str(path), "kind": kind, "half": half, **result}


# --- the sample corpus' gold (tests/gold/places.jsonl) ----------------------------------------

def evaluate_sample_gold(gold_path: Path, sample_dir: Path, shared_dir: Path) -> dict:
    """Every gold place of the sample corpus (and the seed, when present), read with the real
    ingest and analysed with the full ``analyze``: a gold place is correct when a predicted
    place overlaps its span and lies within the line's ``tolerance_km`` (or has its GeoNames
    id); the role is compared over the found ones. ``errors`` lists what went wrong."""
    from frontwatch.evaluation.claims_gold import load_gold, read_reports
    from frontwatch.nlp import analyze

    gold = load_gold(gold_path)
    reports = read_reports(sample_dir, shared_dir, gold)
    analyses: dict[tuple[str, str], Analysis] = {}
    correct = found = role_ok = 0
    errors: list[dict] = []
    usable = [g for g in gold if (g["report"], g["item"]) in reports]
    for line in usable:
        key = (line["report"], line["item"])
        if key not in analyses:
            analyses[key] = analyze(reports[key])
        analysis = analyses[key]
        start = nth_occurrence(analysis.report.text, line["text"], int(line.get("occurrence", 0)))
        want = line["expected"]
        place = next((p for p in analysis.places
                      if start >= 0 and p.start < start + len(line["text"]) and start < p.end),
                     None)
        if place is None:
            errors.append({"text": line["text"], "report": line["report"], "error": "not found"})
            continue
        found += 1
        km = _error(place.lat, place.lon, place.geonameid, want["lat"], want["lon"],
                    want.get("geonameid"))
        if km <= want["tolerance_km"]:
            correct += 1
        else:
            errors.append({"text": line["text"], "report": line["report"], "got": place.name,
                           "admin1": place.admin1_name, "km": round(km, 1)})
        role_ok += place.role == line["role"]
    return {"n": len(usable), "skipped": len(gold) - len(usable), "found": found,
            "accuracy": _ratio(correct, len(usable)), "role_accuracy": _ratio(role_ok, found),
            "errors": errors}
