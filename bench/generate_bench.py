"""Time the synthetic generator on one core and on every core: seconds, rows, peak memory, and whether the files are
the same bytes whatever the number of workers.

    python bench/generate_bench.py            # 205,000 residents (Odense) on 1 and on every core
    python bench/generate_bench.py --national # also 6,000,000 residents (Denmark) on every core

Writes bench/results/generator.md.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.machine import machine_line  # noqa: E402
from pipelines.synthetic import generate  # noqa: E402
from pipelines.synthetic.model import DEMO_EFFECT  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "generator.md"


def run(residents: int, workers: int, workdir: Path) -> tuple[str, dict]:
    """A table line, and every file's sha256 from the manifests the generator wrote."""
    out = workdir / f"landing-{residents}-{workers}"
    started = time.perf_counter()
    summary = generate(out, residents=residents, seed=1, extract_date=date(2026, 11, 30), effect=DEMO_EFFECT,
                       workers=workers)
    seconds = time.perf_counter() - started
    peak_mb = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024
    manifests = sorted(out.rglob("_manifest.json"))
    digests = {str(p.relative_to(out)): json.loads(p.read_text())["tables"] for p in manifests}
    shutil.rmtree(out)
    line = (f"| {residents:,} | {workers} | {seconds:.1f} | {sum(summary.rows.values()):,} | {peak_mb:,.0f} MB | "
            f"{seconds / residents * 1e6:.0f} |")
    print(line, flush=True)
    return line, digests


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--national", action="store_true", help="also generate 6,000,000 residents")
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        one_core, one_digests = run(205_000, 1, Path(tmp))
        every_core, every_digests = run(205_000, cores, Path(tmp))
        lines += [one_core, every_core]
        if args.national:
            lines.append(run(6_000_000, cores, Path(tmp))[0])
    same = "the same bytes" if one_digests == every_digests else "**different bytes**"
    report = ["# Generator bench", "", f"{machine_line()}; `python bench/generate_bench.py {' '.join(sys.argv[1:])}`; "
              f"seed 1, the demo effect. Peak RSS: the largest process (the parent or one worker).", "",
              "| residents | workers | seconds | rows written | peak RSS | µs per resident |",
              "|---:|---:|---:|---:|---:|---:|", *lines, "",
              f"On 1 and on {cores} workers the files (every manifest's sha256) are {same}.", ""]
    RESULTS.write_text("\n".join(report), encoding="utf-8")
    print(f"written to {RESULTS}")
    if one_digests != every_digests:
        raise SystemExit("the number of workers changed the files")


if __name__ == "__main__":
    main()
