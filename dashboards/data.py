"""Read-only access to the published warehouse; every page reads through here.

The nightly job replaces the warehouse file by atomic rename, so each query
opens its own short-lived read-only connection and never holds one open.
"""

import duckdb
import flask
import pandas as pd

from dashboards.disclosure import FAMILY_AMOUNTS


def _query(sql: str, params: list | None = None) -> pd.DataFrame:
    warehouse = flask.current_app.config["HELHED_WAREHOUSE"]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql, params or []).df()


def _column(sql: str, params: list | None = None) -> list[str]:
    return [str(v) for v in _query(sql, params).iloc[:, 0]]


def municipalities() -> list[str]:
    return _column("select distinct kommunekode from analytics.program_outcomes order by 1")


def period_years() -> list[str]:
    """The calendar years the warehouse covers, for the period filter: from the first enrolment or month of the
    operations indicators to the last."""
    return _column(
        """with bounds as (
               select min(enrolment_start) as first_day, max(enrolment_end) as last_day from analytics.program_families
               union all
               select min(month), max(month) from analytics.operations_month
           )
           select cast(range as varchar) from range(
               (select year(min(first_day)) from bounds), (select year(max(last_day)) + 1 from bounds))
           order by 1""")


def programmes(kommunekode: str) -> list[str]:
    return _column(
        "select distinct program from analytics.program_outcomes where kommunekode = ? order by 1",
        [kommunekode],
    )


def cohorts(kommunekode: str, program: str) -> list[str]:
    """'ALL' first, then the start years in order."""
    return _column(
        """select cohort from analytics.program_outcomes
           where kommunekode = ? and program = ?
           order by cohort <> 'ALL', cohort""",
        [kommunekode, program],
    )


def program_outcomes(kommunekode: str, program: str) -> list[dict]:
    """Every cohort's row of a programme ('ALL' and one per start year): disclosure control weighs them together."""
    return _query(
        """select * from analytics.program_outcomes
           where kommunekode = ? and program = ? order by cohort""",
        [kommunekode, program],
    ).to_dict("records")


def program_outcomes_everywhere(program: str) -> dict[str, list[dict]]:
    """Every municipality's rows of a programme (by name), municipality by municipality."""
    rows = _query("select * from analytics.program_outcomes where program = ? order by kommunekode, cohort",
                  [program]).to_dict("records")
    by_municipality: dict[str, list[dict]] = {}
    for row in rows:
        by_municipality.setdefault(str(row["kommunekode"]), []).append(row)
    return by_municipality


def family_amounts_everywhere(program: str) -> pd.DataFrame:
    """family_amounts for every municipality that runs the programme, with its `kommunekode`."""
    return _query(
        f"""select kommunekode, cast(year(enrolment_start) as varchar) as cohort, {", ".join(FAMILY_AMOUNTS.values())}
            from analytics.program_families where program = ?""",
        [program],
    )


def family_amounts(kommunekode: str, program: str) -> pd.DataFrame:
    """Per enrolment of the programme its cohort and the amounts the programme's mean costs are means of."""
    return _query(
        f"""select cast(year(enrolment_start) as varchar) as cohort, {", ".join(FAMILY_AMOUNTS.values())}
            from analytics.program_families where kommunekode = ? and program = ?""",
        [kommunekode, program],
    )


def indicators() -> pd.DataFrame:
    return _query(
        """select indicator_id, label_da, unit, seed_figure, seed_source, seed_program
           from analytics.indicators"""
    )


def program_families(kommunekode: str, casemanager_id: str, program: str | None = None) -> pd.DataFrame:
    """A case manager's family board: their enrolments, narrowed to a programme if given."""
    clause, params = (" and program = ?", [program]) if program is not None else ("", [])
    return _query(
        f"""select * from analytics.program_families
            where kommunekode = ? and casemanager_id::varchar = ?{clause}
            order by program, enrolment_start, familie_ref""",
        [kommunekode, casemanager_id] + params,
    )


