"""Attribution patterns beyond "X said C": object and attitude cues, span conventions."""

import datetime as dt

import pytest

from frontwatch.evaluation.claims import half_of
from frontwatch.models import Report
from frontwatch.nlp import analyze
from frontwatch.nlp.attribution import find_attributions
from frontwatch.nlp.pipeline import get_nlp


def _relations(text):
    return [(a.kind, " ".join(t.text for t in a.cue), " ".join(t.text for t in a.source),
             " ".join(t.text for t in a.content), " ".join(t.text for t in a.cue_setting))
            for a in find_attributions(get_nlp()(text))]


@pytest.mark.parametrize(("text", "kind", "cue", "source", "content_start"), [
    ("Moscow accused Kyiv of shelling the power plant.", "verb", "accused Kyiv of", "Moscow",
     "shelling"),
    ("Zelensky has called for more air defence systems.", "attitude", "has called for",
     "Zelensky", "more air defence"),
    ("The Kremlin plans to hold referendums in the occupied regions.", "attitude", "plans",
     "The Kremlin", "to hold"),
    ("The governor called the strike a war crime.", "verb", "called", "The governor",
     "the strike"),
    ("The commander appeared to suggest that the town would fall.", "verb",
     "appeared to suggest", "The commander", "the town"),
])
def test_object_and_attitude_cues(text, kind, cue, source, content_start):
    found = _relations(text)
    assert found, text
    assert found[0][:3] == (kind, cue, source)
    assert found[0][3].startswith(content_start)


def test_span_conventions_source_keeps_relative_clause_cue_keeps_medium():
    text = ("Serhiy Haidai, who heads the regional administration, said in a statement that "
            "the road was cut.")
    kind, cue, source, content, setting = _relations(text)[0]
    assert source == "Serhiy Haidai , who heads the regional administration ,"
    assert (cue, setting) == ("said", "in a statement")
    assert content.startswith("the road was cut")


def test_according_to_opening_the_sentence():
    found = _relations("According to the regional governor, the bridge was destroyed overnight.")
    assert found[0][1:4] == ("According to", "the regional governor",
                             "the bridge was destroyed overnight")


def test_attitudes_and_evidence_stay_in_the_reporters_claim():
    text = ("The Kremlin plans to hold referendums in the occupied regions. Video clips show "
            "tanks abandoned by the road. Russia accused Kyiv of shelling the plant.")
    claims = analyze(Report(text=text, published=dt.date(2022, 9, 20), source="BBC")).claims
    plans = next(c for c in claims if "referendums" in c.text)
    video = next(c for c in claims if "tanks abandoned" in c.text)
    shelling = next(c for c in claims if "shelling the plant" in c.text)
    assert plans.source == "author" and plans.text.startswith("The Kremlin plans")
    assert video.source == "author" and video.text.startswith("Video clips show")
    assert (shelling.source, shelling.cue) == ("ru_government", "accused Kyiv of")


def test_claim_cue_is_the_cue_word():
    text = "The ministry has also said in its daily update that Russian troops withdrew."
    claims = analyze(Report(text=text, published=dt.date(2022, 9, 20))).claims
    assert next(c for c in claims if "troops withdrew" in c.text).cue == "said"


def test_halves_are_fixed_and_both_used():
    names = [f"text-{n}" for n in range(40)]
    halves = [half_of(n) for n in names]
    assert set(halves) == {"a", "b"}
    assert halves == [half_of(n) for n in names]
