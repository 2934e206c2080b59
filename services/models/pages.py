"""Page types of the site's spine: the home page, the three service pillars, the services they
offer and the institutional text pages (about, legal notice, accessibility statement)."""

import copy

from django.db import models
from django.db.models import Exists, OuterRef
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.coreutils import resolve_model_string
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cities_portal import routing
from cities_portal.blocks import BaseStreamBlock
from cities_portal.models import BasePage
from cities_portal.queries import public, restricted_paths
from cities_portal.routing import site_pages
from services.blocks import HomeSectionsBlock, default_sections


class OptionalSubpageTypesMixin:
    """Lets `subpage_types` name page types of apps that may not provide them yet.

    The pillars list "practices.LibraryPage" and "partners.PartnerIndexPage", which those apps
    add in their own branches: until a model exists it is skipped instead of breaking the admin.
    """

    @classmethod
    def clean_subpage_models(cls):
        if cls._clean_subpage_models is None:
            resolved = []
            for model_string in cls.subpage_types:
                try:
                    resolved.append(resolve_model_string(model_string, cls._meta.app_label))
                except LookupError:
                    continue
            cls._clean_subpage_models = resolved
        return cls._clean_subpage_models


class HomePage(BasePage):
    """The portal's front page: what the centre is, the way into its three pillars and the
    next events."""

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
        help_text=_("Free content, shown where the \"Free content\" section is placed."),
    )
    # Not translated: one order for the four languages; each section carries its titles.
    sections = StreamField(
        HomeSectionsBlock(), verbose_name=_("sections of the page"), blank=True, default=default_sections,
        help_text=_("The parts of the home page below the introduction, in their order. Move a section to "
                    "reorder it, delete it to hide it, give it a title to rename it."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("hero_title"),
        FieldPanel("intro"),
        FieldPanel("sections"),
        FieldPanel("body"),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["services.ServicePillarPage", "services.StandardPage", "partners.PartnerDirectoryPage"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def pillars(self, request=None):
        """The live, public pillar pages under this page, in tree order."""
        routed = routing.loaded(request, root=self)
        if routed is not None and routing.keeps_pages():
            # Routing this request read the home's children, and keeps each page's specific
            # form per content generation: no query (it was ~2 ms of the home page's CPU).
            private = restricted_paths()
            return [routing.specific(page, self) for page in routed.children
                    if page.live and issubclass(page.specific_class or Page, ServicePillarPage)
                    and not any(page.path.startswith(path) for path in private)]
        return public(ServicePillarPage.objects.child_of(self).live(), request).order_by("path")

    def next_events(self, request=None, limit=3):
        from services.models.events import EventPage

        return public(EventPage.objects.descendant_of(self).upcoming(), request)[:limit]

    def section_pages(self, request=None):
        """{"library": page, "partner_directory": page, "event_index": page} for those that exist, read in one
        query: the home page needs only their addresses (and the library's item addresses),
        so they come in their specific classes without their own rows."""
        from django.apps import apps

        models = {}
        for name, label in (("library", "practices.LibraryPage"),
                            ("partner_directory", "partners.PartnerDirectoryPage"),
                            ("event_index", "services.EventIndexPage")):
            try:
                models[name] = apps.get_model(label)
            except LookupError:  # an app without that page type yet
                continue
        found = {}
        if not models:
            return found
        kept = site_pages(self, self.routing_also())
        if kept is not None:
            # The page tree routing keeps for this content generation has every page of the
            # site: no query. Copies, since each request's pages are its own.
            private = restricted_paths()
            pages = [
                copy.copy(page).specific_deferred for page in kept
                if page.live and page.depth > self.depth and page.path.startswith(self.path)
                and issubclass(page.specific_class or Page, tuple(models.values()))
                and not any(page.path.startswith(path) for path in private)
            ]
        else:
            pages = public(self.get_descendants().live().type(*models.values()), request).order_by("path")
            pages = pages.specific(defer=True)
        for page in pages:
            for name, model in models.items():
                if isinstance(page, model):
                    found.setdefault(name, page)
        return found

    def latest_items(self, library, request=None, limit=4):
        """The most recently published practices and cases, as the library lists them (one
        UNION query, whatever the library's size), linked below `library`."""
        from practices.library import LibraryQuery

        if library is None:
            return []
        return LibraryQuery(QueryDict()).latest(limit, url_for=lambda slug: library.item_url(slug, request=request))

    def route_whole_path(self, request, path_components):
        """The site's routing (ServicesConfig.ready() installs it as this page's `route`):
        the whole path in one query, which also reads the footer's pages (footer_links)."""
        from cities_portal.routing import route

        return route(self, request, path_components, also=self.routing_also())

    @staticmethod
    def routing_also():
        """The pages routing reads besides the path's (cities_portal/routing.py): the footer's."""
        return {"footer": Exists(StandardPage.objects.filter(pk=OuterRef("pk"), live=True, show_in_footer=True))}

    def section_counts(self):
        """{section type: how many items it lists} for the sections this page shows."""
        counts = {}
        for section in self.sections:
            value = section.value
            counts[section.block_type] = (value.get("count") if hasattr(value, "get") else None) or 0
        return counts

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        shown = self.section_counts()
        # Only what the page's sections show is read (a hidden section costs no query).
        context["pillars"] = self.pillars(request) if "pillars" in shown else []
        context["next_events"] = self.next_events(request, limit=shown["next_events"]) if "next_events" in shown else []
        pages = self.section_pages(request)
        context["library"] = pages.get("library")
        context["event_index"] = pages.get("event_index")
        # Read by the partner strip ({% partner_strip %}) instead of its own query.
        context["partner_directory"] = pages.get("partner_directory")
        context["latest_items"] = (self.latest_items(context["library"], request, limit=shown["latest_items"])
                                   if "latest_items" in shown else [])
        return context


class StandardPage(BasePage):
    """An institutional text page: about, the social and solidarity economy, public/civil-society
    collaborations, legal notice, accessibility statement."""

    intro = models.TextField(
        _("introduction"), blank=True,
        help_text=_("A short summary shown under the title and in listings."),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True,
                       help_text=_("The text of the page, in sections."))
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

    def subpages(self, request=None):
        return public(StandardPage.objects.child_of(self).live(), request).order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["subpages"] = self.subpages(request)
        return context


class ServicePillarPage(OptionalSubpageTypesMixin, BasePage):
    """One of the centre's three service functions: Rassembler, Partager, Transférer.

    Each pillar exists once, identified by its fixed `pillar` value (never by its title,
    which editors may reword and translate). Its children are the services it offers and,
    depending on the pillar, the events, the library, the partner directory or the transfer
    request form."""

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
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True,
                       help_text=_("Sections shown below the list of services."))

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
    # The last two belong to the practices and partners apps; OptionalSubpageTypesMixin skips
    # them until those apps define the models.
    subpage_types = [
        "services.ServicePage",
        "services.EventIndexPage",
        "services.TransferRequestFormPage",
        "practices.LibraryPage",
        "partners.PartnerIndexPage",
    ]
    max_count = 3

    class Meta:
        verbose_name = _("service pillar page")

    def services(self, request=None):
        return public(ServicePage.objects.child_of(self).live(), request).order_by("path")

    def other_sections(self, request=None):
        """Children that are not services (events, library, request form...), as plain pages:
        the template needs only their title and URL."""
        return public(self.get_children().live().not_type(ServicePage), request).order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["services"] = self.services(request)
        context["other_sections"] = self.other_sections(request)
        return context


class ServicePage(BasePage):
    """One offering of a pillar (a forum, a training course, a study mission...): who it is
    for, its format, what it delivers and what to do next."""

    intro = models.TextField(_("introduction"), blank=True,
                             help_text=_("One or two sentences shown in the pillar's list of services."))
    audience = models.TextField(
        _("who it is for"), blank=True,
        help_text=_("The organisations or people this service is meant for."),
    )
    service_format = models.CharField(
        _("format"), max_length=255, blank=True,
        help_text=_("How the service takes place, e.g. a three-day mission, an online session."),
    )
    outcomes = models.TextField(
        _("what it delivers"), blank=True,
        help_text=_("What participants take away; one item per line."),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True,
                       help_text=_("Details, examples and testimonies."))
    cta_label = models.CharField(
        _("call-to-action label"), max_length=120, blank=True,
        help_text=_("Text of the button at the end of the page, e.g. \"Ask for a mission\"."),
    )
    cta_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("call-to-action page"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("Page the button leads to (for example the transfer request form)."),
    )
    cta_url = models.URLField(
        _("call-to-action external link"), blank=True,
        help_text=_("Used when no page is chosen."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("audience"), FieldPanel("service_format"), FieldPanel("outcomes")],
            heading=_("The offering"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("cta_label"), FieldPanel("cta_page"), FieldPanel("cta_url")],
            heading=_("Call to action"),
        ),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("audience"),
        index.SearchField("outcomes"),
        index.SearchField("body"),
    ]

    parent_page_types = ["services.ServicePillarPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("service page")

    @property
    def outcome_list(self):
        return [line.strip(" -•\t") for line in (self.outcomes or "").splitlines() if line.strip(" -•\t")]

    def cta_link(self, request=None):
        if self.cta_page_id and self.cta_page and self.cta_page.live:
            return self.cta_page.get_url(request=request)
        return self.cta_url or ""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["cta_link"] = self.cta_link(request)
        return context

