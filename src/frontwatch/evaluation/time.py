"""TempEval-3 scoring of our time extractor on TimeML (``.tml``) files.

Each file's text (inside ``<TEXT>``) is stripped of tags with offsets kept, anchored on its
``CREATION_TIME`` TIMEX3, run through the real spaCy pipeline and ``nlp.time.extract``, and
compared with the gold TIMEX3s:

* extraction, *strict*: same start and end; *relaxed*: the spans overlap (one-to-one, greedy
  by overlap length). Precision over our expressions, recall over gold, F1;
* attribute F1 (type, value), as TempEval-3 defines it: the attribute's accuracy over the
  relaxed matches times the relaxed F1.

Values are compared after trivial canonicalisation only (case, "W7" = "W07").
"""

from __future__ import annotations

import datetime as dt
import html
import re
import time as clock
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from frontwatch.evaluation.measures import precision_recall_f1
from frontwatch.models import Analysis, Report

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class Timex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class TimeMLDoc:
    name: str
    text: str
    creation: dt.date
    gold: list[Timex]


@dataclass
class Score:
    """Counts behind the TempEval-3 measures, summable over documents."""

    n_gold: int = 0
    n_system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_correct: int = 0
    value_correct: int = 0
    errors: list[dict] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("n_gold", "n_system", "strict", "relaxed", "type_correct", "value_correct"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.extend(other.errors)


def read_timeml(path: Path) -> TimeMLDoc | None:
    """Raw text of ``<TEXT>`` with its gold TIMEX3s; None without a usable creation time."""
    source = path.read_text(encoding="utf-8", errors="replace")
    creation = re.search(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>', source)
    if creation is None:
        return None
    value = dict(_ATTRIBUTE.findall(creation.group())).get("value", "")
    try:
        day = dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
    body = re.search(r"<TEXT>(.*)</TEXT>", source, re.DOTALL)
    raw = body.group(1) if body else source
    pieces: list[str] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    gold: list[Timex] = []
    position = 0
    for tag in _TAG.finditer(raw):
        chunk = html.unescape(raw[position:tag.start()])
        pieces.append(chunk)
        length += len(chunk)
        position = tag.end()
        closing, name = tag.group(1), tag.group(2)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(_ATTRIBUTE.findall(tag.group(3))))
        elif open_timex is not None:
            begin, attributes = open_timex
            open_timex = None
            gold.append(Timex(begin, length, "", attributes.get("type", ""), attributes.get("value", "")))
    pieces.append(html.unescape(raw[position:]))
    text = "".join(pieces)
    for timex in gold:
        timex.text = text[timex.start:timex.end]
    return TimeMLDoc(path.name, text, day, gold)


def canonical_value(value: str) -> str:
    value = value.strip().upper()
    return re.sub(r"-W(\d)(?!\d)", r"-W0\1", value)


def score_document(gold: list[Timex], system: Iterable[Timex], name: str = "") -> Score:
    system = list(system)
    score = Score(n_gold=len(gold), n_system=len(system))
    gold_spans = {(g.start, g.end) for g in gold}
    score.strict = sum((s.start, s.end) in gold_spans for s in system)
    pairs = sorted(
        ((min(g.end, s.end) - max(g.start, s.start), gi, si)
         for gi, g in enumerate(gold) for si, s in enumerate(system)
         if g.start < s.end and s.start < g.end),
        reverse=True,
    )
    used_gold: set[int] = set()
    used_system: set[int] = set()
    for _, gi, si in pairs:
        if gi in used_gold or si in used_system:
            continue
        used_gold.add(gi)
        used_system.add(si)
        g, s = gold[gi], system[si]
        score.relaxed += 1
        score.type_correct += g.type == s.type
        if canonical_value(g.value) == canonical_value(s.value):
            score.value_correct += 1
        else:
            score.errors.append({"doc": name, "text": g.text, "system_text": s.text,
                                 "gold": g.value, "system": s.value})
    return score


def measures(score: Score) -> dict[str, float | int]:
    strict_p, strict_r, strict_f = precision_recall_f1(score.strict, score.n_system, score.strict, score.n_gold)
    relaxed_p, relaxed_r, relaxed_f = precision_recall_f1(score.relaxed, score.n_system, score.relaxed, score.n_gold)
    type_accuracy = score.type_correct / score.relaxed if score.relaxed else 0.0
    value_accuracy = score.value_correct / score.relaxed if score.relaxed else 0.0
    return {
        "strict_precision": round(strict_p, 4), "strict_recall": round(strict_r, 4),
        "strict_f1": round(strict_f, 4),
        "relaxed_precision": round(relaxed_p, 4), "relaxed_recall": round(relaxed_r, 4),
        "relaxed_f1": round(relaxed_f, 4),
        "type_accuracy": round(type_accuracy, 4), "type_f1": round(type_accuracy * relaxed_f, 4),
        "value_accuracy": round(value_accuracy, 4), "value_f1": round(value_accuracy * relaxed_f, 4),
        "n_gold": score.n_gold, "n_system": score.n_system,
    }


SPLITS = ("dev", "test")


def in_split(name: str, split: str | None) -> bool:
    """Fixed development/test halves by file name (CRC-32 even = dev), so rules are developed on
    one half and the other half measures them unseen."""
    if split is None:
        return True
    return (zlib.crc32(name.encode("utf-8")) % 2 == 0) == (split == "dev")


def evaluate(directory: Path, limit: int | None = None, split: str | None = None) -> tuple[dict, Score]:
    """Score every ``.tml`` file under ``directory`` (recursively; only the ``split`` half when
    given; first ``limit`` by name)."""
    from frontwatch.nlp import time as time_extractor
    from frontwatch.nlp.pipeline import get_nlp

    paths = [p for p in sorted(Path(directory).rglob("*.tml")) if in_split(p.name, split)][: limit or None]
    documents = [d for d in map(read_timeml, paths) if d is not None]
    nlp = get_nlp()
    started = clock.perf_counter()
    total = Score()
    for document, doc in zip(documents, nlp.pipe(d.text for d in documents)):
        analysis = Analysis(report=Report(text=document.text, published=document.creation))
        found = time_extractor.extract(doc, analysis)
        system = [Timex(t.start, t.end, t.text, t.type, t.value) for t in found]
        total.add(score_document(document.gold, system, document.name))
    result = measures(total)
    result.update(n_docs=len(documents), n_skipped=len(paths) - len(documents),
                  seconds=round(clock.perf_counter() - started, 1))
    return result, total
