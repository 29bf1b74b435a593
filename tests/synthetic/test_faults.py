"""Faults by name: each defect is in the files, and the sidecar names file, rows and rule."""
import json

import pytest

from pipelines.synthetic import generate
from pipelines.synthetic.faults import FAULTS
from tests.synthetic.conftest import EXTRACT_DATE

DAY = EXTRACT_DATE.isoformat()


@pytest.fixture(scope="module")
def faulty(tmp_path_factory):
    base = tmp_path_factory.mktemp("faults")
    generate(base / "landing", residents=5000, extract_date=EXTRACT_DATE, faults=("all",))
    truth = json.loads((base / "landing.truth.json").read_text())
    return base / "landing" / "420", {entry["fault"]: entry for entry in truth["faults"]}


def lines(path, encoding="utf-8"):
    return path.read_bytes().decode(encoding).split("\n")[1:-1]


def manifest(folder):
    return json.loads((folder / "_manifest.json").read_text())


def test_all_means_every_fault_recorded(faulty):
    _, faults = faulty
    assert set(faults) == set(FAULTS)


def test_file_level_faults(faulty):
    root, faults = faulty
    assert not (root / "voksen" / DAY / "_manifest.json").exists()
    assert not (root / "politi" / DAY).exists() and (root / "politi" / "2026-11-20" / "_manifest.json").exists()
    previous, today = root / "organisation" / "2026-11-20", root / "organisation" / DAY
    assert (previous / "sagsbehandlere.csv").read_bytes() == (today / "sagsbehandlere.csv").read_bytes()
    maal = root / "program" / DAY
    assert len(lines(maal / "maal.csv")) == manifest(maal)["tables"]["maal"]["rows"] - 3
    assert faults["truncated"]["rows"] == [manifest(maal)["tables"]["maal"]["rows"] - i for i in (2, 1, 0)]
    assert "kommentar" in (root / "program" / DAY / "who5.csv").read_text().split("\n")[0]
    assert "fravaersdage" not in (root / "skole" / DAY / "fravaer.csv").read_text().split("\n")[0]


def test_reencoded_file_is_not_utf8(faulty):
    root, faults = faulty
    path = root / "boern" / DAY / "indsatser.csv"
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    assert faults["reencoded"]["rows"] and manifest(path.parent)["encoding"] == "utf-8"


@pytest.mark.parametrize("fault, table, column, check", [
    ("bad_dates", "jobcenter/indsatser", "fra_dato", lambda v, row: v == "2020-02-31"),
    ("unknown_codes", "jobcenter/maalgrupper", "kategori", lambda v, row: v == "UKENDT_KATEGORI"),
    ("malformed_cpr", "jobcenter/ydelser", "cpr", lambda v, row: v.startswith("32")),
    ("end_before_start", "jobcenter/sager", "til_dato", lambda v, row: v != "" and v < row["fra_dato"]),
])
def test_row_level_faults_at_listed_rows(faulty, fault, table, column, check):
    root, faults = faulty
    source, name = table.split("/")
    path = root / source / DAY / f"{name}.csv"
    header = path.read_text().split("\n")[0].split(";")
    rows = [dict(zip(header, line.split(";"))) for line in lines(path)]
    bad = [i + 1 for i, row in enumerate(rows) if check(row[column], row)]
    assert bad == faults[fault]["rows"] and len(bad) == 3
    assert manifest(path.parent)["tables"][name]["rows"] == len(rows)


def test_duplicate_keys_listed(faulty):
    root, faults = faulty
    ids = [line.split(";")[0] for line in lines(root / "boern" / DAY / "sager.csv")]
    listed = faults["duplicate_keys"]["rows"]
    assert len(listed) == 6 and all(ids.count(ids[r - 1]) == 2 for r in listed)
