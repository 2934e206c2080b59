"""Events of the Rassembler (gather) pillar: forums, study missions, webinars.

Start and end are stored as aware datetimes (UTC in the database) together with the IANA
name of the zone the event takes place in; pages show the event's own local time, and the
admin form reads and writes the times as wall-clock times of that zone.
"""

import re
import zoneinfo
from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.utils import timezone, translation
from django.utils.encoding import iri_to_uri
from django.utils.text import slugify
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from cities_portal.blocks import BaseStreamBlock
from cities_portal.i18n import LANGUAGE_CODES, SOURCE_LANGUAGE, page_url_in, with_query
from cities_portal.models import BasePage
from cities_portal.queries import public
from services import ical

DEFAULT_TIME_ZONE = "America/Montreal"
# Languages an event can be held in: the portal's four and those of the founding territories.
EVENT_LANGUAGES = ["fr", "en", "es", "ko", "ca", "eu", "pt"]
ICAL_UID_DOMAIN = "cities-ess.org"
# The past events' sub-route in each language, made like the pages' own slugs (Korean in
# Hangul). Kept here rather than in the catalogue: an address must not change because a
# translation was reworded.
PAST_ROUTES = {"fr": "passes", "en": "past", "es": "pasados", "ko": "지난-행사"}


def validate_time_zone(value):
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError(
            _("“%(value)s” is not a known time zone. Use an IANA name such as America/Montreal or Asia/Seoul."),
            params={"value": value},
        ) from exc


def event_language_choices():
    return [(code, get_language_info(code)["name_translated"]) for code in EVENT_LANGUAGES]


class EventPageQuerySet(PageQuerySet):
    def upcoming(self, now=None):
        """Events not yet over, soonest first."""
        return self.live().filter(end__gte=now or timezone.now()).order_by("start", "pk")

    def past(self, now=None):
        """Events that are over, most recent first."""
        return self.live().filter(end__lt=now or timezone.now()).order_by("-start", "-pk")


EventPageManager = PageManager.from_queryset(EventPageQuerySet)


