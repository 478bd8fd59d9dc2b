"""Source resolution and stance rules of the third round, on short invented reports run
through the real pipeline: spokespeople, unknown officials, surnames and pronouns, coordinated
cues, a speaker the parse took into the content, silence and later contradiction."""

import datetime as dt

import pytest

from frontwatch.models import Report
from frontwatch.nlp import analyze
from frontwatch.nlp.attribution import find_attributions
from frontwatch.nlp.pipeline import get_nlp


def _claims(text, source="Test Wire"):
    report = Report(id="t", source=source, published=dt.date(2022, 10, 1), text=text)
    return analyze(report).claims


def _by_text(claims, fragment):
    found = [c for c in claims if fragment in c.text]
    assert found, (fragment, [c.text for c in claims])
    return found[0]


def test_spokesman_of_an_organisation_speaks_for_it_and_he_refers_back():
    claims = _claims(
        "The Russian Defence Ministry said its forces had repelled attacks near the town. "
        "Ukrainian officials were silent. "
        "“The situation is under control,” the ministry's spokesman said. "
        "He said more than 200 soldiers had been killed.")
    assert _by_text(claims, "situation is under control").source == "ru_mod"
    assert _by_text(claims, "200 soldiers").source == "ru_mod"


def test_unknown_named_official_gets_the_side_of_the_latest_speaker_and_surname_sticks():
    claims = _claims(
        "Ukraine expects to retake the city, a spokesman for Ukraine's southern command said. "
        "“We see signs of a withdrawal,” Colonel Petro Marchenko told a briefing. "
        "Marchenko said the bridges were under fire.")
    assert _by_text(claims, "signs of a withdrawal").source == "ua_official_marchenko"
    assert _by_text(claims, "bridges were under fire").source == "ua_official_marchenko"


def test_expert_at_a_think_tank_speaks_for_it_and_she_refers_back():
    claims = _claims(
        "“Ukraine will probably push towards Svatove,” said Anna Reeve, an analyst at the "
        "Northgate Defence Institute in London. She said a crossing of the river was unlikely.")
    assert _by_text(claims, "push towards Svatove").source == "northgate_defence_institute"
    assert _by_text(claims, "crossing of the river").source == "northgate_defence_institute"


@pytest.mark.parametrize(("mention", "expected"), [
    ("Ukraine's military intelligence agency", "ua_military_intelligence"),
    ("Russian state television", "ru_state_media"),
    ("Ukraine's air force", "ua_air_force"),
])
def test_registry_institutions_beat_country_plus_noun(mention, expected):
    from frontwatch.nlp import sources

    assert sources.resolve(mention, sources.SourceTracker()).id == expected


def test_unknown_sources_get_country_prefixed_slugs():
    from frontwatch.nlp import sources

    assert sources.new_source("one Western analyst").id == "western_analyst"
    assert sources.new_source("Ukrainian deminers").id == "ua_deminers"


def test_second_coordinated_cue_keeps_the_first_speaker():
    doc = get_nlp()("Russia's Ministry of Defence said on Friday that Ukrainian attacks had "
                    "failed and claimed that Ukraine had lost more than 1,200 soldiers.")
    found = {" ".join(t.text for t in a.cue): " ".join(t.text for t in a.source)
             for a in find_attributions(doc)}
    assert found.get("claimed") == "Russia 's Ministry of Defence"


def test_speaker_parsed_into_the_content_is_recovered():
    claims = _claims("Ukrainian forces have regained control of the west bank, including "
                     "Kherson city and Beryslav, the Institute for the Study of War said on "
                     "November 12.")
    claim = _by_text(claims, "regained control")
    assert claim.source == "isw" and claim.cue == "said"
    assert "Institute" not in claim.text


def test_silence_is_not_a_negated_fact_and_contradiction_disputes_the_other_side():
    claims = _claims(
        "Russia's defence ministry said its forces had destroyed 14 Ukrainian tanks. "
        "The ministry did not mention Kupiansk. "
        "Ukraine's General Staff gave a different picture. "
        "It said Ukrainian troops had advanced ten kilometres.")
    assert _by_text(claims, "did not mention").stance == "asserted"
    assert _by_text(claims, "14 Ukrainian tanks").stance == "disputed"
    assert _by_text(claims, "advanced ten kilometres").stance == "asserted"


def test_evaluative_verbs_need_a_speaker_subject():
    kinds = [(a.kind, a.cue[0].text) for a in find_attributions(
        get_nlp()("Senator Smith blasted the plan. Russian forces attacked Kharkiv overnight."))]
    assert ("attitude", "blasted") in kinds
    assert not any(cue == "attacked" for _, cue in kinds)


def test_a_denied_act_is_the_content_the_denial_disputes():
    (claim,) = _claims("Moscow has denied shelling the Zaporizhzhia nuclear plant.")
    assert (claim.source, claim.stance, claim.cue) == ("ru_government", "disputed", "denied")
    assert claim.text == "shelling the Zaporizhzhia nuclear plant"
