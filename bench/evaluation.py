"""Does the saving's 95 % interval cover the truth? Many seeds, the programme effect at zero and set.

    python bench/evaluation.py                    # 20 seeds × (no effect, the demo effect), 150,000 residents
    python bench/evaluation.py --seeds 5 --residents 10000
    python bench/evaluation.py --reuse --oracle   # also the saving with the pool the matching should find

Each run generates a municipality (bench/data/evaluation/, reused when present), runs the nightly job on it
in a process of its own (two at a time), and compares the published saving per programme with the
generator's true saving. Writes bench/results/evaluation.md.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.evaluation_oracle import PHASE_MONTHS, oracle_savings, would_be_enrolments  # noqa: E402
from bench.machine import machine_line  # noqa: E402
from pipelines.evaluation.truth import SavingAgainstTruth, savings_against_truth  # noqa: E402
from pipelines.synthetic.model import DEMO_EFFECT, NO_EFFECT  # noqa: E402

DATA = ROOT / "bench" / "data" / "evaluation"
RESULTS = ROOT / "bench" / "results" / "evaluation.md"
EXTRACT_DATE = date(2026, 11, 30)
EFFECTS = {"zero": NO_EFFECT, "demo": DEMO_EFFECT}


KEY = "bench-key-not-secret"


def one_run(effect_name: str, seed: int, residents: int, reuse: bool = False,
            oracle: bool = False) -> dict[str, list[SavingAgainstTruth]]:
    from pipelines.synthetic.generate import generate

    folder = DATA / f"{effect_name}-{seed}-{residents}"
    landing, truth = folder / "landing", folder / "truth.json"
    if not truth.exists():
        generate(landing, residents=residents, seed=seed, extract_date=EXTRACT_DATE,
                 effect=EFFECTS[effect_name], truth_path=truth)
    warehouse = folder / "warehouse" / "helhed.duckdb"
    if not (reuse and warehouse.exists()):
        env = os.environ | {"DAGSTER_HOME": str(folder / "dagster"), "HELHED_PSEUDONYM_KEY": KEY}
        subprocess.run([str(Path(sys.executable).with_name("helhed")), "run", "--landing", str(landing),
                        "--warehouse", str(warehouse)], check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
    results = {"matched": savings_against_truth(warehouse, truth)}
    if oracle:
        families = would_be_enrolments(residents, seed, EXTRACT_DATE, EFFECTS[effect_name])
        results["oracle"] = oracle_savings(warehouse, truth, families, KEY.encode())
    return results


def _summary(effect_name: str, rows: list[SavingAgainstTruth]) -> list[str]:
    coverage = sum(r.covers_truth for r in rows) / len(rows)
    bias = statistics.fmean(float(r.estimate_dkk - r.true_dkk) for r in rows)
    lines = [f"- effect {effect_name}: {len(rows)} municipality × programme estimates; "
             f"coverage of the 95 % interval {coverage:.0%}; mean bias {bias:,.0f} DKK"]
    if effect_name == "zero":
        naive = statistics.fmean(float(r.naive_dkk) for r in rows)
        lines.append(f"  (mean naive before/during 'saving' {naive:,.0f} DKK; "
                     f"interval excludes 0 in {sum(r.excludes_zero for r in rows)} of {len(rows)})")
    else:
        truth = statistics.fmean(float(r.true_dkk) for r in rows)
        lines.append(f"  (mean true saving {truth:,.0f} DKK: bias {bias / truth:+.1%} of it; "
                     f"interval excludes 0 in {sum(r.excludes_zero for r in rows)} of {len(rows)})")
    return lines


def _table(results: dict[tuple[str, int], dict[str, list[SavingAgainstTruth]]]) -> list[str]:
    oracle = any("oracle" in pools for pools in results.values())
    lines = ["| effect | seed | programme | families | comparison | saving | 95 % interval | truth | naive |"
             + (" oracle pool: saving | 95 % interval |" if oracle else ""),
             "|---|---|---|---|---|---|---|---|---|" + ("---|---|" if oracle else "")]
    for (effect_name, seed), pools in sorted(results.items()):
        for i, r in enumerate(pools["matched"]):
            line = (f"| {effect_name} | {seed} | {r.program} | {r.enrolments} | {r.comparison_families} | "
                    f"{r.estimate_dkk:,.0f} | [{r.ci_low_dkk:,.0f}; {r.ci_high_dkk:,.0f}] | "
                    f"{r.true_dkk:,.0f} | {r.naive_dkk:,.0f} |")
            if oracle:
                o = pools["oracle"][i]
                line += f" {o.estimate_dkk:,.0f} | [{o.ci_low_dkk:,.0f}; {o.ci_high_dkk:,.0f}] |"
            lines.append(line)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--residents", type=int, default=150_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--results", type=Path, default=RESULTS, help="the report to write (default %(default)s)")
    parser.add_argument("--reuse", action="store_true", help="read warehouses already published by an earlier run")
    parser.add_argument("--oracle", action="store_true", help="also score the saving with the pool cut down to the "
                        "never-enrolled families at their would-be enrolment (bench/evaluation_oracle.py)")
    args = parser.parse_args()
    runs = [(effect_name, seed) for effect_name in EFFECTS for seed in range(1, args.seeds + 1)]
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        futures = {run: pool.submit(one_run, *run, args.residents, args.reuse, args.oracle) for run in runs}
        results = {run: future.result() for run, future in futures.items()}
    summary = []
    for kind, title in (("matched", "Matched comparison families (what Helhed publishes)"),
                        ("oracle", f"Oracle pool: never-enrolled target families within {PHASE_MONTHS} month of "
                                   "their would-be enrolment")):
        if args.oracle or kind == "matched":
            summary += [f"**{title}**", ""] + [
                line for name in EFFECTS
                for line in _summary(name, [r for (e, _), pools in results.items() if e == name for r in pools[kind]])
            ] + [""]
    effect = EFFECTS["demo"]
    report = ["# Evaluation bench: the saving against the generator's truth", "",
              f"{machine_line()}; {args.seeds} seeds, {args.residents:,} residents each, extract date "
              f"{EXTRACT_DATE}; demo effect: support_exit {effect.support_exit}, placement {effect.placement}. "
              "Method: docs/evaluation.md.", "", *summary, *_table(results), ""]
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text("\n".join(report), encoding="utf-8")
    print("\n".join(summary))
    print(f"written to {args.results}")


if __name__ == "__main__":
    main()
