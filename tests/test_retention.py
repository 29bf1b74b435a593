"""Who is gone from every source for more than the retention years, on raw rows written by hand (today
2026-12-08, 5 years: gone means a last day before 2021-12-08)."""

import datetime as dt

import duckdb

from pipelines.ingest.contracts import all_contracts
from pipelines.privacy import people_gone
from tests.dbt.raw_tables import create_raw_tables, insert_rows

TODAY = dt.date(2026, 12, 8)


def test_people_gone_from_every_source():
    with duckdb.connect() as con:
        create_raw_tables(con)
        insert_rows(con, "cpr__personer", "420", "2026-12-07", [
            {"cpr": "moved", "foedselsdato": "1970-01-01", "fraflytning": "2015-03-01"},  # left long ago
            {"cpr": "died", "foedselsdato": "1930-01-01", "doedsdato": "2021-12-09"},  # not yet 5 years
            {"cpr": "resident", "foedselsdato": "1980-01-01"},  # no end: still here
            {"cpr": "returned", "foedselsdato": "1975-01-01", "fraflytning": "2012-01-01"},
        ])
        insert_rows(con, "jobcenter__ydelser", "420", "2026-12-07", [
            {"cpr": "benefit", "ydelse": "KONTANTHJAELP", "fra_dato": "2010-01-04", "til_dato": "2013-06-30"},
            {"cpr": "open", "ydelse": "KONTANTHJAELP", "fra_dato": "2009-01-05"},  # an open spell holds them
        ])
        insert_rows(con, "politi__haendelser", "420", "2026-12-07", [
            {"cpr": "returned", "dato": "2024-05-01", "type": "BEKYMRING"},  # seen again since moving out
            {"cpr": "event", "dato": "2019-02-01", "type": "BEKYMRING"},
        ])
        insert_rows(con, "skole__fravaer", "420", "2026-12-07", [{"cpr": "pupil"}])  # no dates: as of the extract
        assert people_gone(con, all_contracts(), 5, TODAY) == ["benefit", "event", "moved"]
        assert people_gone(con, all_contracts(), 10, TODAY) == ["benefit", "moved"]  # before 2016-12-08
