"""Keyed pseudonyms for CPR numbers: HMAC-SHA256 computed inside DuckDB, so raw numbers never leave the load step.

The pseudonym is `p` + the first 20 hex digits of the HMAC with the digits 0-9 mapped to the letters g-p:
it has no digits at all, so a scan for CPR-like numbers can never mistake a pseudonym for one.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from pathlib import Path

import duckdb

KEY_ENV = "HELHED_PSEUDONYM_KEY"
KEY_FILE_ENV = "HELHED_PSEUDONYM_KEY_FILE"
DEFAULT_KEY_FILE = Path("var/secrets/pseudonym.key")
_DIGITS, _LETTERS = "0123456789", "ghijklmnop"
# A pseudonym standing on its own in a text (a quarantined line): 'p' and 20 letters of a hex digest with its digits
# turned into the letters above.
PSEUDONYM_IN_TEXT = r"\bp[abcdef" + _LETTERS + r"]{20}\b"
_BLOCK = 64  # SHA-256 block size in bytes
MASK = "<masked>"
# Anything shaped like a CPR number (free text, error messages and check results may quote one): DD MM YY and SSSS
# in any decimal digits, with up to three separators between the groups, e.g. `010190 1234`, `010190–1234`,
# `01-01-90-1234`, `010190/1234`. The digit class differs by dialect: Python's `\d` is Unicode, RE2's is ASCII.
_SEPARATOR = "[ \u00a0\\-\u2010-\u2015\u2212/.]{0,3}"


def cpr_shape(digit: str) -> str:
    """Digits touching the shape are masked with it, so no part of a longer run of digits is left behind."""
    group = digit + "{2}" + _SEPARATOR
    return digit + "*" + group * 3 + digit + "{4}" + digit + "*"


_CPR_LIKE = re.compile(cpr_shape(r"\d"))
_SQL_CPR_LIKE = cpr_shape(r"\p{Nd}")


class MissingKey(RuntimeError):
    pass


def key_file() -> Path:
    return Path(os.environ.get(KEY_FILE_ENV, DEFAULT_KEY_FILE))


def load_key() -> bytes:
    if os.environ.get(KEY_ENV):
        return os.environ[KEY_ENV].encode()
    path = key_file()
    if not path.is_file():
        raise MissingKey(f"No pseudonym key: set {KEY_ENV} or create the key file {path} (helhed keygen)")
    return path.read_bytes().strip()


def create_key_file(path: Path) -> bool:
    """Writes a new random key readable by the owner only; False if one exists already."""
    if path.exists():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(secrets.token_hex(32) + "\n")
    return True


def mask_cpr(text: str) -> str:
    return _CPR_LIKE.sub(MASK, text)


def normalise(cpr: str) -> str:
    return cpr.strip().replace("-", "")


def pseudonymise(cpr: str, key: bytes) -> str:
    digest = hmac.new(key, normalise(cpr).encode(), hashlib.sha256).hexdigest()
    return "p" + digest[:20].translate(str.maketrans(_DIGITS, _LETTERS))


def install(con: duckdb.DuckDBPyConnection, key: bytes) -> None:
    """Puts the HMAC pads in session variables (never in a table) for `sql_expression`."""
    if len(key) > _BLOCK:
        key = hashlib.sha256(key).digest()
    padded = key.ljust(_BLOCK, b"\0")
    for name, pad in (("helhed_ipad", 0x36), ("helhed_opad", 0x5C)):
        con.execute(f"SET VARIABLE {name} = unhex('{bytes(b ^ pad for b in padded).hex()}')")


def cpr_like_sql() -> str:
    """The RE2 pattern of anything CPR-shaped."""
    return _SQL_CPR_LIKE


def masked_sql_expression(column: str) -> str:
    """A text column with anything CPR-shaped masked, for columns that are not CPR columns (free text)."""
    return f"regexp_replace({column}, '{_SQL_CPR_LIKE}', '{MASK}', 'g')"


def sql_expression(column: str) -> str:
    message = f"encode(replace(trim({column}), '-', ''))"
    inner = f"unhex(sha256(getvariable('helhed_ipad') || {message}))"
    digest = f"sha256(getvariable('helhed_opad') || {inner})"
    letters = f"translate(left({digest}, 20), '{_DIGITS}', '{_LETTERS}')"
    return f"CASE WHEN {column} IS NULL THEN NULL ELSE 'p' || {letters} END"
