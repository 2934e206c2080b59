from django import template

from cities_portal.queries import public
from services.models import StandardPage

register = template.Library()


@register.inclusion_tag("includes/footer_links.html", takes_context=True)
def footer_links(context):
    """Institutional pages flagged "show in footer" (legal notice, accessibility...)."""
    request = context.get("request")
    pages = public(StandardPage.objects.live().filter(show_in_footer=True), request).order_by("path")
    return {"pages": pages, "request": context.get("request")}
