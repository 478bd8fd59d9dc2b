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
    return [
        Draft(
            text=meta.get("text") or "",
            published=meta.get("date"),
            source=meta.get("sitename") or meta.get("hostname") or "",
            title=meta.get("title") or "",
            url=meta.get("url") or url,
        )
    ]
