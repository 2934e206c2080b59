"""Admin side of the partner space: the invitation form, its menu item, its audit action."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from partners.models import Partner
from partners.space.admin_views import INVITE_PERMISSION, InviteRepresentativeView


@hooks.register("register_admin_urls")
def register_invite_url():
    return [path("partner-space/invite/", InviteRepresentativeView.as_view(), name="partner_space_invite")]


class InviteMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(INVITE_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_invite_menu_item():
    return InviteMenuItem(_("Invite a representative"), reverse("partner_space_invite"), icon_name="mail",
                          name="partner-space-invite", order=950)


@hooks.register("register_log_actions")
def register_space_log_actions(actions):
    actions.register_action("partner_space.invite", _("Invite a representative"),
                            _("A partner representative was invited"))


@hooks.register("register_snippet_listing_buttons")
def invite_button_on_partners(snippet, user, next_url=None):
    """An "Invite a representative" entry in each partner's "More" menu of the admin listing."""
    if isinstance(snippet, Partner) and user.has_perm(INVITE_PERMISSION):
        yield Button(_("Invite a representative"), f"{reverse('partner_space_invite')}?partner={snippet.pk}",
                     icon_name="mail", priority=90)
