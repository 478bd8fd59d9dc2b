"""Plain-text reports: the seed header, YAML front matter, or bare text (date from the name).

Seed format: the first line starts `` date YYYY-MM-DD `` and the body continues on the same
line. Front matter: a ``---`` line, YAML keys (``date``/``pubDate``/``published``, ``source``
or ``author``, ``title``/``subject``, ``url``), a closing ``---`` line, then the body.
"""

from __future__ import annotations

import re

import yaml

from frontwatch.ingest.draft import Draft

_SEED_HEADER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s+")
_FRONT_MATTER = re.compile(r"^\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|$)", re.DOTALL)
_DATE_IN_NAME = re.compile(r"(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)")
_DATE_KEYS = ("date", "pubDate", "pubdate", "published", "publish_date")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w))")
_MD_HEADING = re.compile(r"^#{1,6}\s+", re.MULTILINE)


def read_text(text: str, name: str, markdown: bool = False) -> list[Draft]:
    """One report from a text or Markdown file; ``name`` may carry a date (report-2022-09-12)."""
    seed = _SEED_HEADER.match(text)
    if seed:
        return [Draft(text=text[seed.end():], published=seed.group(1))]
    front = _FRONT_MATTER.match(text)
    if front:
        meta = _front_matter(front.group(1))
        body = text[front.end():]
        return [
            Draft(
                text=markdown_to_text(body) if markdown else body,
                published=next((meta[k] for k in _DATE_KEYS if meta.get(k)), None),
                source=meta.get("source") or meta.get("author") or "",
                title=meta.get("title") or meta.get("subject") or "",
                url=meta.get("url") or meta.get("link") or "",
                id=meta.get("id") or "",
            )
        ]
    in_name = _DATE_IN_NAME.search(name)
    return [
        Draft(
            text=markdown_to_text(text) if markdown else text,
            published=in_name.group(1) if in_name else None,
        )
    ]


def _front_matter(block: str) -> dict:
    """YAML front matter; falls back to ``key: value`` lines when the YAML is invalid."""
    try:
        meta = yaml.safe_load(block)
    except yaml.YAMLError:
        meta = None
    if isinstance(meta, dict):
        return {str(k): v for k, v in meta.items()}
    pairs = (line.split(":", 1) for line in block.splitlines() if ":" in line)
    return {k.strip(): v.strip().strip("'\"") for k, v in pairs}


def markdown_to_text(text: str) -> str:
    """Markdown reduced to its words: link targets, emphasis marks and heading hashes dropped."""
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_HEADING.sub("", text)
    return _MD_EMPHASIS.sub("", text)
