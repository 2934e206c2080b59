"""The partners' demo content: every organisation of the seed page, live, in four languages,
with a logo and its alternative text; the directory under the home page; safe to re-run."""

import pytest
from django.test import override_settings
from django.utils import translation

from cities_portal.demo import DemoLoader
from cities_portal.i18n import LANGUAGE_CODES, fallback_fields
from partners.models import Partner, PartnerDirectoryPage

SLUGS = {
    "chantier-economie-sociale", "tiess", "karl-polanyi-institute", "ville-de-montreal",
    "seoul-metropolitan-government", "seoul-social-economy-center", "karl-polanyi-institute-asia",
    "seoul-social-economy-network", "ville-de-barcelone", "ville-de-bilbao", "ville-de-mondragon", "groupe-lks",
    "gsef", "socioeco", "ripess", "un-tfsse", "risq", "montreal-international",
}
# Only the loaders this app depends on: the practices' loader is tested with the practices.
LOADERS = ["services.demo.load", "partners.demo.load"]


def load():
    loader = DemoLoader()
    with override_settings(DEMO_CONTENT_LOADERS=LOADERS), translation.override("fr"):
        from django.utils.module_loading import import_string

        for dotted in LOADERS:
            import_string(dotted)(loader)
    return loader


@pytest.fixture
def demo(db):
    return load()


def check_partners():
    partners = {partner.slug: partner for partner in Partner.objects.select_related("logo")}
    assert set(partners) == SLUGS
    for partner in partners.values():
        assert partner.live, partner.slug
        for code in LANGUAGE_CODES:
            for field in ("name", "description", "key_facts", "logo_alt"):
                assert getattr(partner, f"{field}_{code}"), (partner.slug, field, code)
            assert not fallback_fields(partner, code), (partner.slug, code)
        assert partner.logo is not None and partner.logo.width == 240


def check_kinds_and_territories():
    def kind_territory(slug):
        partner = Partner.objects.get(slug=slug)
        return partner.kind, partner.territory

    assert kind_territory("chantier-economie-sociale") == ("founder", "quebec")
    assert kind_territory("seoul-social-economy-network") == ("founder", "seoul")
    assert kind_territory("ville-de-barcelone") == ("founder", "catalonia")
    assert kind_territory("groupe-lks") == ("founder", "basque-country")
    assert kind_territory("gsef") == ("founder", "international")
    assert kind_territory("ripess") == ("associated", "international")
    assert kind_territory("un-tfsse") == ("associated", "international")
    assert kind_territory("risq") == ("financial", "quebec")
    assert kind_territory("montreal-international") == ("financial", "quebec")
    assert Partner.objects.filter(kind="founder").count() == 13


def check_directory_and_profiles(client):
    directory = PartnerDirectoryPage.objects.get()
    assert directory.live and directory.get_parent().specific_class.__name__ == "HomePage"
    for prefix in ("/fr/partenaires/", "/en/partners/", "/es/socios/", "/ko/파트너/"):
        response = client.get(prefix)
        assert response.status_code == 200
        assert response.content.decode().count('class="partner-card"') == 18
        for slug in SLUGS:
            assert client.get(f"{prefix}{slug}/").status_code == 200, (prefix, slug)
    page = client.get("/ko/파트너/ville-de-montreal/").content.decode()
    assert "몬트리올시" in page and 'alt="몬트리올시"' in page
    assert "GSEF2016" in client.get("/es/socios/gsef/").content.decode()


def check_home_strip(client):
    content = client.get("/en/").content.decode()
    assert 'class="home-partners"' in content
    assert content.count('href="/en/partners/') >= 18
    assert 'alt="City of Montréal"' in content


def test_demo_partners_directory_profiles_and_home_strip(demo, client):
    check_partners()
    check_kinds_and_territories()
    check_directory_and_profiles(client)
    check_home_strip(client)


def test_running_it_again_creates_nothing_keeps_edits_and_deletions(demo, client):
    partner = Partner.objects.get(slug="tiess")
    partner.description_en = "Edited by an editor."
    partner.save_revision().publish()
    Partner.objects.get(slug="socioeco").delete()
    count, images = Partner.objects.count(), partner.logo.__class__.objects.count()
    again = load()
    assert again.created == 0
    assert Partner.objects.count() == count == 17
    assert partner.logo.__class__.objects.count() == images
    assert PartnerDirectoryPage.objects.count() == 1
    partner.refresh_from_db()
    assert partner.description_en == "Edited by an editor."
    assert "Edited by an editor." in client.get("/en/partners/tiess/").content.decode()
