"""``frontwatch eval events PATH``: event typing, deaths and location against labelled data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from frontwatch.cli.app import eval_app


@eval_app.command("events")
def eval_events_command(
    path: Path = typer.Argument(..., help="CIR monitor CSV, UCDP GED CSV or Bellingcat civilian-harm JSON."),
    output_format: str = typer.Option("text", "--format", help="text or json."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Score only the first N rows (after --split)."),
    split: str = typer.Option("all", "--split", help="all, dev (even rows, read while writing the rules) or test (odd rows)."),
    typer_name: str = typer.Option("rules", "--typer", help="rules, or learned: train a caption typer on the dev half of a CIR file and score the test half."),
) -> None:
    """Per-type P/R/F1 and macro-F1 (CIR), deaths within UCDP's range, location within 161 km.

    Example: frontwatch eval events ../shared/eval/events/cir-monitor-2022-before-sep.csv --format json
    Example: frontwatch eval events ../shared/eval/events/cir-monitor-2022-before-sep.csv --typer learned
    """
    from frontwatch.evaluation.events import DEATH_FIGURES, SPLITS, TYPERS, evaluate

    if split not in SPLITS:
        raise typer.BadParameter(f"one of {', '.join(SPLITS)}", param_hint="--split")
    if typer_name not in TYPERS:
        raise typer.BadParameter(f"one of {', '.join(TYPERS)}", param_hint="--typer")
    if not path.exists():
        raise typer.BadParameter(f"{path} does not exist", param_hint="PATH")
    try:
        result = evaluate(path, limit=limit, split=split, typer=typer_name)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="PATH") from None
    if output_format == "json":
        typer.echo(json.dumps(result, indent=2))
        return
    typer.echo(f"{result['format']} {path} split={result['split']} typer={typer_name} n={result['n']}")
    if result.get("macro_f1") is not None:
        typer.echo(f"macro-F1 {result['macro_f1']:.3f} over {len(result['per_type'])} types")
        for name, m in result["per_type"].items():
            typer.echo(f"  {name:<42} P {m['precision']:.3f}  R {m['recall']:.3f}  "
                       f"F1 {m['f1']:.3f}  n={m['support']}")
    for group, info in result.get("unmapped_groups", {}).items():
        typer.echo(f"  unmapped {group:<34} n={info['n']}  events claimed in {info['event_rate']:.1%}")
    for key in ("acc_161km", "place_found", *DEATH_FIGURES):
        if result.get(key) is not None:
            typer.echo(f"{key} {result[key]:.3f}" if isinstance(result[key], float)
                       else f"{key} {result[key]}")
    for key in ("side_victims", "side_killers"):
        if key in result:
            typer.echo(f"{key} " + "  ".join(f"{k} {v}" for k, v in result[key].items()))


@eval_app.command("events-gold")
def eval_events_gold_command(
    gold: Path = typer.Argument(Path("tests/gold/events.jsonl"), help="JSONL gold of event spans (tests/gold/events.jsonl layout)."),
    corpus: Path = typer.Option(Path("data/sample"), "--corpus", help="Directory the gold's report paths are under."),
    shared: Path = typer.Option(Path("../shared"), "--shared", help="Directory of `shared:` report paths."),
    places: Path = typer.Option(Path("tests/gold/places.jsonl"), "--places", help="Places gold giving the coordinates of the gold place names."),
    output_format: str = typer.Option("text", "--format", help="text or json."),
    show: bool = typer.Option(False, "--errors", help="Also print every missed event and wrong field."),
) -> None:
    """Events of the sample corpus against its gold: per-type P/R, side, place and date accuracy.

    Example: frontwatch eval events-gold tests/gold/events.jsonl --corpus data/sample --errors
    """
    from frontwatch.evaluation.events_gold import evaluate_sample_events

    if not gold.is_file() or not corpus.is_dir():
        raise typer.BadParameter(f"need a gold file and a corpus directory, got {gold} and {corpus}")
    result = evaluate_sample_events(gold, corpus, shared, places)
    errors = result.pop("errors")
    if output_format == "json":
        typer.echo(json.dumps({**result, "errors": errors} if show else result, indent=2))
        return
    typer.echo(f"n={result['n']} matched={result['matched']} recall {result['recall']:.3f} "
               f"precision {result['precision']:.3f} (over {result['predicted_in_gold_spans']} "
               f"events in gold spans; {result['unannotated']} elsewhere)")
    typer.echo(f"side {result['side_accuracy']:.3f}  place {result['place_accuracy']:.3f} "
               f"(n={result['place_scored']})  date {result['date_accuracy']:.3f}")
    for name, m in result["per_type"].items():
        typer.echo(f"  {name:<24} P {m['precision']:.3f}  R {m['recall']:.3f}  n={m['n']}  "
                   f"predicted={m['predicted']}")
    for line in errors if show else []:
        typer.echo(f"  {line}")
