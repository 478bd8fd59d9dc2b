"""``frontwatch verify``: cross-checks of figures, dates and statements (also a demo step)."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from typing import Any, Optional

import typer
from rich.console import Console

from frontwatch.cli.app import app, parse_date_option
from frontwatch.cli.core import DEMO_STEPS

VERDICT_STYLE = {"consistent": "green", "inconsistent": "red", "unverifiable": "yellow"}


def _run(db: str | None, date: dt.date | None) -> list[dict[str, Any]]:
    from frontwatch.analysis.verify import verify
    from frontwatch.store.db import session_scope

    with session_scope(db) as session:
        return verify(session, date)


def print_checks(checks: list[dict[str, Any]], console: Console) -> None:
    if not checks:
        console.print("No cross-checks: no area figures, repeated quantities or rejected claims stored.")
        return
    counts = Counter(c["verdict"] for c in checks)
    console.print(f"{len(checks)} cross-checks: " + ", ".join(f"{v} {counts[v]}" for v in VERDICT_STYLE if counts[v]))
    for item in checks:
        style = VERDICT_STYLE[item["verdict"]]
        console.print(f"[{style}]{item['verdict']:<13}[/{style}] {item['kind']:<16} {item['explanation']}", markup=True)
        for evidence in item["evidence"]:
            console.print(f"    {evidence['source']} [{evidence['start']}:{evidence['end']}] \"{evidence['text']}\"", markup=False)


@app.command("verify")
def verify_command(
    date: Optional[str] = typer.Option(None, "--date", help="Only checks involving reports published on this day (YYYY-MM-DD)."),
    output_format: str = typer.Option("table", "--format", help="table or json."),
    db: Optional[str] = typer.Option(None, "--db", help="Database URL or SQLite path (default: FRONTWATCH_DB or the user data file)."),
) -> None:
    """Cross-check stored claims: area figures vs control maps, the same figure from two
    sources, dates vs dates, claims vs their denials. Each check says consistent,
    inconsistent or unverifiable, with the numbers, the tolerance and the evidence spans.

    Example: frontwatch verify --date 2022-09-12 --format json
    """

    checks = _run(db, parse_date_option(date, "--date"))
    if output_format == "json":
        typer.echo(json.dumps(checks, ensure_ascii=False, indent=2, default=str))
        return
    print_checks(checks, Console(highlight=False, soft_wrap=True))


def verify_demo_step(db_url: str | None, console: Console) -> None:
    """Demo: the cross-checks of everything the demo stored."""
    print_checks(_run(db_url, None), console)


DEMO_STEPS.append(verify_demo_step)
