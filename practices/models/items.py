"""The library's two kinds of items: good practices and collaboration cases.

Both are snippets with drafts, revisions, preview, locking and the moderation workflow:
editors (and partners, from the partner space) write drafts; moderators publish. Only live
(published) items are ever shown to visitors.
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from cities_portal.i18n import LANGUAGE_CODES, fallback_fields, missing_languages, translated_field_names
from practices.textsearch import index_text, strip_tags

RICH_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]
YEAR_VALIDATORS = [MinValueValidator(1800), MaxValueValidator(2100)]


class LibraryItem(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    ClusterableModel,
):
    """Fields and behaviour shared by practices and cases (abstract)."""

    kind = None  # "practice" or "case", set by each concrete model

    title = models.CharField(_("title"), max_length=255, help_text=_("A short, explicit title."))
    slug = models.SlugField(
        _("slug"), max_length=120, unique=True, allow_unicode=False,
        help_text=_("Part of the item's address in every language; keep it stable once published."),
    )
    summary = models.TextField(
        _("summary"), blank=True,
        help_text=_("Two or three sentences shown in the library's listing and in feeds."),
    )
    territory = models.ForeignKey(
        "practices.Territory", verbose_name=_("territory"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("Where it happens; the map places the item there."),
    )
    start_year = models.PositiveSmallIntegerField(_("start year"), null=True, blank=True,
                                                  validators=YEAR_VALIDATORS)
    end_year = models.PositiveSmallIntegerField(
        _("end year"), null=True, blank=True, validators=YEAR_VALIDATORS,
        help_text=_("Leave empty while it is still running."),
    )
    resource_type = models.ForeignKey(
        "practices.ResourceType", verbose_name=_("resource type"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("The form of the main resource: publication, video, case study..."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    image_alt = models.CharField(
        _("image alternative text"), max_length=250, blank=True,
        help_text=_("Describe the image for people who cannot see it."),
    )
    proposed_by_partner = models.ForeignKey(
        "partners.Partner", verbose_name=_("proposed by partner"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="proposed_%(class)ss",
        help_text=_("Set when a partner proposed this item from the partner space."),
    )

    # Indexed through methods so that every language is folded the same way (textsearch.py).
    search_fields = [
        index.SearchField("search_title", boost=3),
        index.SearchField("search_body"),
        index.FilterField("live"),
    ]
    # The index is updated by save() itself, once the many-to-many relations are stored.
    search_auto_update = False

    class Meta:
        abstract = True
        ordering = ["-start_year", "title"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("The end year cannot come before the start year.")})

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # ClusterableModel stores the many-to-many relations inside save(); index afterwards
        # so that partner names and taxonomy terms are searchable.
        index.insert_or_update_object(self)

    @property
    def revisions(self):
        return self._revisions

    # --- Search text --------------------------------------------------------------------
    def all_languages(self, name):
        return [getattr(self, f"{name}_{code}", None) for code in LANGUAGE_CODES]

    def search_title(self):
        return index_text(*self.all_languages("title"))

    def search_texts(self):
        """Every language's texts of this item, plus related names; overridden per kind."""
        values = []
        for name in translated_field_names(type(self)):
            if name == "title":
                continue
            values.extend(strip_tags(value) for value in self.all_languages(name) if value)
        for term in list(self.themes.all()) + list(self.stakeholder_types.all()):
            values.extend(term.all_names())
        if self.territory_id:
            values.extend(self.territory.all_names())
        for partner in self.partners.all():
            # Every language of its name, not the one active while the item was saved.
            values.extend([getattr(partner, f"name_{code}", None) for code in LANGUAGE_CODES] + [partner.acronym])
        return values

    def search_body(self):
        return index_text(*self.search_texts())

    # --- Languages -----------------------------------------------------------------------
    def get_fallback_fields(self, language=None):
        return fallback_fields(self, language)

    def get_missing_languages(self):
        return missing_languages(self)

    # --- Preview -------------------------------------------------------------------------
    def get_preview_template(self, request, mode_name):
        return "practices/item_detail.html"

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        context.update({"item": self, "is_preview": True, "page": None})
        return context


class GoodPractice(LibraryItem):
    """A good practice of the social and solidarity economy, documented for others to learn from."""

    kind = "practice"

    body = RichTextField(_("description"), blank=True, features=RICH_FEATURES + ["h3", "h4"],
                         help_text=_("What the practice is, who runs it and how it works."))
    outcomes = RichTextField(_("outcomes"), blank=True, features=RICH_FEATURES,
                             help_text=_("What changed thanks to it: figures, facts, testimonies."))
    lessons = RichTextField(_("lessons"), blank=True, features=RICH_FEATURES,
                            help_text=_("What others can learn from it, what to avoid."))
    sources = models.TextField(_("sources"), blank=True,
                               help_text=_("One source per line: author, title, year, address."))
    themes = ParentalManyToManyField("practices.Theme", verbose_name=_("themes"), blank=True,
                                     related_name="practices")
    stakeholder_types = ParentalManyToManyField(
        "practices.StakeholderType", verbose_name=_("stakeholder types"), blank=True, related_name="practices",
    )
    partners = ParentalManyToManyField(
        "partners.Partner", verbose_name=_("partners involved"), blank=True, related_name="practices",
        help_text=_("Partners of the centre that take part in this practice."),
    )

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="goodpractice")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="goodpractice",
        for_concrete_model=False,
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("territory"), FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year")])],
            heading=_("Where and when"),
        ),
        MultiFieldPanel(
            [FieldPanel("themes"), FieldPanel("stakeholder_types"), FieldPanel("resource_type"),
             FieldPanel("partners")],
            heading=_("Classification"),
        ),
        FieldPanel("outcomes"),
        FieldPanel("lessons"),
        FieldPanel("sources"),
        InlinePanel("documents", heading=_("Downloadable documents"), label=_("document")),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
        FieldPanel("proposed_by_partner"),
    ]

    class Meta(LibraryItem.Meta):
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")


