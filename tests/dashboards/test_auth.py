"""The user store: salted PBKDF2 hashes, roles, and what each role may see."""

import json

import pytest

from dashboards import auth
from pipelines.cli import main


def test_passwords_are_stored_salted_and_hashed(tmp_path):
    users_file = tmp_path / "users.json"
    auth.add_user(users_file, "a", "samme-kodeord", "manager")
    auth.add_user(users_file, "b", "samme-kodeord", "admin")
    text = users_file.read_text()
    assert "samme-kodeord" not in text
    users = json.loads(text)["users"]
    assert users["a"]["salt"] != users["b"]["salt"]
    assert users["a"]["hash"] != users["b"]["hash"]
    assert users_file.stat().st_mode & 0o077 == 0


def test_authenticate(tmp_path):
    users_file = tmp_path / "users.json"
    auth.add_user(users_file, "carl", "rigtigt-kodeord", "casemanager", casemanager_id="CM-7")
    assert auth.authenticate(users_file, "carl", "rigtigt-kodeord") == auth.User(
        "carl", "casemanager", "CM-7")
    assert auth.authenticate(users_file, "carl", "forkert-kodeord") is None
    assert auth.authenticate(users_file, "ukendt", "rigtigt-kodeord") is None


@pytest.mark.parametrize("role, casemanager_id, password", [
    ("superuser", None, "langt-kodeord"),
    ("casemanager", None, "langt-kodeord"),
    ("manager", None, "kort"),
])
def test_invalid_users_are_rejected(tmp_path, role, casemanager_id, password):
    with pytest.raises(ValueError):
        auth.add_user(tmp_path / "users.json", "x", password, role, casemanager_id)


@pytest.mark.parametrize("role, pages", [
    ("manager", ["outcomes", "economy", "caseload", "population"]),
    ("admin", ["users"]),
    ("casemanager", ["family_board"]),
    ("operator", ["quality"]),
])
def test_pages_by_role(role, pages):
    assert auth.User("x", role).pages == pages


def test_the_command_line_disables_and_enables_a_user(tmp_path, capsys):
    users_file = tmp_path / "users.json"
    assert main(["adduser", "kim", "--role", "manager", "--password", "langt-kodeord", "--users", str(users_file)]) == 0
    assert main(["disableuser", "kim", "--users", str(users_file)]) == 0
    assert auth.authenticate(users_file, "kim", "langt-kodeord") is None
    assert main(["disableuser", "kim", "--enable", "--users", str(users_file)]) == 0
    assert auth.authenticate(users_file, "kim", "langt-kodeord") == auth.User("kim", "manager")
    assert main(["disableuser", "ukendt", "--users", str(users_file)]) == 1
    assert "no user named 'ukendt'" in capsys.readouterr().err


def test_a_new_password_leaves_a_disabled_user_disabled(tmp_path):
    users_file = tmp_path / "users.json"
    auth.add_user(users_file, "kim", "langt-kodeord", "manager")
    auth.set_disabled(users_file, "kim", True)
    auth.add_user(users_file, "kim", "nyt-langt-kodeord", "manager")
    assert auth.authenticate(users_file, "kim", "nyt-langt-kodeord") is None
    assert auth.list_users(users_file) == [{"name": "kim", "role": "manager", "casemanager_id": None,
                                            "disabled": True}]
