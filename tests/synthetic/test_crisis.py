"""The crisis before the reference date (docs/synthetic-municipality.md): enrolled and never-enrolled target
families alike have a rise in cost in the months before it that largely passes afterwards, with no effect at all."""
import statistics
from datetime import timedelta

import pytest

from pipelines.synthetic import simulate
from pipelines.synthetic.costs import family_cost
from tests.synthetic.conftest import EXTRACT_DATE
from tests.synthetic.families import simulate_families

DAY = timedelta(days=1)


def _cost(family, rows, first_day, days):
    """Annualised cost of the family's members in `days` days from `first_day` after the reference date."""
    lo = family.start + timedelta(days=first_day)
    return family_cost(rows, family.cprs, lo, lo + timedelta(days=days - 1), EXTRACT_DATE) * 365.25 / days


@pytest.fixture(scope="module", params=["Job og Familie", "CFU Casemanager", None])
def families(request):
    return request.param, simulate_families(request.param, 400, EXTRACT_DATE)[1]


def test_cost_rises_in_the_three_months_before_the_reference_date(families):
    kind, simulated = families
    last_3_months = statistics.mean(_cost(f, rows, -91, 91) for f, rows in simulated)
    months_12_to_24 = statistics.mean(_cost(f, rows, -730, 365) for f, rows in simulated)
    assert last_3_months > 1.5 * months_12_to_24, kind


def test_without_an_effect_cost_during_enrolment_is_below_the_year_before(families):
    kind, simulated = families
    year_before = statistics.mean(_cost(f, rows, -365, 365) for f, rows in simulated)
    during = statistics.mean(_cost(f, rows, 0, (f.end - f.start).days + 1) for f, rows in simulated)
    assert during < 0.9 * year_before, kind


def test_never_enrolled_families_have_the_enrolled_families_crisis():
    """The comparison pool's crisis is the same as the enrolled families': rise and fall within 20 % of each other."""
    def profile(kind):
        simulated = simulate_families(kind, 600, EXTRACT_DATE, seed=2)[1]
        return [statistics.mean(_cost(f, rows, lo, days) for f, rows in simulated)
                for lo, days in ((-730, 365), (-91, 91), (0, 182), (182, 182))]

    enrolled, never = profile("Job og Familie"), profile(None)
    rise = [(e[1] / e[0]) for e in (enrolled, never)]
    fall = [(e[3] / e[1]) for e in (enrolled, never)]
    assert rise[1] == pytest.approx(rise[0], rel=0.2) and fall[1] == pytest.approx(fall[0], rel=0.2)


def test_never_enrolled_reference_dates_span_the_enrolments_years():
    never = [f.start for f, _ in simulate_families(None, 600, EXTRACT_DATE)[1]]
    enrolled = [f.start for kind in ("Job og Familie", "Hel Familie", "CFU Casemanager")
                for f, _ in simulate_families(kind, 200, EXTRACT_DATE)[1]]
    assert min(never) <= min(enrolled) + 120 * DAY and max(never) >= max(enrolled) - 120 * DAY
    for year in range(min(enrolled).year + 1, max(enrolled).year):
        assert sum(d.year == year for d in never) >= 20, year


def _renewed_investigations(rows):
    """(child cpr, start) of every investigation begun in a case open for 6 months or more."""
    opened = {case_id: (cpr, day) for case_id, cpr, day, *_ in rows.get("boern/sager", [])}
    return [(opened[case_id][0], start) for case_id, start, _ in rows.get("boern/undersoegelser", [])
            if start >= opened[case_id][1] + timedelta(days=182)]


@pytest.mark.parametrize("kind", ["Job og Familie", None])
def test_target_families_are_referred_after_a_renewed_investigation(kind):
    """The referral the registers show: most target families, enrolled or not, have a renewed investigation of a
    child 1-3 months before the reference date, and none at any other time."""
    referred = 0
    simulated = simulate_families(kind, 300, EXTRACT_DATE, seed=3)[1]
    for family, rows in simulated:
        starts = {start for _, start in _renewed_investigations(rows)}
        assert all(28 * DAY <= family.start - start <= 92 * DAY for start in starts), family.seed
        referred += len(starts) == 1
    assert referred >= 0.7 * len(simulated), referred


def test_other_families_have_no_renewed_investigation(monkeypatch):
    monkeypatch.setattr(simulate, "TARGET_PER_1000", 0)
    chunk = simulate_families(None, 0, EXTRACT_DATE)[0]
    simulate.simulate_chunk(chunk, 5000)
    cases = len(chunk.rows["boern/sager"])
    assert cases > 100 and _renewed_investigations(chunk.rows) == []
