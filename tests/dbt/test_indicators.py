"""The indicators of issue 15 on hand-written extracts: youth charged, measures per child-month around a parent's
self-supporting start, the event study, and the operations marts. One dbt build for every case.

The two families of fixtures.py (municipality 420, extract 2024-06-20), and:

F1 (Job og Familie, 2023-01-02 .. 2023-12-31) gets a third child C4 (born 2009-01-03), who moves out on 2023-03-15,
  with two child measures: 2022-10-01 .. 2023-02-15 and 2022-12-01 .. 2022-12-31.
F3 (Job og Familie, 2023-06-01 .. 2023-12-31): Y1 VOKSEN 20 at start, Y2 BARN 15 (birthday on the start day),
  Y3 VOKSEN 31, Y4 VOKSEN 30 (birthday on the start day); nobody on income support.
G1 (municipality 461, no politi source): Z1 VOKSEN 20 at start, 2023-03-01 .. 2023-09-30.
Police events (420): Y1 SIGTELSE 2023-07-10; Y2 SIGTELSE 2023-05-31 (the day before the start) and BEKYMRING
  2023-08-01; Y3 SIGTELSE 2023-08-01; Y4 SIGTELSE 2023-12-31 (the last day); C3 SIGTELSE 2024-02-01.
Caseworkers (420): SBJ1 JOBCENTER from 2020; SBB1 BOERN_FAMILIE 2020 .. 2023-12-31; SBB2 BOERN_FAMILIE from
  2024-01-01; SBV1 VOKSEN from 2021; CM1 CASEMANAGER from 2022 (the casemanager of every member row).
Job-centre cases: A1 SBJ1 2021-01-04 .. 2023-03-31; A2 SBJ1 from 2022-01-03; A3 SBJ1 from 2024-01-08.
Child cases: S3 C3 SBB1 2023-06-01 .. closed 2024-01-01; S4 C3 SBB2 from 2024-01-01; S5 C1 SBB1 from 2023-10-01.
Adult measure: V3 A3 SBV1 2024-02-01 .. 2024-04-30. Notifications: C1 2023-06-05, C2 2023-06-30, C3 2023-07-01.
CPR relations (from birth): A1 mother and A2 father of C1, C2 and C4; A3 mother of C3; Y4 mother and Y3 father of
  Y2. No addresses, so the population's families (families.md) are the parents' links: {A1, A2, C1, C2} (C4 until
  he moves out), {A3, C3} and {Y2, Y3, Y4}; Y1, A4 and Z1 are in no family.
"""
from __future__ import annotations

import duckdb
import pytest

from pipelines.quality.checks import PUBLISHED_TABLES
from pipelines.quality.suites import validate_table

from .conftest import built_warehouse, one
from .fixtures import EXTRACT, KOMMUNE, PROGRAM, member, person
from .raw_tables import insert_rows

OTHER = "461"


def parent_link(child, parent, relation, born):
    return {"cpr_barn": child, "cpr_foraelder": parent, "relation": relation, "fra_dato": born, "til_dato": None}


