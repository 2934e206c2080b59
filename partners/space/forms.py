"""Forms of the partner space: plain HTML forms that work without JavaScript.

Only the fields listed here can ever be written from the space: whatever else a request
carries (`live`, `owner`, `slug`, `representatives`, another partner's id...) is ignored.
"""

import html
import re

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.html import escape, strip_tags
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage

from cities_portal.i18n import LANGUAGE_CODES, SOURCE_LANGUAGE
from partners.models import Partner
from practices.models import CollaborationCase, CollaborationForm, GoodPractice, Territory, Theme

LANGUAGE_NAMES = dict(settings.LANGUAGES)

# --- Logo upload --------------------------------------------------------------------------
# Pillow format name -> file extensions accepted for it. SVG is refused on purpose: it is a
# document that can carry scripts, not a picture.
LOGO_FORMATS = {"PNG": ("png",), "JPEG": ("jpg", "jpeg"), "WEBP": ("webp",)}


def logo_max_bytes():
    return int(getattr(settings, "PARTNER_SPACE_LOGO_MAX_BYTES", 2 * 1024 * 1024))


def logo_max_pixels():
    return int(getattr(settings, "PARTNER_SPACE_LOGO_MAX_PIXELS", 16_000_000))


def check_logo(upload):
    """Return the Pillow format of a valid logo, or raise ValidationError with a clear message."""
    if upload.size > logo_max_bytes():
        raise ValidationError(
            _("The logo is too large: %(size)s MB at most."),
            code="too_large", params={"size": f"{logo_max_bytes() / 1024 / 1024:g}"},
        )
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    accepted = [ext for exts in LOGO_FORMATS.values() for ext in exts]
    if extension not in accepted:
        raise ValidationError(_("The logo must be a PNG, JPEG or WebP image (SVG is not accepted)."),
                              code="bad_extension")
    try:
        upload.seek(0)
        with PILImage.open(upload) as image:
            image_format = image.format
            width, height = image.size
            if image_format not in LOGO_FORMATS:
                raise ValidationError(_("The logo must be a PNG, JPEG or WebP image (SVG is not accepted)."),
                                      code="bad_type")
            # A logo is a still image. Wagtail's image library cannot read an animated PNG at
            # all (the save failed with a 500), and each frame of an animation would be decoded
            # on rendering, so 400 small frames could pass a pixel limit made for one.
            if int(getattr(image, "n_frames", 1) or 1) > 1:
                raise ValidationError(
                    _("The logo must be a still image: animated PNG or WebP files are not accepted."),
                    code="animated",
                )
            if width * height > logo_max_pixels():
                raise ValidationError(
                    _("The logo has too many pixels: %(pixels)s million at most."),
                    code="too_many_pixels", params={"pixels": f"{logo_max_pixels() / 1_000_000:g}"},
                )
            image.verify()
    except ValidationError:
        raise
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        raise ValidationError(
            _("The logo has too many pixels: %(pixels)s million at most."),
            code="too_many_pixels", params={"pixels": f"{logo_max_pixels() / 1_000_000:g}"},
        ) from None
    except Exception:  # Pillow raises many kinds of errors on damaged or foreign files
        raise ValidationError(_("This file is not a readable PNG, JPEG or WebP image."), code="unreadable") from None
    finally:
        upload.seek(0)
    if extension not in LOGO_FORMATS[image_format]:
        raise ValidationError(
            _("The file's extension (.%(extension)s) does not match its content (%(format)s)."),
            code="extension_mismatch", params={"extension": extension, "format": image_format},
        )
    return image_format, width, height


# --- Plain text <-> the library's rich text ------------------------------------------------
def text_to_html(text):
    """Paragraphs separated by blank lines become <p>; everything is escaped."""
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        return ""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "".join("<p>{}</p>".format(escape(p).replace("\n", "<br/>")) for p in paragraphs)


def html_to_text(value):
    value = value or ""
    value = re.sub(r"<br\s*/?>", "\n", value)
    value = re.sub(r"</(p|h[1-6]|li|ul|ol)>", "\n\n", value)
    return html.unescape(strip_tags(value)).strip()


