"""Demo content of the site's spine: the home page and the institutional pages."""

from pathlib import Path

from wagtail.models import Page, Site

from cities_portal.demo import read_toml, stream_translations, translations
from cities_portal.i18n import LANGUAGE_CODES
from services.models import HomePage, StandardPage

CONTENT_DIR = Path(__file__).resolve().parent / "demo_content"
HOME_SLUG = "home"


def _prepare_root():
    """Give Wagtail's root page its translated columns.

    wagtail-modeltranslation adds title_xx/slug_xx/url_path_xx to the page table after
    Wagtail's own migration created the root, so they start empty and children would get
    URL paths without their leading slash.
    """
    root = Page.get_first_root_node()
    values = {}
    for code in LANGUAGE_CODES:
        values.update({f"title_{code}": root.title or "Root", f"slug_{code}": "root", f"url_path_{code}": "/"})
    Page.objects.filter(pk=root.pk).update(**values)
    return Page.objects.get(pk=root.pk)


def ensure_home(loader, data):
    def create():
        root = _prepare_root()
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        # Wagtail's migration leaves a plain "Welcome" page at /home/: replace it.
        for welcome in root.get_children().filter(slug=HOME_SLUG):
            if welcome.specific_class is Page and not welcome.get_children().exists():
                welcome.delete()
        home = HomePage(
            slug=HOME_SLUG,
            **{f"slug_{code}": HOME_SLUG for code in LANGUAGE_CODES},
            **translations(data, "title"),
            **translations(data, "hero_title"),
            **translations(data, "intro"),
            **stream_translations(data, "body"),
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        if site is None:
            Site.objects.create(hostname="localhost", port=80, root_page=home,
                                is_default_site=True, site_name="C.I.T.I.E.S.")
        else:
            site.root_page = home
            site.site_name = "C.I.T.I.E.S."
            site.save()
        return home

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
