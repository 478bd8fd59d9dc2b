"""Where a run of tokens shown to a reader may start and end: claims' contents and events'
evidence are cut from the parse, which leaves conjunctions, complementisers, punctuation and
half a pair of quote marks at their edges."""

from __future__ import annotations

from spacy.tokens import Token

QUOTE_CHARS = "\"“”«»„"
QUOTE_TOKENS = set(QUOTE_CHARS) | {"''", "``"}


def trim_edges(tokens: list[Token]) -> list[Token]:
    """Drop punctuation, conjunctions and complementisers from both ends, and a quote mark
    at an end only when it has no partner inside (so '"regrouping"' keeps its marks)."""
    toks = [t for t in tokens if not t.is_space]

    def unpaired() -> bool:
        return sum(t.text in QUOTE_TOKENS for t in toks) % 2 == 1

    changed = True
    while toks and changed:
        changed = False
        first, last = toks[0], toks[-1]
        if first.text in QUOTE_TOKENS and unpaired() or first.is_punct and \
                first.text not in QUOTE_CHARS or first.lower_ in {"and", "but", "or"} or \
                first.lower_ == "that" and first.dep_ == "mark":
            toks.pop(0)
            changed = True
        elif last.text in QUOTE_TOKENS and unpaired() or last.is_punct and \
                last.text not in QUOTE_CHARS or last.dep_ == "cc":
            toks.pop()
            changed = True
    return toks
