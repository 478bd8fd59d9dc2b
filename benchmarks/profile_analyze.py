"""Where ``analyze`` spends its time: per-stage cost against bare spaCy, plus a pyinstrument
profile (pyinstrument is a dev tool, not a runtime dependency: ``pip install pyinstrument==5.1.3``).

    python benchmarks/profile_analyze.py ../shared/eval/text/wikipedia-ukraine-war --limit 10
    python benchmarks/profile_analyze.py data/sample --html /tmp/profile.html
    python benchmarks/profile_analyze.py --startup     # profile import + model + gazetteer

Inputs are anything ``frontwatch ingest`` reads. Times are CPU seconds of this process
(``time.process_time``), not wall time: on a machine shared with other jobs wall time
measures the neighbours as much as us. The per-stage split is ``benchmarks/throughput.py``'s,
on the CPU clock.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections import deque
from collections.abc import Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import stage_times, warm_up  # noqa: E402


def read_reports(inputs: list[str], limit: int | None):
    from frontwatch.ingest import ReadReport, read_inputs

    reports = [i.report for i in read_inputs(inputs) if isinstance(i, ReadReport)]
    return reports[:limit] if limit else reports


def profile_startup() -> None:
    from pyinstrument import Profiler

    with Profiler() as profiler:
        from frontwatch.nlp.pipeline import get_nlp

        get_nlp()
    print(profiler.output_text(unicode=True, color=False, show_all=False))


def cpu_seconds(items: Iterable) -> float:
    """CPU time this process spends exhausting ``items``."""
    start = time.process_time()
    deque(items, maxlen=0)
    return time.process_time() - start


def bare_and_full(reports) -> tuple[float, float]:
    """CPU seconds of the same model without our matchers and extractors, and of analyze_many."""
    import spacy

    from frontwatch.nlp.pipeline import MODEL_PACKAGE, analyze_many

    bare_nlp = spacy.load(MODEL_PACKAGE, exclude=["lemmatizer"])
    bare = cpu_seconds(bare_nlp.pipe((r.text for r in reports), batch_size=32))
    warm_up()
    return bare, cpu_seconds(analyze_many(reports))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*")
    parser.add_argument("--limit", type=int, default=None, help="first N reports only")
    parser.add_argument("--html", help="write the pyinstrument profile here")
    parser.add_argument("--startup", action="store_true", help="profile start-up instead")
    args = parser.parse_args()
    if args.startup:
        profile_startup()
        return
    from pyinstrument import Profiler

    reports = read_reports(args.inputs, args.limit)
    words = sum(len(r.text.split()) for r in reports)
    bare, full = bare_and_full(reports)
    stages = stage_times(reports, clock=time.process_time)
    print(f"{len(reports)} reports, {words:,} words")
    print(f"CPU time: bare spaCy {words / bare:,.0f} words/s; full analysis {words / full:,.0f} "
          f"words/s ({100 * bare / full:.0f} % of bare)")
    total = sum(stages.values())
    for name, seconds in stages.items():
        print(f"  {name:<18} {1000 * seconds / len(reports):8.1f} ms/report  {100 * seconds / total:5.1f} %")
    print(f"max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")
    from frontwatch.nlp.pipeline import analyze_many

    with Profiler() as profiler:
        cpu_seconds(analyze_many(reports))
    if args.html:
        Path(args.html).write_text(profiler.output_html())
    print(profiler.output_text(unicode=True, color=False, show_all=False))


if __name__ == "__main__":
    main()
