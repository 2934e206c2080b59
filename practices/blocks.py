"""The "selected practices and cases" block: an editor picks items of the library to show on
any page (a pillar, a service, the home page), in the order chosen.

The block stores only the chosen items' ids. It shows the published ones, each as the library
lists it, read in one query for the whole block whatever the number of items (the chooser's
model instances are never loaded: see `chosen_keys`); an item unpublished later simply
disappears from the page until it is published again.
"""

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

MAX_SELECTED = 12


class SelectedItemsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    text = blocks.TextBlock(label=_("Introduction"), required=False)
    items = blocks.StreamBlock(
        [
            ("practice", SnippetChooserBlock("practices.GoodPractice", label=_("Good practice"), icon="tick")),
            ("case", SnippetChooserBlock("practices.CollaborationCase", label=_("Collaboration case"), icon="group")),
        ],
        label=_("Practices and cases"),
        min_num=1,
        max_num=MAX_SELECTED,
        help_text=_("Only published items are shown to visitors, in this order."),
    )
    show_library_link = blocks.BooleanBlock(
        label=_("Link to the whole library"), required=False, default=True,
    )

    class Meta:
        icon = "list-ul"
        label = _("Selected practices and cases")
        template = "blocks/selected_items.html"

    @staticmethod
    def chosen_keys(value):
        """[(kind, pk)] in the editor's order, from the stored ids (no query)."""
        keys = []
        for child in value["items"].raw_data:
            try:
                pk = int(child.get("value"))
            except (TypeError, ValueError):  # an emptied chooser
                continue
            if (child["type"], pk) not in keys:
                keys.append((child["type"], pk))
        return keys

    def get_context(self, value, parent_context=None):
        from practices.library import LibraryQuery

        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        library = library_page(request, parent_context)
        rows = []
        keys = self.chosen_keys(value)
        if keys and library is not None:
            query = LibraryQuery(QueryDict())
            rows = [query.make_row(row, lambda slug: library.item_url(slug, request=request))
                    for row in query.rows_for(keys, labels=True, live_only=True)]
        context.update(rows=rows, library=library)
        return context


def library_page(request, parent_context=None):
    """The public library page, which gives the items their addresses: from the page's context
    when it has it (the home page), else read once per request."""
    if parent_context and parent_context.get("library") is not None:
        return parent_context["library"]
    cached = getattr(request, "_cities_library_page", None) if request is not None else None
    if cached is not None:
        return cached[0]
    from cities_portal.queries import public
    from practices.models import LibraryPage

    page = public(LibraryPage.objects.live(), request).first()
    if request is not None:
        request._cities_library_page = (page,)
    return page
