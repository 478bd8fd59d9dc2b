"""How well the event stage types, counts and places real event descriptions.

Formats (detected from the columns, so any file in these formats works):

* CIR / Bellingcat Russia-Ukraine Monitor CSV (``event_group``, ``title``, ``lat``/``lon``):
  each row's text is typed by :func:`frontwatch.nlp.events.primary_event` and compared with
  its group through :data:`CIR_GROUPS` (documented in ``docs/events.md``). Groups that are no
  event of ours (troop presence, "Other") are scored separately: how often we claim an event
  there, never silently dropped.
* UCDP GED CSV (``source_headline``, ``low``/``best``/``high``): deaths we extract against
  UCDP's range, per row and per source text (UCDP spreads one report over several rows, see
  :func:`death_figures`); the casualty type (military vs civilian by UCDP's death split) per
  type; who was killed and by whom against ``side_a``/``side_b`` (:func:`side_figures`).
* Bellingcat civilian-harm JSON (``description``, ``latitude``/``longitude``): location only,
  plus how often a civilian-harm event is found.

All formats: location within 161 km, using the primary event's place, else the most specific
place the place stage found in the text.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from frontwatch.evaluation.measures import precision_recall_f1
from frontwatch.gazetteer.geo import haversine_km
from frontwatch.models import Analysis, Event, Place, Report
from frontwatch.nlp.caption_typer import CaptionTyper, TyperInput

ACC_KM = 161.0

# CIR event_group (prefix; months and periods are suffixes) → evaluated class.
CIR_GROUPS: list[tuple[str, str | None]] = [
    ("Civilian Infrastructure Damage", "infrastructure_damage"),
    ("Military Infrastructure Damage", "infrastructure_damage"),
    ("Bombing or Explosion", "artillery/air_strike"),
    ("Russian Military Losses", "equipment_loss/military_casualties"),
    ("Ukrainian Military Losses", "equipment_loss/military_casualties"),
    ("Civilian Casualty", "civilian_casualties/attack_on_civilians"),
    ("Mass grave or Burial", "civilian_casualties/attack_on_civilians"),
    ("Ground Battle", "clash/advance"),
    ("Detentions or Arrests", "arrest"),
    ("Russian Military Presence", None),
    ("Russian Allies Presence/Losses", None),
    ("Russian Firing Positions", None),
    ("Munitions", None),
    ("Other", None),
]
# Our type → evaluated class (a class joins types CIR does not tell apart).
TYPE_TO_CLASS: dict[str, str] = {
    our: cls
    for cls in {c for _, c in CIR_GROUPS if c}
    for our in cls.split("/")
}
NO_EVENT = "none"


@dataclass
class Item:
    """One labelled description: its text, date, gold class/coordinates/deaths."""

    text: str
    date: dt.date
    gold: str | None = None
    group: str = ""
    lat: float | None = None
    lon: float | None = None
    low: int | None = None
    best: int | None = None
    high: int | None = None
    victim_side: str | None = None  # UCDP: the one side that had all the deaths (UA/RU)
    killer_side: str | None = None  # UCDP: the other side of the dyad


def cir_class(group: str) -> tuple[str | None, str]:
    """(evaluated class or None, the group's name without its month/period suffix)."""
    for prefix, cls in CIR_GROUPS:
        if group.startswith(prefix):
            return cls, prefix
    return None, group.strip() or "(empty)"


def _float(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _int(value: Any) -> int | None:
    number = _float(value)
    return None if number is None else int(number)


# Dates as the event files write them: UCDP GED "8/29/2014 12:00:00 AM", CIR ISO,
# Bellingcat "02/24/2022"; a time after the date is ignored.
DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%d/%m/%Y")


def parse_date(value: str) -> dt.date | None:
    """The date at the start of an event file's date cell, or None."""
    value = str(value or "").strip().split(" ")[0].split("T")[0]
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def _date(value: str) -> dt.date:
    return parse_date(value) or dt.date(2022, 1, 1)


_DATE_PREFIX = re.compile(r"^\s*\d{1,2}/\d{1,2}/\d{2,4}\s*")
_TIMESTAMP_PREFIX = re.compile(r"^\s*\d{1,2}[:.]\d{2}(\s*-\s*\d{1,2}[:.]\d{2})?:?\s*")
_MEDIA_PREFIX = re.compile(r"^\s*(images?|videos?|photos?)\s*\d+(\s*(&|and|,)\s*\d+)*\s*:\s*", re.I)


def _caption(title: str, description: str) -> str:
    """A CIR row's text: the title without its date/video-timestamp prefixes."""
    text = _MEDIA_PREFIX.sub("", _TIMESTAMP_PREFIX.sub("", _DATE_PREFIX.sub("", title or "")))
    desc = (description or "").strip()
    if len(desc) > len(text) and not text.startswith(desc[:20]):
        text = desc
    return text.strip()


def read_items(path: Path) -> tuple[str, list[Item]]:
    """(format, items) of a CIR CSV, UCDP GED CSV or Bellingcat civilian-harm JSON file."""
    if path.suffix.lower() == ".json":
        rows = json.loads(path.read_text(encoding="utf-8"))
        return "bellingcat", [
            Item(r.get("description", ""), _date(r.get("date", "")), lat=_float(r.get("latitude")),
                 lon=_float(r.get("longitude")))
            for r in rows if isinstance(r, dict) and r.get("description")
        ]
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    columns = set(rows[0]) if rows else set()
    if "event_group" in columns:
        items = []
        for r in rows:
            cls, group = cir_class(r.get("event_group", ""))
            items.append(Item(_caption(r.get("title", ""), r.get("brief description", "")),
                              _date(r.get("date", "")), cls, group, _float(r.get("lat")),
                              _float(r.get("lon"))))
        return "cir", items
    if "source_headline" in columns:
        return "ucdp", [
            Item(r["source_headline"].replace(";", ".\n"), _date(r.get("date_start", "")),
                 _ucdp_class(r), lat=_float(r.get("latitude")), lon=_float(r.get("longitude")),
                 low=_int(r.get("low")), best=_int(r.get("best")), high=_int(r.get("high")),
                 **_ucdp_sides(r))
            for r in rows
        ]
    raise ValueError(f"{path}: not a CIR, UCDP GED or Bellingcat events file (columns: {sorted(columns)[:8]})")


def _ucdp_class(row: dict[str, str]) -> str:
    civilians = _int(row.get("deaths_civilians")) or 0
    combatants = (_int(row.get("deaths_a")) or 0) + (_int(row.get("deaths_b")) or 0)
    return "civilian_casualties" if civilians > combatants else "military_casualties"


# UCDP actors → our sides; the separatist forces count as Russian-backed (RU), as in
# ``nlp.actors``. Others (protesters, civilians) have no side of ours.
UCDP_SIDES = {"Government of Ukraine": "UA", "Government of Russia (Soviet Union)": "RU",
              "DPR": "RU", "LPR": "RU", "United Armed Forces of Novorossiya": "RU"}


def _ucdp_sides(row: dict[str, str]) -> dict[str, str | None]:
    """Victim and killer side when all of a row's deaths fell on one side of the dyad."""
    deaths = {key: _int(row.get(key)) or 0
              for key in ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown")}
    dead = [key for key, value in deaths.items() if value > 0]
    if dead == ["deaths_a"]:
        victims, killers = row.get("side_a", ""), row.get("side_b", "")
    elif dead == ["deaths_b"]:
        victims, killers = row.get("side_b", ""), row.get("side_a", "")
    else:
        return {}
    return {"victim_side": UCDP_SIDES.get(victims), "killer_side": UCDP_SIDES.get(killers)}


_SPECIFICITY = {"settlement": 4, "other": 3, "admin1": 2, "region": 2, "river": 2, "border": 2,
                "country": 1}


def event_location(analysis: Analysis, event: Event | None) -> Place | None:
    """The primary event's mentioned place, else the most specific place in the text."""
    if event is not None and event.place is not None and event.place_from == "mention" \
            and event.place.lat is not None:
        return event.place
    places = [p for p in analysis.places if p.lat is not None and p.role == "location"]
    if not places:
        return None
    return max(places, key=lambda p: (_SPECIFICITY.get(p.feature, 2), -p.start))


def deaths_reported(events: Iterable[Event]) -> int:
    """Deaths a text reports: the largest killed-count among its casualty events, leaving
    out running totals ("since the start of the war", ``Quantity.cumulative``).

    The largest, not the sum: UCDP joins several headlines about the same deaths (on the
    dev half the largest, smallest, first and median count score within 0.3 points).
    """
    counts = [q.value for e in events if e.type.endswith("_casualties") for q in e.quantities
              if q.kind == "count" and q.counted.split()[-1:] == ["killed"]
              and not q.cumulative]
    return int(max(counts)) if counts else 0


# Whether a text says anything about deaths, judged by its words alone (not by our
# extractor), so that "within range over rows that mention deaths" has a fixed denominator.
_MENTIONS_DEATHS = re.compile(
    r"\b(?:kill\w*|dead\w*|deaths?|died|dies|die|dying|fatal\w*|bodies|body|corpses?|slain|"
    r"lives|perish\w*|massacre\w*|executed|murder\w*)\b|\bKIA\b", re.I)


def mentions_deaths(text: str) -> bool:
    """True when the text uses a word about deaths ("killed", "dead", "KIA", "fatalities")."""
    return bool(_MENTIONS_DEATHS.search(text))


def _analyses(items: list[Item]) -> Iterator[Analysis]:
    from frontwatch.nlp import analyze_many

    reports = (Report(text=item.text or ".", published=item.date, origin="eval") for item in items)
    yield from analyze_many(reports)


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision, recall, f1 = precision_recall_f1(tp, tp + fp, tp, tp + fn)
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
            "support": tp + fn}


def _per_class(pairs: list[tuple[str, str]], classes: list[str]) -> dict[str, dict[str, float]]:
    result = {}
    for cls in classes:
        tp = sum(1 for g, p in pairs if g == cls and p == cls)
        fp = sum(1 for g, p in pairs if g != cls and p == cls)
        fn = sum(1 for g, p in pairs if g == cls and p != cls)
        result[cls] = _prf(tp, fp, fn)
    return result


SPLITS = ("all", "dev", "test")


TYPERS = ("rules", "learned")


def _asserted(analysis: Analysis) -> list[Event]:
    return [e for e in analysis.events if e.modality in ("actual", "ordered")]


def _typer_input(item: Item, events: list[Event]) -> TyperInput:
    from frontwatch.nlp.events import primary_event

    main = primary_event(events)
    return TyperInput(item.text, TYPE_TO_CLASS.get(main.type, main.type) if main else NO_EVENT,
                      [e.type for e in events])


def _train_typer(items: list[Item]) -> CaptionTyper:
    """A caption typer trained on the labelled rows among ``items``."""
    labelled = [item for item in items if item.gold is not None]
    rows = [_typer_input(item, _asserted(a)) for item, a in zip(labelled, _analyses(labelled))]
    return CaptionTyper.train(rows, [item.gold for item in labelled])


def evaluate(path: Path, limit: int | None = None, split: str = "all",
             typer: str = "rules") -> dict[str, Any]:
    """Figures for one labelled events file (see the module docstring).

    ``split``: the trigger rules were written looking at the even-numbered rows ("dev") only;
    "test" scores the odd-numbered rows, which were not read while writing them.
    ``typer="learned"`` (CIR files): a :class:`CaptionTyper` is trained on the dev rows and
    types the test rows (``split`` is then always "test"); places and unmapped groups still
    come from the rules.
    """
    from frontwatch.nlp.events import primary_event

    fmt, items = read_items(path)
    ranges = text_ranges(items)
    learned = None
    if typer == "learned":
        if fmt != "cir":
            raise ValueError(f"{path}: --typer learned needs labelled captions (a CIR file)")
        learned, split = _train_typer(items[0::2]), "test"
    if split != "all":
        items = items[split == "test"::2]
    if limit:
        items = items[:limit]
    pairs: list[tuple[str, str]] = []
    typer_rows: list[TyperInput] = []
    unmapped: dict[str, Counter] = defaultdict(Counter)
    located = within = found_place = 0
    death_rows: list[DeathRow] = []
    sides: Counter = Counter()
    for item, analysis in zip(items, _analyses(items)):
        events = _asserted(analysis)
        if fmt == "ucdp":
            casualty = [e for e in events if e.type.endswith("_casualties")]
            main = primary_event(casualty) or primary_event(events)
        else:
            main = primary_event(events)
        predicted = TYPE_TO_CLASS.get(main.type, main.type) if main else NO_EVENT
        if fmt == "ucdp":
            predicted = main.type if main else NO_EVENT
        if item.gold is not None:
            pairs.append((item.gold, predicted))
            typer_rows.append(_typer_input(item, events))
        elif fmt == "cir":
            unmapped[item.group][predicted] += 1
        if item.lat is not None and item.lon is not None:
            located += 1
            place = event_location(analysis, main)
            if place is not None:
                found_place += 1
                if haversine_km(item.lat, item.lon, place.lat, place.lon) <= ACC_KM:
                    within += 1
        if fmt == "ucdp" and item.low is not None and item.high is not None:
            death_rows.append(DeathRow(item.text, item.low, item.high, deaths_reported(events),
                                       _reports_running_total(events)))
            _count_sides(sides, item, main)
    if learned is not None:
        pairs = [(gold, p) for (gold, _), p in zip(pairs, learned.predict(typer_rows))]
    result: dict[str, Any] = {"format": fmt, "file": str(path), "split": split, "typer": typer,
                              "n": len(items)}
    classes = sorted({g for g, _ in pairs})
    if classes:
        per_type = _per_class(pairs, classes)
        result["per_type"] = per_type
        result["macro_f1"] = round(sum(v["f1"] for v in per_type.values()) / len(per_type), 3)
        result["n_mapped"] = len(pairs)
        result["confusion"] = {g: dict(Counter(p for gg, p in pairs if gg == g).most_common())
                               for g in classes}
    else:
        result["per_type"], result["macro_f1"] = {}, None
    if unmapped:
        result["unmapped_groups"] = {
            group: {"n": sum(c.values()), "event_rate": round(1 - c[NO_EVENT] / sum(c.values()), 3),
                    "predicted": dict(c.most_common())}
            for group, c in sorted(unmapped.items())
        }
    result["acc_161km"] = round(within / located, 3) if located else None
    result["place_found"] = round(found_place / located, 3) if located else None
    if fmt == "ucdp":
        result.update(death_figures(death_rows, ranges))
        result.update(side_figures(sides))
    return result


@dataclass(frozen=True)
class DeathRow:
    """One scored UCDP row: its text, UCDP's range, the deaths we read, and whether the text
    gave a running total (left out of ``deaths``)."""

    text: str
    low: int
    high: int
    deaths: int
    running_total: bool = False


def text_ranges(items: list[Item]) -> dict[str, tuple[int, int]]:
    """Summed [low, high] of all the file's rows with the same text.

    UCDP disaggregates one report over several rows (per day, per dyad, per location), all
    carrying the report's headline; the sum is what the text as a whole reports.
    """
    ranges: dict[str, tuple[int, int]] = {}
    for item in items:
        if item.low is not None and item.high is not None:
            low, high = ranges.get(item.text, (0, 0))
            ranges[item.text] = (low + item.low, high + item.high)
    return ranges


def _reports_running_total(events: Iterable[Event]) -> bool:
    return any(q.cumulative for e in events if e.type.endswith("_casualties")
               for q in e.quantities)


DEATH_FIGURES = (
    "deaths_within_range", "deaths_mentioned", "deaths_within_range_mentioned",
    "deaths_extracted", "deaths_within_range_when_extracted", "deaths_running_total",
    "deaths_within_range_if_always_one", "deaths_texts", "deaths_within_range_grouped",
    "deaths_within_range_grouped_mentioned",
)


def death_figures(rows: list[DeathRow],
                  ranges: dict[str, tuple[int, int]]) -> dict[str, float | int | None]:
    """UCDP death figures (keys :data:`DEATH_FIGURES`); a row whose text gives no count scores
    0 deaths, never dropped.

    Row level, as UCDP codes them: ``deaths_within_range`` over all rows,
    ``..._mentioned`` over rows whose text uses a word about deaths (:func:`mentions_deaths`),
    ``..._when_extracted`` over rows where we read a count. Text level (``..._grouped``): each
    distinct text once, against the summed range of all the file's rows with that text
    (:func:`text_ranges`), so a headline's "18 killed" split by UCDP into rows of 2, 3, 13
    is scored against 18. ``deaths_running_total``: share of rows whose text gave a running
    total ("since the start of the war"), not counted as the event's deaths.
    ``deaths_within_range_if_always_one``: what answering 1 everywhere would score (UCDP
    records only events with deaths), a reference, not something we do.
    """
    def share(part: int, whole: int) -> float | None:
        return round(part / whole, 3) if whole else None

    def within(row: DeathRow, low: int, high: int) -> bool:
        return low <= row.deaths <= high

    mentioned = [r for r in rows if mentions_deaths(r.text)]
    extracted = [r for r in rows if r.deaths > 0]
    texts = list({r.text: r for r in rows}.values())
    texts_mentioned = [r for r in texts if mentions_deaths(r.text)]
    grouped_hits = {r.text for r in texts if within(r, *ranges.get(r.text, (r.low, r.high)))}
    return {
        "deaths_within_range": share(sum(within(r, r.low, r.high) for r in rows), len(rows)),
        "deaths_mentioned": share(len(mentioned), len(rows)),
        "deaths_within_range_mentioned": share(
            sum(within(r, r.low, r.high) for r in mentioned), len(mentioned)),
        "deaths_extracted": share(len(extracted), len(rows)),
        "deaths_within_range_when_extracted": share(
            sum(within(r, r.low, r.high) for r in extracted), len(extracted)),
        "deaths_running_total": share(sum(r.running_total for r in rows), len(rows)),
        "deaths_within_range_if_always_one": share(sum(r.low <= 1 <= r.high for r in rows),
                                                   len(rows)),
        "deaths_texts": len(texts),
        "deaths_within_range_grouped": share(len(grouped_hits), len(texts)),
        "deaths_within_range_grouped_mentioned": share(
            sum(r.text in grouped_hits for r in texts_mentioned), len(texts_mentioned)),
    }


def _count_sides(tally: Counter, item: Item, main: Event | None) -> None:
    """Victim and killer side of the row's main casualty event against UCDP's."""
    if main is None or not main.type.endswith("_casualties"):
        main = None
    for role, gold, ours in (("victim", item.victim_side, main and main.target_side),
                             ("killer", item.killer_side, main and main.initiator_side)):
        if gold is None:
            continue
        tally[f"{role}_rows"] += 1
        if ours in ("UA", "RU"):
            tally[f"{role}_found"] += 1
            tally[f"{role}_right"] += ours == gold


def side_figures(tally: Counter) -> dict[str, dict[str, float | int | None]]:
    """``side_victims`` / ``side_killers``: over UCDP rows whose deaths all fell on one side
    of a Ukraine–Russia/separatist dyad (``rows``), the share where our main casualty event
    names a side (``found``) and, of those, the share naming UCDP's (``accuracy``)."""
    def figures(role: str) -> dict[str, float | int | None]:
        rows, found = tally[f"{role}_rows"], tally[f"{role}_found"]
        return {"rows": rows, "found": round(found / rows, 3) if rows else None,
                "accuracy": round(tally[f"{role}_right"] / found, 3) if found else None}

    return {"side_victims": figures("victim"), "side_killers": figures("killer")}
