"""Partner pieces shown on pages of other apps (the home page's strip of partner logos)."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from cities_portal.kept import kept
from cities_portal.queries import public
from partners.models import Partner, PartnerDirectoryPage
from partners.views import partners_with_logos

register = template.Library()


@register.simple_tag(takes_context=True)
def partner_strip(context, title=None, heading_id="home-partners-title"):
    """Every live partner's logo (or initials), founders first, each linking to its profile.

    The strip is the same for every visitor in one language, and only content changes alter
    it, so its HTML is kept per content generation (cities_portal/kept.py): building it (the
    partners, their logos, a <picture> per logo) was ~10 ms of CPU per home page. When it is
    built: two queries whatever the number of partners (the partners with their logos, and
    the logos' renditions); plus the directory page unless the page's context brings it (the
    home page reads it together with the library page)."""
    request = context.get("request")
    if "partner_directory" in context:
        directory = context["partner_directory"]
    else:
        directory = public(PartnerDirectoryPage.objects.live(), request).first()
    base_url = directory.get_url(request=request) if directory is not None else None
    title = str(title) if title else None

    def build():
        kind_order = {value: position for position, value in enumerate(Partner.Kind.values)}
        partners = sorted(partners_with_logos(Partner.objects.filter(live=True)),
                          key=lambda partner: (kind_order.get(partner.kind, 99), partner.name.casefold()))
        for partner in partners:
            partner.profile_url = f"{base_url}{partner.slug}/" if base_url else (partner.website or None)
        return render_to_string("partners/includes/partner_strip.html", {
            "partners": partners, "directory": directory, "directory_url": base_url,
            "title": title, "heading_id": heading_id,
        })

    return mark_safe(kept("partner-strip", (get_language(), base_url, title, heading_id), build))
