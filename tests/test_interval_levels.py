"""The saving interval's tail levels (pipelines/evaluation/interval_levels.py): the seed is current, and reading the
bootstrap at them gives a 95 % interval where the plain 2.5 %/97.5 % percentiles fall short for few enrolments."""
import numpy as np
import pytest

from pipelines.evaluation.interval_levels import render, tail_level
from pipelines.ingest.rendered import stale_files


def test_the_seed_is_its_rendering():
    assert stale_files(render()) == []


def _coverage(enrolments: int, level: float, samples: int = 2000, replicates: int = 1000) -> float:
    """Share of samples of skewed per-enrolment savings (mean 1) whose bootstrap interval of the sum covers n."""
    rng = np.random.default_rng(enrolments)
    covered = 0
    for _ in range(samples):
        savings = rng.exponential(1.0, enrolments)
        sums = savings[rng.integers(0, enrolments, (replicates, enrolments))].sum(axis=1)
        low, high = np.quantile(sums, [level, 1 - level])
        covered += low <= enrolments <= high
    return covered / samples


@pytest.mark.parametrize("enrolments", [6, 16])
def test_expanded_levels_cover_where_plain_percentiles_fall_short(enrolments):
    plain, expanded = _coverage(enrolments, 0.025), _coverage(enrolments, tail_level(enrolments))
    assert plain < 0.91 and expanded > plain + 0.02 and expanded > 0.85, (plain, expanded)


def test_levels_widen_the_interval_less_as_cells_grow():
    levels = [tail_level(n) for n in (2, 5, 20, 100, 1000)]
    assert levels == sorted(levels) and levels[-1] == pytest.approx(0.025, abs=3e-4)
