"""analyze, ingest, reports, export, demo — the spine's commands.

``DEMO_STEPS`` are the corpus steps ``frontwatch demo`` runs after ingesting the sample
corpus; later capabilities append theirs (``(db_url, console) -> None``), so the demo grows
with the project without this module knowing about them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import sys
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from frontwatch.cli.app import app, parse_date_option

DemoStep = Callable[[str | None, Console], None]
DEMO_STEPS: list[DemoStep] = []
SAMPLE_ENV = "FRONTWATCH_SAMPLE"
_EXAMPLES_PER_KIND = 3

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database URL or SQLite path (default: $FRONTWATCH_DB or the user data dir)."),
]
DateOption = Annotated[
    str | None, typer.Option("--date", help="Publication date YYYY-MM-DD for every report read.")
]
SourceOption = Annotated[
    str | None, typer.Option("--source", help="Source name for every report read.")
]


def _stdout() -> Console:
    return Console(highlight=False, soft_wrap=True)


def _stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def _overrides(date: str | None, source: str | None):
    from frontwatch.ingest import Overrides

    return Overrides(date=parse_date_option(date, "--date"), source=source)


def _model_missing(exc: Exception) -> typer.Exit:
    _stderr().print(f"error: {exc}", markup=False)
    return typer.Exit(1)


@app.command()
def analyze(
    files: Annotated[list[str], typer.Argument(help="Files, directories, URLs or - for stdin.", metavar="PATH|URL...")],
    format: Annotated[str, typer.Option("--format", "-f", help="text or json")] = "text",
    date: DateOption = None,
    source: SourceOption = None,
) -> None:
    """Analyse reports and print what was found (no database).

    \b
    Example:
      frontwatch analyze ../shared/seed/report-2022-09-12.txt
      frontwatch analyze --format json reports/*.md | jq .events
    """
    from frontwatch.ingest import IngestError, ReadReport, read_inputs
    from frontwatch.nlp.pipeline import ModelMissing, analyze_many
    from frontwatch.outputs.export import public_json

    if format not in ("text", "json"):
        raise typer.BadParameter("text or json", param_hint="--format")
    out, err = _stdout(), _stderr()
    errors: list[IngestError] = []
    pending: deque[ReadReport] = deque()  # analyze_many keeps input order

    def reports() -> Iterator:
        for item in read_inputs(files, _overrides(date, source)):
            if isinstance(item, IngestError):
                errors.append(item)
                err.print(f"error: {item}", markup=False)
            else:
                pending.append(item)
                yield item.report

    try:
        for analysis in analyze_many(reports()):
            analysis.warnings[:0] = pending.popleft().warnings
            if format == "json":
                print(json.dumps(public_json(analysis), ensure_ascii=False), flush=True)
            else:
                _print_analysis(out, analysis)
    except ModelMissing as exc:
        raise _model_missing(exc) from exc
    if errors:
        raise typer.Exit(1)


def _print_analysis(console: Console, analysis) -> None:
    from frontwatch.outputs.export import PUBLIC_LISTS

    report = analysis.report
    console.rule(f"report {report.id}", style="dim")
    console.print(f"date:   {report.published.isoformat()}", markup=False)
    for label, value in (("source", report.source), ("title", report.title),
                         ("url", report.url), ("origin", report.origin)):
        if value:
            console.print(f"{label + ':':7} {value}", markup=False)
    for name in PUBLIC_LISTS:
        records = getattr(analysis, name)
        console.print(f"\n[bold]{name.capitalize()}[/bold] ({len(records)})")
        for number, record in enumerate(records, start=1):
            details = _describe(record)
            text = " ".join(record.text.split())
            line = f"  {number:>3}. [{record.start}:{record.end}] \"{text}\""
            console.print(line + (f"  {details}" if details else ""), markup=False)
    if analysis.warnings:
        console.print("\n[bold]Warnings[/bold]")
        for warning in analysis.warnings:
            console.print(f"  - {warning}", markup=False)
    console.print()


def _describe(record: Any) -> str:
    """Every field that differs from its default, compactly; works for any record type."""
    parts = []
    for f in dataclasses.fields(record):
        if f.name in ("start", "end", "text"):
            continue
        value = getattr(record, f.name)
        if value in (None, "", [], ()) or value == _default(f):
            continue
        parts.append(f"{f.name}={_brief(value)}")
    return " ".join(parts)


def _default(f: dataclasses.Field) -> Any:
    if f.default is not dataclasses.MISSING:
        return f.default
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    return dataclasses.MISSING


def _brief(value: Any) -> str:
    if dataclasses.is_dataclass(value):
        named = [getattr(value, n) for n in ("name", "term", "text", "id") if getattr(value, n, "")]
        shown = named[0] if named else type(value).__name__
        if hasattr(value, "p_low"):
            shown = f"{shown or 'asserted'} {value.p_low:.0%}-{value.p_high:.0%}"
        return str(shown)
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, (list, tuple)):
        return ",".join(_brief(v) for v in value) if len(value) <= 4 else f"[{len(value)}]"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


@app.command()
def ingest(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories, URLs or - for stdin.", metavar="PATH|URL...")],
    db: DbOption = None,
    date: DateOption = None,
    source: SourceOption = None,
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="Processes analysing in parallel (one writer).")
    ] = 1,
) -> None:
    """Read reports, analyse them and store them; exits 1 if any input failed.

    Exact duplicates are skipped, near-duplicates stored and linked to the report they repeat,
    bad inputs recorded as ingest errors (see `frontwatch reports --errors`).

    \b
    Example:
      frontwatch ingest data/sample/
      frontwatch ingest --source "UK MoD" --date 2022-09-12 update.txt
      frontwatch ingest https://example.org/feed.rss --db postgresql://user@localhost/fw
      frontwatch ingest --workers 2 corpus/
    """
    from frontwatch.nlp.pipeline import ModelMissing

    try:
        summary = _ingest(inputs, db, _overrides(date, source), progress=True, workers=workers)
    except ModelMissing as exc:
        raise _model_missing(exc) from exc
    _stdout().print(summary.line(), markup=False)
    if not summary.ok:
        raise typer.Exit(1)


def _ingest(inputs: list[str], db: str | None, overrides, progress: bool, workers: int = 1):
    from tqdm import tqdm

    from frontwatch.ingest import ingest as run_ingest
    from frontwatch.ingest import read_inputs

    many = len(inputs) > 1 or any(Path(p).is_dir() for p in inputs)
    items = tqdm(
        read_inputs(inputs, overrides),
        desc="ingest",
        unit=" reports",
        disable=None if (progress and many) else True,
        file=sys.stderr,
    )

    def on_error(error) -> None:
        tqdm.write(f"error: {error}", file=sys.stderr)

    with items:
        if workers > 1:
            from frontwatch.ingest.parallel import ingest_parallel

            return ingest_parallel(items, db, workers, on_error=on_error)
        return run_ingest(items, db, on_error=on_error)


@app.command()
def reports(
    db: DbOption = None,
    since: Annotated[str | None, typer.Option(help="First date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Last date, YYYY-MM-DD.")] = None,
    source: Annotated[str | None, typer.Option(help="Source contains this (any case).")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="text or json")] = "text",
    errors: Annotated[bool, typer.Option("--errors", help="List ingest errors instead.")] = False,
) -> None:
    """List stored reports (or ingest errors), filtered by date and source.

    \b
    Example:
      frontwatch reports --since 2022-09-06 --until 2022-09-12 --source isw
      frontwatch reports --format json | jq -r .id
    """
    from frontwatch.store import repository
    from frontwatch.store.db import session_scope

    bounds = [parse_date_option(v, name) for v, name in ((since, "--since"), (until, "--until"))]
    out = _stdout()
    with session_scope(db) as session:
        if errors:
            rows = [
                {"origin": e.origin, "line": e.line, "kind": e.kind, "message": e.message,
                 "at": e.created_at.isoformat(timespec="seconds")}
                for e in repository.list_ingest_errors(session)
            ]
        else:
            rows = [_report_summary(r) for r in repository.list_reports(session, *bounds, source)]
    for row in rows:
        if format == "json":
            print(json.dumps(row, ensure_ascii=False))
        elif errors:
            where = f"{row['origin']}:{row['line']}" if row["line"] else row["origin"]
            out.print(f"{row['at']}  {row['kind']:<16} {where}: {row['message']}", markup=False)
        else:
            out.print(_report_line(row), markup=False)
    if format != "json":
        out.print(f"{len(rows)} {'errors' if errors else 'reports'}", style="dim")



def _report_summary(row) -> dict[str, Any]:
    return {
        "id": row.id, "date": row.published.isoformat(), "source": row.source,
        "title": row.title or row.text[:80].replace("\n", " "), "url": row.url,
        "origin": row.origin, "status": row.status, "error": row.error,
        "near_duplicate_of": row.near_duplicate_of,
        "near_duplicate_similarity": row.near_duplicate_similarity,
    }


def _report_line(row: dict[str, Any]) -> str:
    line = f"{row['date']}  {row['id']}  {row['source'][:24]:<24}  {row['title'][:70]}"
    if row["near_duplicate_of"]:
        line += f"  [near-duplicate of {row['near_duplicate_of']}, {row['near_duplicate_similarity']:.2f}]"
    if row["status"] != "analyzed":
        line += f"  [{row['status']}: {row['error'][:60]}]"
    return line


@app.command()
def export(
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl, csv, parquet or geojson")] = "jsonl",
    table: Annotated[
        str | None, typer.Option(help="Table: events, claims, places, reports, ... (geojson: places and events).")
    ] = None,
    out: Annotated[str | None, typer.Option("--out", "-o", help="Output file (default stdout).")] = None,
    db: DbOption = None,
) -> None:
    """Export a table of the store (events by default) for other tools.

    Events carry ACLED event_type/sub_event_type and VIINA codes for joins; GeoJSON writes
    places and events with coordinates as Point features.

    \b
    Example:
      frontwatch export --format csv --table events --out events.csv
      frontwatch export --format geojson --out map.geojson
    """
    from frontwatch.outputs.export import FORMATS, GEO_TABLES, table_names
    from frontwatch.outputs.export import export as run_export
    from frontwatch.store.db import session_scope

    if format not in FORMATS:
        raise typer.BadParameter(", ".join(FORMATS), param_hint="--format")
    tables = [table] if table else (list(GEO_TABLES) if format == "geojson" else ["events"])
    unknown = [t for t in tables if t not in table_names()]
    if unknown:
        raise typer.BadParameter(f"no table {unknown[0]!r}; tables: {', '.join(table_names())}",
                                 param_hint="--table")
    if format == "parquet" and not out:
        raise typer.BadParameter("parquet is binary: give --out FILE", param_hint="--out")
    with session_scope(db) as session:
        count = run_export(session, format, tables, out)
    if out and out != "-":
        _stderr().print(f"wrote {count} rows to {out}", markup=False)


def sample_dir() -> Path | None:
    """The bundled sample corpus: $FRONTWATCH_SAMPLE, the installed copy, or the checkout's."""
    import frontwatch

    package = Path(frontwatch.__file__).resolve().parent
    candidates = [
        Path(os.environ[SAMPLE_ENV]) if os.environ.get(SAMPLE_ENV) else None,
        package / "data" / "sample",
        package.parents[1] / "data" / "sample",
        Path.cwd() / "data" / "sample",
    ]
    return next((c for c in candidates if c and c.is_dir()), None)


@app.command()
def demo(db: DbOption = None) -> None:
    """Ingest the bundled sample corpus, run the corpus steps, and show what was found.

    \b
    Example:
      frontwatch demo
      frontwatch demo --db /tmp/demo.db
    """
    from frontwatch.ingest import Overrides
    from frontwatch.nlp.pipeline import ModelMissing

    out = _stdout()
    corpus = sample_dir()
    if corpus is None:
        _stderr().print(f"error: sample corpus not found (set {SAMPLE_ENV})", markup=False)
        raise typer.Exit(1)
    out.print(f"Ingesting the sample corpus {corpus}", markup=False)
    try:
        summary = _ingest([str(corpus)], db, Overrides(), progress=True)
    except ModelMissing as exc:
        raise _model_missing(exc) from exc
    out.print(summary.line(), markup=False)
    failed_steps = 0
    for step in DEMO_STEPS:
        name = getattr(step, "__qualname__", repr(step))
        out.rule(name, style="dim")
        try:
            step(db, out)
        except Exception as exc:  # one step's failure must not hide the others' results
            failed_steps += 1
            _stderr().print(f"error: demo step {name} failed: {type(exc).__name__}: {exc}", markup=False)
    _print_store_overview(out, db)
    if failed_steps:
        raise typer.Exit(1)


def _print_store_overview(console: Console, db: str | None) -> None:
    from sqlalchemy import select

    from frontwatch.store import repository
    from frontwatch.store.db import session_scope

    with session_scope(db) as session:
        counts = repository.table_counts(session)
        console.rule("In the store", style="dim")
        for name, count in counts.items():
            console.print(f"  {name:<14} {count:>6}", markup=False)
        for kind, table in repository.ITEM_TABLES.items():
            rows = session.scalars(select(table).order_by(table.id).limit(_EXAMPLES_PER_KIND)).all()
            if not rows:
                continue
            console.print(f"\n[bold]{kind.capitalize()}[/bold], e.g.")
            for row in rows:
                console.print(f"  {row.text[:80]!r}  {_row_details(row)}", markup=False)


def _row_details(row) -> str:
    skip = {"id", "report_id", "data", "start", "end", "text"}
    values = ((c.name, getattr(row, c.name)) for c in row.__table__.columns if c.name not in skip)
    details = [f"{k}={_brief(v)}" for k, v in values if v not in (None, "", False)]
    if getattr(row, "asserted", True) is False:  # an event not told as fact: say why
        data = row.data or {}
        details.append(f"asserted=False modality={data.get('modality')} stance={data.get('stance')}")
    return " ".join(details)
