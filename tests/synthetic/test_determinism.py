"""Same seed and arguments: byte-identical files; a zero effect: a true saving of exactly zero."""
import json

from pipelines.synthetic import ProgrammeEffect, generate
from tests.synthetic.conftest import EXTRACT_DATE


def contents(landing):
    return {p.relative_to(landing): p.read_bytes() for p in sorted(landing.rglob("*")) if p.is_file()}


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path):
    for name, seed in (("a", 5), ("b", 5), ("c", 6)):
        generate(tmp_path / name, residents=5000, seed=seed, extract_date=EXTRACT_DATE)
    first, second, other = (contents(tmp_path / n) for n in "abc")
    assert first == second
    assert first[next(iter(first))] != other[next(iter(first))] or first != other


def test_zero_effect_means_zero_true_saving(tmp_path):
    summary = generate(tmp_path / "landing", residents=5000, extract_date=EXTRACT_DATE,
                       effect=ProgrammeEffect(0.0, 0.0), truth_path=tmp_path / "truth.json")
    truth = json.loads((tmp_path / "truth.json").read_text())
    assert summary.true_saving_dkk == 0.0 and truth["municipalities"]["420"]["true_saving_dkk"] == 0.0


def test_effect_changes_only_enrolled_families(tmp_path):
    generate(tmp_path / "none", residents=5000, extract_date=EXTRACT_DATE)
    generate(tmp_path / "some", residents=5000, extract_date=EXTRACT_DATE, effect=ProgrammeEffect(0.5, 0.5))
    path = "420/cpr/2026-11-21/personer.csv"
    assert (tmp_path / "none" / path).read_bytes() == (tmp_path / "some" / path).read_bytes()
    enrolled = {line.split(";")[1] for line in (tmp_path / "none" / "420/program/2026-11-21/deltagelse.csv").open()}
    changed = set()
    for name in ("jobcenter/2026-11-21/ydelser.csv", "boern/2026-11-21/indsatser.csv"):
        before = set((tmp_path / "none" / "420" / name).read_text().split("\n"))
        after = set((tmp_path / "some" / "420" / name).read_text().split("\n"))
        changed |= {line.split(";")[0 if "ydelser" in name else 2] for line in before ^ after}
    assert changed and changed <= enrolled


def test_workers_write_the_same_bytes_as_one_process(tmp_path):
    # three chunks per municipality, two municipalities and two deliveries: the CPR numbers of a later chunk depend on
    # what the earlier chunks issued, and a worker may finish its chunk before the other one
    for name, workers in (("one", 1), ("two", 2)):
        generate(tmp_path / name, residents=12_000, seed=5, kommunekoder=("420", "461"), snapshots=2,
                 extract_date=EXTRACT_DATE, effect=ProgrammeEffect(0.3, 0.5), workers=workers)
    one, two = contents(tmp_path / "one"), contents(tmp_path / "two")
    assert len(one) > 40 and one == two
