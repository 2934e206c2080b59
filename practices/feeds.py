"""RSS and Atom feeds of the library: one per language (the URL's prefix) and per filter
(the same query string as the listing), newest publications first."""

from django.contrib.syndication.views import Feed
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from practices.library import LibraryQuery

FEED_SIZE = 50


class LibraryFeed(Feed):
    def __init__(self, page, query, fmt):
        super().__init__()
        self.page = page
        self.query = query
        self.feed_type = Atom1Feed if fmt == "atom" else Rss201rev2Feed
        self.language = translation.get_language()

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.page

    def title(self, obj):
        return _("%(title)s – C.I.T.I.E.S. library") % {"title": obj.title}

    def link(self, obj):
        return obj.get_url(request=self.request)

    def subtitle(self, obj):
        return obj.intro or _("Good practices and collaboration cases of the social and solidarity economy.")

    description = subtitle

    def feed_url(self, obj):
        return self.request.get_full_path()

    def items(self, obj):
        return self.query.latest(FEED_SIZE, url_for=lambda slug: obj.item_url(slug, request=self.request))

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.url

    def item_guid(self, item):
        return self.request.build_absolute_uri(item.url)

    item_guid_is_permalink = True

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        categories = [item.kind_label]
        if item.resource_type:
            categories.append(item.resource_type.label)
        return categories


def library_feed(page, request, fmt):
    query = LibraryQuery(request.GET)
    response = LibraryFeed(page, query, fmt)(request)
    response["Content-Language"] = translation.get_language()
    return response
