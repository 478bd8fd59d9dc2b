"""Scaling of ``frontwatch batch`` and ``frontwatch ingest --workers``: reports/s for 1 and 2
workers, database size and the near-duplicate post-pass, over corpus sizes.

    python benchmarks/scaling.py --pg postgresql://frontwatch@127.0.0.1:5432/postgres \\
        --sizes 1000 10000 --workers 1 2 --ingest-size 1000 --out /tmp/scaling.jsonl

Each (size, workers) run gets a fresh database on the ``--pg`` server and a fresh local
cluster; the timed part starts when every worker has its pipeline loaded (cluster start-up
is reported apart). Corpora come from ``benchmarks/make_corpus.py`` (seed 1). Results are
appended as JSON lines to ``--out`` as they come, so a long run that is stopped keeps what
it measured; the Markdown table is printed at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

import make_corpus  # noqa: E402


def fresh_database(server: str) -> str:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from frontwatch.store.db import resolve_url

    url = make_url(resolve_url(server))
    name = f"frontwatch_scaling_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


def database_stats(db_url: str) -> dict:
    from sqlalchemy import text

    from frontwatch.store import repository
    from frontwatch.store.db import get_engine, session_scope

    with get_engine(db_url).connect() as connection:
        size = connection.execute(text("SELECT pg_database_size(current_database())")).scalar()
    with session_scope(db_url) as session:
        counts = repository.table_counts(session)
    return {"db_bytes": size, "rows": counts}


def run_batch_once(corpus: Path, size: int, workers: int, server: str) -> dict:
    from distributed import Client, LocalCluster

    from frontwatch.batch import link_near_duplicates, run_batch, warm_pipeline_plugin

    db_url = fresh_database(server)
    started = time.perf_counter()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=":0") as cluster, Client(cluster) as client:
        client.register_plugin(warm_pipeline_plugin())
        ready = time.perf_counter()
        cpu_before, load_before = client.run(time.process_time), os.getloadavg()[0]
        t = time.perf_counter()
        total = run_batch(client, [str(corpus)], db_url)
        seconds = time.perf_counter() - t
        cpu_after, load_after = client.run(time.process_time), os.getloadavg()[0]
        peak_rss_mb = max(client.run(_peak_rss_mb).values())
    worker_cpu = sum(cpu_after[w] - cpu_before.get(w, 0.0) for w in cpu_after)
    t = time.perf_counter()
    linked = link_near_duplicates(db_url, total.first_date, total.last_date)
    near_seconds = time.perf_counter() - t
    return {
        "mode": "batch", "reports": size, "workers": workers, "stored": total.stored,
        "startup_s": round(ready - started, 2), "seconds": round(seconds, 1),
        "reports_per_s": round(total.stored / seconds, 2),
        **_cpu_fields(total.stored, seconds, worker_cpu, load_before, load_after),
        "worker_peak_rss_mb": peak_rss_mb, "near_duplicates": linked, "near_dup_pass_s": round(near_seconds, 2),
        **database_stats(db_url),
    }


def _peak_rss_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def run_ingest_once(corpus: Path, size: int, workers: int) -> dict:
    """Whole ``frontwatch ingest --workers N`` process into a fresh SQLite file."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "ingest.db"
        cpu_before, load_before = _children_cpu(), os.getloadavg()[0]
        t = time.perf_counter()
        subprocess.run(["frontwatch", "ingest", "--workers", str(workers), "--db", str(db), str(corpus)],
                       check=True, capture_output=True)
        seconds = time.perf_counter() - t
        cpu, load_after = _children_cpu() - cpu_before, os.getloadavg()[0]
    return {"mode": "ingest", "reports": size, "workers": workers, "seconds": round(seconds, 1),
            "reports_per_s": round(size / seconds, 2),
            **_cpu_fields(size, seconds, cpu, load_before, load_after)}


def _children_cpu() -> float:
    """CPU seconds of finished child processes and their waited-for children (the pool)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _cpu_fields(reports: int, seconds: float, cpu: float, load_before: float, load_after: float) -> dict:
    """On a shared machine wall time measures the neighbours too: record the CPU the run got
    (``cpu_share`` = CPU seconds per wall second, at most the number of processes) and the load."""
    return {"cpu_s": round(cpu, 1), "cpu_share": round(cpu / seconds, 2),
            "reports_per_cpu_s": round(reports / cpu, 2),
            "load_1min": [round(load_before, 1), round(load_after, 1)]}


def stage_costs(corpus: Path, sample: int) -> dict:
    from throughput import stage_times

    from frontwatch.ingest import ReadReport, read_inputs

    reports = [i.report for i in read_inputs([str(corpus)]) if isinstance(i, ReadReport)][:sample]
    return {"mode": "stages", "reports": len(reports),
            "ms_per_report": {k: round(1000 * v / len(reports), 2)
                              for k, v in stage_times(reports).items()}}


def corpus_file(size: int, folder: Path) -> Path:
    path = folder / f"corpus-{size}.jsonl"
    if not path.exists():
        make_corpus.write(make_corpus.reports(size, seed=1), path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", required=True, help="PostgreSQL server URL (databases are created on it)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--ingest-size", type=int, default=1000, help="0 skips the ingest runs")
    parser.add_argument("--stage-sample", type=int, default=300)
    parser.add_argument("--corpora", default=tempfile.gettempdir(), help="where corpora are written")
    parser.add_argument("--out", default="scaling.jsonl")
    args = parser.parse_args()
    folder = Path(args.corpora)
    results = []

    def record(result: dict) -> None:
        results.append(result)
        print(json.dumps(result), flush=True)
        with open(args.out, "a") as handle:
            handle.write(json.dumps(result) + "\n")

    record(stage_costs(corpus_file(min(args.sizes), folder), args.stage_sample))
    if args.ingest_size:
        for workers in args.workers:
            record(run_ingest_once(corpus_file(args.ingest_size, folder), args.ingest_size, workers))
    for size in args.sizes:
        for workers in args.workers:
            record(run_batch_once(corpus_file(size, folder), size, workers, args.pg))
    print(markdown(results))


def markdown(results: list[dict]) -> str:
    lines = ["| mode | reports | workers | seconds | reports/s | CPU share | reports per CPU-s | load | DB size | near-dup pass |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        if r["mode"] == "stages":
            continue
        size = f"{r['db_bytes'] / 2**20:,.0f} MB" if "db_bytes" in r else "—"
        near = f"{r['near_dup_pass_s']} s ({r['near_duplicates']} links)" if "near_dup_pass_s" in r else "—"
        lines.append(f"| {r['mode']} | {r['reports']:,} | {r['workers']} | {r['seconds']} | "
                     f"{r['reports_per_s']} | {r['cpu_share']} | {r['reports_per_cpu_s']} | "
                     f"{r['load_1min'][0]}–{r['load_1min'][1]} | {size} | {near} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
