"""``frontwatch ingest --workers N``: N processes analyse, this process alone writes.

Reading, exact and near-duplicate detection and every database write stay in the calling
process (one writer, so SQLite works and the near-duplicate index sees reports in input
order); only the CPU-heavy ``analyze`` runs in the pool. Each worker loads the spaCy
pipeline once, in its initializer. Up to ``2 × N`` batches are in flight, so the readers
and the writer never make the workers wait and memory stays bounded.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor

from frontwatch.ingest.draft import ReadReport
from frontwatch.ingest.errors import IngestError
from frontwatch.ingest.run import BATCH_SIZE, Accepted, IngestRun, IngestSummary, analyze_batch, batches

BATCHES_IN_FLIGHT_PER_WORKER = 2


def ingest_parallel(
    items: Iterable[ReadReport | IngestError],
    db_url: str | None = None,
    workers: int = 2,
    on_error: Callable[[IngestError], None] | None = None,
    batch_size: int = BATCH_SIZE,
) -> IngestSummary:
    """Like :func:`frontwatch.ingest.ingest`, with the analysis spread over ``workers``."""
    run = IngestRun(db_url, on_error or (lambda error: None))
    in_flight: deque[tuple[list[Accepted], Future]] = deque()
    pool: ProcessPoolExecutor | None = None  # started by the first batch to analyse
    try:
        for batch in batches(items, batch_size):
            accepted = run.accept(batch)
            if not accepted:
                continue
            # "spawn": a forked copy of a parent that already holds threads (tqdm,
            # SQLAlchemy) or a loaded model is neither safe nor smaller.
            pool = pool or ProcessPoolExecutor(
                workers, mp_context=multiprocessing.get_context("spawn"), initializer=_load_pipeline)
            reports = [read.report for read, _ in accepted]
            in_flight.append((accepted, pool.submit(analyze_batch, reports)))
            while len(in_flight) >= BATCHES_IN_FLIGHT_PER_WORKER * workers:
                _store_oldest(run, in_flight)
        while in_flight:
            _store_oldest(run, in_flight)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    return run.summary


def _store_oldest(run: IngestRun, in_flight: deque[tuple[list[Accepted], Future]]) -> None:
    """Store the oldest batch (input order); its analysis raising as a whole is re-raised."""
    accepted, future = in_flight.popleft()
    run.store_all(accepted, future.result())


def _load_pipeline() -> None:
    from frontwatch.nlp.pipeline import get_nlp

    get_nlp()
