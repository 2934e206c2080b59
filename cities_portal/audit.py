"""The security and moderation log: an admin report for administrators only.

Wagtail's "Site history" shows every editor the changes to what they may edit, but not who
logged in, who failed to and from where. This report gathers, for administrators (superusers)
alone, the log-ins, failed log-ins and lock-outs (cities_portal/lockout.py records them on
the account concerned, with the address) and every publication, unpublication and moderation
decision on pages and snippets (Wagtail records those), each with its user, its exact time
and, for log-ins, the address. Anyone else gets Wagtail's "permission denied" (a redirect to
the dashboard with a message), and the menu item is not shown to them.
"""

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.reports.audit_logging import LogEntriesView, SiteHistoryReportFilterSet
from wagtail.log_actions import registry as log_action_registry

from cities_portal.lockout import LOCKED_OUT, LOGIN, LOGIN_FAILED

AUDIT_ACTIONS = (
    LOGIN, LOGIN_FAILED, LOCKED_OUT,
    "wagtail.publish", "wagtail.publish.scheduled", "wagtail.publish.schedule", "wagtail.schedule.cancel",
    "wagtail.unpublish", "wagtail.unpublish.scheduled",
    "wagtail.workflow.start", "wagtail.workflow.approve", "wagtail.workflow.reject",
    "wagtail.workflow.resume", "wagtail.workflow.cancel",
    "wagtail.moderation.approve", "wagtail.moderation.reject",
    "wagtail.delete",
)


def can_read_audit_log(user):
    return user.is_active and user.is_superuser


class AuditLogFilterSet(SiteHistoryReportFilterSet):
    def get_action_choices(self):
        return [choice for choice in log_action_registry.get_choices() if choice[0] in AUDIT_ACTIONS]


class AuditLogView(LogEntriesView):
    page_title = _("Security and moderation log")
    header_icon = "lock"
    results_template_name = "security/audit_log_results.html"
    filterset_class = AuditLogFilterSet
    index_url_name = "core_audit_log"
    index_results_url_name = "core_audit_log_results"
    export_headings = {**LogEntriesView.export_headings, "address": _("Address")}
    list_export = [*LogEntriesView.list_export, "address"]

    def dispatch(self, request, *args, **kwargs):
        if not can_read_audit_log(request.user):
            raise PermissionDenied  # Wagtail's admin turns this into its permission-denied page
        return super().dispatch(request, *args, **kwargs)

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset.filter(action__in=AUDIT_ACTIONS))

    def get_filename(self):
        return super().get_filename().replace("audit-log", "security-moderation-log")

    def decorate_paginated_queryset(self, queryset):
        entries = super().decorate_paginated_queryset(queryset)
        for entry in entries:
            entry.address = (entry.data or {}).get("ip") or ""
            # Someone who was not logged in tried the account: not "system", which is what
            # Wagtail calls an entry without a user (a scheduled publication, a command).
            entry.by_anonymous = entry.action in (LOGIN_FAILED, LOCKED_OUT)
        return entries

    def as_spreadsheet(self, queryset, spreadsheet_format):
        response = super().as_spreadsheet(queryset, spreadsheet_format)
        if response.streaming:
            # The rows are written while the server sends them, after the view has left the
            # administrator's language: keep it for the labels of the actions.
            language, chunks = translation.get_language(), response.streaming_content

            def in_language():
                with translation.override(language):
                    yield from chunks

            response.streaming_content = in_language()
        return response


def urls():
    return [
        path("reports/security-log/", AuditLogView.as_view(), name="core_audit_log"),
        path("reports/security-log/results/", AuditLogView.as_view(results_only=True), name="core_audit_log_results"),
    ]


class AuditLogMenuItem(MenuItem):
    def is_shown(self, request):
        return can_read_audit_log(request.user)


def menu_item():
    return AuditLogMenuItem(_("Security and moderation log"), reverse("core_audit_log"), icon_name="lock",
                            name="security-log", order=1100)
