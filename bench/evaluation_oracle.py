"""Diagnosis: the saving when the comparison pool is exactly the families the matching should find.

The generator knows what no register shows: when each never-enrolled target family would have been enrolled (its
reference date). This rebuilds the evaluation models on a copy of a published warehouse whose candidate pool is
cut down to those families within a month of their reference date, and scores the saving against the truth again.
If the saving is then unbiased, the estimator and its interval are sound and the bias of the real run comes from
the pool: the matching cannot see how far a family is from its would-be enrolment.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipelines.evaluation.truth import SavingAgainstTruth, savings_against_truth  # noqa: E402
from pipelines.ingest.pseudonym import pseudonymise  # noqa: E402
from pipelines.synthetic import programme  # noqa: E402
from pipelines.synthetic.generate import generate  # noqa: E402

PHASE_MONTHS = 1


def would_be_enrolments(residents: int, seed: int, extract_date: date, effect) -> list[tuple[date, list[str]]]:
    """Each never-enrolled target family's reference date and members, from a second run of the same generation."""
    families, simulate = [], programme.simulate

    def recording(chunk, family):
        simulate(chunk, family)
        if not family.programme:
            families.append((family.start, sorted(family.cprs)))

    programme.simulate = recording
    try:
        with tempfile.TemporaryDirectory() as scratch:
            generate(Path(scratch) / "landing", residents=residents, seed=seed, extract_date=extract_date,
                     effect=effect, truth_path=Path(scratch) / "truth.json")
    finally:
        programme.simulate = simulate
    return families


def oracle_savings(warehouse: Path, truth: Path, families, key: bytes) -> list[SavingAgainstTruth]:
    oracle = warehouse.with_name("oracle.duckdb")
    shutil.copy(warehouse, oracle)
    con = duckdb.connect(str(oracle))
    try:
        con.execute("CREATE TEMP TABLE would_be (person_id VARCHAR, reference_month DATE)")
        con.executemany("INSERT INTO would_be VALUES (?, date_trunc('month', ?::DATE))",
                        [(pseudonymise(cpr, key), start) for start, cprs in families for cpr in cprs])
        con.execute(f"""
            DELETE FROM intermediate.int_comparison_candidates AS c
            WHERE NOT EXISTS (
                SELECT 1 FROM would_be AS w
                WHERE w.person_id = c.person_id
                    AND abs(date_diff('month', w.reference_month, c.match_month)) <= {PHASE_MONTHS})""")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    env = os.environ | {"HELHED_DUCKDB_PATH": str(oracle)}
    subprocess.run([str(Path(sys.executable).with_name("dbt")), "build", "--select", "int_comparison_units+",
                    "--exclude", "resource_type:test", "--project-dir", str(ROOT / "dbt"),
                    "--profiles-dir", str(ROOT / "dbt"), "--target-path", str(oracle.parent / "oracle-dbt")],
                   check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
    return savings_against_truth(oracle, truth)
