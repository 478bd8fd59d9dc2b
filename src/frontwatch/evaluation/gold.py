"""Shared conventions of the gold annotations under ``tests/gold/`` (``docs/sample-corpus.md``).

A gold span is given by its exact ``text`` and ``occurrence``: the 0-based index among the raw
(possibly overlapping) occurrences of that text in the report body.
"""

from __future__ import annotations


def nth_occurrence(text: str, needle: str, occurrence: int) -> int:
    """Start of the ``occurrence``-th (0-based) raw occurrence of ``needle`` in ``text``, or -1."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.find(needle, start + 1)
        if start < 0:
            return -1
    return start


def gold_span(text: str, line: dict) -> tuple[int, int] | None:
    """(start, end) of a gold line's span in the report body, or None when it is not there."""
    start = nth_occurrence(text, line["text"], int(line.get("occurrence", 0)))
    return None if start < 0 else (start, start + len(line["text"]))
