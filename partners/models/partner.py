"""Partner organisations of the centre.

Editors keep the directory in the Wagtail admin; each partner's representatives keep their
own profile current from the partner space, through moderation.

The name is translated as well as the texts: many partners have an official name in each
language ("Ville de Montréal", "City of Montréal", "Ciudad de Montreal", "몬트리올시"), and
where a partner has only one (the "Seoul Social Economy Center" in French pages too) the
other languages fall back to the French one. The acronym is never translated.
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

from cities_portal.i18n import LANGUAGE_CODES, fallback_fields, missing_languages


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
        # Every language of the names in one field: a search finds "Ville de Montréal" from
        # "City of Montreal" or "몬트리올시" whatever language the index was built in.
        index.SearchField("search_names", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("acronym", boost=3),
        index.SearchField("search_description"),
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

    # --- Languages -----------------------------------------------------------------------
    def all_names(self):
        """Every language's name, then the acronym: what searches and exports match on."""
        names = [getattr(self, f"name_{code}", None) for code in LANGUAGE_CODES] + [self.acronym]
        unique = []
        for name in names:
            if name and name not in unique:
                unique.append(name)
        return unique

    def search_names(self):
        return " ".join(self.all_names())

    def search_description(self):
        values = [getattr(self, f"{field}_{code}", None) for field in ("description", "key_facts", "city")
                  for code in LANGUAGE_CODES]
        return " ".join(value for value in values if value)

    def get_fallback_fields(self, language=None):
        return fallback_fields(self, language)

    def get_missing_languages(self):
        return missing_languages(self)

    # --- Display -------------------------------------------------------------------------
    @property
    def key_facts_list(self):
        """The key facts, one per line, without list markers."""
        return [line.strip(" -•\t") for line in (self.key_facts or "").splitlines() if line.strip(" -•\t")]

    @property
    def initials(self):
        """Shown in place of a logo: the acronym, else the initials of the name's main words."""
        if self.acronym:
            return self.acronym[:6]
        words = [word for word in (self.name or "").replace("’", " ").replace("'", " ").split()
                 if word[:1].isupper() or not word[:1].isalpha()]
        return "".join(word[0] for word in words[:3]) or (self.name or "?")[:2]

    @property
    def logo_alt_text(self):
        return self.logo_alt or self.name

    # --- Preview -------------------------------------------------------------------------
    def get_preview_template(self, request, mode_name):
        return "partners/partner_profile.html"

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        context.update({"partner": self, "is_preview": True, "page": None, "involvements": []})
        return context
