"""Admin of the library: one SnippetViewSet per model, grouped in a "Library" menu.

The listings of practices and cases show which languages each item still misses, and can
be filtered by missing language, so that translators find their work quickly.
"""

import django_filters
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, LiveStatusTagColumn, UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from cities_portal.admin_views import PortalSnippetViewSet
from cities_portal.i18n import LANGUAGE_CODES, SOURCE_LANGUAGE, missing_languages, translated_field_names
from practices.models import (
    CollaborationCase,
    CollaborationForm,
    CollaborationStage,
    GoodPractice,
    ResourceType,
    StakeholderType,
    Territory,
    Theme,
)

TARGET_LANGUAGES = [(code, name) for code, name in settings.LANGUAGES if code != SOURCE_LANGUAGE]


def _empty(name):
    return Q(**{f"{name}__isnull": True}) | Q(**{name: ""})


def missing_language_q(model, language):
    """Items with at least one field written in French but empty in `language`."""
    condition = Q(pk__in=[])
    for field in translated_field_names(model):
        condition |= _empty(f"{field}_{language}") & ~_empty(f"{field}_{SOURCE_LANGUAGE}")
    return condition


class ItemFilterSet(WagtailFilterSet):
    missing_language = django_filters.ChoiceFilter(
        label=_("Missing translation"), choices=TARGET_LANGUAGES, method="filter_missing_language",
        empty_label=_("Any"),
    )
    live = django_filters.BooleanFilter(label=_("Published"))
    territory = django_filters.ModelChoiceFilter(label=_("Territory"), queryset=Territory.objects.all())
    themes = django_filters.ModelChoiceFilter(label=_("Theme"), queryset=Theme.objects.all())

    def filter_missing_language(self, queryset, name, value):
        if value not in LANGUAGE_CODES:
            return queryset
        return queryset.filter(missing_language_q(queryset.model, value))


class PracticeFilterSet(ItemFilterSet):
    class Meta:
        model = GoodPractice
        fields = ["live", "missing_language", "territory", "themes", "resource_type"]


class CaseFilterSet(ItemFilterSet):
    class Meta:
        model = CollaborationCase
        fields = ["live", "missing_language", "territory", "themes", "collaboration_form"]


def _missing_languages(obj):
    missing = missing_languages(obj)
    return ", ".join(code.upper() for code in missing) if missing else "✓"


missing_column = Column("missing_languages", label=_("Missing languages"), accessor=_missing_languages)


class ItemViewSet(PortalSnippetViewSet):
    list_display = ["title", "territory", missing_column, LiveStatusTagColumn(), UpdatedAtColumn()]
    search_fields = ["title", "summary"]
    list_per_page = 50
    copy_view_enabled = False

    def get_queryset(self, request):
        return self.model._default_manager.select_related("territory", "latest_revision")


class GoodPracticeViewSet(ItemViewSet):
    model = GoodPractice
    icon = "doc-full-inverse"
    menu_label = _("Good practices")
    filterset_class = PracticeFilterSet


class CollaborationCaseViewSet(ItemViewSet):
    model = CollaborationCase
    icon = "group"
    menu_label = _("Collaboration cases")
    filterset_class = CaseFilterSet


class TermViewSet(PortalSnippetViewSet):
    icon = "tag"
    list_display = ["name", "slug", missing_column]
    search_fields = ["name", "slug"]
    copy_view_enabled = False


def term_viewset(term_model, label, **extra):
    attrs = {"model": term_model, "menu_label": label, **extra}
    return type(f"{term_model.__name__}ViewSet", (TermViewSet,), attrs)


class LibraryViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Library")
    menu_icon = "folder-open-inverse"
    menu_order = 250
    items = (
        GoodPracticeViewSet,
        CollaborationCaseViewSet,
        term_viewset(Theme, _("Themes")),
        term_viewset(Territory, _("Territories"), icon="site",
                     list_display=["name", "country", "country_code", missing_column]),
        term_viewset(StakeholderType, _("Stakeholder types")),
        term_viewset(CollaborationForm, _("Collaboration forms")),
        term_viewset(CollaborationStage, _("Collaboration stages"),
                     list_display=["name", "order", "slug", missing_column]),
        term_viewset(ResourceType, _("Resource types")),
    )


register_snippet(LibraryViewSetGroup)
