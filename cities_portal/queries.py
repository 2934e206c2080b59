"""Query helpers shared by page serving, listings, menus and footers.

Most pages of the portal are public. Wagtail checks view restrictions with two queries per
page served and one more for each `.public()` listing; here the (usually empty) list of
restricted paths is read once and cached until a restriction or a page changes.
"""

from django.core.cache import cache
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import post_page_move

CACHE_KEY = "cities:restricted-page-paths"
CACHE_SECONDS = 300


def restricted_paths():
    """Tree paths of the pages that carry a view restriction (password, login, groups)."""
    paths = cache.get(CACHE_KEY)
    if paths is None:
        paths = list(PageViewRestriction.objects.order_by().values_list("page__path", flat=True))
        cache.set(CACHE_KEY, paths, CACHE_SECONDS)
    return paths


def forget_restricted_paths(sender=None, instance=None, **kwargs):
    if instance is None or isinstance(instance, (Page, PageViewRestriction)):
        cache.delete(CACHE_KEY)


def connect_signals():
    post_save.connect(forget_restricted_paths, dispatch_uid="cities-restrictions-save")
    post_delete.connect(forget_restricted_paths, dispatch_uid="cities-restrictions-delete")
    post_page_move.connect(forget_restricted_paths, dispatch_uid="cities-restrictions-move")


def public(queryset, request=None):
    """`queryset.public()` without a query per call: pages under no view restriction."""
    paths = restricted_paths()
    if not paths:
        return queryset
    private = Q()
    for path in paths:
        private |= Q(path__startswith=path)
    return queryset.exclude(private)
