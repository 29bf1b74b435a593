"""Edge cases of costs and spells on hand-written extracts; the right answers are worked out by hand below.

Already covered by fixtures.py / test_marts.py: a support gap of exactly 4 weeks and of 5 weeks, SU-only weeks,
two benefits overlapping (priced once at the higher rate), an open enrolment ending at the extract date.
Added here, in municipality 461 (extract date 2024-06-20, a Thursday), so the fixture families are untouched:

G1 enrolment 2024-01-01 .. 2024-06-20 = the extract date, closed on it (`slut` 2024-06-20): an open support
   spell (pg1 kontanthjælp since 2023-10-02, no end) cut at the extract date, and a measure priced per hour
   (pk1 FAMILIEBEHANDLING 400 kr. × 3 h/week, 2024-02-05 .. 04-28).
G2 enrolment 2023-09-04 .. 2024-03-31: the child pk2 turns 18 on 2024-01-15 during the enrolment (placement
   ANBRINGELSE_FAMILIEPLEJE 1,500 kr./day until 01-14, then an adult measure SEL85 30,437.5 kr./month, open);
   the parent pg2 moves out of the municipality on 2024-01-31 (membership, dagpenge and residence end).
G3 enrolled twice: 2023-02-01 .. 05-31 and 2023-10-02 .. 2024-02-29 (ENGANG 6,000 on 2023-03-15; 700 kr./week
   2023-10-02 .. 10-15).

Each row's cost is rounded to DECIMAL(18,4) (q4), sums are exact, published columns are rounded to øre (q2).
"""
from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest

from .conftest import built_warehouse
from .raw_tables import insert_rows

KOMMUNE = "461"
EXTRACT = "2024-06-20"
PROGRAM = "Job og Familie"
# income_support_rates.csv, DKK per week
KH23, KH24, DP23, DP24 = 3235, 3300, 4461, 4550


def q(value, places: str) -> Decimal:
    value = Fraction(value)
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal(places), ROUND_HALF_UP)


def q4(value) -> Decimal:
    return q(value, "0.0001")


def q2(value) -> Decimal:
    return q(value, "0.01")


def member(family, pid, role, start, end):
    return {"familie_ref": family, "cpr": pid, "rolle": role, "program": PROGRAM,
            "start": start, "slut": end, "casemanager_id": "CM9"}


EDGE_TABLES = {
    "cpr__personer": [
        {"cpr": "pg1", "koen": "K", "foedselsdato": "1980-01-01"},
        {"cpr": "pk1", "koen": "M", "foedselsdato": "2014-03-03"},
        {"cpr": "pg2", "koen": "M", "foedselsdato": "1985-05-05", "fraflytning": "2024-01-31"},
        {"cpr": "pk2", "koen": "K", "foedselsdato": "2006-01-15"},
        {"cpr": "pg3", "koen": "K", "foedselsdato": "1975-02-02"},
    ],
    "program__deltagelse": [
        member("G1", "pg1", "VOKSEN", "2024-01-01", "2024-06-20"),
        member("G1", "pk1", "BARN", "2024-01-01", "2024-06-20"),
        member("G2", "pg2", "VOKSEN", "2023-09-04", "2024-01-31"),
        member("G2", "pk2", "BARN", "2023-09-04", "2024-03-31"),
        member("G3", "pg3", "VOKSEN", "2023-02-01", "2023-05-31"),
        member("G3", "pg3", "VOKSEN", "2023-10-02", "2024-02-29"),
    ],
    "jobcenter__ydelser": [
        {"cpr": "pg1", "ydelse": "KONTANTHJAELP", "fra_dato": "2023-10-02", "til_dato": None},
        {"cpr": "pg2", "ydelse": "DAGPENGE", "fra_dato": "2023-06-05", "til_dato": "2024-01-31"},
    ],
    "boern__sager": [
        {"sag_id": "S91", "cpr_barn": "pk1", "aabnet": "2024-01-10", "lukket": None},
        {"sag_id": "S92", "cpr_barn": "pk2", "aabnet": "2023-05-01", "lukket": "2024-01-14"},
    ],
    "boern__indsatser": [
        {"indsats_id": "B91", "sag_id": "S91", "cpr_barn": "pk1", "kode": "FAMILIEBEHANDLING",
         "start": "2024-02-05", "slut": "2024-04-28", "takst_kr": 400.0, "takst_enhed": "TIME", "timer_pr_uge": 3.0},
        {"indsats_id": "B92", "sag_id": "S92", "cpr_barn": "pk2", "kode": "ANBRINGELSE_FAMILIEPLEJE",
         "start": "2023-06-01", "slut": "2024-01-14", "takst_kr": 1500.0, "takst_enhed": "DAG"},
    ],
    "voksen__indsatser": [
        {"indsats_id": "V91", "cpr": "pk2", "paragraf": "SEL85", "start": "2024-01-15", "slut": None,
         "takst_kr": 30437.5, "takst_enhed": "MAANED"},
        {"indsats_id": "V92", "cpr": "pg3", "paragraf": "SEL97", "start": "2023-03-15", "slut": "2023-03-15",
         "takst_kr": 6000.0, "takst_enhed": "ENGANG"},
        {"indsats_id": "V93", "cpr": "pg3", "paragraf": "SEL85", "start": "2023-10-02", "slut": "2023-10-15",
         "takst_kr": 700.0, "takst_enhed": "UGE"},
    ],
}


