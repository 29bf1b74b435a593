import os

import pytest
from hypothesis import HealthCheck, settings

# Property tests: a few hundred cases in `make test`; `make fuzz` picks the `fuzz` profile (--hypothesis-profile fuzz).
PROPERTY_TESTS = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
settings.register_profile("default", max_examples=250, **PROPERTY_TESTS)
settings.register_profile("fuzz", max_examples=int(os.environ.get("HELHED_FUZZ_EXAMPLES", 10_000)), **PROPERTY_TESTS)
settings.load_profile(os.environ.get("HELHED_HYPOTHESIS_PROFILE", "default"))

# Every test gets a pseudonym key of its own; no test depends on a key file on the machine.
os.environ.setdefault("HELHED_PSEUDONYM_KEY", "test-key-not-secret")


@pytest.fixture
def landing(tmp_path):
    path = tmp_path / "landing"
    path.mkdir()
    return path
