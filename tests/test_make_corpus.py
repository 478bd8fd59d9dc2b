"""benchmarks/make_corpus.py: realistic, reproducible reports from our own sentences."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from types import ModuleType

from conftest import PROJECT_ROOT

from frontwatch.ingest import ReadReport, read_inputs
from frontwatch.ingest.dedup import NearDuplicateIndex


def load_make_corpus() -> ModuleType:
    """The script as a module (benchmarks/ is not a package)."""
    if "make_corpus" not in sys.modules:
        path = PROJECT_ROOT / "benchmarks" / "make_corpus.py"
        spec = importlib.util.spec_from_file_location("make_corpus", path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up while it executes
        spec.loader.exec_module(module)
    return sys.modules["make_corpus"]


def test_same_seed_same_corpus_other_seed_other_corpus():
    corpus = load_make_corpus()
    first = list(corpus.reports(40, seed=5))
    assert first == list(corpus.reports(40, seed=5))
    assert first != list(corpus.reports(40, seed=6))


def test_reports_are_dated_sourced_placed_and_read_back_in_both_formats(tmp_path):
    corpus = load_make_corpus()
    generated = list(corpus.reports(300, seed=2))
    settlements = {s.name for s in corpus.load_settlements()}
    for report in generated:
        assert corpus.FIRST_DAY.isoformat() <= report["date"] <= corpus.LAST_DAY.isoformat()
        assert report["source"] in corpus.SOURCES
        assert 3 <= len(re.findall(r"[.!?](?:\s|$)", report["text"])) <= 12
    named = [name for name in settlements if any(name in r["text"] for r in generated[:50])]
    assert len(named) >= 30  # many different real settlements, not a handful
    assert len({r["text"] for r in generated}) >= 295

    index = NearDuplicateIndex()
    near = sum(index.find_and_add(str(i), r["text"]) is not None for i, r in enumerate(generated))
    assert 2 <= near <= 30  # about 3 % re-edited copies

    assert corpus.write(iter(generated[:25]), tmp_path / "c.jsonl") == 25
    assert corpus.write(iter(generated[:25]), tmp_path / "dir") == 25
    for location in (tmp_path / "c.jsonl", tmp_path / "dir"):
        reads = [i for i in read_inputs([str(location)]) if isinstance(i, ReadReport)]
        assert [r.report.text for r in reads] == [g["text"] for g in generated[:25]]
        assert [r.report.published.isoformat() for r in reads] == [g["date"] for g in generated[:25]]
    assert json.loads((tmp_path / "c.jsonl").read_text().splitlines()[0])["source"]