def load_edge_cases(con) -> None:
    for table, rows in EDGE_TABLES.items():
        insert_rows(con, table, KOMMUNE, EXTRACT, rows)


# --- worked out by hand -------------------------------------------------------------------------------------
# G1, during 2024-01-01 .. 06-20 (172 days): pg1's 2024 segment (from Monday 2024-01-01, ISO year 2024) has
# 172 days inside; the hourly measure 02-05 .. 04-28 = 84 days: 400 × 3 × 84 / 7 = 14,400.
G1_DURING = q4(Fraction(KH24 * 172, 7)) + q4(14400)
# G1, year before (2023-01-01 .. 12-31): kontanthjælp weeks 2023-10-02 .. 12-25 = 13 weeks (91 days).
G1_BEFORE = q4(Fraction(KH23 * 91, 7))
# G2, during 2023-09-04 .. 2024-03-31 (210 days): dagpenge 2023 weeks 09-04 .. 12-25 (119 days) and 2024 weeks
# 01-01 .. 01-29 (35 days: the week holding the move, 01-29 .. 02-04, is inside the enrolment and priced whole);
# placement 09-04 .. 01-14 = 133 days × 1,500; adult measure 01-15 .. 03-31 = 77 days × 30,437.5 / 30.4375.
G2_DURING = q4(Fraction(DP23 * 119, 7)) + q4(Fraction(DP24 * 35, 7)) + q4(133 * 1500) + q4(77 * 1000)
# G2, year before (2022-09-04 .. 2023-09-03): dagpenge weeks 06-05 .. 08-28 (13 weeks), placement 06-01 .. 09-03
# (95 days).
G2_BEFORE = q4(Fraction(DP23 * 91, 7)) + q4(95 * 1500)
# G3: enrolment 1 (2023-02-01 .. 05-31, 120 days) holds the ENGANG 6,000; enrolment 2 (2023-10-02 .. 2024-02-29,
# 151 days) the 2 weeks at 700; the year before enrolment 2 (2022-10-02 .. 2023-10-01) holds the ENGANG.
G3A_DURING, G3B_DURING, G3B_BEFORE = q4(6000), q4(1400), q4(6000)


def per_year(cost: Decimal, days: int) -> Decimal:
    return q4(Fraction(cost) * 365 / days)


PER_YEAR = {
    "G1": per_year(G1_DURING, 172), "G2": per_year(G2_DURING, 210),
    "G3a": per_year(G3A_DURING, 120), "G3b": per_year(G3B_DURING, 151),
}


@pytest.fixture(scope="module")
def wh(tmp_path_factory):
    con = built_warehouse(tmp_path_factory.mktemp("edge") / "helhed.duckdb", load_edge_cases)
    yield con
    con.close()


def rows(con, sql, params=()):
    result = con.execute(sql, params)
    names = [d[0] for d in result.description]
    return [dict(zip(names, row)) for row in result.fetchall()]


def family_month(con, familie_ref, month):
    found = rows(con, "select * from analytics.family_month where family_id = ? and month = ?",
                 (f"{KOMMUNE}-{familie_ref}", month))
    assert len(found) == 1
    return found[0]


def test_costs_are_decimal_in_every_published_money_column(wh):
    money = wh.execute(
        "select table_name, column_name, data_type from information_schema.columns "
        "where table_schema = 'analytics' and (column_name like 'cost%' or column_name like '%_dkk') "
        "and column_name not like '%_denominator'"
    ).fetchall()
    assert money and all(data_type == "DECIMAL(18,2)" for _, _, data_type in money), money


def test_enrolment_ending_on_the_extract_date_and_open_support_spell(wh):
    (g1,) = rows(wh, "select * from analytics.program_families where kommunekode = ? and familie_ref = 'G1'",
                 (KOMMUNE,))
    assert (g1["enrolment_end"], g1["is_open"]) == (dt.date(2024, 6, 20), False)
    assert g1["cost_year_before_dkk"] == q2(G1_BEFORE) == Decimal("42055.00")
    assert g1["cost_per_year_during_dkk"] == q2(PER_YEAR["G1"])


