"""The directory: live partners grouped by kind then territory, the GET filter (kind,
territory, text), messages for bad values, and a query count that does not grow."""

import re

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from partners.models import Partner
from tests.partners.factories import partner

pytestmark = pytest.mark.django_db

CARD_RE = re.compile(r'<a class="partner-card-link" href="([^"]+)">')
GROUP_RE = re.compile(r'<h([23]) id="kind-[^"]+">([^<]+)</h[23]>')


def profile_links(response):
    assert response.status_code == 200
    return CARD_RE.findall(response.content.decode())


def headings(response):
    return [(level, text) for level, text in GROUP_RE.findall(response.content.decode())]


def test_groups_by_kind_then_territory_in_the_visitors_language(client, montreal, seoul, french_only_partner):
    response = client.get("/en/partners/")
    assert headings(response) == [
        ("2", "Founder"), ("3", "Québec"), ("3", "Seoul"),
        ("2", "Financial partner"), ("3", "Québec"),
    ]
    assert profile_links(response) == [
        "/en/partners/ville-de-montreal/", "/en/partners/seoul-metropolitan-government/", "/en/partners/risq/",
    ]
    content = response.content.decode()
    assert "City of Montréal" in content and "Seoul Metropolitan Government" in content


def test_drafts_are_never_listed(client, montreal, draft_partner):
    for url in ("/fr/partenaires/", "/en/partners/?kind=network", "/fr/partenaires/?q=secret"):
        assert "brouillon-secret" not in client.get(url).content.decode()


def test_filter_by_kind_and_territory(client, montreal, seoul, french_only_partner):
    assert profile_links(client.get("/fr/partenaires/?kind=financial")) == ["/fr/partenaires/risq/"]
    assert profile_links(client.get("/fr/partenaires/?territory=seoul")) == [
        "/fr/partenaires/seoul-metropolitan-government/"]
    assert profile_links(client.get("/fr/partenaires/?kind=founder&territory=quebec")) == [
        "/fr/partenaires/ville-de-montreal/"]
    response = client.get("/fr/partenaires/?kind=network")
    assert profile_links(response) == []
    assert '<p class="no-results">' in response.content.decode()


@pytest.mark.parametrize(("query", "expected"), [
    ("montreal", ["ville-de-montreal"]),          # accents are optional
    ("CITY OF", ["ville-de-montreal"]),            # any language's name, any case
    ("서울", ["seoul-metropolitan-government"]),   # Hangul inside a longer word (서울특별시)
    ("risq", ["risq"]),                            # the acronym
    ("capital de risque", ["risq"]),               # the description
    ("2 800", ["seoul-metropolitan-government"]),
    ("nobody matches this", []),
])
def test_text_filter(client, montreal, seoul, french_only_partner, query, expected):
    links = profile_links(client.get("/en/partners/", {"q": query}))
    assert [link.rstrip("/").rsplit("/", 1)[-1] for link in links] == expected


def test_the_form_works_without_javascript_and_keeps_the_choices(client, montreal):
    content = client.get("/fr/partenaires/?kind=founder&territory=quebec&q=ville").content.decode()
    assert '<form class="directory-filter" method="get" action="/fr/partenaires/"' in content
    assert '<option value="founder" selected>' in content
    assert '<option value="quebec" selected>' in content
    assert 'name="q" value="ville"' in content
    assert '<meta name="robots" content="noindex, follow">' in content


@pytest.mark.parametrize("params", [
    {"kind": "pirate"}, {"territory": "atlantis"}, {"kind": "<script>x</script>"},
    {"kind": ["founder", "x"]}, {"q": "x" * 5000}, {"territory": "\x00"},
])
def test_bad_values_give_a_message_not_an_error(client, montreal, params):
    response = client.get("/en/partners/", params)
    assert response.status_code == 200
    content = response.content.decode()
    assert "<script>x</script>" not in content
    if "q" not in params:
        assert 'class="notice directory-messages"' in content
        # The filter is ignored, so the directory still lists everyone.
        assert profile_links(response) == ["/en/partners/ville-de-montreal/"]


def test_bad_value_message_is_in_the_visitors_language(client, montreal):
    content = client.get("/es/socios/?kind=pirate").content.decode()
    assert "No existe ningún tipo de socio «pirate»" in content


def _make_partners(count, with_logo):
    image_file = get_test_image_file() if with_logo else None
    for number in range(count):
        logo = None
        if with_logo and number % 2 == 0:
            logo = Image.objects.create(title=f"Logo {number}", file=ContentFile(image_file.file.getvalue(),
                                                                                   name=f"logo{number}.png"))
        partner(f"partner-{number}", {"fr": f"Partenaire {number}", "en": f"Partner {number}"},
                kind=list(Partner.Kind.values)[number % 4], territory=list(Partner.Territory.values)[number % 6],
                logo=logo, logo_alt=f"Logo du partenaire {number}")


def _queries(client, url):
    client.get(url)  # renditions are created on the first view
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), response


def test_query_count_does_not_grow_with_the_number_of_partners(client, directory, django_assert_max_num_queries):
    _make_partners(5, with_logo=True)
    few, response = _queries(client, "/en/partners/")
    assert len(profile_links(response)) == 5
    for number in range(5, 50):
        partner(f"partner-{number}", f"Partenaire {number}", kind=list(Partner.Kind.values)[number % 4],
                territory=list(Partner.Territory.values)[number % 6])
    many, response = _queries(client, "/en/partners/")
    assert len(profile_links(response)) == 50
    assert many == few
    with django_assert_max_num_queries(few):
        client.get("/en/partners/?kind=founder&q=partner")


def test_logos_render_with_their_alternative_text_and_no_query_per_logo(client, directory):
    _make_partners(6, with_logo=True)
    few, response = _queries(client, "/fr/partenaires/")
    content = response.content.decode()
    # In the cards the name is the link's text: the logo next to it is decorative.
    assert content.count('class="partner-logo"') == 3
    assert content.count('alt=""') >= 3
    assert content.count('class="partner-initials"') == 3
    for number in range(6, 12):
        logo = Image.objects.create(title=f"Logo {number}", file=ContentFile(
            get_test_image_file().file.getvalue(), name=f"logo{number}.png"))
        partner(f"partner-{number}", f"Partenaire {number}", logo=logo)
    many, response = _queries(client, "/fr/partenaires/")
    assert response.content.decode().count('class="partner-logo"') == 9
    assert many == few
