"""The transfer request form, under the Transférer pillar.

An organisation (a city, a network, an association) asks the centre for support: a study
mission, a training course, an expertise-transfer mission. Editors build the form's fields in
the admin, in four languages; each request is kept in the admin's form submissions and e-mailed
to the editors (settings.EDITORS_EMAILS) through Django's e-mail backend.
"""

from django import forms
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import models
from django.utils import translation
from django.utils.translation import get_language_info, gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import FormBuilder
from wagtail.contrib.forms.models import FORM_FIELD_CHOICES, AbstractEmailForm, AbstractFormField, FormMixin
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from cities_portal.i18n import LANGUAGE_CODES, SOURCE_LANGUAGE
from cities_portal.models import BasePage

# Name of the hidden trap field. People never see it; robots that fill every input do.
HONEYPOT_FIELD = "website_url"
# A choice among the portal's languages. A drop-down with translated choices would store
# whatever word the visitor read ("Coréen", "한국어"); this one stores the code.
LANGUAGE_FIELD = "language"


def language_label(value):
    """"Coréen (ko)" for a stored code, in the active language; any other value as it is
    (requests sent before the field stored codes)."""
    if value in LANGUAGE_CODES:
        return f"{get_language_info(value)['name_translated']} ({value})"
    return value


class TransferFormField(AbstractFormField):
    """One field of the transfer request form. Its label, help text, choices and default
    value are content, translated like the rest of the page. Besides Wagtail's types, a
    "language of the portal" field asks for one of the four languages and stores its code."""

    page = ParentalKey("services.TransferRequestFormPage", on_delete=models.CASCADE,
                       related_name="form_fields")
    field_type = models.CharField(
        verbose_name=_("field type"), max_length=16,
        choices=FORM_FIELD_CHOICES + ((LANGUAGE_FIELD, _("Language of the portal (fr, en, es, ko)")),),
        help_text=_("“Language of the portal” lists French, English, Spanish and Korean, named in the "
                    "visitor's language, and needs no choices."),
    )
    # As on Wagtail's own field: previews build the form from unsaved fields.
    field_type.required_on_save = True

    class Meta(AbstractFormField.Meta):
        verbose_name = _("form field")


class TransferRequestForm(forms.Form):
    """Base class of the form built from the page's fields: it adds the honeypot and checks it."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        self.user = kwargs.pop("user", None)
        self.page = kwargs.pop("page", None)
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            label=_("Leave this field empty"), required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )

    @property
    def honeypot(self):
        return self[HONEYPOT_FIELD]

    def visible_form_fields(self):
        return [field for field in self if field.name != HONEYPOT_FIELD]

    def clean(self):
        cleaned = super().clean()
        if cleaned.pop(HONEYPOT_FIELD, ""):
            # The message stays generic on purpose: it tells a robot nothing.
            raise forms.ValidationError(
                _("Your request could not be sent. Please check the form and try again."),
                code="rejected",
            )
        return cleaned


class TransferFormBuilder(FormBuilder):
    def create_language_field(self, field, options):
        # The visitor reads the names in their language; the submission keeps the code.
        choices = [(code, get_language_info(code)["name_translated"]) for code in LANGUAGE_CODES]
        if not field.required:
            choices.insert(0, ("", "—"))
        # Unless the editor gave a default, the language the visitor is reading in.
        if options.get("initial") not in LANGUAGE_CODES:
            options["initial"] = translation.get_language()
        return forms.ChoiceField(choices=choices, **options)

    def get_form_class(self):
        return type("TransferRequestForm", (TransferRequestForm,), self.formfields)


class TransferRequestFormPage(AbstractEmailForm, BasePage):
    """The form through which an organisation asks the centre for support."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ul"],
                          help_text=_("What the centre can do and how requests are handled."))
    thank_you_text = RichTextField(
        _("thank-you text"), blank=True, features=["bold", "italic", "link"],
        help_text=_("Shown after a request was sent."),
    )

    content_panels = AbstractEmailForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("E-mail to the editors"),
        ),
    ]

    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    form_builder = TransferFormBuilder
    parent_page_types = ["services.ServicePillarPage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("transfer request form page")

    @classmethod
    def can_exist_under(cls, parent):
        """Only under the Transférer (transfer) pillar."""
        if not super().can_exist_under(parent):
            return False
        return getattr(parent.specific, "pillar", None) == "transfer"

    def get_submissions_list_view_class(self):
        from services.submissions import TransferSubmissionsListView

        return TransferSubmissionsListView

    def recipients(self):
        addresses = [a.strip() for a in (self.to_address or "").split(",") if a.strip()]
        addresses += list(getattr(settings, "EDITORS_EMAILS", []))
        return list(dict.fromkeys(addresses))

    def process_form_submission(self, form):
        # Stored first (AbstractForm), then e-mailed to the editors and any extra address.
        submission = FormMixin.process_form_submission(self, form)
        if self.recipients():
            self.send_mail(form)
        return submission

    def reply_to(self, form):
        for field in self.get_form_fields():
            if field.field_type == "email" and form.cleaned_data.get(field.clean_name):
                return [form.cleaned_data[field.clean_name]]
        return []

    def render_email(self, form):
        # A language is written out as the visitor saw it, with its code: "Español (es)".
        names = {field.clean_name for field in self.get_form_fields() if field.field_type == LANGUAGE_FIELD}
        cleaned = form.cleaned_data
        form.cleaned_data = {name: language_label(value) if name in names else value
                             for name, value in cleaned.items()}
        try:
            return super().render_email(form)
        finally:
            form.cleaned_data = cleaned

    def send_mail(self, form):
        visitor_language = translation.get_language()
        body = self.render_email(form)
        # Editors work in French, the centre's working language.
        with translation.override(SOURCE_LANGUAGE):
            subject = self.subject or gettext("New transfer request")
            language_line = gettext("Language of the visitor: %(language)s") % {
                "language": get_language_info(visitor_language)["name_translated"],
            }
        EmailMessage(
            subject=subject,
            body=f"{body}\n\n{language_line}\n",
            from_email=self.from_address or settings.DEFAULT_FROM_EMAIL,
            to=self.recipients(),
            reply_to=self.reply_to(form),
        ).send()
