"""Recall of the quantity extractor on real sentences (no gold file needed).

Method: split every ``.md``/``.txt`` file under a directory into sentences, keep those where a
number in digits is followed by a unit or counted-noun word (km, square miles, hectares, %,
troops, tanks, people, killed …: the *probes*), take a deterministic sample (ordered by a hash
of the sentence), run the real pipeline (spaCy, time, quantities) on each sentence and count a
probe as found when a quantity overlaps its number; the kind must also agree with the probe's
word (area, distance, percent, duration, count) for ``kind_accuracy``.

Run: ``python -m frontwatch.evaluation.quantities DIR`` or ``frontwatch eval quantities DIR``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import sys
from pathlib import Path

from frontwatch.models import Analysis, Report

PROBE_KINDS = {
    "area": r"square\s+(?:kilomet(?:re|er)s|miles|km)|sq\.?\s*(?:km|mi)|km2|km²|hectares",
    "distance": r"kilomet(?:re|er)s|km|miles|metres|meters",
    "percent": r"%|percent|per\s+cent",
    "duration": r"hours|days|weeks|months",
    "count": r"troops|soldiers|tanks|vehicles|people|civilians|killed|wounded|injured|"
             r"prisoners|settlements|villages|aircraft|helicopters|drones|missiles|casualties",
}
_PROBE = re.compile(
    r"(?<![\w.,-])(?P<number>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*|-)(?:" + "|".join(
        f"(?P<{kind}>{pattern})" for kind, pattern in PROBE_KINDS.items()
    ) + r")(?![\w²])",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def candidate_sentences(directory: Path) -> list[str]:
    sentences = []
    for path in sorted(directory.rglob("*")):
        if path.suffix.lower() not in (".md", ".txt") or not path.is_file():
            continue
        body = path.read_text(encoding="utf-8", errors="replace")
        body = re.sub(r"\A---.*?---", "", body, flags=re.DOTALL)
        for paragraph in body.splitlines():
            for sentence in _SENTENCE_END.split(paragraph.strip()):
                if 30 <= len(sentence) <= 400 and _PROBE.search(sentence):
                    sentences.append(sentence)
    return sentences


def _sample(sentences: list[str], size: int) -> list[str]:
    unique = sorted(set(sentences), key=lambda s: hashlib.sha256(s.encode()).hexdigest())
    return unique[:size]


def evaluate(directory: Path, sample: int = 300) -> dict:
    from frontwatch.nlp import quantities, time
    from frontwatch.nlp.pipeline import get_nlp

    chosen = _sample(candidate_sentences(Path(directory)), sample)
    probes = found = kind_right = 0
    missed: list[str] = []
    for sentence, doc in zip(chosen, get_nlp().pipe(chosen)):
        analysis = Analysis(report=Report(text=sentence, published=dt.date(2022, 9, 12)))
        analysis.times = time.extract(doc, analysis)
        extracted = quantities.extract(doc, analysis)
        for probe in _PROBE.finditer(sentence):
            probes += 1
            start, end = probe.span("number")
            hit = next((q for q in extracted if q.start < end and start < q.end), None)
            if hit is None:
                missed.append(sentence[max(0, start - 60):end + 40])
                continue
            found += 1
            kind = next(k for k in PROBE_KINDS if probe.group(k))
            kind_right += hit.kind == kind
    return {
        "sentences": len(chosen), "probes": probes, "found": found,
        "recall": round(found / probes, 4) if probes else 0.0,
        "kind_accuracy": round(kind_right / found, 4) if found else 0.0,
        "missed": missed,
    }


if __name__ == "__main__":
    result = evaluate(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 300)
    misses = result.pop("missed")
    print(result)
    for line in misses[:20]:
        print("  missed:", line)