def extra_rows(con) -> None:
    c4 = {**person("pc4", "M", "2009-01-03"), "fraflytning": "2023-03-15"}
    insert_rows(con, "cpr__personer", KOMMUNE, EXTRACT, [
        c4, person("py1", "M", "2003-01-15"), person("py2", "K", "2008-06-01"),
        person("py3", "M", "1992-05-31"), person("py4", "K", "1993-06-01"),
    ])
    insert_rows(con, "program__deltagelse", KOMMUNE, EXTRACT, [
        member("F1", "pc4", "BARN", "2023-01-02", "2023-12-31"),
        member("F3", "py1", "VOKSEN", "2023-06-01", "2023-12-31"),
        member("F3", "py2", "BARN", "2023-06-01", "2023-12-31"),
        member("F3", "py3", "VOKSEN", "2023-06-01", "2023-12-31"),
        member("F3", "py4", "VOKSEN", "2023-06-01", "2023-12-31"),
    ])
    insert_rows(con, "boern__indsatser", KOMMUNE, EXTRACT, [
        {"indsats_id": "B4", "sag_id": "S9", "cpr_barn": "pc4", "kode": "FOREBYGGENDE", "start": "2022-10-01",
         "slut": "2023-02-15", "takst_kr": 100.0, "takst_enhed": "DAG"},
        {"indsats_id": "B5", "sag_id": "S9", "cpr_barn": "pc4", "kode": "FAMILIEBEHANDLING", "start": "2022-12-01",
         "slut": "2022-12-31", "takst_kr": 100.0, "takst_enhed": "DAG"},
    ])
    insert_rows(con, "politi__haendelser", KOMMUNE, EXTRACT, [
        {"cpr": "py1", "dato": "2023-07-10", "type": "SIGTELSE"},
        {"cpr": "py2", "dato": "2023-05-31", "type": "SIGTELSE"},
        {"cpr": "py2", "dato": "2023-08-01", "type": "BEKYMRING"},
        {"cpr": "py3", "dato": "2023-08-01", "type": "SIGTELSE"},
        {"cpr": "py4", "dato": "2023-12-31", "type": "SIGTELSE"},
        {"cpr": "pc3", "dato": "2024-02-01", "type": "SIGTELSE"},
    ])
    insert_rows(con, "organisation__sagsbehandlere", KOMMUNE, EXTRACT, [
        {"sagsbehandler_id": "SBJ1", "afdeling": "JOBCENTER", "fra_dato": "2020-01-01", "til_dato": None},
        {"sagsbehandler_id": "SBB1", "afdeling": "BOERN_FAMILIE", "fra_dato": "2020-01-01", "til_dato": "2023-12-31"},
        {"sagsbehandler_id": "SBB2", "afdeling": "BOERN_FAMILIE", "fra_dato": "2024-01-01", "til_dato": None},
        {"sagsbehandler_id": "SBV1", "afdeling": "VOKSEN", "fra_dato": "2021-01-01", "til_dato": None},
        {"sagsbehandler_id": "CM1", "afdeling": "CASEMANAGER", "fra_dato": "2022-01-01", "til_dato": None},
    ])
    insert_rows(con, "jobcenter__sager", KOMMUNE, EXTRACT, [
        {"cpr": "pa1", "sagsbehandler_id": "SBJ1", "fra_dato": "2021-01-04", "til_dato": "2023-03-31"},
        {"cpr": "pa2", "sagsbehandler_id": "SBJ1", "fra_dato": "2022-01-03", "til_dato": None},
        {"cpr": "pa3", "sagsbehandler_id": "SBJ1", "fra_dato": "2024-01-08", "til_dato": None},
    ])
    insert_rows(con, "boern__sager", KOMMUNE, EXTRACT, [
        {"sag_id": "S3", "cpr_barn": "pc3", "aabnet": "2023-06-01", "lukket": "2024-01-01", "sagsbehandler_id": "SBB1"},
        {"sag_id": "S4", "cpr_barn": "pc3", "aabnet": "2024-01-01", "lukket": None, "sagsbehandler_id": "SBB2"},
        {"sag_id": "S5", "cpr_barn": "pc1", "aabnet": "2023-10-01", "lukket": None, "sagsbehandler_id": "SBB1"},
    ])
    insert_rows(con, "voksen__indsatser", KOMMUNE, EXTRACT, [
        {"indsats_id": "V3", "cpr": "pa3", "paragraf": "SEL85", "start": "2024-02-01", "slut": "2024-04-30",
         "sagsbehandler_id": "SBV1", "takst_kr": 1000.0, "takst_enhed": "UGE"},
    ])
    insert_rows(con, "boern__underretninger", KOMMUNE, EXTRACT, [
        {"underretning_id": "U1", "cpr_barn": "pc1", "modtaget": "2023-06-05", "kilde": "SKOLE", "akut": "N"},
        {"underretning_id": "U2", "cpr_barn": "pc2", "modtaget": "2023-06-30", "kilde": "SKOLE", "akut": "N"},
        {"underretning_id": "U3", "cpr_barn": "pc3", "modtaget": "2023-07-01", "kilde": "POLITI", "akut": "J"},
    ])
    insert_rows(con, "cpr__relationer", KOMMUNE, EXTRACT, [
        parent_link(child, parent, relation, born)
        for child, born, parents in (("pc1", "2012-05-05", (("pa1", "MOR"), ("pa2", "FAR"))),
                                     ("pc2", "2015-01-01", (("pa1", "MOR"), ("pa2", "FAR"))),
                                     ("pc4", "2009-01-03", (("pa1", "MOR"), ("pa2", "FAR"))),
                                     ("pc3", "2010-01-01", (("pa3", "MOR"),)),
                                     ("py2", "2008-06-01", (("py4", "MOR"), ("py3", "FAR"))))
        for parent, relation in parents
    ])
    insert_rows(con, "cpr__personer", OTHER, EXTRACT, [person("pz1", "M", "2003-01-15")])
    insert_rows(con, "program__deltagelse", OTHER, EXTRACT, [member("G1", "pz1", "VOKSEN", "2023-03-01", "2023-09-30")])


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> duckdb.DuckDBPyConnection:
    con = built_warehouse(tmp_path_factory.mktemp("dbt-indicators") / "helhed.duckdb", extra_rows)
    yield con
    con.close()


