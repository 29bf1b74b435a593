"""The expectation suites on the marts dbt builds from the hand-written families: every expectation passes."""
from __future__ import annotations

import pytest

from pipelines.quality.checks import PUBLISHED_TABLES
from pipelines.quality.suites import validate_table


@pytest.mark.parametrize("table", PUBLISHED_TABLES)
def test_every_expectation_passes_on_the_built_marts(warehouse, table):
    validation = validate_table(warehouse, table)
    assert [(r["expectation"], r["column_name"], r["observed"]) for r in validation.rows if not r["success"]] == []
