"""Setting up the top of the page tree, shared by the demo content and the tests."""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, Site

from cities_portal.i18n import LANGUAGE_CODES

HOME_SLUG = "home"


def prepare_root():
    """Give Wagtail's root page its translated columns.

    wagtail-modeltranslation adds title_xx/slug_xx/url_path_xx to the page table after
    Wagtail's own migration created the root, so they start empty and children would get
    URL paths without their leading slash. The root's slug is never translated: translating
    it breaks every child URL.
    """
    root = Page.get_first_root_node()
    values = {}
    for code in LANGUAGE_CODES:
        values.update({f"title_{code}": root.title or "Root", f"slug_{code}": "root", f"url_path_{code}": "/"})
    Page.objects.filter(pk=root.pk).update(**values)
    return Page.objects.get(pk=root.pk)


def install_home(home):
    """Add `home` under the root (replacing Wagtail's initial "Welcome" page), publish it
    and make it the default site's root. The home slug is the same in every language."""
    root = prepare_root()
    # Matched by type, not slug: filters on `slug` read the (still empty) slug_fr column.
    plain_page = ContentType.objects.get_for_model(Page)
    for welcome in root.get_children().filter(content_type=plain_page):
        if not welcome.get_children().exists():
            welcome.delete()
    home.slug = HOME_SLUG
    for code in LANGUAGE_CODES:
        setattr(home, f"slug_{code}", HOME_SLUG)
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home,
                            is_default_site=True, site_name="C.I.T.I.E.S.")
    else:
        site.root_page = home
        site.site_name = "C.I.T.I.E.S."
        site.save()
    return home
