"""The editors' "Invite a representative" form in the Wagtail admin."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from partners.space import actions
from partners.space.forms import InvitationForm

INVITE_PERMISSION = "partners.change_partner"


class InviteRepresentativeView(WagtailAdminTemplateMixin, FormView):
    form_class = InvitationForm
    template_name = "partner_space/admin/invite.html"
    page_title = gettext_lazy("Invite a representative")
    header_icon = "mail"
    success_url = reverse_lazy("partner_space_invite")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(INVITE_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        initial = super().get_initial()
        if self.request.GET.get("partner", "").isdigit():
            initial["partner"] = self.request.GET["partner"]
        return initial

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action_url"] = reverse("partner_space_invite")
        return context

    def form_valid(self, form):
        try:
            user = actions.invite(form.cleaned_data["email"], form.cleaned_data["partner"],
                                  invited_by=self.request.user, language=form.cleaned_data["language"])
        except actions.InvitationError as error:
            form.add_error("email", str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("Invitation sent to %(email)s for %(partner)s.")
                         % {"email": user.email, "partner": form.cleaned_data["partner"].name})
        return super().form_valid(form)
