"""The repository documents itself: no reference to documents outside it, no dead relative link in the
Markdown, and the column tables of docs/extracts.md agree with the data contracts."""
import hashlib
import json
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest

from pipelines.ingest.contracts import all_contracts

REPO = Path(__file__).resolve().parents[1]
# Spelled in pieces so that this file does not itself hold what it looks for.
OUTSIDE_REFERENCES = ("shared" + "/spec", "shared" + "/seeds", "../" + "shared")
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)|^\s*\[[^\]]+\]:\s*(\S+)", re.MULTILINE)
CODE_BLOCK = re.compile(r"```.*?```", re.DOTALL)
CODE = re.compile(CODE_BLOCK.pattern + r"|`[^`\n]*`", re.DOTALL)


def repository_files() -> list[str]:
    """Tracked files, and new files not yet committed (unless ignored), so a dead link fails before the commit."""
    out = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=REPO, check=True, capture_output=True,
    ).stdout
    return [name for name in out.decode().split("\0") if name and (REPO / name).is_file()]


def markdown_files() -> list[Path]:
    return [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]


def test_no_file_refers_to_documents_outside_the_repository():
    found = [
        f"{name}: {ref}"
        for name in repository_files()
        for ref in OUTSIDE_REFERENCES
        if ref.encode() in (REPO / name).read_bytes()
    ]
    assert not found, "references to documents outside the repository:\n" + "\n".join(found)


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = heading.strip().lower().replace("`", "")
    kept = "".join(c for c in text if c in " -_" or unicodedata.category(c)[0] in "LN")
    return kept.replace(" ", "-")


def anchors(markdown: Path) -> set[str]:
    text = CODE_BLOCK.sub("", markdown.read_text(encoding="utf-8"))
    return {slug(m.group(1)) for m in re.finditer(r"^#{1,6}\s+(.+?)\s*$", text, re.MULTILINE)}


def links(markdown: Path) -> list[str]:
    text = CODE.sub("", markdown.read_text(encoding="utf-8"))
    return [m.group(1) or m.group(2) for m in LINK.finditer(text)]


def broken(markdown: Path, target: str, files: set[str], folders: set[str]) -> str | None:
    path, _, anchor = target.partition("#")
    resolved = (markdown.parent / path).resolve() if path else markdown
    if not resolved.is_relative_to(REPO):
        return "points outside the repository"
    name = resolved.relative_to(REPO).as_posix()
    if name not in files and name not in folders:
        return "no such file in the repository"
    if anchor and resolved.suffix == ".md" and anchor not in anchors(resolved):
        return f"no heading #{anchor}"
    return None


def test_relative_markdown_links_point_to_files_in_the_repository():
    files = set(repository_files())
    folders = {Path(name).parents[i].as_posix() for name in files for i in range(len(Path(name).parents) - 1)}
    problems = [
        f"{markdown.relative_to(REPO)}: ({target}) {reason}"
        for markdown in markdown_files()
        for target in links(markdown)
        if not re.match(r"[a-z][a-z0-9+.-]*:", target)
        and (reason := broken(markdown, target, files, folders))
    ]
    assert not problems, "\n".join(problems)


def test_link_check_sees_a_dead_link_and_an_outside_link():
    page = REPO / "docs" / "extracts.md"
    files = set(repository_files())
    assert broken(page, "no-such-file.md", files, set()) == "no such file in the repository"
    assert broken(page, "../../outside.md", files, set()) == "points outside the repository"
    assert broken(page, "#no-such-heading", files, set()) == "no heading #no-such-heading"
    assert broken(page, "#the-cpr-number", files, set()) is None
    assert slug("`cpr` — population register (with history)") == "cpr--population-register-with-history"


def documented_tables() -> dict[str, list[list[str]]]:
    """`source/file` heading of docs/extracts.md -> its contract link and the cells of its column table."""
    text = (REPO / "docs" / "extracts.md").read_text(encoding="utf-8")
    tables = {}
    for section in re.split(r"^(?=#)", CODE_BLOCK.sub("", text), flags=re.MULTILINE):
        heading, _, body = section.partition("\n")
        if not heading.startswith("#### "):
            continue
        rows = [
            [cell.strip() for cell in line.strip().strip("|").split(" | ")]
            for line in body.splitlines()
            if line.startswith("| `")
        ]
        tables[heading] = rows
    return tables


def expected_type(column) -> str:
    if column.pseudonymise:
        return "CPR number"
    if column.logical_type != "string":
        return {"date": "date", "integer": "whole number", "number": "decimal number"}[column.logical_type]
    return "code" if column.allowed_values is not None else "text"


@pytest.mark.parametrize("contract", all_contracts(), ids=lambda c: c.raw_table)
def test_extracts_md_lists_the_contract_columns(contract):
    heading = (
        f"#### `{contract.source}/{contract.file_name}` — "
        f"[`{contract.raw_table}.odcs.yaml`](../data_contracts/{contract.raw_table}.odcs.yaml)"
    )
    rows = documented_tables().get(heading)
    assert rows is not None, f"docs/extracts.md has no section {heading}"
    assert [r[0] for r in rows] == [f"`{c.name}`" for c in contract.columns]
    for (_, type_cell, required, _), column in zip(rows, contract.columns):
        assert type_cell.startswith(expected_type(column)), (column.name, type_cell)
        assert ("unique key" in type_cell) == column.primary_key, column.name
        assert required == ("yes" if column.required else "no"), column.name


def test_extracts_md_has_no_table_without_a_contract():
    documented = {h.split("`")[1] for h in documented_tables()}
    assert documented == {f"{c.source}/{c.file_name}" for c in all_contracts()}


def test_manifest_example_describes_its_file():
    text = (REPO / "docs" / "extracts.md").read_text(encoding="utf-8")
    manifest_text, file_text = re.findall(r"^```(?:json)?\n(.*?)^```", text, re.DOTALL | re.MULTILINE)[1:3]
    manifest = json.loads(manifest_text)
    (contract,) = [c for c in all_contracts() if c.raw_table == "organisation__sagsbehandlere"]
    entry = manifest["tables"][contract.table]
    assert (manifest["source"], entry["file"]) == (contract.source, contract.file_name)
    assert f"`{manifest['kommunekode']}/{manifest['source']}/{manifest['extract_date']}/{entry['file']}`" in text
    assert entry["sha256"] == hashlib.sha256(file_text.encode("utf-8")).hexdigest()
    assert entry["rows"] == file_text.count("\n") - 1
    assert file_text.splitlines()[0].split(manifest["delimiter"]) == contract.column_names


def test_the_data_dictionary_is_the_one_the_yaml_gives():
    from pipelines.data_dictionary import render
    from pipelines.ingest.rendered import stale_files

    assert stale_files(render()) == [], "run: python -m pipelines.data_dictionary --write"
