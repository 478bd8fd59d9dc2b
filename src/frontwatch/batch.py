"""Distributed batch analysis: inputs → shards → ``dask.bag`` → analyse on workers → store.

The client only *lists* inputs (streaming, one directory at a time; a big JSON Lines file
becomes line-aligned byte ranges) and groups them into shards of about ``partition_size``
reports; workers read their shard's texts themselves, so no text passes through the client
and a million files cost the client one listing. Shards go to the cluster in waves of a few
per worker, so the graph and the client stay small however long the input.

Each worker analyses with its own spaCy pipeline (loaded once per process: a worker plugin
warms it at start, ``get_nlp`` caches it) and writes each batch of reports in one
transaction. Writing is idempotent: a report is keyed by its content hash, reports already
stored are skipped before analysis, and inside the transaction a per-hash advisory lock
(PostgreSQL) plus a re-check makes two attempts of the same task — a retry after a worker
died, or a zombie still running — store a report at most once. A task that dies loses only
its uncommitted batch; the retry skips what was committed.

Near-duplicates are linked after the bag by :func:`link_near_duplicates`, a pass over the
store in publication order with a sliding window of days, so its memory is bounded by the
reports of one window and the result does not depend on which worker finished first.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from sqlalchemy import select, text, update
from sqlalchemy.orm import Session

from frontwatch.ingest.draft import Overrides, ReadReport, finish
from frontwatch.ingest.errors import IngestError
from frontwatch.ingest.sources import FORMAT_BY_SUFFIX, read_inputs
from frontwatch.models import Analysis
from frontwatch.store import repository
from frontwatch.store.db import session_scope
from frontwatch.store.schema import ReportRow

PARTITION_SIZE = 200  # reports per task: long enough to amortise, short enough to retry
WRITE_BATCH = 32  # reports per transaction
READ_BLOCK = 1 << 20
WAVES_PER_WORKER = 3  # shards in flight per worker
NEAR_DUPLICATE_WINDOW_DAYS = 7


@dataclass(frozen=True)
class Unit:
    """Input a worker reads on its own: a whole file, or a byte range of a JSON Lines file."""

    path: str
    start: int = 0
    end: int | None = None
    reports: int = 1  # how many reports it holds, about (lines of a JSON Lines range)


@dataclass
class ShardResult:
    """What one task did; summed by the client."""

    read: int = 0
    stored: int = 0
    skipped: int = 0  # already stored (re-run, retried task, or duplicate text)
    failed_analyses: int = 0
    errors: list[str] = field(default_factory=list)
    first_date: dt.date | None = None
    last_date: dt.date | None = None

    def add(self, other: ShardResult) -> None:
        self.read += other.read
        self.stored += other.stored
        self.skipped += other.skipped
        self.failed_analyses += other.failed_analyses
        self.errors += other.errors
        dates = [d for d in (self.first_date, self.last_date, other.first_date, other.last_date) if d]
        self.first_date, self.last_date = (min(dates), max(dates)) if dates else (None, None)


# --- listing and sharding (client) -----------------------------------------------------------

def iter_units(inputs: Iterable[str], lines_per_unit: int) -> Iterator[Unit | IngestError]:
    """Every readable unit of ``inputs``, streamed; directories are walked one at a time."""
    for argument in inputs:
        path = Path(argument)
        if path.is_dir():
            for file in _walk(path):
                yield from _file_units(file, lines_per_unit)
        elif path.is_file():
            yield from _file_units(path, lines_per_unit)
        else:
            yield IngestError(argument, "unreadable", "no such file or directory")


def _walk(directory: Path) -> Iterator[Path]:
    """Known-format files under ``directory``, hidden entries skipped, sorted per folder."""
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(Path(entry.path))
        elif entry.is_file() and Path(entry.name).suffix.lower() in FORMAT_BY_SUFFIX:
            yield Path(entry.path)


def _file_units(path: Path, lines_per_unit: int) -> Iterator[Unit]:
    """A whole file, or a JSON Lines file cut every ``lines_per_unit`` lines (the client
    only counts newlines, reading in 1 MiB blocks; workers parse)."""
    if FORMAT_BY_SUFFIX.get(path.suffix.lower()) != "jsonl":
        yield Unit(str(path))
        return
    start = offset = lines = 0
    with open(path, "rb") as handle:
        while block := handle.read(READ_BLOCK):
            position = 0
            while (newline := block.find(b"\n", position)) != -1:
                position = newline + 1
                lines += 1
                if lines == lines_per_unit:
                    yield Unit(str(path), start, offset + position, lines)
                    start, lines = offset + position, 0
            offset += len(block)
    if offset > start:
        yield Unit(str(path), start, offset, lines + 1)


def shards(units: Iterable[Unit | IngestError], size: int) -> Iterator[list[Unit | IngestError]]:
    """Consecutive units grouped to about ``size`` reports each."""
    shard: list[Unit | IngestError] = []
    weight = 0
    for unit in units:
        shard.append(unit)
        weight += unit.reports if isinstance(unit, Unit) else 1
        if weight >= size:
            yield shard
            shard, weight = [], 0
    if shard:
        yield shard


# --- one task (worker) ----------------------------------------------------------------------

def process_shard(units: list[Unit | IngestError], db_url: str, overrides: Overrides,
                  write_batch: int = WRITE_BATCH) -> ShardResult:
    """Read, analyse and store one shard; safe to run twice (see the module docstring)."""
    from frontwatch.ingest.run import analyze_batch, batches

    result = ShardResult()
    for batch in batches(read_units(units, overrides), write_batch):
        reads = [item for item in batch if isinstance(item, ReadReport)]
        errors = [item for item in batch if isinstance(item, IngestError)]
        result.read += len(reads)
        for read in reads:
            day = read.report.published
            result.first_date = min(result.first_date or day, day)
            result.last_date = max(result.last_date or day, day)
        with session_scope(db_url) as session:
            stored = _stored_hashes(session, [r.report.sha256 for r in reads])
        fresh = list({r.report.sha256: r for r in reads if r.report.sha256 not in stored}.values())
        analyses = analyze_batch([r.report for r in fresh])
        written = write_reports(db_url, list(zip(fresh, analyses, strict=True)), errors)
        result.stored += written
        result.skipped += len(reads) - written
        result.failed_analyses += sum(isinstance(a, Exception) for a in analyses)
        result.errors += [str(e) for e in errors]
    return result


def read_units(units: list[Unit | IngestError], overrides: Overrides
                ) -> Iterator[ReadReport | IngestError]:
    for unit in units:
        if isinstance(unit, IngestError):
            yield unit
        elif unit.end is None:
            yield from read_inputs([unit.path], overrides)
        else:
            yield from _read_jsonl_range(unit, overrides)


def _read_jsonl_range(unit: Unit, overrides: Overrides) -> Iterator[ReadReport | IngestError]:
    """The lines that *start* inside [start, end): each line belongs to exactly one range."""
    from frontwatch.ingest.decode import decode_bytes
    from frontwatch.ingest.jsonl import read_jsonl

    origin = f"{unit.path}@{unit.start}"
    try:
        with open(unit.path, "rb") as handle:
            handle.seek(max(unit.start - 1, 0))
            if unit.start:
                handle.readline()  # the rest of the line that started before us
            lines = []
            while handle.tell() < unit.end and (line := handle.readline()):
                lines.append(line)
    except OSError as exc:
        yield IngestError(unit.path, "unreadable", f"cannot read: {exc.strerror}")
        return
    body, warnings = decode_bytes(b"".join(lines), origin)
    for draft in read_jsonl(body, origin):
        if isinstance(draft, IngestError):
            yield draft
            continue
        try:
            yield finish(draft, origin, overrides, warnings)
        except IngestError as error:
            yield error


def _stored_hashes(session: Session, hashes: list[str]) -> set[str]:
    """Hashes already stored under any status (a failed analysis is not retried in batch)."""
    if not hashes:
        return set()
    return set(session.scalars(select(ReportRow.sha256).where(ReportRow.sha256.in_(hashes))))


def write_reports(db_url: str, items: list[tuple[ReadReport, Analysis | Exception]],
                  errors: list[IngestError] = ()) -> int:
    """Store ``items`` and ``errors`` in one transaction; returns how many reports were new."""
    written = 0
    with session_scope(db_url) as session:
        hashes = sorted(read.report.sha256 for read, _ in items)
        _lock_hashes(session, hashes)
        stored = _stored_hashes(session, hashes)
        for read, result in items:
            if read.report.sha256 in stored:
                continue
            failed = isinstance(result, Exception)
            analysis = Analysis(report=read.report) if failed else result
            analysis.warnings[:0] = read.warnings
            repository.save_analysis(
                session, analysis, status="failed" if failed else "analyzed",
                error=f"{type(result).__name__}: {result}" if failed else "",
            )
            written += 1
        for error in errors:
            repository.record_ingest_error(session, error.origin, error.kind, error.message, error.line)
    return written


def _lock_hashes(session: Session, hashes: list[str]) -> None:
    """PostgreSQL: hold a transaction lock per report hash (in sorted order, so two writers
    never deadlock) until commit. SQLite has one writer at a time and needs none."""
    if session.get_bind().dialect.name != "postgresql" or not hashes:
        return
    keys = [int(h[:15], 16) for h in hashes]  # 60 bits: fits PostgreSQL's bigint
    session.execute(
        text("SELECT pg_advisory_xact_lock(k) FROM unnest(CAST(:keys AS bigint[])) AS k ORDER BY k"),
        {"keys": keys},
    )


# --- the run (client) ------------------------------------------------------------------------

def warm_pipeline_plugin():
    """A Dask worker plugin that loads the pipeline when a worker starts (and restarts)."""
    from distributed import WorkerPlugin

    class WarmPipeline(WorkerPlugin):
        name = "frontwatch-warm-pipeline"

        def setup(self, worker) -> None:
            from frontwatch.nlp.pipeline import get_nlp

            get_nlp()

    return WarmPipeline()


def run_batch(
    client,
    inputs: Iterable[str],
    db_url: str,
    overrides: Overrides | None = None,
    partition_size: int = PARTITION_SIZE,
    on_shard: Callable[[ShardResult], None] | None = None,
    write_batch: int = WRITE_BATCH,
) -> ShardResult:
    """Analyse and store every report of ``inputs`` on the cluster of ``client``."""
    import dask.bag as db
    from distributed import as_completed

    from frontwatch.store.db import get_engine

    get_engine(db_url)  # migrate once here, not in every worker at the same time
    overrides = overrides or Overrides()
    workers = max(len(client.scheduler_info().get("workers", {})), 1)
    in_flight_limit = WAVES_PER_WORKER * workers
    total = ShardResult()
    pending = shards(iter_units(inputs, partition_size), partition_size)
    running = as_completed()
    in_flight: deque = deque()

    def submit(count: int) -> None:
        wave = list(islice(pending, count))
        if not wave:
            return
        bag = db.from_sequence(wave, npartitions=len(wave)).map(
            process_shard, db_url=db_url, overrides=overrides, write_batch=write_batch)
        futures = client.compute(bag.to_delayed())
        in_flight.extend(futures)
        running.update(futures)

    submit(in_flight_limit)
    for future in running:
        in_flight.remove(future)
        try:
            results = future.result()
        except Exception as exc:  # e.g. KilledWorker after too many deaths: a re-run resumes
            results = [ShardResult(errors=[f"task failed: {type(exc).__name__}: {exc}"])]
        for shard_result in results:
            total.add(shard_result)
            if on_shard:
                on_shard(shard_result)
        if len(in_flight) <= in_flight_limit // 2:
            submit(in_flight_limit - len(in_flight))
    return total


def link_near_duplicates(db_url: str, first: dt.date, last: dt.date,
                         window_days: int = NEAR_DUPLICATE_WINDOW_DAYS) -> int:
    """Link each report published in [first, last] to the most similar earlier report (by
    date, then id) within ``window_days`` before it; returns the number of new links.

    One pass in publication order: MinHash + LSH make each lookup independent of corpus
    size, and signatures older than the window are dropped, so memory is bounded by the
    reports of one window. Reports already linked keep their link (re-runs are cheap)."""
    from datasketch import MinHashLSH

    from frontwatch.ingest.dedup import NUM_PERM, THRESHOLD, minhash

    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    window: deque[tuple[dt.date, str]] = deque()
    signatures = {}
    links: dict[str, tuple[str, float]] = {}
    start = first - dt.timedelta(days=window_days)
    query = (
        select(ReportRow.id, ReportRow.published, ReportRow.text, ReportRow.near_duplicate_of)
        .where(ReportRow.published >= start, ReportRow.published <= last)
        .order_by(ReportRow.published, ReportRow.id)
        .execution_options(yield_per=1000)
    )
    with session_scope(db_url) as session:
        for row in session.execute(query):
            while window and (row.published - window[0][0]).days > window_days:
                _, expired = window.popleft()
                lsh.remove(expired)
                del signatures[expired]
            signature = minhash(row.text)
            if row.published >= first and row.near_duplicate_of is None:
                similar = ((other, signature.jaccard(signatures[other])) for other in lsh.query(signature))
                best = max(similar, key=lambda pair: pair[1], default=None)
                if best and best[1] >= THRESHOLD:
                    links[row.id] = best
            lsh.insert(row.id, signature)
            signatures[row.id] = signature
            window.append((row.published, row.id))
    with session_scope(db_url) as session:
        for report_id, (other, similarity) in links.items():
            session.execute(
                update(ReportRow).where(ReportRow.id == report_id)
                .values(near_duplicate_of=other, near_duplicate_similarity=round(similarity, 4))
            )
    return len(links)