def test_open_support_spell_is_cut_at_the_extract_date(wh):
    (spell,) = rows(wh, "select * from analytics.support_spells where person_id = 'pg1'")
    assert (spell["spell_start"], spell["spell_end"]) == (dt.date(2023, 10, 2), dt.date(2024, 6, 20))
    assert (spell["first_benefit_date"], spell["last_benefit_date"]) == (dt.date(2023, 10, 2), dt.date(2024, 6, 20))
    assert (spell["benefits"], spell["weeks"], spell["is_open"]) == ("KONTANTHJAELP", 13 + 25, True)
    assert spell["cost_dkk"] == q2(q4(Fraction(KH23 * 91, 7)) + q4(Fraction(KH24 * 172, 7)))
    # the month running on the extract date counts up to it: 2024-06-01 .. 06-20
    (june,) = rows(wh, "select * from intermediate.int_person_month_costs where person_id = 'pg1' "
                       "and month = '2024-06-01'")
    assert june["cost_income_support_dkk"] == june["cost_total_dkk"] == q4(Fraction(KH24 * 20, 7))
    assert wh.execute("select max(month) from intermediate.int_person_month_costs").fetchone()[0] == dt.date(
        2024, 6, 1)


def test_measure_priced_per_hour(wh):
    february = family_month(wh, "G1", "2024-02-01")  # 02-05 .. 02-29: 25 days
    assert february["cost_child_measures_dkk"] == q2(Fraction(400 * 3 * 25, 7)) == Decimal("4285.71")
    assert february["cost_placements_dkk"] == 0
    months = wh.execute(
        "select sum(cost_child_measures_dkk) from intermediate.int_person_month_costs where person_id = 'pk1'"
    ).fetchone()[0]
    assert months == q4(Fraction(400 * 3 * 25, 7)) + q4(Fraction(400 * 3 * 31, 7)) + q4(400 * 3 * 28 / 7)
    (measure,) = rows(wh, "select * from analytics.measure_spells where measure_id = 'B91'")
    assert (measure["measure_kind"], measure["rate_dkk"], measure["rate_unit"], measure["hours_per_week"]) == (
        "child", Decimal("400.00"), "TIME", 3.0)


def test_child_turning_18_and_parent_moving_out_during_enrolment(wh):
    (g2,) = rows(wh, "select * from analytics.program_families where kommunekode = ? and familie_ref = 'G2'",
                 (KOMMUNE,))
    assert g2["cost_year_before_dkk"] == q2(G2_BEFORE) == Decimal("200493.00")
    assert g2["cost_per_year_during_dkk"] == q2(PER_YEAR["G2"])
    assert G2_DURING == Decimal("375087.0000")
    january = family_month(wh, "G2", "2024-01-01")
    # pk2 (18 on 01-15) is still a child: children are members with rolle BARN; pg2 still a member (to 01-31).
    assert (january["n_members"], january["n_adults"], january["n_children"]) == (2, 1, 1)
    assert january["cost_income_support_dkk"] == q2(Fraction(DP24 * 31, 7)) == Decimal("20150.00")
    assert january["cost_placements_dkk"] == 14 * 1500  # 01-01 .. 01-14
    assert january["cost_child_measures_dkk"] == 0
    assert january["cost_adult_measures_dkk"] == 17 * 1000  # 01-15 .. 01-31 of 30,437.5 / 30.4375 a day
    assert january["cost_total_dkk"] == Decimal("58150.00")
    february = family_month(wh, "G2", "2024-02-01")
    # The parent has moved out: no longer a member, so the 4 February days of the week 01-29 .. 02-04 are not
    # in the family's month (they are in the enrolment's cost, which prices the whole week inside it) ...
    assert (february["n_members"], february["n_adults"], february["cost_income_support_dkk"]) == (1, 0, 0)
    assert february["cost_adult_measures_dkk"] == 29 * 1000
    # ... and they are in the population-wide base, which follows the person, not the family.
    (pg2,) = rows(wh, "select * from intermediate.int_person_month_costs where person_id = 'pg2' "
                      "and month = '2024-02-01'")
    assert pg2["cost_income_support_dkk"] == q4(Fraction(DP24 * 4, 7)) == Decimal("2600.0000")


