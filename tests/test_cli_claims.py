"""``frontwatch claims`` over a real SQLite store holding the analysed seed."""

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from frontwatch.cli import COMMAND_MODULES
from frontwatch.cli.app import app
from frontwatch.cli.claims import query_claims
from frontwatch.models import Report
from frontwatch.nlp import analyze
from frontwatch.store.db import session_scope
from frontwatch.store.repository import save_analysis


@pytest.fixture(scope="module")
def db_url(tmp_path_factory, seed_analysis):
    import importlib

    for name in COMMAND_MODULES:
        importlib.import_module(name)
    url = f"sqlite:///{tmp_path_factory.mktemp('claims') / 'store.db'}"
    later = analyze(Report(text="The Kremlin denied that its troops were retreating.",
                           published=dt.date(2022, 9, 20), source="Reuters"))
    with session_scope(url) as session:
        save_analysis(session, seed_analysis)
        save_analysis(session, later)
    return url


def test_query_by_source_name_stance_and_dates(db_url):
    with session_scope(db_url) as session:
        isw = query_claims(session, source="ISW")
        assert isw and {c["source"] for c in isw} == {"isw"}
        assert any("are not conducting a controlled withdrawal" in c["text"] for c in isw)
        dismissed = query_claims(session, stance="dismissed")
        assert [c["source"] for c in dismissed] == ["ru_mod"]
        assert query_claims(session, since=dt.date(2022, 9, 15))[0]["source"] == "ru_government"
        assert all(c["published"] == "2022-09-12"
                   for c in query_claims(session, until=dt.date(2022, 9, 12)))


def test_cli_text_groups_by_source_with_band_and_stance(db_url):
    result = CliRunner().invoke(app, ["claims", "--db", db_url, "--until", "2022-09-12"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "UK Ministry of Defence [uk_mod]" in out and "Institute for the Study of War [isw]" in out
    assert "likely (PHIA 55–75 %)" in out
    assert "negated" in out and "dismissed" in out


def test_cli_json_and_bad_date(db_url):
    result = CliRunner().invoke(app, ["claims", "--db", db_url, "--source", "the MoD",
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows and {r["source"] for r in rows} == {"uk_mod"}
    assert all(r["certainty"]["scale"] == "PHIA" for r in rows)
    bad = CliRunner().invoke(app, ["claims", "--db", db_url, "--since", "September"])
    assert bad.exit_code != 0