def family_visible(family_id: str, casemanager_id: str) -> bool:
    """Whether the family has an enrolment on this case manager's board."""
    found = _query(
        "select 1 from analytics.program_families where family_id = ? and casemanager_id::varchar = ? limit 1",
        [family_id, casemanager_id],
    )
    return not found.empty


def family_month(family_id: str) -> pd.DataFrame:
    """One row per month for the family (the first programme's row if it is in several)."""
    return _query(
        """select * from analytics.family_month where family_id = ?
           qualify row_number() over (partition by month order by is_enrolled desc, program) = 1
           order by month""",
        [family_id],
    )


def family_timeline(family_id: str) -> pd.DataFrame:
    """The family's members' events over all its enrolments, each event once."""
    return _query(
        """select distinct person_id, member_role, event_kind, event_id, event_code, start_date, end_date, score
           from analytics.family_timeline where family_id = ? order by start_date, event_kind, event_id""",
        [family_id],
    )


def family_enrolments(family_id: str) -> pd.DataFrame:
    return _query("""select program, enrolment_start, enrolment_end from analytics.program_families
                     where family_id = ? order by enrolment_start""", [family_id])


def family_goals(family_id: str) -> pd.DataFrame:
    """The plan's goals of the family's enrolments, with the status's Danish label from the code list."""
    return _query(
        """select goals.program, goals.goal_id, goals.domain, goals.goal_status, statuses.label_da as status_label,
                  goals.created_date, goals.status_date
           from analytics.family_goals as goals
           left join reference.goal_statuses as statuses on goals.goal_status = statuses.code
           where goals.family_id = ? order by goals.created_date, goals.goal_id""",
        [family_id],
    )


def goal_statuses() -> pd.DataFrame:
    return _query("select code, label_da from reference.goal_statuses order by code")


def operations_months(kommunekode: str) -> pd.DataFrame:
    """The municipality's operations indicators, one row per month."""
    return _query("select * from analytics.operations_month where kommunekode = ? order by month", [kommunekode])


def operations_months_everywhere() -> pd.DataFrame:
    """Every municipality's caseload per caseworker, one row per municipality and month."""
    return _query("""select kommunekode, month, caseload_per_caseworker, caseload_per_caseworker_denominator
                     from analytics.operations_month order by kommunekode, month""")


def department_caseloads(kommunekode: str) -> pd.DataFrame:
    return _query(
        """select afdeling, month, caseworkers_n, caseload_per_caseworker from analytics.caseload_department_month
           where kommunekode = ? order by afdeling, month""", [kommunekode])


def event_study_costs(kommunekode: str, program: str) -> pd.DataFrame:
    return _query("""select * from analytics.event_study_costs where kommunekode = ? and program = ?
                     order by relative_month""", [kommunekode, program])


def comparison_balance(kommunekode: str, program: str) -> pd.DataFrame:
    return _query("""select covariate, enrolled_n, smd_before, smd_after from analytics.comparison_balance
                     where kommunekode = ? and program = ? order by covariate""", [kommunekode, program])


def family_year_costs(kommunekode: str, program: str) -> pd.DataFrame:
    """Per enrolled family and calendar year of its enrolled months: the cost of each component and the placement
    days; disclosure control weighs the families against each other."""
    return _query(
        """select year(month) as year, family_id,
                  sum(cost_income_support_dkk) as cost_income_support_dkk,
                  sum(cost_child_measures_dkk) as cost_child_measures_dkk,
                  sum(cost_placements_dkk) as cost_placements_dkk,
                  sum(cost_adult_measures_dkk) as cost_adult_measures_dkk,
                  sum(placement_days) as placement_days
           from analytics.family_month where kommunekode = ? and program = ? and is_enrolled
           group by all order by year, family_id""", [kommunekode, program])
