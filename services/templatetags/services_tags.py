from django import template
from django.template.loader import get_template
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.html import format_html
from django.utils.translation import get_language, gettext
from wagtail.models import Site

from cities_portal import routing
from cities_portal.kept import kept
from cities_portal.queries import public, restricted_paths
from services.models import StandardPage

register = template.Library()


@register.simple_tag(takes_context=True)
def footer_links(context):
    """Institutional pages flagged "show in footer" (legal notice, accessibility...).

    The HTML is kept per content generation for each Site and language, as the main menu's
    (cities_portal/templatetags/cities_tags.py): it is the same on every page."""
    request = context.get("request")
    routed = routing.loaded(request)
    if routed is not None and "footer" in routed.also:
        # Read with the page's route (HomePage.route_whole_path): keep the public ones.
        private = restricted_paths()
        pages = [page for page in routed.also["footer"] if not any(page.path.startswith(path) for path in private)]
    else:
        pages = list(public(StandardPage.objects.live().filter(show_in_footer=True), request).order_by("path"))

    def build():
        return get_template("includes/footer_links.html").render({"pages": pages, "request": request})

    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return build()
    return kept("footer-links", (site.pk, get_language(), tuple(page.pk for page in pages)), build)


@register.simple_tag
def event_when(event):
    """When `event` happens, on its own clock: "<time>start</time>–<time>end</time> (local
    time, zone, abbreviation)", the end's date left out for an event on one day.

    Written here rather than as a template: the template's {% timezone %} block and nine
    date filters cost ~1.4 ms per event, a third of the home page's events section."""
    start, end = event.local_start, event.local_end
    with timezone.override(event.zone):  # "T", the zone's abbreviation, is the clock's
        zone = gettext("local time, %(zone)s, %(abbr)s") % {"zone": event.time_zone,
                                                               "abbr": date_format(start, "T")}
    starts = format_html('<time datetime="{}">{}, {}</time>', start.isoformat(),
                         date_format(start, "DATE_FORMAT"), time_format(start, "TIME_FORMAT"))
    if event.on_one_day:
        ends = format_html('–<time datetime="{}">{}</time>', end.isoformat(), time_format(end, "TIME_FORMAT"))
    else:
        ends = format_html(' – <time datetime="{}">{}, {}</time>', end.isoformat(),
                           date_format(end, "DATE_FORMAT"), time_format(end, "TIME_FORMAT"))
    return format_html('{}{} <span class="tz">({})</span>', starts, ends, zone)
