"""The keyed pseudonym: the same in SQL and Python, keyed, digit-free, dash-insensitive."""
import hashlib
import hmac
import re

import duckdb
import pytest

from pipelines.ingest import pseudonym


def _sql(cpr: str, key: bytes) -> str:
    con = duckdb.connect()
    pseudonym.install(con, key)
    return con.execute(f"SELECT {pseudonym.sql_expression('x')} FROM (SELECT ?::VARCHAR AS x)", [cpr]).fetchone()[0]


@pytest.mark.parametrize("key", [b"short", b"k" * 64, b"a much longer key than one sha-256 block " * 3])
def test_sql_and_python_agree_with_standard_hmac(key):
    expected_hex = hmac.new(key, b"0101901234", hashlib.sha256).hexdigest()[:20]
    expected = "p" + expected_hex.translate(str.maketrans("0123456789", "ghijklmnop"))
    assert pseudonym.pseudonymise("010190-1234", key) == expected
    assert _sql("010190-1234", key) == expected


def test_dash_does_not_change_the_pseudonym_but_the_key_does():
    assert _sql("0101901234", b"k1") == _sql("010190-1234", b"k1")
    assert _sql("0101901234", b"k1") != _sql("0101901234", b"k2")


def test_pseudonym_has_no_digits():
    values = [pseudonym.pseudonymise(f"0101{n:02d}1234", b"k") for n in range(100)]
    assert all(re.fullmatch(r"p[a-p]{20}", v) for v in values)
    assert len(set(values)) == 100


def test_key_from_environment_or_file(tmp_path, monkeypatch):
    monkeypatch.delenv(pseudonym.KEY_ENV, raising=False)
    monkeypatch.setenv(pseudonym.KEY_FILE_ENV, str(tmp_path / "k.key"))
    with pytest.raises(pseudonym.MissingKey):
        pseudonym.load_key()
    assert pseudonym.create_key_file(tmp_path / "k.key")
    assert not pseudonym.create_key_file(tmp_path / "k.key")
    assert len(pseudonym.load_key()) == 64
    assert (tmp_path / "k.key").stat().st_mode & 0o077 == 0
    monkeypatch.setenv(pseudonym.KEY_ENV, "from-env")
    assert pseudonym.load_key() == b"from-env"


CPR_SHAPES = [
    "0101901234", "010190-1234", "010190 1234", "010190–1234", "010190—1234", "010190/1234", "01-01-90-1234",
    "01.01.90-1234", "010190 - 1234", "010190\u00a01234", "٠١٠١٩٠-١٢٣٤", "０１０１９０１２３４",
]


def _sql_mask(text: str) -> str:
    con = duckdb.connect()
    sql = f"SELECT {pseudonym.masked_sql_expression('x')} FROM (SELECT ?::VARCHAR AS x)"
    return con.execute(sql, [text]).fetchone()[0]


@pytest.mark.parametrize("shape", CPR_SHAPES)
def test_every_cpr_shape_is_masked_in_python_and_sql(shape):
    text = f"Barnets far ({shape}) flyttet"
    assert pseudonym.mask_cpr(text) == "Barnets far (<masked>) flyttet"
    assert _sql_mask(text) == "Barnets far (<masked>) flyttet"


@pytest.mark.parametrize("text", ["2020-01-01", "1.234.567,50 kr", "tlf 12 34 56 78", "sag 123456"])
def test_dates_amounts_and_short_numbers_are_not_masked(text):
    assert pseudonym.mask_cpr(text) == text
    assert _sql_mask(text) == text


def test_digits_run_into_a_cpr_number_are_masked_with_it():
    text = "420-JF-00010101154321 ok"  # a delimiter dropped between a reference and a CPR number
    assert pseudonym.mask_cpr(text) == "420-JF-<masked> ok"
    assert _sql_mask(text) == "420-JF-<masked> ok"
