"""The landing files have exactly the form of docs/extracts.md."""
import csv
import hashlib
import json
import re

import duckdb
import pytest
import yaml
from stdnum.dk import cpr as cpr_number


SOURCES = {"cpr", "jobcenter", "boern", "voksen", "program", "organisation", "politi", "skole"}
CPR_COLUMNS = {"cpr", "cpr_barn", "cpr_foraelder"}
CPR_LIKE = re.compile(r"\d{6}-?\d{4}")


def contract_columns(source, table):
    from pathlib import Path
    path = Path(__file__).resolve().parents[2] / "data_contracts" / f"{source}__{table}.odcs.yaml"
    return [p["name"] for p in yaml.safe_load(path.read_text())["schema"][0]["properties"]]


def snapshots(landing):
    return sorted(landing.glob("*/*/*/_manifest.json"))


def test_every_source_of_both_municipalities_and_both_snapshots(small_landing):
    landing, summary = small_landing
    found = {(p.parts[-4], p.parts[-3], p.parts[-2]) for p in snapshots(landing)}
    expected = {(k, s, d) for k in ("420", "461") for s in SOURCES for d in ("2026-11-20", "2026-11-21")}
    assert found == expected
    assert summary.extract_dates == ["2026-11-20", "2026-11-21"]


def test_manifest_matches_files(small_landing):
    landing, _ = small_landing
    for manifest_path in snapshots(landing):
        manifest = json.loads(manifest_path.read_text())
        assert manifest["kommunekode"] == manifest_path.parts[-4] and manifest["source"] == manifest_path.parts[-3]
        assert manifest["extract_date"] == manifest_path.parts[-2]
        assert (manifest["encoding"], manifest["delimiter"], manifest["date_format"], manifest["decimal"]) == \
            ("utf-8", ";", "%Y-%m-%d", ".")
        for table, entry in manifest["tables"].items():
            data = (manifest_path.parent / entry["file"]).read_bytes()
            assert hashlib.sha256(data).hexdigest() == entry["sha256"]
            with (manifest_path.parent / entry["file"]).open(encoding="utf-8", newline="") as handle:
                rows = list(csv.reader(handle, delimiter=";"))
            assert rows[0] == contract_columns(manifest["source"], table)
            assert len(rows) - 1 == entry["rows"]
            assert all(len(r) == len(rows[0]) for r in rows)


def test_duckdb_reads_every_file(small_landing):
    landing, _ = small_landing
    for path in landing.glob("420/*/2026-11-21/*.csv"):
        relation = duckdb.read_csv(str(path), delimiter=";", header=True, all_varchar=True)
        assert relation.columns == contract_columns(path.parts[-3], path.stem)


def test_cpr_numbers_valid_unique_and_only_in_cpr_columns(small_landing):
    landing, _ = small_landing
    people = list(csv.DictReader((landing / "420/cpr/2026-11-21/personer.csv").open(encoding="utf-8"), delimiter=";"))
    numbers = [p["cpr"] for p in people]
    assert len(numbers) == len(set(numbers)) > 4000
    for person in people:
        assert cpr_number.is_valid(person["cpr"])
        assert cpr_number.get_birth_date(person["cpr"]).isoformat() == person["foedselsdato"]
        assert int(person["cpr"][-1]) % 2 == (1 if person["koen"] == "M" else 0)
    for path in landing.glob("*/*/2026-11-21/*.csv"):
        for row in csv.DictReader(path.open(encoding="utf-8"), delimiter=";"):
            for column, value in row.items():
                assert column in CPR_COLUMNS or not CPR_LIKE.search(value), (path.name, column)


def test_ten_years_of_history(small_landing):
    landing, _ = small_landing
    support = list(csv.DictReader((landing / "420/jobcenter/2026-11-21/ydelser.csv").open(), delimiter=";"))
    cases = list(csv.DictReader((landing / "420/boern/2026-11-21/sager.csv").open(), delimiter=";"))
    assert min(r["fra_dato"] for r in support) <= "2016-11-21"
    assert min(r["aabnet"] for r in cases) <= "2016-11-21"


def test_earlier_snapshot_does_not_know_the_last_day(small_landing):
    landing, _ = small_landing
    for path in landing.glob("*/*/2026-11-20/*.csv"):
        text = path.read_text(encoding="utf-8")
        assert "2026-11-21" not in text, path


def test_effect_truth_in_sidecar_outside_landing(small_landing):
    landing, summary = small_landing
    truth = json.loads((landing.parent / "landing.truth.json").read_text())
    assert not list(landing.rglob("*.truth.json"))
    assert summary.true_saving_dkk > 0
    for municipality in truth["municipalities"].values():
        assert municipality["true_saving_dkk"] == pytest.approx(
            municipality["cost_without_effect_dkk"] - municipality["cost_with_effect_dkk"], abs=0.05)
