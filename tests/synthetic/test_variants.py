"""Manifest variants: encoding with BOM or cp1252, day-first dates, decimal comma."""
import json

import duckdb
import pytest

from pipelines.synthetic import generate
from tests.synthetic.conftest import EXTRACT_DATE


def test_cp1252_day_first_decimal_comma(tmp_path):
    variant = "cp1252+day-first+decimal-comma"
    generate(tmp_path / "l", residents=5000, extract_date=EXTRACT_DATE, manifest_variant=variant)
    folder = tmp_path / "l" / "420" / "boern" / EXTRACT_DATE.isoformat()
    manifest = json.loads((folder / "_manifest.json").read_text())
    assert (manifest["encoding"], manifest["date_format"], manifest["decimal"]) == ("cp1252", "%d-%m-%Y", ",")
    text = (folder / "indsatser.csv").read_bytes().decode("cp1252")
    first = text.split("\n")[1].split(";")
    assert first[5][2] == "-" and first[5][5] == "-" and len(first[5]) == 10  # DD-MM-YYYY
    assert "," in first[8] and "." not in first[8].split(",")[1]
    assert any("." in line.split(";")[8] for line in text.split("\n")[1:-1])  # thousands mark: 1.234,50
    assert "Ø" in text or "Å" in text or "Æ" in text


def test_utf8_with_bom_reads_in_duckdb(tmp_path):
    generate(tmp_path / "l", residents=5000, extract_date=EXTRACT_DATE, manifest_variant="utf-8-sig")
    path = tmp_path / "l" / "420" / "cpr" / EXTRACT_DATE.isoformat() / "personer.csv"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert duckdb.read_csv(str(path), delimiter=";", header=True, all_varchar=True).columns[0] == "cpr"


def test_unknown_variant_is_refused(tmp_path):
    with pytest.raises(ValueError, match="unknown manifest variant"):
        generate(tmp_path / "l", residents=5000, extract_date=EXTRACT_DATE, manifest_variant="latin-9")
