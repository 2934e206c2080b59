"""Partner pieces shown on pages of other apps (the home page's strip of partner logos)."""

from django import template

from cities_portal.queries import public
from partners.models import Partner, PartnerDirectoryPage
from partners.views import partners_with_logos

register = template.Library()


@register.inclusion_tag("partners/includes/partner_strip.html", takes_context=True)
def partner_strip(context, title=None, heading_id="home-partners-title"):
    """Every live partner's logo (or initials), founders first, each linking to its profile.

    Two queries whatever the number of partners: the partners with their logos, and the
    logos' renditions; plus the directory page unless the page's context brings it (the home
    page reads it together with the library page)."""
    request = context.get("request")
    if "partner_directory" in context:
        directory = context["partner_directory"]
    else:
        directory = public(PartnerDirectoryPage.objects.live(), request).first()
    kind_order = {value: position for position, value in enumerate(Partner.Kind.values)}
    partners = sorted(partners_with_logos(Partner.objects.filter(live=True)),
                      key=lambda partner: (kind_order.get(partner.kind, 99), partner.name.casefold()))
    base_url = directory.get_url(request=request) if directory is not None else None
    for partner in partners:
        partner.profile_url = f"{base_url}{partner.slug}/" if base_url else (partner.website or None)
    return {"partners": partners, "directory": directory, "directory_url": base_url, "request": request,
            "title": title, "heading_id": heading_id}
