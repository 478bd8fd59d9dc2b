"""frontwatch ingest --workers N: the same store as one process, written by one writer."""

from __future__ import annotations

from sqlalchemy import select
from typer.testing import CliRunner

from frontwatch.cli import app
from frontwatch.cli import core  # noqa: F401  (registers ingest)
from frontwatch.ingest import ingest, read_inputs
from frontwatch.ingest.parallel import ingest_parallel
from frontwatch.store import repository
from frontwatch.store.db import session_scope
from frontwatch.store.schema import ReportRow

from test_make_corpus import load_make_corpus

REPORTS = 30


def _stored(db: str) -> tuple[dict, set]:
    with session_scope(db) as session:
        links = set(session.execute(select(ReportRow.id, ReportRow.near_duplicate_of, ReportRow.status)))
        return repository.table_counts(session), links


def test_two_workers_store_what_one_process_stores(tmp_path):
    corpus = load_make_corpus()
    path = tmp_path / "corpus.jsonl"
    generated = list(corpus.reports(REPORTS, seed=11))
    generated.append(dict(generated[0]))  # an exact duplicate
    corpus.write(iter(generated), path)
    parallel_db, serial_db = str(tmp_path / "parallel.db"), str(tmp_path / "serial.db")

    result = CliRunner().invoke(app, ["ingest", "--workers", "2", "--db", parallel_db, str(path)])
    assert result.exit_code == 0, result.output
    assert f"stored {REPORTS} · duplicates 1" in result.stdout
    serial = ingest(read_inputs([str(path)]), serial_db)
    assert serial.stored == REPORTS
    assert _stored(parallel_db) == _stored(serial_db)  # same rows, same near-duplicate links

    again = ingest_parallel(read_inputs([str(path)]), parallel_db, workers=2)
    assert (again.stored, again.duplicates) == (0, REPORTS + 1)
