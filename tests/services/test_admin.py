"""Editors can open and save every page type in the admin."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from services.models import EventPage

pytestmark = pytest.mark.django_db


def test_edit_views_open_for_every_page_type(admin_client, home, pillars, service, events, form_page, about):
    for page in (home, pillars["gather"], service, events["upcoming"].get_parent(), events["upcoming"],
                 form_page, about):
        response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, page


def test_add_views_offer_only_the_allowed_types(admin_client, pillars, event_index):
    response = admin_client.get(f"/admin/pages/add/services/eventpage/{event_index.pk}/")
    assert response.status_code == 200
    response = admin_client.get(f"/admin/pages/add/services/eventpage/{pillars['gather'].pk}/", follow=True)
    assert response.redirect_chain, "an event cannot be added under a pillar"
    assert "services/eventpage" not in response.redirect_chain[-1][0]


def test_submissions_are_listed_in_the_admin(admin_client, client, form_page):
    from tests.services.test_form import names, url, valid_data

    client.post(url(form_page, "fr"), valid_data(form_page, **{names(form_page)["Pays"]: "Pérou"}))
    response = admin_client.get(f"/admin/forms/submissions/{form_page.pk}/")
    assert response.status_code == 200
    assert "Pérou" in response.content.decode()


def test_an_editor_creates_an_event_on_the_event_clock(admin_client, event_index):
    data = nested_form_data({
        "title_fr": "Mission d'étude à Séoul", "slug_fr": "mission-seoul",
        "title_en": "Study mission in Seoul", "slug_en": "seoul-mission",
        "intro_fr": "Une semaine à Séoul.",
        "start": "2030-04-06 09:00", "end": "2030-04-10 17:00", "time_zone": "Asia/Seoul",
        "venue_fr": "Seoul Social Economy Center", "city_fr": "Séoul",
        "online_url": "", "registration_url": "",
        "body_fr": streamfield([]), "body_en": streamfield([]), "body_es": streamfield([]), "body_ko": streamfield([]),
        "comments": inline_formset([]),
        "action-publish": "publish",
    })
    data["languages"] = ["ko", "fr"]  # a multiple choice: one value per ticked box
    response = admin_client.post(f"/admin/pages/add/services/eventpage/{event_index.pk}/", data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    event = EventPage.objects.get(slug_fr="mission-seoul")
    assert event.live
    assert event.languages == ["ko", "fr"]
    assert event.local_start.hour == 9 and event.local_start.utcoffset().total_seconds() == 9 * 3600
    assert event.start.isoformat() == "2030-04-06T00:00:00+00:00"
