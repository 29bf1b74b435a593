"""Disclosure control: every figure a manager sees passes here first.

The rules, applied to one municipality × programme at a time, to all its cohorts together:

1. **primary**: a cell resting on fewer than `threshold` persons is suppressed: an indicator whose denominator is
   below it, and a count (families, adults, children, adults in work) from 1 to `threshold` − 1;
2. **dominance**: an amount of money whose two largest families make up more than 85 % of the cohort's total
   is suppressed (the mean would all but tell those families' costs);
3. **secondary**: a programme's cohorts add up to its row `ALL`, so `ALL` less the shown cohorts gives back the
   suppressed ones together. Where that is a single cell, or rests on fewer than `threshold` persons, the shown
   cohort cells with the smallest bases are suppressed as well until it is neither (or `ALL` itself when no
   cohort is left).

The threshold is `HELHED_MIN_CELL` (default 5, as Sundhedsdatastyrelsen; Danmarks Statistik publishes from 3).
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

PRIMARY, DOMINANCE, SECONDARY = "primary", "dominance", "secondary"
ALL_COHORTS = "ALL"
DENOMINATOR_SUFFIX = "_denominator"
# a mean amount of money and the per-family amount in analytics.program_families it is the mean of
FAMILY_AMOUNTS = {"cost_per_family_year_before_dkk": "cost_year_before_dkk",
                  "cost_per_family_year_during_dkk": "cost_per_year_during_dkk"}


@dataclass(frozen=True)
class Policy:
    threshold: int = 5
    dominance_share: float = 0.85
    dominant_families: int = 2


def _missing(value) -> bool:
    return value is None or bool(pd.isna(value))


def cell_base(outcome: dict, indicator_id: str, unit: str):
    """The number of persons (or families) a cell rests on: its denominator; a count's own value; for an amount
    of money without a denominator, the cohort's families."""
    denominator = outcome.get(indicator_id + DENOMINATOR_SUFFIX)
    if not _missing(denominator):
        return denominator
    if unit == "n":
        return outcome[indicator_id]
    return outcome.get("n_families")


def suppressed_cells(outcomes: list[dict], family_amounts: pd.DataFrame, units: dict[str, str],
                     policy: Policy) -> dict[tuple[str, str], str]:
    """(cohort, indicator id) -> the rule that suppresses it, for the rows of every cohort of one programme.

    `family_amounts` has one row per enrolment of the programme: `cohort` (its start year) and the amounts of
    FAMILY_AMOUNTS; `units` maps each indicator to its unit (n, pct, years, dkk, ...)."""
    bases = {(o["cohort"], i): cell_base(o, i, unit) for o in outcomes for i, unit in units.items()}
    by_cohort = {ALL_COHORTS: family_amounts, **dict(tuple(family_amounts.groupby("cohort")))}
    reasons = {}
    for (cohort, indicator_id), base in bases.items():
        if _below_threshold(base, units[indicator_id], policy.threshold):
            reasons[cohort, indicator_id] = PRIMARY
        elif indicator_id in FAMILY_AMOUNTS and dominated(
                by_cohort.get(cohort, family_amounts.iloc[0:0])[FAMILY_AMOUNTS[indicator_id]], policy):
            reasons[cohort, indicator_id] = DOMINANCE
    cohorts = sorted({o["cohort"] for o in outcomes} - {ALL_COHORTS})
    for indicator_id in units:
        for cell in _secondary_cells(cohorts, indicator_id, bases, reasons, policy.threshold):
            reasons[cell] = SECONDARY
    return reasons


def _below_threshold(base, unit: str, threshold: int) -> bool:
    if _missing(base):
        return False
    return 0 < base < threshold if unit == "n" else base < threshold


def dominated(amounts: pd.Series, policy: Policy) -> bool:
    """Whether the largest families' amounts (one per family) make up more than the dominance share of the total."""
    values = np.abs(np.asarray(amounts, dtype=float))
    values = np.sort(values[~np.isnan(values)])
    total = values.sum()
    return bool(total > 0 and values[-policy.dominant_families:].sum() > policy.dominance_share * total)


def family_totals(per_family: pd.DataFrame, by: str, columns: list[str], policy: Policy) -> tuple[pd.DataFrame, int]:
    """Per value of `by`: the families and, for each column, its mean per family; a mean on fewer than the
    threshold's families or dominated by two of them is blanked. Also how many were blanked."""
    rows, hidden = [], 0
    for key, group in per_family.groupby(by, sort=True):
        row = {by: key, "families_n": group["family_id"].nunique()}
        for column in columns:
            blank = _below_threshold(row["families_n"], "n", policy.threshold) or dominated(group[column], policy)
            hidden += blank
            row[column] = None if blank else float(group[column].sum()) / row["families_n"]
        rows.append(row)
    return pd.DataFrame(rows, columns=[by, "families_n", *columns]), hidden


def _secondary_cells(cohorts: list[str], indicator_id: str, bases: dict, reasons: dict,
                     threshold: int) -> list[tuple[str, str]]:
    if (ALL_COHORTS, indicator_id) in reasons or (ALL_COHORTS, indicator_id) not in bases:
        return []
    parts = {c: bases[c, indicator_id] for c in cohorts}
    hidden = {c for c in cohorts if (c, indicator_id) in reasons}
    return [(c, indicator_id) for c in _more_to_hide(parts, hidden, threshold)]


def suppressed_parts(counts: dict[str, int], policy: Policy) -> dict[str, str]:
    """Counts that add up to the one under ALL_COHORTS (families by number of systems, say): the rule that hides
    each, primary and secondary as for a programme's cohorts."""
    reasons = {k: PRIMARY for k, n in counts.items() if _below_threshold(n, "n", policy.threshold)}
    if ALL_COHORTS in reasons or ALL_COHORTS not in counts:
        return reasons
    parts = {k: n for k, n in counts.items() if k != ALL_COHORTS}
    return reasons | dict.fromkeys(_more_to_hide(parts, set(reasons), policy.threshold), SECONDARY)


def _more_to_hide(parts: dict, already_hidden: set[str], threshold: int) -> list[str]:
    """The parts to hide besides `hidden` (ALL_COHORTS, the total, when no part is left), smallest base first, until
    the total less the shown parts gives back neither a single hidden part nor fewer than `threshold` persons."""
    # a part on nobody gives nothing away, whether shown or worked out
    hidden = [k for k in parts if k in already_hidden and (parts[k] or 0) > 0]
    shown = sorted((k for k in parts if k not in already_hidden and not _missing(parts[k]) and parts[k] > 0),
                   key=lambda k: (parts[k], k))

    def disclosed() -> bool:
        return len(hidden) == 1 or sum(parts[k] or 0 for k in hidden) < threshold

    more = []
    while hidden and disclosed():
        if not shown:
            return more + [ALL_COHORTS]
        hidden.append(shown.pop(0))
        more.append(hidden[-1])
    return more


def hide_small(values: pd.Series, bases: pd.Series, policy: Policy) -> tuple[pd.Series, int]:
    """A series of rates with those on fewer than the threshold blanked (a gap in a chart), and how many."""
    small = bases.apply(lambda base: _below_threshold(base, "rate", policy.threshold)) & values.notna()
    return values.astype(object).where(~small, None), int(small.sum())
