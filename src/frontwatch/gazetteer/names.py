"""How a place name is keyed, so that the spellings news uses find the same gazetteer entry.

Two keys:

* ``name_key`` — case-folded, diacritics removed, apostrophes dropped, hyphens and runs of
  spaces made one space. "Kup'yans'k" and "Kupyans’k" both become ``kupyansk``; a closing
  "Obl."/"obl" is "oblast" ("Donetsk Obl." = "Donetsk Oblast").
* ``skeleton`` — ``name_key`` further collapsed by the rules on which the Ukrainian and Russian
  romanisation systems (BGN/PCGN, the Ukrainian national system, ISO 9, German/Polish
  spellings) disagree: ``kh``/``h``/``g`` (Kharkiv/Harkiv, Goptovka/Hoptivka), ``y``/``i``/``j``
  and doubled vowels (Izium/Izyum/Izjum, Balakliia/Balakliya), ``w``/``v`` (Charkiw). Only
  entries in the former-Soviet countries are indexed under it, because elsewhere the same
  collapse would merge unrelated names.

Cyrillic is kept as Cyrillic (case-folded): GeoNames already lists the Cyrillic forms.
"""

from __future__ import annotations

import re
import unicodedata

APOSTROPHES = "'’ʼ`´ʹ′‘"
_DROP = str.maketrans("", "", APOSTROPHES + ".")
_SPACES = re.compile(r"[\s\-‐‑–—_/]+")
_POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")
# "Donetsk Obl.", "Kharkiv obl": news and military summaries shorten a closing "Oblast".
_OBLAST_SHORT = " obl"

# Ordered: digraphs before the single letters they contain.
_SKELETON_RULES = [
    (re.compile(r"kh"), "h"),  # Kharkiv/Harkiv
    (re.compile(r"g"), "h"),  # Russian г = g, Ukrainian г = h
    (re.compile(r"[yj]"), "i"),
    (re.compile(r"w"), "v"),
    (re.compile(r"e(?=i[aoue])"), "i"),  # Balakleya → balaklia (Russian е, Ukrainian і)
    (re.compile(r"i+"), "i"),
]


def fold(text: str) -> str:
    """Lower-case, strip Latin diacritics (not Cyrillic letters like й/ї)."""
    out = []
    for char in unicodedata.normalize("NFD", text.casefold()):
        if unicodedata.combining(char):
            if out and "a" <= out[-1] <= "z":
                continue  # a diacritic on a Latin letter
        out.append(char)
    return unicodedata.normalize("NFC", "".join(out))


def name_key(text: str) -> str:
    """Spelling-insensitive key (case, diacritics, apostrophes, hyphens; a closing "Obl."
    is "Oblast")."""
    key = _SPACES.sub(" ", fold(text).translate(_DROP)).strip()
    return key + "ast" if key.endswith(_OBLAST_SHORT) and len(key) > len(_OBLAST_SHORT) else key


def skeleton(text: str) -> str:
    """Transliteration-insensitive key for Ukrainian/Russian names written in Latin letters."""
    key = name_key(text)
    if not key.isascii():
        return key
    for pattern, replacement in _SKELETON_RULES:
        key = pattern.sub(replacement, key)
    return key


def strip_possessive(text: str) -> str:
    """ "Izyum's" → "Izyum"; "Kherson’s" → "Kherson"."""
    return _POSSESSIVE.sub("", text) if len(text) > 3 else text


def is_usable_name(name: str) -> bool:
    """Names worth indexing: Latin or Cyrillic, starting with a capital, not a 3-letter code."""
    if len(name) < 3 or not name[0].isupper():
        return False
    if name.isupper() and len(name) <= 4:
        return False  # IATA/ISO codes like "HRK", "IEV", "KHE"
    return all(_latin_or_cyrillic(c) for c in name if c.isalpha())


def _latin_or_cyrillic(char: str) -> bool:
    code = ord(char)
    return code < 0x250 or 0x400 <= code < 0x530 or 0x1E00 <= code < 0x1F00
