"""Page routing in one query, keeping what it read for the menu and the breadcrumbs.

Wagtail routes an address one level at a time, and wagtail-modeltranslation's `route` (which
it puts on every page type, to match translated slugs) does the same: at each level the
parent's children, then the chosen child's specific row. That is two queries per level: six
for a library item at /fr/partager/bibliotheque/<slug>/ before its view starts, and the
breadcrumbs then read the same ancestors again.

Here the site root reads, in one query, its own children (the main menu shows them on every
page) and, for each deeper level of the path, the pages of that depth whose slug in some
language is that level's component. The walk down the path then happens in Python with the
rules of wagtail-modeltranslation's `route`: at each level a live routable page first tries
its own sub-routes; otherwise the next page is the child whose slug in the active language
(French when it has none) is the next component; the page reached must be live. Only that
page is then read in its specific form (one more query). A page type with a `route` of its
own gets the rest of the path, as Wagtail would give it.

Each worker keeps that query's pages for the whole site per content generation
(`_site_pages`), so a request picks its candidates in Python, and the specific form of each
page it served (`_specific`): a request routed to a page it served before reads no page row.

The same query can read other pages every request needs (`also`: HomePage.route_whole_path
adds the footer's). What it read is kept on the request (see `loaded()`) for the main menu,
the breadcrumbs and the footer, which fall back to their own queries for a request routed
some other way (a Django view, a preview).
"""

import copy
from dataclasses import dataclass, field

from django.db.models import Q
from django.http import Http404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page
from wagtail.url_routing import RouteResult

from cities_portal.i18n import LANGUAGE_CODES

REQUEST_ATTRIBUTE = "_cities_routed_pages"


@dataclass
class RoutedPages:
    """What routing one request read: the root's children, the pages down the path and the
    pages of each `also` set (see route())."""

    root: Page
    children: list = field(default_factory=list)  # the root's children, in tree order
    chain: list = field(default_factory=list)  # the root, then each page down to the one served
    also: dict = field(default_factory=dict)  # name -> pages, in tree order


def loaded(request, root=None):
    """The pages routing `request` read, if it was routed under `root` (any root if None)."""
    routed = getattr(request, REQUEST_ATTRIBUTE, None)
    if routed is None or (root is not None and routed.root.pk != root.pk):
        return None
    return routed


# Every page under a root (and each `also` set), per content generation: see _site_pages().
_trees = {}
_TREES_MAX = 16


def _site_pages(root, also):
    """Every page under `root` and every page of each `also` condition, in tree order, read
    once per content generation and kept by each worker (the query and its compiling were
    ~4 ms of every request's CPU). The tree changes only through saves, publishes, moves and
    deletes, which bump the generation (cities_portal/page_cache.py watches wagtailcore and
    the page apps). None without a generation: route() then asks the database as before."""
    from cities_portal.page_cache import generation

    gen = generation()
    if gen is None:
        return None
    key = (root.pk, root.path, root.depth, tuple(sorted(also)))
    held = _trees.get(key)
    if held is None or held[0] != gen:
        pages = Page.objects.all()
        condition = Q(path__startswith=root.path, depth__gt=root.depth)
        if also:
            pages = pages.annotate(**{f"_also_{name}": expression for name, expression in also.items()})
            for name in also:
                condition |= Q(**{f"_also_{name}": True})
        if len(_trees) >= _TREES_MAX:
            _trees.clear()
        held = _trees[key] = (gen, list(pages.filter(condition).order_by("path")))
    return held[1]


def site_pages(root, also):
    """The generic pages under `root` (and each `also` set) that routing keeps for this
    content generation, in tree order, or None without a generation. Shared between
    requests: copy a page before changing it."""
    return _site_pages(root, also)


def keeps_pages():
    """Whether this content generation's pages are kept (not without a generation)."""
    from cities_portal.page_cache import generation

    return generation() is not None


def specific(page, parent=None):
    """`page` (one routing read) in its specific form, for this request only: see _specific()."""
    return _specific(page, parent)


def forget():
    _trees.clear()
    _specifics.clear()


