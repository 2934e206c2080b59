"""Views behind the directory page's routes: the grouped, filterable list and the profiles."""

import json

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from cities_portal.i18n import LANGUAGE_CODES, fallback_fields
from partners.models import Partner

# Rendition filters used by the templates, fetched together with the partners so that the
# number of queries does not grow with the number of logos shown.
LOGO_FILTER = "max-240x120"
MAX_QUERY_LENGTH = 100
JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def fold(text):
    from practices.textsearch import fold as fold_text

    return fold_text(text or "")


# The renditions partners/includes/partner_logo.html asks for (its {% picture %} specs,
# expanded as Wagtail stores them; a test reads them from the template), and LOGO_FILTER.
LOGO_SPECS = ("format-webp|max-240x120", "format-webp|max-480x240", "format-png|max-240x120",
              "format-png|max-480x240")


def partners_with_logos(queryset):
    """`queryset` with each partner's logo joined and the logos' renditions in one more
    query: the templates' <picture> asks for several sizes and formats, and each of them is
    then found among the prefetched renditions instead of by one query per logo. Only the
    renditions the logo template uses are read (a logo also has its admin thumbnails and
    older sizes, which cost a model instance each)."""
    from django.db.models import Prefetch
    from wagtail.images import get_image_model

    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec__in=(*LOGO_SPECS, LOGO_FILTER))
    return queryset.select_related(None).select_related("logo").prefetch_related(
        Prefetch("logo__renditions", queryset=renditions))


class DirectoryFilter:
    """The directory's filter, read from the query string: kind, territory and text.

    A value that is not one of the choices is ignored with a message (never an error), so a
    mistyped or outdated link still shows the directory.
    """

    def __init__(self, params):
        self.messages = []
        self.kind = self._choice(params, "kind", Partner.Kind,
                                 _("There is no kind of partner “%(value)s”; partners of every kind are shown."))
        self.territory = self._choice(params, "territory", Partner.Territory,
                                      _("There is no territory “%(value)s”; partners of every territory are shown."))
        text = " ".join((params.get("q") or "").split())
        if len(text) > MAX_QUERY_LENGTH:
            text = text[:MAX_QUERY_LENGTH]
            self.messages.append(_("The search text was too long; only its first %(count)s characters were used.")
                                 % {"count": MAX_QUERY_LENGTH})
        self.text = text

    def _choice(self, params, name, choices, message):
        value = (params.get(name) or "").strip()
        if not value:
            return ""
        if value not in choices.values:
            self.messages.append(message % {"value": value[:40]})
            return ""
        return value

    @property
    def is_filtered(self):
        return bool(self.kind or self.territory or self.text)

    def queryset(self):
        qs = Partner.objects.filter(live=True)
        if self.kind:
            qs = qs.filter(kind=self.kind)
        if self.territory:
            qs = qs.filter(territory=self.territory)
        return partners_with_logos(qs)

    def matches(self, partner):
        """Text filter, applied in Python: every language of the name, city and texts is
        folded the same way (case, accents, Hangul kept whole) on SQLite and PostgreSQL.
        A directory lists tens of partners, never thousands."""
        if not self.text:
            return True
        haystack = fold(" ".join(partner.all_names() + [partner.search_description()]))
        return all(word in haystack for word in fold(self.text).split())


def group_partners(partners):
    """[{kind, label, territories: [{territory, label, partners}]}] in the order of the choices."""
    kind_order = {value: position for position, value in enumerate(Partner.Kind.values)}
    territory_order = {value: position for position, value in enumerate(Partner.Territory.values)}
    kind_labels = dict(Partner.Kind.choices)
    territory_labels = dict(Partner.Territory.choices)
    groups = {}
    for partner in sorted(partners, key=lambda p: (kind_order.get(p.kind, 99), territory_order.get(p.territory, 99),
                                                   fold(p.name))):
        kind = groups.setdefault(partner.kind, {"kind": partner.kind, "label": kind_labels.get(partner.kind, ""),
                                                "territories": {}})
        territory = kind["territories"].setdefault(
            partner.territory, {"territory": partner.territory,
                                "label": territory_labels.get(partner.territory, ""), "partners": []})
        territory["partners"].append(partner)
    return [{**kind, "territories": list(kind["territories"].values())} for kind in groups.values()]


def directory(page, request):
    query = DirectoryFilter(request.GET)
    partners = [partner for partner in query.queryset() if query.matches(partner)]
    base_url = page.get_url(request=request)
    for partner in partners:
        partner.profile_url = f"{base_url}{partner.slug}/"
    context = page.get_context(request)
    context.update({
        "query": query,
        "groups": group_partners(partners),
        "total": len(partners),
        "messages_directory": query.messages,
        "kinds": Partner.Kind.choices,
        "territories": Partner.Territory.choices,
        "reset_url": base_url,
        "logo_filter": LOGO_FILTER,
    })
    return TemplateResponse(request, "partners/partner_directory_page.html", context)


# --- Profiles -------------------------------------------------------------------------------
def involvements(partner, request):
    """The live practices and cases `partner` takes part in, with their library addresses."""
    from cities_portal.queries import public
    from practices.models import LibraryPage

    library = public(LibraryPage.objects.live(), request).first()
    entries = []
    for kind, label, items in (
        ("practice", _("Good practice"), partner.practices.filter(live=True)),
        ("case", _("Collaboration case"), partner.cases.filter(live=True)),
    ):
        for item in items.order_by("title"):
            url = library.item_url(item.slug, request=request) if library is not None else None
            entries.append({"item": item, "kind": kind, "kind_label": label, "url": url})
    return entries


def json_ld(partner, url, request):
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "@id": url,
        "url": partner.website or url,
        "mainEntityOfPage": url,
        "name": partner.name,
        "alternateName": [name for name in partner.all_names() if name != partner.name] or None,
        "description": partner.description or None,
        "email": partner.contact_email or None,
        "inLanguage": translation.get_language(),
        "sameAs": [partner.website] if partner.website else None,
    }
    address = {"@type": "PostalAddress"}
    if partner.city:
        address["addressLocality"] = partner.city
    if partner.country_code:
        address["addressCountry"] = partner.country_code
    if len(address) > 1:
        data["address"] = address
    if partner.logo_id and partner.logo is not None:
        rendition = partner.logo.get_rendition(LOGO_FILTER)
        data["logo"] = request.build_absolute_uri(rendition.url)
    cleaned = {key: value for key, value in data.items() if value not in (None, "", [])}
    return mark_safe(json.dumps(cleaned, ensure_ascii=False).translate(JSON_ESCAPES))


def profile(page, request, slug):
    partner = partners_with_logos(Partner.objects.filter(live=True, slug=slug)).first()
    if partner is None:
        raise Http404(_("No published partner has this address."))
    language = translation.get_language()
    url = request.build_absolute_uri(page.partner_url(partner, request=request))
    context = page.get_context(request)
    context.update({
        "partner": partner,
        "directory": page,
        "directory_url": page.get_url(request=request),
        "involvements": involvements(partner, request),
        "alternate_urls": page.partner_alternate_urls(partner, request),
        "json_ld": json_ld(partner, url, request),
        "fallback": fallback_fields(partner, language),
        "kind_label": partner.get_kind_display(),
        "territory_label": partner.get_territory_display(),
        "logo_filter": LOGO_FILTER,
        "languages": LANGUAGE_CODES,
        "is_preview": False,
    })
    return TemplateResponse(request, "partners/partner_profile.html", context)
