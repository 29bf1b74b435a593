"""Dashboard settings, read from the environment with safe defaults."""

import os
from datetime import timedelta


def min_cell() -> int:
    """Smallest denominator a manager may see; smaller cells are suppressed."""
    return int(os.environ.get("HELHED_MIN_CELL", "5"))


def session_lifetime() -> timedelta:
    return timedelta(hours=float(os.environ.get("HELHED_SESSION_HOURS", "8")))


def secret_key() -> str | None:
    return os.environ.get("HELHED_SECRET_KEY") or None
