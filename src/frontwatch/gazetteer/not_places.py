"""Capitalised words of news that GeoNames lists as places but that news never means as one.

By category, not by report: news agencies and outlets ("TASS" is a Hungarian village, "RIA" a
Ukrainian one by transliteration, "Xinhua" a Chinese town; the names come from the media
sources of ``nlp.sources``), and the abbreviations of weekdays and months that datelines and
captions use ("Wed" is Wedi, Indonesia; "Mon" the Mon State of Myanmar).
"""

from __future__ import annotations

from collections.abc import Iterable

from frontwatch.gazetteer.names import name_key

DATE_ABBREVIATIONS = frozenset({
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
})
DATE_ABBREVIATION_CHARS = 5  # "Sept."


def outlet_words(outlets: Iterable[str]) -> dict[str, list[tuple[str, ...]]]:
    """Each outlet name's words as keys, listed under its first word (longest first)."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for name in sorted(outlets, key=lambda n: -len(n.split())):
        words = tuple(name_key(w) for w in name.split())
        by_first.setdefault(words[0], []).append(words)
    return by_first


def is_date_abbreviation(text: str) -> bool:
    """ "Wed", "Sat.", "SEPT": a weekday or month as datelines and captions shorten it."""
    return len(text) <= DATE_ABBREVIATION_CHARS and text[:1].isupper() \
        and name_key(text) in DATE_ABBREVIATIONS
