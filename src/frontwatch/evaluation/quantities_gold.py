"""Quantities against a gold file of span annotations (``tests/gold/quantities.jsonl``).

The reports are read through the real ingest readers (``frontwatch.ingest.read_inputs``) and
analysed by the real pipeline, so what is measured is what ``frontwatch ingest`` stores. A
gold line names its report (a path under the corpus directory, or ``shared:<path>`` under the
shared directory), its ``item`` (the JSONL ``id`` or the RSS item title, ``""`` otherwise) and
its span by exact ``text`` and ``occurrence``. A gold quantity is *found* when an extracted
quantity overlaps its span; each field is then scored over the found ones:

* ``value``, ``lower``, ``upper`` equal within 1 % (both None counts as equal);
* ``unit``, ``kind``, ``approximate``, ``reference`` equal;
* ``counted`` equal ignoring case (what the number counts: "tanks", "people killed").
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from frontwatch.evaluation.gold import gold_span
from frontwatch.models import Analysis, Quantity

FIELDS = ("value", "unit", "kind", "lower", "upper", "approximate", "reference", "counted")
NUMERIC_FIELDS = {"value", "lower", "upper"}


@dataclass
class Comparison:
    gold: dict
    found: Quantity | None

    def agrees(self, name: str) -> bool:
        expected, got = self.gold.get(name), getattr(self.found, name)
        if name in NUMERIC_FIELDS:
            if expected is None or got is None:
                return expected is None and got is None
            return math.isclose(float(expected), float(got), rel_tol=0.01)
        if name == "counted":
            return str(expected or "").lower() == str(got or "").lower()
        return expected == got


def report_key(origin: str, title: str, report_id: str, corpus: Path, shared: Path) -> tuple[str, str]:
    """(report, item) as the gold file names a report read from ``origin``."""
    head, _, line_number = origin.rpartition(":")  # JSONL origins end in ":<line>"
    path = Path(head if head and line_number.isdigit() else origin).resolve()
    if path.is_relative_to(corpus.resolve()):
        name = path.relative_to(corpus.resolve()).as_posix()
    else:
        name = "shared:" + path.relative_to(shared.resolve()).as_posix()
    if name.endswith(".jsonl"):
        return name, report_id
    if name.endswith((".xml", ".rss", ".atom")):
        return name, title
    return name, ""


def compare(gold: Iterable[dict], analyses: dict[tuple[str, str], Analysis]) -> list[Comparison]:
    """Each gold line with the extracted quantity overlapping its span (None if missed)."""
    comparisons = []
    for line in gold:
        analysis = analyses.get((line["report"], line["item"]))
        found = None
        if analysis is not None:
            span = gold_span(analysis.report.text, line)
            if span is not None:
                start, end = span
                found = next((q for q in analysis.quantities if q.start < end and start < q.end), None)
        comparisons.append(Comparison(line, found))
    return comparisons


def measures(comparisons: list[Comparison]) -> dict[str, float | int]:
    found = [c for c in comparisons if c.found is not None]
    result: dict[str, float | int] = {
        "n_gold": len(comparisons), "found": len(found),
        "recall": round(len(found) / len(comparisons), 4) if comparisons else 0.0,
    }
    for name in FIELDS:
        result[f"{name}_accuracy"] = round(sum(c.agrees(name) for c in found) / len(found), 4) if found else 0.0
    result["all_fields_accuracy"] = (
        round(sum(all(c.agrees(n) for n in FIELDS) for c in found) / len(found), 4) if found else 0.0
    )
    return result


def disagreements(comparisons: list[Comparison]) -> list[str]:
    """One line per miss or wrong field, for reading what went wrong."""
    lines = []
    for c in comparisons:
        where = f"{c.gold['report']} {c.gold['item']!r} {c.gold['text']!r}"
        if c.found is None:
            lines.append(f"{where}: missed")
            continue
        wrong = [f"{n}={getattr(c.found, n)!r} (gold {c.gold.get(n)!r})" for n in FIELDS if not c.agrees(n)]
        if wrong:
            lines.append(f"{where} [{c.found.text!r}]: " + ", ".join(wrong))
    return lines


def evaluate(gold_path: Path, corpus: Path, shared: Path) -> tuple[dict, list[Comparison]]:
    """Read and analyse every report the gold file names, then score it."""
    from frontwatch.ingest import read_inputs
    from frontwatch.ingest.draft import ReadReport
    from frontwatch.nlp.pipeline import analyze_many

    gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    inputs = {str(corpus)} | {
        str(shared / line["report"].removeprefix("shared:")) for line in gold if line["report"].startswith("shared:")
    }
    reports = [r.report for r in read_inputs(sorted(inputs)) if isinstance(r, ReadReport)]
    analyses = {
        report_key(a.report.origin, a.report.title, a.report.id, corpus, shared): a
        for a in analyze_many(reports)
    }
    comparisons = compare(gold, analyses)
    return measures(comparisons), comparisons
