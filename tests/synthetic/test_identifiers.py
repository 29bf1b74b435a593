"""Generated identifiers survive the loader's CPR mask at every size: a masked identifier would collapse keys."""
import random
from datetime import date

from pipelines.ingest.pseudonym import mask_cpr
from pipelines.synthetic.chunk import Chunk
from pipelines.synthetic.model import NO_EFFECT


def test_identifiers_of_a_national_size_chunk_are_not_cpr_shaped():
    # 6 M residents are 1,200 chunks, and a chunk hands out tens of thousands of identifiers per prefix
    chunk = Chunk("420", 1023, random.Random(1), None, date(2026, 11, 30), date(2014, 11, 30), NO_EFFECT)
    identifiers = [chunk.new_id("BI") for _ in range(23_456)]
    assert len(set(identifiers)) == len(identifiers)
    assert [i for i in identifiers if mask_cpr(i) != i] == []
    assert mask_cpr("BI420-1023-12345") != "BI420-1023-12345"  # the old format, masked at this size
