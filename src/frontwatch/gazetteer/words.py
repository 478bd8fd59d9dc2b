"""How common a place name is as an English word.

Villages and towns are named "Airport", "University", "Police", "Man" or "Arti", and GeoNames
lists odd alternate names ("Area" for Mundelein, "Tor" for Sloviansk), so a capitalised word in
a caption or a headline matches some settlement somewhere. The word's frequency in English
(``wordfreq``'s Zipf scale: 3 = once per million words, 6 = "most") tells how much evidence such
a match needs; a short all-caps token ("WIA", "TOR") is an abbreviation first.
"""

from __future__ import annotations

import functools

from wordfreq import zipf_frequency

COMMON_ZIPF = 2.5  # a name at least this frequent as a word needs support to be a place
VERY_COMMON_ZIPF = 4.5  # "Center", "Police", "Union": only a cue or the model's tag will do
ABBREVIATION_MAX_LETTERS = 4


def is_abbreviation(text: str) -> bool:
    """ "WIA", "TOR", "SAM": capitals only, short; a dateline "KYIV" is one too."""
    return text.isalpha() and text.isupper() and len(text) <= ABBREVIATION_MAX_LETTERS


@functools.lru_cache(maxsize=50_000)
def word_zipf(text: str) -> float:
    """Zipf frequency of a one-word name as an English word (abbreviations at least
    ``COMMON_ZIPF``); 0 for names of several words, which are rarely phrases."""
    if not text.isalpha():
        return 0.0
    zipf = zipf_frequency(text.lower(), "en")
    return max(zipf, COMMON_ZIPF) if is_abbreviation(text) else zipf
