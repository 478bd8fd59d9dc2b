"""TempEval-3 scoring: TimeML reading with offsets, the measures, and a run on shared data."""

from __future__ import annotations

import datetime as dt

from conftest import require_shared
from frontwatch.evaluation.quantities import evaluate as evaluate_quantities
from frontwatch.evaluation.time import Timex, evaluate, measures, read_timeml, score_document

TIMEML = """<?xml version="1.0" ?>
<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2022-09-12" functionInDocument="CREATION_TIME">20220912</TIMEX3></DCT>
<TEXT>Troops &amp; tanks <EVENT eid="e1">moved</EVENT> <TIMEX3 tid="t1" type="DATE" value="2022-09-07">last Wednesday</TIMEX3> and stayed <TIMEX3 tid="t2" type="DURATION" value="P5D">five days</TIMEX3>.</TEXT></TimeML>"""


def test_read_timeml_keeps_offsets(tmp_path):
    path = tmp_path / "doc.tml"
    path.write_text(TIMEML, encoding="utf-8")
    document = read_timeml(path)
    assert document.creation == dt.date(2022, 9, 12)
    assert [(t.text, t.type, t.value) for t in document.gold] == [
        ("last Wednesday", "DATE", "2022-09-07"), ("five days", "DURATION", "P5D")]
    assert all(document.text[t.start:t.end] == t.text for t in document.gold)
    assert document.text.startswith("Troops & tanks moved")


def test_tempeval_measures():
    gold = [Timex(0, 10, "", "DATE", "2022-09-07"), Timex(20, 30, "", "DURATION", "P5D")]
    system = [Timex(0, 10, "", "DATE", "2022-09-07"), Timex(22, 30, "", "DATE", "P5D"),
              Timex(40, 45, "", "DATE", "2022")]
    result = measures(score_document(gold, system))
    assert result["strict_f1"] == round(2 * (1 / 3) * (1 / 2) / (1 / 3 + 1 / 2), 4)
    assert result["relaxed_f1"] == 0.8  # P 2/3, R 1
    assert result["type_f1"] == 0.4 and result["value_f1"] == 0.8


def test_eval_time_on_timebank_sample():
    directory = require_shared("eval/time/TimeBank")
    result, _ = evaluate(directory, limit=8)
    assert result["n_gold"] > 20 and result["n_docs"] == 8
    assert result["relaxed_f1"] > 0.8 and result["value_f1"] > 0.6


def test_eval_quantities_recall_on_real_sentences():
    directory = require_shared("eval/text/wikipedia-ukraine-war")
    result = evaluate_quantities(directory, sample=40)
    assert result["probes"] >= 40 and result["recall"] > 0.9
