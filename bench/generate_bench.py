"""Time the synthetic generator: seconds, rows written and peak RSS at municipal and national size.

    python bench/generate_bench.py            # 50 k and 205 k residents
    python bench/generate_bench.py --national # also 6 M (long: see the per-resident rate first)
"""
from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipelines.synthetic import generate  # noqa: E402


def run(residents: int, workdir: Path) -> None:
    out = workdir / f"landing-{residents}"
    started = time.perf_counter()
    summary = generate(out, residents=residents, extract_date=date(2026, 11, 21), progress=True)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows = sum(summary.rows.values())
    print(f"{residents:>9,} residents: {seconds:7.1f} s, {rows:>11,} rows, peak RSS {peak_mb:,.0f} MB, "
          f"{seconds / residents * 1e6:.0f} µs per resident", flush=True)
    shutil.rmtree(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--national", action="store_true", help="also generate 6,000,000 residents")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for residents in (50_000, 205_000) + ((6_000_000,) if args.national else ()):
            run(residents, Path(tmp))


if __name__ == "__main__":
    main()
