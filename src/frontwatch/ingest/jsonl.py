"""JSON Lines: one report object per line (``text``/``body``, ``date``/``published``,
``source``, ``title``, ``url``, optional ``id``). A bad line is an error naming its number;
the other lines are still read."""

from __future__ import annotations

import json

from frontwatch.ingest.draft import Draft
from frontwatch.ingest.errors import IngestError


def read_jsonl(text: str, origin: str) -> list[Draft | IngestError]:
    items: list[Draft | IngestError] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            items.append(_draft(json.loads(line), number))
        except (json.JSONDecodeError, ValueError) as exc:
            message = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
            items.append(
                IngestError(origin, "malformed_jsonl", f"malformed JSON line: {message}", number)
            )
    return items


def _draft(obj: object, number: int) -> Draft:
    if not isinstance(obj, dict):
        raise ValueError(f"expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text") or obj.get("body")
    if not isinstance(text, str):
        raise ValueError("no 'text' or 'body' string")
    return Draft(
        text=text,
        published=obj.get("date") or obj.get("published"),
        source=obj.get("source") or "",
        title=obj.get("title") or "",
        url=obj.get("url") or "",
        id=obj.get("id") or "",
        line=number,
    )
