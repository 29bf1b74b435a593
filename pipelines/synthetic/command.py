"""`helhed generate`: write a synthetic municipality's extracts into a landing folder."""
from __future__ import annotations

import argparse
import os
from datetime import date
from pathlib import Path

from pipelines.synthetic.faults import FAULTS
from pipelines.synthetic.generate import generate
from pipelines.synthetic.model import EFFECTS, ProgrammeEffect


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("generate", help="write a synthetic municipality's nightly extracts")
    parser.add_argument("--out", type=Path, required=True, help="landing folder")
    parser.add_argument("--residents", type=int, default=41000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--kommunekode", default="420", help="one or more codes, comma-separated")
    parser.add_argument("--extract-date", type=date.fromisoformat, default=date.today())
    parser.add_argument("--snapshots", type=int, default=1)
    parser.add_argument("--faults", default="", help=f"comma-separated fault names, or all: {', '.join(FAULTS)}")
    parser.add_argument("--effect", choices=sorted(EFFECTS), default="none",
                        help="programme effect: none, or demo (support exit 0.3, placement 0.5)")
    parser.add_argument("--effect-support-exit", type=float, default=None, help="overrides --effect's value")
    parser.add_argument("--effect-placement", type=float, default=None, help="overrides --effect's value")
    parser.add_argument("--truth", type=Path, default=None, help="truth sidecar (default <out>.truth.json)")
    parser.add_argument("--manifest-variant", default="utf-8",
                        help="utf-8, utf-8-sig, cp1252, day-first, decimal-comma (combine with +)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="processes simulating side by side (default: every core); the same files for any number")
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    summary = generate(
        args.out, residents=args.residents, seed=args.seed,
        kommunekoder=tuple(k.strip() for k in args.kommunekode.split(",") if k.strip()),
        extract_date=args.extract_date, snapshots=args.snapshots, faults=tuple(args.faults.split(",")),
        effect=effect(args), truth_path=args.truth,
        manifest_variant=args.manifest_variant, progress=True, workers=args.workers)
    print(f"{summary.residents_at_extract} residents in {', '.join(summary.kommunekoder)}; "
          f"{sum(summary.rows.values())} rows; truth in {summary.truth_path}")
    return 0


def effect(args: argparse.Namespace) -> ProgrammeEffect:
    """--effect's named effect, with --effect-support-exit / --effect-placement overriding its parts."""
    named = EFFECTS[args.effect]
    return ProgrammeEffect(
        named.support_exit if args.effect_support_exit is None else args.effect_support_exit,
        named.placement if args.effect_placement is None else args.effect_placement)
