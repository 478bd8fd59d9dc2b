"""Precision, recall and F1 as every evaluation here reports them."""

from __future__ import annotations


def precision_recall_f1(hits_predicted: float, n_predicted: float, hits_gold: float,
                        n_gold: float) -> tuple[float, float, float]:
    """P = hits among predictions / predictions, R = gold items hit / gold items.

    The two hit counts differ where matching is not one-to-one (TempEval's relaxed match,
    overlapping spans); an empty side scores 0 rather than failing.
    """
    precision = hits_predicted / n_predicted if n_predicted else 0.0
    recall = hits_gold / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
