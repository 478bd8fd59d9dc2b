"""``frontwatch eval control`` on the shared Kharkiv data (skips without it)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from frontwatch.cli import app
from frontwatch.cli import control as control_cli  # noqa: F401  (registers `eval control`)
from tests.conftest import require_shared


def test_eval_control_measures_the_kharkiv_window():
    folder = require_shared("eval/control/deepstate").parent
    result = CliRunner().invoke(app, ["eval", "control", "--data", str(folder), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {(r["method"], r["start"]): r for r in json.loads(result.output)["rows"]}
    reference = rows[("DeepStateMap polygons (reference)", "2022-09-06")]
    assert reference["ru_held_change_km2"] == pytest.approx(-8606, abs=5)  # DESIGN.md: ≈ −8,600 km²
    assert reference["error_pct"] is None
    model = rows[("settlement model, DeepState point-in-polygon baselines", "2022-09-06")]
    # Reduced to settlements the same maps lose some ground, but the sign and size hold.
    assert model["ru_held_change_km2"] < 0 and -20 < model["error_pct"] < 0
    live = rows[("Liveuamap area series", "2022-09-06")]
    assert abs(live["error_pct"]) < 5
    assert all(r["error_pct"] is not None for r in rows.values() if "reference" not in r["method"])
