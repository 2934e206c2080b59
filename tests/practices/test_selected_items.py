"""The "selected practices and cases" block: an editor picks items of the library for a page;
visitors see the published ones, in that order, linked to their pages, in their language."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from services.models import ServicePillarPage
from tests.practices.factories import practice

pytestmark = pytest.mark.django_db


def block(*chosen, title="À lire"):
    return {"type": "selected_items", "value": {
        "title": title, "text": "", "show_library_link": True,
        "items": [{"type": kind, "value": item.pk} for kind, item in chosen],
    }}


def show(pillar, *blocks, language="fr"):
    page = ServicePillarPage.objects.get(pk=pillar.pk)
    setattr(page, f"body_{language}", list(blocks))
    page.save_revision().publish()
    return page


def get(client, page, language):
    with translation.override(language):
        url = page.get_url()
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def listed_titles(html):
    section = html.split('class="block-selected-items"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'<h3><a href="([^"]+)"[^>]*>([^<]+)</a></h3>', section)


@pytest.mark.parametrize("language", ["fr", "ko"])
def test_the_chosen_items_show_in_the_editors_order_with_their_addresses(client, share_pillar, library, items,
                                                                          language):
    chosen = [("case", items["seoul_case"]), ("practice", items["cdec"]), ("practice", items["mondragon"])]
    show(share_pillar, block(*chosen), language=language)
    html = get(client, share_pillar, language)
    found = listed_titles(html)
    with translation.override(language):
        expected = [(library.item_url(item.slug), item.title) for _kind, item in chosen]
    assert [url for url, _title in found] == [url for url, _title in expected]
    assert "몬트리올의 지역경제개발공사" in html if language == "ko" else "Les CDEC de Montréal" in html


def test_a_draft_or_unpublished_item_is_left_out_and_comes_back_when_published(client, share_pillar, library, items):
    show(share_pillar, block(("case", items["draft"]), ("practice", items["cdec"])))
    html = get(client, share_pillar, "fr")
    assert items["draft"].title_fr not in html
    assert [title for _url, title in listed_titles(html)] == ["Les CDEC de Montréal"]
    items["cdec"].unpublish()
    html = get(client, share_pillar, "fr")
    assert "block-selected-items" not in html  # nothing left to show: no empty section
    items["cdec"].save_revision().publish()
    assert "Les CDEC de Montréal" in get(client, share_pillar, "fr")


def test_a_deleted_item_does_not_break_the_page(client, share_pillar, library, items):
    show(share_pillar, block(("practice", items["cdec"]), ("practice", items["mondragon"])))
    items["cdec"].delete()
    html = get(client, share_pillar, "fr")
    assert [title for _url, title in listed_titles(html)] == [items["mondragon"].title_fr]


def test_the_block_reads_its_items_in_one_query_whatever_their_number(client, share_pillar, library, items):
    def queries_for(count):
        extra = [practice(f"extra-{count}-{n}", {"fr": f"Pratique {count}-{n}"}) for n in range(count)]
        show(share_pillar, block(*[("practice", item) for item in extra]))
        get(client, share_pillar, "fr")
        with CaptureQueriesContext(connection) as ctx:
            html = get(client, share_pillar, "fr")
        assert len(listed_titles(html)) == count
        return len(ctx.captured_queries)

    assert queries_for(2) == queries_for(12)


def test_editors_find_the_block_in_the_page_editor(admin_client, share_pillar, library, items):
    show(share_pillar, block(("practice", items["cdec"])))
    response = admin_client.get(f"/admin/pages/{share_pillar.pk}/edit/")
    assert response.status_code == 200
    assert "Selected practices and cases" in response.content.decode() or "Pratiques et cas choisis" in (
        response.content.decode())
