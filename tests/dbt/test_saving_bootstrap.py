"""int_saving_bootstrap_replicates must carry the comparison families' sampling error, not only the enrolments'.

Fifty enrolments with no change of their own all share the same five comparison families, one of which rose by
1000 DKK: the saving is 50 × 200 DKK, and all of its uncertainty lies in which five families the pool happened to
hold. A bootstrap over enrolments alone sees fifty identical savings and no spread at all; the Bayesian bootstrap
of five values gives their mean a standard deviation of √(160,000 / 6) ≈ 163 DKK, × 50 ≈ 8,200 DKK."""
from __future__ import annotations

import statistics

import duckdb

from .dbt_build import dbt_build

ENROLMENTS = [f"e{i:02}" for i in range(50)]
CHANGES = {"c1": 0, "c2": 0, "c3": 0, "c4": 0, "c5": 1000}


def test_shared_comparison_families_spread_the_replicates(tmp_path):
    database = tmp_path / "helhed.duckdb"
    with duckdb.connect(str(database)) as con:
        con.execute("create schema intermediate")
        con.execute("""create table intermediate.int_cohort_enrolments as
            select '420' as kommunekode, 'JF' as program, 'ALL' as cohort, enrolment_id,
                   cast(200 as decimal(18, 4)) as saving_dkk,
                   row_number() over (order by enrolment_id) as slot, 50 as enrolments_n
            from unnest(?) as t (enrolment_id)""", [ENROLMENTS])
        con.execute("""create table intermediate.int_enrolment_savings as
            select enrolment_id, cast(0 as decimal(18, 4)) as enrolled_cost_change_dkk
            from unnest(?) as t (enrolment_id)""", [ENROLMENTS])
        con.execute("create table intermediate.int_match_cost_changes "
                    "(enrolment_id varchar, comparison_family_id varchar, cost_change_dkk decimal(18, 4))")
        con.executemany("insert into intermediate.int_match_cost_changes values (?, ?, ?)",
                        [(e, family, change) for e in ENROLMENTS for family, change in CHANGES.items()])
    dbt_build(database, "--select", "int_saving_bootstrap_replicates", "--exclude", "resource_type:unit_test")
    with duckdb.connect(str(database), read_only=True) as con:
        savings = [float(row[0]) for row in con.execute(
            "select saving_dkk from intermediate.int_saving_bootstrap_replicates").fetchall()]
    assert len(savings) == 1000
    assert 9_000 < statistics.fmean(savings) < 11_000
    assert 6_000 < statistics.stdev(savings) < 11_000
