"""HTML pages: main text, title, date and site via trafilatura (boilerplate removed)."""

from __future__ import annotations

from frontwatch.ingest.draft import Draft


def read_html(html: str, url: str = "") -> list[Draft]:
    import trafilatura

    document = trafilatura.bare_extraction(
        html, url=url or None, with_metadata=True, include_comments=False, favor_precision=True
    )
    if document is None:
        return [Draft(text="")]
    meta = document.as_dict()
    title = meta.get("title") or ""
    return [
        Draft(
            text=_paragraphs(meta.get("text") or "", title),
            published=meta.get("date"),
            source=meta.get("sitename") or meta.get("hostname") or "",
            title=title,
            url=meta.get("url") or url,
        )
    ]


def _paragraphs(text: str, title: str) -> str:
    """One block per paragraph, without a leading headline that repeats the title.

    trafilatura joins blocks with single newlines, which the sentence splitter reads as
    spaces: a headline would run into the first sentence and lend it its words.
    """
    blocks = [line.strip() for line in text.splitlines() if line.strip()]
    if blocks and title and blocks[0].casefold() == title.strip().casefold():
        blocks = blocks[1:]
    return "\n\n".join(blocks)
