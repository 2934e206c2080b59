"""Where the directory page may be created: once, under the home page only."""

from urllib.parse import unquote

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from partners.models import PartnerDirectoryPage
from practices.models import LibraryPage
from services.models import HomePage, ServicePillarPage, StandardPage


class DirectoryTreeTests(WagtailPageTestCase):
    def test_directory_goes_under_the_home_page_only(self):
        self.assertCanCreateAt(HomePage, PartnerDirectoryPage)
        self.assertCanNotCreateAt(Page, PartnerDirectoryPage)
        self.assertCanNotCreateAt(StandardPage, PartnerDirectoryPage)
        self.assertCanNotCreateAt(ServicePillarPage, PartnerDirectoryPage)
        self.assertCanNotCreateAt(LibraryPage, PartnerDirectoryPage)

    def test_directory_has_no_children(self):
        self.assertAllowedSubpageTypes(PartnerDirectoryPage, {})


def test_only_one_directory(directory):
    assert PartnerDirectoryPage.max_count == 1
    assert not PartnerDirectoryPage.can_create_at(directory.get_parent())


@pytest.mark.parametrize(("language", "url"), [
    ("fr", "/fr/partenaires/"), ("en", "/en/partners/"), ("es", "/es/socios/"), ("ko", "/ko/파트너/"),
])
def test_directory_has_a_translated_address(directory, language, url):
    assert unquote(directory.get_alternate_urls()[language]) == url
