"""``frontwatch eval claims``: attribution accuracy on PolNeAR-style BRAT data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from frontwatch.cli.app import eval_app


@eval_app.command("claims")
def eval_claims(
    directory: Path = typer.Argument(
        ..., help="Directory with text/*.txt and attributions/*.ann (BRAT Source/Cue/Content)."),
    output_format: str = typer.Option("text", "--format", help="text or json."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Score only the first N texts."),
    half: Optional[str] = typer.Option(
        None, "--half", help="Score only half a or b (fixed split by SHA-1 of the file name)."),
) -> None:
    """Precision/recall/F1 of source, cue and content spans, exact and token overlap.

    Example: frontwatch eval claims ../shared/eval/claims/polnear-dev --format json --half a
    """
    from frontwatch.evaluation.claims import HALVES, evaluate, format_text

    if not directory.is_dir():
        raise typer.BadParameter(f"{directory} is not a directory", param_hint="DIRECTORY")
    if half is not None and half not in HALVES:
        raise typer.BadParameter("use a or b", param_hint="--half")
    try:
        result = evaluate(directory, limit, half)
    except FileNotFoundError as exc:
        raise typer.BadParameter(str(exc), param_hint="DIRECTORY") from exc
    typer.echo(json.dumps(result, indent=2) if output_format == "json" else format_text(result))
