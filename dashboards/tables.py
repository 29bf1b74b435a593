"""The seed-style indicator table of a programme outcome, with the cells disclosure.py suppresses marked."""

import re

import pandas as pd

from dashboards import formatting
from dashboards.disclosure import DENOMINATOR_SUFFIX, DOMINANCE, PRIMARY, SECONDARY, Policy

KEY_COLUMNS = ("kommunekode", "program", "cohort")
# how a suppressed value shows; its denominator shows too, unless it is what is hidden
MARKS = {PRIMARY: "<{threshold}", DOMINANCE: "(d)", SECONDARY: "(s)"}
UNIT_BY_SUFFIX = {"_pct": "pct", "_avg": "years", "_dkk": "dkk"}
NOT_AVAILABLE = "–"


def _missing(value) -> bool:
    return value is None or bool(pd.isna(value))


def _guess_unit(indicator_id: str) -> str:
    return next((u for s, u in UNIT_BY_SUFFIX.items() if indicator_id.endswith(s)), "n")


def seed_number(seed_figure: str | None, unit: str) -> float | None:
    """The number in a seed figure such as '75 %', '4.2 years' or '262,566 DKK'."""
    if _missing(seed_figure):
        return None
    match = re.search(r"\d[\d.,]*", seed_figure)
    if match is None:
        return None
    digits = match.group().rstrip(".,")
    if unit == "dkk":
        return float(re.sub(r"[.,]", "", digits))
    return float(digits.replace(",", "."))


def indicator_ids(outcome: dict) -> list[str]:
    """The outcome's indicators in its column order; a text column (such as `saving_method`) describes the outcome
    and is no indicator."""
    return [c for c, value in outcome.items()
            if c not in KEY_COLUMNS and not c.endswith(DENOMINATOR_SUFFIX) and not isinstance(value, str)]


def indicator_units(outcome: dict, indicators: pd.DataFrame) -> dict[str, str]:
    units = indicators.set_index("indicator_id")["unit"].to_dict()
    return {i: units.get(i) or _guess_unit(i) for i in indicator_ids(outcome)}


def indicator_rows(outcome: dict, indicators: pd.DataFrame, suppressed: dict[str, str],
                   threshold: int) -> pd.DataFrame:
    """One row per indicator of the outcome. `suppressed` maps an indicator to the rule of disclosure.py that
    hides it: its value shows as that rule's mark and `suppressed` is True."""
    meta = indicators.set_index("indicator_id").to_dict("index")
    units = indicator_units(outcome, indicators)
    return pd.DataFrame([_row(i, outcome, meta.get(i, {}), units[i], suppressed.get(i), threshold)
                         for i in units])


def _row(indicator_id: str, outcome: dict, meta: dict, unit: str, reason: str | None, threshold: int) -> dict:
    value = outcome[indicator_id]
    denominator = outcome.get(indicator_id + DENOMINATOR_SUFFIX)
    has_denominator = not _missing(denominator)
    denominator_text = formatting.number(denominator) if has_denominator else ""
    if reason is None:
        value_text = NOT_AVAILABLE if _missing(value) else formatting.by_unit(value, unit)
    else:
        value_text = MARKS[reason].format(threshold=threshold)
        if reason != DOMINANCE and has_denominator:
            denominator_text = value_text
    seed_figure = meta.get("seed_figure")
    return {
        "indicator_id": indicator_id,
        "label_da": meta.get("label_da") or indicator_id,
        "unit": unit,
        "value": None if reason or _missing(value) else float(value),
        "suppressed": reason is not None,
        "suppression": reason,
        "value_text": value_text,
        "denominator_text": denominator_text,
        "seed_figure": "" if _missing(seed_figure) else seed_figure,
        "seed_source": "" if _missing(meta.get("seed_source")) else meta["seed_source"],
        "seed_value": seed_number(seed_figure, unit),
    }


