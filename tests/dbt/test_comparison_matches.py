"""int_comparison_matches searches only near cells and cost bands: it must pick exactly what comparing every
enrolment with every candidate of its month picks, on random covariates full of ties, sparse cells and empty months."""
from __future__ import annotations

import json
import random

import duckdb
import pytest

from .dbt_build import dbt_build

MONTHS = ("2023-01-01", "2023-02-01", "2023-03-01")
# few distinct costs, so that candidates tie on cost; 0 for families with no cost
COSTS = (0, 0, 1000, 5000, 5000, 20000, 20000.5, 250000)


def renewed_investigation(rng):
    renewed = rng.random() < 0.3
    return {"has_renewed_investigation": renewed,
            "renewed_investigation_months_before": rng.randint(0, 4) if renewed else None}


def unit(rng, kind, unit_id, kommunekode, month):
    cost_12 = rng.choice(COSTS) if rng.random() < 0.7 else round(rng.uniform(0, 400000), 2)
    return {
        "unit_kind": kind, "unit_id": unit_id, "match_month": month, "kommunekode": kommunekode,
        "program": "JF" if kind == "enrolment" else None,
        "adults_n": rng.choice((0, 1, 1, 2, 3)), "children_n": rng.choice((0, 1, 2, 3, 5)),
        **renewed_investigation(rng),
        "has_placement": rng.random() < 0.1, "has_income_support": rng.random() < 0.6,
        "systems_n": rng.choice((1, 1, 2, 2, 3, 4)),
        "cost_12_months_before_dkk": cost_12,
        "cost_3_months_before_dkk": round(cost_12 * rng.choice((0, 0.25, 0.25, 0.5)), 2),
    }


def random_covariates(seed):
    rng = random.Random(seed)
    rows = []
    for kommunekode, pool_size in (("420", 300), ("461", 3)):  # 461: fewer candidates a month than matches wanted
        for month in MONTHS:
            rows += [unit(rng, "comparison_family", f"{kommunekode}-c{i}", kommunekode, month)
                     for i in range(pool_size)]
            rows += [unit(rng, "enrolment", f"{kommunekode}-{month}-e{i}", kommunekode, month) for i in range(25)]
    # an enrolment in a month without candidates
    rows.append(unit(rng, "enrolment", "420-lonely", "420", "2023-04-01"))
    return rows


# every enrolment against every candidate of its municipality and month (docs/evaluation.md's distance)
EVERY_PAIR = """
with units as (
    select *, ln(1 + cost_12_months_before_dkk) as x, ln(1 + cost_3_months_before_dkk) as y
    from intermediate.int_comparison_covariates
),
pairs as (
    select
        enrolled.unit_id as enrolment_id,
        pool.unit_id as comparison_family_id,
        100000 * cast(enrolled.has_renewed_investigation <> pool.has_renewed_investigation as integer)
        + 3000 * coalesce(abs(enrolled.renewed_investigation_months_before
                              - pool.renewed_investigation_months_before), 0)
        + 1000 * (cast(enrolled.has_placement <> pool.has_placement as integer)
                   + cast(enrolled.has_income_support <> pool.has_income_support as integer))
        + 100 * (abs(least(enrolled.adults_n, 2) - least(pool.adults_n, 2))
                 + abs(least(enrolled.children_n, 3) - least(pool.children_n, 3))
                 + abs(enrolled.systems_n - pool.systems_n))
        + abs(enrolled.x - pool.x) + abs(enrolled.y - pool.y) as distance
    from units as enrolled
    inner join units as pool
        on enrolled.kommunekode = pool.kommunekode and enrolled.match_month = pool.match_month
    where enrolled.unit_kind = 'enrolment' and pool.unit_kind = 'comparison_family'
)
select enrolment_id, comparison_family_id,
       row_number() over (partition by enrolment_id order by distance, comparison_family_id) as match_rank,
       round(distance, 6) as distance
from pairs
qualify match_rank <= ?
"""


@pytest.mark.parametrize(("seed", "matches_per_enrolment"), [(1, 5), (2, 1)])
def test_matches_are_the_nearest_of_every_candidate(tmp_path, seed, matches_per_enrolment):
    database = tmp_path / "helhed.duckdb"
    with duckdb.connect(str(database)) as con:
        con.execute("create schema intermediate")
        con.execute("""create table intermediate.int_comparison_covariates (
            unit_kind varchar, unit_id varchar, match_month date, kommunekode varchar, program varchar,
            adults_n bigint, children_n bigint, has_renewed_investigation boolean,
            renewed_investigation_months_before bigint, has_placement boolean, has_income_support boolean,
            systems_n bigint,
            cost_12_months_before_dkk decimal(18, 2), cost_3_months_before_dkk decimal(18, 2))""")
        rows = random_covariates(seed)
        con.executemany(f"insert into intermediate.int_comparison_covariates values ({', '.join('?' * 14)})",
                        [tuple(row.values()) for row in rows])
    dbt_build(database, "--select", "int_comparison_matches", "--exclude", "resource_type:unit_test",
              "--vars", json.dumps({"comparison_matches_per_enrolment": matches_per_enrolment}))
    with duckdb.connect(str(database), read_only=True) as con:
        expected = con.execute(EVERY_PAIR, (matches_per_enrolment,)).fetchall()
        matched = con.execute("select enrolment_id, comparison_family_id, match_rank, distance"
                              " from intermediate.int_comparison_matches").fetchall()
    assert sorted(matched) == sorted(expected)
    assert len({row[0] for row in expected}) == 150  # every enrolment but the lonely one has matches
