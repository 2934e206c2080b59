"""Views of the partner space (server-rendered forms, no JavaScript needed).

Every object is looked up through the partners the signed-in representative represents:
another partner's profile or proposal is simply not found (404), whatever id or slug the
URL carries.
"""

import re
import secrets

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from cities_portal.i18n import next_in
from partners.space import actions
from partners.space.access import has_admin_access, representative_required
from partners.space.forms import (
    CaseProposalForm,
    PartnerProfileForm,
    PracticeProposalForm,
    SpaceAuthenticationForm,
    SpacePasswordResetForm,
)
from partners.space.status import attach_workflow_states, status_of
from partners.space.tokens import invitation_token_generator
from practices.models import CollaborationCase, GoodPractice

KINDS = {
    "practice": {"model": GoodPractice, "form": PracticeProposalForm, "label": gettext_lazy("Good practice")},
    "case": {"model": CollaborationCase, "form": CaseProposalForm, "label": gettext_lazy("Collaboration case")},
}
ACTIONS = ("draft", "submit")


def _action(request):
    """'draft' or 'submit'; anything else (e.g. a forged 'publish') is refused."""
    action = request.POST.get("action", "submit")
    if action not in ACTIONS:
        raise PermissionDenied
    return action


def _locked_by_other(obj, user):
    return bool(getattr(obj, "locked", False) and obj.locked_by_id != user.pk)


def _saved_message(request, action):
    if action == "submit":
        messages.success(request, _("Thank you: your changes were sent to the moderators. "
                                    "They will be public once approved."))
    else:
        messages.success(request, _("Your draft was saved. It is not public and not yet submitted."))


# --- Dashboard ----------------------------------------------------------------------------
def proposals_of(partners):
    items = []
    for kind, spec in KINDS.items():
        rows = list(spec["model"].objects.filter(proposed_by_partner__in=partners)
                    .select_related("proposed_by_partner").order_by("-pk"))
        attach_workflow_states(rows)
        for row in rows:
            items.append({"kind": kind, "kind_label": spec["label"], "object": row, "status": status_of(row),
                          "url": reverse(f"partner_space:{kind}_edit", args=[row.pk])})
    return items


def public_url(partner, request):
    """The live profile's address in the directory (h2's PartnerDirectoryPage), if any."""
    from partners.models import PartnerDirectoryPage

    if not partner.live:
        return None
    if not hasattr(request, "_partner_directory"):
        request._partner_directory = PartnerDirectoryPage.objects.live().first()
    directory = request._partner_directory
    return directory.partner_url(partner, request=request) if directory else None


@representative_required
def dashboard(request):
    partners = attach_workflow_states(request.partners)
    context = {
        "partners": [{"partner": p, "status": status_of(p), "public_url": public_url(p, request)}
                     for p in partners],
        "proposals": proposals_of(request.partners),
    }
    return TemplateResponse(request, "partner_space/dashboard.html", context)


# --- My organisation ----------------------------------------------------------------------
def _my_partner(request, slug):
    for partner in request.partners:
        if partner.slug == slug:
            return partner
    raise Http404


@representative_required
@require_http_methods(["GET", "POST"])
def partner_edit(request, slug):
    partner = _my_partner(request, slug)
    attach_workflow_states([partner])
    version = actions.latest_partner_version(partner)
    form = PartnerProfileForm(instance=version)
    if request.method == "POST":
        action = _action(request)
        form = PartnerProfileForm(request.POST, request.FILES, instance=version)
        if _locked_by_other(partner, request.user):
            messages.error(request, _("An editor is working on this profile right now; please try again later."))
        elif form.is_valid():
            try:
                actions.save_partner_profile(partner, form, request.user, submit=action == "submit")
            except ValidationError as error:
                form.add_error(None, error)
            else:
                _saved_message(request, action)
                return redirect("partner_space:partner_edit", slug=partner.slug)
    context = {"partner": partner, "version": version, "form": form, "status": status_of(partner),
               "public_url": public_url(partner, request)}
    return TemplateResponse(request, "partner_space/partner_form.html", context, status=400 if form.errors else 200)


# --- Proposals ----------------------------------------------------------------------------
def _is_published(obj):
    return obj.live or obj.first_published_at is not None


# A new proposal's form carries a one-time submission token, so that the same form sent
# twice (a double click, a browser retrying a slow request, Back and send again) makes one
# proposal, not two proposals and two e-mails to the moderators. The token maps to the
# proposal it made, in the shared cache, for a day. Without a cache (Redis down) there is no
# guard, and saving still works.
SUBMISSION_SECONDS = 24 * 3600
SUBMISSION_TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")


def _submission(request):
    """(token, cache key) of the form's submission, ("", None) if it has none or a bad one."""
    token = request.POST.get("submission", "") if request.method == "POST" else ""
    if not SUBMISSION_TOKEN.fullmatch(token):
        return "", None
    return token, f"partner-space:submission:{request.user.pk}:{token}"


def _earlier_submission(key, model, partner):
    """What a previous copy of this form made: the proposal, "saving" while a copy is being
    saved right now, or None."""
    done = cache.get(key)
    if done is None or done == "saving":
        return done
    return model.objects.filter(pk=done, proposed_by_partner=partner).first()


