"""Events against the sample corpus' gold (``tests/gold/events.jsonl``, ``docs/sample-corpus.md``).

The gold lists the main asserted or claimed events of each report (not every event): type,
initiator side, place name and date (ISO day, or month), with the span by exact text and
occurrence. Reports are read by the real ingest and analysed by the full pipeline, so what
is measured is what ``frontwatch ingest`` stores.

* **match** — an asserted event of the gold type whose span overlaps the gold span, one to one,
  largest overlap first; per-type recall = matched / gold lines of that type.
* **precision** — over the asserted events that overlap some gold span (the gold is not
  exhaustive, so events elsewhere are neither right nor wrong: counted as ``unannotated``):
  the share that matched. An event inside a gold span with the wrong type is the typical miss.
* **side, place, date accuracy** — over matched pairs. Place: the event's place lies within
  25 km of the gold place, or the gold is an oblast and the event's place is in it, or the gold
  is a river and the event names it (or lies within the river's tolerance); gold lines without
  a place, or naming an area with no coordinates ("southern Ukraine"), are not scored. Date:
  the gold day (or month) lies within the event's [date_start, date_end].
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from frontwatch.evaluation.claims_gold import load_gold, read_reports
from frontwatch.evaluation.gold import gold_span
from frontwatch.gazetteer.geo import haversine_km
from frontwatch.models import Event

PLACE_KM = 25.0
# Gold event places the gold place file does not annotate (name → admin1, lat, lon, feature).
EXTRA_GOLD_PLACES: dict[str, tuple[str, float, float, str]] = {
    "Bakhmut": ("Donetsk Oblast", 48.5953, 38.0003, "settlement"),
    "Antonivskyi bridge": ("Kherson Oblast", 46.6694, 32.7169, "settlement"),
    "Kerch Strait bridge": ("Crimea", 45.3092, 36.5108, "settlement"),
}


@dataclass(frozen=True)
class GoldPlace:
    name: str
    admin1: str
    lat: float
    lon: float
    feature: str
    tolerance_km: float


def gold_places(places_gold: Path) -> dict[str, GoldPlace]:
    """Coordinates of the gold place names, from the places gold plus a few extra entries."""
    found = {name: GoldPlace(name, admin1, lat, lon, feature, PLACE_KM)
             for name, (admin1, lat, lon, feature) in EXTRA_GOLD_PLACES.items()}
    for line in load_gold(places_gold) if places_gold.exists() else []:
        e = line["expected"]
        found.setdefault(e["name"], GoldPlace(e["name"], e["admin1"], e["lat"], e["lon"],
                                              e["feature"], e["tolerance_km"]))
    return found


def place_correct(event: Event, want: GoldPlace) -> bool:
    place = event.place
    if place is None or place.lat is None or place.lon is None:
        return False
    if want.feature == "admin1" and place.admin1_name == want.admin1:
        return True
    if want.feature == "river" and place.name == want.name:
        return True
    km = haversine_km(place.lat, place.lon, want.lat, want.lon)
    return km <= (want.tolerance_km if want.feature == "river" else PLACE_KM)


def date_correct(event: Event, gold_date: str) -> bool:
    if event.date_start is None:
        return False
    first = dt.date.fromisoformat(gold_date if len(gold_date) == 10 else f"{gold_date}-01")
    last = first if len(gold_date) == 10 else (first.replace(day=28) + dt.timedelta(days=4)) \
        .replace(day=1) - dt.timedelta(days=1)
    return event.date_start <= last and first <= (event.date_end or event.date_start)


def _overlap(event: Event, span: tuple[int, int]) -> int:
    return min(event.end, span[1]) - max(event.start, span[0])


def _describe(event: Event | None) -> str:
    if event is None:
        return "-"
    place = event.place.name if event.place else ""
    return (f"{event.type} {event.initiator_side} {place or '?'} {event.date_start}"
            f"{'' if event.asserted else ' (not asserted: ' + event.modality + '/' + event.stance + ')'}"
            f" [{event.trigger}]")


def evaluate_sample_events(gold_path: Path, sample_dir: Path, shared_dir: Path,
                           places_gold: Path) -> dict:
    """Per-type P/R, side, place and date accuracy, and one error line per miss."""
    from frontwatch.nlp import analyze_many

    gold = load_gold(gold_path)
    reports = read_reports(sample_dir, shared_dir, gold)
    usable = [g for g in gold if (g["report"], g["item"]) in reports]
    keys = sorted({(g["report"], g["item"]) for g in usable})
    analyses = dict(zip(keys, analyze_many(reports[k] for k in keys)))
    coords = gold_places(places_gold)
    tally: Counter = Counter()
    errors: list[str] = []
    for key in keys:
        analysis = analyses[key]
        lines = [g for g in usable if (g["report"], g["item"]) == key]
        spans = [gold_span(analysis.report.text, g) for g in lines]
        events = [e for e in analysis.events if e.asserted]
        pairs = sorted(((_overlap(e, s), gi, ei) for gi, s in enumerate(spans) if s
                        for ei, e in enumerate(events)
                        if e.type == lines[gi]["type"] and _overlap(e, s) > 0), reverse=True)
        matched: dict[int, int] = {}
        for _, gi, ei in pairs:
            if gi not in matched and ei not in matched.values():
                matched[gi] = ei
        in_gold = [ei for ei, e in enumerate(events) if any(s and _overlap(e, s) > 0 for s in spans)]
        tally["predicted_in_gold_spans"] += len(in_gold)
        tally["unannotated"] += len(events) - len(in_gold)
        for ei in in_gold:
            tally[f"pred:{events[ei].type}"] += 1
            tally[f"tp:{events[ei].type}"] += ei in matched.values()
        for gi, line in enumerate(lines):
            tally[f"gold:{line['type']}"] += 1
            where = f"{key[0]} {key[1]!s:.30} {line['text']!r}: gold {line['type']} " \
                    f"{line['side']} {line['place'] or '-'} {line['date']}"
            if gi not in matched:
                near = [e for e in analysis.events if spans[gi] and _overlap(e, spans[gi]) > 0]
                errors.append(f"{where}: missed; overlapping: "
                              + ("; ".join(_describe(e) for e in near) or "none"))
                continue
            event = events[matched[gi]]
            tally["matched"] += 1
            wrong = []
            if event.initiator_side == line["side"]:
                tally["side_ok"] += 1
            else:
                wrong.append("side")
            want = coords.get(line["place"])
            if want is not None:
                tally["place_scored"] += 1
                if place_correct(event, want):
                    tally["place_ok"] += 1
                else:
                    wrong.append("place")
            if date_correct(event, line["date"]):
                tally["date_ok"] += 1
            else:
                wrong.append("date")
            if wrong:
                errors.append(f"{where}: wrong {'/'.join(wrong)}: got {_describe(event)}")
    return _summary(tally, len(usable), len(gold) - len(usable), errors)


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 3) if whole else 0.0


def _summary(tally: Counter, n: int, skipped: int, errors: list[str]) -> dict:
    types = sorted({k.split(":", 1)[1] for k in tally if k.startswith(("gold:", "pred:"))})
    per_type = {}
    for name in types:
        gold, pred, tp = tally[f"gold:{name}"], tally[f"pred:{name}"], tally[f"tp:{name}"]
        per_type[name] = {"precision": _ratio(tp, pred), "recall": _ratio(tp, gold),
                          "n": gold, "predicted": pred}
    matched = tally["matched"]
    return {
        "n": n, "skipped": skipped, "matched": matched, "recall": _ratio(matched, n),
        "precision": _ratio(matched, tally["predicted_in_gold_spans"]),
        "predicted_in_gold_spans": tally["predicted_in_gold_spans"],
        "unannotated": tally["unannotated"],
        "side_accuracy": _ratio(tally["side_ok"], matched),
        "place_accuracy": _ratio(tally["place_ok"], tally["place_scored"]),
        "place_scored": tally["place_scored"],
        "date_accuracy": _ratio(tally["date_ok"], matched),
        "per_type": per_type, "errors": errors,
    }
