"""Admin of the partners: one SnippetViewSet, with filters by kind, territory, status and
missing translation, so that editors and translators find their work quickly.

Publishing goes through the "Moderators approve" workflow (practices migration 0002 assigns
it to partners too); Wagtail records every save, submission, approval, rejection and
publication in its audit log with the acting user.
"""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, LiveStatusTagColumn, UpdatedAtColumn
from wagtail.snippets.models import register_snippet

from cities_portal.admin_views import PortalSnippetViewSet
from cities_portal.i18n import LANGUAGE_CODES
from partners.models import Partner
from practices.wagtail_hooks import TARGET_LANGUAGES, missing_column, missing_language_q


class PartnerFilterSet(WagtailFilterSet):
    missing_language = django_filters.ChoiceFilter(
        label=_("Missing translation"), choices=TARGET_LANGUAGES, method="filter_missing_language",
        empty_label=_("Any"),
    )
    live = django_filters.BooleanFilter(label=_("Published"))

    class Meta:
        model = Partner
        fields = ["kind", "territory", "live", "missing_language"]

    def filter_missing_language(self, queryset, name, value):
        if value not in LANGUAGE_CODES:
            return queryset
        return queryset.filter(missing_language_q(Partner, value))


class PartnerViewSet(PortalSnippetViewSet):
    model = Partner
    icon = "group"
    menu_label = _("Partners")
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["name", "acronym", Column("kind", label=_("Kind"), accessor="get_kind_display"),
                    Column("territory", label=_("Territory"), accessor="get_territory_display"),
                    missing_column, LiveStatusTagColumn(), UpdatedAtColumn()]
    filterset_class = PartnerFilterSet
    # Searched in the database, across every language of the name and city: an editor
    # typing "City of Montréal" or "서울" finds the partner whatever language the admin uses.
    search_backend_name = None
    search_fields = [*(f"name_{code}" for code in LANGUAGE_CODES), "acronym", "slug",
                     *(f"city_{code}" for code in LANGUAGE_CODES)]
    list_per_page = 50
    copy_view_enabled = False

    def get_queryset(self, request):
        return self.model._default_manager.select_related("latest_revision")


register_snippet(PartnerViewSet)
