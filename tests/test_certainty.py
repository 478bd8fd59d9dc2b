"""Estimative terms → PHIA / ICD 203 bands, chosen by the term that governs the clause."""

import pytest

from frontwatch.nlp import certainty
from frontwatch.nlp.pipeline import get_nlp


@pytest.mark.parametrize(
    ("text", "scale", "term", "low", "high"),
    [
        ("Russia has likely ordered a withdrawal", "PHIA", "likely", 0.55, 0.75),
        ("Russia has likely ordered a withdrawal", "ICD203", "likely", 0.55, 0.80),
        ("the force is highly likely being forced back", "PHIA", "highly likely", 0.80, 0.90),
        ("it is almost certainly a feint", "PHIA", "almost certainly", 0.95, 1.0),
        ("a remote chance of a breakthrough", "PHIA", "remote chance", 0.0, 0.05),
        ("it is highly unlikely to hold", "PHIA", "highly unlikely", 0.10, 0.20),
        ("there is a realistic possibility of a strike", "PHIA", "realistic possibility",
         0.40, 0.50),
        ("a roughly even chance of success", "ICD203", "roughly even chance", 0.45, 0.55),
        ("it is very unlikely to hold", "ICD203", "very unlikely", 0.05, 0.20),
    ],
)
def test_terms_map_to_their_band(text, scale, term, low, high):
    c = certainty.certainty_of(text, scale)
    assert (c.term, c.scale, c.p_low, c.p_high, c.basis) == (term, scale, low, high, "term")
    assert text[c.start:c.end] == term


def test_negation_hedges_and_assertions():
    not_likely = certainty.certainty_of("the town is not likely to fall", "PHIA")
    assert not_likely.negated and (not_likely.p_low, not_likely.p_high) == (0.25, 0.35)
    unlikely = certainty.certainty_of("the town is unlikely to fall", "PHIA")
    assert not unlikely.negated and unlikely.term == "unlikely"
    hedge = certainty.certainty_of("Russian forces may withdraw", "PHIA")
    assert (hedge.basis, hedge.p_low, hedge.p_high) == ("hedge", 0.40, 0.50)
    icd_hedge = certainty.certainty_of("Russian forces could withdraw", "ICD203")
    assert (icd_hedge.p_low, icd_hedge.p_high) == (0.45, 0.55)
    fact = certainty.certainty_of("Ukrainian forces captured Balakliia", "PHIA")
    assert (fact.basis, fact.p_low, fact.p_high) == ("asserted", 1.0, 1.0)
    number = certainty.certainty_of("a 70% chance of a renewed offensive", "PHIA")
    assert (number.basis, number.p_low) == ("number", 0.7)


def test_scale_by_country():
    assert certainty.scale_for("GB") == "PHIA"
    assert certainty.scale_for("US") == "ICD203"
    assert certainty.scale_for("UA") == "PHIA"
    assert certainty.certainty_of("it will likely fall", "US").scale == "ICD203"


def test_term_in_a_relative_clause_does_not_govern():
    doc = get_nlp()("The offensive is paralysing a leadership that is likely afraid for its fate.")
    c = certainty.certainty_of(doc[:-1])
    assert c.basis == "asserted"
    doc = get_nlp()("Russia is likely struggling to bring reserves forward.")
    c = certainty.certainty_of(doc[:-1])
    assert c.term == "likely" and c.basis == "term"
    assert doc.text[c.start:c.end] == "likely"
