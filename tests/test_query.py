"""`helhed query` and `helhed shell`: read only, no file but the warehouse, a clear refusal otherwise."""

import hashlib
import json

import duckdb
import pytest

from pipelines.cli import main


@pytest.fixture
def warehouse(tmp_path):
    path = tmp_path / "helhed.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("create schema analytics")
        con.execute("create table analytics.program_outcomes as select * from (values "
                    "('420', 'Job og Familie', 'ALL', 10), ('420', 'Job og Familie', '2022', 4)) "
                    "as t(kommunekode, program, cohort, n_families)")
    return path


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_rows_as_csv_and_json(warehouse, capsys):
    sql = "select cohort, n_families from analytics.program_outcomes order by cohort"
    assert main(["query", sql, "--warehouse", str(warehouse), "--csv"]) == 0
    assert capsys.readouterr().out == "cohort,n_families\n2022,4\nALL,10\n"
    assert main(["query", sql, "--warehouse", str(warehouse), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"cohort": "2022", "n_families": 4},
                                                   {"cohort": "ALL", "n_families": 10}]


@pytest.mark.parametrize("sql, reason", [
    ("create table analytics.x as select 1", 'statement of type "CREATE"'),
    ("delete from analytics.program_outcomes", 'statement of type "DELETE"'),
    ("copy analytics.program_outcomes to '{out}'", "file system operations are disabled"),
    ("attach '{out}' as other", "file system operations are disabled"),
    ("select * from read_csv('/etc/passwd')", "file system operations are disabled"),
    ("set enable_external_access = true", "the configuration has been locked"),
])
def test_writes_and_files_are_refused_with_the_reason(warehouse, tmp_path, capsys, sql, reason):
    before, out = digest(warehouse), tmp_path / "out.csv"
    assert main(["query", sql.format(out=out), "--warehouse", str(warehouse)]) == 1
    error = capsys.readouterr().err
    assert error.startswith("helhed query: refused: the warehouse is read only") and reason in error
    assert digest(warehouse) == before and not out.exists()


def test_no_warehouse_is_one_clear_line(tmp_path, capsys):
    assert main(["query", "select 1", "--warehouse", str(tmp_path / "none.duckdb")]) == 1
    assert capsys.readouterr().err == (f"helhed query: no published warehouse at {tmp_path / 'none.duckdb'} "
                                       "(run `helhed run` first, or give --warehouse)\n")


def test_the_shell_runs_statements_over_lines_and_refuses_writes(warehouse, capsys, monkeypatch):
    lines = iter(["select n_families", "from analytics.program_outcomes where cohort = 'ALL';",
                  "drop table analytics.program_outcomes;", ".quit"])
    monkeypatch.setattr("builtins.input", lambda prompt: next(lines))
    assert main(["shell", "--warehouse", str(warehouse)]) == 0
    out = capsys.readouterr().out
    assert " n_families\n         10\n(1 rows)" in out
    assert 'refused: the warehouse is read only and no file can be read or written' in out
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("select count(*) from analytics.program_outcomes").fetchone() == (2,)
