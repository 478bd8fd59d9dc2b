"""The sample corpus meets its spec and the gold annotations in tests/gold agree with it.

Parsing here is deliberately minimal (split off the header, read the JSON line, take the
``<p>`` paragraphs): it only has to locate gold text in a report, so it does not depend on
``frontwatch.ingest``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter, defaultdict
from functools import cache
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest

from conftest import SAMPLE_DIR, require_shared

GOLD_DIR = Path(__file__).resolve().parent / "gold"
GOLD_FILES = ("claims", "forecasts", "non_forecasts", "places", "quantities", "events")
FIRST_DAY, LAST_DAY = dt.date(2022, 9, 1), dt.date(2022, 11, 15)
SEED_REF = "shared:seed/report-2022-09-12.txt"

_SEED_HEADER = re.compile(r"^ date (\d{4}-\d{2}-\d{2}) ")
_FRONT = re.compile(r"^---\n(.*?)\n---\n", re.S)
_PARA = re.compile(r"<p>(.*?)</p>", re.S)


def _paragraphs(fragment: str) -> str:
    return "\n\n".join(p.strip() for p in _PARA.findall(fragment))


def _text_file(path: Path) -> list[tuple[str, dt.date, str]]:
    raw = path.read_text(encoding="utf-8")
    if seed := _SEED_HEADER.match(raw):
        return [("", dt.date.fromisoformat(seed.group(1)), raw[seed.end():].strip())]
    front = _FRONT.match(raw)
    assert front, f"{path}: neither seed header nor front matter"
    meta = dict(line.split(": ", 1) for line in front.group(1).splitlines())
    assert {"date", "source", "title", "url"} <= meta.keys(), path
    assert meta["url"].startswith("https://example.org/"), path
    return [("", dt.date.fromisoformat(meta["date"]), raw[front.end():].strip())]


def _jsonl_file(path: Path) -> list[tuple[str, dt.date, str]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        obj = json.loads(line)
        assert set(obj) == {"id", "date", "source", "title", "url", "text"}, obj.get("id")
        out.append((obj["id"], dt.date.fromisoformat(obj["date"]), obj["text"]))
    return out


def _html_file(path: Path) -> list[tuple[str, dt.date, str]]:
    raw = path.read_text(encoding="utf-8")
    assert "<title>" in raw and "<footer>" in raw and raw.count("<article>") == 1, path
    published = re.search(r'property="article:published_time" content="(\d{4}-\d{2}-\d{2})T', raw)
    date = re.search(r'name="date" content="(\d{4}-\d{2}-\d{2})"', raw)
    assert published and date and published.group(1) == date.group(1), path
    article = raw[raw.index("<article>"):raw.index("</article>")]
    return [("", dt.date.fromisoformat(date.group(1)), _paragraphs(article))]


def _rss_file(path: Path) -> list[tuple[str, dt.date, str]]:
    raw = path.read_text(encoding="utf-8")
    assert '<rss version="2.0">' in raw, path
    out = []
    for item in re.findall(r"<item>(.*?)</item>", raw, re.S):
        title = re.search(r"<title>(.*?)</title>", item).group(1)
        published = parsedate_to_datetime(re.search(r"<pubDate>(.*?)</pubDate>", item).group(1))
        assert re.search(r"<link>https://example\.org/.*?</link>", item), title
        out.append((title, published.date(), _paragraphs(item)))
    return out


READERS = {".txt": _text_file, ".md": _text_file, ".jsonl": _jsonl_file, ".html": _html_file,
           ".xml": _rss_file}


@cache
def _sample() -> dict[tuple[str, str], tuple[dt.date, str]]:
    """(path under data/sample, JSONL id / RSS title or "") -> (date, body)."""
    reports = {}
    for path in sorted(SAMPLE_DIR.rglob("*")):
        if path.name == "README.md" or path.suffix not in READERS:
            continue
        for item, date, body in READERS[path.suffix](path):
            reports[(path.relative_to(SAMPLE_DIR).as_posix(), item)] = (date, body)
    return reports



def _gold(name: str) -> list[dict]:
    lines = (GOLD_DIR / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _all_gold() -> list[tuple[str, dict]]:
    return [(name, entry) for name in GOLD_FILES for entry in _gold(name)]


def _format_of(key: str) -> str:
    return key.split("/", 1)[0]


def test_corpus_size_formats_and_dates():
    assert len(_sample()) >= 36
    formats = Counter(_format_of(key) for key, _ in _sample())
    assert formats["txt"] >= 3 and formats["frontmatter"] >= 3
    assert formats["jsonl"] >= 6 and formats["html"] >= 3 and formats["rss"] >= 4
    for key, (date, body) in _sample().items():
        assert FIRST_DAY <= date <= LAST_DAY, key
        assert 120 <= len(body.split()) <= 400, key


def test_sample_readme_says_texts_are_ours():
    readme = (SAMPLE_DIR / "README.md").read_text(encoding="utf-8")
    assert "fictionalised summaries written for frontwatch" in readme
    assert "not copies of" in readme


def test_every_sample_report_has_gold_claims():
    annotated = {(e["report"], e["item"]) for e in _gold("claims")}
    assert set(_sample()) <= annotated
    assert (SEED_REF, "") in annotated


def _check_span(body: str, entry: dict, where: str) -> None:
    count = body.count(entry["text"])
    assert count > entry["occurrence"], f"{where}: {entry['text']!r} x{count}"
    if count > 1:
        assert "occurrence" in entry, where
    for field in ("source_mention", "dismissed_by"):
        if entry.get(field):
            assert entry[field] in body, f"{where}: {field} {entry[field]!r}"
    if entry.get("cue"):
        assert entry["cue"].lower() in body.lower(), f"{where}: cue {entry['cue']!r}"


def test_every_gold_span_is_in_its_sample_report():
    checked = 0
    for name, entry in _all_gold():
        if entry["report"] == SEED_REF:
            continue
        key = (entry["report"], entry["item"])
        assert key in _sample(), f"{name}: unknown report {key}"
        _check_span(_sample()[key][1], entry, f"{name} {key}")
        checked += 1
    assert checked > 500


def test_every_gold_span_is_in_the_seed():
    raw = require_shared("seed/report-2022-09-12.txt").read_text(encoding="utf-8")
    body = raw[_SEED_HEADER.match(raw).end():]
    seed_entries = [(n, e) for n, e in _all_gold() if e["report"] == SEED_REF]
    assert len(seed_entries) > 40
    for name, entry in seed_entries:
        _check_span(body, entry, f"{name} seed")


def _report_date(ref: str, item: str) -> dt.date:
    if ref == SEED_REF:
        return dt.date(2022, 9, 12)
    return _sample()[(ref, item)][0]


def test_gold_report_dates_match_the_files():
    for entry in _gold("forecasts"):
        assert entry["report_date"] == _report_date(entry["report"], entry["item"]).isoformat()


def test_forecasts_resolve_against_later_reports():
    for entry in _gold("forecasts"):
        assert entry["outcome"] in {"true", "false", "open"}
        made = dt.date.fromisoformat(entry["report_date"])
        if entry["outcome"] == "open":
            assert entry["resolved_by"] is None, entry["text"]
            continue
        resolver = entry["resolved_by"]
        resolved_on = _report_date(resolver["report"], resolver["item"])
        assert resolved_on > made, entry["text"]
        if entry["outcome"] == "false" and entry["deadline"]:
            assert resolved_on > dt.date.fromisoformat(entry["deadline"]), entry["text"]


def test_seed_izyum_forecast_is_likely_with_deadline():
    (izyum,) = [e for e in _gold("forecasts") if e["report"] == SEED_REF and "Izyum" in e["text"]]
    assert (izyum["deadline"], izyum["band"], izyum["source"]) == ("2022-09-14", "likely", "isw")
    assert izyum["outcome"] == "true"


def test_three_sources_have_forecasts_resolving_both_ways():
    outcomes = defaultdict(set)
    for entry in _gold("forecasts"):
        outcomes[entry["source"]].add(entry["outcome"])
    both = sorted(s for s, seen in outcomes.items() if {"true", "false"} <= seen)
    assert len(both) >= 3, both


def test_non_forecasts_are_not_listed_as_forecasts():
    forecast_spans = {(e["report"], e["item"], e["text"]) for e in _gold("forecasts")}
    for entry in _gold("non_forecasts"):
        assert (entry["report"], entry["item"], entry["text"]) not in forecast_spans


@pytest.mark.parametrize("first,second", [
    ("txt/2022-09-10-wire-kupiansk-entered.txt", "jsonl/wire-reports.jsonl#bc-0910-kupyansk"),
    ("frontmatter/2022-10-01-lyman-withdrawal.md", "txt/2022-10-01-baltic-courier-krasny-liman.txt"),
    ("html/2022-11-11-kherson-liberated.html",
     "rss/frontline-wire.xml#Ukrainian forces enter Kherson as Russia completes pull-out"),
])
def test_near_duplicate_pairs_share_most_word_trigrams(first, second):
    def trigrams(ref: str) -> set[tuple[str, ...]]:
        key, _, item = ref.partition("#")
        words = re.findall(r"\w+", _sample()[(key, item)][1].lower())
        return {tuple(words[i:i + 3]) for i in range(len(words) - 2)}

    a, b = trigrams(first), trigrams(second)
    assert a != b
    assert len(a & b) / len(a | b) > 0.7


def test_places_cover_variants_and_ambiguous_names():
    by_name = defaultdict(set)
    for entry in _gold("places"):
        by_name[entry["expected"]["name"]].add(entry["text"])
    assert {"Izium", "Izyum"} <= by_name["Izium"]
    assert {"Kupiansk", "Kupyansk"} <= by_name["Kupiansk"]
    assert {"Balakliia", "Balakleya"} <= by_name["Balakliia"]
    assert {"Lyman", "Krasny Liman"} <= by_name["Lyman"]
    assert "Kharkov" in by_name["Kharkiv"]
    lyman = [e["expected"] for e in _gold("places") if e["expected"]["name"] == "Lyman"]
    assert all(e["admin1"] == "Donetsk Oblast" and e["geonameid"] == 704204 for e in lyman)
