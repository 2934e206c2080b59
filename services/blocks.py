"""The home page's sections, as blocks of one StreamField (HomePage.sections): editors reorder
them by moving blocks, hide one by deleting it, retitle one per language.

The field is not translated: the order of the home page is the same in every language, and a
section's title may be given for each language (an empty title shows the section's usual
heading, translated). What a section lists (pillars, events, items, partners) is read by
HomePage.get_context, once, and only for the sections the page has.
"""

from django.conf import settings
from django.utils import translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from cities_portal.i18n import SOURCE_LANGUAGE

MAX_LISTED = 12


def _language_names():
    return dict(settings.LANGUAGES)


class SectionTitleBlock(blocks.StructBlock):
    """A title in each language; the section's usual heading where a language has none."""

    def __init__(self, **kwargs):
        names = _language_names()
        local = [
            (code, blocks.CharBlock(
                # Lazy: the admin shows the label in the editor's language.
                label=format_lazy(_("Title ({language})"), language=names.get(code, code)),
                required=False, max_length=120,
            ))
            for code, _name in settings.LANGUAGES
        ]
        super().__init__(local, **kwargs)

    class Meta:
        label = _("Title")
        help_text = _("Leave a language empty to show the section's usual heading in that language.")
        form_classname = "struct-block section-title-block"


class HomeSectionBlock(blocks.StructBlock):
    """A section whose heading is `default_title` unless the editor gave one."""

    default_title = ""
    # Each section appears at most once (HomeSectionsBlock's block_counts): a fixed id is unique.
    heading_key = "section"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        titles = value.get("title") or {}
        language = translation.get_language() or SOURCE_LANGUAGE
        context["title"] = (titles.get(language) or "").strip() or str(self.default_title)
        context["heading_id"] = f"home-{self.heading_key}-title"
        return context


class PillarsSectionBlock(HomeSectionBlock):
    heading_key = "pillars"
    title = SectionTitleBlock()
    default_title = _("Our services")

    class Meta:
        icon = "grip"
        label = _("The three pillars")
        template = "blocks/home/pillars.html"


class BodySectionBlock(blocks.StaticBlock):
    class Meta:
        icon = "doc-full"
        label = _("Free content (the Body field)")
        admin_text = _("Shows the page's Body field, in the visitor's language, at this place.")
        template = "blocks/home/body.html"


class EventsSectionBlock(HomeSectionBlock):
    heading_key = "events"
    title = SectionTitleBlock()
    count = blocks.IntegerBlock(label=_("Number of events"), min_value=1, max_value=MAX_LISTED, default=3)
    default_title = _("Next events")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["events"] = list(context.get("next_events") or [])[: value.get("count") or 3]
        return context

    class Meta:
        icon = "date"
        label = _("Next events")
        template = "blocks/home/events.html"


class LatestItemsSectionBlock(HomeSectionBlock):
    heading_key = "practices"
    title = SectionTitleBlock()
    count = blocks.IntegerBlock(label=_("Number of items"), min_value=1, max_value=MAX_LISTED, default=4)
    default_title = _("Latest practices and cases")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["items"] = list(context.get("latest_items") or [])[: value.get("count") or 4]
        return context

    class Meta:
        icon = "list-ul"
        label = _("Latest practices and cases")
        template = "blocks/home/latest_items.html"


class PartnersSectionBlock(HomeSectionBlock):
    heading_key = "partners"
    title = SectionTitleBlock()
    default_title = _("Our partners")

    class Meta:
        icon = "group"
        label = _("Partner logos")
        template = "blocks/home/partners.html"


class HomeSectionsBlock(blocks.StreamBlock):
    pillars = PillarsSectionBlock()
    body = BodySectionBlock()
    next_events = EventsSectionBlock()
    latest_items = LatestItemsSectionBlock()
    partners = PartnersSectionBlock()

    class Meta:
        block_counts = {name: {"max_num": 1} for name in ("pillars", "body", "next_events", "latest_items", "partners")}


# The home page as it was before editors could arrange it: the order a new home page gets.
DEFAULT_SECTIONS = [
    {"type": "pillars", "value": {"title": {}}},
    {"type": "body", "value": None},
    {"type": "next_events", "value": {"title": {}, "count": 3}},
    {"type": "latest_items", "value": {"title": {}, "count": 4}},
    {"type": "partners", "value": {"title": {}}},
]


def default_sections():
    return [dict(section) for section in DEFAULT_SECTIONS]