def test_family_enrolled_twice(wh):
    enrolments = rows(wh, "select * from analytics.program_families where kommunekode = ? and familie_ref = 'G3' "
                          "order by enrolment_start", (KOMMUNE,))
    assert [(e["enrolment_start"], e["enrolment_end"]) for e in enrolments] == [
        (dt.date(2023, 2, 1), dt.date(2023, 5, 31)), (dt.date(2023, 10, 2), dt.date(2024, 2, 29))]
    assert [e["cost_year_before_dkk"] for e in enrolments] == [0, q2(G3B_BEFORE)]
    assert [e["cost_per_year_during_dkk"] for e in enrolments] == [
        Decimal("18250.00"), q2(PER_YEAR["G3b"])]
    assert q2(PER_YEAR["G3b"]) == Decimal("3384.11")
    months = wh.execute(
        "select count(*), count(*) filter (where is_enrolled), sum(cost_adult_measures_dkk) "
        "from analytics.family_month where family_id = ?", (f"{KOMMUNE}-G3",)).fetchone()
    assert months == (25, 9, Decimal("7400.00"))  # 2022-02 .. 2024-02; Feb-May and Oct-Feb enrolled


def test_programme_means_are_exact(wh):
    (outcome,) = rows(wh, "select * from analytics.program_outcomes where kommunekode = ? and cohort = 'ALL'",
                      (KOMMUNE,))
    assert outcome["n_families"] == 4
    before = G1_BEFORE + G2_BEFORE + 0 + G3B_BEFORE
    assert outcome["cost_per_family_year_before_dkk"] == q2(Fraction(before) / 4) == Decimal("62137.00")
    assert outcome["cost_per_family_year_during_dkk"] == q2(Fraction(sum(PER_YEAR.values())) / 4)


def test_component_split_keeps_the_total(wh):
    mismatched = wh.execute(
        "select count(*) from analytics.family_month where cost_total_dkk <> cost_income_support_dkk "
        "+ cost_child_measures_dkk + cost_placements_dkk + cost_adult_measures_dkk").fetchone()[0]
    assert mismatched == 0
    # placements over the whole build: pk2 (G2) from 12 months before the first start, and the fixtures' C2
    placements = wh.execute(
        "select sum(cost_placements_dkk) from intermediate.int_person_month_costs where person_id = 'pk2'"
    ).fetchone()[0]
    assert placements == (dt.date(2024, 1, 14) - dt.date(2023, 6, 1)).days * 1500 + 1500


def _days_in_month(first: dt.date, last: dt.date, month: dt.date) -> int:
    month_end = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return max(0, (min(last, month_end) - max(first, month)).days + 1)


def _months(first: dt.date, last: dt.date):
    month = first.replace(day=1)
    while month <= last:
        yield month
        month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def test_support_segments_price_exactly_as_support_weeks(wh):
    """For every enrolled person (the fixtures' and these): segment days in a month × rate / 7 is, as an exact
    fraction, the sum over the person's support weeks of the week's days in the month × the week's rate / 7."""
    by_weeks: dict = {}
    for kk, person, week_start, rate in wh.execute(
            "select kommunekode, person_id, week_start, dkk_per_week from intermediate.int_support_weeks"
    ).fetchall():
        week_end = week_start + dt.timedelta(days=6)
        for month in _months(week_start, week_end):
            key = (kk, person, month)
            by_weeks[key] = by_weeks.get(key, 0) + Fraction(rate) * _days_in_month(week_start, week_end, month) / 7
    persons = {(kk, person) for kk, person, _ in by_weeks}
    by_segments: dict = {}
    for kk, person, start, end, rate in wh.execute(
            "select kommunekode, person_id, segment_start, segment_end, dkk_per_week "
            "from intermediate.int_support_segments").fetchall():
        if (kk, person) not in persons:
            continue
        for month in _months(start, end):
            key = (kk, person, month)
            by_segments[key] = by_segments.get(key, 0) + Fraction(rate) * _days_in_month(start, end, month) / 7
    assert len(persons) >= 4  # A1, A2 (two benefits overlapping, gaps, SU), pg1, pg2
    assert by_segments == by_weeks
    # and the population-wide month base carries them, rounded once per segment and month
    base = dict(((kk, p, m), c) for kk, p, m, c in wh.execute(
        "select kommunekode, person_id, month, cost_income_support_dkk from intermediate.int_person_month_costs "
        "where cost_income_support_dkk <> 0").fetchall())
    extract = {"420": dt.date(2024, 6, 20), KOMMUNE: dt.date(2024, 6, 20)}
    for (kk, person, month), exact in by_weeks.items():
        if exact and month <= extract[kk] and (month.year, month.month) != (2024, 6):
            assert abs(Fraction(base[(kk, person, month)]) - exact) <= Fraction(1, 10000), (person, month)
