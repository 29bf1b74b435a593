"""Alerts for the operator: each one a text file under the alerts folder and, if configured, a shell command that
reads the alert on its standard input (`mail -s "Helhed" drift@kommune.dk`, a chat hook's curl …).

A command that fails or hangs does not lose the alert: the file is written first, and the command's failure is
added to it.
"""
from __future__ import annotations

import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from .ingest.pseudonym import mask_cpr

COMMAND_TIMEOUT_SECONDS = 60


def raise_alert(folder: Path, command: str | None, kind: str, text: str) -> Path:
    """Writes the alert (CPR-shaped numbers masked) and runs the command; returns the alert file."""
    folder.mkdir(parents=True, exist_ok=True)
    now = datetime.now(UTC)
    body = f"Helhed: {kind}\n{now.isoformat(timespec='seconds')}\n\n{mask_cpr(text)}\n"
    path = folder / f"{now.strftime('%Y%m%dT%H%M%S%f')}-{re.sub(r'[^a-z0-9]+', '-', kind.lower())}.txt"
    path.write_text(body, encoding="utf-8")
    if command:
        problem = _run(command, body)
        if problem:
            path.write_text(body + f"\nThe alert command failed: {problem}\n", encoding="utf-8")
    return path


def _run(command: str, body: str) -> str | None:
    try:
        done = subprocess.run(command, shell=True, input=body, text=True, capture_output=True,
                              timeout=COMMAND_TIMEOUT_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        return f"no answer in {COMMAND_TIMEOUT_SECONDS} s"
    return f"exit {done.returncode}: {done.stderr.strip()[:500]}" if done.returncode else None
