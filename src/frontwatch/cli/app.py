"""The typer application objects that every command module registers on."""

from __future__ import annotations

import datetime as dt

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


def parse_date_option(value: str | None, option: str) -> dt.date | None:
    """A YYYY-MM-DD option value as a date (None or "" stays None); a usage error otherwise."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a YYYY-MM-DD date", param_hint=option) from None
