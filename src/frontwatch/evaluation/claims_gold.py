"""Claims against a gold annotation of whole reports (``tests/gold/claims.jsonl`` layout).

Each gold line names its report (a path under the sample directory, or ``shared:<path>``
under the shared folder), the JSONL id or RSS title as ``item``, the claim's exact ``text``
with its ``occurrence`` in the body, and the fields ``source``, ``cue``, ``is_quote``,
``band`` and ``stance``. Reports are read with the real ingest readers and analysed with the
real pipeline; a predicted claim matches a gold claim when their character spans overlap by
at least half of their mean length (Dice ≥ 0.5), one to one, best overlap first. Detection
precision counts predicted claims of the annotated reports; field accuracy is over matched
pairs.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from frontwatch.evaluation.gold import gold_span
from frontwatch.models import Analysis, Certainty, Claim, Report
from frontwatch.nlp.certainty import band_name

FIELDS = ("source", "cue", "is_quote", "band", "stance")
SHARED_PREFIX = "shared:"


@dataclass
class GoldScore:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    unlocated: int = 0
    correct: Counter = field(default_factory=Counter)
    errors: list[tuple[str, str, str, str]] = field(default_factory=list)  # field, gold, ours, text

    def summary(self) -> dict[str, float | int]:
        out: dict[str, float | int] = {
            "gold_claims": self.gold, "predicted_claims": self.predicted,
            "matched": self.matched, "unlocated": self.unlocated,
            "precision": round(self.matched / self.predicted, 4) if self.predicted else 0.0,
            "recall": round(self.matched / self.gold, 4) if self.gold else 0.0,
        }
        for name in FIELDS:
            out[f"{name}_accuracy"] = round(self.correct[name] / self.matched, 4) \
                if self.matched else 0.0
        return out


def load_gold(path: str | Path) -> list[dict]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def report_key(report: Report, sample_dir: Path, shared_dir: Path) -> tuple[str, str]:
    """(gold ``report``, gold ``item``) of a report read by ``frontwatch.ingest``."""
    location = Path(report.origin.rsplit(":", 1)[0] if report.origin.endswith(
        tuple(f":{n}" for n in range(10))) else report.origin).resolve()
    if location.is_relative_to(shared_dir.resolve()):
        return f"{SHARED_PREFIX}{location.relative_to(shared_dir.resolve()).as_posix()}", ""
    name = location.relative_to(sample_dir.resolve()).as_posix()
    if location.suffix == ".jsonl":
        return name, report.id
    if location.suffix == ".xml":
        return name, report.title
    return name, ""


def read_reports(sample_dir: Path, shared_dir: Path, gold: list[dict]) -> dict[tuple[str, str],
                                                                                Report]:
    """The gold's reports, read with the ingest readers (sample directory + shared files)."""
    from frontwatch.ingest import ReadReport, read_inputs

    inputs = [str(sample_dir)] + sorted({str(shared_dir / g["report"][len(SHARED_PREFIX):])
                                         for g in gold if g["report"].startswith(SHARED_PREFIX)})
    reports = {}
    for item in read_inputs(inputs):
        if isinstance(item, ReadReport):
            reports[report_key(item.report, sample_dir, shared_dir)] = item.report
    return reports


def claim_band(cert: Certainty) -> str:
    return {"asserted": "asserted", "hedge": "hedge"}.get(cert.basis) or band_name(cert)


def _field_values(claim: Claim) -> dict[str, object]:
    return {"source": claim.source, "cue": claim.cue.lower(), "is_quote": claim.is_quote,
            "band": claim_band(claim.certainty), "stance": claim.stance}


def score_report(gold: list[dict], analysis: Analysis, score: GoldScore) -> None:
    """Match one report's claims to its gold claims and tally the fields."""
    body = analysis.report.text
    spans = []
    for g in gold:
        span = gold_span(body, g)
        if span is None:
            score.unlocated += 1
        spans.append(span)
    score.gold += len(gold)
    score.predicted += len(analysis.claims)
    pairs = []
    for gi, span in enumerate(spans):
        if span is None:
            continue
        for ci, claim in enumerate(analysis.claims):
            overlap = min(span[1], claim.end) - max(span[0], claim.start)
            dice = 2 * overlap / ((span[1] - span[0]) + (claim.end - claim.start))
            if dice >= 0.5:
                pairs.append((dice, gi, ci))
    used_gold: set[int] = set()
    used_claims: set[int] = set()
    for _, gi, ci in sorted(pairs, reverse=True):
        if gi in used_gold or ci in used_claims:
            continue
        used_gold.add(gi)
        used_claims.add(ci)
        score.matched += 1
        ours = _field_values(analysis.claims[ci])
        expected = gold[gi]
        for name in FIELDS:
            want = expected[name].lower() if name == "cue" else expected[name]
            if ours[name] == want:
                score.correct[name] += 1
            else:
                score.errors.append((name, str(want), str(ours[name]), expected["text"]))


def evaluate_gold(gold_path: str | Path, sample_dir: str | Path,
                  shared_dir: str | Path) -> GoldScore:
    """Read, analyse and score every report the gold file annotates."""
    from frontwatch.nlp.pipeline import analyze_many

    gold = load_gold(gold_path)
    sample_dir, shared_dir = Path(sample_dir), Path(shared_dir)
    reports = read_reports(sample_dir, shared_dir, gold)
    by_report: dict[tuple[str, str], list[dict]] = {}
    for g in gold:
        by_report.setdefault((g["report"], g.get("item", "")), []).append(g)
    score = GoldScore()
    keys = [k for k in by_report if k in reports]
    for key in by_report:
        if key not in reports:
            score.gold += len(by_report[key])
            score.unlocated += len(by_report[key])
    for key, analysis in zip(keys, analyze_many([reports[k] for k in keys])):
        score_report(by_report[key], analysis, score)
    return score
