"""Cost of the event stage relative to the spaCy parse on the same documents.

Usage: python benchmarks/events_speed.py [N_ARTICLES]   (from the project root, needs ../shared)
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

from frontwatch.models import Report
from frontwatch.nlp import analyze_many, events
from frontwatch.nlp.pipeline import get_nlp

CORPUS = Path(__file__).resolve().parents[1].parent / "shared/eval/text/wikipedia-ukraine-war"


def main(n_articles: int = 8, chars: int = 20_000) -> None:
    texts = [p.read_text(encoding="utf-8")[:chars] for p in sorted(CORPUS.glob("*.md"))[:n_articles]]
    nlp = get_nlp()
    start = time.perf_counter()
    docs = list(nlp.pipe(texts))
    spacy_seconds = time.perf_counter() - start
    analyses = list(analyze_many(Report(text=t, published=dt.date(2023, 1, 1)) for t in texts))
    start = time.perf_counter()
    found = sum(len(events.extract(d, a)) for d, a in zip(docs, analyses))
    event_seconds = time.perf_counter() - start
    tokens = sum(len(d) for d in docs)
    print(f"{len(docs)} docs, {tokens} tokens: spaCy {spacy_seconds:.2f}s, events stage "
          f"{event_seconds:.2f}s ({100 * event_seconds / spacy_seconds:.1f}% of spaCy), {found} events")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 8)
