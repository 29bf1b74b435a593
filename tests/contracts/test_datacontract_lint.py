"""`datacontract lint` (datacontract-cli) finds every contract valid ODCS v3.1 without a single warning, offline."""
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CONTRACTS = sorted((REPO / "data_contracts").glob("*.odcs.yaml"))

# The CLI's own `lint` command, run once per contract in one process (one start-up instead of twenty).
LINT_EACH = """
import sys
from datacontract.cli import app
for contract, result in zip(sys.argv[1::2], sys.argv[2::2]):
    app(["lint", contract, "--output-format", "json", "--output", result], standalone_mode=False)
"""

# Any download would go to a closed port and fail: lint must use the ODCS schema bundled with the package.
OFFLINE = {"HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9", "NO_PROXY": ""}


def _lint(tmp_path) -> dict[str, dict]:
    results = {path.name: tmp_path / f"{path.stem}.json" for path in CONTRACTS}
    arguments = [str(a) for path in CONTRACTS for a in (path, results[path.name])]
    subprocess.run(
        [sys.executable, "-c", LINT_EACH, *arguments],
        check=True, capture_output=True, cwd=tmp_path, env={**os.environ, **OFFLINE},
    )
    return {name: json.loads(path.read_text(encoding="utf-8")) for name, path in results.items()}


def test_every_contract_is_valid_without_warnings(tmp_path):
    results = _lint(tmp_path)
    assert len(results) == 20
    for name, run in results.items():
        problems = [(c["name"], c["reason"]) for c in run["checks"] if c["result"] != "passed"]
        assert (run["result"], problems) == ("passed", []), name
        assert [c["name"] for c in run["checks"]] == ["Data contract is valid against ODCS v3.1.0"], name
