"""Attribution accuracy on PolNeAR-style data: ``text/*.txt`` + BRAT ``attributions/*.ann``.

Scoring follows the convention of BBC's citron so the figures can be set beside its PARC 3.0
results: *exact* counts a relation as found when its cue overlaps a gold cue and the scored
part (source, cue or content) has exactly the gold character fragments (whitespace trimmed);
*overlap* is token overlap between all predicted and all gold spans of that part (precision =
overlapping tokens / predicted tokens, recall = overlapping / gold). Texts annotated by several
annotators (file suffix ``_<annotator>.ann``) are scored against each and the counts averaged,
so every text weighs the same. Predictions whose cue falls in a ``Discard`` region are ignored.

``half`` ("a" or "b") scores one of two fixed halves of the texts, chosen by a hash of the
file name, so rules can be developed on half a and checked on half b without overfitting.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Token

from frontwatch.evaluation.measures import precision_recall_f1
from frontwatch.nlp.attribution import Attribution, find_attributions
from frontwatch.nlp.doctext import doc_text
from frontwatch.nlp.edges import QUOTE_CHARS

PARTS = ("source", "cue", "content")
Fragments = tuple[tuple[int, int], ...]
_TOKEN_RE = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True)
class Relation:
    source: Fragments
    cue: Fragments
    content: Fragments


@dataclass
class Counts:
    """Weighted tallies per part: exact tp/fp/fn and overlap tokens/predicted/gold."""

    exact: dict[str, list[float]] = field(
        default_factory=lambda: {p: [0.0, 0.0, 0.0] for p in PARTS})
    overlap: dict[str, list[float]] = field(
        default_factory=lambda: {p: [0.0, 0.0, 0.0] for p in PARTS})
    gold_relations: float = 0.0
    predicted_relations: float = 0.0

    def add(self, other: Counts, weight: float) -> None:
        for part in PARTS:
            for n in range(3):
                self.exact[part][n] += other.exact[part][n] * weight
                self.overlap[part][n] += other.overlap[part][n] * weight
        self.gold_relations += other.gold_relations * weight
        self.predicted_relations += other.predicted_relations * weight


def _fragments(spec: str, text: str) -> Fragments:
    out = []
    for piece in spec.split(";"):
        start, end = (int(x) for x in piece.split())
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        out.append((start, end))
    return tuple(sorted(out))


def read_brat(path: Path, text: str) -> tuple[list[Relation], list[tuple[int, int]]]:
    """Gold relations of one ``.ann`` file and its Discard regions. Bad lines are skipped."""
    spans: dict[str, tuple[str, Fragments]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) < 2:
            continue
        if cols[0].startswith("T"):
            label, _, spec = cols[1].partition(" ")
            try:
                spans[cols[0]] = (label, _fragments(spec, text))
            except ValueError:
                continue
        elif cols[0].startswith("E"):
            roles = dict(arg.split(":", 1) for arg in cols[1].split() if ":" in arg)
            events.append(roles)
    relations = []
    for roles in events:
        def part(role: str) -> Fragments:
            ref = roles.get(role)
            return spans[ref][1] if ref in spans else ()

        if part("Cue") or part("Content"):
            relations.append(Relation(part("Source"), part("Cue"), part("Content")))
    discard = [f for label, frags in spans.values() if label == "Discard" for f in frags]
    return relations, discard


def _runs(tokens: Iterable[Token]) -> list[tuple[int, int]]:
    """Contiguous character runs covered by tokens (whitespace between tokens joins them)."""
    runs: list[list[int]] = []
    for tok in sorted(tokens, key=lambda t: t.i):
        start, end = tok.idx, tok.idx + len(tok.text)
        if runs and not doc_text(tok.doc)[runs[-1][1]:start].strip():
            runs[-1][1] = end
        else:
            runs.append([start, end])
    return [(s, e) for s, e in runs]


def _widen_content(run: tuple[int, int], text: str) -> tuple[int, int]:
    """Include the enclosing quote marks and a leading "that", as PolNeAR annotators do."""
    start, end = run
    before = text[:start].rstrip()
    if before and before[-1] in QUOTE_CHARS:
        start = len(before) - 1
    elif before.lower().endswith(" that"):
        start = len(before) - 4
    after = re.match(r"[,.!?]?[\"”»]", text[end:])
    if after:
        end += after.end()
    return start, end


def predicted_relation(att: Attribution, text: str) -> Relation:
    content_runs = [r for frag in [att.content, *att.extra_content] for r in _runs(frag)]
    return Relation(
        tuple(sorted(_runs(att.source))),
        tuple(sorted(_runs(att.cue + att.cue_setting))),
        tuple(sorted(_widen_content(r, text) for r in content_runs)),
    )


def _overlaps(a: Fragments, b: Fragments) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def _token_ids(frags: Iterable[tuple[int, int]], text: str) -> set[int]:
    ids: set[int] = set()
    for start, end in frags:
        ids.update(m.start() for m in _TOKEN_RE.finditer(text, start, end))
    return ids


def score_document(predicted: list[Relation], gold: list[Relation], text: str) -> Counts:
    counts = Counts(gold_relations=len(gold), predicted_relations=len(predicted))
    for part in PARTS:
        def match(p: Relation, g: Relation) -> bool:
            if part == "cue":
                return p.cue == g.cue
            return _overlaps(p.cue, g.cue) and getattr(p, part) == getattr(g, part)

        tp = sum(1 for p in predicted if any(match(p, g) for g in gold))
        fn = sum(1 for g in gold if not any(match(p, g) for p in predicted))
        counts.exact[part] = [tp, len(predicted) - tp, fn]
        pred_tokens = _token_ids((f for r in predicted for f in getattr(r, part)), text)
        gold_tokens = _token_ids((f for r in gold for f in getattr(r, part)), text)
        counts.overlap[part] = [len(pred_tokens & gold_tokens), len(pred_tokens),
                                len(gold_tokens)]
    return counts


def summarise(counts: Counts, n_texts: int, n_files: int) -> dict[str, float | int]:
    result: dict[str, float | int] = {"texts": n_texts, "annotation_files": n_files,
                                      "gold_relations": round(counts.gold_relations, 2),
                                      "predicted_relations": round(counts.predicted_relations, 2)}
    for part in PARTS:
        tp, fp, fn = counts.exact[part]
        for name, value in zip(("p", "r", "f1"), precision_recall_f1(tp, tp + fp, tp, tp + fn)):
            result[f"{part}_{name}_exact"] = round(value, 4)
        ov, n_pred, n_gold = counts.overlap[part]
        for name, value in zip(("p", "r", "f1"), precision_recall_f1(ov, n_pred, ov, n_gold)):
            result[f"{part}_{name}_overlap"] = round(value, 4)
    return result


def _annotations(directory: Path) -> dict[str, list[Path]]:
    """Text stem → its annotation files (``<stem>_<annotator>.ann`` or ``<stem>.ann``)."""
    texts = {p.stem for p in (directory / "text").glob("*.txt")}
    by_text: dict[str, list[Path]] = defaultdict(list)
    for ann in sorted((directory / "attributions").glob("*.ann")):
        stem = ann.stem if ann.stem in texts else ann.stem.rsplit("_", 1)[0]
        if stem in texts:
            by_text[stem].append(ann)
    return by_text


HALVES = ("a", "b")


def half_of(stem: str) -> str:
    """The fixed half ("a" or "b") a text belongs to: first byte of SHA-1 of its stem, even → a."""
    return HALVES[hashlib.sha1(stem.encode("utf-8")).digest()[0] % 2]


def evaluate(directory: str | Path, limit: int | None = None,
             half: str | None = None) -> dict[str, float | int]:
    """Score ``find_attributions`` against every annotated text under ``directory``
    (or only those of one ``half``)."""
    from frontwatch.nlp.pipeline import get_nlp

    directory = Path(directory)
    by_text = _annotations(directory)
    stems = sorted(s for s in by_text if half is None or half_of(s) == half)
    stems = stems[:limit] if limit else stems
    if not stems:
        raise FileNotFoundError(f"no text/*.txt with attributions/*.ann under {directory}")
    texts = [(directory / "text" / f"{stem}.txt").read_text(encoding="utf-8") for stem in stems]
    total = Counts()
    n_files = 0
    for stem, text, doc in zip(stems, texts, get_nlp().pipe(texts, batch_size=16)):
        predicted_all = [predicted_relation(a, text) for a in find_attributions(doc)]
        files = by_text[stem]
        for ann in files:
            gold, discard = read_brat(ann, text)
            predicted = [p for p in predicted_all if not any(
                s <= p.cue[0][0] < e for s, e in discard)] if discard else predicted_all
            total.add(score_document(predicted, gold, text), 1 / len(files))
            n_files += 1
    return summarise(total, len(stems), n_files)


def format_text(result: dict[str, float | int]) -> str:
    lines = [f"texts {result['texts']}  annotation files {result['annotation_files']}  "
             f"gold relations {result['gold_relations']}  predicted {result['predicted_relations']}",
             f"{'part':<8} {'P exact':>8} {'R exact':>8} {'F1 exact':>9} "
             f"{'P overl':>8} {'R overl':>8} {'F1 overl':>9}"]
    for part in PARTS:
        vals = [result[f"{part}_{m}_{k}"] for k in ("exact", "overlap") for m in ("p", "r", "f1")]
        lines.append(f"{part:<8} " + " ".join(f"{v:>8.3f}" if n % 3 != 2 else f"{v:>9.3f}"
                                              for n, v in enumerate(vals)))
    return "\n".join(lines)
