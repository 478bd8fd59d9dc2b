"""Command-line interface: ``frontwatch COMMAND``. One module per command group."""

from __future__ import annotations

import importlib

from frontwatch.cli.app import app

# Each module registers its commands on ``app`` (or ``eval_app``) when imported.
COMMAND_MODULES = [
    "frontwatch.cli.events",
    "frontwatch.cli.eval_events",
    "frontwatch.cli.core",
    "frontwatch.cli.batch",
    "frontwatch.cli.control",
    "frontwatch.cli.map",
    "frontwatch.cli.verify",
    "frontwatch.cli.forecasts",
    "frontwatch.cli.eval_time",
    "frontwatch.cli.eval_places",
    "frontwatch.cli.claims",
    "frontwatch.cli.eval_claims",
    "frontwatch.cli.brief",
    "frontwatch.cli.serve",
]


def main() -> None:
    for name in COMMAND_MODULES:
        importlib.import_module(name)
    app()
