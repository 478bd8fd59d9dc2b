"""A learned typer for short event captions, trained by project code on labelled rows.

The rule extractor (``nlp.events``) types events by our definitions; a labelled collection
(e.g. the CIR monitor) files captions by its own conventions ("Strike on a tower" is damage
there, not a strike). This typer learns those conventions on one part of such a collection
and predicts the class of a caption in the collection's label space: logistic regression over
the caption's words and word pairs (TF-IDF) plus what the rules found (the primary event's
class and the set of event types). Classes with too few training rows to learn are left to
the rules. Measured against the rules on held-out rows in ``docs/benchmarks.md``.

Nothing is shipped pre-trained: :meth:`CaptionTyper.train` builds the model from the rows
given, and ``frontwatch eval events --typer learned`` trains on the dev half of the file and
scores the test half.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

# Chosen by 5-fold cross-validation on the CIR dev half (C in 0.3, 1, 3, 10).
REGULARISATION_C = 10.0
MIN_CLASS_ROWS = 10  # fewer training rows than this: the rules decide the class


@dataclass
class TyperInput:
    """One caption with what the rules made of it."""

    text: str
    rule_class: str  # the primary event's class in the label space ("none" when no event)
    rule_types: Sequence[str] = ()  # all our event types found in the caption


def features(row: TyperInput) -> str:
    """The caption's words with the rules' findings as extra tokens."""
    tags = [f"rule_{row.rule_class}"] + [f"type_{t}" for t in sorted(set(row.rule_types))]
    return " ".join([row.text.lower(), *(t.replace("/", "_") for t in tags)])


@dataclass
class CaptionTyper:
    """A trained caption classifier; ``rare`` classes stay with the rules."""

    vectorizer: Any
    model: Any
    rare: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def train(cls, rows: Sequence[TyperInput], labels: Sequence[str]) -> CaptionTyper:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        counts = Counter(labels)
        vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True,
                                     token_pattern=r"(?u)\b\w[\w_]+\b")
        matrix = vectorizer.fit_transform([features(r) for r in rows])
        model = LogisticRegression(C=REGULARISATION_C, max_iter=2000, class_weight="balanced")
        model.fit(matrix, list(labels))
        return cls(vectorizer, model, frozenset(c for c, n in counts.items() if n < MIN_CLASS_ROWS))

    def predict(self, rows: Sequence[TyperInput]) -> list[str]:
        if not rows:
            return []
        learned = self.model.predict(self.vectorizer.transform([features(r) for r in rows]))
        return [r.rule_class if r.rule_class in self.rare else str(p)
                for r, p in zip(rows, learned)]
