import os

import pytest

# Every test gets a pseudonym key of its own; no test depends on a key file on the machine.
os.environ.setdefault("HELHED_PSEUDONYM_KEY", "test-key-not-secret")


@pytest.fixture
def landing(tmp_path):
    path = tmp_path / "landing"
    path.mkdir()
    return path
