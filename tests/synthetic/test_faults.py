"""Faults by name: each defect is in the files, exactly where the sidecar says, and nowhere else."""
import hashlib
import json

import pytest
from stdnum.dk import cpr as cpr_number

from pipelines.ingest.contracts import contracts_by_source
from pipelines.synthetic import generate
from pipelines.synthetic.faults import FAULTS
from tests.synthetic.conftest import EXTRACT_DATE

DAY, PREVIOUS = EXTRACT_DATE.isoformat(), "2026-11-20"
REQUIRED = ("cpr", "jobcenter", "boern", "voksen", "program", "organisation")
# fault: (source, file, rule the warehouse reports, level), written out by hand from DECISIONS.md
EXPECTED = {
    "missing_manifest": ("voksen", "_manifest.json", "incomplete", "file"),
    "late": ("politi", None, "late", "file"),
    "duplicate_delivery": ("organisation", None, "duplicate", "file"),
    "truncated": ("cpr", "husstande.csv", "row_count_mismatch", "file"),
    "reencoded": ("boern", "indsatser.csv", "encoding", "file"),
    "missing_column": ("skole", "fravaer.csv", "missing_column", "file"),
    "unknown_codes": ("jobcenter", "maalgrupper.csv", "unknown_code", "row"),
    "bad_dates": ("jobcenter", "indsatser.csv", "invalid_date", "row"),
    "end_before_start": ("jobcenter", "sager.csv", "end_before_start", "row"),
    "malformed_cpr": ("jobcenter", "ydelser.csv", "invalid_cpr", "row"),
    "duplicate_keys": ("program", "maal.csv", "duplicate_key", "row"),
    "extra_column": ("program", "deltagelse.csv", "extra_column", "warning"),
    "too_many_fields": ("jobcenter", "maalgrupper.csv", "too_many_fields", "row"),
    "too_few_fields": ("program", "who5.csv", "too_few_fields", "row"),
    "unterminated_quote": ("jobcenter", "sager.csv", "malformed_quotes", "row"),
    "invalid_byte": ("jobcenter", "indsatser.csv", "invalid_encoding", "row"),
    "nul_byte": ("program", "screeninger.csv", "nul_byte", "row"),
}


def _landing(base, name, **kwargs):
    generate(base / name, residents=5000, seed=11, extract_date=EXTRACT_DATE, snapshots=2, **kwargs)
    return base / name / "420", base / f"{name}.truth.json"


@pytest.fixture(scope="module")
def landings(tmp_path_factory):
    """The same municipality twice: with every fault, and clean."""
    base = tmp_path_factory.mktemp("faults")
    root, truth = _landing(base, "faulty", faults=("all",))
    clean, _ = _landing(base, "clean")
    return root, clean, {entry["fault"]: entry for entry in json.loads(truth.read_text())["faults"]}


def lines(path) -> list[bytes]:
    """Data lines as delivered bytes (header and the final newline dropped)."""
    return path.read_bytes().split(b"\n")[1:-1]


def manifest(folder):
    return json.loads((folder / "_manifest.json").read_text())


def fields(line: bytes) -> list[str]:
    return line.decode("utf-8").split(";")


def test_all_means_every_fault_recorded_with_its_rule(landings):
    _, _, faults = landings
    assert set(faults) == set(FAULTS) == set(EXPECTED)
    recorded = {f: (e["source"], e["file"], e["rule"], e["level"]) for f, e in faults.items()}
    assert recorded == EXPECTED
    assert all(e["description"] and e["extract_date"] == DAY and e["kommunekode"] == "420" for e in faults.values())


def test_no_row_fault_in_a_snapshot_a_file_fault_rejects(landings):
    _, _, faults = landings
    rejected = {e["source"] for e in faults.values() if e["level"] == "file"}
    assert not rejected & {e["source"] for e in faults.values() if e["level"] != "file"}


def test_every_source_keeps_the_previous_days_snapshot_intact(landings):
    root, clean, _ = landings
    for source in REQUIRED:
        folder = root / source / PREVIOUS
        assert manifest(folder) == manifest(clean / source / PREVIOUS)
        for entry in manifest(folder)["tables"].values():
            assert (folder / entry["file"]).read_bytes() == (clean / source / PREVIOUS / entry["file"]).read_bytes()


def test_file_level_faults(landings):
    root, _, faults = landings
    assert not (root / "voksen" / DAY / "_manifest.json").exists()
    assert not (root / "politi" / DAY).exists() and (root / "politi" / PREVIOUS / "_manifest.json").exists()
    previous, today = root / "organisation" / PREVIOUS, root / "organisation" / DAY
    assert (previous / "sagsbehandlere.csv").read_bytes() == (today / "sagsbehandlere.csv").read_bytes()
    husstande = root / "cpr" / DAY
    announced = manifest(husstande)["tables"]["husstande"]["rows"]
    assert len(lines(husstande / "husstande.csv")) == announced - 3
    assert faults["truncated"]["rows"] == [announced - 2, announced - 1, announced]
    assert "fravaersdage" not in (root / "skole" / DAY / "fravaer.csv").read_text().split("\n")[0]


def test_extra_column_is_an_empty_column_at_the_end(landings):
    root, clean, _ = landings
    faulty = (root / "program" / DAY / "deltagelse.csv").read_text().split("\n")
    expected = (clean / "program" / DAY / "deltagelse.csv").read_text().split("\n")
    assert faulty == [expected[0] + ";kommentar"] + [line + ";" for line in expected[1:-1]] + [""]


