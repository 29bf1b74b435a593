"""Population families (docs/families.md) on the hand-written extract of population_families.py.

One dbt build for every case. Each expected family spell is (valid_from, valid_to, {person: role}), worked out
by hand from the extract: a family spell has fixed members and roles, and any change starts a new one.
"""
from __future__ import annotations

import hashlib

import duckdb
import pytest

from .conftest import built_warehouse
from .population_families import load_population_families

C, P, A = "child", "parent", "adult_at_address"
EXTRACT = "2024-06-20"


@pytest.fixture(scope="module")
def families(tmp_path_factory) -> duckdb.DuckDBPyConnection:
    con = built_warehouse(tmp_path_factory.mktemp("dbt-population-families") / "helhed.duckdb",
                          load_population_families)
    yield con
    con.close()


def spells_of(con, prefix: str) -> list[tuple[str, str, dict[str, str]]]:
    """Every family spell with a member of the case (person ids starting with `prefix`), in date order."""
    rows = con.execute(
        """
        select family_members.family_id, cast(valid_from as varchar), cast(valid_to as varchar), person_id, role
        from analytics.family_members
        where family_id in (select family_id from analytics.family_members where starts_with(person_id, ?))
        order by valid_from, person_id
        """, [prefix]).fetchall()
    spells: dict[str, tuple[str, str, dict[str, str]]] = {}
    for family_id, start, end, pid, role in rows:
        spells.setdefault(family_id, (start, end, {}))[2][pid] = role
    return sorted(spells.values(), key=lambda s: (s[0], sorted(s[2])))


def test_parents_apart_with_new_partners_are_one_family_through_the_child(families):
    # a_f moving out on 2020-01-01 changes nothing: he stays a_c's parent, so 2015-03-01 .. 2020-12-31 is one spell.
    # a_fp is linked through her own child a_fc, who lives with a_f: both households are one family from 2022.
    assert spells_of(families, "a_") == [
        ("2015-03-01", "2020-12-31", {"a_c": C, "a_m": P, "a_f": P}),
        ("2021-01-01", "2021-12-31", {"a_c": C, "a_m": P, "a_f": P, "a_mp": A}),
        ("2022-01-01", EXTRACT, {"a_c": C, "a_fc": C, "a_m": P, "a_f": P, "a_mp": A, "a_fp": P}),
    ]


def test_a_placed_child_keeps_its_parent_and_the_foster_home_does_not_join(families):
    assert spells_of(families, "b_") == [("2012-01-01", EXTRACT, {"b_c": C, "b_m": P})]


def test_a_parent_who_moves_out_of_the_municipality_leaves_the_family(families):
    assert spells_of(families, "c_") == [
        ("2014-05-01", "2022-03-14", {"c_c": C, "c_m": P, "c_f": P}),
        ("2022-03-15", EXTRACT, {"c_c": C, "c_m": P}),
    ]


def test_a_child_turning_18_stays_as_adult_at_the_address_of_a_younger_child(families):
    assert spells_of(families, "d_") == [
        ("2005-09-10", "2010-01-31", {"d_o": C, "d_m": P}),
        ("2010-02-01", "2023-09-09", {"d_o": C, "d_y": C, "d_m": P}),
        ("2023-09-10", EXTRACT, {"d_o": A, "d_y": C, "d_m": P}),
    ]


def test_a_birth_makes_a_family_of_adults_who_had_none(families):
    assert spells_of(families, "e_") == [("2023-02-10", EXTRACT, {"e_b": C, "e_m": P, "e_p": P})]


def test_a_parent_who_dies_leaves_the_family_on_the_day_of_death(families):
    assert spells_of(families, "f_") == [
        ("2016-01-01", "2021-06-30", {"f_c": C, "f_m": P, "f_f": P}),
        ("2021-07-01", EXTRACT, {"f_c": C, "f_m": P}),
    ]


def test_a_family_that_leaves_and_comes_back_has_two_spells(families):
    assert spells_of(families, "g_") == [
        ("2013-04-01", "2018-05-31", {"g_c": C, "g_m": P}),
        ("2020-09-01", EXTRACT, {"g_c": C, "g_m": P}),
    ]


def test_adults_without_a_child_are_in_no_family(families):
    # b_x (foster mother, no child of her own linked), e_m and e_p before the birth, c_f after moving out
    assert families.execute(
        "select count(*) from analytics.family_members where person_id = 'b_x'"
        " or (person_id in ('e_m', 'e_p') and valid_from < '2023-02-10')"
        " or (person_id = 'c_f' and valid_to > '2022-03-14')").fetchone() == (0,)


def test_family_id_is_md5_of_municipality_first_member_and_start(families):
    expected = hashlib.md5(b"420|e_b|2023-02-10").hexdigest()
    assert families.execute(
        "select family_id, first_member_id, adults, parents, children from analytics.dim_family"
        " where first_member_id = 'e_b'").fetchall() == [(expected, "e_b", 2, 2, 1)]


def test_no_person_is_in_two_families_on_the_same_day(families):
    assert families.execute("""
        select count(*) from analytics.family_members a
        join analytics.family_members b
          on a.person_id = b.person_id and a.family_id < b.family_id
         and a.valid_from <= b.valid_to and b.valid_from <= a.valid_to""").fetchone() == (0,)


def test_dim_person_summarises_stays(families):
    rows = families.execute(
        "select person_id, cast(first_resident_from as varchar), cast(last_resident_to as varchar), stays_n,"
        " is_resident_at_extract from analytics.dim_person where person_id in ('g_c', 'c_f', 'f_f', 'a_fp')"
        " order by person_id").fetchall()
    assert rows == [
        ("a_fp", "2022-01-01", EXTRACT, 1, True),
        ("c_f", "2008-01-01", "2022-03-14", 1, False),
        ("f_f", "2010-01-01", "2021-06-30", 1, False),
        ("g_c", "2013-04-01", EXTRACT, 2, True),
    ]


def test_enrolment_reconciliation_counts_the_members_outside_the_population_family(families):
    # On 2023-01-02 a_m, a_mp and a_c are in family A (6 members: a_f, a_fp, a_fc not enrolled); d_o is in D.
    row = families.execute("""
        select members_n, members_in_population_family_n, members_outside_n, members_in_no_population_family_n,
               population_families_n, population_family_members_n, population_family_not_enrolled_n,
               population_family_id = (select family_id from analytics.family_members
                                       where person_id = 'a_c' and valid_from = '2022-01-01')
        from analytics.enrolment_population_families where family_id = '420-FA'""").fetchall()
    assert row == [(4, 3, 1, 0, 2, 6, 3, True)]
