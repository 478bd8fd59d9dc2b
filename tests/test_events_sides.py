"""Who did it: losses, repelled attacks, restorative captures and pronouns (our own sentences)."""

from __future__ import annotations

import datetime as dt

import pytest

from frontwatch.models import Report
from frontwatch.nlp import analyze

REPORT_DATE = dt.date(2022, 9, 20)


def event_of(text: str, type_: str, source: str = ""):
    report = Report(text=text, published=REPORT_DATE, source=source)
    events = [e for e in analyze(report).events if e.type == type_]
    assert events, f"no {type_} in {text!r}"
    return events[0]


@pytest.mark.parametrize("text, type_, initiator, target", [
    ("Kyiv has lost about 900 soldiers in the south, Moscow claimed.", "military_casualties",
     "RU", "UA"),
    ("Forty Russian paratroopers were killed near Kreminna.", "military_casualties", "UA", "RU"),
    ("Ukrainian gunners destroyed five tanks near Svatove.", "equipment_loss", "UA", "RU"),
    ("The occupiers abandoned three howitzers near Oleshky.", "equipment_loss", "RU", "RU"),
    ("Russian paratroopers repelled Ukrainian attacks near Kreminna.", "clash", "UA", "RU"),
    ("Ukrainian defenders repulsed an assault on Bakhmut.", "clash", "RU", "UA"),
    ("Russian troops were withdrawn from Snihurivka.", "withdrawal", "RU", "unknown"),
    ("Russian equipment losses near Lyman were heavy.", "equipment_loss", "UA", "RU"),
    ("The Ukrainian side suffered heavy losses near Pisky.", "military_casualties", "RU", "UA"),
    ("Ukrainian gunners inflicted heavy losses on Russian units near Svatove.",
     "military_casualties", "UA", "RU"),
])
def test_losses_and_repelled_attacks_name_the_other_side(text, type_, initiator, target):
    event = event_of(text, type_)
    assert (event.initiator_side, event.target_side) == (initiator, target)


def test_recaptured_place_in_ukraine_without_an_agent_is_ukrainian():
    assert event_of("Flag raised over recaptured Vovchansk", "capture").initiator_side == "UA"


def test_liberated_in_a_russian_source_is_russian():
    event = event_of("The settlement of Pisky has been liberated.", "capture",
                     source="Russian Ministry of Defence")
    assert event.initiator_side == "RU"


def test_restorative_capture_outside_ukraine_from_a_neutral_source_stays_unknown():
    event = event_of("The town of Sisak was liberated in August.", "capture")
    assert event.initiator_side == "unknown"


def test_singular_pronoun_does_not_point_at_a_plural_or_at_its_own_subject():
    text = ("Russia's defence ministry said its units were regrouping near Lyman. "
            "Ukrainian commanders mocked it regrouping.")
    sides = {e.initiator_side for e in analyze(Report(text=text, published=REPORT_DATE)).events
             if e.type == "withdrawal"}
    assert "UA" not in sides


def test_possessive_pronoun_still_points_at_the_subject():
    event = event_of("Moscow ordered its troops to withdraw from Kherson.", "withdrawal")
    assert event.initiator_side == "RU"


def test_losing_an_ability_is_no_loss_of_the_equipment_it_would_move():
    report = Report(text="Moscow has probably lost the capacity to ferry heavy equipment over "
                         "the Inhulets.", published=REPORT_DATE, source="")
    assert [e.type for e in analyze(report).events] == []