# --- Language groups ----------------------------------------------------------------------
class LanguageGroupsMixin:
    """Group a form's per-language fields for the template: French first, then the others."""

    translated = ()

    def language_groups(self):
        groups = []
        for code in LANGUAGE_CODES:
            fields = [self[f"{name}_{code}"] for name in self.translated if f"{name}_{code}" in self.fields]
            groups.append({"code": code, "name": LANGUAGE_NAMES[code], "fields": fields,
                           "source": code == SOURCE_LANGUAGE})
        return groups

    def other_fields(self):
        names = {f"{name}_{code}" for name in self.translated for code in LANGUAGE_CODES}
        return [self[name] for name in self.fields if name not in names and name != "logo"]


def _label_fields(form, labels, help_texts=None):
    help_texts = help_texts or {}
    for name, label in labels.items():
        for code in LANGUAGE_CODES:
            field = form.fields.get(f"{name}_{code}")
            if field is not None:
                field.label = label
                field.widget.attrs["lang"] = code
                if name in help_texts:
                    field.help_text = help_texts[name]


# --- My organisation ----------------------------------------------------------------------
class PartnerProfileForm(LanguageGroupsMixin, forms.ModelForm):
    translated = ("description", "key_facts", "logo_alt")

    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https",
                             help_text=_("The full address, e.g. https://example.org"))
    contact_email = forms.EmailField(label=_("Public contact e-mail"), required=False)
    logo = forms.FileField(
        label=_("New logo"), required=False,
        help_text=_("PNG, JPEG or WebP, 2 MB at most. Leave empty to keep the current logo."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
    )

    class Meta:
        model = Partner
        fields = [f"{name}_{code}" for name in ("description", "key_facts", "logo_alt") for code in LANGUAGE_CODES] + [
            "website", "contact_email",
        ]
        widgets = {f"{name}_{code}": forms.Textarea(attrs={"rows": 6})
                   for name in ("description", "key_facts") for code in LANGUAGE_CODES}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _label_fields(self, {"description": _("Description"), "key_facts": _("Key facts"),
                             "logo_alt": _("Logo text alternative")},
                      {"description": _("What the organisation does, in a few sentences."),
                       "key_facts": _("One fact per line: figures, dates, achievements."),
                       "logo_alt": _("Usually the organisation's name as written in the logo.")})
        self.logo_format = None

    def clean_logo(self):
        upload = self.cleaned_data.get("logo")
        if upload:
            self.logo_format = check_logo(upload)[0]
        return upload


# --- Proposals ----------------------------------------------------------------------------
PRACTICE_TEXTS = {"title": _("Title"), "summary": _("Summary"), "body": _("Description"),
                  "outcomes": _("Outcomes"), "lessons": _("Lessons")}
CASE_TEXTS = {"title": _("Title"), "summary": _("Summary"), "public_actors": _("Public actors"),
              "civil_society_actors": _("Civil-society actors"), "policy_instrument": _("Policy instrument"),
              "co_construction": _("How it was co-built"), "results": _("Results and evidence")}
TEXT_HELP = {
    "summary": _("Two or three sentences."),
    "public_actors": _("One per line."),
    "civil_society_actors": _("One per line."),
    "body": _("Plain text; leave a blank line between paragraphs."),
    "co_construction": _("Plain text; leave a blank line between paragraphs."),
}


class IdsChoiceField(forms.ModelMultipleChoiceField):
    """Django's multiple choice of objects, refusing ids no database column can hold.

    Django checks each id with a filter() that is never run; SQLite then met an id such as
    99999999999999999999 in the `pk__in` query and raised OverflowError (a 500). Such an id is
    now "not a valid value", Django's own translated message, like any other bad id."""

    def _check_values(self, value):
        for pk in value:
            try:
                number = int(str(pk).strip())
            except ValueError:
                continue  # not a number at all: Django's own check refuses it
            if not -(2 ** 63) <= number < 2 ** 63:
                raise ValidationError(self.error_messages["invalid_pk_value"], code="invalid_pk_value",
                                      params={"pk": pk})
        return super()._check_values(value)


class ProposalForm(LanguageGroupsMixin, forms.ModelForm):
    """Base of the two proposal forms: texts in four languages (French title required)."""

    rich = ()  # rich-text model fields, edited here as plain text

    territory = forms.ModelChoiceField(label=_("Territory"), queryset=Territory.objects.order_by("name"),
                                       required=False, empty_label=_("(not set)"))
    themes = IdsChoiceField(label=_("Themes"), queryset=Theme.objects.order_by("name"),
                            required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.rich:
            for code in LANGUAGE_CODES:
                key = f"{name}_{code}"
                self.fields[key] = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 8}))
                if self.instance.pk:
                    self.initial[key] = html_to_text(getattr(self.instance, key, ""))
        # Keep the fields in the order of `translated` inside each language.
        order = [f"{name}_{code}" for code in LANGUAGE_CODES for name in self.translated]
        self.order_fields(order + [name for name in self.fields if name not in order])
        _label_fields(self, self.labels, TEXT_HELP)
        self.fields[f"title_{SOURCE_LANGUAGE}"].required = True
        self.fields["start_year"].label = _("Start year")
        self.fields["end_year"].label = _("End year")
        self.fields["end_year"].help_text = _("Leave empty while it is still running.")

    def save(self, commit=True):
        obj = super().save(commit=False)
        for name in self.rich:
            for code in LANGUAGE_CODES:
                setattr(obj, f"{name}_{code}", text_to_html(self.cleaned_data.get(f"{name}_{code}")))
        return obj


