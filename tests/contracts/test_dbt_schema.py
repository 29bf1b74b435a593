"""The dbt sources and staging models on disk are exactly what the contracts render to."""
import re
from pathlib import Path

import yaml

from pipelines.ingest.dbt_schema import HAND_WRITTEN_SQL, rendered_files

REPO = Path(__file__).resolve().parents[2]
STAGING = REPO / "dbt" / "models" / "staging"


def test_files_on_disk_equal_their_rendering():
    stale = [p.name for p, text in rendered_files().items() if p.read_text(encoding="utf-8") != text]
    assert stale == []


def test_every_staging_file_comes_from_a_contract():
    rendered = {p.name for p in rendered_files()}
    hand_written = {f"stg_{name}.sql" for name in HAND_WRITTEN_SQL}
    on_disk = {p.name for p in STAGING.iterdir()}
    assert on_disk == rendered | hand_written
    assert len(on_disk) == 1 + 20 + 20


def _selected_columns(sql: str) -> list[str]:
    select = sql.split("renamed as (")[1].split("select\n")[1].split("from source")[0]
    return [re.split(r"\s+as\s+", line.strip().rstrip(","))[-1] for line in select.splitlines() if line.strip()]


def test_hand_written_sql_selects_the_columns_of_its_yaml():
    assert set(HAND_WRITTEN_SQL) == {"boern__underretninger", "skole__fravaer"}
    for name in HAND_WRITTEN_SQL:
        model = yaml.safe_load((STAGING / f"stg_{name}.yml").read_text(encoding="utf-8"))["models"][0]
        sql = (STAGING / f"stg_{name}.sql").read_text(encoding="utf-8")
        assert _selected_columns(sql) == [c["name"] for c in model["columns"]], name
    assert _selected_columns((STAGING / "stg_boern__underretninger.sql").read_text(encoding="utf-8")) == [
        "kommunekode", "extract_date", "source_row",
        "notification_id", "child_id", "received_date", "notification_source", "is_urgent",
    ]


def test_a_staging_model_renames_casts_and_tests_required_columns():
    sql = (STAGING / "stg_program__who5.sql").read_text(encoding="utf-8")
    assert "select * from {{ source('program', 'who5') }}" in sql
    assert "        cast(cpr as varchar) as person_id,\n" in sql
    assert "        cast(dato as date) as assessment_date,\n" in sql
    assert "        cast(score as bigint) as who5_score\n" in sql
    model = yaml.safe_load((STAGING / "stg_program__who5.yml").read_text(encoding="utf-8"))["models"][0]
    assert model["description"].startswith("One row per delivered row of program/who5.csv ")
    assert model["columns"][3] == {
        "name": "person_id",
        "description": "Personal number. Pseudonym (never the CPR number).",
        "data_tests": ["not_null"],
    }


def test_optional_columns_have_no_not_null_test():
    model = yaml.safe_load((STAGING / "stg_cpr__personer.yml").read_text(encoding="utf-8"))["models"][0]
    untested = [c["name"] for c in model["columns"] if "data_tests" not in c]
    assert untested == ["moved_in_date", "moved_out_date", "death_date"]


def test_a_staging_description_replaces_the_delivered_one():
    model = yaml.safe_load((STAGING / "stg_skole__fravaer.yml").read_text(encoding="utf-8"))["models"][0]
    month = next(c for c in model["columns"] if c["name"] == "month")
    assert month["description"] == "First day of the month the absence is counted for (delivered as YYYY-MM)."


def test_sources_name_every_raw_table_with_its_columns():
    sources = yaml.safe_load((STAGING / "_sources.yml").read_text(encoding="utf-8"))["sources"]
    tables = {(s["name"], t["name"]): t for s in sources for t in s["tables"]}
    assert len(tables) == 20 and all(s["schema"] == "raw" for s in sources)
    personer = tables[("cpr", "personer")]
    assert personer["identifier"] == "cpr__personer"
    assert [c["name"] for c in personer["columns"]] == [
        "kommunekode", "extract_date", "source_row", "cpr", "koen", "foedselsdato", "tilflytning", "fraflytning",
        "doedsdato",
    ]
