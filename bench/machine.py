"""Where and when a bench ran: the first line of every report under bench/results/."""
from __future__ import annotations

import os
import platform
import subprocess
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def machine_line() -> str:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT)
    memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    return (f"{date.today().isoformat()}, {platform.node()}, {os.cpu_count()} cores, {memory_gb:.1f} GB, "
            f"Python {platform.python_version()}, commit {commit.stdout.strip()}")
