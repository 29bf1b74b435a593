"""Row rules: broken rows go to quarantine with file, row and rule; valid rows arrive typed; nothing is lost."""

from pipelines.ingest.sources import ingest_source
from tests.landing_builder import write_snapshot

MEASURE = {"indsats_id": "I1", "sag_id": "BS1", "cpr_barn": "0101154321", "kode": "ANBRINGELSE_FAMILIEPLEJE",
           "start": "01-03-2020", "takst_kr": "1.234,50", "takst_enhed": "DAG"}


def test_cp1252_day_first_dates_and_decimal_comma_are_parsed(con, landing):
    case = {"sag_id": "BS1", "cpr_barn": "010115-4321", "aabnet": "01-02-2020", "lukkeaarsag": "Flyttet til Århus"}
    write_snapshot(landing, "420", "boern", "2026-11-21", {"sager": [case], "indsatser": [MEASURE]},
                   encoding="cp1252", date_format="%d-%m-%Y", decimal=",")
    ingest_source(con, landing, "boern")
    assert con.execute("SELECT aabnet::VARCHAR, lukkeaarsag FROM raw.boern__sager").fetchall() == [
        ("2020-02-01", "Flyttet til Århus")]
    measures = con.execute("SELECT takst_kr, start::VARCHAR FROM raw.boern__indsatser").fetchall()
    assert measures == [(1234.5, "2020-03-01")]


def test_broken_rows_are_quarantined_with_file_row_and_rule(con, landing):
    rows = [
        {"sag_id": "OK", "cpr_barn": "010115-4321", "aabnet": "2020-02-01"},
        {"sag_id": "BADDATE", "cpr_barn": "010115-4321", "aabnet": "2020-02-31"},
        {"sag_id": "BACKWARDS", "cpr_barn": "010115-4321", "aabnet": "2021-02-01", "lukket": "2021-01-01"},
        {"sag_id": "BADCPR", "cpr_barn": "321315-4321", "aabnet": "2020-02-01"},
        {"sag_id": "TWICE", "cpr_barn": "010115-4321", "aabnet": "2020-02-01"},
        {"sag_id": "TWICE", "cpr_barn": "010115-4321", "aabnet": "2020-03-01"},
        {"sag_id": "NOCHILD", "aabnet": "2020-02-01"},
    ]
    write_snapshot(landing, "420", "boern", "2026-11-21", {"sager": rows})
    ingest_source(con, landing, "boern")
    quarantined = con.execute(
        "SELECT file, source_row, line, rule, column_name FROM audit.quarantine ORDER BY source_row, rule").fetchall()
    assert quarantined == [
        ("sager.csv", 2, 3, "invalid_date", "aabnet"),
        ("sager.csv", 3, 4, "end_before_start", "lukket"),
        ("sager.csv", 4, 5, "invalid_cpr", "cpr_barn"),
        ("sager.csv", 5, 6, "duplicate_key", "sag_id"),
        ("sager.csv", 6, 7, "duplicate_key", "sag_id"),
        ("sager.csv", 7, 8, "required", "cpr_barn"),
    ]
    assert con.execute("SELECT sag_id FROM raw.boern__sager").fetchall() == [("OK",)]
    delivered, loaded, in_quarantine = con.execute(
        "SELECT rows_delivered, rows_loaded, rows_quarantined FROM audit.file_loads WHERE table_name = 'boern__sager'"
    ).fetchone()
    distinct_quarantined = con.execute("SELECT count(DISTINCT source_row) FROM audit.quarantine").fetchone()[0]
    assert (delivered, loaded, in_quarantine, distinct_quarantined) == (7, 1, 6, 6)


def test_unknown_code_is_quarantined_and_its_value_reported(con, landing):
    measure = dict(MEASURE, kode="ANBRINGELSE_MAANEN", start="2020-03-01", takst_kr="10")
    write_snapshot(landing, "420", "boern", "2026-11-21", {"indsatser": [measure]})
    ingest_source(con, landing, "boern")
    assert con.execute("SELECT rule, detail FROM audit.quarantine").fetchall() == [
        ("unknown_code", "value: ANBRINGELSE_MAANEN")]


def test_quarantined_rows_hold_pseudonyms_not_cpr_numbers(con, landing):
    write_snapshot(landing, "420", "boern", "2026-11-21",
                   {"sager": [{"sag_id": "X", "cpr_barn": "010115-4321", "aabnet": "not a date"}]})
    ingest_source(con, landing, "boern")
    (row_json,) = con.execute("SELECT row_json FROM audit.quarantine").fetchone()
    assert "4321" not in row_json and "010115" not in row_json


def test_cpr_numbers_typed_into_free_text_are_masked_in_raw_and_quarantine(con, landing):
    rows = [
        {"sag_id": "OK", "cpr_barn": "010115-4321", "aabnet": "2020-02-01",
         "lukkeaarsag": "Flyttet til far 0101804321"},
        {"sag_id": "BAD", "cpr_barn": "010115-4321", "aabnet": "2020-02-31", "lukkeaarsag": "Se 010180-4321 og 010115"},
    ]
    write_snapshot(landing, "420", "boern", "2026-11-21", {"sager": rows})
    ingest_source(con, landing, "boern")
    assert con.execute("SELECT lukkeaarsag FROM raw.boern__sager").fetchall() == [("Flyttet til far <masked>",)]
    (row_json,) = con.execute("SELECT row_json FROM audit.quarantine").fetchone()
    assert '"lukkeaarsag":"Se <masked> og 010115"' in row_json


def test_cpr_shaped_identifier_is_quarantined_not_masked_into_another_row(con, landing):
    # Masked, the two measures would both be `<masked>`: one record, with the other's case and dates.
    measures = [dict(MEASURE, indsats_id="0101804321", start="2020-03-01", takst_kr="10"),
                dict(MEASURE, indsats_id="0201804321", start="2020-04-01", takst_kr="10"),
                dict(MEASURE, indsats_id="I3", sag_id="BS 010180-4321", start="2020-05-01", takst_kr="10")]
    write_snapshot(landing, "420", "boern", "2026-11-21", {"indsatser": measures})
    ingest_source(con, landing, "boern")
    assert con.execute("SELECT count(*) FROM raw.boern__indsatser").fetchone() == (0,)
    quarantined = con.execute(
        "SELECT source_row, rule, column_name, detail, row_json FROM audit.quarantine ORDER BY source_row").fetchall()
    assert [row[:4] for row in quarantined] == [
        (1, "cpr_shaped_text", "indsats_id", "value: <masked>"),
        (2, "cpr_shaped_text", "indsats_id", "value: <masked>"),
        (3, "cpr_shaped_text", "sag_id", "value: BS <masked>"),
    ]
    assert not any("4321" in row[4] for row in quarantined)


def test_cpr_number_outside_the_contract_pattern_is_quarantined(con, landing):
    # stdnum accepts "010115 4321" (it drops the space); the contract allows only DDMMYY-SSSS or DDMMYYSSSS.
    rows = [{"sag_id": "SPACE", "cpr_barn": "010115 4321", "aabnet": "2020-02-01"},
            {"sag_id": "DASH", "cpr_barn": "010115-4321", "aabnet": "2020-02-01"}]
    write_snapshot(landing, "420", "boern", "2026-11-21", {"sager": rows})
    ingest_source(con, landing, "boern")
    assert con.execute("SELECT sag_id FROM raw.boern__sager").fetchall() == [("DASH",)]
    assert con.execute("SELECT source_row, rule, column_name, detail FROM audit.quarantine").fetchall() == [
        (1, "pattern", "cpr_barn", None)]
