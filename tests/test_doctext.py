"""The joined text of a Doc is read once and may be taken from the report it was made of."""

from frontwatch.nlp.doctext import doc_text, remember_text, span_text
from frontwatch.nlp.pipeline import get_nlp

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
