"""``frontwatch eval time``, ``frontwatch eval quantities`` and ``frontwatch eval quantities-gold``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from frontwatch.cli.app import eval_app


@eval_app.command("time")
def eval_time(
    directory: Path = typer.Argument(..., help="Directory with TimeML .tml files (searched recursively)."),
    output_format: str = typer.Option("table", "--format", help="table or json."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Score only the first N files (by name)."),
    errors: int = typer.Option(0, "--errors", help="Also print up to N value mismatches."),
    split: Optional[str] = typer.Option(
        None, "--split", help="dev or test: only that fixed half of the files (CRC-32 of the name)."),
) -> None:
    """TempEval-3 measures of the time extractor on TimeML files, each anchored on its creation time.

    Example: frontwatch eval time ../shared/eval/time/TimeBank --format json --split dev
    """
    from frontwatch.evaluation.time import SPLITS, evaluate

    if not directory.is_dir():
        raise typer.BadParameter(f"{directory} is not a directory", param_hint="DIRECTORY")
    if split is not None and split not in SPLITS:
        raise typer.BadParameter(f"--split must be one of {', '.join(SPLITS)}", param_hint="--split")
    result, score = evaluate(directory, limit, split)
    if output_format == "json":
        if errors:
            result["errors"] = score.errors[:errors]
        typer.echo(json.dumps(result, indent=2))
        return
    for key, value in result.items():
        typer.echo(f"{key:18} {value}")
    for error in score.errors[:errors]:
        typer.echo(f"  {error['doc']}: {error['text']!r} gold={error['gold']} ours={error['system']} ({error['system_text']!r})")


@eval_app.command("quantities")
def eval_quantities(
    directory: Path = typer.Argument(..., help="Directory of Markdown/text files to sample sentences from."),
    sample: int = typer.Option(300, "--sample", help="How many candidate sentences to check."),
    output_format: str = typer.Option("table", "--format", help="table or json."),
    misses: int = typer.Option(0, "--misses", help="Also print up to N sentences where nothing was found."),
) -> None:
    """Recall of the quantity extractor on real sentences that contain a number next to a unit word.

    Example: frontwatch eval quantities ../shared/eval/text/wikipedia-ukraine-war --sample 300
    """
    from frontwatch.evaluation.quantities import evaluate

    if not directory.is_dir():
        raise typer.BadParameter(f"{directory} is not a directory", param_hint="DIRECTORY")
    result = evaluate(directory, sample)
    missed = result.pop("missed")
    if output_format == "json":
        result["missed"] = missed[:misses]
        typer.echo(json.dumps(result, indent=2))
        return
    for key, value in result.items():
        typer.echo(f"{key:18} {value}")
    for sentence in missed[:misses]:
        typer.echo(f"  missed: {sentence}")


@eval_app.command("quantities-gold")
def eval_quantities_gold(
    gold: Path = typer.Argument(Path("tests/gold/quantities.jsonl"), help="JSONL gold of quantity spans."),
    corpus: Path = typer.Option(Path("data/sample"), "--corpus", help="Directory the gold's report paths are under."),
    shared: Path = typer.Option(Path("../shared"), "--shared", help="Directory of `shared:` report paths."),
    output_format: str = typer.Option("table", "--format", help="table or json."),
    show: bool = typer.Option(False, "--disagreements", help="Also print every miss and wrong field."),
) -> None:
    """Per-field accuracy of quantities against span gold, reading the reports through ingest.

    Example: frontwatch eval quantities-gold tests/gold/quantities.jsonl --corpus data/sample
    """
    from frontwatch.evaluation.quantities_gold import disagreements, evaluate

    if not gold.is_file() or not corpus.is_dir():
        raise typer.BadParameter(f"need a gold file and a corpus directory, got {gold} and {corpus}")
    result, comparisons = evaluate(gold, corpus, shared)
    lines = disagreements(comparisons) if show else []
    if output_format == "json":
        typer.echo(json.dumps({**result, "disagreements": lines} if show else result, indent=2))
        return
    for key, value in result.items():
        typer.echo(f"{key:22} {value}")
    for line in lines:
        typer.echo(f"  {line}")
