"""Write a synthetic municipality's nightly extracts into a landing folder, chunk by chunk."""
from __future__ import annotations

import json
import random
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

from tqdm import tqdm

from pipelines.synthetic import faults as fault_catalogue
from pipelines.synthetic.contracts import SOURCES
from pipelines.synthetic.cprnumbers import CprAllocator
from pipelines.synthetic.model import NO_EFFECT, GenerationSummary, ProgrammeEffect
from pipelines.synthetic.target import ENROLLED
from pipelines.synthetic.workers import MunicipalityPlan, chunk_outputs
from pipelines.synthetic.writer import Delivery, Format


def generate(out: Path, *, residents: int = 41000, seed: int = 1, kommunekoder=("420",), extract_date: date,
             snapshots: int = 1, faults=(), effect: ProgrammeEffect | None = None, truth_path: Path | None = None,
             manifest_variant: str = "utf-8", progress: bool = False, workers: int = 1) -> GenerationSummary:
    """`workers` processes simulate chunks side by side; the files are the same bytes for any number of them."""
    out, effect, fmt = Path(out), effect or NO_EFFECT, Format(manifest_variant)
    faults = fault_catalogue.resolve(faults)
    dates = [extract_date - timedelta(days=n) for n in reversed(range(max(1, snapshots)))]
    summary = GenerationSummary(str(out), tuple(kommunekoder), [d.isoformat() for d in dates], faults=list(faults))
    truth = {"seed": seed, "residents": residents, "extract_dates": summary.extract_dates,
             "manifest_variant": manifest_variant, "effect": vars(effect), "municipalities": {}, "faults": []}
    cprs = CprAllocator()
    for kommunekode in kommunekoder:
        truth["municipalities"][kommunekode] = _municipality(
            out, kommunekode, residents, seed, extract_date, dates, faults, effect, fmt, cprs, summary, progress,
            workers)
        for entry in _apply_faults(out, kommunekode, extract_date, faults, fmt, seed):
            truth["faults"].append(entry)
    summary.true_saving_dkk = sum(m["true_saving_dkk"] for m in truth["municipalities"].values())
    truth_path = Path(truth_path) if truth_path else truth_path_for(out)
    truth_path.write_text(json.dumps(truth, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    summary.truth_path = str(truth_path)
    return summary


def truth_path_for(landing: Path) -> Path:
    """Where the truth sidecar goes by default: beside the landing, never inside it."""
    return Path(landing).parent / f"{Path(landing).name}.truth.json"


def _deliveries(dates: list[date], faults) -> dict[tuple[date, date], list[str]]:
    """(folder date, as-of date) -> sources delivered so."""
    plan = defaultdict(list)
    for source in SOURCES:
        pairs = [(d, d) for d in dates]
        if "late" in faults and source == fault_catalogue.FAULTS["late"].source:
            pairs = [(d - timedelta(days=1), d - timedelta(days=1)) for d in dates]
        if "duplicate_delivery" in faults and source == fault_catalogue.FAULTS["duplicate_delivery"].source:
            previous = dates[-1] - timedelta(days=1)
            pairs = sorted({(d, d) for d in dates[:-1]} | {(previous, previous), (dates[-1], previous)})
        for pair in pairs:
            plan[pair].append(source)
    return plan


def _municipality(out, kommunekode, residents, seed, extract_date, dates, faults, effect, fmt, cprs, summary,
                  progress, workers) -> dict:
    deliveries = [Delivery(out, kommunekode, folder, as_of, fmt, sources)
                  for (folder, as_of), sources in _deliveries(dates, faults).items()]
    plan = MunicipalityPlan(kommunekode, residents, seed, extract_date, effect, fmt.variant,
                            tuple((d.as_of, frozenset(d.files)) for d in deliveries))
    truth = defaultdict(float)
    outputs = chunk_outputs(plan, cprs, workers)
    for output in tqdm(outputs, total=plan.chunks, desc=f"kommune {kommunekode}", disable=not progress, unit="chunk"):
        summary.residents_at_extract += output.residents
        summary.persons_in_register += output.persons
        for delivery, lines in zip(deliveries, output.lines, strict=True):
            for table, (data, rows) in lines.items():
                delivery.append(table, data, rows)
        for key, value in output.truth.items():
            truth[key] += value
    staff = plan.staff().rows
    for delivery in deliveries:
        delivery.write("organisation/sagsbehandlere", staff)
        for table, count in delivery.close().items():
            if delivery.folder_date == extract_date:
                summary.rows[table] = summary.rows.get(table, 0) + count
    return _effect_truth(truth, summary, effect)


def _effect_truth(truth: dict, summary: GenerationSummary, effect: ProgrammeEffect) -> dict:
    """Per programme and for the municipality: enrolled families and their cost during enrolment without and with
    the effect; the municipality's figures are the sums of the programmes' rounded figures."""
    enrolled = {k.split(":", 1)[1]: int(v) for k, v in sorted(truth.items()) if k.startswith("enrolled:")}
    programmes = {}
    for programme, count in enrolled.items():
        summary.enrolled_families[programme] = summary.enrolled_families.get(programme, 0) + count
    for programme in ENROLLED:
        count = enrolled.get(programme, 0)
        without = round(truth.get(f"cost_without_effect_dkk:{programme}", 0.0), 2)
        with_effect = round(truth.get(f"cost_with_effect_dkk:{programme}", 0.0), 2)
        programmes[programme] = {"enrolled_families": count, "cost_without_effect_dkk": without,
                                 "cost_with_effect_dkk": with_effect,
                                 "true_saving_dkk": 0.0 if effect.is_zero else round(without - with_effect, 2)}
    total = {key: round(sum(p[key] for p in programmes.values()), 2)
             for key in ("cost_without_effect_dkk", "cost_with_effect_dkk", "true_saving_dkk")}
    return {"enrolled_families": enrolled, **total,
            "placements_avoided": int(truth.get("placements_avoided", 0)),
            "never_enrolled_target_families": int(truth.get("never_enrolled_target_families", 0)),
            "saving_definition": "cost of enrolled families during enrolment (income support + child and adult "
                                 "measures of the enrolled members over [enrolment start, enrolment end], end = "
                                 "extract date if open, priced as docs/indicators.md) without the effect minus with "
                                 "it, same draws",
            "programmes": programmes}


def _apply_faults(out: Path, kommunekode: str, extract_date: date, faults, fmt: Format, seed: int) -> list[dict]:
    rng = random.Random(f"faults-{seed}-{kommunekode}")
    taken: dict[Path, set[int]] = {}
    entries = []
    for fault in faults:
        spec = fault_catalogue.FAULTS[fault]
        folder = out / kommunekode / spec.source / extract_date.isoformat()
        entry = {"kommunekode": kommunekode, "extract_date": extract_date.isoformat()}
        entries.append(entry | fault_catalogue.apply(fault, folder, fmt, rng, taken))
    return entries
