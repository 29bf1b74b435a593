import duckdb
import pytest

from pipelines.ingest.sources import prepare


@pytest.fixture
def con():
    """An in-memory warehouse with the raw and audit tables, ready to load into."""
    con = duckdb.connect()
    prepare(con, b"test-key")
    yield con
    con.close()
