"""The page tree is written into the models: where each page type may be created."""

import pytest
from wagtail.models import Page

from services.models import (
    EventIndexPage,
    EventPage,
    HomePage,
    ServicePage,
    ServicePillarPage,
    StandardPage,
    TransferRequestFormPage,
)

pytestmark = pytest.mark.django_db


def test_home_page_sits_under_the_root_only_once(home):
    root = Page.get_first_root_node()
    assert HomePage.can_exist_under(root)
    assert not HomePage.can_create_at(root), "max_count is 1 and the home page exists"
    assert not HomePage.can_exist_under(home)


def test_three_pillars_under_home_and_no_fourth(home, pillars):
    assert ServicePillarPage.can_exist_under(home)
    assert not ServicePillarPage.can_create_at(home)
    assert not ServicePillarPage.can_exist_under(pillars["gather"])
    assert sorted(p.pillar for p in ServicePillarPage.objects.all()) == ["gather", "share", "transfer"]


def test_a_pillar_value_is_unique(home, pillars):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ServicePillarPage.objects.filter(pk=pillars["share"].pk).update(pillar="gather")


def test_pillar_can_create_at_first_pillar(home):
    assert ServicePillarPage.can_create_at(home)


def test_services_live_under_pillars_only(home, pillars, about):
    for pillar in pillars.values():
        assert ServicePage.can_create_at(pillar)
    assert not ServicePage.can_create_at(home)
    assert not ServicePage.can_create_at(about)


def test_service_page_has_no_children(service):
    assert service.specific_class.allowed_subpage_models() == []


def test_event_index_only_under_gather_and_only_once(pillars, event_index):
    assert not EventIndexPage.can_create_at(pillars["gather"]), "max_count 1"
    assert not EventIndexPage.can_exist_under(pillars["share"])
    assert not EventIndexPage.can_exist_under(pillars["transfer"])


def test_event_index_can_be_created_under_gather(pillars):
    assert EventIndexPage.can_create_at(pillars["gather"])
    assert not EventIndexPage.can_create_at(pillars["share"])


def test_events_only_under_the_event_index(pillars, event_index, home):
    assert EventPage.can_create_at(event_index)
    assert not EventPage.can_create_at(pillars["gather"])
    assert not EventPage.can_create_at(home)


def test_transfer_form_only_under_transfer_and_only_once(pillars):
    assert TransferRequestFormPage.can_create_at(pillars["transfer"])
    assert not TransferRequestFormPage.can_create_at(pillars["gather"])
    assert not TransferRequestFormPage.can_create_at(pillars["share"])


def test_transfer_form_max_count(form_page, pillars):
    assert not TransferRequestFormPage.can_create_at(pillars["transfer"])


def test_standard_pages_under_home_and_standard_pages(home, about, pillars):
    assert StandardPage.can_create_at(home)
    assert StandardPage.can_create_at(about)
    assert not StandardPage.can_create_at(pillars["gather"])


def test_pillar_subpage_types_name_the_other_apps_pages():
    assert ServicePillarPage.subpage_types == [
        "services.ServicePage",
        "services.EventIndexPage",
        "services.TransferRequestFormPage",
        "practices.LibraryPage",
        "partners.PartnerIndexPage",
    ]
    # The page types that exist are all allowed; missing ones are skipped, not an error.
    allowed = ServicePillarPage.allowed_subpage_models()
    assert {ServicePage, EventIndexPage, TransferRequestFormPage} <= set(allowed)
