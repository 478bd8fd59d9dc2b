"""frontwatch batch: sharding, idempotent writes, and a real 2-worker Dask cluster on a real
PostgreSQL that loses a worker mid-run and still stores every report exactly once."""

from __future__ import annotations

import json
import os
import signal
import threading

import pytest
from sqlalchemy import func, select

from frontwatch.batch import (
    Unit,
    iter_units,
    link_near_duplicates,
    process_shard,
    read_units,
    run_batch,
    shards,
    warm_pipeline_plugin,
    write_reports,
)
from frontwatch.ingest import Overrides, ReadReport, read_inputs
from frontwatch.models import text_sha256
from frontwatch.store.db import session_scope
from frontwatch.store.schema import ReportRow

from test_make_corpus import load_make_corpus

REPORTS = 200


def test_jsonl_ranges_read_every_line_exactly_once(tmp_path):
    lines = [json.dumps({"date": "2022-09-12", "text": f"Report number {i} " + "x" * (i % 97)})
             for i in range(500)]
    path = tmp_path / "many.jsonl"
    path.write_text("\n".join(lines) + "\n")
    units = list(iter_units([str(path)], lines_per_unit=7))
    assert len(units) == 72 and all(isinstance(u, Unit) and u.end for u in units)
    groups = list(shards(units, size=50))
    assert [len(g) for g in groups] == [8] * 9  # 8 ranges of 7 lines reach 50 reports
    texts = [r.report.text for g in groups for r in read_units(g, Overrides())]
    assert sorted(texts) == sorted(json.loads(line)["text"].strip() for line in lines)


def test_directories_are_walked_in_order_skipping_hidden_and_unknown(tmp_path):
    for name in ("b/2.txt", "a/1.md", "a/.hidden.txt", ".git/x.txt", "a/notes.csv", "c.jsonl"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("date 2022-09-12 Kupiansk was retaken.")
    units = list(iter_units([str(tmp_path), str(tmp_path / "missing")], lines_per_unit=100))
    names = [os.path.relpath(u.path, tmp_path) for u in units if isinstance(u, Unit)]
    assert names == ["a/1.md", "b/2.txt", "c.jsonl"]
    assert [u.kind for u in units if not isinstance(u, Unit)] == ["unreadable"]
    assert [len(g) for g in shards(units, size=3)] == [3, 1]  # the error counts as one


@pytest.mark.postgres
def test_writing_the_same_reports_twice_stores_them_once(pg_url, tmp_path):
    path = tmp_path / "two.jsonl"
    path.write_text('{"date": "2022-09-12", "text": "Balakliia was retaken on 8 September."}\n'
                    '{"date": "2022-09-12", "text": "Izium was retaken on 10 September."}\n')
    first = process_shard([Unit(str(path))], pg_url, Overrides())
    again = process_shard([Unit(str(path))], pg_url, Overrides())
    assert (first.stored, first.skipped, again.stored, again.skipped) == (2, 0, 0, 2)
    # a zombie attempt that analysed before the other committed is still refused
    reads = [i for i in read_inputs([str(path)]) if isinstance(i, ReadReport)]
    assert write_reports(pg_url, [(r, Exception("late")) for r in reads]) == 0
    with session_scope(pg_url) as session:
        assert session.scalar(select(func.count()).select_from(ReportRow)) == 2
        assert set(session.scalars(select(ReportRow.status))) == {"analyzed"}


@pytest.mark.postgres
def test_local_cluster_survives_a_worker_death_without_loss_or_duplicates(pg_url, tmp_path):
    distributed = pytest.importorskip("distributed")
    corpus = load_make_corpus()
    corpus_dir = tmp_path / "corpus"
    corpus.write(corpus.reports(REPORTS, seed=3), corpus_dir)
    expected = {text_sha256(r.report.text) for r in read_inputs([str(corpus_dir)])
                if isinstance(r, ReadReport)}
    killed: list[str] = []
    lock = threading.Lock()

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as cluster, \
            distributed.Client(cluster) as client:
        client.register_plugin(warm_pipeline_plugin())
        pids = client.run(os.getpid)

        def kill_a_busy_worker(_result) -> None:
            """SIGKILL a worker process while it holds a task: its nanny restarts it."""
            with lock:
                busy = [w for w, keys in client.processing().items() if keys and w in pids]
                if busy and not killed:
                    killed.append(busy[0])
                    os.kill(pids[busy[0]], signal.SIGKILL)

        total = run_batch(client, [str(corpus_dir)], pg_url, partition_size=12,
                          on_shard=kill_a_busy_worker, write_batch=4)
        again = run_batch(client, [str(corpus_dir)], pg_url, partition_size=12)

    assert killed, "no worker was busy to kill"
    assert total.read >= REPORTS and not total.errors
    with session_scope(pg_url) as session:
        stored = list(session.scalars(select(ReportRow.sha256)))
    assert len(stored) == len(set(stored)) == len(expected)
    assert set(stored) == expected
    assert again.stored == 0 and again.skipped == again.read >= REPORTS
    # the corpus repeats some reports nearly; the post-pass links them, once
    linked = link_near_duplicates(pg_url, total.first_date, total.last_date)
    assert linked > 0
    assert link_near_duplicates(pg_url, total.first_date, total.last_date) == 0



def test_batch_needs_exactly_one_of_scheduler_or_local(tmp_path):
    from typer.testing import CliRunner

    from frontwatch.cli import app
    from frontwatch.cli import batch  # noqa: F401  (registers the command)

    runner = CliRunner()
    for options in ([], ["--local", "1", "--scheduler", "tcp://127.0.0.1:1"]):
        result = runner.invoke(app, ["batch", str(tmp_path), *options])
        assert result.exit_code == 2
        assert "exactly one of --scheduler or --local" in result.output
