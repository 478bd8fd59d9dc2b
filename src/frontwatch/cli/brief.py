"""``frontwatch brief``: the daily brief of a day as Markdown or HTML."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from frontwatch.cli.app import app, parse_date_option


@app.command("brief")
def brief_command(
    date: str = typer.Option(..., "--date", help="Day of the brief (YYYY-MM-DD)."),
    window: int = typer.Option(2, "--window", min=0, max=31, help="Also cover reports of this many days before."),
    format: str = typer.Option("md", "--format", help="md (Markdown) or html (with the day's map)."),
    out: Optional[Path] = typer.Option(None, "--out", help="Write to this file instead of stdout."),
    db: Optional[str] = typer.Option(None, "--db", help="Database URL or SQLite path (default: FRONTWATCH_DB or the user data file)."),
) -> None:
    """Write the daily brief: what changed hands, the main events by front and oblast with
    their sources and certainty, new and resolved forecasts and contradictions between
    sources, every sentence numbered to its evidence (report id and character span).

    \b
    Example:
      frontwatch brief --date 2022-09-12
      frontwatch brief --date 2022-09-12 --window 3 --format html --out brief.html
    """
    from frontwatch.outputs.brief import build_brief, to_html, to_markdown
    from frontwatch.store.db import session_scope

    day = parse_date_option(date, "--date")
    if format not in ("md", "html"):
        raise typer.BadParameter("use md or html", param_hint="--format")
    with session_scope(db) as session:
        built = build_brief(session, day, window, with_map=format == "html")
    text = to_markdown(built) if format == "md" else to_html(built)
    if out is None:
        typer.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        typer.echo(f"wrote {out}", err=True)
