"""The generator's public parameters and results."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ProgrammeEffect:
    """True effect of programme enrolment on enrolled families.

    support_exit: share of the remaining gap closed towards leaving support
    (0 = none, 1 = every adult on support leaves it early during enrolment).
    placement: share of placements starting during enrolment that are avoided.
    """

    support_exit: float = 0.0
    placement: float = 0.0

    @property
    def is_zero(self) -> bool:
        return self.support_exit == 0 and self.placement == 0


NO_EFFECT = ProgrammeEffect()
# The demo's effect (`helhed generate --effect demo`): moderate, and of the size the seed evaluations report rather
# than promise. About a third of the gap towards leaving support closed (more adults leave support, earlier, and
# fewer return) and half of the placements that would start during enrolment avoided. It saves about 15 % of the
# enrolled families' cost during enrolment (docs/synthetic-municipality.md has the demo municipality's figures).
DEMO_EFFECT = ProgrammeEffect(support_exit=0.3, placement=0.5)
EFFECTS = {"none": NO_EFFECT, "demo": DEMO_EFFECT}


@dataclass
class GenerationSummary:
    out: str
    kommunekoder: tuple[str, ...]
    extract_dates: list[str]
    residents_at_extract: int = 0
    persons_in_register: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    enrolled_families: dict[str, int] = field(default_factory=dict)
    true_saving_dkk: float = 0.0
    faults: list[str] = field(default_factory=list)
    truth_path: str | None = None
