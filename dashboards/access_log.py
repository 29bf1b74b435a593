"""The access log: every login, failed or locked login, logout, page view, callback that returns a family's
data, every export (a CSV download, `helhed report`) and every change to a user, with who, what, from where and
when. One JSON line per event in a file beside the users file, readable by its owner only; the admin reads it on
the *Brugere* page."""

import json
import os
import threading
from datetime import UTC, datetime
from pathlib import Path

import flask

from pipelines.ingest.pseudonym import mask_cpr

MAX_TEXT_LENGTH = 200
EVENTS = ("login", "login_failed", "login_locked", "logout", "page_view", "family_data", "user_added",
          "user_disabled", "user_enabled", "password_reset", "export")
_write_lock = threading.Lock()


def log_path(users_file: Path) -> Path:
    return Path(users_file).with_name("access-log.jsonl")


def record(event: str, detail: str = "", user: str | None = None) -> None:
    """Appends an event of this request; `user` defaults to the session's."""
    append(flask.current_app.config["HELHED_USERS_FILE"], event, detail,
           user if user is not None else flask.session.get("user", ""), flask.request.remote_addr or "")


def append(users_file: Path, event: str, detail: str, user: str, address: str) -> None:
    """Appends an event to the access log beside `users_file`."""
    if event not in EVENTS:
        raise ValueError(f"unknown access event {event!r}")
    # a name typed at login is whatever was typed: cut short, and a CPR number in it masked like everywhere else
    entry = {"at": datetime.now(UTC).isoformat(timespec="seconds"), "user": mask_cpr(user)[:MAX_TEXT_LENGTH],
             "event": event, "detail": mask_cpr(detail)[:MAX_TEXT_LENGTH], "address": address}
    path = log_path(users_file)
    with _write_lock:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as log:
            log.write(json.dumps(entry, ensure_ascii=False) + "\n")


def read(users_file: Path) -> list[dict]:
    """Every event, oldest first."""
    path = log_path(users_file)
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as log:
        return [json.loads(line) for line in log if line.strip()]


def last_logins(entries: list[dict]) -> dict[str, str]:
    """User name -> when they last logged in."""
    return {entry["user"]: entry["at"] for entry in entries if entry["event"] == "login"}
