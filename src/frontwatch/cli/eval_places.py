"""``frontwatch eval places``: geoparsing accuracy on toponym corpora and event files."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from frontwatch.cli.app import eval_app


class OutputFormat(str, Enum):
    text = "text"
    json = "json"


class TextFields(str, Enum):
    narrative = "narrative"
    location = "location"


@eval_app.command("places")
def eval_places(
    path: Path = typer.Argument(..., exists=True, dir_okay=False,
                                help="LGL/GeoWebNews XML, or an event CSV/JSON with coordinates."),
    output: OutputFormat = typer.Option(OutputFormat.text, "--format", help="text or json."),
    limit: int | None = typer.Option(None, "--limit", min=1,
                                     help="Only the first N articles or events."),
    fields: TextFields = typer.Option(
        TextFields.narrative, "--fields",
        help="Event files: geocode the narrative text (headline/description) or the "
             "location text (where_description/location)."),
    half: Optional[str] = typer.Option(
        None, "--half", help="Only half a or b (fixed split by SHA-1 of each article's or "
                             "event's text)."),
) -> None:
    """Accuracy within 161 km, exact GeoNames match, median error, detection P/R, coverage,
    next to a most-populous-candidate baseline.

    Example: frontwatch eval places ../shared/eval/places/lgl.xml --format json --half a
    """
    from frontwatch.evaluation.claims import HALVES
    from frontwatch.evaluation.places import evaluate_path

    if half is not None and half not in HALVES:
        raise typer.BadParameter("use a or b", param_hint="--half")
    try:
        result = evaluate_path(path, limit=limit, fields=fields.value, half=half)
    except (ValueError, OSError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    if output is OutputFormat.json:
        typer.echo(json.dumps(result))
        return
    for key, value in result.items():
        if isinstance(value, dict):
            typer.echo(f"{key}:")
            for sub_key, sub_value in value.items():
                typer.echo(f"  {sub_key}: {sub_value}")
        else:
            typer.echo(f"{key}: {value}")
