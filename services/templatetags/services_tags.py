from django import template

from cities_portal import routing
from cities_portal.queries import public, restricted_paths
from services.models import StandardPage

register = template.Library()


@register.inclusion_tag("includes/footer_links.html", takes_context=True)
def footer_links(context):
    """Institutional pages flagged "show in footer" (legal notice, accessibility...)."""
    request = context.get("request")
    routed = routing.loaded(request)
    if routed is not None and "footer" in routed.also:
        # Read with the page's route (HomePage.route_whole_path): keep the public ones.
        private = restricted_paths()
        pages = [page for page in routed.also["footer"] if not any(page.path.startswith(path) for path in private)]
    else:
        pages = public(StandardPage.objects.live().filter(show_in_footer=True), request).order_by("path")
    return {"pages": pages, "request": context.get("request")}
