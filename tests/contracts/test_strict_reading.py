"""A contract is read strictly: anything outside the ODCS subset the project knows is an error naming file and key."""
import pytest
import yaml

from pipelines.ingest import contracts
from pipelines.ingest.contracts import Column, ContractError, read_contract


def _contract() -> dict:
    return {
        "apiVersion": "v3.1.0",
        "kind": "DataContract",
        "id": "helhed-demo-visits",
        "name": "demo__visits",
        "version": "1.0.0",
        "status": "active",
        "domain": "demo",
        "dataProduct": "helhed-landing",
        "description": {"purpose": "Visits; one row per visit.", "usage": "See docs/extracts.md."},
        "schema": [{
            "name": "visits",
            "physicalName": "visits.csv",
            "physicalType": "file",
            "logicalType": "object",
            "description": "Visits; one row per visit.",
            "properties": [
                {
                    "name": "cpr", "logicalType": "string", "physicalType": "VARCHAR", "required": True,
                    "description": "Personal number.", "primaryKey": True,
                    "customProperties": [{"property": "pseudonymise", "value": True},
                                         {"property": "stagingName", "value": "person_id"}],
                    "logicalTypeOptions": {"pattern": r"^\d{6}-?\d{4}$"},
                },
                {
                    "name": "kind", "logicalType": "string", "physicalType": "VARCHAR", "required": False,
                    "description": "Kind.", "customProperties": [{"property": "stagingName", "value": "kind"}],
                    "quality": [{
                        "name": "kind_in_code_list", "type": "library", "metric": "invalidValues",
                        "arguments": {"validValues": ["HOME", "CLINIC"]}, "mustBe": 0,
                        "customProperties": [{"property": "codeList", "value": "visit_kinds"}],
                    }],
                },
                {
                    "name": "start", "logicalType": "date", "physicalType": "DATE", "required": True,
                    "description": "Start.", "customProperties": [{"property": "stagingName", "value": "start_date"}],
                    "logicalTypeOptions": {"format": "manifest date_format"},
                },
                {
                    "name": "stop", "logicalType": "date", "physicalType": "DATE", "required": False,
                    "description": "Stop.", "customProperties": [{"property": "stagingName", "value": "end_date"}],
                },
                {
                    "name": "minutes", "logicalType": "integer", "physicalType": "BIGINT", "required": False,
                    "description": "Minutes.", "customProperties": [{"property": "stagingName", "value": "minutes"}],
                    "logicalTypeOptions": {"minimum": 0, "maximum": 600},
                },
            ],
            "quality": [{
                "name": "end_not_before_start", "type": "custom", "engine": "helhed",
                "implementation": "endNotBeforeStart", "arguments": {"start": "start", "end": "stop"},
            }],
        }],
        "customProperties": [
            {"property": "source", "value": "demo"},
            {"property": "table", "value": "visits"},
            {"property": "sourceRequired", "value": False},
        ],
    }


def _write(tmp_path, document: dict):
    path = tmp_path / "demo__visits.odcs.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return path


def _error(tmp_path, document: dict) -> str:
    with pytest.raises(ContractError) as raised:
        read_contract(_write(tmp_path, document))
    message = str(raised.value)
    assert message.startswith("demo__visits.odcs.yaml is not a valid contract")
    return message


def test_a_valid_contract_reads_into_the_loaders_columns(tmp_path):
    contract = read_contract(_write(tmp_path, _contract()))
    assert (contract.source, contract.table, contract.file_name) == ("demo", "visits", "visits.csv")
    assert contract.source_required is False
    assert contract.spells == (("start", "stop"),)
    assert contract.columns == (
        Column("cpr", "string", True, True, True, False, None, r"^\d{6}-?\d{4}$", None, None),
        Column("kind", "string", False, False, False, False, ("HOME", "CLINIC"), None, None, None),
        Column("start", "date", True, False, False, False, None, None, None, None),
        Column("stop", "date", False, False, False, False, None, None, None, None),
        Column("minutes", "integer", False, False, False, False, None, None, 0, 600),
    )


def test_free_text_is_read_from_its_custom_property(tmp_path):
    document = _contract()
    kind = document["schema"][0]["properties"][1]
    kind["customProperties"].insert(0, {"property": "freeText", "value": True})
    columns = read_contract(_write(tmp_path, document)).columns
    assert [c.name for c in columns if c.free_text] == ["kind"]


def test_unknown_top_level_key(tmp_path):
    document = _contract()
    document["owner"] = "someone"
    assert "owner: unknown key" in _error(tmp_path, document)


