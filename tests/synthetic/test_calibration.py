"""The generated programme cohorts reproduce the seed documents' figures (docs/synthetic-municipality.md).

Tolerances allow for sampling noise at ~150 families / ~210 adults / ~260 children per programme.
"""
import statistics

import pytest

from tests.synthetic.cohort import Extracts, age, annual_cost
from tests.synthetic.conftest import EXTRACT_DATE


@pytest.fixture(scope="module")
def extracts(cohort_landing):
    return Extracts(cohort_landing, "420", EXTRACT_DATE)


@pytest.fixture(scope="module")
def job_og_familie(extracts):
    families = extracts.families("Job og Familie")
    adults = [(a, f) for f in families for a in f["adults"]]
    on_support = [(a, f) for a, f in adults if extracts.on_support(a, f["start"])]
    children = [(c, f) for f in families for c in f["children"]]
    open_cases = [(c, f, extracts.open_case_opened(c, f["start"])) for c, f in children]
    return families, adults, on_support, children, [o for o in open_cases if o[2]]


def pct(hits, total):
    return 100 * sum(hits) / len(total)


def test_cohort_is_big_enough(job_og_familie):
    families, adults, _, children, _ = job_og_familie
    assert len(families) >= 100 and len(adults) >= 140 and len(children) >= 170


def test_three_of_four_adults_on_support_at_start(job_og_familie):
    _, adults, on_support, _, _ = job_og_familie
    assert 75 - 8 <= 100 * len(on_support) / len(adults) <= 75 + 8


def test_attached_to_job_centre_about_4_2_years(extracts, job_og_familie):
    on_support = job_og_familie[2]
    mean = statistics.mean(extracts.attached_years(a, f["start"]) for a, f in on_support)
    assert 4.2 - 0.5 <= mean <= 4.2 + 0.5


def test_sixty_percent_women_aged_30_to_40(extracts, job_og_familie):
    adults = job_og_familie[1]
    women = [extracts.persons.at[a, "koen"] == "K" and 30 <= age(extracts.persons.at[a, "foedselsdato"], f["start"]) <= 40
             for a, f in adults]
    assert 60 - 8 <= pct(women, adults) <= 60 + 8


def test_mostly_single_providers(job_og_familie):
    families = job_og_familie[0]
    assert 50 < pct([len(f["adults"]) == 1 for f in families], families) <= 75


def test_children_open_case_at_start_84_percent_open_1_7_years(job_og_familie):
    _, _, _, children, open_cases = job_og_familie
    assert 84 - 7 <= 100 * len(open_cases) / len(children) <= 84 + 7
    years = statistics.mean((f["start"] - opened).days / 365.25 for _, f, opened in open_cases)
    assert 1.7 - 0.3 <= years <= 1.7 + 0.3


def test_44_percent_self_supporting_run_22_percent_at_end(extracts, job_og_familie):
    on_support = job_og_familie[2]
    runs = [extracts.has_run(a, f["start"], f["end"]) for a, f in on_support]
    at_end = [extracts.self_supporting(a, f["end"]) for a, f in on_support]
    assert 44 - 9 <= pct(runs, on_support) <= 44 + 9
    assert 22 - 8 <= pct(at_end, on_support) <= 22 + 8


def test_45_percent_of_children_cases_closed(extracts, job_og_familie):
    open_cases = job_og_familie[4]
    closed = [extracts.open_case_opened(c, f["end"]) is None for c, f, _ in open_cases]
    assert 45 - 9 <= pct(closed, open_cases) <= 45 + 9


def test_hel_familie_severe_or_moderate_50_to_18_percent(extracts):
    children = [(c, f) for f in extracts.families("Hel Familie") for c in f["children"]]
    first = [extracts.worst_score(c, f["start"], f["end"], first=True) for c, f in children]
    last = [extracts.worst_score(c, f["start"], f["end"], first=False) for c, f in children]
    assert len(children) >= 60 and None not in first
    assert 50 - 12 <= pct([s <= 2 for s in first], first) <= 50 + 12
    assert 18 - 9 <= pct([s <= 2 for s in last], last) <= 18 + 9


def test_cfu_cost_about_262566_per_family_year(extracts):
    families = extracts.families("CFU Casemanager")
    mean = statistics.mean(annual_cost(extracts, f) for f in families)
    assert 262_566 * 0.7 <= mean <= 262_566 * 1.3
