"""What the partner space does to the content: invitations, revisions, moderation, audit.

Every change made by a representative becomes a revision with the representative as its
author and an entry in Wagtail's audit log; submitting starts the "Moderators approve"
workflow (or resumes it after a moderator requested changes). Nothing here ever publishes.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Collection, WorkflowState

from cities_portal.i18n import SOURCE_LANGUAGE
from cities_portal.uploads import is_storage_full, storage_full_error
from partners.space.access import has_admin_access
from partners.space.tokens import invitation_token_generator

logger = logging.getLogger(__name__)


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


# --- Invitations --------------------------------------------------------------------------
class InvitationError(Exception):
    pass


def invitation_url(user, language):
    with translation.override(language):
        return absolute(reverse("partner_space:invitation", kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": invitation_token_generator.make_token(user),
        }))


@transaction.atomic
def invite(email, partner, invited_by=None, language=SOURCE_LANGUAGE):
    """Create (or find) the account for `email`, make it a representative of `partner` and
    send it a single-use link to set its password. Returns the user."""
    User = get_user_model()
    email = User.objects.normalize_email(email).strip()
    user = User.objects.filter(email__iexact=email).order_by("pk").first()
    if user is None:
        username = email.lower()[:150]
        if User.objects.filter(username=username).exists():
            raise InvitationError(_("An account with this user name already exists with another e-mail address."))
        user = User(username=username, email=email, is_active=True)
        user.set_unusable_password()
        user.save()
    elif has_admin_access(user):
        raise InvitationError(_("This account has access to the administration interface; "
                                "partner representatives must not. Use another address."))
    elif not user.is_active:
        raise InvitationError(_("This account is deactivated."))
    partner.representatives.add(user)
    log(instance=partner, action="partner_space.invite", user=invited_by,
        data={"email": email, "representative_id": user.pk})
    with translation.override(language):
        context = {"user": user, "partner": partner, "url": invitation_url(user, language),
                   "days": getattr(settings, "PARTNER_SPACE_INVITATION_DAYS", 7)}
        subject = render_to_string("partner_space/emails/invitation_subject.txt", context).strip()
        body = render_to_string("partner_space/emails/invitation.txt", context)
    transaction.on_commit(lambda: send_mail(subject, body, None, [email]))
    return user


# --- Moderation ---------------------------------------------------------------------------
def submit_for_moderation(obj, user):
    """Start the moderators' workflow on `obj`'s latest revision, or resume it after a
    request for changes, or restart it if the previous submission was still waiting."""
    workflow = obj.get_workflow()
    if workflow is None:
        raise ValidationError(_("No moderation workflow is configured; please tell the editors."))
    state = WorkflowState.objects.active().for_instance(obj).first()
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user=user)
    else:
        if state is not None:
            state.cancel(user=user)
        workflow.start(obj, user)
    transaction.on_commit(lambda: notify_editors(obj, user))


def admin_edit_url(obj):
    viewset = getattr(type(obj), "snippet_viewset", None)
    if viewset is None:
        return absolute(reverse("wagtailadmin_home"))
    return absolute(reverse(viewset.get_url_name("edit"), args=[obj.pk]))


def notify_editors(obj, user):
    recipients = list(getattr(settings, "EDITORS_EMAILS", []))
    if not recipients:
        return
    partner_names = ", ".join(p.name for p in user.represented_partners.all())
    # Editors read the centre's working language.
    with translation.override(SOURCE_LANGUAGE):
        context = {"object": obj, "kind": obj._meta.verbose_name, "user": user, "partners": partner_names,
                   "url": admin_edit_url(obj)}
        subject = render_to_string("partner_space/emails/submitted_subject.txt", context).strip()
        body = render_to_string("partner_space/emails/submitted.txt", context)
    try:
        send_mail(subject, body, None, recipients)
    except Exception:  # the submission is saved; a mail outage must not turn it into an error
        logger.exception("could not notify the editors of a partner submission")


# --- My organisation ----------------------------------------------------------------------
def store_logo(upload, image_format, partner, user):
    """A new image in the root collection; the caller deletes it again if anything fails."""
    Image = get_image_model()
    extension = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}[image_format]
    upload.name = f"logo-{slugify(partner.slug) or 'partner'}.{extension}"
    image = Image(title=_("Logo of %(name)s") % {"name": partner.name}, file=upload,
                  collection=Collection.get_first_root_node(), uploaded_by_user=user)
    image.save()
    return image


def save_partner_profile(partner, form, user, submit):
    """Save the form's values as a new revision of `partner` (never on the live row) and,
    if asked, submit it. Returns the revision."""
    image = None
    try:
        with transaction.atomic(), translation.override(SOURCE_LANGUAGE):
            draft = form.save(commit=False)  # the in-memory latest version; the row is not saved
            if form.cleaned_data.get("logo"):
                image = store_logo(form.cleaned_data["logo"], form.logo_format, partner, user)
                draft.logo = image
            revision = draft.save_revision(user=user, log_action=True)
            if submit:
                submit_for_moderation(draft, user)
    except Exception as exc:
        if image is not None:
            image.file.delete(save=False)
        if is_storage_full(exc):
            # A form error keeps what the representative typed (the middleware's redirect
            # would lose it); the storage has already removed the partial file.
            logger.error("partner logo not stored, media storage full or read-only: %s", exc)
            raise storage_full_error() from exc
        raise
    return revision


def latest_partner_version(partner):
    """The latest saved version of the profile (a pending revision if there is one)."""
    return partner.get_latest_revision_as_object()


# --- Proposals ----------------------------------------------------------------------------
def unique_slug(model, title, exclude_pk=None):
    base = slugify(title)[:100].strip("-") or "proposition"
    slug, number = base, 2
    queryset = model.objects.exclude(pk=exclude_pk) if exclude_pk else model.objects.all()
    while queryset.filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


@transaction.atomic
def save_proposal(form, partner, user, submit):
    """Create or update a representative's proposal: never live, always linked to `partner`."""
    with translation.override(SOURCE_LANGUAGE):
        obj = form.save(commit=False)
        creating = obj.pk is None
        obj.live = False
        obj.proposed_by_partner = partner
        if creating:
            obj.slug = unique_slug(type(obj), obj.title_fr)
            obj.has_unpublished_changes = True
        form.save_m2m()  # parental many-to-many: kept in memory, stored by save()
        if creating:
            obj.partners.set([partner])
        else:
            obj.partners.add(partner)
        obj.save()
        revision = obj.save_revision(user=user, log_action=False)
        log(instance=obj, action="wagtail.create" if creating else "wagtail.edit", user=user, revision=revision,
            content_changed=True)
        if submit:
            submit_for_moderation(obj, user)
    return obj


@transaction.atomic
def delete_proposal(obj, user):
    log(instance=obj, action="wagtail.delete", user=user)
    obj.delete()
