"""The Dash app: a Flask server with the login guard, security headers, and the pages under pages/."""

import secrets
from pathlib import Path

import dash
import flask
import waitress
from werkzeug.middleware.proxy_fix import ProxyFix

from dashboards import guard, settings, shell

PACKAGE_DIR = Path(__file__).parent
# Dash's renderer and plotly style elements inline; scripts only from the app itself and the inline ones hashed.
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self' {script_hashes}; style-src 'self' 'unsafe-inline'; "
                           "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
                           "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
STATIC_PREFIXES = ("/assets/", "/_dash-component-suites/")


def create_app(warehouse: Path, users_file: Path, secret_key: str | None = None,
               behind_tls_proxy: bool = False) -> dash.Dash:
    """The app over the published warehouse at `warehouse`, users from `users_file`.

    Without a secret key (argument or HELHED_SECRET_KEY) a random one is made,
    so sessions end when the process ends. `behind_tls_proxy`: served through a
    proxy that ends TLS, so the session cookie is sent over HTTPS only and the
    client's address is the proxy's X-Forwarded-For.
    """
    server = flask.Flask(__name__, template_folder=str(PACKAGE_DIR / "templates"))
    server.config.update(
        SECRET_KEY=secret_key or settings.secret_key() or secrets.token_hex(32),
        HELHED_WAREHOUSE=Path(warehouse),
        HELHED_USERS_FILE=Path(users_file),
        PERMANENT_SESSION_LIFETIME=settings.session_lifetime(),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=behind_tls_proxy,
    )
    if behind_tls_proxy:
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=1, x_proto=1)
    guard.install(server, settings.login_throttle())  # before Dash adds its own hooks, so the guard runs first
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
    server.extensions["helhed_dash"] = app
    server.before_request(guard.check_callback_request)
    server.after_request(_security_headers(app))
    return app


def _security_headers(app: dash.Dash):
    def add_headers(response: flask.Response) -> flask.Response:
        # hashed per response: the pages' clientside callbacks are known only once Dash has set itself up
        response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY.format(
            script_hashes=" ".join(app.csp_hashes()))
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        if not flask.request.path.startswith(STATIC_PREFIXES):
            response.headers["Cache-Control"] = "no-store"
        return response

    return add_headers


def serve(warehouse: Path, port: int, users_file: Path, host: str = "127.0.0.1",
          behind_tls_proxy: bool = False) -> None:
    """Waitress: one process (the login throttle lives in it), threads for parallel callbacks, no `Server`
    banner naming the software."""
    app = create_app(warehouse, users_file, behind_tls_proxy=behind_tls_proxy)
    server = waitress.create_server(app.server, host=host, port=port, ident="", threads=8)
    print(f"Serving on http://{host}:{server.effective_port}")
    server.run()
