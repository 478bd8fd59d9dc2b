"""Every claim of the seed report: source, cue, quote flag, band and stance."""

import datetime as dt

import pytest

from frontwatch.models import Report
from frontwatch.nlp import analyze
from frontwatch.nlp.attribution import find_attributions, quote_regions
from frontwatch.nlp.pipeline import get_nlp


@pytest.fixture(scope="module")
def claims(seed_analysis):
    assert not [w for w in seed_analysis.warnings if w.startswith("claims")]
    return seed_analysis.claims


def _claim(claims, fragment):
    found = sorted((c for c in claims if fragment in c.text), key=lambda c: len(c.text))
    assert found, f"no claim contains {fragment!r}: {[c.text for c in claims]}"
    return found[0]


# (fragment of the claim, source, cue, is_quote, (p_low, p_high) or None = asserted, stance)
SEED_CLAIMS = [
    ("Russia has likely ordered its troops to withdraw from the Kharkiv region", "uk_mod",
     "according to", False, (0.55, 0.75), "asserted"),
    ("Kyiv had recaptured territory double the size of Greater London", "uk_mod", "said", False,
     None, "asserted"),
    ("significant implications for Russia’s overall operational design", "uk_mod", "wrote",
     True, None, "asserted"),
    ("is highly likely being forced to prioritise emergency defensive actions", "uk_mod",
     "wrote", True, (0.80, 0.90), "asserted"),
    ("Ukrainian forces have penetrated Russian lines", "isw", "said", True, None, "asserted"),
    ("are not conducting a controlled withdrawal", "isw", "said", True, None, "negated"),
    ("are hurriedly fleeing southeastern Kharkiv Oblast", "isw", "said", True, None,
     "asserted"),
    ("will likely capture", "isw", "predicts", True, (0.55, 0.80), "asserted"),
    ("would mark the most significant Ukrainian victory", "isw", "say", False, None,
     "asserted"),
    ('troops "regrouping" as part of a "controlled withdrawal"', "ru_mod", "announcement", True,
     None, "dismissed"),
    ("the situation in Donbas is likely to erode the limited trust", "uk_mod", "says", False,
     (0.55, 0.75), "asserted"),
    ("is effectively paralysing the Russian occupation leadership", "isw", "says", True, None,
     "asserted"),
    ("crossing over the Dnipro River lies abandoned", "uk_mod", "added", False, None,
     "asserted"),
    ("Russia is likely struggling to bring sufficient reserves forward", "uk_mod", "said", True,
     (0.55, 0.75), "asserted"),
    ("The bridge was started two weeks ago but remains incomplete", "author", "", False, None,
     "asserted"),
]


@pytest.mark.parametrize(("fragment", "source", "cue", "is_quote", "band", "stance"),
                         SEED_CLAIMS, ids=[c[0][:30] for c in SEED_CLAIMS])
def test_seed_claim(claims, fragment, source, cue, is_quote, band, stance):
    claim = _claim(claims, fragment)
    assert claim.source == source
    assert claim.cue == cue
    assert claim.is_quote is is_quote
    assert claim.stance == stance
    if band is None:
        assert claim.certainty.basis == "asserted" and claim.certainty.p_low == 1.0
    else:
        assert (claim.certainty.p_low, claim.certainty.p_high) == band
        assert claim.certainty.basis == "term"


def test_seed_scales_follow_the_source(claims):
    assert _claim(claims, "Russia has likely ordered").certainty.scale == "PHIA"
    assert _claim(claims, "will likely capture").certainty.scale == "ICD203"


def test_seed_dismissal_links_the_dismissing_claim(claims):
    dismissed = _claim(claims, "regrouping")
    assert dismissed.source == "ru_mod"
    dismissing = [c for c in claims if c.target_claim == dismissed.id]
    assert len(dismissing) == 1
    assert dismissing[0].source == "author" and "dismissed" in dismissing[0].cue


def test_seed_claim_spans_and_ids(claims, seed_analysis):
    text = seed_analysis.report.text
    rid = seed_analysis.report.id
    assert [c.id for c in claims] == [f"{rid}:claim:{i}" for i in range(len(claims))]
    for claim in claims:
        assert text[claim.start:claim.end] == claim.text
        if claim.cue_span:
            assert text[claim.cue_span[0]:claim.cue_span[1]] == claim.cue
        assert claim.time_value
    assert not any("So what happens next" in c.text for c in claims)  # questions claim nothing


def test_seed_source_spans_and_names(claims, seed_analysis):
    text = seed_analysis.report.text
    first = _claim(claims, "Russia has likely ordered")
    assert text[slice(*first.source_span)] == "the British Ministry of Defence"
    assert first.source_name == "UK Ministry of Defence"
    it_said = _claim(claims, "Kyiv had recaptured")
    assert text[slice(*it_said.source_span)] == "It"


def test_author_claims_name_the_publisher():
    report = Report(text="Ukrainian troops entered Balakliia on Thursday.",
                    published=dt.date(2022, 9, 9), source="BBC")
    claims = analyze(report).claims
    assert [(c.source, c.source_name, c.source_type) for c in claims] == [
        ("author", "BBC", "author")]


def test_curly_quotes_spanning_sentences_and_inverted_cue():
    text = ("“Russian units are withdrawing from Kupiansk. They are leaving equipment behind,” "
            "said Ukraine’s General Staff. Kremlin spokesman Dmitry Peskov denied that troops "
            "were retreating. Russia claims that the town is still under its control.")
    claims = analyze(Report(text=text, published=dt.date(2022, 9, 10))).claims
    withdrawing = _claim(claims, "withdrawing from Kupiansk")
    assert (withdrawing.source, withdrawing.cue, withdrawing.is_quote) == (
        "ua_general_staff", "said", True)
    denied = _claim(claims, "troops were retreating")
    assert (denied.source, denied.stance) == ("ru_official_peskov", "disputed")
    reported = _claim(claims, "still under its control")
    assert (reported.source, reported.stance) == ("ru_government", "reported")


def test_quote_regions_pair_straight_and_curly_marks():
    text = 'He said "one" and “two”.\n\n"Open paragraph\n\n"next'
    regions = [text[s:e] for s, e in quote_regions(text)]
    assert regions[:2] == ['"one"', "“two”"]
    assert regions[2] == '"Open paragraph'


def test_find_attributions_returns_polnear_style_relations():
    doc = get_nlp()("The mayor said that the bridge was destroyed, according to local media.")
    atts = find_attributions(doc)
    cues = sorted(" ".join(t.text for t in a.cue) for a in atts)
    assert cues == ["according to", "said"]
    said = next(a for a in atts if a.cue[0].text == "said")
    assert " ".join(t.text for t in said.source) == "The mayor"
    assert "bridge was destroyed" in " ".join(t.text for t in said.content)


def test_bad_input_does_not_crash():
    for text in ["", "   ", '"""', "said said said", "“unclosed quote said the"]:
        analysis = analyze(Report(text=text, published=dt.date(2022, 9, 12)))
        assert not [w for w in analysis.warnings if w.startswith("claims")]
