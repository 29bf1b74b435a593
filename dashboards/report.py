"""`helhed report`: every manager page as a self-contained HTML file and every figure as a PNG, for the monthly
report to the city council.

The content is the dashboards' own (dashboards/views), so disclosure control is applied exactly as on the pages.
A page holds one section per municipality (and programme); figures are drawn to PNG by kaleido in Debian's
Chromium and embedded in the HTML as data, so the files open anywhere without a request to any address.
"""

import base64
import getpass
import html as html_text
import re
import stat
import tempfile
from datetime import date
from pathlib import Path

import flask
import kaleido
import plotly.graph_objects as go
from dash import dcc
from dash.development.base_component import Component

from dashboards import access_log, data, registry, shell
from dashboards.period import Period
from dashboards.views import caseload, economy, outcomes, population

STYLE = Path(__file__).parent / "assets" / "style.css"
FIGURE_WIDTH = 1100
DEFAULT_HEIGHT = 450
# Chromium for kaleido, started without the background requests it would otherwise make
CHROMIUM_ARGS = ("--disable-background-networking", "--disable-component-update")


class Report:
    """The pages of one report; figures are collected while the pages are built and drawn together at the end."""

    def __init__(self, out: Path):
        self.out = out
        self.figures: list[tuple[go.Figure, Path]] = []

    def figure(self, fig: go.Figure, page: str) -> str:
        path = self.out / "figurer" / f"{page}-{len(self.figures) + 1:02d}.png"
        self.figures.append((fig, path))
        title = fig.layout.title.text or ""
        return f'<figure><img src="@@{path.name}@@" alt="{html_text.escape(title)}"></figure>'

    def block(self, item, page: str) -> str:
        """A view's part as HTML: a figure, a Dash html component (with any graph in it), or a sentence."""
        if item is None or item == "":
            return ""
        if isinstance(item, go.Figure):
            return self.figure(item, page)
        if isinstance(item, Component | list):
            return self.component(item, page)
        return f"<p>{html_text.escape(str(item))}</p>"

    def component(self, node, page: str) -> str:
        if node is None:
            return ""
        if isinstance(node, list | tuple):
            return "".join(self.component(child, page) for child in node)
        if not isinstance(node, Component):
            return html_text.escape(str(node))
        if isinstance(node, dcc.Graph):
            return self.figure(go.Figure(node.figure), page)
        if node._namespace != "dash_html_components":
            raise TypeError(f"the report cannot draw a {node._namespace}.{node._type}")
        tag = node._type.lower()
        attributes = "".join(f' {name}="{html_text.escape(str(value))}"'
                             for name, value in (("class", getattr(node, "className", None)),
                                                 ("title", getattr(node, "title", None)),
                                                 ("colspan", getattr(node, "colSpan", None))) if value)
        if tag in ("br", "hr"):
            return f"<{tag}>"
        return f"<{tag}{attributes}>{self.component(getattr(node, 'children', None), page)}</{tag}>"

    def draw(self, chromium: Path) -> None:
        """Every collected figure to its PNG, in one Chromium."""
        if not self.figures:
            return
        (self.out / "figurer").mkdir(parents=True, exist_ok=True)
        jobs = [{"fig": fig.to_dict(), "path": str(path),
                 "opts": {"format": "png", "width": FIGURE_WIDTH, "height": fig.layout.height or DEFAULT_HEIGHT}}
                for fig, path in self.figures]
        with tempfile.TemporaryDirectory() as tmp:
            kaleido.write_fig_from_object_sync(jobs, kopts={"mathjax": False, "enable_extensions": False,
                                                            "path": str(_quiet_chromium(chromium, Path(tmp)))})

    def embed(self, text: str) -> str:
        """The page with each figure's placeholder replaced by its PNG as data."""
        def data_uri(match: re.Match) -> str:
            png = (self.out / "figurer" / match.group(1)).read_bytes()
            return "data:image/png;base64," + base64.b64encode(png).decode("ascii")

        return re.sub(r"@@([\w.-]+)@@", data_uri, text)


def _quiet_chromium(chromium: Path, folder: Path) -> Path:
    """kaleido takes no Chromium arguments of its own: a wrapper adds them."""
    wrapper = folder / "chromium"
    wrapper.write_text(f'#!/bin/sh\nexec "{chromium}" {" ".join(CHROMIUM_ARGS)} "$@"\n', encoding="utf-8")
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR)
    return wrapper


