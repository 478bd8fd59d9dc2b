"""Bad inputs: one clear error each, an ingest_errors row, and the good reports still stored."""

from __future__ import annotations

import datetime as dt
import socket

import pytest
from typer.testing import CliRunner

from frontwatch.cli import app
from frontwatch.cli import core as _core  # noqa: F401  (registers the commands)
from frontwatch.ingest import IngestError, ReadReport, read_inputs
from frontwatch.ingest.decode import MAX_INPUT_BYTES
from frontwatch.store import repository
from frontwatch.store.db import session_scope

FUTURE = (dt.date.today() + dt.timedelta(days=30)).isoformat()


def _closed_port_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}/report"


BAD_FILES = {
    "empty.txt": (b"", "empty"),
    "blank.txt": (b" \n\t \n", "empty"),
    "photo.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    "undated.txt": (b"Ukrainian forces advanced near Kupiansk.", "no_date"),
    "future.txt": (f" date {FUTURE} Ukrainian forces advanced.".encode(), "future_date"),
    "broken.rss": (b"<rss><channel><item><title>x</titl", "malformed_feed"),
}


def _write(tmp_path, files: dict[str, tuple[bytes, str]]) -> None:
    for name, (data, _) in files.items():
        (tmp_path / name).write_bytes(data)


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_each_bad_file_gives_one_error_naming_it(tmp_path, name):
    _write(tmp_path, {name: BAD_FILES[name]})
    (error,) = read_inputs([str(tmp_path / name)])
    assert isinstance(error, IngestError)
    assert error.kind == BAD_FILES[name][1]
    assert str(error).startswith(str(tmp_path / name) + ": ")
    assert "\n" not in str(error)


def test_oversized_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:
        stream.truncate(MAX_INPUT_BYTES + 1)
    (error,) = read_inputs([str(path)])
    assert error.kind == "too_large" and "limit" in error.message


def test_malformed_jsonl_line_is_named_and_other_lines_read(tmp_path):
    path = tmp_path / "wire.jsonl"
    path.write_text(
        '{"text": "Izium was retaken.", "date": "2022-09-10"}\n'
        '{"text": "broken", "date": \n'
        '{"text": "Lyman was retaken.", "date": "2022-10-01"}\n'
    )
    items = list(read_inputs([str(path)]))
    assert [type(i).__name__ for i in items] == ["ReadReport", "IngestError", "ReadReport"]
    assert items[1].line == 2 and str(items[1]).startswith(f"{path}:2: malformed JSON line")


def test_unreachable_url_fails_fast():
    url = _closed_port_url()
    (error,) = read_inputs([url], timeout=2)
    assert error.kind == "unreachable" and str(error).startswith(url)


@pytest.mark.parametrize(
    "encoding, text",
    [("cp1251", "Ураганний обстріл Харкова тривав всю ніч, повідомили в ОВА."),
     ("cp1252", "Résumé of the café strikes near Kherson \u2014 “heavy” shelling overnight.")],
)
def test_legacy_encodings_are_decoded_with_a_warning(tmp_path, encoding, text):
    path = tmp_path / "legacy-2022-09-10.txt"
    path.write_bytes(text.encode(encoding))
    (item,) = read_inputs([str(path)])
    assert isinstance(item, ReadReport)
    assert item.report.text == text
    assert len(item.warnings) == 1 and f"decoded as {encoding}" in item.warnings[0]


def test_cli_stores_good_reports_around_bad_ones(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _write(corpus, BAD_FILES)
    (corpus / "good-2022-09-10.txt").write_text("Ukrainian troops entered Kupiansk on Saturday.")
    (corpus / "wire.jsonl").write_text(
        '{"text": "Balakliia was retaken by Ukraine.", "date": "2022-09-08"}\n{oops\n'
    )
    (corpus / "legacy-2022-09-11.txt").write_bytes("Café in Izium was hit.".encode("cp1252"))
    db = str(tmp_path / "fw.db")
    result = CliRunner().invoke(app, ["ingest", "--db", db, str(corpus), _closed_port_url()])
    assert result.exit_code == 1
    assert "stored 3 · duplicates 0 · near-duplicates 0 · errors 8" in result.stdout
    error_lines = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(error_lines) == 8
    assert any(f"{corpus / 'wire.jsonl'}:2: malformed JSON line" in line for line in error_lines)
    with session_scope(db) as session:
        stored = {r.text: r for r in repository.list_reports(session)}
        kinds = sorted(e.kind for e in repository.list_ingest_errors(session))
        legacy = repository.load_analysis(session, stored["Café in Izium was hit."].id)
    assert "Ukrainian troops entered Kupiansk on Saturday." in stored
    assert kinds == sorted([k for _, k in BAD_FILES.values()] + ["malformed_jsonl", "unreachable"])
    assert any("decoded as cp1252" in w for w in legacy.warnings)
    assert legacy.entities  # analysed like any other report
