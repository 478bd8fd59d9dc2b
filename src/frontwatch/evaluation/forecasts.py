"""Forecasts against a gold list: extraction per forecast, deadlines, bands and outcomes.

The reports are ingested and resolved into a store exactly as ``frontwatch demo`` does; the
gold lines (``tests/gold/forecasts.jsonl`` format) are located in the stored reports by their
text, so the figures do not depend on how a reader names a report. One forecast can be
mentioned several times (lines sharing an ``id``):

* **recall** — gold forecast ids with at least one mention found / gold ids;
* **precision** — ids found / (ids found + extracted forecasts overlapping no gold mention);
  the extracted forecasts overlapping a line of the non-forecast list (conditionals,
  questions, rhetoric) are listed on their own;
* **deadline, band, outcome accuracy** — over the matched mentions: the deadline equals the
  gold date (or is a documented default when the gold gives none), the band is the gold band
  (a level name of either scale, ``hedge`` or ``asserted``), the outcome is the gold outcome.

Gold lines whose text is in no stored report (the shared seed when it was not ingested) are
left out and counted as ``excluded``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from frontwatch.evaluation.gold import nth_occurrence
from frontwatch.nlp import certainty

SHARED_PREFIX = "shared:"


@dataclass
class Mention:
    """One gold line, with the places it was found in the store: (report id, start, end)."""

    line: dict[str, Any]
    locations: list[tuple[str, int, int]] = field(default_factory=list)


def read_gold(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def locate(lines: list[dict[str, Any]], reports: list[tuple[str, str, str]]) -> list[Mention]:
    """Find each gold line in the stored reports (id, ISO date, text) of its date."""
    mentions = []
    for line in lines:
        mention = Mention(line)
        for report_id, date, text in reports:
            if date != line.get("report_date", date):
                continue
            at = nth_occurrence(text, line["text"], int(line.get("occurrence", 0)))
            if at >= 0:
                mention.locations.append((report_id, at, at + len(line["text"])))
        mentions.append(mention)
    return mentions


def _overlaps(mention: Mention, report_id: str, start: int, end: int) -> bool:
    return any(r == report_id and s < end and start < e for r, s, e in mention.locations)


def band_name(p_low: float, p_high: float, basis: str) -> str:
    """The gold-style band of a probability: a level name of either scale, hedge or asserted."""
    if basis in ("asserted", "hedge"):
        return basis
    for scale in certainty.SCALES.values():
        for name, low, high in scale.values():
            if (low, high) == (p_low, p_high):
                return name.replace(" ", "_")
    return "number"


def _same_band(gold: str, p_low: float, p_high: float, basis: str) -> bool:
    """Gold bands are named on either scale ("highly_likely" = "very_likely")."""
    found = band_name(p_low, p_high, basis)
    if found == gold:
        return True
    levels = {name.replace(" ", "_"): level for scale in certainty.SCALES.values()
              for level, (name, _, _) in scale.items()}
    return gold in levels and levels.get(found) == levels[gold]


def _deadline_right(gold: str, status) -> bool:
    if not gold:
        return status.deadline_defaulted
    return status.deadline is not None and status.deadline.isoformat() == gold


def score(mentions: list[Mention], non_forecasts: list[Mention], statuses: list) -> dict[str, Any]:
    """Compare extracted forecasts (``resolve.ForecastStatus``) with located gold mentions."""
    located = [m for m in mentions if m.locations]
    by_id: dict[str, list[Mention]] = defaultdict(list)
    for m in located:
        by_id[m.line["id"]].append(m)
    pairs = [(m, s) for m in located for s in statuses
             if _overlaps(m, s.report_id, s.start, s.end)]
    found_ids = {m.line["id"] for m, _ in pairs}
    matched_statuses = {s.id for _, s in pairs}
    unmatched = [s for s in statuses if s.id not in matched_statuses]
    on_non_forecasts = [
        (n.line, s) for n in non_forecasts for s in statuses
        if _overlaps(n, s.report_id, s.start, s.end)
    ]
    event_ids = {i for i, ms in by_id.items() if ms[0].line.get("event_type") != "other"}
    first_pair = {}
    for m, s in pairs:
        first_pair.setdefault(id(m), (m, s))

    def rate(hits: int, total: int) -> float | None:
        return round(hits / total, 3) if total else None

    mention_pairs = list(first_pair.values())
    return {
        "gold_ids": len(by_id),
        "gold_event_ids": len(event_ids),
        "excluded_lines": len(mentions) - len(located),
        "extracted": len(statuses),
        "ids_found": len(found_ids),
        "recall": rate(len(found_ids), len(by_id)),
        "recall_event_ids": rate(len(found_ids & event_ids), len(event_ids)),
        "precision": rate(len(found_ids), len(found_ids) + len(unmatched)),
        "false_positives": [{"id": s.id, "text": s.text} for s in unmatched],
        "on_non_forecasts": [{"gold": g["text"], "why": g["why"], "id": s.id, "text": s.text}
                             for g, s in on_non_forecasts],
        "mentions_matched": len(mention_pairs),
        "deadline_accuracy": rate(sum(_deadline_right(m.line["deadline"], s)
                                      for m, s in mention_pairs), len(mention_pairs)),
        "band_accuracy": rate(sum(_same_band(m.line["band"], s.p_low, s.p_high, s.basis)
                                  for m, s in mention_pairs), len(mention_pairs)),
        "outcome_accuracy": rate(sum(m.line["outcome"] == s.outcome for m, s in mention_pairs),
                                 len(mention_pairs)),
        "mentions": [_mention_row(m, first_pair.get(id(m), (m, None))[1]) for m in located],
    }


def _mention_row(m: Mention, status) -> dict[str, Any]:
    row = {key: m.line[key] for key in ("id", "report_date", "source", "text", "deadline",
                                        "band", "outcome")}
    if status is not None:
        row["found"] = {
            "id": status.id, "text": status.text, "source": status.source,
            "deadline": status.deadline.isoformat() if status.deadline else None,
            "deadline_defaulted": status.deadline_defaulted,
            "band": band_name(status.p_low, status.p_high, status.basis),
            "outcome": status.outcome, "event_type": status.event_type, "place": status.place,
        }
    return row


def evaluate(inputs: list[str], gold: Path, non_forecasts: Path | None, db: str) -> dict[str, Any]:
    """Ingest ``inputs`` into ``db``, resolve, and score the forecasts against ``gold``."""
    from sqlalchemy import select

    from frontwatch.analysis import resolve
    from frontwatch.ingest import ingest, read_inputs
    from frontwatch.store.db import session_scope
    from frontwatch.store.schema import ReportRow

    ingest(read_inputs(inputs), db)
    with session_scope(db) as session:
        resolve.resolve_store(session)
        statuses = resolve.forecast_statuses(session)
        reports = [(r.id, r.published.isoformat(), r.text)
                   for r in session.scalars(select(ReportRow))]
    mentions = locate(read_gold(gold), reports)
    negatives = locate(read_gold(non_forecasts), reports) if non_forecasts else []
    # a negative line has no report date: locate() then accepts any date
    return score(mentions, [n for n in negatives if n.locations], statuses)
