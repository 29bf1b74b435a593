"""Clean generated extracts pass every file and row rule of the data contracts, as the loader applies them."""
import duckdb

from pipelines.ingest.contracts import contracts_by_source
from pipelines.ingest.sources import ingest_source, prepare


def test_clean_extracts_load_without_quarantine_or_rejection(cohort_landing):
    con = duckdb.connect()
    prepare(con, b"test-key")
    for source in contracts_by_source():
        ingest_source(con, cohort_landing, source)
    rejected = con.execute("SELECT source, reason FROM audit.snapshots WHERE status <> 'loaded'").fetchall()
    quarantined = con.execute(
        "SELECT table_name, rule, count(*) FROM audit.quarantine GROUP BY ALL ORDER BY ALL").fetchall()
    assert rejected == []
    assert quarantined == []
    loaded = dict(con.execute("SELECT table_name, rows_loaded FROM audit.file_loads").fetchall())
    assert loaded["cpr__personer"] > 100_000 and loaded["program__deltagelse"] > 0