class EventPageForm(WagtailAdminPageForm):
    """Editors type the times as they read on the event's own clock (10:00 in Seoul for a
    Seoul meeting), whatever their own time zone; the languages are ticked in a list."""

    languages = forms.MultipleChoiceField(
        label=_("languages of the event"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=event_language_choices,
        help_text=_("Languages spoken or interpreted at the event."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zone = self.instance.zone
        for name in ("start", "end"):
            value = getattr(self.instance, name, None)
            if value is not None and name in self.fields:
                # A naive value is shown as it is: the wall-clock time in the event's zone.
                self.initial[name] = timezone.make_naive(value, zone)

    def clean(self):
        cleaned = super().clean()
        zone_name = cleaned.get("time_zone") or DEFAULT_TIME_ZONE
        try:
            zone = zoneinfo.ZoneInfo(zone_name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return cleaned
        current = timezone.get_current_timezone()
        for name in ("start", "end"):
            value = cleaned.get(name)
            if value is not None:
                # The form read the typed time in the editor's zone; read it again in the event's.
                wall = timezone.make_naive(value, current) if timezone.is_aware(value) else value
                cleaned[name] = timezone.make_aware(wall, zone)
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The event cannot end before it starts."))
        return cleaned


class EventIndexPage(RoutablePageMixin, BasePage):
    """The list of events, under the Rassembler pillar: upcoming events first, past events on a
    second list, and an iCalendar feed of upcoming events for calendar applications."""

    intro = models.TextField(_("introduction"), blank=True,
                             help_text=_("Shown above the list of events."))

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["services.ServicePillarPage"]
    subpage_types = ["services.EventPage"]
    max_count = 1
    per_page = 10

    class Meta:
        verbose_name = _("event index page")

    @classmethod
    def can_exist_under(cls, parent):
        """Only under the Rassembler (gather) pillar."""
        if not super().can_exist_under(parent):
            return False
        return getattr(parent.specific, "pillar", None) == "gather"

    def upcoming_events(self, request=None):
        return public(EventPage.objects.descendant_of(self).upcoming(), request)

    def past_events(self, request=None):
        return public(EventPage.objects.descendant_of(self).past(), request)

    def paginate(self, request, queryset):
        paginator = Paginator(queryset, self.per_page)
        page = paginator.get_page(request.GET.get("page"))
        page.elided_range = list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
        return page

    def past_url(self, request=None, language=None):
        """Address of the past events in `language` (the active one by default)."""
        language = language or translation.get_language()
        base = page_url_in(self, language, request)
        route = PAST_ROUTES.get(language, PAST_ROUTES[SOURCE_LANGUAGE])
        # Encoded like the page's own address (the Korean route is in Hangul).
        return iri_to_uri(f"{base}{route}/") if base else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["past_url"] = self.past_url(request)
        return context

    @path("", name="upcoming")
    def upcoming_view(self, request):
        return self.render(request, context_overrides={
            "events": self.paginate(request, self.upcoming_events(request)),
            "showing": "upcoming",
        })

    # Every language's spelling is accepted: an address shared in another language, or an
    # old .../past/ link from before the routes were translated, is sent for good (301) to
    # this language's spelling rather than to a 404.
    @re_path(r"^(?P<route>{})/$".format("|".join(map(re.escape, PAST_ROUTES.values()))), name="past")
    def past_view(self, request, route):
        canonical = self.past_url(request)
        if route != PAST_ROUTES.get(translation.get_language()):
            return HttpResponsePermanentRedirect(with_query(canonical, request))
        return self.render(request, context_overrides={
            "events": self.paginate(request, self.past_events(request)),
            "showing": "past",
            "alternate_urls": {code: self.past_url(request, code) for code in LANGUAGE_CODES},
        })

    # Wagtail serves only paths made of words and ending with a slash, hence no "feed.ics";
    # the file name comes with the Content-Disposition header.
    @path("calendar/", name="feed")
    def feed_view(self, request):
        events = [event.calendar_event(request) for event in self.upcoming_events(request)[:200]]
        text = ical.calendar(events, name=f"C.I.T.I.E.S. – {self.title}")
        response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="cities-events.ics"'
        return response

    def get_sitemap_urls(self, request=None):
        entries = super().get_sitemap_urls(request)
        for code in LANGUAGE_CODES:
            with translation.override(code):
                url = self.get_full_url(request)
            if url:
                location = iri_to_uri(f"{url}{PAST_ROUTES[code]}/")
                entries.append({"location": location, "lastmod": self.last_published_at,
                                "language": code, "item": f"{self.pk}-past"})
        return entries


class EventPage(RoutablePageMixin, BasePage):
    """One event: when (in its own time zone), where or online, in which languages, and how to
    register. Each event offers an .ics file for calendar applications."""

    start = models.DateTimeField(_("start"), help_text=_("Date and time on the event's local clock."))
    end = models.DateTimeField(_("end"), help_text=_("Date and time on the event's local clock."))
    time_zone = models.CharField(
        _("time zone"), max_length=64, default=DEFAULT_TIME_ZONE, validators=[validate_time_zone],
        help_text=_("IANA name of the event's time zone, e.g. America/Montreal, Asia/Seoul, Europe/Madrid."),
    )
    venue = models.CharField(_("place"), max_length=255, blank=True,
                             help_text=_("Name and address of the place; leave empty for an online event."))
    city = models.CharField(_("city"), max_length=120, blank=True)
    online_url = models.URLField(_("online link"), blank=True,
                                 help_text=_("Address of the video conference or live stream."))
    languages = models.JSONField(_("languages of the event"), default=list, blank=True)
    registration_url = models.URLField(_("registration link"), blank=True,
                                       help_text=_("Where participants register."))
    intro = models.TextField(_("introduction"), blank=True,
                             help_text=_("One or two sentences shown in the lists of events."))
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True,
                       help_text=_("Programme, speakers, practical information."))

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("time_zone")],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [FieldPanel("venue"), FieldPanel("city"), FieldPanel("online_url")],
            heading=_("Where"),
        ),
        FieldPanel("languages"),
        FieldPanel("registration_url"),
        FieldPanel("body"),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("venue"),
        index.SearchField("city"),
        index.SearchField("body"),
        index.FilterField("start"),
        index.FilterField("end"),
    ]

    base_form_class = EventPageForm
    parent_page_types = ["services.EventIndexPage"]
    subpage_types = []

    objects = EventPageManager()

    class Meta:
        verbose_name = _("event page")

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The event cannot end before it starts.")
        if not (self.venue or self.online_url):
            errors["venue"] = _("Give the place of the event or its online link.")
        if errors:
            raise ValidationError(errors)

    @property
    def zone(self):
        try:
            return zoneinfo.ZoneInfo(self.time_zone or DEFAULT_TIME_ZONE)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo(DEFAULT_TIME_ZONE)

    @property
    def local_start(self):
        return self.start.astimezone(self.zone)

    @property
    def local_end(self):
        return self.end.astimezone(self.zone)

    @property
    def is_past(self):
        return self.end < timezone.now()

    @property
    def on_one_day(self):
        return self.local_start.date() == self.local_end.date()

    @property
    def language_names(self):
        known = dict(event_language_choices())
        return [known.get(code, code) for code in self.languages or []]

    @property
    def location_label(self):
        return ", ".join(part for part in (self.venue, self.city) if part)

    @property
    def online_host(self):
        return urlsplit(self.online_url).hostname or "" if self.online_url else ""

    def calendar_event(self, request=None):
        url = self.get_full_url(request) or ""
        description = "\n\n".join(part for part in (self.intro, url) if part)
        location = self.location_label or self.online_url
        return ical.CalendarEvent(
            uid=f"event-{self.pk}@{ICAL_UID_DOMAIN}",
            start=self.start,
            end=self.end,
            summary=self.title,
            description=description,
            location=location,
            url=url,
            last_modified=self.last_published_at,
        )

    @path("", name="detail")
    def detail_view(self, request):
        return self.render(request)

    @path("calendar/", name="ics")
    def ics_view(self, request):
        text = ical.calendar([self.calendar_event(request)], name=self.title)
        response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
        filename = slugify(self.slug_fr if hasattr(self, "slug_fr") else self.slug) or f"event-{self.pk}"
        response["Content-Disposition"] = f'attachment; filename="{filename}.ics"'
        return response
