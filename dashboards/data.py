"""Read-only access to the published warehouse; every page reads through here.

The nightly job replaces the warehouse file by atomic rename, so each query
opens its own short-lived read-only connection and never holds one open.
"""

import duckdb
import flask
import pandas as pd


def _query(sql: str, params: list | None = None) -> pd.DataFrame:
    warehouse = flask.current_app.config["HELHED_WAREHOUSE"]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql, params or []).df()


def _column(sql: str, params: list | None = None) -> list[str]:
    return [str(v) for v in _query(sql, params).iloc[:, 0]]


def municipalities() -> list[str]:
    return _column("select distinct kommunekode from analytics.program_outcomes order by 1")


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


def program_outcome(kommunekode: str, program: str, cohort: str) -> dict | None:
    rows = _query(
        """select * from analytics.program_outcomes
           where kommunekode = ? and program = ? and cohort = ?""",
        [kommunekode, program, cohort],
    )
    return None if rows.empty else rows.iloc[0].to_dict()


def indicators() -> pd.DataFrame:
    return _query(
        """select indicator_id, label_da, unit, seed_figure, seed_source, seed_program
           from analytics.indicators"""
    )


def _casemanager_clause(casemanager_id: str | None) -> tuple[str, list]:
    if casemanager_id is None:
        return "", []
    return " and casemanager_id::varchar = ?", [casemanager_id]


def program_families(kommunekode: str, program: str | None = None,
                     casemanager_id: str | None = None) -> pd.DataFrame:
    """The family board: enrolments, narrowed to a programme and a case manager if given."""
    clause, params = _casemanager_clause(casemanager_id)
    if program is not None:
        clause, params = clause + " and program = ?", params + [program]
    return _query(
        f"""select * from analytics.program_families
            where kommunekode = ?{clause}
            order by program, enrolment_start, familie_ref""",
        [kommunekode] + params,
    )


def casemanagers(kommunekode: str) -> list[str]:
    return _column(
        """select distinct casemanager_id::varchar from analytics.program_families
           where kommunekode = ? and casemanager_id is not null order by 1""",
        [kommunekode],
    )


def family_visible(family_id: str, casemanager_id: str | None) -> bool:
    """Whether the family has an enrolment on the board of this case manager (None: any)."""
    clause, params = _casemanager_clause(casemanager_id)
    found = _query(
        f"select 1 from analytics.program_families where family_id = ?{clause} limit 1",
        [family_id] + params,
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
