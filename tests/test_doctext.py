"""The joined text of a Doc is read once and may be taken from the report it was made of;
the per-Doc caches go with the report."""

import datetime as dt

from frontwatch.models import Report
from frontwatch.nlp.doctext import doc_text, remember_text, span_text
from frontwatch.nlp.pipeline import CACHE_PREFIX, _read_doc, get_nlp

TEXT = "Ukrainian forces entered Balakliia on 8 September.  The ministry confirmed it.\n"


def test_remembered_report_text_is_used_as_the_doc_text():
    doc = get_nlp()(TEXT)
    remember_text(doc, TEXT)
    assert doc_text(doc) is TEXT
    assert span_text(doc[3:4]) == "Balakliia"


def test_a_text_the_doc_was_not_made_of_is_not_remembered():
    doc = get_nlp()(TEXT)
    remember_text(doc, TEXT.strip())
    assert doc_text(doc) == TEXT  # joined from the tokens instead


def test_the_extractors_caches_are_released_with_the_report():
    """Cached tables hold Tokens, which hold the Doc: kept, they would keep every parsed
    report alive until the garbage collector runs."""
    doc = get_nlp()(TEXT)
    analysis = _read_doc(doc, Report(text=TEXT, published=dt.date(2022, 9, 9), source="test"))
    assert analysis.places  # the extractors ran (and filled their caches)
    assert not [k for k in doc.user_data if isinstance(k, str) and k.startswith(CACHE_PREFIX)]
