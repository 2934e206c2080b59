"""The home page's strip of partner logos: live partners only, founders first, each linking
to its profile, logos with their alternative text, and a constant number of queries."""

from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from cities_portal import kept
from partners.models import Partner
from tests.partners.factories import partner

pytestmark = pytest.mark.django_db


def strip(content):
    return content.split('class="home-partners"', 1)[1].split("</section>", 1)[0]


def test_strip_lists_live_partners_with_links_to_their_profiles(client, montreal, french_only_partner,
                                                                draft_partner):
    section = strip(client.get("/en/").content.decode())
    assert section.index('href="/en/partners/ville-de-montreal/"') < section.index('href="/en/partners/risq/"')
    assert "brouillon-secret" not in section
    # Without a logo, the initials are shown and the name is still read out.
    assert '<span class="partner-initials" aria-hidden="true">RISQ</span>' in section
    assert '<span class="partners-hidden">City of Montréal</span>' in section
    assert 'href="/en/partners/"' in section


def test_without_partners_there_is_no_strip(client, directory):
    assert 'class="home-partners"' not in client.get("/fr/").content.decode()


def test_strip_logos_have_alt_text_and_queries_stay_constant(client, directory):
    def add(number):
        logo = Image.objects.create(title=f"Logo {number}", file=ContentFile(
            get_test_image_file().file.getvalue(), name=f"logo{number}.png"))
        partner(f"p-{number}", f"Partenaire {number}", logo=logo, logo_alt_fr=f"Logo numéro {number}")

    def count():
        client.get("/fr/")  # renditions are made on the first view
        kept.forget()  # measure a view that builds the strip (after a publish), not one that reads it
        with CaptureQueriesContext(connection) as context:
            content = client.get("/fr/").content.decode()
        return len(context.captured_queries), content

    for number in range(3):
        add(number)
    few, content = count()
    assert 'alt="Logo numéro 1"' in strip(content)
    for number in range(3, 20):
        add(number)
    many, content = count()
    assert strip(content).count("<img") == 20
    assert many == few


def test_the_strip_is_built_once_per_content_change_and_language(client, montreal, french_only_partner):
    assert '<span class="partners-hidden">City of Montréal</span>' in strip(client.get("/en/").content.decode())
    with CaptureQueriesContext(connection) as context:
        content = client.get("/en/").content.decode()
    # Kept: the partners are not read again, and the strip is the same.
    assert not [q for q in context.captured_queries if "partners_partner" in q["sql"]]
    assert '<span class="partners-hidden">City of Montréal</span>' in strip(content)
    # Each language has its own strip, with its own addresses.
    french = strip(client.get("/fr/").content.decode())
    assert '<span class="partners-hidden">Ville de Montréal</span>' in french
    assert 'href="/fr/partenaires/ville-de-montreal/"' in french
    # A partner edited, added or withdrawn shows on the next view.
    montreal.name_en = "Montréal, the city"
    montreal.save()
    partner("chantier", "Chantier de l'économie sociale", kind=Partner.Kind.FOUNDER)
    french_only_partner.live = False
    french_only_partner.save()
    section = strip(client.get("/en/").content.decode())
    assert '<span class="partners-hidden">Montréal, the city</span>' in section
    assert 'href="/en/partners/chantier/"' in section
    assert "/en/partners/risq/" not in section


def test_without_a_content_generation_the_strip_is_built_each_time(client, montreal):
    with mock.patch("cities_portal.page_cache.generation", return_value=None):
        client.get("/en/")
        Partner.objects.filter(pk=montreal.pk).update(name_en="Montréal, the city")  # no signal, no bump
        assert "Montréal, the city" in strip(client.get("/en/").content.decode())


def test_the_renditions_read_with_the_partners_are_the_ones_the_logo_template_asks_for():
    import re
    from pathlib import Path

    from wagtail.images.models import Filter

    from partners.views import LOGO_SPECS

    root = Path(__file__).resolve().parents[2]
    template = (root / "partners/templates/partners/includes/partner_logo.html").read_text()
    tags = re.findall(r"\{% picture partner\.logo (format-\S+) (max-\S+) ", template)
    assert tags  # both forms of the tag (decorative or not)
    for specs in tags:
        assert set(Filter.expand_spec(list(specs))) == set(LOGO_SPECS)
