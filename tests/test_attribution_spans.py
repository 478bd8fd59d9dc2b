"""Claim spans and sources as the brief and dashboard show them: no pronoun-only or one-word
fragments, no whole phrases as sources, no quote span opening or closing on a stray mark.
Sentences written for these tests."""

import datetime as dt

from frontwatch.models import Report
from frontwatch.nlp import analyze


def _claims(text):
    report = Report(text=text, published=dt.date(2022, 10, 3), source="Test Wire", id="t")
    return [(c.source, c.text, c.cue) for c in analyze(report).claims]


def test_quote_running_into_the_next_sentence_belongs_to_the_later_speaker():
    claims = _claims("Moscow said its troops would regroup near Izium. Kyiv dismissed the "
                     "statement. “They call it regrouping. We call it running,” wrote an "
                     "adviser to the president.")
    regrouping = [c for c in claims if c[1].startswith("They call it regrouping")]
    assert regrouping, claims
    assert all(source != "ua_government" for source, _, _ in regrouping), claims


def test_source_mention_stops_where_the_parse_jumps_over_the_content():
    claims = _claims("One war blogger claimed that fresh units “will end the encirclement around "
                     "Bakhmut within days”, a claim ISW described as unsupported by any "
                     "observed movement of reserves.")
    blogger = next(c for c in claims if c[2] == "claimed")
    assert blogger[0] == "war_blogger", claims


def test_according_to_footage_is_the_reporters_claim_with_its_own_span():
    claims = _claims("Ukrainian soldiers raised a flag over the school in Kozacha Lopan, "
                     "according to photographs published by a border guard unit.")
    assert claims[0] == ("author", "Ukrainian soldiers raised a flag over the school in "
                         "Kozacha Lopan", "according to"), claims


def test_according_to_a_plan_is_not_a_source():
    claims = _claims("A Russian commander said the pull-back was going according to the plan.")
    assert [c[0] for c in claims] == ["ru_commander"], claims
    assert claims[0][1] == "the pull-back was going according to the plan"


def test_speaker_after_a_fronted_phrase_without_comma_is_found_and_he_resolves_to_it():
    claims = _claims("The defence ministry in Moscow said its forces held the line. In its "
                     "evening briefing the ministry's spokesman, Major General Ivan Petrov, said "
                     "that “up to 40 drones” had been downed. He said reserves were arriving.")
    sources = {text: source for source, text, _ in claims}
    assert sources["“up to 40 drones” had been downed"] == sources["reserves were arriving"]
    assert sources["reserves were arriving"] not in {"he", "author"}, claims


def test_one_or_two_word_object_is_no_claim_of_its_own():
    claims = _claims("Kyiv did not claim responsibility. The general acknowledged the losses.")
    assert [c[0] for c in claims] == ["author", "author"], claims
    assert claims[1][1] == "The general acknowledged the losses"


def test_first_person_object_of_a_wish_is_no_speaker():
    claims = _claims("“They want us to believe the town is calm,” a police officer said.")
    assert claims == [("police_officer", "They want us to believe the town is calm", "said")]


def test_quote_closed_outside_the_parse_keeps_its_closing_mark():
    claims = _claims("The mayor called it “a day of mourning”. He said repairs “would take "
                     "months”.")
    texts = [c[1] for c in claims]
    assert "it “a day of mourning”" in texts, texts
    assert all(t.count("“") == t.count("”") for t in texts), texts


def test_quote_ending_the_previous_sentence_is_not_the_next_cues_content():
    claims = _claims("The governor said the city “must be rebuilt”. Moscow denied shelling "
                     "homes.")
    moscow = [text for source, text, _ in claims if source == "ru_government"]
    assert moscow and all("rebuilt" not in text for text in moscow), claims


def test_reporters_remainder_keeps_its_subject():
    claims = _claims("Russia said no weapons were left behind. Ukrainian officials disputed "
                     "this, saying Russian units had abandoned vehicles north of the city.")
    assert ("author", "Ukrainian officials disputed this", "") in claims, claims


def test_quote_closing_the_previous_sentence_is_not_the_next_silent_cues():
    claims = _claims("The mayor said the town “needs help now”. The Kremlin did not comment.")
    assert ("author", "The Kremlin did not comment", "") in claims, claims


def test_quote_the_next_cue_takes_is_no_second_claim_of_the_previous_speaker():
    claims = _claims("The governor said the bridge would reopen. “Repairs will take weeks.” "
                     "he told reporters.")
    assert [text for _, text, _ in claims].count("“Repairs will take weeks.”") == 1, claims