def caseload(con, caseworker_id, month):
    return one(con, "select * from analytics.caseload_month where kommunekode = ? and caseworker_id = ? and month = ?",
               (KOMMUNE, caseworker_id, month))


def outcome(con, kommunekode, cohort):
    return one(con, "select * from analytics.program_outcomes where kommunekode = ? and program = ? and cohort = ?",
               (kommunekode, PROGRAM, cohort))


# --- youth_charged_pct -------------------------------------------------------------------------------------------

def test_youth_charged_inside_the_enrolment(built):
    # Members 15-30 at the start: only F3's Y1 (20), Y2 (15 on the day) and Y4 (30 on the day); Y3 is 31, C3 is 14
    # at F2's start, F1 has none. Charged inside 2023-06-01 .. 2023-12-31: Y1 (07-10) and Y4 (12-31, the last day);
    # Y2's charge is the day before the start and the BEKYMRING is no charge.
    for cohort in ("ALL", "2023"):
        row = outcome(built, KOMMUNE, cohort)
        assert row["youth_charged_pct_denominator"] == 3
        assert row["youth_charged_pct"] == pytest.approx(100 * 2 / 3)
    row = outcome(built, KOMMUNE, "2024")
    assert (row["youth_charged_pct"], row["youth_charged_pct_denominator"]) == (None, 0)


def test_youth_charged_is_null_without_a_politi_source(built):
    # 461 has a member of 20 but no police rows at all: no source, so nothing is observed.
    row = outcome(built, OTHER, "ALL")
    assert (row["youth_charged_pct"], row["youth_charged_pct_denominator"]) == (None, 0)


# --- measures per child-month ------------------------------------------------------------------------------------
# F1: A2 (on support at start) starts a run with the SU-only weeks from Monday 2023-01-16 (A1's run starts later):
# month 0 is January 2023, -6 is July 2022, +6 is July 2023. F3's adults are self-supporting from the start week,
# but none was on support at start, so F3 has no event (else its child Y2 would count).
# Active measures on each status date (the month's last day):
#   C1: B1 2022-07-04 .. 2023-06-30          -> 1 in -6 .. +5, 0 in +6
#   C2: placement from 2023-06-01            -> 1 in +5, +6
#   C4: B4 2022-10-01 .. 2023-02-15, B5 December 2022 -> 0,0,0 in -6..-4; 1 (-3), 1 (-2), 2 (-1), 1 (0), 0 (+1);
#       moved out 2023-03-15, so no child-month from +2 (status date 2023-03-31) on.
BEFORE = {"child_months": 6 + 6 + 6, "measures": 6 + 0 + (1 + 1 + 2)}
AFTER = {"child_months": 6 + 6 + 1, "measures": 5 + 2 + 0}


def test_measures_per_child_month_before_and_after(built):
    for cohort in ("ALL", "2023"):
        row = outcome(built, KOMMUNE, cohort)
        assert row["measures_per_child_month_before_denominator"] == BEFORE["child_months"]
        assert row["measures_per_child_month_before"] == pytest.approx(BEFORE["measures"] / BEFORE["child_months"])
        assert row["measures_per_child_month_after_denominator"] == AFTER["child_months"]
        assert row["measures_per_child_month_after"] == pytest.approx(AFTER["measures"] / AFTER["child_months"])
    row = outcome(built, KOMMUNE, "2024")
    assert (row["measures_per_child_month_before"], row["measures_per_child_month_before_denominator"]) == (None, 0)