@representative_required
@require_http_methods(["GET", "POST"])
def proposal_create(request, slug, kind):
    partner = _my_partner(request, slug)
    spec = KINDS[kind]
    form = spec["form"]()
    token, key = _submission(request)
    if request.method == "POST":
        action = _action(request)
        form = spec["form"](request.POST)
        # add() is atomic in Redis: of two copies of the form, only one goes on to save.
        earlier = _earlier_submission(key, spec["model"], partner) if key else None
        if earlier is None and key and not cache.add(key, "saving", 120):
            earlier = _earlier_submission(key, spec["model"], partner)
        if isinstance(earlier, spec["model"]):
            messages.info(request, _("This proposal was already saved; here it is."))
            return redirect(f"partner_space:{kind}_edit", pk=earlier.pk)
        if earlier == "saving":
            # Kept on the page, with what was typed, in case that other copy fails.
            form.add_error(None, _("This proposal is being saved right now. Check your proposals in a "
                                   "moment before sending it again."))
        elif form.is_valid():
            try:
                obj = actions.save_proposal(form, partner, request.user, submit=action == "submit")
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if key:
                    cache.set(key, obj.pk, SUBMISSION_SECONDS)
                _saved_message(request, action)
                return redirect(f"partner_space:{kind}_edit", pk=obj.pk)
        if key and earlier is None:
            cache.delete(key)  # not saved: the same form, corrected, may be sent again
    context = {"partner": partner, "form": form, "kind": kind, "kind_label": spec["label"], "object": None,
               "submission": token or secrets.token_urlsafe(24)}
    return TemplateResponse(request, "partner_space/proposal_form.html", context, status=400 if form.errors else 200)


def _my_proposal(request, kind, pk):
    model = KINDS[kind]["model"]
    return get_object_or_404(model.objects.select_related("proposed_by_partner"), pk=pk,
                             proposed_by_partner__in=request.partners)


@representative_required
@require_http_methods(["GET", "POST"])
def proposal_edit(request, kind, pk):
    obj = _my_proposal(request, kind, pk)
    attach_workflow_states([obj])
    spec = KINDS[kind]
    published = _is_published(obj)
    form = spec["form"](instance=obj)
    if request.method == "POST":
        action = _action(request)
        if published:
            raise PermissionDenied
        form = spec["form"](request.POST, instance=obj)
        if _locked_by_other(obj, request.user):
            messages.error(request, _("An editor is working on this proposal right now; please try again later."))
        elif form.is_valid():
            try:
                actions.save_proposal(form, obj.proposed_by_partner, request.user, submit=action == "submit")
            except ValidationError as error:
                form.add_error(None, error)
            else:
                _saved_message(request, action)
                return redirect(f"partner_space:{kind}_edit", pk=obj.pk)
    context = {"partner": obj.proposed_by_partner, "form": form, "kind": kind, "kind_label": spec["label"],
               "object": obj, "status": status_of(obj), "published": published}
    return TemplateResponse(request, "partner_space/proposal_form.html", context, status=400 if form.errors else 200)


@representative_required
@require_http_methods(["GET", "POST"])
def proposal_delete(request, kind, pk):
    obj = _my_proposal(request, kind, pk)
    if _is_published(obj):
        raise PermissionDenied
    if request.method == "POST":
        actions.delete_proposal(obj, request.user)
        messages.success(request, _("The proposal was deleted."))
        return redirect("partner_space:dashboard")
    return TemplateResponse(request, "partner_space/proposal_delete.html",
                            {"object": obj, "kind": kind, "kind_label": KINDS[kind]["label"]})


# --- Accounts -----------------------------------------------------------------------------
class LoginView(auth_views.LoginView):
    template_name = "partner_space/login.html"
    authentication_form = SpaceAuthenticationForm

    def get_default_redirect_url(self):
        return reverse("partner_space:dashboard")

    def get_redirect_url(self):
        # A `next` carried over from another language (an old link, a bookmark) leads to the
        # same page in the language of this login page.
        url = super().get_redirect_url()
        return next_in(url, translation.get_language(), self.request) or url


class LogoutView(auth_views.LogoutView):
    next_page = reverse_lazy("partner_space:login")

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("You are logged out."))
        return response


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "partner_space/password_reset.html"
    form_class = SpacePasswordResetForm
    email_template_name = "partner_space/emails/password_reset.txt"
    subject_template_name = "partner_space/emails/password_reset_subject.txt"
    success_url = reverse_lazy("partner_space:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "partner_space/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "partner_space/password_set.html"
    success_url = reverse_lazy("partner_space:password_reset_complete")

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        # The space's reset links only ever work for representatives (never for admin accounts).
        if user is not None and (has_admin_access(user) or not user.represented_partners.exists()):
            return None
        return user


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "partner_space/password_set_done.html"


class InvitationView(PasswordResetConfirmView):
    """The link of the invitation e-mail: choose a password, once, before it expires."""

    token_generator = invitation_token_generator
    template_name = "partner_space/invitation.html"
    success_url = reverse_lazy("partner_space:invitation_done")


class InvitationDoneView(PasswordResetCompleteView):
    template_name = "partner_space/password_set_done.html"
