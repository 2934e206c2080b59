from django import template

from services.models import StandardPage

register = template.Library()


@register.inclusion_tag("includes/footer_links.html", takes_context=True)
def footer_links(context):
    """Institutional pages flagged "show in footer" (legal notice, accessibility...)."""
    pages = StandardPage.objects.live().public().filter(show_in_footer=True).order_by("path")
    return {"pages": pages, "request": context.get("request")}