def _sections(page: str, municipalities: list[str], period: Period) -> list[tuple[str, list]]:
    """(heading, the view's parts) for each municipality and programme of the page; then the municipalities side by
    side where the page has that."""
    sections = []
    for kommunekode in municipalities:
        name = shell.municipality_name(kommunekode)
        programmes = data.programmes(kommunekode)
        if page == "outcomes":
            sections += [(f"{name}: {p}", list(outcomes.outcomes(kommunekode, p, "ALL", period))) for p in programmes]
        elif page == "economy":
            sections += [(f"{name}: {p}", list(economy.economy(kommunekode, p, period))) for p in programmes]
        elif page == "caseload":
            sections.append((name, list(caseload.caseload(kommunekode, period))))
        elif page == "population":
            sections.append((name, list(population.population(kommunekode, period))))
    programmes = sorted({p for k in municipalities for p in data.programmes(k)})
    if page == "outcomes" and len(municipalities) > 1:
        sections += [("Kommunerne side om side", [outcomes.across_municipalities(p) for p in programmes])]
    if page == "economy" and len(municipalities) > 1:
        sections += [("Kommunerne side om side", [economy.savings_across_municipalities(p) for p in programmes])]
    if page == "caseload" and len(municipalities) > 1:
        sections.append(("Kommunerne side om side", [caseload.across_municipalities(period)]))
    return sections


REPORT_PAGES = tuple(page for page in registry.PAGES if "manager" in page.roles)
WHOLE_PERIOD = Period()
CHROMIUM = Path("/usr/bin/chromium")


def write_report(warehouse: Path, out: Path, kommunekode: str | None = None, period: Period = WHOLE_PERIOD,
                 chromium: Path = CHROMIUM, users_file: Path | None = None) -> list[Path]:
    """Writes the report's pages (one HTML file per manager page, and index.html) and figures to `out`; returns the
    HTML files. `users_file`: the access log beside it records the export."""
    app = flask.Flask("helhed-report")
    app.config["HELHED_WAREHOUSE"] = Path(warehouse)
    out.mkdir(parents=True, exist_ok=True)
    report = Report(out)
    with app.app_context():
        known = data.municipalities()
        if kommunekode is not None and kommunekode not in known:
            raise ValueError(f"municipality {kommunekode} is not in the warehouse (it holds {', '.join(known)})")
        municipalities = [kommunekode] if kommunekode else known
        pages = {page: "".join(f"<section><h2>{html_text.escape(heading)}</h2>"
                               + "".join(report.block(part, page.key) for part in parts) + "</section>"
                               for heading, parts in _sections(page.key, municipalities, period))
                 for page in REPORT_PAGES}
    report.draw(chromium)
    subtitle = (f"{', '.join(shell.municipality_name(k) for k in municipalities)} · {period.label()} · "
                f"udskrevet {date.today().isoformat()}")
    written = [_write(out / f"{page.path.strip('/')}.html", page.title, subtitle, report.embed(body))
               for page, body in pages.items()]
    links = "".join(f'<li><a href="{path.name}">{page.title}</a></li>' for page, path in zip(pages, written))
    written.append(_write(out / "index.html", "Rapport", subtitle, f"<ul>{links}</ul>"))
    if users_file is not None:
        access_log.append(users_file, "export", f"report to {out}: {', '.join(municipalities)}, {period.label()}",
                          user=getpass.getuser(), address="kommandolinje")
    return written


def _write(path: Path, title: str, subtitle: str, body: str) -> Path:
    page = f"""<!DOCTYPE html>
<html lang="da"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>Helhed – {html_text.escape(title)}</title>
<style>{STYLE.read_text(encoding="utf-8")}
figure {{ margin: 1rem 0; }} figure img {{ max-width: 100%; height: auto; }} section {{ margin-bottom: 2rem; }}</style>
</head><body><main class="content"><h1>{html_text.escape(title)}</h1><p class="summary">{html_text.escape(subtitle)}</p>
{body}</main></body></html>
"""
    path.write_text(page, encoding="utf-8")
    return path
