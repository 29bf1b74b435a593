from datetime import date

import pytest

from pipelines.synthetic import ProgrammeEffect, generate

EXTRACT_DATE = date(2026, 11, 21)


@pytest.fixture(scope="session")
def cohort_landing(tmp_path_factory):
    """A municipality large enough for programme cohorts of 100+ families (generated once)."""
    out = tmp_path_factory.mktemp("cohort") / "landing"
    generate(out, residents=100_000, seed=7, extract_date=EXTRACT_DATE)
    return out


@pytest.fixture(scope="session")
def small_landing(tmp_path_factory):
    out = tmp_path_factory.mktemp("small") / "landing"
    summary = generate(out, residents=5000, seed=3, kommunekoder=("420", "461"), extract_date=EXTRACT_DATE,
                       snapshots=2, effect=ProgrammeEffect(support_exit=0.5, placement=0.8))
    return out, summary
