"""NLP stage: ``analyze(report) -> Analysis``, pure (no database, no network)."""

from frontwatch.nlp.pipeline import analyze, analyze_many

__all__ = ["analyze", "analyze_many"]
