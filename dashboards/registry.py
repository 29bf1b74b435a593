"""Every page of the app: its path, its title in the menu, and the roles that may see it. The guard, the
callbacks' role checks, the menu and Dash's page routing all read this one list.

- `manager`: aggregates only (programme outcomes, economy, caseload, the population's families), never a family's row;
- `casemanager`: their own families (the board and each family's timeline);
- `operator`: the data quality of the nightly runs (what `helhed quality` prints);
- `admin`: users and the access log.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    key: str
    path: str
    title: str
    roles: frozenset[str]


PAGES = (
    Page("outcomes", "/programresultater", "Programresultater", frozenset({"manager"})),
    Page("economy", "/oekonomi", "Økonomi", frozenset({"manager"})),
    Page("caseload", "/sagsbelastning", "Sagsbelastning", frozenset({"manager"})),
    Page("population", "/befolkning", "Befolkning", frozenset({"manager"})),
    Page("family_board", "/familietavle", "Familietavle", frozenset({"casemanager"})),
    Page("quality", "/datakvalitet", "Datakvalitet", frozenset({"operator"})),
    Page("users", "/brugere", "Brugere", frozenset({"admin"})),
)
BY_KEY = {page.key: page for page in PAGES}
BY_PATH = {page.path: page for page in PAGES}


def register_page(module_name: str, key: str) -> None:
    """Registers a page module with Dash under the page's path and title (Dash imports only the modules of
    pages_folder whose text names `register_page`)."""
    import dash

    page = BY_KEY[key]
    dash.register_page(module_name, path=page.path, name=page.title, title=f"Helhed – {page.title}")
