"""Partner organisations of the centre.

Editors keep the directory in the Wagtail admin; each partner's representatives keep their
own profile current from the partner space, through moderation.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index


class Partner(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    models.Model,
):
    """An organisation that founded, supports, funds or networks with the centre."""

    class Kind(models.TextChoices):
        FOUNDER = "founder", _("Founder")
        ASSOCIATED = "associated", _("Associated partner")
        FINANCIAL = "financial", _("Financial partner")
        NETWORK = "network", _("Member network")

    class Territory(models.TextChoices):
        QUEBEC = "quebec", _("Québec")
        SEOUL = "seoul", _("Seoul")
        CATALONIA = "catalonia", _("Catalonia")
        BASQUE_COUNTRY = "basque-country", _("Basque Country")
        INTERNATIONAL = "international", _("International")
        OTHER = "other", _("Elsewhere")

    name = models.CharField(_("name"), max_length=255, help_text=_("Full name of the organisation."))
    slug = models.SlugField(
        _("slug"), max_length=255, unique=True, allow_unicode=True,
        help_text=_("Part of the profile's address; keep it stable once published."),
    )
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ASSOCIATED)
    territory = models.CharField(_("territory"), max_length=20, choices=Territory.choices,
                                 default=Territory.OTHER)
    country_code = models.CharField(_("country (ISO code)"), max_length=2, blank=True,
                                    help_text=_("Two-letter ISO 3166 code, e.g. CA, KR, ES."))
    city = models.CharField(_("city"), max_length=120, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("logo"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    logo_alt = models.CharField(_("logo alternative text"), max_length=250, blank=True,
                                help_text=_("Usually the organisation's name as written in the logo."))
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True,
                                   help_text=_("What the organisation does, in a few sentences."))
    key_facts = models.TextField(_("key facts"), blank=True,
                                 help_text=_("One fact per line: figures, dates, achievements."))
    contact_email = models.EmailField(_("public contact e-mail"), blank=True)
    representatives = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("representatives"), blank=True,
        related_name="represented_partners",
        help_text=_("Accounts allowed to keep this profile current from the partner space."),
    )
    profile_confirmed_at = models.DateField(
        _("profile last confirmed"), null=True, blank=True,
        help_text=_("When the partner last confirmed that its profile is accurate."),
    )

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="partner")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="partner",
        for_concrete_model=False,
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("acronym"),
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("territory"), FieldPanel("country_code"), FieldPanel("city")],
            heading=_("Where and how"),
        ),
        MultiFieldPanel([FieldPanel("logo"), FieldPanel("logo_alt")], heading=_("Logo")),
        FieldPanel("website"),
        FieldPanel("description"),
        FieldPanel("key_facts"),
        FieldPanel("contact_email"),
        FieldPanel("representatives"),
        FieldPanel("profile_confirmed_at"),
    ]

    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("acronym", boost=3),
        index.SearchField("description"),
        index.FilterField("kind"),
        index.FilterField("territory"),
        index.FilterField("live"),
    ]

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def revisions(self):
        return self._revisions
