"""The typer application objects that every command module registers on."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="frontwatch",
    help="Turn dated war reports into a verified, geocoded, source-attributed picture of a conflict.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
eval_app = typer.Typer(
    help="Measure accuracy on labelled data (places, time, claims, events).",
    no_args_is_help=True,
)
app.add_typer(eval_app, name="eval")