def test_event_study_rows(built):
    rows = {r[0]: r[1:] for r in built.execute(
        "select relative_month, families_n, children_n, child_months, active_measures_n, measures_per_child_month"
        " from analytics.event_study_measures where kommunekode = ? and program = ?", (KOMMUNE, PROGRAM)).fetchall()}
    assert sorted(rows) == list(range(-6, 7))
    assert rows[-6] == (1, 3, 3, 1, pytest.approx(1 / 3))
    assert rows[-1] == (1, 3, 3, 1 + 0 + 2, pytest.approx(1.0))
    assert rows[0] == (1, 3, 3, 1 + 0 + 1, pytest.approx(2 / 3))
    assert rows[1] == (1, 3, 3, 1, pytest.approx(1 / 3))
    assert rows[2] == (1, 2, 2, 1, pytest.approx(0.5))  # C4 has moved out
    assert rows[6] == (1, 2, 2, 0 + 1, pytest.approx(0.5))


def test_event_study_has_every_month_where_nobody_contributes(built):
    rows = built.execute(
        "select relative_month, families_n, child_months, measures_per_child_month,"
        " measures_per_child_month_denominator from analytics.event_study_measures"
        " where kommunekode = ? order by relative_month", (OTHER,)).fetchall()
    assert rows == [(k, 0, 0, None, 0) for k in range(-6, 7)]


# --- person system spells ----------------------------------------------------------------------------------------

def test_person_system_spells_of_a_family(built):
    spells = built.execute(
        "select person_id, system, valid_from::varchar, valid_to::varchar from intermediate.int_person_system_spells"
        " where person_id in ('pa1', 'pc1', 'py2') order by 1, 2, 3").fetchall()
    assert spells == [
        # V1 2022-12-02 .. 2023-01-31
        ("pa1", "adult", "2022-12-02", "2023-01-31"),
        # KH 2020-06-01 .. 11-29; then KH from 2021-01-04 and the case 2021-01-04 .. 2023-03-31 (SDP inside): merged
        ("pa1", "jobcenter", "2020-06-01", "2020-11-29"),
        ("pa1", "jobcenter", "2021-01-04", "2023-03-31"),
        # S1 2021-07-02 .. the day before 2023-09-15, B1 inside; S5 from 2023-10-01 open (extract date)
        ("pc1", "child", "2021-07-02", "2023-09-14"),
        ("pc1", "child", "2023-10-01", "2024-06-20"),
        # 2023-05-31 + 364 days, extended by the event of 2023-08-01 to 2024-07-30, cut at the extract date
        ("py2", "police", "2023-05-31", "2024-06-20"),
    ]


# --- operations --------------------------------------------------------------------------------------------------

def month(con, kommunekode, first_day):
    return one(con, "select * from analytics.operations_month where kommunekode = ? and month = ?",
               (kommunekode, first_day))


def test_operations_months_run_from_the_earliest_data_to_the_extract_month(built):
    # 420: the earliest case is A1's job-centre case of 2021-01-04 (benefit spells from 2020 do not count).
    assert built.execute(
        "select min(month)::varchar, max(month)::varchar, count(*), max(status_date)::varchar"
        " from analytics.operations_month where kommunekode = ?", (KOMMUNE,)).fetchone() == (
        "2021-01-01", "2024-06-01", 42, EXTRACT)
    # 461: its only data is G1's start, 2023-03-01.
    assert built.execute(
        "select min(month)::varchar, count(*) from analytics.operations_month where kommunekode = ?",
        (OTHER,)).fetchone() == ("2023-03-01", 16)


def test_caseload_june_2023(built):
    # Employed on 2023-06-30: SBJ1, SBB1, SBV1, CM1 (SBB2 starts 2024). Cases: SBJ1 A2's (A1's closed 03-31),
    # SBB1 S3, CM1 the enrolments F1 and F3 (one case each, however many member rows), SBV1 none.
    row = month(built, KOMMUNE, "2023-06-01")
    assert (row["caseworkers_n"], row["open_cases_n"], row["open_cases_unknown_caseworker_n"]) == (4, 4, 0)
    assert row["caseload_per_caseworker"] == pytest.approx(1.0)
    assert row["caseload_per_caseworker_denominator"] == 4


