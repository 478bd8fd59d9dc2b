"""How good are a source's forecasts? Brier score, calibration by band, resolution rates.

A forecast's probability is the midpoint of its stated band (``p_low``..``p_high``); when a
source states a number, its band collapses to that number, so the midpoint is the number.
Only resolved forecasts (outcome true or false) enter the Brier score and the calibration
table; open ones are counted in the resolution rate.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

OVERALL = "all"
Z_95 = 1.959963984540054


@dataclass(frozen=True)
class ScoredForecast:
    """What scoring needs of one forecast: who said it, how sure, and what happened."""

    source: str
    p_low: float
    p_high: float
    outcome: str  # "true", "false" or "open"
    band: str = ""  # the estimative term ("likely"), shown in the calibration table

    @property
    def p(self) -> float:
        return (self.p_low + self.p_high) / 2

    @property
    def resolved(self) -> bool:
        return self.outcome in ("true", "false")


@dataclass
class CalibrationBin:
    """One stated band: how many forecasts, what they claimed, how often they came true."""

    band: str
    p_low: float
    p_high: float
    n: int
    mean_p: float
    observed: float
    ci_low: float
    ci_high: float


@dataclass
class SourceScore:
    source: str
    n: int  # resolved forecasts (those that enter the Brier score)
    brier: float | None
    calibration: list[CalibrationBin] = field(default_factory=list)
    n_total: int = 0
    n_open: int = 0
    n_true: int = 0
    resolution_rate: float | None = None  # resolved / total
    true_rate: float | None = None  # true / resolved


def wilson_interval(successes: int, n: int, z: float = Z_95) -> tuple[float, float]:
    """Wilson score interval for a binomial proportion (sane at n small and p near 0 or 1)."""
    if n == 0:
        return (0.0, 1.0)
    phat = successes / n
    denom = 1 + z * z / n
    centre = (phat + z * z / (2 * n)) / denom
    half = z * math.sqrt(phat * (1 - phat) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


def brier_score(forecasts: Sequence[ScoredForecast]) -> float | None:
    """Mean squared difference between stated probability and outcome (0 best, 1 worst)."""
    resolved = [f for f in forecasts if f.resolved]
    if not resolved:
        return None
    return sum((f.p - (1.0 if f.outcome == "true" else 0.0)) ** 2 for f in resolved) / len(
        resolved
    )


def calibration_table(forecasts: Sequence[ScoredForecast]) -> list[CalibrationBin]:
    """One row per stated band, lowest band first."""
    by_band: dict[tuple[float, float], list[ScoredForecast]] = defaultdict(list)
    for f in forecasts:
        if f.resolved:
            by_band[(round(f.p_low, 4), round(f.p_high, 4))].append(f)
    bins = []
    for (low, high), members in sorted(by_band.items()):
        hits = sum(1 for f in members if f.outcome == "true")
        ci_low, ci_high = wilson_interval(hits, len(members))
        bins.append(
            CalibrationBin(
                band=_band_label(members),
                p_low=low,
                p_high=high,
                n=len(members),
                mean_p=sum(f.p for f in members) / len(members),
                observed=hits / len(members),
                ci_low=ci_low,
                ci_high=ci_high,
            )
        )
    return bins


def _band_label(members: Sequence[ScoredForecast]) -> str:
    """The most frequent term used for the band, else its range in percent."""
    terms = [f.band for f in members if f.band]
    if terms:
        return max(sorted(set(terms)), key=terms.count)
    f = members[0]
    return f"{f.p_low * 100:.0f}–{f.p_high * 100:.0f} %"


def score_group(source: str, forecasts: Sequence[ScoredForecast]) -> SourceScore:
    resolved = [f for f in forecasts if f.resolved]
    n_true = sum(1 for f in resolved if f.outcome == "true")
    return SourceScore(
        source=source,
        n=len(resolved),
        brier=brier_score(forecasts),
        calibration=calibration_table(forecasts),
        n_total=len(forecasts),
        n_open=len(forecasts) - len(resolved),
        n_true=n_true,
        resolution_rate=len(resolved) / len(forecasts) if forecasts else None,
        true_rate=n_true / len(resolved) if resolved else None,
    )


def score_by_source(forecasts: Iterable[ScoredForecast]) -> list[SourceScore]:
    """A score per source (alphabetical), then the overall score under ``OVERALL``."""
    items = list(forecasts)
    groups: dict[str, list[ScoredForecast]] = defaultdict(list)
    for f in items:
        groups[f.source].append(f)
    scores = [score_group(source, groups[source]) for source in sorted(groups)]
    scores.append(score_group(OVERALL, items))
    return scores


def score_dict(score: SourceScore) -> dict:
    """A score in the JSON shape of ``frontwatch forecasts --format json``."""
    return {
        "source": score.source,
        "n": score.n,
        "brier": score.brier,
        "calibration": [vars(b).copy() for b in score.calibration],
        "n_total": score.n_total,
        "n_open": score.n_open,
        "n_true": score.n_true,
        "resolution_rate": score.resolution_rate,
        "true_rate": score.true_rate,
    }
