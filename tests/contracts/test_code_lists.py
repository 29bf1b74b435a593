"""Code lists live in the seeds; every contract carries an exact copy as `validValues` that outside tools can read."""
import csv
from functools import cache
from pathlib import Path

import yaml

from pipelines.ingest.code_lists import render_contract

REPO = Path(__file__).resolve().parents[2]
CONTRACTS = sorted((REPO / "data_contracts").glob("*.odcs.yaml"))

# (contract, column) -> seed, as the contracts referred to them before the codes were copied in.
CODED_COLUMNS = {
    ("boern__indsatser", "kode"): "child_measure_types",
    ("boern__indsatser", "takst_enhed"): "rate_units",
    ("boern__underretninger", "kilde"): "notification_sources",
    ("cpr__relationer", "relation"): "parent_relations",
    ("jobcenter__indsatser", "indsats"): "activation_types",
    ("jobcenter__maalgrupper", "kategori"): "target_groups",
    ("jobcenter__ydelser", "ydelse"): "benefit_types",
    ("organisation__sagsbehandlere", "afdeling"): "departments",
    ("politi__haendelser", "type"): "police_event_types",
    ("program__maal", "domaene"): "screening_domains",
    ("program__maal", "status"): "goal_statuses",
    ("program__screeninger", "domaene"): "screening_domains",
    ("voksen__indsatser", "paragraf"): "adult_measure_types",
    ("voksen__indsatser", "takst_enhed"): "rate_units",
}


def _seed_codes(name: str) -> list[str]:
    with open(REPO / "dbt" / "seeds" / f"{name}.csv", encoding="utf-8", newline="") as f:
        return [row["code"] for row in csv.DictReader(f)]


@cache
def _rules() -> dict[tuple[str, str], dict]:
    rules = {}
    for path in CONTRACTS:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        for prop in document["schema"][0]["properties"]:
            for rule in prop.get("quality", []):
                rules[(document["name"], prop["name"])] = rule
    return rules


def _seed_of(rule: dict) -> str | None:
    return next((p["value"] for p in rule.get("customProperties", []) if p["property"] == "codeList"), None)


def test_each_coded_column_names_its_seed():
    marked = {key: _seed_of(rule) for key, rule in _rules().items() if _seed_of(rule) is not None}
    assert marked == CODED_COLUMNS


def test_each_copy_equals_the_seed_codes_in_order():
    for key, seed in CODED_COLUMNS.items():
        assert _rules()[key]["arguments"]["validValues"] == _seed_codes(seed), key


def test_lists_without_a_seed_stay_inline():
    rules = _rules()
    inline = {key: rule["arguments"]["validValues"] for key, rule in rules.items() if key not in CODED_COLUMNS}
    assert inline == {
        ("boern__underretninger", "akut"): ["J", "N"],
        ("cpr__personer", "koen"): ["M", "K"],
        ("program__deltagelse", "rolle"): ["VOKSEN", "BARN"],
    }


def test_the_generator_has_nothing_to_write():
    texts = {p.name: p.read_text(encoding="utf-8") for p in CONTRACTS}
    stale = [name for name, text in texts.items() if render_contract(text) != text]
    assert stale == []


def test_the_generator_copies_a_changed_seed_and_keeps_the_rest():
    text = (
        "# Data contract for demo/x.csv.\n"
        "schema:\n"
        "- name: x\n"
        "  properties:\n"
        "  - name: enhed\n"
        "    quality:\n"
        "    - name: enhed_in_code_list\n"
        "      metric: invalidValues\n"
        "      arguments:\n"
        "        validValues:\n"
        "        - DAG\n"
        "      mustBe: 0\n"
        "      customProperties:\n"
        "      - property: codeList\n"
        "        value: rate_units\n"
        "  - name: svar\n"
        "    quality:\n"
        "    - metric: invalidValues\n"
        "      arguments:\n"
        "        validValues:\n"
        "        - J\n"
    )
    rendered = render_contract(text)
    assert rendered.startswith("# Data contract for demo/x.csv.\nschema:\n")
    enhed, svar = yaml.safe_load(rendered)["schema"][0]["properties"]
    assert enhed["quality"][0]["arguments"]["validValues"] == ["DAG", "UGE", "MAANED", "TIME", "ENGANG"]
    assert enhed["quality"][0]["description"] == (
        "Copy of the `code` column of dbt/seeds/rate_units.csv (see data_contracts/README.md)."
    )
    assert svar["quality"][0]["arguments"]["validValues"] == ["J"]
