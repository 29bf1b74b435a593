"""costs.py prices like the warehouse (docs/indicators.md, int_support_weeks + int_spell_costs): each ISO week on
income support at the rate of the week's ISO year, the higher rate when two benefits overlap, a week cut by the
period's edge by its days inside the period. Expected values are worked out by hand from the seed's rates."""
from datetime import date

import pytest

from pipelines.synthetic.costs import family_cost, support_cost

KH_2024, KH_2025, SDP_2024, KH_2010, KH_2026 = 3300, 3366, 4550, 2501, 3433  # dbt/seeds/income_support_rates.csv
YEAR_2024 = (date(2024, 1, 1), date(2024, 12, 31))


def test_every_week_touched_by_a_spell_is_a_whole_week_on_support():
    # Wed 3 Jan - Fri 12 Jan 2024: the ISO weeks of Mon 1 Jan and Mon 8 Jan, two whole weeks (not 10 days).
    spells = [("KONTANTHJAELP", date(2024, 1, 3), date(2024, 1, 12))]
    assert support_cost(spells, *YEAR_2024) == pytest.approx(2 * KH_2024)


def test_a_week_cut_by_the_period_edge_counts_its_days_inside_the_period():
    # Spell 20 Dec 2023 - Sat 20 Jan 2024; period Wed 3 Jan - Wed 31 Jan 2024. Week of Mon 1 Jan: Wed-Sun inside,
    # 5/7; weeks of 8 and 15 Jan whole; the week of 22 Jan is not on support.
    spells = [("KONTANTHJAELP", date(2023, 12, 20), date(2024, 1, 20))]
    assert support_cost(spells, date(2024, 1, 3), date(2024, 1, 31)) == pytest.approx(KH_2024 * (5 / 7 + 2))
    # A spell that ends on Monday 1 Jan still puts the week on support: its 5 days inside the period are priced.
    spells = [("KONTANTHJAELP", date(2023, 12, 1), date(2024, 1, 1))]
    assert support_cost(spells, date(2024, 1, 3), date(2024, 1, 31)) == pytest.approx(KH_2024 * 5 / 7)


def test_two_overlapping_benefits_are_priced_once_at_the_higher_rate():
    # Kontanthjælp Mon 4 - Wed 13 Mar 2024, sygedagpenge Wed 13 - Sun 24 Mar: week of 4 Mar kontanthjælp only,
    # week of 11 Mar both (sygedagpenge, the higher rate), week of 18 Mar sygedagpenge.
    spells = [("KONTANTHJAELP", date(2024, 3, 4), date(2024, 3, 13)),
              ("SYGEDAGPENGE", date(2024, 3, 13), date(2024, 3, 24))]
    assert support_cost(spells, *YEAR_2024) == pytest.approx(KH_2024 + 2 * SDP_2024)


def test_the_rate_is_the_iso_year_of_the_week_and_years_outside_the_table_take_the_nearest():
    # Mon 30 Dec 2024 - Sun 5 Jan 2025 is ISO week 2025-W01: the 2025 rate, also for its two days in 2024.
    spells = [("KONTANTHJAELP", date(2024, 12, 30), date(2024, 12, 31))]
    assert support_cost(spells, date(2024, 12, 30), date(2025, 1, 5)) == pytest.approx(KH_2025)
    assert support_cost(spells, date(2024, 12, 1), date(2024, 12, 31)) == pytest.approx(KH_2025 * 2 / 7)
    assert support_cost([("KONTANTHJAELP", date(2009, 6, 1), date(2009, 6, 7))],
                        date(2009, 1, 1), date(2009, 12, 31)) == pytest.approx(KH_2010)
    assert support_cost([("KONTANTHJAELP", date(2031, 6, 2), date(2031, 6, 8))],
                        date(2031, 1, 1), date(2031, 12, 31)) == pytest.approx(KH_2026)


def test_su_is_not_support_and_an_open_spell_runs_to_the_period_end():
    spells = [("SU", date(2024, 1, 1), None), ("KONTANTHJAELP", date(2024, 6, 3), None)]
    assert support_cost(spells, date(2024, 6, 1), date(2024, 6, 16)) == pytest.approx(2 * KH_2024)


def test_family_cost_adds_members_support_and_measures():
    lo, hi = date(2024, 3, 1), date(2024, 3, 31)
    rows = {
        "jobcenter/ydelser": [("A", "KONTANTHJAELP", date(2024, 3, 4), date(2024, 3, 10)),
                              ("B", "KONTANTHJAELP", date(2024, 3, 4), date(2024, 3, 10)),   # B: not a member
                              ("C", "KONTANTHJAELP", date(2024, 3, 6), date(2024, 3, 8))],  # own week for C
        "boern/indsatser": [
            ("BI1", "BS1", "C", "ANBRINGELSE_FAMILIEPLEJE", "", date(2024, 3, 22), None, "", 1500.0, "DAG", None),
            ("BI2", "BS1", "C", "FAMILIEBEHANDLING", "", date(2024, 2, 1), date(2024, 3, 14), "", 600.0, "TIME", 2.0),
            ("BI3", "BS1", "C", "FOREBYGGENDE", "", date(2024, 2, 20), date(2024, 3, 5), "", 5000.0, "ENGANG", None),
            ("BI4", "BS1", "C", "AFLASTNING", "", date(2023, 1, 1), None, "", 6087.5, "MAANED", None)],
        "voksen/indsatser": [("VI1", "A", "SEL85", date(2024, 3, 25), date(2024, 4, 30), None, 2100.0, "UGE")],
    }
    expected = (2 * KH_2024             # A and C: one week each
                + 1500 * 10            # placement 22-31 Mar
                + 600 * 2 * 14 / 7     # 14 days of two hours a week
                + 0                    # ENGANG started before the period
                + 6087.5 * 31 / 30.4375  # a month's rate for 31 days
                + 2100 * 7 / 7)        # 25-31 Mar
    assert family_cost(rows, {"A", "C"}, lo, hi) == pytest.approx(expected)
