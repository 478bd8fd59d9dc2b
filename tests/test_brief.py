"""The daily brief on the ingested sample corpus: prose, evidence links, no repeated facts."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from typer.testing import CliRunner

from conftest import require_shared
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
    assert fact_sections and all(st.refs for s in fact_sections for st in s.statements if st.topic not in ("map",))
    with session_scope(sample_db) as session:
        for evidence in brief.evidence:
            report = session.get(ReportRow, evidence.report_id)
            assert " ".join(report.text[evidence.start:evidence.end].split()) == evidence.text
            assert report.published <= brief.date  # no hindsight: nothing published after the day


def test_no_sentence_is_repeated_and_sources_read_as_words(brief):
    markdown = briefing.to_markdown(brief).split("## Evidence")[0]
    sentences = [s.strip() for s in re.split(r"(?<=[.)])\s+(?=[A-Z])", re.sub(r"\[\[\d+\]\]\(#ev-\d+\)", "", markdown))
                 if len(s.strip()) > 40]
    assert len(sentences) == len(set(sentences))
    assert "according to the " in markdown  # institutions take an article
    assert not re.search(r"\b\d+ other sources?\b|\(1 reports?\)", markdown)
    assert "_" not in re.sub(r"`[^`]*`", "", markdown)  # no source ids or type ids leak into prose


def test_forecasts_are_told_as_assessments_known_on_the_day(brief):
    forecasts = next(s for s in brief.sections if s.title == "Forecasts")
    made = [st.text for st in forecasts.statements if st.topic == "made"]
    assert made and all(re.search(r"assessed it (a )?[a-z ]+ \(\d+–\d+ %\) that|predicted that", t) for t in made)
    # a deadline after the brief's day cannot have passed yet
    for text in made:
        deadline = re.search(r"the deadline is (\d{4}-\d{2}-\d{2})", text)
        if deadline and deadline.group(1) > brief.date.isoformat():
            assert text.endswith("it is still open"), text


def test_changed_hands_section_when_a_control_map_changes(sample_db, tmp_path):
    import shutil

    from frontwatch.analysis import control
    from frontwatch.store.db import dispose_engines

    maps = require_shared("eval/control/deepstate")
    db = tmp_path / "with-maps.db"
    shutil.copy(sample_db, db)
    with session_scope(str(db)) as session:
        for day in ("2022-09-09", "2022-09-12"):
            path = maps / f"deepstate-{day}.geojson.gz"
            control.save_snapshot(session, control.read_snapshot([path], dt.date.fromisoformat(day), "deepstate"))
    with session_scope(str(db)) as session:
        built = briefing.build_brief(session, dt.date(2022, 9, 12), window=2)
    dispose_engines()
    changed = next(s for s in built.sections if s.title == "What changed hands")
    text = " ".join(st.text for st in changed.statements)
    assert "came under Ukrainian control" in text and re.search(r"shrank by [\d,]+ km²", text)
    assert re.search(r"In Kharkiv Oblast, .+ and [\d,a-z]+ smaller settlements came under", text)  # named, then counted
    assert "Ukrainian forces took" in built.summary[0].text
    # a settlement told as changing hands is not told again as a capture in the oblast sections
    names = re.findall(r"In \w+ Oblast, ([A-Z][\w’'-]+)", text)
    for section in built.sections[1:]:
        for st in section.statements:
            assert not any(st.text.startswith(f"Ukrainian forces took {n}") for n in names)


def test_source_names_take_articles_like_prose():
    assert briefing.with_article("Institute for the Study of War") == "the Institute for the Study of War"
    assert briefing.with_article("UK Ministry of Defence") == "the UK Ministry of Defence"
    assert briefing.with_article("regional governor") == "the regional governor"
    assert briefing.with_article("Ukrainian officials") == "Ukrainian officials"
    assert briefing.with_article("Volodymyr Zelensky") == "Volodymyr Zelensky"


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
    assert re.search(r"\n\n[A-Z][^\n]+\.\n\n[A-Z]", body)  # sections are paragraphs of sentences


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
