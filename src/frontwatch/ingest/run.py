"""Ingest: read → drop exact duplicates → link near-duplicates → analyse in batches → store.

Each report is stored in its own transaction, so a failure (bad input, an analysis that
raises, a database error) costs only that report. Errors are recorded in ``ingest_errors``
and handed to ``on_error`` as they happen; the summary tells the caller whether to fail.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from sqlalchemy.exc import SQLAlchemyError

from frontwatch.ingest.dedup import NearDuplicateIndex
from frontwatch.ingest.draft import ReadReport
from frontwatch.ingest.errors import IngestError
from frontwatch.models import Analysis, Report
from frontwatch.store import repository
from frontwatch.store.db import session_scope

BATCH_SIZE = 32
# A read accepted for analysis, with (report id, similarity) of the report it nearly repeats.
Accepted = tuple[ReadReport, tuple[str, float] | None]


@dataclass
class IngestSummary:
    stored: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    failed_analyses: int = 0  # stored with status "failed"
    errors: list[IngestError] = field(default_factory=list)
    report_ids: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and not self.failed_analyses

    def line(self) -> str:
        failed = f" ({self.failed_analyses} failed analysis)" if self.failed_analyses else ""
        return (
            f"stored {self.stored}{failed} · duplicates {self.duplicates} · "
            f"near-duplicates {self.near_duplicates} · errors {len(self.errors)}"
        )


def ingest(
    items: Iterable[ReadReport | IngestError],
    db_url: str | None = None,
    on_error: Callable[[IngestError], None] | None = None,
    batch_size: int = BATCH_SIZE,
) -> IngestSummary:
    """Store every report of ``items``; record every error. Never raises for one bad input."""
    run = IngestRun(db_url, on_error or (lambda error: None))
    for batch in batches(items, batch_size):
        accepted = run.accept(batch)
        run.store_all(accepted, analyze_batch([read.report for read, _ in accepted]))
    return run.summary


class IngestRun:
    def __init__(self, db_url: str | None, on_error: Callable[[IngestError], None]):
        self.db_url = db_url
        self.on_error = on_error
        self.summary = IngestSummary()
        self.seen: set[str] = set()
        self._index: NearDuplicateIndex | None = None

    @property
    def index(self) -> NearDuplicateIndex:
        """Built from the stored reports on first use, so links reach across runs."""
        if self._index is None:
            with session_scope(self.db_url) as session:
                self._index = NearDuplicateIndex.from_texts(repository.iter_report_texts(session))
        return self._index

    def accept(self, batch: list[ReadReport | IngestError]) -> list[Accepted]:
        """Record the errors of ``batch``; its reads that are neither stored nor seen yet,
        each with its near-duplicate link."""
        reads = [item for item in batch if isinstance(item, ReadReport)]
        for item in batch:
            if isinstance(item, IngestError):
                self.error(item)
        if not reads:
            return []
        with session_scope(self.db_url) as session:
            stored = repository.existing_sha256(session, (r.report.sha256 for r in reads))
        accepted: list[Accepted] = []
        for read in reads:
            sha = read.report.sha256
            if sha in stored or sha in self.seen:
                self.summary.duplicates += 1
                continue
            self.seen.add(sha)
            accepted.append((read, self.index.find_and_add(read.report.id, read.report.text)))
        return accepted

    def store_all(self, accepted: list[Accepted], results: list[Analysis | Exception]) -> None:
        for (read, near), result in zip(accepted, results, strict=True):
            self.store(read, near, result)

    def store(self, read: ReadReport, near: tuple[str, float] | None, result) -> None:
        failed = isinstance(result, Exception)
        analysis = Analysis(report=read.report) if failed else result
        analysis.warnings[:0] = read.warnings
        try:
            with session_scope(self.db_url) as session:
                repository.save_analysis(
                    session,
                    analysis,
                    status="failed" if failed else "analyzed",
                    error=f"{type(result).__name__}: {result}" if failed else "",
                    near_duplicate_of=near[0] if near else None,
                    near_duplicate_similarity=round(near[1], 4) if near else None,
                )
        except SQLAlchemyError as exc:
            message = f"could not store: {type(exc).__name__}: {exc}".splitlines()[0]
            self.error(IngestError(read.report.origin, "store_failed", message))
            return
        self.summary.stored += 1
        self.summary.report_ids.append(read.report.id)
        self.summary.near_duplicates += near is not None
        self.summary.failed_analyses += failed
        if failed:
            self.on_error(IngestError(read.report.origin, "analysis_failed", str(result)))

    def error(self, error: IngestError) -> None:
        self.summary.errors.append(error)
        try:
            with session_scope(self.db_url) as session:
                repository.record_ingest_error(
                    session, error.origin, error.kind, error.message, error.line
                )
        except SQLAlchemyError:
            pass  # the error is still reported to the user and counted
        self.on_error(error)


def analyze_batch(reports: list[Report]) -> list[Analysis | Exception]:
    """Analyses in order; a report whose analysis raises gets its exception instead."""
    from frontwatch.nlp.pipeline import ModelMissing, analyze, analyze_many

    if not reports:
        return []
    try:
        return list(analyze_many(reports, batch_size=len(reports)))
    except ModelMissing:
        raise
    except Exception:  # find which report broke the batch
        results: list[Analysis | Exception] = []
        for report in reports:
            try:
                results.append(analyze(report))
            except ModelMissing:
                raise
            except Exception as exc:
                results.append(exc)
        return results


def batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