def test_caseload_march_2024_leaves_out_a_caseworker_no_longer_employed(built):
    # Employed on 2024-03-31: SBJ1 (A2, A3), SBB2 (S4), SBV1 (V3), CM1 (F2): 5 cases over 4 caseworkers.
    # SBB1 left on 2023-12-31 but still holds S5: counted apart.
    row = month(built, KOMMUNE, "2024-03-01")
    assert (row["caseworkers_n"], row["open_cases_n"], row["open_cases_unknown_caseworker_n"]) == (4, 5, 1)
    assert row["caseload_per_caseworker"] == pytest.approx(5 / 4)
    per_department = dict(built.execute(
        "select afdeling, caseload_per_caseworker from analytics.caseload_department_month"
        " where kommunekode = ? and month = '2024-03-01'", (KOMMUNE,)).fetchall())
    assert per_department == {"JOBCENTER": 2.0, "BOERN_FAMILIE": 1.0, "VOKSEN": 1.0, "CASEMANAGER": 1.0}
    sbb1 = caseload(built, "SBB1", "2024-03-01")
    assert (sbb1["is_employed"], sbb1["afdeling"], sbb1["open_child_cases_n"], sbb1["open_cases_n"]) == (
        False, None, 1, 1)


def test_caseload_month_counts_by_system(built):
    sbj1 = caseload(built, "SBJ1", "2024-03-01")
    assert (sbj1["afdeling"], sbj1["open_jobcenter_cases_n"], sbj1["open_cases_n"]) == ("JOBCENTER", 2, 2)
    cm1 = caseload(built, "CM1", "2023-06-01")
    assert (cm1["open_enrolments_n"], cm1["open_cases_n"]) == (2, 2)
    sbv1 = caseload(built, "SBV1", "2023-06-01")
    assert (sbv1["is_employed"], sbv1["open_cases_n"]) == (True, 0)


def test_families_caseworkers_and_systems_june_2023(built):
    # Families on 2023-06-30: {A1, A2, C1, C2}: SBJ1 (A2's case) and CM1 (F1) -> 2 caseworkers; job centre (A2) and
    # child (S1, S2) -> 2 systems. {A3, C3}: SBB1 (S3) -> 1; child -> 1. {Y2, Y3, Y4}: CM1 (F3) -> 1; police (Y2's
    # charge of 2023-05-31) -> 1.
    row = month(built, KOMMUNE, "2023-06-01")
    assert row["families_n"] == 3
    assert row["caseworkers_per_family"] == pytest.approx((2 + 1 + 1) / 3)
    assert row["caseworkers_per_family_denominator"] == 3
    assert [row[f"families_systems_{k}_n"] for k in range(5)] == [0, 2, 1, 0, 0]


def test_families_caseworkers_and_systems_march_2024(built):
    # On 2024-03-31: {A1, A2, C1, C2}: SBJ1 (A2) and SBB1 (S5, held after SBB1 left) -> 2; job centre and child -> 2.
    # {A3, C3}: SBJ1 (A3's case), SBV1 (V3), SBB2 (S4), CM1 (F2) -> 4; job centre, adult, child, police (C3's charge
    # of 2024-02-01) -> 4. {Y2, Y3, Y4}: no caseworker (F3 has ended); police (charges within 365 days) -> 1.
    row = month(built, KOMMUNE, "2024-03-01")
    assert (row["families_n"], row["caseworkers_per_family"], row["caseworkers_per_family_denominator"]) == (3, 3.0, 2)
    assert [row[f"families_systems_{k}_n"] for k in range(5)] == [0, 1, 1, 0, 1]


def test_placements_and_notifications(built):
    # C2 placed from 2023-06-01, open: placed on every status date from June 2023, all days of the month counted,
    # up to the extract date in June 2024.
    june = month(built, KOMMUNE, "2023-06-01")
    assert (june["children_placed_n"], june["placement_days"], june["notifications_n"]) == (1, 30, 2)
    july = month(built, KOMMUNE, "2023-07-01")
    assert (july["children_placed_n"], july["placement_days"], july["notifications_n"]) == (1, 31, 1)
    may = month(built, KOMMUNE, "2023-05-01")
    assert (may["children_placed_n"], may["placement_days"], may["notifications_n"]) == (0, 0, 0)
    last = month(built, KOMMUNE, "2024-06-01")
    assert (str(last["status_date"]), last["placement_days"]) == (EXTRACT, 20)


@pytest.mark.parametrize("table", PUBLISHED_TABLES)
def test_every_expectation_passes(built, table):
    validation = validate_table(built, table)
    assert [(r["expectation"], r["column_name"], r["observed"]) for r in validation.rows if not r["success"]] == []
