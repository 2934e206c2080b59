"""The pages the home page links its sections to (the library, the partner directory, the
events), taken from the page tree routing keeps per content generation: the same pages as
the database gives, no query of their own, and a page unpublished or put behind a password
is gone on the next view."""

from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from partners.models import PartnerDirectoryPage
from practices.models import LibraryPage
from services.models import ServicePillarPage
from tests.conftest import add_page, four

pytestmark = pytest.mark.django_db


@pytest.fixture
def sections(home):
    pillar = add_page(home, ServicePillarPage(pillar="share", **four("Partager", "Share", "Compartir", "나누기"),
                                              **four("partager", "share", "compartir", "나누기", field="slug")))
    library = add_page(pillar, LibraryPage(**four("Bibliothèque", "Library", "Biblioteca", "라이브러리"),
                                           **four("bibliotheque", "library", "biblioteca", "라이브러리", field="slug")))
    directory = add_page(home, PartnerDirectoryPage(
        **four("Partenaires", "Partners", "Socios", "파트너"),
        **four("partenaires", "partners", "socios", "파트너", field="slug")))
    return {"pillar": pillar, "library": library, "directory": directory}


def found(home):
    return {name: (type(page), page.pk, page.url) for name, page in home.section_pages().items()}


def from_the_database(home):
    with mock.patch("cities_portal.page_cache.generation", return_value=None):
        return found(home)


def test_the_kept_tree_gives_the_pages_the_database_gives(client, home, sections):
    client.get("/fr/")  # routing keeps the tree
    with CaptureQueriesContext(connection) as queries:
        kept = found(home)
    assert kept == from_the_database(home)
    assert kept["library"] == (LibraryPage, sections["library"].pk, "/fr/partager/bibliotheque/")
    assert kept["partner_directory"][0] is PartnerDirectoryPage
    assert not [query for query in queries if "wagtailcore_page" in query["sql"]]


def test_an_unpublished_library_is_gone_on_the_next_view(client, home, sections):
    client.get("/fr/")
    assert "library" in found(home)
    sections["library"].unpublish()
    client.get("/fr/")
    assert "library" not in found(home)
    assert found(home) == from_the_database(home)


def test_a_library_behind_a_password_is_not_linked(client, home, sections):
    client.get("/fr/")
    PageViewRestriction.objects.create(page=sections["pillar"], restriction_type=PageViewRestriction.PASSWORD,
                                       password="secret")
    client.get("/fr/")
    assert "library" not in found(home)
    assert "partner_directory" in found(home)
    assert found(home) == from_the_database(home)


def test_a_request_cannot_change_the_kept_pages(client, home, sections):
    client.get("/fr/")
    home.section_pages()["library"].title = "Changé par une requête"
    assert home.section_pages()["library"].title == "Bibliothèque"
