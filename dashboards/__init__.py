"""Helhed dashboards: a Dash app over the published warehouse, read-only."""

from dashboards.app import create_app, serve
from dashboards.auth import add_user

__all__ = ["add_user", "create_app", "serve"]
