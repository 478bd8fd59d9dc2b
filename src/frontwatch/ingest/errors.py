"""The one way ingest reports an input it cannot turn into a report."""

from __future__ import annotations


class IngestError(Exception):
    """An input (file, URL, line) that yields no report; ``kind`` is a short machine label.

    Kinds: empty, binary, too_large, no_date, future_date, bad_date, malformed_jsonl,
    malformed_feed, unreachable, unreadable, no_text.
    """

    def __init__(self, origin: str, kind: str, message: str, line: int | None = None):
        super().__init__(message)
        self.origin = origin
        self.kind = kind
        self.message = message
        self.line = line

    @property
    def where(self) -> str:
        return f"{self.origin}:{self.line}" if self.line is not None else self.origin

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"
