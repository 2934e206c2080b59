"""Demo content of the site's spine: the home page and the institutional pages."""

from pathlib import Path

from cities_portal.demo import read_toml, stream_translations, translations
from cities_portal.tree import install_home
from services.models import HomePage, StandardPage

CONTENT_DIR = Path(__file__).resolve().parent / "demo_content"


def ensure_home(loader, data):
    def create():
        home = HomePage(
            **translations(data, "title"),
            **translations(data, "hero_title"),
            **translations(data, "intro"),
            **stream_translations(data, "body"),
        )
        return install_home(home)

    home, _created = loader.once("services.home", create)
    return home


def standard_page(data):
    return StandardPage(
        show_in_menus=data.get("show_in_menus", False),
        show_in_footer=data.get("show_in_footer", False),
        **translations(data, "title"),
        **translations(data, "slug"),
        **translations(data, "intro"),
        **stream_translations(data, "body"),
    )


def load(loader):
    content = read_toml(CONTENT_DIR / "site.toml")
    home = ensure_home(loader, content["home"])
    if home is None:
        loader.log("The home page was deleted by an editor: its children are not recreated.")
        return
    parents = {"home": home}
    for data in content.get("pages", []):
        parent = parents.get(data.get("parent", "home"))
        if parent is None:
            continue
        page = loader.add_page(f"services.page.{data['key']}", parent, standard_page(data))
        if page is not None:
            parents[data["key"]] = page
