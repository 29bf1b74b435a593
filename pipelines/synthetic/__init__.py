"""The synthetic municipality: nightly extracts in the exact form of docs/extracts.md."""
from pipelines.synthetic.generate import generate
from pipelines.synthetic.model import GenerationSummary, ProgrammeEffect

__all__ = ["generate", "GenerationSummary", "ProgrammeEffect"]
