"""Every input format becomes dated reports with the right text and metadata (no NLP here)."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import io
import json
import threading

import pytest

from conftest import require_shared
from frontwatch.ingest import IngestError, Overrides, ReadReport, read_inputs

ARTICLE_HTML = """<!doctype html><html><head><title>Kupiansk retaken | Example Wire</title>
<meta property="article:published_time" content="2022-09-10T08:00:00Z">
<meta property="og:site_name" content="Example Wire"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Kupiansk retaken</h1>
<p>Ukrainian troops entered the centre of Kupiansk on Saturday, cutting a railway hub that
supplied Russian units around Izium, regional officials said in a statement.</p>
<p>The advance followed the recapture of Balakliia earlier in the week, according to the
General Staff in Kyiv, which gave no figures for losses.</p></article>
<footer>Copyright Example Wire</footer></body></html>"""

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Front Notes</title><link>https://example.org</link>
<item><title>Lyman encircled</title><link>https://example.org/lyman</link>
<pubDate>Sat, 01 Oct 2022 09:00:00 GMT</pubDate>
<description>&lt;p&gt;Ukrainian forces encircled Lyman, the Donetsk rail junction.&lt;/p&gt;</description></item>
<item><title>Kherson</title><link>https://example.org/kherson</link>
<pubDate>Fri, 11 Nov 2022 12:00:00 GMT</pubDate>
<description>Ukrainian troops entered Kherson after the Russian withdrawal across the Dnipro.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Notes</title>
<entry><title>Izium</title><link href="https://example.org/izium"/>
<updated>2022-09-10T10:00:00Z</updated>
<content type="html">&lt;p&gt;Ukrainian flags were raised over Izium.&lt;/p&gt;</content></entry>
</feed>"""


def _read(inputs, **kwargs) -> tuple[list, list[IngestError]]:
    items = list(read_inputs([str(i) for i in inputs], **kwargs))
    reports = [i.report for i in items if isinstance(i, ReadReport)]
    return reports, [i for i in items if isinstance(i, IngestError)]


def test_seed_format_keeps_only_the_body(seed_path):
    (report,), errors = _read([seed_path])
    assert not errors
    assert report.published == dt.date(2022, 9, 12)
    assert report.text.startswith("Russia has likely ordered its troops")
    assert "date 2022" not in report.text


def test_front_matter_text(tmp_path):
    path = tmp_path / "update.txt"
    path.write_text(
        "---\ndate: 2022-09-08\nsource: UK Ministry of Defence\ntitle: Intelligence update\n"
        "url: https://example.org/u\n---\nUkrainian forces advanced near Balakliia.\n"
    )
    (report,), _ = _read([path])
    assert (report.published, report.source, report.title, report.url) == (
        dt.date(2022, 9, 8), "UK Ministry of Defence", "Intelligence update", "https://example.org/u"
    )
    assert report.text == "Ukrainian forces advanced near Balakliia."


def test_markdown_front_matter_with_pubdate_and_markup(tmp_path):
    path = tmp_path / "note.md"
    path.write_text(
        "---\npubDate: 2022-10-03\nauthor: Analyst\ndescription: long\n  folded value\n---\n"
        "## Lyman\nThe **Lyman** pocket closed, see [the map](https://example.org/m).\n"
    )
    (report,), _ = _read([path])
    assert report.published == dt.date(2022, 10, 3)
    assert report.source == "Analyst"
    assert report.text == "Lyman\nThe Lyman pocket closed, see the map."


def test_eval_wikipedia_corpus_ingests_with_pubdate():
    corpus = require_shared("eval/text/wikipedia-ukraine-war")
    reports, errors = _read([corpus])
    assert not errors
    assert len(reports) == len(list(corpus.glob("*.md")))
    assert all(dt.date(2022, 1, 1) <= r.published <= dt.date.today() for r in reports)
    assert not any(r.text.startswith("---") for r in reports)


