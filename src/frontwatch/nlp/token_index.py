"""Character offsets → tokens by binary search, and one ``Token`` object per token.

``Doc.char_span`` walks every token of the document on each call, so extractors that map
quote regions or matched terms back to tokens once per sentence or per claim become
quadratic on long articles. ``tokens_in`` builds the offset tables once per ``Doc`` (kept in
``doc.user_data``) and answers each lookup in O(log n).

spaCy creates a new ``Token`` object on every ``doc[i]`` and on every step of iterating a
``Doc`` or ``Span``; extractors that walk each sentence several times created each token
dozens of times per report. ``doc_tokens`` creates them once per ``Doc``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.attrs import IDX, LENGTH, LOWER
from spacy.tokens import Doc, Token

_KEY = "frontwatch.token_offsets"
_TOKENS_KEY = "frontwatch.tokens"


def _offsets(doc: Doc) -> tuple[list[int], list[int]]:
    tables = doc.user_data.get(_KEY)
    if tables is None or len(tables[0]) != len(doc):
        starts, lengths = doc.to_array([IDX, LENGTH]).T.tolist() if len(doc) else ([], [])
        tables = doc.user_data[_KEY] = (starts, [s + n for s, n in zip(starts, lengths)])
    return tables


def token_starts(doc: Doc) -> list[int]:
    """``[t.idx for t in doc]``, built once per ``Doc`` (do not modify)."""
    return _offsets(doc)[0]


def doc_tokens(doc: Doc) -> list[Token]:
    """``list(doc)``, built once per ``Doc`` (do not modify; slice it for a span's tokens)."""
    tokens = doc.user_data.get(_TOKENS_KEY)
    if tokens is None or len(tokens) != len(doc):
        tokens = doc.user_data[_TOKENS_KEY] = list(doc)
    return tokens


def token_ends(doc: Doc) -> list[int]:
    """``[t.idx + len(t) for t in doc]``, built once per ``Doc`` (do not modify)."""
    return _offsets(doc)[1]


def tokens_in(doc: Doc, start: int, end: int, expand: bool = False) -> list[Token]:
    """Tokens inside characters [start, end); with ``expand`` every token touching them
    (``Doc.char_span`` alignment modes "contract" and "expand")."""
    starts, ends = _offsets(doc)
    if expand:
        first, last = bisect_right(ends, start), bisect_left(starts, end)
    else:
        first, last = bisect_left(starts, start), bisect_right(ends, end)
    return doc_tokens(doc)[first:last] if first < last else []


def indices_of_lower(doc: Doc, word: str) -> list[int]:
    """Indices of the tokens whose lower-case form is ``word``, read from the token array
    (no ``Token`` object per token of the document)."""
    lowers = doc.to_array(LOWER)
    return [int(i) for i in (lowers == doc.vocab.strings[word]).nonzero()[0]
            if doc[int(i)].lower_ == word]