KRONER_FORMAT = {"locale": {"group": ".", "decimal": ","}, "specifier": ",.0f"}
FAMILY_BOARD_COLUMNS = [
    {"id": "familie_ref", "name": "Familie"},
    {"id": "program", "name": "Program"},
    {"id": "enrolment_start", "name": "Start"},
    {"id": "enrolment_end", "name": "Slut"},
    {"id": "status", "name": "Status"},
    {"id": "casemanager_id", "name": "Casemanager"},
    {"id": "n_adults", "name": "Voksne"},
    {"id": "n_children", "name": "Børn"},
    {"id": "adults_on_support_at_start_n", "name": "Voksne på ydelse ved start"},
    {"id": "adults_self_supporting_at_end_n", "name": "Voksne selvforsørgende ved slut"},
    {"id": "children_open_case_at_start_n", "name": "Børn med åben sag ved start"},
    {"id": "children_open_case_at_end_n", "name": "Børn med åben sag ved slut"},
    {"id": "active_measures_at_end_n", "name": "Aktive indsatser ved slut"},
    {"id": "children_placed_at_end_n", "name": "Anbragte børn ved slut"},
    {"id": "goals_open_n", "name": "Mål åbne"},
    {"id": "goals_partly_reached_n", "name": "Mål delvist nået"},
    {"id": "goals_reached_n", "name": "Mål nået"},
    {"id": "goals_given_up_n", "name": "Mål opgivet"},
    {"id": "traffic_light", "name": "Lys"},
    {"id": "cost_year_before_dkk", "name": "Udgift året før (kr.)", "type": "numeric",
     "format": KRONER_FORMAT},
    {"id": "cost_per_year_during_dkk", "name": "Udgift pr. år i forløb (kr.)",
     "type": "numeric", "format": KRONER_FORMAT},
]


def family_board_rows(families: pd.DataFrame) -> list[dict]:
    """The family board's rows: ISO dates, status in Danish, the traffic light."""
    rows = []
    for family in families.to_dict("records"):
        row = {c["id"]: family.get(c["id"]) for c in FAMILY_BOARD_COLUMNS}
        row.update(
            enrolment_start=formatting.date(family["enrolment_start"]),
            enrolment_end=formatting.date(family["enrolment_end"]),
            status="Åben" if family["is_open"] else "Afsluttet",
            traffic_light=traffic_light(family),
        )
        rows.append({k: _plain(v) for k, v in row.items()})
    return rows


TRAFFIC_LIGHTS = ("rød", "gul", "grøn")
MONTHS_BEFORE_RED = 6


def traffic_light(family: dict) -> str:
    """The board's light for an enrolment, by the plan's goals (program.maal) and placements at its end:
    rød: a child placed, or no goal reached after 6 months of enrolment (or no goals set by then);
    gul: fewer than half the goals reached; grøn: half or more reached and no child placed."""
    months = (pd.Timestamp(family["enrolment_end"]) - pd.Timestamp(family["enrolment_start"])).days / 30.44
    reached, goals = family["goals_reached_n"] or 0, family["goals_n"] or 0
    if (family["children_placed_at_end_n"] or 0) > 0 or (reached == 0 and months >= MONTHS_BEFORE_RED):
        return "rød"
    if 2 * reached < goals or goals == 0:
        return "gul"
    return "grøn"


def _plain(value):
    """JSON-friendly: numpy integers to int, missing values to None."""
    if _missing(value):
        return None
    return value.item() if hasattr(value, "item") else value


def saving_sentence(outcome: dict, policy: Policy) -> str:
    """The saving in a sentence a manager reads at a glance: its interval and whether it is told apart from 0."""
    saving, low, high = (outcome.get(c) for c in ("cost_saving_dkk", "cost_saving_dkk_ci_low",
                                                   "cost_saving_dkk_ci_high"))
    matched = outcome.get("cost_saving_dkk_denominator") or 0
    if _missing(saving):
        return "Ingen besparelse beregnet: ingen forløb kunne matches med en sammenligningsgruppe."
    if matched < policy.threshold:
        return f"Besparelsen vises ikke: den hviler på færre end {policy.threshold} matchede forløb."
    verdict = ("kan skelnes fra nul" if float(low) > 0 or float(high) < 0 else
               "kan ikke skelnes fra nul: intervallet rummer 0")
    return (f"Besparelse {formatting.by_unit(saving, 'dkk')} (95 %-interval {formatting.by_unit(low, 'dkk')} til "
            f"{formatting.by_unit(high, 'dkk')}), {verdict}. {formatting.number(matched)} forløb matchet med "
            f"{formatting.number(outcome.get('comparison_families_n') or 0)} sammenligningsfamilier; metode: "
            f"{outcome.get('saving_method') or '–'}.")
