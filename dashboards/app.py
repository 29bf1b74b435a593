"""The Dash app: a Flask server with the login guard, and the pages under pages/."""

import secrets
from pathlib import Path

import dash
import flask

from dashboards import guard, settings, shell

PACKAGE_DIR = Path(__file__).parent


def create_app(warehouse: Path, users_file: Path, secret_key: str | None = None) -> dash.Dash:
    """The app over the published warehouse at `warehouse`, users from `users_file`.

    Without a secret key (argument or HELHED_SECRET_KEY) a random one is made,
    so sessions end when the process ends.
    """
    server = flask.Flask(__name__, template_folder=str(PACKAGE_DIR / "templates"))
    server.config.update(
        SECRET_KEY=secret_key or settings.secret_key() or secrets.token_hex(32),
        HELHED_WAREHOUSE=Path(warehouse),
        HELHED_USERS_FILE=Path(users_file),
        PERMANENT_SESSION_LIFETIME=settings.session_lifetime(),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
    )
    guard.install(server)  # before Dash adds its own hooks, so the guard runs first
    app = dash.Dash(
        __name__,
        server=server,
        use_pages=True,
        pages_folder=str(PACKAGE_DIR / "pages"),
        assets_folder=str(PACKAGE_DIR / "assets"),
        suppress_callback_exceptions=True,
        title="Helhed",
        update_title=None,
    )
    app.layout = shell.app_layout
    return app


def serve(warehouse: Path, port: int, users_file: Path, host: str = "127.0.0.1") -> None:
    create_app(warehouse, users_file).run(host=host, port=port, debug=False)
