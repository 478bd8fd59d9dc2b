"""What a reader found in an input, before overrides and checks make it a ``Report``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from frontwatch.ingest.dates import check_date, parse_date
from frontwatch.ingest.decode import MAX_REPORT_CHARS
from frontwatch.ingest.errors import IngestError
from frontwatch.models import Report

_MAX_ID_CHARS = 32  # reports.id column width


@dataclass
class Overrides:
    """``--date`` / ``--source`` given on the command line win over what inputs say."""

    date: dt.date | None = None
    source: str | None = None


@dataclass
class Draft:
    text: str
    published: object = None  # anything parse_date understands
    source: str = ""
    title: str = ""
    url: str = ""
    id: str = ""
    line: int | None = None  # line number in the input (JSONL)


@dataclass
class ReadReport:
    """A report ready for analysis plus the warnings reading it produced."""

    report: Report
    warnings: list[str] = field(default_factory=list)


def finish(draft: Draft, origin: str, overrides: Overrides, warnings: list[str]) -> ReadReport:
    """Apply overrides and the checks every report gets; raise IngestError if it fails one."""
    text = draft.text.strip()
    if not text:
        raise IngestError(origin, "empty", "no text (empty or whitespace only)", draft.line)
    if len(text) > MAX_REPORT_CHARS:
        raise IngestError(
            origin, "too_large",
            f"report has {len(text):,} characters, over the {MAX_REPORT_CHARS:,} limit",
            draft.line,
        )
    published = overrides.date or parse_date(draft.published)
    if published is None and draft.published not in (None, ""):
        raise IngestError(origin, "bad_date", f"unreadable date {draft.published!r}", draft.line)
    published = check_date(published, origin, draft.line)
    report_warnings = list(warnings)
    report_id = str(draft.id or "")
    if len(report_id) > _MAX_ID_CHARS:
        report_warnings.append(f"id {report_id[:40]!r}… longer than {_MAX_ID_CHARS}; hashed id used")
        report_id = ""
    where = f"{origin}:{draft.line}" if draft.line is not None else origin
    report = Report(
        text=text,
        published=published,
        source=overrides.source if overrides.source is not None else str(draft.source or ""),
        title=str(draft.title or ""),
        url=str(draft.url or ""),
        origin=where,
        id=report_id,
    )
    return ReadReport(report, report_warnings)
