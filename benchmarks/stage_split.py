"""CPU ms per report of spaCy and of each extractor, best of several rounds: steadier than
one pass on a machine shared with other jobs, for comparing two versions of the code.

    python benchmarks/stage_split.py                       # data/sample × 3, best of 3
    PYTHONPATH=/tmp/old/src python benchmarks/stage_split.py   # the same for another checkout

Each round parses the texts afresh (``throughput.stage_times`` on the CPU clock), after one
untimed round that warms the per-process caches.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from profile_analyze import read_reports  # noqa: E402
from throughput import stage_times, warm_up  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", default=[str(ROOT / "data" / "sample")])
    parser.add_argument("--repeat", type=int, default=3, help="texts repeated this often per round")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    reports = read_reports(args.inputs, None) * args.repeat
    warm_up()
    stage_times(reports)
    best: dict[str, float] = {}
    for _ in range(args.rounds):
        for name, seconds in stage_times(reports, clock=time.process_time).items():
            best[name] = min(best.get(name, seconds), seconds)
    spacy_ms = 1000 * best.pop("spaCy + matchers") / len(reports)
    stages = {name: 1000 * seconds / len(reports) for name, seconds in best.items()}
    extractors = sum(stages.values())
    print(f"{len(reports)} reports; load average {os.getloadavg()[0]:.2f}")
    print(f"  {'spaCy + matchers':<18} {spacy_ms:6.2f} ms/report")
    for name, ms in stages.items():
        print(f"  {name:<18} {ms:6.2f}")
    print(f"  {'extractors':<18} {extractors:6.2f}  (spaCy share {100 * spacy_ms / (spacy_ms + extractors):.1f} %)")


if __name__ == "__main__":
    main()
