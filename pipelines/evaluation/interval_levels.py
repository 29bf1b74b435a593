"""The tail levels of the saving's 95 % bootstrap interval, by the number of enrolments it resamples.

A percentile bootstrap interval over n enrolments is too narrow when n is small: the resamples spread like the
sample with divisor n instead of n - 1, and their 2.5 % and 97.5 % points stand for the normal quantile where
Student's t with n - 1 degrees of freedom applies. Hesterberg's expanded percentile interval corrects both by
reading the bootstrap distribution at Φ(-√(n/(n-1)) · t(0.975; n-1)) and one minus it instead (Hesterberg,
"What teachers should know about the bootstrap", The American Statistician 69(4), 2015). For n = 5 that is
0.1 %, for n = 20 1.6 %, and it tends to 2.5 % as n grows. Written to a dbt seed (the models have no t
distribution): `python -m pipelines.evaluation.interval_levels --write`; without `--write` the command lists a
stale seed and fails.
"""
from __future__ import annotations

import math
import sys
from pathlib import Path

from scipy import stats

from pipelines.ingest.contracts import REPO_ROOT
from pipelines.ingest.rendered import main

SEED = REPO_ROOT / "dbt" / "seeds" / "bootstrap_interval_levels.csv"
CONFIDENCE = 0.95
# larger cells read the last row: its level is within 0.0002 of the limit
MAX_ENROLMENTS = 1000
SOURCE = "Hesterberg 2015 expanded percentile; pipelines/evaluation/interval_levels.py"


def tail_level(enrolments: int) -> float:
    """The lower tail level; a single enrolment has one resample value, and nothing to expand."""
    upper = 1 - (1 - CONFIDENCE) / 2
    if enrolments < 2:
        return 1 - upper
    n = enrolments
    return float(stats.norm.cdf(-math.sqrt(n / (n - 1)) * stats.t.ppf(upper, n - 1)))


def render() -> dict[Path, str]:
    rows = [f"{n},{tail_level(n):.8f},{SOURCE}" for n in range(1, MAX_ENROLMENTS + 1)]
    return {SEED: "\n".join(["enrolments_n,tail_level,source", *rows]) + "\n"}


if __name__ == "__main__":
    sys.exit(main(render, __doc__))
