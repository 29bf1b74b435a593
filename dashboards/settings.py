"""Dashboard settings, read from the environment with safe defaults."""

import os
from datetime import timedelta

from dashboards.disclosure import Policy
from dashboards.throttle import LoginThrottle


def disclosure_policy() -> Policy:
    """The smallest number of persons a cell a manager sees may rest on (HELHED_MIN_CELL, default 5)."""
    return Policy(threshold=int(os.environ.get("HELHED_MIN_CELL", "5")))


def session_lifetime() -> timedelta:
    return timedelta(hours=float(os.environ.get("HELHED_SESSION_HOURS", "8")))


def secret_key() -> str | None:
    return os.environ.get("HELHED_SECRET_KEY") or None


def login_throttle() -> LoginThrottle:
    """Failed logins allowed per user name and per address in the window before the login is locked."""
    return LoginThrottle(failures_per_user=int(os.environ.get("HELHED_LOGIN_FAILURES_PER_USER", "5")),
                         failures_per_address=int(os.environ.get("HELHED_LOGIN_FAILURES_PER_ADDRESS", "20")),
                         window_seconds=60 * float(os.environ.get("HELHED_LOGIN_WINDOW_MINUTES", "15")))
