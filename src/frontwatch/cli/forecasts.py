"""``frontwatch forecasts``: list forecasts with outcomes and score every source.

Layout: ``frontwatch forecasts`` lists and scores (the group's default action);
``frontwatch forecasts resolve`` runs automatic resolution; ``frontwatch forecasts resolve ID
--outcome true|false --note TEXT`` records a person's override.
"""

from __future__ import annotations

import json
from enum import Enum
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer

from frontwatch.analysis import resolve, scoring
from frontwatch.cli.app import app, eval_app
from frontwatch.cli.core import DEMO_STEPS

Emit = Callable[[str], Any]

forecasts_app = typer.Typer(invoke_without_command=True, no_args_is_help=False)
app.add_typer(forecasts_app, name="forecasts")

DB_OPTION = typer.Option(None, "--db", help="Database URL or SQLite path (default: $FRONTWATCH_DB or the user data file).")


class OutputFormat(str, Enum):
    text = "text"
    json = "json"


class Verdict(str, Enum):
    true = "true"
    false = "false"


def scored(status: resolve.ForecastStatus) -> scoring.ScoredForecast:
    return scoring.ScoredForecast(
        source=status.source,
        p_low=status.p_low,
        p_high=status.p_high,
        outcome=status.outcome,
        band=status.band or status.basis,  # no estimative term: "asserted"
    )


def forecasts_payload(
    statuses: list[resolve.ForecastStatus], scores: list[scoring.SourceScore]
) -> dict[str, Any]:
    """The public JSON shape: ``{"forecasts": [...], "scores": [...]}``."""
    return {
        "forecasts": [
            {
                "id": s.id,
                "source": s.source,
                "text": s.text,
                "report_date": s.report_date.isoformat(),
                "deadline": s.deadline.isoformat() if s.deadline else None,
                "deadline_defaulted": s.deadline_defaulted,
                "p_low": s.p_low,
                "p_high": s.p_high,
                "outcome": s.outcome,
                "evidence": s.evidence,
                "outcome_by": s.outcome_by,
                "note": s.note,
                "band": s.band,
                "event_type": s.event_type,
                "place": s.place,
                "horizon_rule": s.horizon_rule,
            }
            for s in statuses
        ],
        "scores": [scoring.score_dict(score) for score in scores],
    }


@forecasts_app.callback()
def forecasts(
    ctx: typer.Context,
    source: str | None = typer.Option(None, "--source", help="Only this source (id, e.g. isw, uk_mod)."),
    only_open: bool = typer.Option(False, "--open", help="List only forecasts still open."),
    only_resolved: bool = typer.Option(False, "--resolved", help="List only resolved forecasts."),
    output: OutputFormat = typer.Option(OutputFormat.text, "--format", help="text or json."),
    plot: Path | None = typer.Option(None, "--plot", help="Draw the calibration chart to this PNG file."),
    db: str | None = DB_OPTION,
) -> None:
    """List forecasts with deadline, probability, outcome and evidence; score each source.

    Scores (Brier, calibration per band with Wilson 95 % intervals, resolution rates) cover
    all forecasts of the chosen source(s); --open / --resolved only filter the list.
    Subcommand `resolve` runs automatic resolution or records a manual override.

    \b
    Examples:
      frontwatch forecasts resolve && frontwatch forecasts
      frontwatch forecasts --source isw --resolved --plot calibration.png
      frontwatch forecasts --format json
    """
    if ctx.invoked_subcommand is not None:
        return
    if only_open and only_resolved:
        raise typer.BadParameter("choose at most one of --open and --resolved")
    from frontwatch.store.db import session_scope

    with session_scope(db) as session:
        statuses = resolve.forecast_statuses(session, source)
    scores = scoring.score_by_source(scored(s) for s in statuses)
    if only_open or only_resolved:
        statuses = [s for s in statuses if (s.outcome == "open") == only_open]
    if output is OutputFormat.json:
        typer.echo(json.dumps(forecasts_payload(statuses, scores), ensure_ascii=False))
    else:
        print_forecasts(statuses)
        print_scores(scores)
    if plot is not None:
        plot_calibration(scores, plot)
        typer.echo(f"calibration chart written to {plot}", err=output is OutputFormat.json)


