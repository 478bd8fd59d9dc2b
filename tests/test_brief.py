"""The daily brief on the ingested sample corpus: prose, evidence links, no repeated facts."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from typer.testing import CliRunner

from test_api import build_sample_store

from frontwatch.outputs import brief as briefing
from frontwatch.store.db import session_scope


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory) -> str:
    return build_sample_store(tmp_path_factory.getbasetemp())


@pytest.fixture(scope="module")
def brief(sample_db) -> briefing.Brief:
    with session_scope(sample_db) as session:
        return briefing.build_brief(session, dt.date(2022, 9, 12), window=2)


def test_every_statement_cites_evidence_that_quotes_its_report(brief, sample_db):
    from frontwatch.store.schema import ReportRow

    numbers = {e.number for e in brief.evidence}
    assert numbers == set(range(1, len(brief.evidence) + 1))
    for section in brief.sections:
        for statement in section.statements:
            assert set(statement.refs) <= numbers
    fact_sections = [s for s in brief.sections if s.title not in ("Forecasts", "Contradictions and checks")]
    assert fact_sections and all(st.refs for s in fact_sections for st in s.statements if "settlement model" not in st.text)
    with session_scope(sample_db) as session:
        for evidence in brief.evidence:
            text = session.get(ReportRow, evidence.report_id).text
            assert " ".join(text[evidence.start:evidence.end].split()) == evidence.text


def test_no_fact_is_told_twice(brief):
    texts = [s.text for section in brief.sections for s in section.statements]
    assert len(texts) == len(set(texts))
    told = [(r, s.text.split(",")[0]) for section in brief.sections for s in section.statements for r in s.refs]
    assert len(told) == len(set(told))


def test_markdown_reads_as_prose_with_linked_evidence(brief):
    markdown = briefing.to_markdown(brief)
    assert markdown.startswith("# Daily brief: 2022-09-12\n")
    assert "## Bottom line" in markdown and "## Evidence" in markdown
    body = markdown.split("## Evidence")[0]
    assert not re.search(r"^\s*[-*] ", body, flags=re.M)  # sentences, not bullets
    for number in {int(n) for n in re.findall(r"\[\[(\d+)\]\]\(#ev-\d+\)", body)}:
        assert f'<a id="ev-{number}"></a>' in markdown
    assert re.search(r"report `[^`]+`, characters \d+–\d+", markdown)


def test_html_embeds_the_map_and_escapes_text(sample_db):
    with session_scope(sample_db) as session:
        built = briefing.build_brief(session, dt.date(2022, 9, 12), window=1, with_map=True)
    page = briefing.to_html(built)
    assert page.startswith("<!doctype html>") and "<svg" in page and "</svg>" in page
    assert 'id="ev-1"' in page and "href=\"/?report=" in page
    built.sections[0].statements[0].text = "<script>alert(1)</script>"
    assert "<script>alert" not in briefing.to_html(built)


def test_empty_day(sample_db):
    with session_scope(sample_db) as session:
        built = briefing.build_brief(session, dt.date(2030, 1, 1))
    assert built.n_reports == 0 and not built.sections
    assert "No reports" in briefing.to_markdown(built)


def test_sentences_join_places_of_one_kind():
    places = [{"name": n, "feature": "settlement"} for n in ("Balakliia", "Izium", "Kupiansk")]
    assert briefing.fact_clause("capture", "UA", places) == "Ukrainian forces took Balakliia, Izium and Kupiansk"
    river = [{"name": "Oskil", "feature": "river"}]
    assert briefing.fact_clause("clash", "unknown", river) == "fighting was reported along the Oskil"
    assert briefing.region_of({"name": "Izium", "admin1_name": "Kharkiv Oblast", "country_code": "UA"}) == (
        "North-east", "Kharkiv Oblast")


def test_cli_writes_markdown(sample_db, tmp_path):
    from frontwatch.cli import COMMAND_MODULES
    from frontwatch.cli.app import app

    import importlib

    for name in COMMAND_MODULES:
        importlib.import_module(name)
    out = tmp_path / "brief.md"
    result = CliRunner().invoke(app, ["brief", "--date", "2022-09-12", "--db", sample_db, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("# Daily brief: 2022-09-12")
    bad = CliRunner().invoke(app, ["brief", "--date", "12/09/2022", "--db", sample_db])
    assert bad.exit_code == 2