def _fields(texts, rich, extra):
    return [f"{name}_{code}" for code in LANGUAGE_CODES for name in texts if name not in rich] + extra


class PracticeProposalForm(ProposalForm):
    labels = PRACTICE_TEXTS
    translated = tuple(PRACTICE_TEXTS)
    rich = ("body", "outcomes", "lessons")

    class Meta:
        model = GoodPractice
        fields = _fields(PRACTICE_TEXTS, ("body", "outcomes", "lessons"),
                         ["territory", "themes", "start_year", "end_year"])
        widgets = {f"summary_{code}": forms.Textarea(attrs={"rows": 3}) for code in LANGUAGE_CODES}


class CaseProposalForm(ProposalForm):
    labels = CASE_TEXTS
    translated = tuple(CASE_TEXTS)
    rich = ("co_construction", "results")

    collaboration_form = forms.ModelChoiceField(
        label=_("Collaboration form"), queryset=CollaborationForm.objects.order_by("name"), required=False,
        empty_label=_("(not set)"),
    )

    class Meta:
        model = CollaborationCase
        fields = _fields(CASE_TEXTS, ("co_construction", "results"),
                         ["territory", "themes", "collaboration_form", "start_year", "end_year"])
        widgets = {
            **{f"{name}_{code}": forms.Textarea(attrs={"rows": 3}) for code in LANGUAGE_CODES
               for name in ("summary", "public_actors", "civil_society_actors", "policy_instrument")},
        }


# --- Accounts -----------------------------------------------------------------------------
class SpaceAuthenticationForm(AuthenticationForm):
    """Django's login form (it calls authenticate(), so login lock-out applies), refusing
    accounts that have admin access: those log in at the admin. Representatives log in with
    their e-mail address (their user name, whatever it is, is found from it)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("E-mail address")
        # AuthenticationForm sets max_length after building the field, so no length validator
        # exists: a huge user name reached authenticate() and axes' 255-character column (a 500
        # on PostgreSQL). 254 is the longest e-mail address; Django's message is translated.
        self.fields["username"].validators.append(MaxLengthValidator(254))

    def clean(self):
        value = (self.cleaned_data.get("username") or "").strip()
        if "@" in value:
            matches = list(get_user_model()._default_manager.filter(email__iexact=value)
                           .values_list("username", flat=True)[:2])
            if len(matches) == 1:
                self.cleaned_data["username"] = matches[0]
        return super().clean()

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        from partners.space.access import has_admin_access

        if has_admin_access(user):
            raise ValidationError(
                _("This account works in the administration interface: please log in there."),
                code="admin_account",
            )


class SpacePasswordResetForm(PasswordResetForm):
    """Reset links are sent to partner representatives only, including those who were
    invited but never set a password; the answer never tells whether the address is known."""

    def get_users(self, email):
        from partners.space.access import has_admin_access

        users = get_user_model()._default_manager.filter(
            email__iexact=email, is_active=True, represented_partners__isnull=False,
        ).distinct()
        return (user for user in users if not has_admin_access(user) and user.email.casefold() == email.casefold())


class InvitationForm(forms.Form):
    """The editors' invitation form in the admin."""

    email = forms.EmailField(label=_("E-mail address of the representative"))
    partner = forms.ModelChoiceField(label=_("Partner"), queryset=Partner.objects.order_by("name"))
    language = forms.ChoiceField(label=_("Language of the invitation"), choices=settings.LANGUAGES,
                                 initial=SOURCE_LANGUAGE)