@forecasts_app.command("resolve")
def resolve_command(
    forecast_id: str | None = typer.Argument(None, help="Forecast id for a manual override."),
    outcome: Verdict | None = typer.Option(None, "--outcome", help="Override: true or false."),
    note: str = typer.Option("", "--note", help="Why (required with --outcome)."),
    db: str | None = DB_OPTION,
) -> None:
    """Resolve forecasts against later reports (idempotent), or override one by hand.

    \b
    Examples:
      frontwatch forecasts resolve
      frontwatch forecasts resolve 3f2a9c0d1e2b4a5c:forecast:0 --outcome true --note "Izyum retaken 10 Sep"
    """
    from frontwatch.store.db import session_scope

    if forecast_id is None:
        if outcome is not None:
            raise typer.BadParameter("--outcome needs a forecast ID")
        with session_scope(db) as session:
            summary = resolve.resolve_store(session)
        counts = ", ".join(f"{n} {k}" for k, n in summary.counts.items())
        typer.echo(f"resolved as of {summary.as_of}: {counts} ({summary.changed} changed)")
        return
    if outcome is None or not note.strip():
        raise typer.BadParameter("an override needs --outcome true|false and --note TEXT")
    try:
        with session_scope(db) as session:
            resolve.set_override(session, forecast_id, outcome.value, note.strip())
    except KeyError:
        typer.echo(f"error: no forecast with id {forecast_id}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"{forecast_id}: outcome {outcome.value} (manual override)")


# --- text output --------------------------------------------------------------------------


def _percent(low: float, high: float) -> str:
    return f"{low * 100:.0f}%" if low == high else f"{low * 100:.0f}–{high * 100:.0f}%"


def print_forecasts(statuses: list[resolve.ForecastStatus], emit: Emit = typer.echo) -> None:
    if not statuses:
        emit("no forecasts (run `frontwatch forecasts resolve` after ingesting reports)")
        return
    for s in statuses:
        deadline = f"{s.deadline}{' (default: ' + s.horizon_rule + ')' if s.deadline_defaulted else ''}"
        band = f"{s.band} " if s.band else ""
        by = " (manual)" if s.outcome_by == "manual" else ""
        emit(f"{s.id}  [{s.source}]  {s.report_date} → {deadline}")
        emit(f"  “{s.text}”")
        emit(f"  {band}{_percent(s.p_low, s.p_high)} · outcome: {s.outcome.upper()}{by}")
        if s.note:
            emit(f"  note: {s.note}")
        for e in s.evidence:
            emit(f"  evidence: {e['report_date']} {e['report_id']}[{e['start']}:{e['end']}] “{e['text']}”")


def _short(name: str, width: int = 21) -> str:
    """A source id cut to fit its column (claim sources can be long speaker descriptions)."""
    return name if len(name) <= width else name[: width - 1] + "…"


def _fmt(value: float | None, spec: str = ".3f") -> str:
    return "–" if value is None else format(value, spec)


def print_scores(scores: list[scoring.SourceScore], emit: Emit = typer.echo) -> None:
    emit("")
    emit(f"{'source':<22}{'resolved':>9}{'total':>7}{'res.rate':>10}{'true':>7}{'Brier':>8}")
    for s in scores:
        emit(
            f"{_short(s.source):<22}{s.n:>9}{s.n_total:>7}{_fmt(s.resolution_rate, '.0%'):>10}"
            f"{_fmt(s.true_rate, '.0%'):>7}{_fmt(s.brier):>8}"
        )
    emit("")
    emit(f"{'source':<22}{'band':<24}{'n':>4}{'stated':>8}{'observed':>10}  95% interval")
    for s in scores:
        for b in s.calibration:
            band = f"{b.band} ({_percent(b.p_low, b.p_high)})"
            emit(
                f"{_short(s.source):<22}{band:<24}{b.n:>4}{b.mean_p:>8.2f}{b.observed:>10.2f}"
                f"  {b.ci_low:.2f}–{b.ci_high:.2f}"
            )


def plot_calibration(scores: list[scoring.SourceScore], path: Path) -> None:
    """Stated probability vs observed frequency per band and source, with Wilson intervals."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(9.6, 6.0), dpi=110)
    ax.plot([0, 1], [0, 1], linestyle="--", color="grey", linewidth=1, label="perfect calibration")
    for index, score in enumerate(scores):
        if not score.calibration:
            continue
        overall = score.source == scoring.OVERALL
        offset = 0.0 if overall else 0.012 * (index - (len(scores) - 2) / 2)  # keep bars apart
        xs = [b.mean_p + offset for b in score.calibration]
        ys = [b.observed for b in score.calibration]
        errors = [[y - b.ci_low for y, b in zip(ys, score.calibration, strict=True)],
                  [b.ci_high - y for y, b in zip(ys, score.calibration, strict=True)]]
        brier = _fmt(score.brier)
        ax.errorbar(
            xs, ys, yerr=None if overall else errors, fmt="s" if overall else "o", capsize=3,
            markersize=12 if overall else 6, markerfacecolor="none" if overall else None,
            color="black" if overall else None, zorder=1 if overall else 3,
            label=f"{_short(score.source, 30)} (n={score.n}, Brier {brier})",
        )
    ax.set_xlim(0, 1.02)
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel("stated probability (band midpoint)")
    ax.set_ylabel("observed frequency (Wilson 95 % interval)")
    ax.set_title("Forecast calibration by source")
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=8)  # outside the data
    ax.grid(alpha=0.3)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    plt.close(fig)


@eval_app.command("forecasts")
def eval_forecasts_command(
    inputs: list[str] = typer.Argument(None, help="Reports to ingest (default: the sample corpus)."),
    gold: Path = typer.Option(Path("tests/gold/forecasts.jsonl"), "--gold", help="Gold forecasts (JSONL)."),
    non_forecasts: Path | None = typer.Option(Path("tests/gold/non_forecasts.jsonl"), "--non-forecasts",
                                              help="Gold look-alikes that must not be forecasts."),
    db: str | None = typer.Option(None, "--db", help="Store to ingest into (default: a temporary SQLite file)."),
    output: OutputFormat = typer.Option(OutputFormat.text, "--format", help="text or json."),
) -> None:
    """Ingest, resolve and score extraction per forecast id, deadlines, bands and outcomes.

    Gold lines are found in the stored reports by their text; lines of reports not ingested
    (the shared seed unless given) are left out and counted as excluded.

    \b
    Example:
      frontwatch eval forecasts data/sample ../shared/seed/report-2022-09-12.txt
    """
    import tempfile

    from frontwatch.cli.core import sample_dir
    from frontwatch.evaluation.forecasts import evaluate

    corpus = sample_dir()
    if not inputs and corpus is None:
        raise typer.BadParameter("no sample corpus found; name the reports to ingest")
    paths = list(inputs or [str(corpus)])
    with tempfile.TemporaryDirectory() as tmp:
        result = evaluate(paths, gold, non_forecasts if non_forecasts and non_forecasts.exists()
                          else None, db or str(Path(tmp) / "eval.db"))
    if output is OutputFormat.json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    for m in result["mentions"]:
        found = m.get("found")
        verdict = "MISSED" if found is None else (
            f"{found['event_type']} {found['place'] or '-'} · deadline {found['deadline']}"
            f"{' (default)' if found['deadline_defaulted'] else ''} · {found['band']} · "
            f"{found['outcome']}")
        typer.echo(f"{m['id']:<30} gold: {m['deadline'] or '-'} · {m['band']} · {m['outcome']}")
        typer.echo(f"  “{m['text']}”\n  → {verdict}")
    for fp in result["false_positives"]:
        typer.echo(f"false positive {fp['id']}: “{fp['text']}”")
    for hit in result["on_non_forecasts"]:
        typer.echo(f"look-alike taken as a forecast ({hit['why']}): “{hit['text']}”")
    keys = ("gold_ids", "gold_event_ids", "excluded_lines", "extracted", "ids_found", "recall",
            "recall_event_ids", "precision", "mentions_matched", "deadline_accuracy",
            "band_accuracy", "outcome_accuracy")
    typer.echo(" · ".join(f"{k} {result[k]}" for k in keys))


def demo_forecasts(db: str | None, console) -> None:
    """Demo step: resolve the sample corpus's forecasts and print outcomes and scores."""
    from frontwatch.store.db import session_scope

    with session_scope(db) as session:
        summary = resolve.resolve_store(session)
        statuses = resolve.forecast_statuses(session)

    def emit(line: str) -> None:
        console.print(line, markup=False)

    counts = ", ".join(f"{n} {k}" for k, n in summary.counts.items())
    emit(f"forecasts resolved as of {summary.as_of}: {counts}")
    print_forecasts(statuses, emit)
    print_scores(scoring.score_by_source(scored(s) for s in statuses), emit)


DEMO_STEPS.append(demo_forecasts)
