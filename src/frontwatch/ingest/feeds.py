"""RSS and Atom feeds: every item becomes a report (content or summary, HTML stripped)."""

from __future__ import annotations

from frontwatch.ingest.draft import Draft
from frontwatch.ingest.errors import IngestError


def read_feed(data: bytes, origin: str) -> list[Draft | IngestError]:
    """A draft per item with text; a broken feed also yields one error (its intact items stay)."""
    import feedparser
    from feedparser.exceptions import CharacterEncodingOverride, NonXMLContentType

    feed = feedparser.parse(data)
    source = feed.feed.get("title", "")
    items: list[Draft | IngestError] = [
        _draft(entry, source) for entry in feed.entries if _has_text(entry)
    ]
    problem = feed.get("bozo_exception")
    if problem is not None and not isinstance(problem, (CharacterEncodingOverride, NonXMLContentType)):
        items.append(IngestError(origin, "malformed_feed", f"malformed feed: {problem}"))
    elif not items:
        items.append(IngestError(origin, "malformed_feed", "feed has no items with text"))
    return items


def _has_text(entry) -> bool:
    return bool(entry.get("content") or entry.get("summary") or entry.get("title"))


def _draft(entry, source: str) -> Draft:
    contents = entry.get("content") or []
    html = contents[0].get("value", "") if contents else entry.get("summary", "")
    return Draft(
        text=html_to_text(html) or entry.get("title", ""),
        published=entry.get("published_parsed") or entry.get("updated_parsed")
        or entry.get("published") or entry.get("updated"),
        source=entry.get("source", {}).get("title") or source,
        title=entry.get("title", ""),
        url=entry.get("link", ""),
    )


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment, one paragraph per block element."""
    if "<" not in fragment:
        return fragment
    import lxml.html

    root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    for block in root.iter("p", "div", "br", "li", "h1", "h2", "h3", "h4"):
        block.tail = "\n\n" + (block.tail or "")
    return "\n".join(line.strip() for line in root.text_content().splitlines()).strip()