class CollaborationCase(LibraryItem):
    """A collaboration between a local government and civil society, and how it was co-built."""

    kind = "case"

    public_actors = models.TextField(_("public actors"), blank=True,
                                     help_text=_("Governments and public bodies involved, one per line."))
    civil_society_actors = models.TextField(
        _("civil-society actors"), blank=True,
        help_text=_("SSE enterprises, networks, unions and movements involved, one per line."),
    )
    policy_instrument = models.TextField(
        _("policy instrument"), blank=True,
        help_text=_("The public policy tool used: plan, law, fund, agreement, procurement rule..."),
    )
    collaboration_form = models.ForeignKey(
        "practices.CollaborationForm", verbose_name=_("collaboration form"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="cases",
    )
    stages = ParentalManyToManyField(
        "practices.CollaborationStage", verbose_name=_("co-construction stages"), blank=True, related_name="cases",
        help_text=_("The stages the collaboration went through together."),
    )
    co_construction = RichTextField(_("how it was co-built"), blank=True, features=RICH_FEATURES,
                                    help_text=_("How the public and civil-society actors built it together."))
    results = RichTextField(_("results and evidence"), blank=True, features=RICH_FEATURES,
                            help_text=_("Measured results and where the evidence comes from."))
    transfer_conditions = RichTextField(
        _("conditions for transfer"), blank=True, features=RICH_FEATURES,
        help_text=_("What another territory needs in order to do the same."),
    )
    sources = models.TextField(_("sources"), blank=True,
                               help_text=_("One source per line: author, title, year, address."))
    related_practices = ParentalManyToManyField(
        "practices.GoodPractice", verbose_name=_("related practices"), blank=True, related_name="cases",
    )
    themes = ParentalManyToManyField("practices.Theme", verbose_name=_("themes"), blank=True, related_name="cases")
    stakeholder_types = ParentalManyToManyField(
        "practices.StakeholderType", verbose_name=_("stakeholder types"), blank=True, related_name="cases",
    )
    partners = ParentalManyToManyField(
        "partners.Partner", verbose_name=_("partners involved"), blank=True, related_name="cases",
        help_text=_("Partners of the centre that take part in this collaboration."),
    )

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="collaborationcase")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="collaborationcase",
        for_concrete_model=False,
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("territory"), FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year")])],
            heading=_("Where and when"),
        ),
        MultiFieldPanel(
            [FieldPanel("public_actors"), FieldPanel("civil_society_actors"), FieldPanel("partners")],
            heading=_("Who"),
        ),
        FieldPanel("policy_instrument"),
        MultiFieldPanel(
            [FieldPanel("collaboration_form"), FieldPanel("stages"), FieldPanel("co_construction")],
            heading=_("How it was co-built"),
        ),
        FieldPanel("results"),
        FieldPanel("transfer_conditions"),
        MultiFieldPanel(
            [FieldPanel("themes"), FieldPanel("stakeholder_types"), FieldPanel("resource_type"),
             FieldPanel("related_practices")],
            heading=_("Classification"),
        ),
        FieldPanel("sources"),
        InlinePanel("documents", heading=_("Downloadable documents"), label=_("document")),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
        FieldPanel("proposed_by_partner"),
    ]

    class Meta(LibraryItem.Meta):
        verbose_name = _("collaboration case")
        verbose_name_plural = _("collaboration cases")

    def search_texts(self):
        values = super().search_texts()
        for stage in self.stages.all():
            values.extend(stage.all_names())
        if self.collaboration_form_id:
            values.extend(self.collaboration_form.all_names())
        return values


class ItemDocument(Orderable):
    """A downloadable document attached to a practice or a case (abstract)."""

    document = models.ForeignKey("wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE,
                                 related_name="+")
    link_text = models.CharField(_("link text"), max_length=200, blank=True,
                                 help_text=_("Leave empty to use the document's title."))

    panels = [FieldPanel("document"), FieldPanel("link_text")]

    class Meta(Orderable.Meta):
        abstract = True

    def __str__(self):
        return self.label

    @property
    def label(self):
        return self.link_text or self.document.title


class GoodPracticeDocument(ItemDocument):
    practice = ParentalKey(GoodPractice, on_delete=models.CASCADE, related_name="documents")

    class Meta(ItemDocument.Meta):
        verbose_name = _("practice document")
        verbose_name_plural = _("practice documents")


class CollaborationCaseDocument(ItemDocument):
    case = ParentalKey(CollaborationCase, on_delete=models.CASCADE, related_name="documents")

    class Meta(ItemDocument.Meta):
        verbose_name = _("case document")
        verbose_name_plural = _("case documents")
