"""``frontwatch batch``: analyse a large corpus on a Dask cluster into the store."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from frontwatch.cli.app import app
from frontwatch.cli.core import DateOption, DbOption, SourceOption, _overrides, _stderr, _stdout


@app.command()
def batch(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories or JSON Lines files.", metavar="PATH...")],
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="Address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786.")
    ] = None,
    local: Annotated[
        int | None, typer.Option("--local", min=1, help="Start a local cluster of N worker processes instead.")
    ] = None,
    db: DbOption = None,
    partition_size: Annotated[
        int, typer.Option("--partition-size", min=1, help="Reports per task (files, or lines of a JSON Lines file).")
    ] = 200,
    progress: Annotated[bool, typer.Option("--progress/--no-progress", help="Show a progress bar.")] = True,
    near_duplicates: Annotated[
        bool, typer.Option("--near-duplicates/--no-near-duplicates", help="Link near-duplicates after the run.")
    ] = True,
    window_days: Annotated[
        int, typer.Option("--window-days", min=0, help="Near-duplicates are looked for this many days back.")
    ] = 7,
    date: DateOption = None,
    source: SourceOption = None,
) -> None:
    """Analyse many reports on a Dask cluster and store them (idempotent; re-runs skip stored reports).

    Give exactly one of --scheduler (an existing cluster; workers need frontwatch installed
    and access to the inputs and the database) or --local N. See docs/scale.md.

    \b
    Example:
      frontwatch batch corpus/ --local 2 --db postgresql://fw@localhost/fw
      frontwatch batch /data/news/*.jsonl --scheduler tcp://10.0.0.5:8786 --db postgresql://fw@db/fw
    """
    from distributed import Client, LocalCluster
    from tqdm import tqdm

    from frontwatch.batch import link_near_duplicates, run_batch, warm_pipeline_plugin
    from frontwatch.store.db import resolve_url

    if (scheduler is None) == (local is None):
        raise typer.BadParameter("give exactly one of --scheduler or --local", param_hint="--scheduler/--local")
    overrides = _overrides(date, source)
    db_url = resolve_url(db)  # workers must write where the client means, whatever their env
    out, err = _stdout(), _stderr()
    cluster = LocalCluster(n_workers=local, threads_per_worker=1, processes=True) if local else None
    with Client(cluster or scheduler) as client:
        client.register_plugin(warm_pipeline_plugin())
        err.print(f"dashboard: {client.dashboard_link}", markup=False)
        with tqdm(desc="batch", unit=" reports", disable=None if progress else True, file=sys.stderr) as bar:
            def on_shard(result) -> None:
                bar.update(result.read)
                for message in result.errors:
                    tqdm.write(f"error: {message}", file=sys.stderr)

            total = run_batch(client, inputs, db_url, overrides, partition_size, on_shard)
    if cluster is not None:
        cluster.close()
    linked = 0
    if near_duplicates and total.first_date:
        linked = link_near_duplicates(db_url, total.first_date, total.last_date, window_days)
    out.print(
        f"read {total.read} · stored {total.stored} · already stored {total.skipped} · "
        f"failed analyses {total.failed_analyses} · near-duplicates linked {linked} · "
        f"errors {len(total.errors)}",
        markup=False,
    )
    if total.errors or total.failed_analyses:
        raise typer.Exit(1)