def test_reencoded_file_has_several_non_ascii_lines_none_valid_utf8(landings):
    root, _, faults = landings
    path = root / "boern" / DAY / "indsatser.csv"
    non_ascii = [i + 1 for i, line in enumerate(lines(path)) if not line.isascii()]
    assert len(non_ascii) >= 2 and non_ascii == faults["reencoded"]["rows"]
    for i in non_ascii:
        with pytest.raises(UnicodeDecodeError):
            lines(path)[i - 1].decode("utf-8")
    assert manifest(path.parent)["encoding"] == "utf-8"


def _column(source, name, column):
    contract = next(c for c in contracts_by_source()[source] if c.table == name)
    return contract.column_names.index(column)


# fault -> what its rows look like next to the clean row, from the fault's description
ROW_CHECKS = {
    "unknown_codes": lambda bad, good: fields(bad)[1] == "UKENDT_KATEGORI" and fields(bad)[2:] == fields(good)[2:],
    "bad_dates": lambda bad, good: fields(bad)[2] == "2020-02-31" and fields(bad)[:2] == fields(good)[:2],
    "end_before_start": lambda bad, good: "" < fields(bad)[3] < fields(bad)[2] == fields(good)[2],
    "malformed_cpr": lambda bad, good: fields(bad)[0] == "32" + fields(good)[0][2:]
    and not cpr_number.is_valid(fields(bad)[0]),
    "too_many_fields": lambda bad, good: fields(bad)[:-1] == fields(good) and len(fields(bad)) == 5,
    "too_few_fields": lambda bad, good: fields(bad) == fields(good)[:-1] and len(fields(bad)) == 2,
    "unterminated_quote": lambda bad, good: bad.count(b'"') == 1 and bad.replace(b'"', b"") == good
    and fields(bad)[1].startswith('"'),
    "invalid_byte": lambda bad, good: bad.count(b"\xff") == 1 and bad.replace(b"\xff", b"") == good,
    "nul_byte": lambda bad, good: bad.count(b"\x00") == 1 and bad.replace(b"\x00", b"") == good
    and "\x00" in fields(bad)[2],
}


@pytest.mark.parametrize("fault", sorted(ROW_CHECKS))
def test_row_fault_sits_at_its_listed_rows(landings, fault):
    root, clean, faults = landings
    source, file, _, _ = EXPECTED[fault]
    bad, good = lines(root / source / DAY / file), lines(clean / source / DAY / file)
    listed = faults[fault]["rows"]
    assert len(listed) == (1 if fault == "invalid_byte" else 3)
    assert all(ROW_CHECKS[fault](bad[r - 1], good[r - 1]) for r in listed)


def test_files_with_row_faults_differ_from_the_clean_ones_only_at_listed_rows(landings):
    """Rows are edited in place; only duplicate_keys adds rows (copies of rows it leaves as they were)."""
    root, clean, faults = landings
    by_file = {}
    for fault, entry in faults.items():
        if entry["level"] == "row":
            rows = entry["rows"][3:] if fault == "duplicate_keys" else entry["rows"]
            by_file.setdefault((entry["source"], entry["file"]), []).extend(rows)
    for (source, file), listed in by_file.items():
        folder = root / source / DAY
        bad, good = lines(folder / file), lines(clean / source / DAY / file)
        edited = [i + 1 for i, (b, g) in enumerate(zip(bad, good)) if b != g]
        differing = edited + list(range(len(good) + 1, len(bad) + 1))
        assert sorted(listed) == differing, file
        entry = manifest(folder)["tables"][file.removesuffix(".csv")]
        assert entry["rows"] == len(bad)
        assert entry["sha256"] == hashlib.sha256((folder / file).read_bytes()).hexdigest()


def test_duplicate_keys_are_copies_appended_at_the_end(landings):
    root, clean, faults = landings
    bad, good = lines(root / "program" / DAY / "maal.csv"), lines(clean / "program" / DAY / "maal.csv")
    listed = faults["duplicate_keys"]["rows"]
    originals, copies = listed[:3], listed[3:]
    assert bad[:len(good)] == good and copies == [len(good) + 1, len(good) + 2, len(good) + 3]
    assert [bad[r - 1] for r in copies] == [good[r - 1] for r in originals]
    key = _column("program", "maal", "maal_id")
    ids = [fields(line)[key] for line in bad]
    assert [r for r in range(1, len(bad) + 1) if ids.count(ids[r - 1]) > 1] == sorted(listed)


@pytest.fixture(scope="module")
def cp1252(tmp_path_factory):
    base = tmp_path_factory.mktemp("cp1252")
    generate(base / "landing", residents=2000, seed=11, extract_date=EXTRACT_DATE, manifest_variant="cp1252",
             faults=("invalid_byte", "reencoded"))
    truth = json.loads((base / "landing.truth.json").read_text())
    return base / "landing" / "420", {entry["fault"]: entry for entry in truth["faults"]}


def test_invalid_byte_in_a_cp1252_delivery_is_0x81(cp1252):
    root, faults = cp1252
    (row,) = faults["invalid_byte"]["rows"]
    data = lines(root / "jobcenter" / DAY / "indsatser.csv")
    assert [i + 1 for i, line in enumerate(data) if b"\x81" in line] == [row]
    assert data[row - 1].count(b"\x81") == 1


def test_reencoded_cp1252_delivery_is_utf8_with_multibyte_text(cp1252):
    root, faults = cp1252
    path = root / "boern" / DAY / "indsatser.csv"
    text = path.read_bytes().decode("utf-8")
    assert manifest(path.parent)["encoding"] == "cp1252"
    assert len(faults["reencoded"]["rows"]) >= 2 and not text.isascii()
