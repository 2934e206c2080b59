"""Taxonomies of the library: the vocabularies visitors filter by.

Each term has a translated `name` and a `slug` that never changes: the slug is what the
library's URLs, feeds and exports use, so a renamed term keeps every shared link working.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

from cities_portal.i18n import LANGUAGE_CODES

SLUG_HELP = _("Used in the library's addresses, feeds and exports; keep it stable once published.")


class Term(index.Indexed, models.Model):
    """Abstract base of the taxonomy snippets: a translated name and a stable slug."""

    name = models.CharField(_("name"), max_length=200, help_text=_("Name shown to visitors."))
    slug = models.SlugField(_("slug"), max_length=100, unique=True, allow_unicode=False, help_text=SLUG_HELP)

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    # Fields whose every language goes into the search text of the items using this term.
    searchable_names = ("name",)

    def all_names(self):
        return [
            getattr(self, f"{name}_{code}", None) for name in self.searchable_names for code in LANGUAGE_CODES
        ]


class Theme(Term):
    """A subject of the library (local development, finance, employment...)."""

    class Meta(Term.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class StakeholderType(Term):
    """A kind of actor involved in a practice (SSE enterprises, unions, local governments...)."""

    class Meta(Term.Meta):
        verbose_name = _("stakeholder type")
        verbose_name_plural = _("stakeholder types")


class CollaborationForm(Term):
    """How a collaboration is organised: partnership, network, federation or confederation."""

    description = models.TextField(_("description"), blank=True,
                                   help_text=_("One or two sentences explaining this form."))

    panels = Term.panels + [FieldPanel("description")]

    class Meta(Term.Meta):
        verbose_name = _("collaboration form")
        verbose_name_plural = _("collaboration forms")


class CollaborationStage(Term):
    """A stage of co-construction between a local government and civil society."""

    order = models.PositiveSmallIntegerField(_("order"), default=0,
                                             help_text=_("Position of the stage in the sequence (1 comes first)."))
    description = models.TextField(_("description"), blank=True,
                                   help_text=_("What happens at this stage, in one or two sentences."))

    panels = Term.panels + [FieldPanel("order"), FieldPanel("description")]

    class Meta(Term.Meta):
        ordering = ["order", "slug"]
        verbose_name = _("collaboration stage")
        verbose_name_plural = _("collaboration stages")


class ResourceType(Term):
    """The form a resource takes: publication, video, teaching tool, case study..."""

    class Meta(Term.Meta):
        verbose_name = _("resource type")
        verbose_name_plural = _("resource types")


class Territory(Term):
    """A place where practices happen: a city or region in a country, with its coordinates."""

    country_code = models.CharField(
        _("country (ISO code)"), max_length=2,
        help_text=_("Two-letter ISO 3166 code in capitals, e.g. CA, KR, ES, FR."),
    )
    country = models.CharField(_("country"), max_length=100, help_text=_("Country name shown to visitors."))
    region = models.CharField(_("region"), max_length=150, blank=True,
                              help_text=_("Province, state or region, if useful (e.g. Québec, Catalonia)."))
    city = models.CharField(_("city"), max_length=150, blank=True,
                            help_text=_("Leave empty for a territory that covers a whole region or country."))
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True,
                                   help_text=_("Decimal degrees, e.g. 45.5017 for Montréal."))
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True,
                                    help_text=_("Decimal degrees, e.g. -73.5673 for Montréal."))

    panels = Term.panels + [
        MultiFieldPanel(
            [FieldPanel("country_code"), FieldPanel("country"), FieldPanel("region"), FieldPanel("city")],
            heading=_("Where"),
        ),
        MultiFieldPanel([FieldPanel("latitude"), FieldPanel("longitude")], heading=_("Map position")),
    ]
    search_fields = Term.search_fields + [
        index.SearchField("country"), index.SearchField("region"), index.SearchField("city"),
        index.FilterField("country_code"),
    ]

    searchable_names = ("name", "country", "region", "city")

    class Meta(Term.Meta):
        ordering = ["country_code", "name"]
        verbose_name = _("territory")
        verbose_name_plural = _("territories")

    def save(self, *args, **kwargs):
        self.country_code = (self.country_code or "").upper()
        super().save(*args, **kwargs)

    @property
    def has_position(self):
        return self.latitude is not None and self.longitude is not None
