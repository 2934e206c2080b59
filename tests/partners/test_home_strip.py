"""The home page's strip of partner logos: live partners only, founders first, each linking
to its profile, logos with their alternative text, and a constant number of queries."""

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

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
