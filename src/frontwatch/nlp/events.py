"""events extractor — owned by its issue; placeholder until implemented."""

from __future__ import annotations

from spacy.tokens import Doc

from frontwatch.models import Analysis


def extract(doc: Doc, analysis: Analysis) -> list:
    return []