def test_unknown_key_of_a_column(tmp_path):
    document = _contract()
    document["schema"][0]["properties"][2]["nullable"] = True
    assert "schema[0].properties[2].nullable: unknown key" in _error(tmp_path, document)


def test_unknown_logical_type_option(tmp_path):
    document = _contract()
    document["schema"][0]["properties"][4]["logicalTypeOptions"]["exclusiveMaximum"] = 601
    assert "properties[4].logicalTypeOptions.exclusiveMaximum: unknown key" in _error(tmp_path, document)


def test_unknown_metric(tmp_path):
    document = _contract()
    document["schema"][0]["properties"][1]["quality"][0]["metric"] = "invalidValue"
    message = _error(tmp_path, document)
    assert "properties[1].quality[0].metric: unknown value 'invalidValue', expected 'invalidValues'" in message


def test_unknown_implementation(tmp_path):
    document = _contract()
    document["schema"][0]["quality"][0]["implementation"] = "endAfterStart"
    message = _error(tmp_path, document)
    assert "schema[0].quality[0].implementation: unknown value 'endAfterStart', expected 'endNotBeforeStart'" in message


def test_unknown_custom_property_of_a_column(tmp_path):
    document = _contract()
    document["schema"][0]["properties"][0]["customProperties"][0]["property"] = "pseudonymize"
    message = _error(tmp_path, document)
    assert "properties[0].customProperties[0]: unknown custom property 'pseudonymize'" in message


def test_unknown_custom_property_of_the_contract(tmp_path):
    document = _contract()
    document["customProperties"].append({"property": "owner", "value": "someone"})
    assert "customProperties[3]: unknown custom property 'owner'" in _error(tmp_path, document)


def test_unknown_custom_property_of_a_quality_rule(tmp_path):
    document = _contract()
    document["schema"][0]["properties"][1]["quality"][0]["customProperties"][0]["property"] = "seed"
    assert "quality[0].customProperties[0].property: unknown value 'seed'" in _error(tmp_path, document)


def test_code_list_by_reference_is_no_longer_read(tmp_path):
    document = _contract()
    document["schema"][0]["properties"][1]["quality"][0]["arguments"] = {"referenceCodeList": "visit_kinds"}
    message = _error(tmp_path, document)
    assert "quality[0].arguments.referenceCodeList: unknown key" in message
    assert "quality[0].arguments.validValues: Field required" in message


def test_a_custom_property_value_of_the_wrong_type(tmp_path):
    document = _contract()
    document["schema"][0]["properties"][0]["customProperties"][0]["value"] = "yes"
    assert "customProperties[0].pseudonymise.value: Input should be a valid boolean" in _error(tmp_path, document)


def test_every_column_names_its_staging_column(tmp_path):
    document = _contract()
    document["schema"][0]["properties"][0]["customProperties"].pop()
    assert "properties[0]: customProperties must name the staging column (stagingName)" in _error(tmp_path, document)


def test_a_spell_names_columns_of_the_table(tmp_path):
    document = _contract()
    document["schema"][0]["quality"][0]["arguments"]["end"] = "slut"
    assert "schema[0]: quality rule end_not_before_start names unknown columns: slut" in _error(tmp_path, document)


def test_physical_type_follows_the_logical_type(tmp_path):
    document = _contract()
    document["schema"][0]["properties"][4]["physicalType"] = "INTEGER"
    assert "properties[4]: physicalType must be BIGINT for logicalType integer" in _error(tmp_path, document)


def test_every_problem_is_reported_at_once(tmp_path):
    document = _contract()
    document["tenant"] = "x"
    document["schema"][0]["properties"][3]["logicalType"] = "datetime"
    message = _error(tmp_path, document)
    assert "tenant: unknown key" in message
    assert "properties[3].logicalType: unknown value 'datetime'" in message


def test_a_bad_contract_stops_reading_all_contracts(tmp_path, monkeypatch):
    document = _contract()
    document["schema"][0]["properties"][1]["quality"][0]["metric"] = "distinctValues"
    _write(tmp_path, document)
    monkeypatch.setattr(contracts, "CONTRACTS_DIR", tmp_path)
    contracts.all_contracts.cache_clear()
    try:
        with pytest.raises(ContractError, match="demo__visits.odcs.yaml"):
            contracts.all_contracts()
    finally:
        contracts.all_contracts.cache_clear()


def test_every_contract_of_the_repository_is_read():
    tables = {c.raw_table for c in contracts.all_contracts()}
    assert len(tables) == 20
    assert {"cpr__personer", "boern__sager", "skole__fravaer", "program__who5"} <= tables
