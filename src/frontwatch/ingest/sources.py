"""Inputs (paths, directories, URLs, ``-`` for stdin) → a stream of reports and errors.

The format is chosen by file extension, then by the HTTP content type, then by sniffing the
first bytes. Directories are walked recursively and only files with a known extension are
read (so notes and gold files beside a corpus are left alone); hidden files and a corpus's
own documentation (README, LICENSE, CHANGELOG, ...) are skipped. Files named explicitly are
always read.
"""

from __future__ import annotations

import sys
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from frontwatch.ingest.decode import MAX_INPUT_BYTES, check_size, decode_bytes
from frontwatch.ingest.draft import Draft, Overrides, ReadReport, finish
from frontwatch.ingest.errors import IngestError
from frontwatch.ingest.feeds import read_feed
from frontwatch.ingest.html import read_html
from frontwatch.ingest.jsonl import read_jsonl
from frontwatch.ingest.text import read_text

URL_TIMEOUT_SECONDS = 10.0
FORMAT_BY_SUFFIX = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".html": "html", ".htm": "html",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
}
_CORPUS_DOCS = {"readme", "license", "licence", "changelog", "contributing", "notice"}


@dataclass(frozen=True)
class Input:
    kind: str  # "file", "url", "stdin"
    location: str


def expand_inputs(inputs: Iterable[str]) -> Iterator[Input | IngestError]:
    """Each argument as inputs to read; a directory becomes its known-format files."""
    for argument in inputs:
        if argument == "-":
            yield Input("stdin", "stdin")
        elif argument.startswith(("http://", "https://")):
            yield Input("url", argument)
        elif Path(argument).is_dir():
            for path in sorted(Path(argument).rglob("*")):
                hidden = any(part.startswith(".") for part in path.relative_to(argument).parts)
                if _is_report_file(path) and not hidden:
                    yield Input("file", str(path))
        elif Path(argument).is_file():
            yield Input("file", argument)
        else:
            yield IngestError(argument, "unreadable", "no such file, directory or URL")


def _is_report_file(path: Path) -> bool:
    return (
        path.is_file()
        and path.suffix.lower() in FORMAT_BY_SUFFIX
        and path.stem.lower() not in _CORPUS_DOCS
    )


def read_inputs(
    inputs: Iterable[str],
    overrides: Overrides | None = None,
    stdin: BinaryIO | None = None,
    timeout: float = URL_TIMEOUT_SECONDS,
) -> Iterator[ReadReport | IngestError]:
    """Every report in ``inputs``, with one IngestError per input (or line) that failed."""
    overrides = overrides or Overrides()
    for item in expand_inputs(inputs):
        if isinstance(item, IngestError):
            yield item
            continue
        try:
            data, content_type = _fetch(item, stdin, timeout)
            drafts, warnings = _parse(item, data, content_type)
        except IngestError as error:
            yield error
            continue
        for draft in drafts:
            if isinstance(draft, IngestError):
                yield draft
                continue
            try:
                yield finish(draft, item.location, overrides, warnings)
            except IngestError as error:
                yield error


def _fetch(item: Input, stdin: BinaryIO | None, timeout: float) -> tuple[bytes, str]:
    if item.kind == "file":
        path = Path(item.location)
        try:
            check_size(path.stat().st_size, item.location)
            return path.read_bytes(), ""
        except OSError as exc:
            raise IngestError(item.location, "unreadable", f"cannot read: {exc.strerror}") from exc
    if item.kind == "stdin":
        return (stdin or sys.stdin.buffer).read(MAX_INPUT_BYTES + 1), ""
    request = urllib.request.Request(item.location, headers={"User-Agent": "frontwatch/0.1"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read(MAX_INPUT_BYTES + 1), response.headers.get_content_type()
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise IngestError(item.location, "unreachable", f"unreachable URL: {reason}") from exc


def _parse(item: Input, data: bytes, content_type: str) -> tuple[list, list[str]]:
    kind = _format(item, data, content_type)
    if kind == "feed":
        check_size(len(data), item.location)
        return read_feed(data, item.location), []
    text, warnings = decode_bytes(data, item.location)
    drafts: list[Draft | IngestError]
    if kind == "jsonl":
        drafts = list(read_jsonl(text, item.location))
    elif kind == "html":
        drafts = list(read_html(text, item.location if item.kind == "url" else ""))
    else:
        drafts = list(read_text(text, Path(item.location).name, markdown=kind == "markdown"))
    return drafts, warnings


def _format(item: Input, data: bytes, content_type: str) -> str:
    if item.kind == "file":
        known = FORMAT_BY_SUFFIX.get(Path(item.location).suffix.lower())
        if known:
            return known
    if "html" in content_type:
        return "html"
    if any(t in content_type for t in ("rss", "atom", "xml")):
        return "feed"
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<rss", b"<feed", b"<rdf")) or (
        head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head or b"<rdf" in head)
    ):
        return "feed"
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if head.startswith(b"{"):
        return "jsonl"
    return "text"
