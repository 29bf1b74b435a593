"""Users, roles and the login session.

Users live in a JSON file: name -> role, optional casemanager id, a salted
PBKDF2-SHA256 hash of the password (600,000 iterations, OWASP's figure for
PBKDF2-SHA256), whether the user is disabled, and a session generation. The
role decides which pages a user sees.

A session cookie names the user and the generation it was issued in; logout,
a new password and disabling the user move the generation on, which ends every
session of the user at once, in every browser and server process.
"""

import hashlib
import hmac
import json
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

import flask

from dashboards import registry

ROLES = ("manager", "casemanager", "operator", "admin")
PBKDF2_ITERATIONS = 600_000
MIN_PASSWORD_LENGTH = 8


@dataclass(frozen=True)
class User:
    name: str
    role: str
    casemanager_id: str | None = None

    def may_see(self, page: str) -> bool:
        return self.role in registry.BY_KEY[page].roles

    @property
    def pages(self) -> list[str]:
        return [page.key for page in registry.PAGES if self.role in page.roles]


def _hash(password: str, salt: bytes, iterations: int) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations)


def _load(users_file: Path) -> dict:
    if not Path(users_file).exists():
        return {}
    return json.loads(Path(users_file).read_text(encoding="utf-8"))["users"]


def add_user(users_file: Path, name: str, password: str, role: str,
             casemanager_id: str | None = None) -> None:
    """Add a user, or replace the one with that name (which ends their sessions; a disabled user stays disabled)."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; choose one of {', '.join(ROLES)}")
    if role == "casemanager" and not casemanager_id:
        raise ValueError("a casemanager needs a casemanager_id")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"password must have at least {MIN_PASSWORD_LENGTH} characters")
    users = _load(users_file)
    salt = secrets.token_bytes(16)
    users[name] = {
        "role": role,
        "casemanager_id": casemanager_id,
        "salt": salt.hex(),
        "iterations": PBKDF2_ITERATIONS,
        "hash": _hash(password, salt, PBKDF2_ITERATIONS).hex(),
        "disabled": bool(users.get(name, {}).get("disabled")),
        "session_generation": _generation(users.get(name)) + 1,
    }
    _save(users_file, users)


def _generation(record: dict | None) -> int:
    return record.get("session_generation", 0) if record else 0


def _save(users_file: Path, users: dict) -> None:
    _write_private(Path(users_file), json.dumps({"users": users}, indent=2))


def end_sessions(users_file: Path, name: str) -> None:
    """Every session of the user ends now."""
    users = _load(users_file)
    if name in users:
        users[name]["session_generation"] = _generation(users[name]) + 1
        _save(users_file, users)


def set_disabled(users_file: Path, name: str, disabled: bool) -> None:
    """A disabled user cannot log in, and their sessions end."""
    users = _load(users_file)
    if name not in users:
        raise ValueError(f"no user named {name!r} in {users_file}")
    users[name]["disabled"] = disabled
    users[name]["session_generation"] = _generation(users[name]) + 1
    _save(users_file, users)


def _write_private(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def authenticate(users_file: Path, name: str, password: str) -> User | None:
    record = _load(users_file).get(name)
    # Hash even for unknown names so the response time does not reveal them.
    salt = bytes.fromhex(record["salt"]) if record else b"\0" * 16
    iterations = record["iterations"] if record else PBKDF2_ITERATIONS
    digest = _hash(password, salt, iterations)
    if record and hmac.compare_digest(digest.hex(), record["hash"]) and not record.get("disabled"):
        return User(name, record["role"], record.get("casemanager_id"))
    return None


def list_users(users_file: Path) -> list[dict]:
    """Every user's name, role, case manager id and whether disabled (never a hash), by name."""
    return [{"name": name, "role": record["role"], "casemanager_id": record.get("casemanager_id"),
             "disabled": bool(record.get("disabled"))} for name, record in sorted(_load(users_file).items())]


def find_user(users_file: Path, name: str) -> User | None:
    record = _load(users_file).get(name)
    if record is None:
        return None
    return User(name, record["role"], record.get("casemanager_id"))


def start_session(user: User) -> None:
    lifetime = flask.current_app.permanent_session_lifetime
    record = _load(flask.current_app.config["HELHED_USERS_FILE"])[user.name]
    flask.session.clear()
    flask.session.permanent = True
    flask.session["user"] = user.name
    flask.session["generation"] = _generation(record)
    flask.session["expires_at"] = time.time() + lifetime.total_seconds()
    flask.session["csrf_token"] = secrets.token_urlsafe(16)


def current_user() -> User | None:
    """The logged-in user of this request, read afresh from the users file: none once the session has expired,
    the user is disabled, or their sessions were ended."""
    name = flask.session.get("user")
    if name is None or flask.session.get("expires_at", 0) < time.time():
        return None
    record = _load(flask.current_app.config["HELHED_USERS_FILE"]).get(name)
    if record is None or record.get("disabled") or flask.session.get("generation") != _generation(record):
        return None
    return User(name, record["role"], record.get("casemanager_id"))


def require(page: str) -> User:
    """The current user if they may see `page`; otherwise the request is refused (403)."""
    user = current_user()
    if user is None or not user.may_see(page):
        flask.abort(403)
    return user
