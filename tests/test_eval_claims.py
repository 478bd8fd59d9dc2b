"""``frontwatch eval claims``: BRAT reading, scoring and the command on real PolNeAR files."""

import json
from pathlib import Path

from typer.testing import CliRunner

from frontwatch.evaluation.claims import Relation, read_brat, score_document, summarise
from tests.conftest import require_shared

TEXT = 'The mayor said that the bridge fell. "It is gone," he added.'


def _write(tmp: Path, ann: str, name: str = "doc_aa.ann") -> Path:
    (tmp / "text").mkdir(exist_ok=True)
    (tmp / "attributions").mkdir(exist_ok=True)
    (tmp / "text" / "doc.txt").write_text(TEXT, encoding="utf-8")
    path = tmp / "attributions" / name
    path.write_text(ann, encoding="utf-8")
    return path


ANN = ("T1\tSource 0 9\tThe mayor\nT2\tCue 10 14\tsaid\nT3\tContent 15 35\tthat the bridge fell\n"
       "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n"
       "T4\tContent 37 49;50 51\tIt is gone,\" \nT5\tCue 55 60\tadded\n"
       "E2\tAttribution-no-source:T5 Cue:T5 Content:T4\nbroken line\n")


def test_read_brat_relations_and_discontinuous_fragments(tmp_path):
    gold, discard = read_brat(_write(tmp_path, ANN), TEXT)
    assert len(gold) == 2 and discard == []
    assert gold[0].source == ((0, 9),) and gold[0].cue == ((10, 14),)
    assert gold[1].source == () and len(gold[1].content) == 2


def test_scoring_exact_and_overlap():
    gold = [Relation(((0, 9),), ((10, 14),), ((15, 35),))]
    perfect = summarise(score_document(gold, gold, TEXT), 1, 1)
    assert perfect["source_f1_exact"] == perfect["content_f1_overlap"] == 1.0
    partial = [Relation(((4, 9),), ((10, 14),), ((20, 35),))]
    scored = summarise(score_document(partial, gold, TEXT), 1, 1)
    assert scored["cue_f1_exact"] == 1.0 and scored["source_f1_exact"] == 0.0
    assert 0.0 < scored["source_f1_overlap"] < 1.0
    assert summarise(score_document([], gold, TEXT), 1, 1)["cue_r_exact"] == 0.0


def test_command_on_a_tiny_corpus_averages_annotators(tmp_path):
    from frontwatch.cli.app import app
    import frontwatch.cli.eval_claims  # noqa: F401  (registers the command)

    _write(tmp_path, ANN, "doc_aa.ann")
    _write(tmp_path, "T1\tCue 10 14\tsaid\nT2\tContent 15 35\tthat the bridge fell\n"
                     "E1\tAttribution-no-source:T1 Cue:T1 Content:T2\n", "doc_bb.ann")
    result = CliRunner().invoke(app, ["eval", "claims", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["texts"] == 1 and data["annotation_files"] == 2
    assert data["gold_relations"] == 1.5  # 2 and 1 relations, averaged
    for key in ("source_f1_exact", "source_f1_overlap", "cue_f1_overlap", "content_f1_overlap",
                "cue_f1_exact", "content_f1_exact"):
        assert 0.0 <= data[key] <= 1.0
    assert data["cue_f1_exact"] > 0.5


def test_polnear_subset_floor():
    directory = require_shared("eval/claims/polnear-dev")
    from frontwatch.evaluation.claims import evaluate

    result = evaluate(directory, limit=8)
    assert result["cue_p_exact"] > 0.6
    assert result["source_f1_overlap"] > 0.45
    assert result["content_f1_overlap"] > 0.5
