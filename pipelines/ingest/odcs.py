"""The subset of ODCS v3.1 that the contracts in `data_contracts/` use, as strict pydantic models.

Any key, metric, implementation or custom property not named here is an error, so a typo in a contract stops the
start-up instead of silently switching a rule off.
"""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

PHYSICAL_TYPES = {"string": "VARCHAR", "date": "DATE", "integer": "BIGINT", "number": "DOUBLE"}


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


def _custom_values(properties: list[Strict]) -> dict:
    return {p.property: p.value for p in properties}


class SourceName(Strict):
    property: Literal["source"]
    value: str


class TableName(Strict):
    property: Literal["table"]
    value: str


class SourceRequired(Strict):
    property: Literal["sourceRequired"]
    value: bool


class Pseudonymise(Strict):
    property: Literal["pseudonymise"]
    value: bool


class FreeText(Strict):
    """A text column that may quote a CPR number, which is then masked; in any other text column a CPR-shaped value
    quarantines the row (an identifier masked into `<masked>` would merge distinct records)."""

    property: Literal["freeText"]
    value: bool


class EndsPresence(Strict):
    """A date that ends the person's presence in the row (an end of spell, moving out, death): null means the row
    still holds them; retention reads it (pipelines/privacy.py)."""

    property: Literal["endsPresence"]
    value: bool


class StagingName(Strict):
    """The English column name the staging model renames the column to."""

    property: Literal["stagingName"]
    value: str


class StagingDescription(Strict):
    """The staging column's description where staging turns the column into something else (e.g. J/N into a bool)."""

    property: Literal["stagingDescription"]
    value: str


class CodeList(Strict):
    """The seed `dbt/seeds/<value>.csv` whose `code` column the rule's `validValues` are copied from."""

    property: Literal["codeList"]
    value: str


ContractCustomProperty = Annotated[SourceName | TableName | SourceRequired, Field(discriminator="property")]
ColumnCustomProperty = Annotated[
    Pseudonymise | FreeText | EndsPresence | StagingName | StagingDescription, Field(discriminator="property")
]


def _unique_names(names: list[str], what: str) -> None:
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ValueError(f"{what} given more than once: {', '.join(duplicates)}")


class ValidValues(Strict):
    validValues: list[str] = Field(min_length=1)


class InvalidValuesRule(Strict):
    """A column's allowed codes; `mustBe: 0` invalid values."""

    name: str
    type: Literal["library"]
    metric: Literal["invalidValues"]
    arguments: ValidValues
    mustBe: Literal[0]
    description: str | None = None
    customProperties: list[CodeList] = []

    @property
    def code_list(self) -> str | None:
        return _custom_values(self.customProperties).get("codeList")


class SpellArguments(Strict):
    start: str
    end: str


class EndNotBeforeStartRule(Strict):
    """A spell's end column is null or on/after its start column."""

    name: str
    type: Literal["custom"]
    engine: Literal["helhed"]
    implementation: Literal["endNotBeforeStart"]
    arguments: SpellArguments
    description: str | None = None


class LogicalTypeOptions(Strict):
    pattern: str | None = None
    format: str | None = None
    minimum: int | float | None = None
    maximum: int | float | None = None


class Property(Strict):
    name: str
    logicalType: Literal["string", "date", "integer", "number"]
    physicalType: str
    required: bool
    description: str
    primaryKey: bool = False
    unique: bool = False
    classification: str | None = None
    customProperties: list[ColumnCustomProperty] = []
    logicalTypeOptions: LogicalTypeOptions = LogicalTypeOptions()
    quality: list[InvalidValuesRule] = []

    @model_validator(mode="after")
    def _consistent(self) -> Property:
        expected = PHYSICAL_TYPES[self.logicalType]
        if self.physicalType != expected:
            raise ValueError(f"physicalType must be {expected} for logicalType {self.logicalType}")
        _unique_names([p.property for p in self.customProperties], "custom property")
        if "stagingName" not in self.custom:
            raise ValueError("customProperties must name the staging column (stagingName)")
        return self

    @property
    def custom(self) -> dict:
        return _custom_values(self.customProperties)


class SchemaObject(Strict):
    name: str
    physicalName: str
    physicalType: Literal["file"]
    logicalType: Literal["object"]
    description: str
    properties: list[Property] = Field(min_length=1)
    quality: list[EndNotBeforeStartRule] = []

    @model_validator(mode="after")
    def _consistent(self) -> SchemaObject:
        names = [p.name for p in self.properties]
        _unique_names(names, "property")
        for rule in self.quality:
            unknown = [c for c in (rule.arguments.start, rule.arguments.end) if c not in names]
            if unknown:
                raise ValueError(f"quality rule {rule.name} names unknown columns: {', '.join(unknown)}")
        return self


class Description(Strict):
    purpose: str
    usage: str


class Contract(Strict):
    apiVersion: Literal["v3.1.0"]
    kind: Literal["DataContract"]
    id: str
    name: str
    version: str
    status: str
    domain: str
    dataProduct: str
    description: Description
    schema_: list[SchemaObject] = Field(alias="schema", min_length=1, max_length=1)
    customProperties: list[ContractCustomProperty]

    @model_validator(mode="after")
    def _consistent(self) -> Contract:
        _unique_names([p.property for p in self.customProperties], "custom property")
        missing = {"source", "table", "sourceRequired"} - set(self.custom)
        if missing:
            raise ValueError(f"customProperties lack {', '.join(sorted(missing))}")
        if self.name != f"{self.custom['source']}__{self.custom['table']}":
            raise ValueError("name must be <source>__<table> of its customProperties")
        return self

    @property
    def custom(self) -> dict:
        return _custom_values(self.customProperties)

    @property
    def table(self) -> SchemaObject:
        return self.schema_[0]
