"""The truth sidecar per municipality × programme: what the warehouse's comparison-group estimate is checked against."""
import argparse
import json
from datetime import timedelta

import pytest

from pipelines.synthetic import generate
from pipelines.synthetic.command import add_parser, effect
from pipelines.synthetic.costs import family_cost
from pipelines.synthetic.model import DEMO_EFFECT, NO_EFFECT, ProgrammeEffect
from pipelines.synthetic.target import ENROLLED
from tests.synthetic.cohort import Extracts
from tests.synthetic.conftest import EXTRACT_DATE

SUMMED = ("cost_without_effect_dkk", "cost_with_effect_dkk", "true_saving_dkk")


@pytest.fixture(scope="module")
def zero_effect(tmp_path_factory):
    out = tmp_path_factory.mktemp("zero") / "landing"
    generate(out, residents=5000, seed=4, extract_date=EXTRACT_DATE)
    return out, json.loads((out.parent / "landing.truth.json").read_text())


def test_programmes_sum_to_the_municipality(small_landing):
    landing, summary = small_landing
    truth = json.loads((landing.parent / "landing.truth.json").read_text())
    assert sorted(truth["municipalities"]) == ["420", "461"]
    for municipality in truth["municipalities"].values():
        programmes = municipality["programmes"]
        assert sorted(programmes) == sorted(ENROLLED)
        for key in SUMMED:
            assert municipality[key] == round(sum(p[key] for p in programmes.values()), 2)
        assert municipality["enrolled_families"] == {
            name: p["enrolled_families"] for name, p in programmes.items() if p["enrolled_families"]}
        for programme in programmes.values():
            assert programme["true_saving_dkk"] == pytest.approx(
                programme["cost_without_effect_dkk"] - programme["cost_with_effect_dkk"], abs=0.011)
            assert programme["true_saving_dkk"] >= 0
    assert summary.true_saving_dkk > 0


def test_zero_effect_every_programme_saves_exactly_nothing(zero_effect):
    _, truth = zero_effect
    municipality = truth["municipalities"]["420"]
    assert municipality["true_saving_dkk"] == 0.0
    assert municipality["never_enrolled_target_families"] > 2 * sum(municipality["enrolled_families"].values())
    for programme in municipality["programmes"].values():
        assert programme["true_saving_dkk"] == 0.0
        assert programme["cost_with_effect_dkk"] == programme["cost_without_effect_dkk"] > 0


def test_truth_cost_is_the_landings_cost_of_the_enrolments(zero_effect):
    """The members of each enrolment in program/deltagelse, from start to end (the extract date if open)."""
    landing, truth = zero_effect
    extracts = Extracts(landing, "420", EXTRACT_DATE)
    rows = {"jobcenter/ydelser": list(extracts.support[["cpr", "ydelse", "fra_dato", "til_dato"]].itertuples(
                index=False, name=None)),
            "boern/indsatser": [(None, None, r.cpr_barn, r.kode, None, r.start, r.slut, None, float(r.takst_kr),
                                 r.takst_enhed, float(r.timer_pr_uge) if r.timer_pr_uge else None)
                                for r in extracts.child_measures.itertuples(index=False)],
            "voksen/indsatser": [(None, r.cpr, None, r.start, r.slut, None, float(r.takst_kr), r.takst_enhed)
                                 for r in extracts.adult_measures.itertuples(index=False)]}
    for name, programme in truth["municipalities"]["420"]["programmes"].items():
        families = extracts.families(name)
        assert len(families) == programme["enrolled_families"]
        cost = sum(family_cost(rows, set(f["members"]), f["start"], f["end"], EXTRACT_DATE) for f in families)
        assert cost == pytest.approx(programme["cost_without_effect_dkk"], abs=0.01 * len(families)), name
        assert all(f["end"] - f["start"] >= timedelta(days=0) for f in families)


@pytest.mark.parametrize(("argv", "expected"), [
    ([], NO_EFFECT),
    (["--effect", "demo"], DEMO_EFFECT),
    (["--effect", "demo", "--effect-placement", "0"], ProgrammeEffect(DEMO_EFFECT.support_exit, 0.0)),
    (["--effect-support-exit", "0.5", "--effect-placement", "0.8"], ProgrammeEffect(0.5, 0.8)),
])
def test_effect_option(argv, expected):
    parser = argparse.ArgumentParser()
    add_parser(parser.add_subparsers())
    assert effect(parser.parse_args(["generate", "--out", "landing", *argv])) == expected
    assert not DEMO_EFFECT.is_zero
