"""The saving on known truth (docs/evaluation.md): the same municipality generated twice from one seed.

Without a programme effect, enrolled families still cost less during enrolment than the year before (the
crisis that brought them in passes): the naive before/during figure shows a saving, the comparison group
takes it away. With an effect, the interval covers the generator's true saving and excludes zero.
`make bench-evaluation` repeats this over 20 seeds and measures coverage and bias.
"""
from datetime import date

import pytest

from pipelines.evaluation.truth import savings_against_truth
from pipelines.nightly import run_nightly
from pipelines.synthetic.generate import generate
from pipelines.synthetic.model import NO_EFFECT, ProgrammeEffect

RESIDENTS, SEED = 20_000, 3
STRONG_EFFECT = ProgrammeEffect(support_exit=0.8, placement=1.0)
# a cell this small has too wide an interval to exclude zero; the bench measures power over many seeds
POWERED = 15


def _evaluate(root, effect):
    landing, truth = root / "landing", root / "truth.json"
    generate(landing, residents=RESIDENTS, seed=SEED, extract_date=date(2026, 11, 30), effect=effect,
             truth_path=truth)
    warehouse = root / "warehouse" / "helhed.duckdb"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DAGSTER_HOME", str(root / "dagster"))
        assert run_nightly(landing, warehouse).success
    return savings_against_truth(warehouse, truth)


@pytest.fixture(scope="module")
def without_effect(tmp_path_factory):
    return _evaluate(tmp_path_factory.mktemp("zero"), NO_EFFECT)


@pytest.fixture(scope="module")
def with_effect(tmp_path_factory):
    return _evaluate(tmp_path_factory.mktemp("effect"), STRONG_EFFECT)


def test_every_programme_is_evaluated(without_effect, with_effect):
    for rows in (without_effect, with_effect):
        assert {r.program for r in rows} == {"Job og Familie", "Hel Familie", "CFU Casemanager"}
        assert all(r.comparison_families > 0 for r in rows)


def test_without_effect_the_naive_figure_shows_a_saving_the_comparison_removes(without_effect):
    assert all(r.true_dkk == 0 for r in without_effect)
    assert sum(r.naive_dkk for r in without_effect) > 0
    for r in without_effect:
        assert r.ci_low_dkk <= 0 <= r.ci_high_dkk, r


def test_with_effect_the_interval_covers_the_truth(with_effect):
    for r in with_effect:
        assert r.true_dkk > 0
        assert r.covers_truth, r


def test_with_effect_the_saving_is_distinguishable_from_zero(with_effect):
    powered = [r for r in with_effect if r.enrolments >= POWERED]
    assert powered
    for r in powered:
        assert r.excludes_zero, r
