"""Lines that cannot be parsed are row faults: quarantined with file, line and rule, every other line loads."""
import hashlib
import json

from pipelines.ingest.sources import ingest_source
from tests.landing_builder import write_snapshot

CHILD = "010115-4321"
HEADER = b"sag_id;cpr_barn;aabnet;lukket;sagsbehandler_id;lukkeaarsag\n"


def _deliver(landing, body: bytes, encoding: str = "utf-8", lines: int | None = None):
    """A boern snapshot whose sager.csv is HEADER + `body`, with a manifest that matches it."""
    folder = write_snapshot(landing, "420", "boern", "2026-11-21", {}, encoding=encoding)
    data = HEADER + body
    (folder / "sager.csv").write_bytes(data)
    manifest = json.loads((folder / "_manifest.json").read_text())
    count = body.count(b"\n") + (0 if body.endswith(b"\n") or not body else 1)
    manifest["tables"]["sager"].update(rows=lines if lines is not None else count, sha256=hashlib.sha256(data).hexdigest())
    (folder / "_manifest.json").write_text(json.dumps(manifest))


MALFORMED = (
    b"A;010115-4321;2020-02-01;;SB1;\n"  # line 2: fine
    b"B;010115-4321;2020-02-01;;SB1;;ekstra\n"  # 3: one field too many
    b"C;010115-4321;2020-02-01\n"  # 4: too few
    b'D;010115-4321;2020-02-01;;SB1;"Flyttet\n'  # 5: the quote never ends
    b"E;010115-4321;2020-02-01;;SB\x001;\n"  # 6: a NUL byte
    b"F;010115-4321;2020-02-01;;SB1;\xff\n"  # 7: not UTF-8
    b"G;010115-4321;2020-02-01;;SB1\r;\n"  # 8: a carriage return inside the line
    b'H;010115-4321;2020-02-01;;SB1;"Flyttet; til \xc3\x85rhus"\n'  # 9: fine, a quoted delimiter
    b"\n"  # 10: empty
    b"I;010115-4321;2020-02-01;;SB1;"  # 11: fine, no newline at the end
)


def test_malformed_lines_are_quarantined_and_every_other_line_loads(con, landing):
    _deliver(landing, MALFORMED)
    outcome = ingest_source(con, landing, "boern")
    assert str(outcome.loaded["420"]) == "2026-11-21"
    assert con.execute("SELECT sag_id, source_row, lukkeaarsag FROM raw.boern__sager ORDER BY source_row").fetchall() == [
        ("A", 1, None), ("H", 8, "Flyttet; til Århus"), ("I", 10, None)]
    assert con.execute("SELECT line, source_row, rule FROM audit.quarantine ORDER BY line").fetchall() == [
        (3, 2, "too_many_fields"), (4, 3, "too_few_fields"), (5, 4, "malformed_quotes"), (6, 5, "nul_byte"),
        (7, 6, "invalid_encoding"), (8, 7, "stray_carriage_return"), (10, 9, "too_few_fields")]
    assert con.execute("SELECT rows_delivered, rows_loaded, rows_quarantined FROM audit.file_loads "
                       "WHERE file = 'sager.csv'").fetchone() == (10, 3, 7)


def test_quarantined_lines_are_stored_pseudonymised_and_masked(con, landing):
    _deliver(landing, b"B;010115-4321;2020-02-01;;SB1;far 010180 4321;ekstra\nE;010115-4321;x\x00;\n")
    ingest_source(con, landing, "boern")
    (pseudonym,) = con.execute("SELECT DISTINCT cpr_barn FROM raw.boern__sager").fetchone() or (None,)
    rows = con.execute("SELECT line, detail, raw_line FROM audit.quarantine ORDER BY line").fetchall()
    assert rows[0][1] == "7 fields, the header has 6"
    parts = rows[0][2].split(";")
    assert parts[0] == "B" and parts[1].startswith("p") and len(parts[1]) == 21
    assert parts[5] == "far <masked>"
    assert rows[1][1:] == ("the line holds a NUL byte", "E;" + parts[1] + ";x\\x00;")
    assert pseudonym is None  # nothing loaded: both lines were faults
    assert not any("4321" in text for _, _, text in rows)


def test_one_stray_byte_is_a_row_fault_not_a_wrong_encoding(con, landing):
    _deliver(landing, "A;010115-4321;2020-02-01;;SB1;Århus\n".encode() + b"B;010115-4321;2020-02-01;;SB1;\xe5\n")
    ingest_source(con, landing, "boern")
    assert con.execute("SELECT sag_id, lukkeaarsag FROM raw.boern__sager").fetchall() == [("A", "Århus")]
    assert con.execute("SELECT line, rule, raw_line FROM audit.quarantine").fetchall() == [
        (3, "invalid_encoding", "B;" + con.execute("SELECT cpr_barn FROM raw.boern__sager").fetchone()[0]
         + ";2020-02-01;;SB1;\\xe5")]


def test_cp1252_byte_with_no_character_is_a_row_fault(con, landing):
    _deliver(landing, "A;010115-4321;2020-02-01;;SB1;Århus\n".encode("cp1252") + b"B;010115-4321;2020-02-01;;SB1;\x81\n",
             encoding="cp1252")
    ingest_source(con, landing, "boern")
    assert con.execute("SELECT sag_id, lukkeaarsag FROM raw.boern__sager").fetchall() == [("A", "Århus")]
    assert con.execute("SELECT line, rule FROM audit.quarantine").fetchall() == [(3, "invalid_encoding")]


def test_windows_line_ends_load_without_carriage_returns(con, landing):
    _deliver(landing, b"A;010115-4321;2020-02-01;;SB1;x\r\nB;010115-4321;2020-02-01;;SB1;y\r\n")
    ingest_source(con, landing, "boern")
    assert con.execute("SELECT sag_id, source_row, lukkeaarsag FROM raw.boern__sager ORDER BY 2").fetchall() == [
        ("A", 1, "x"), ("B", 2, "y")]


def test_manifest_counts_malformed_lines_too(con, landing):
    _deliver(landing, b"A;010115-4321;2020-02-01;;SB1;\nB;too;few\n", lines=1)
    ingest_source(con, landing, "boern")
    assert con.execute("SELECT status, file, rule FROM audit.snapshots").fetchall() == [
        ("rejected", "sager.csv", "row_count_mismatch")]