def _candidates(root, components, also):
    """The root's children, for each deeper level the pages whose slug matches there, and
    the pages of each `also` condition (anywhere in the tree): from the pages kept for this
    generation (each request gets its own copies), or in one query."""
    kept = _site_pages(root, also)
    if kept is not None:
        wanted = {root.depth + level: component for level, component in enumerate(components[1:], start=2)}
        found = []
        for page in kept:
            on_path = False
            if page.depth > root.depth and page.path.startswith(root.path):
                if page.depth == root.depth + 1:
                    on_path = True
                elif page.depth in wanted:
                    component = wanted[page.depth]
                    on_path = any(getattr(page, f"slug_{code}") == component for code in LANGUAGE_CODES)
            if on_path or any(getattr(page, f"_also_{name}") for name in also):
                found.append(copy.copy(page))
        return found
    on_path = Q(depth=root.depth + 1)
    for level, component in enumerate(components[1:], start=2):
        same_slug = Q()
        for code in LANGUAGE_CODES:
            same_slug |= Q(**{f"slug_{code}": component})
        on_path |= Q(depth=root.depth + level) & same_slug
    condition = Q(path__startswith=root.path, depth__gt=root.depth) & on_path
    pages = Page.objects.all()
    if also:
        pages = pages.annotate(**{f"_also_{name}": expression for name, expression in also.items()})
        for name in also:
            condition |= Q(**{f"_also_{name}": True})
    return list(pages.filter(condition).order_by("path"))


# The specific form of each page served, per content generation: see _specific().
_specifics = {}
_SPECIFICS_MAX = 2000


def _specific(page, parent):
    """`page` in its specific form, for this request only.

    Read once per content generation and kept by each worker (the query and the building of a
    translated page model were ~1.5 ms of every page's CPU): every request gets a copy of the
    page as it was read, never the kept one, so what a request sets on it stays its own. The
    generation moves on with any save, publish, move or delete of a page, an image or a
    document (cities_portal/page_cache.py), as for the whole pages the page cache keeps."""
    from cities_portal.page_cache import generation

    gen = generation()
    if gen is None:
        specific = page.specific
    else:
        held = _specifics.get(page.pk)
        if held is None or held[0] != gen:
            if len(_specifics) >= _SPECIFICS_MAX:
                _specifics.clear()
            # Nothing of this request's generic copy (its parent, routing's annotations).
            held = _specifics[page.pk] = (gen, page.get_specific(copy_attrs=[]))
        specific = copy.copy(held[1])
    if parent is not None:
        specific._cached_parent_obj = parent
    return specific


def route(root, request, path_components, also=None):
    """`Page.route` for the site root: the whole path at once (see the module docstring).

    `also` ({name: boolean expression on pages}) adds pages every request needs to the same
    query, e.g. the footer's; they are kept as `loaded(request).also[name]`."""
    also = also or {}
    children_of = {}
    found = {name: [] for name in also}
    for page in _candidates(root, path_components, also):
        for name in also:
            if getattr(page, f"_also_{name}"):
                found[name].append(page)
        if page.path.startswith(root.path) and page.depth > root.depth:  # not an `also` page elsewhere
            children_of.setdefault(page.path[:-Page.steplen], []).append(page)
    routed = RoutedPages(root=root, children=children_of.get(root.path, []), chain=[root], also=found)
    if request is not None:
        setattr(request, REQUEST_ATTRIBUTE, routed)
    current, parent = root, None
    for position in range(len(path_components) + 1):
        remaining = path_components[position:]
        page_class = current.specific_class
        if position and page_class is not None and page_class.route is not Page.route:
            # A page type that routes its own way (none does today) gets the rest of the path.
            routed.chain[-1] = _specific(current, parent)
            return routed.chain[-1].route(request, remaining)
        if page_class is not None and issubclass(page_class, RoutablePageMixin) and current.live:
            path = "/" + "".join(f"{component}/" for component in remaining)
            try:
                page_class.get_resolver().resolve(path)
            except Http404:
                pass
            else:
                page = routed.chain[-1] = _specific(current, parent)
                match = page.resolve_subpage(path)
                if request is not None:
                    request.routable_resolver_match = match
                view, args, kwargs = match
                return RouteResult(page, args=(view, args, kwargs))
        if not remaining:
            break
        child = next((page for page in children_of.get(current.path, ()) if page.slug == remaining[0]), None)
        if child is None:
            raise Http404
        child._cached_parent_obj = current
        routed.chain.append(child)
        current, parent = child, current
    if not current.live:
        raise Http404
    page = routed.chain[-1] = _specific(current, parent)
    return RouteResult(page)