def test_plain_text_takes_the_date_from_its_name(tmp_path):
    path = tmp_path / "isw-2022-09-11.txt"
    path.write_text("Russian forces withdrew from Izium.")
    (report,), _ = _read([path])
    assert report.published == dt.date(2022, 9, 11)


def test_jsonl_one_report_per_line(tmp_path):
    path = tmp_path / "wire.jsonl"
    lines = [
        {"id": "w1", "text": "Balakliia was retaken.", "date": "2022-09-08", "source": "Wire"},
        {"body": "Kupiansk was entered.", "published": "10 September 2022", "title": "K"},
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n\n")
    (first, second), errors = _read([path])
    assert not errors
    assert (first.id, first.source, first.published) == ("w1", "Wire", dt.date(2022, 9, 8))
    assert (second.title, second.published) == ("K", dt.date(2022, 9, 10))
    assert second.origin.endswith("wire.jsonl:2")


def test_html_file_main_text_date_and_title(tmp_path):
    path = tmp_path / "article.html"
    path.write_text(ARTICLE_HTML)
    (report,), _ = _read([path])
    assert report.published == dt.date(2022, 9, 10)
    assert "centre of Kupiansk" in report.text and "recapture of Balakliia" in report.text
    assert "Home" not in report.text and "Copyright" not in report.text
    assert report.title.startswith("Kupiansk retaken")
    assert report.source == "Example Wire"
    # the headline repeats the title and must not run into the first sentence
    assert report.text.startswith("Ukrainian troops entered")
    assert "said in a statement.\n\nThe advance" in report.text


@pytest.mark.parametrize("name, body, count", [("notes.rss", RSS, 2), ("notes.atom", ATOM, 1)])
def test_feed_items_become_reports(tmp_path, name, body, count):
    path = tmp_path / name
    path.write_text(body)
    reports, errors = _read([path])
    assert not errors and len(reports) == count
    first = reports[0]
    assert first.url.startswith("https://example.org/")
    assert "<p>" not in first.text and first.text.startswith("Ukrainian")
    assert first.published in (dt.date(2022, 10, 1), dt.date(2022, 9, 10))
    assert first.source in ("Front Notes", "Atom Notes")


def test_directory_is_walked_recursively_by_extension(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "r-2022-09-09.txt").write_text("Kharkiv region: the front moved east.")
    (tmp_path / "a" / "feed.xml").write_text(ATOM)
    (tmp_path / "a" / "gold.csv").write_text("not,a,report")
    (tmp_path / "README.md").write_text("About this corpus.")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x-2022-09-09.txt").write_text("hidden")
    reports, errors = _read([tmp_path])
    assert not errors
    assert sorted(r.published.isoformat() for r in reports) == ["2022-09-09", "2022-09-10"]


def test_stdin_is_sniffed(tmp_path):
    data = json.dumps({"text": "Lyman was retaken.", "date": "2022-10-01"}).encode() + b"\n"
    (report,), _ = _read(["-"], stdin=io.BytesIO(data))
    assert (report.text, report.published) == ("Lyman was retaken.", dt.date(2022, 10, 1))


def test_date_and_source_overrides_win(tmp_path):
    path = tmp_path / "update.txt"
    path.write_text("---\ndate: 2022-09-08\nsource: A\n---\nText.\n")
    (report,), _ = _read([path], overrides=Overrides(date=dt.date(2022, 9, 9), source="B"))
    assert (report.published, report.source) == (dt.date(2022, 9, 9), "B")


@pytest.fixture
def http_site(tmp_path):
    (tmp_path / "article").write_text(ARTICLE_HTML)
    (tmp_path / "feed").write_text(RSS)
    handler = functools.partial(_QuietHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def test_urls_of_html_pages_and_feeds(http_site):
    reports, errors = _read([f"{http_site}/article", f"{http_site}/feed"])
    assert not errors
    assert len(reports) == 3
    assert "centre of Kupiansk" in reports[0].text
    assert reports[0].published == dt.date(2022, 9, 10)
    assert reports[2].published == dt.date(2022, 11, 11)
