"""The `helhed` command, tried as a new operator would: a wrong argument gets one clear line and a non-zero exit
before anything starts."""

import pytest

from pipelines.cli import main


@pytest.fixture(autouse=True)
def key(monkeypatch):
    monkeypatch.setenv("HELHED_PSEUDONYM_KEY", "test-key-not-secret")


def test_run_without_a_landing_folder(tmp_path, capsys):
    assert main(["run", "--landing", str(tmp_path / "none"), "--warehouse", str(tmp_path / "w.duckdb")]) == 2
    assert capsys.readouterr().err == f"helhed run: no landing folder at {tmp_path / 'none'}\n"


def test_run_on_a_landing_without_a_municipality(tmp_path, capsys):
    (tmp_path / "landing" / "notes").mkdir(parents=True)
    assert main(["run", "--landing", str(tmp_path / "landing"), "--warehouse", str(tmp_path / "w.duckdb")]) == 2
    assert "holds no municipality (a folder named by its kommunekode" in capsys.readouterr().err


def test_run_with_a_warehouse_folder_that_cannot_be_made(tmp_path, capsys):
    (tmp_path / "landing" / "420").mkdir(parents=True)
    (tmp_path / "file").write_text("")
    assert main(["run", "--landing", str(tmp_path / "landing"),
                 "--warehouse", str(tmp_path / "file" / "w.duckdb")]) == 2
    assert capsys.readouterr().err.startswith(f"helhed run: cannot make the warehouse folder {tmp_path / 'file'}")


def test_serve_without_a_warehouse_or_users(tmp_path, capsys):
    assert main(["serve", "--warehouse", str(tmp_path / "none.duckdb")]) == 2
    assert capsys.readouterr().err.startswith(f"helhed serve: no published warehouse at {tmp_path / 'none.duckdb'}")
    (tmp_path / "w.duckdb").write_bytes(b"")
    assert main(["serve", "--warehouse", str(tmp_path / "w.duckdb"), "--users", str(tmp_path / "users.json")]) == 2
    assert "no users file at" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["generate", "run", "serve", "quality", "status", "query", "shell", "report",
                                     "adduser", "disableuser", "keygen", "dev"])
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert done.value.code == 0 and "usage: helhed" in text and "(default: False)" not in text
    if "--warehouse" in text:  # every option with a default says it
        assert "(default: var/warehouse/helhed.duckdb)" in text


def test_the_key_and_the_users_file_are_readable_by_their_owner_only(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("HELHED_PSEUDONYM_KEY_FILE", str(tmp_path / "secrets" / "pseudonym.key"))
    monkeypatch.delenv("HELHED_PSEUDONYM_KEY")
    assert main(["keygen"]) == 0
    users = tmp_path / "users.json"
    assert main(["adduser", "mette", "--role", "manager", "--users", str(users)]) == 0
    for path in (tmp_path / "secrets" / "pseudonym.key", users, tmp_path / "mette-password.txt"):
        assert oct(path.stat().st_mode & 0o777) == "0o600", path
