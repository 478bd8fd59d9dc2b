"""Trigger vocabulary that forecasts need (our own sentences): routs, split 'push ... back',
lifting a siege, restoring a line or control, redeployments that are withdrawals, and the
noun 'crossing'."""

from __future__ import annotations

import datetime as dt

import pytest

from frontwatch.models import Report
from frontwatch.nlp import analyze

REPORT_DATE = dt.date(2022, 10, 4)


def events_of(text: str):
    return analyze(Report(text=text, published=REPORT_DATE)).events


def types_of(text: str) -> set[str]:
    return {e.type for e in events_of(text)}


@pytest.mark.parametrize("text, type_", [
    ("Ukrainian units routed a Russian battalion near Pisky.", "advance"),
    ("Marines pushed the occupiers back across the Inhulets on Tuesday.", "advance"),
    ("Relief columns lifted the blockade of Mariupol's steel plant.", "advance"),
    ("The brigade relieved the encirclement around Sloviansk.", "advance"),
    ("Ukrainian forces restored control over Davydiv Brid.", "capture"),
    ("Russian troops restored the front line north of Svatove.", "capture"),
    ("The relocation of Russian units to the left bank of the Dnipro began at dawn.",
     "withdrawal"),
    ("Moscow redeployed its airborne troops from Kherson Oblast to Luhansk Oblast.",
     "withdrawal"),
    ("A Ukrainian crossing of the Siverskyi Donets near Bilohorivka failed.", "advance"),
])
def test_movement_triggers(text, type_):
    assert type_ in types_of(text)


@pytest.mark.parametrize("text, not_type", [
    ("Engineers restored electricity to Kharkiv on Monday.", "capture"),
    ("Russia is transferring fresh troops to the Zaporizhzhia front.", "withdrawal"),
    ("Officials lifted the curfew in Zaporizhzhia.", "advance"),
    ("Russian troops blew up the last crossings over the Inhulets.", "advance"),
])
def test_movement_look_alikes(text, not_type):
    assert not_type not in types_of(text)


def test_pushed_back_assault_stays_a_clash():
    events = events_of("Ukrainian defenders pushed back a Russian assault near Bakhmut.")
    assert [e.type for e in events if e.trigger.startswith("push")] == ["clash"]
