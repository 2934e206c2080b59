import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.practices.factories import practice

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(user)
    return client


def test_listing_shows_missing_languages_and_filters_by_them(admin_client):
    practice("complete", {"fr": "Complète", "en": "Complete", "es": "Completa", "ko": "완성"})
    practice("french", {"fr": "Seulement en français"})
    url = reverse("wagtailsnippets_practices_goodpractice:list")
    response = admin_client.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Missing languages" in content or "Langues manquantes" in content
    assert "EN, ES, KO" in content
    response = admin_client.get(url, {"missing_language": "ko"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Seulement en français" in content
    assert "Complète" not in content


@pytest.mark.parametrize("model", ["goodpractice", "collaborationcase", "theme", "territory", "stakeholdertype",
                                   "collaborationform", "collaborationstage", "resourcetype"])
def test_admin_listings_and_add_forms_load(admin_client, model):
    assert admin_client.get(reverse(f"wagtailsnippets_practices_{model}:list")).status_code == 200
    assert admin_client.get(reverse(f"wagtailsnippets_practices_{model}:add")).status_code == 200
