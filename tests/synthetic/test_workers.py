"""A failing generator worker stops the generation with the worker's own error, not a hang."""
import pytest

from pipelines.synthetic.cprnumbers import CprAllocator
from pipelines.synthetic.model import NO_EFFECT
from pipelines.synthetic.workers import MunicipalityPlan, chunk_outputs
from tests.synthetic.conftest import EXTRACT_DATE


def test_a_worker_error_reaches_the_parent_with_its_traceback():
    plan = MunicipalityPlan("420", 10_000, 1, EXTRACT_DATE, NO_EFFECT, "latin-9", ())
    with pytest.raises(RuntimeError, match="generator worker failed(.|\n)*unknown manifest variant"):
        list(chunk_outputs(plan, CprAllocator(), workers=2))
