"""Trigger words let ``timegrammar.find`` skip rules that cannot match a text; every match a
rule makes must contain one of them, or skipping would lose expressions."""

from __future__ import annotations

from pathlib import Path

from frontwatch.nlp import timegrammar
from frontwatch.nlp.regex_starts import fold_case

SAMPLE_DIR = Path(__file__).resolve().parents[1] / "data" / "sample"
FORMS = (
    "In the 1990s and the late ’80s, in the 1960's; the 21st century; twentieth century. "
    "On Monday, next FRIDAY, the weekend, recent weeks, three days ago, two years earlier, "
    "a week from now, a year hence, the third quarter, the latest period, Q3 2022, the first "
    "half of 2023, last winter, the autumn of 1997, Christmas Eve, New Year’s Day, Victory Day, "
    "Election Day, Thanksgiving, every week, each Tuesday, twice a month, three times a year, "
    "quarterly, annually, 9/12/2022 and 12/5/22."
)


def _texts() -> list[str]:
    texts = [FORMS]
    texts += [p.read_text(errors="replace") for p in sorted(SAMPLE_DIR.rglob("*")) if p.is_file()]
    return texts


def test_every_match_of_a_triggered_rule_contains_a_trigger():
    checked = set()
    for text in _texts():
        for rule in timegrammar.RULES:
            if rule.triggers is None:
                continue
            for match in rule.pattern.finditer(text):
                folded = fold_case(match.group())
                assert any(word in folded for word in rule.triggers), (rule.name, match.group())
                checked.add(rule.name)
    triggered = {r.name for r in timegrammar.RULES if r.triggers is not None}
    assert checked == triggered  # the texts exercise every triggered rule


def test_a_text_without_triggers_still_finds_plain_dates():
    found = timegrammar.find("Russian forces withdrew from Kherson on 11 November 2022.")
    assert [m.rule.name for m in found] == ["day_month"]
