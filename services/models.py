"""Page types of the site's spine. Editors use the home page to present the centre and
standard pages for institutional texts (about, legal notice, accessibility statement)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from cities_portal.blocks import BaseStreamBlock
from cities_portal.models import BasePage


class HomePage(BasePage):
    """The portal's front page: what the centre is and the way into its three pillars."""

    hero_title = models.CharField(
        _("hero title"), max_length=200, blank=True,
        help_text=_("Large statement at the top of the page; the page title is used if empty."),
    )
    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"],
        help_text=_("Two or three sentences saying what the centre does."),
    )
    body = StreamField(
        BaseStreamBlock(), verbose_name=_("body"), blank=True,
        help_text=_("Sections shown below the introduction."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("hero_title"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")


class StandardPage(BasePage):
    """An institutional text page: about, the social and solidarity economy, legal notice,
    accessibility statement."""

    intro = models.TextField(
        _("introduction"), blank=True,
        help_text=_("A short summary shown under the title and in listings."),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)
    show_in_footer = models.BooleanField(
        _("show in footer"), default=False,
        help_text=_("List this page in the footer of every page (legal notice, accessibility)."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    promote_panels = BasePage.promote_panels + [FieldPanel("show_in_footer")]

    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["services.HomePage", "services.StandardPage"]
    subpage_types = ["services.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


class ServicePillarPage(BasePage):
    """One of the centre's three service functions: Rassembler, Partager, Transférer.

    Each pillar exists once, identified by its fixed `pillar` value (never by its title,
    which editors may reword and translate)."""

    class Pillar(models.TextChoices):
        GATHER = "gather", _("Gather (Rassembler)")
        SHARE = "share", _("Share (Partager)")
        TRANSFER = "transfer", _("Transfer (Transférer)")

    pillar = models.CharField(
        _("pillar"), max_length=20, choices=Pillar.choices, unique=True,
        help_text=_("Which of the three service functions this page presents."),
    )
    intro = models.TextField(_("introduction"), blank=True,
                             help_text=_("What this function offers, in two or three sentences."))
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("pillar"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["services.HomePage"]
    max_count = 3

    class Meta:
        verbose_name = _("service pillar page")
