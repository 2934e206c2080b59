"""Navigation and language tags used by every template."""

from django import template
from django.conf import settings
from django.template.loader import get_template
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site

from cities_portal import routing
from cities_portal.i18n import LANGUAGE_CODES, SOURCE_LANGUAGE, alternate_urls, fallback_fields, page_url_in, with_query
from cities_portal.kept import kept
from cities_portal.queries import public, restricted_paths

register = template.Library()


def _current_page(context):
    page = context.get("page")
    return page if isinstance(page, Page) else None


def _site_pk(request):
    """The pk of the Site `request` is for, or None: the part of a page's address that
    depends on the request (a page of another Site is linked by its full URL)."""
    if request is None:
        return None
    site = Site.find_for_request(request)  # kept on the request by Wagtail after the first call
    return site.pk if site is not None else None


def _alternate_urls(context):
    """alternate_urls() for the language switcher and the hreflang links (each reads them).

    A page's address in each language is kept per content generation (cities_portal/kept.py):
    the four get_url() calls under four translation.override(), twice per page, were ~0.6 ms
    of every page. Slugs and the tree change only through saves, publishes and moves, which
    move the generation on."""
    request = context.get("request")
    page = _current_page(context)
    urls = context.get("alternate_urls")
    site_pk = _site_pk(request)
    if urls or page is None or not page.pk or site_pk is None:
        return alternate_urls(request, page=page, urls=urls)
    pairs = kept("page-alternate-urls", (site_pk, page.pk),
                 lambda: tuple((code, page_url_in(page, code, request)) for code in LANGUAGE_CODES))
    return dict(pairs)


@register.simple_tag(takes_context=True)
def language_links(context):
    """The language switcher: the same page in each language, query string kept.

    A view whose object is not a Wagtail page (a practice, a partner) puts its own
    `alternate_urls` ({code: url}) in the context.
    """
    request = context.get("request")
    urls = _alternate_urls(context)
    current = translation.get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        url = urls.get(code)
        if not url:
            continue
        links.append(
            {
                "code": code,
                "name_local": info["name_local"],
                "url": with_query(url, request, code),
                "current": code == current,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def hreflang_links(context):
    """<link rel=alternate> for the four languages and x-default (the French page)."""
    request = context.get("request")
    urls = _alternate_urls(context)
    if not urls or request is None:
        return ""
    html = []
    for code, _name in settings.LANGUAGES:
        if urls.get(code):
            html.append(format_html('<link rel="alternate" hreflang="{}" href="{}">', code,
                                    request.build_absolute_uri(urls[code])))
    if urls.get(SOURCE_LANGUAGE):
        html.append(format_html('<link rel="alternate" hreflang="x-default" href="{}">',
                                request.build_absolute_uri(urls[SOURCE_LANGUAGE])))
    return format_html("".join(["{}"] * len(html)), *html)


@register.simple_tag
def lang_attr(obj, field):
    """` lang="fr"` when `obj.field` is shown in French because its translation is empty."""
    if obj is not None and field in fallback_fields(obj, fields=[field]):
        return format_html(' lang="{}"', SOURCE_LANGUAGE)
    return ""


# One whole sentence per language: the name of a language inflects differently in each
# (", en coréen", "al coreano", "한국어로"), so it cannot be slotted into one template.
FALLBACK_NOTICES = {
    "en": _("Parts of this page are not yet translated into English; they are shown in French."),
    "es": _("Parts of this page are not yet translated into Spanish; they are shown in French."),
    "ko": _("Parts of this page are not yet translated into Korean; they are shown in French."),
}


@register.inclusion_tag("includes/fallback_notice.html", takes_context=True)
def fallback_notice(context, obj=None):
    """Tell the visitor, in their language, that some of this content is shown in French."""
    obj = obj if obj is not None else _current_page(context)
    language = translation.get_language()
    show = obj is not None and language in FALLBACK_NOTICES and bool(fallback_fields(obj, language))
    return {"show": show, "message": FALLBACK_NOTICES.get(language, "")}


def _site_root(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return None
    return site.root_page


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The site root's pages shown in menus, the current one and its section marked.

    The HTML is kept per content generation (cities_portal/kept.py) for each Site, language
    and marking: every page of a section shows the same menu, whose template and five
    pageurl were ~0.7 ms of each page's CPU."""
    request = context.get("request")
    root = _site_root(context)
    page = _current_page(context)
    items = []
    if root is not None:
        current_path = page.path if page is not None else ""
        routed = routing.loaded(request, root)
        if routed is not None:
            # Routing read the root's children already: filter them as the query would.
            private = restricted_paths()
            children = [child for child in routed.children if child.live and child.show_in_menus
                        and not any(child.path.startswith(path) for path in private)]
        else:
            children = public(root.get_children().live().in_menu(), request)
        for child in children:
            # aria-current="page" on the page itself, "true" on the section that contains it.
            items.append({"page": child, "current": page is not None and page.pk == child.pk,
                          "active": current_path.startswith(child.path)})

    def build():
        return get_template("includes/main_menu.html").render({"root": root, "items": items, "request": request})

    site_pk = _site_pk(request)
    if site_pk is None or root is None:
        return build()
    key = (site_pk, root.pk, translation.get_language(),
           tuple((item["page"].pk, item["current"], item["active"]) for item in items))
    return kept("main-menu", key, build)


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, extra=None):
    """Ancestors of the current page below the site root; `extra` adds the object shown by a
    routable sub-page (e.g. a practice) as the last crumb."""
    page = _current_page(context)
    crumbs = []
    if page is not None and page.depth > 2:
        routed = routing.loaded(context.get("request"))
        if routed is not None and routed.chain[0].depth == 2 and routed.chain[-1].pk == page.pk:
            crumbs = list(routed.chain)  # the pages routing walked through, read once
        else:
            crumbs = list(page.get_ancestors(inclusive=True).filter(depth__gte=2))
    return {"crumbs": crumbs, "extra": extra, "request": context.get("request")}
