"""Anonymous page views are cached, invalidated by any content change, and never leak."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import override_settings
from django.utils import translation

from tests.conftest import add_page, four


@pytest.fixture(autouse=True)
def page_cache():
    cache.clear()
    with override_settings(PAGE_CACHE_SECONDS=300):
        yield
    cache.clear()


def state(response):
    return response.get("X-Page-Cache")


def test_second_anonymous_view_is_served_from_the_cache(client, about):
    assert state(client.get("/fr/a-propos/")) == "miss"
    response = client.get("/fr/a-propos/")
    assert state(response) == "hit"
    assert "À propos" in response.content.decode()


def test_each_language_has_its_own_entry(client, about):
    client.get("/fr/a-propos/")
    response = client.get("/ko/소개/")
    assert state(response) == "miss"
    assert '<html lang="ko">' in response.content.decode()


def test_publishing_a_change_invalidates(client, about):
    client.get("/en/about/")
    about.intro_en = "A brand new introduction."
    about.save_revision().publish()
    response = client.get("/en/about/")
    assert state(response) == "miss"
    assert "A brand new introduction." in response.content.decode()


def test_saving_a_draft_does_not_show_but_publishing_does(client, about):
    client.get("/en/about/")
    about.intro_en = "Draft words."
    about.save_revision()
    assert "Draft words." not in client.get("/en/about/").content.decode()


def test_unpublishing_invalidates_the_page_and_the_menu(client, about, home):
    assert "/fr/a-propos/" in client.get("/fr/").content.decode()
    about.unpublish()
    assert client.get("/fr/a-propos/").status_code == 404
    assert "/fr/a-propos/" not in client.get("/fr/").content.decode()


def test_moving_a_page_invalidates(client, about, french_only):
    client.get("/fr/a-propos/")
    about.move(french_only, pos="last-child")
    # Wagtail leaves a redirect from the old address to the new one.
    old = client.get("/fr/a-propos/")
    assert old.status_code == 301 and old["Location"].endswith("/fr/mentions-legales/a-propos/")
    assert client.get("/fr/mentions-legales/a-propos/").status_code == 200


def test_deleting_a_page_invalidates(client, about, home):
    client.get("/fr/")
    about.delete()
    assert "/fr/a-propos/" not in client.get("/fr/").content.decode()


def test_a_new_page_appears_in_cached_menus(client, home):
    client.get("/fr/")
    from services.models import StandardPage

    add_page(home, StandardPage(show_in_menus=True, **four("Nouvelle page", field="title"),
                                **four("nouvelle-page", field="slug")))
    assert "Nouvelle page" in client.get("/fr/").content.decode()


def test_logged_in_users_are_never_served_nor_stored(client, about):
    user = get_user_model().objects.create_user("editor", "e@example.org", "pw-Long-enough-1")
    client.force_login(user)
    response = client.get("/fr/a-propos/")
    assert state(response) is None
    client.logout()
    client.cookies.clear()
    assert state(client.get("/fr/a-propos/")) == "miss"


def test_responses_with_a_csrf_token_are_not_cached(rf, about):
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    from cities_portal.page_cache import AnonymousPageCacheMiddleware

    def view(request):
        return HttpResponse(f"<form>{get_token(request)}</form>", content_type="text/html")

    middleware = AnonymousPageCacheMiddleware(view)
    first = middleware(rf.get("/fr/formulaire/"))
    second = middleware(rf.get("/fr/formulaire/"))
    assert first.get("X-Page-Cache") is None and second.get("X-Page-Cache") is None
    assert first.content != second.content


def test_errors_are_not_cached(client, home):
    client.get("/fr/absente/")
    assert state(client.get("/fr/absente/")) is None


def test_a_cache_outage_still_serves_pages(client, about, monkeypatch):
    from cities_portal import page_cache

    class BrokenCache:
        def __getattr__(self, name):
            def broken(*args, **kwargs):
                raise ConnectionError("cache down")

            return broken

    # Only the page cache's handle is broken: Wagtail's own cache use is the security tests' matter.
    monkeypatch.setattr(page_cache, "cache", BrokenCache())
    response = client.get("/fr/a-propos/")
    assert response.status_code == 200
    assert state(response) is None


# --- Snippets shown on many pages ---------------------------------------------------------

def warm(client, *urls):
    """Fill the cache for each URL and check that it is now served from it."""
    for url in urls:
        client.get(url)
        assert state(client.get(url)) == "hit", url


def test_publishing_a_practice_refreshes_every_page_that_shows_it(client, library, items):
    mondragon = items["mondragon"]
    item_url = library.item_url("mondragon", "fr")
    warm(client, "/fr/", library.url, item_url)
    mondragon.title_fr = "Mondragón, soixante ans de coopératives"
    mondragon.save_revision().publish()
    for url in ("/fr/", library.url, item_url):
        response = client.get(url)
        assert state(response) == "miss", url
        assert "Mondragón, soixante ans de coopératives" in response.content.decode(), url


def test_a_draft_of_a_practice_changes_no_cached_page(client, library, items):
    mondragon = items["mondragon"]
    warm(client, library.url)
    mondragon.title_fr = "Titre encore en brouillon"
    mondragon.save_revision()
    assert "Titre encore en brouillon" not in client.get(library.url).content.decode()


def test_a_new_practice_appears_on_cached_listings(client, library, items):
    from tests.practices.factories import practice

    warm(client, "/fr/", library.url)
    practice("nouvelle-pratique", {"fr": "Une pratique toute neuve"}, start_year=2030)
    assert "Une pratique toute neuve" in client.get(library.url).content.decode()
    assert "Une pratique toute neuve" in client.get("/fr/").content.decode()


def test_unpublishing_a_practice_removes_it_everywhere(client, library, items):
    seoul = items["seoul"]
    item_url = library.item_url("seoul-ecosystem", "en")
    warm(client, "/en/", library.url, item_url)
    seoul.unpublish()
    assert client.get(item_url).status_code == 404
    for url in ("/en/", library.url):
        assert "Seoul&#x27;s SSE ecosystem" not in client.get(url).content.decode()
        assert "seoul-ecosystem" not in client.get(url).content.decode()


def test_deleting_a_case_removes_it_everywhere(client, library, items):
    item_url = library.item_url("seoul-co-governance", "fr")
    warm(client, "/fr/", library.url, item_url)
    items["seoul_case"].delete()
    assert client.get(item_url).status_code == 404
    for url in ("/fr/", library.url):
        assert "La cogouvernance à Séoul" not in client.get(url).content.decode()


def test_renaming_a_taxonomy_term_refreshes_facets_and_items(client, library, items):
    from practices.models import Theme

    item_url = library.item_url("cdec-montreal", "es")
    with translation.override("es"):
        library_es = library.get_url()
    warm(client, library_es, item_url)
    theme = Theme.objects.get(slug="developpement-local")
    theme.name_es = "Desarrollo territorial"
    theme.save()
    for url in (library_es, item_url):
        content = client.get(url).content.decode()
        assert "Desarrollo territorial" in content and "Desarrollo local" not in content, url


def test_tagging_a_practice_with_a_theme_refreshes_the_facet_counts(client, library, items):
    from practices.models import Theme

    finance = Theme.objects.get(slug="finance-solidaire")
    warm(client, f"{library.url}?theme=finance-solidaire")
    before = client.get(f"{library.url}?theme=finance-solidaire").content.decode()
    assert "Les CDEC de Montréal" not in before
    # From the term's side: the relation alone changes, the practice itself is not saved.
    finance.practices.add(items["cdec"])
    assert "Les CDEC de Montréal" in client.get(f"{library.url}?theme=finance-solidaire").content.decode()


def test_publishing_a_partner_refreshes_the_directory_its_profile_and_the_home(client, montreal, seoul):
    from partners.models import PartnerDirectoryPage

    directory = PartnerDirectoryPage.objects.get()
    profile = directory.partner_url(montreal, "en")
    with translation.override("en"):
        directory_en = directory.get_url()
    warm(client, "/en/", directory_en, profile)
    montreal.name_en = "Montréal City Council"
    montreal.save_revision().publish()
    for url in ("/en/", directory_en, profile):
        assert "Montréal City Council" in client.get(url).content.decode(), url


def test_unpublishing_and_deleting_a_partner_removes_it(client, montreal, seoul):
    from partners.models import PartnerDirectoryPage

    directory = PartnerDirectoryPage.objects.get()
    montreal_url, seoul_url = directory.partner_url(montreal, "fr"), directory.partner_url(seoul, "fr")
    warm(client, directory.url, montreal_url, seoul_url)
    montreal.unpublish()
    assert client.get(montreal_url).status_code == 404
    seoul.delete()
    assert client.get(seoul_url).status_code == 404
    content = client.get(directory.url).content.decode()
    assert "Ville de Montréal" not in content and "Gouvernement métropolitain de Séoul" not in content


# --- Keys ---------------------------------------------------------------------------------

def test_the_query_string_is_part_of_the_key(client, library, items):
    client.get(f"{library.url}?kind=case")
    response = client.get(f"{library.url}?kind=practice")
    assert state(response) == "miss"
    assert "La cogouvernance à Séoul" not in response.content.decode()


def test_addresses_without_a_language_prefix_are_cached_per_language(client, home):
    from cities_portal.page_cache import AnonymousPageCacheMiddleware

    def view(request):
        from django.http import HttpResponse
        from django.utils import translation as tr
        from django.utils.cache import patch_vary_headers

        response = HttpResponse(f"lang={tr.get_language_from_request(request)}", content_type="text/plain")
        patch_vary_headers(response, ["Accept-Language"])
        return response

    from django.test import RequestFactory

    rf = RequestFactory()
    middleware = AnonymousPageCacheMiddleware(view)
    assert middleware(rf.get("/robots-like.txt", HTTP_ACCEPT_LANGUAGE="ko")).content == b"lang=ko"
    assert middleware(rf.get("/robots-like.txt", HTTP_ACCEPT_LANGUAGE="es")).content == b"lang=es"
    hit = middleware(rf.get("/robots-like.txt", HTTP_ACCEPT_LANGUAGE="ko"))
    assert state(hit) == "hit" and hit.content == b"lang=ko"


def test_a_response_that_varies_on_another_header_is_not_stored(rf, home):
    from django.http import HttpResponse

    from cities_portal.page_cache import AnonymousPageCacheMiddleware

    def view(request):
        response = HttpResponse(request.headers.get("User-Agent", ""), content_type="text/html")
        response["Vary"] = "User-Agent"
        return response

    middleware = AnonymousPageCacheMiddleware(view)
    middleware(rf.get("/fr/x/", HTTP_USER_AGENT="a"))
    assert middleware(rf.get("/fr/x/", HTTP_USER_AGENT="b")).content == b"b"


# --- Never served to someone else ------------------------------------------------------------

def test_the_transfer_request_form_is_never_cached_and_tokens_are_personal(form_page):
    from django.test import Client

    url = form_page.get_url()
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    responses = [first.get(url), second.get(url), first.get(url)]
    assert all(r.status_code == 200 and state(r) is None for r in responses)
    tokens = [r.content.decode().split('name="csrfmiddlewaretoken" value="')[1].split('"')[0] for r in responses]
    assert len(set(tokens)) == 3
    # Each visitor's token works for that visitor: the form is really usable.
    assert responses[0].cookies["csrftoken"].value != responses[1].cookies["csrftoken"].value


def test_a_post_is_never_answered_from_the_cache(client, form_page):
    url = form_page.get_url()
    with override_settings(PAGE_CACHE_SECONDS=300):
        client.get(url)
        response = client.post(url, {})
    assert state(response) is None
    assert response.status_code == 200  # the form again, with its error messages


def test_a_page_that_sets_a_cookie_is_not_stored(rf, home):
    from django.http import HttpResponse

    from cities_portal.page_cache import AnonymousPageCacheMiddleware

    def view(request):
        response = HttpResponse("<p>hello</p>", content_type="text/html")
        response.set_cookie("tracking", "visitor-1")
        return response

    middleware = AnonymousPageCacheMiddleware(view)
    middleware(rf.get("/fr/cookie/"))
    second = middleware(rf.get("/fr/cookie/"))
    assert state(second) is None and second.cookies["tracking"].value == "visitor-1"


def test_a_hit_never_carries_a_cookie(client, about):
    first = client.get("/fr/a-propos/")
    hit = client.get("/fr/a-propos/")
    assert state(hit) == "hit"
    assert not hit.cookies and "Set-Cookie" not in hit
    assert first.status_code == 200


def test_visitors_with_pending_messages_get_a_fresh_page(client, about):
    warm(client, "/fr/a-propos/")
    client.cookies["messages"] = "pending"
    assert state(client.get("/fr/a-propos/")) is None


def test_the_admin_is_never_cached(client, about):
    for _ in range(2):
        response = client.get("/admin/login/")
        assert response.status_code == 200 and state(response) is None
    admin = get_user_model().objects.create_superuser("admin", "a@example.org", "pw-Long-enough-1")
    client.force_login(admin)
    for _ in range(2):
        assert state(client.get("/admin/")) is None


def test_a_preview_of_a_draft_is_never_stored_for_visitors(client, about):
    about.intro_fr = "Brouillon confidentiel."
    revision = about.save_revision()
    draft = revision.as_object()
    preview = draft.make_preview_request()  # what the admin's preview and moderation views do
    assert "Brouillon confidentiel." in preview.content.decode()
    response = client.get("/fr/a-propos/")
    assert "Brouillon confidentiel." not in response.content.decode()
    assert state(client.get("/fr/a-propos/")) == "hit"
    assert "Brouillon confidentiel." not in client.get("/fr/a-propos/").content.decode()


def test_an_editor_previewing_in_the_admin_leaves_no_trace_for_visitors(client, about):
    from django.test import Client

    editor = Client()
    editor.force_login(get_user_model().objects.create_superuser("boss", "b@example.org", "pw-Long-enough-1"))
    about.intro_fr = "Version de travail."
    about.save_revision()
    response = editor.get(f"/admin/pages/{about.pk}/view_draft/")
    assert response.status_code == 200 and "Version de travail." in response.content.decode()
    assert "Version de travail." not in client.get("/fr/a-propos/").content.decode()


def test_the_partner_space_is_never_cached(client, directory):
    from django.urls import reverse

    with translation.override("fr"):
        login = reverse("partner_space:login")
        dashboard = reverse("partner_space:dashboard")
    for _ in range(2):
        assert state(client.get(login)) is None
        response = client.get(dashboard)
        assert response.status_code == 302 and state(response) is None
    representative = get_user_model().objects.create_user("rep", "rep@example.org", "pw-Long-enough-1")
    client.force_login(representative)
    for _ in range(2):
        assert state(client.get(dashboard)) is None


@override_settings(ROOT_URLCONF="tests.performance.nonce_urls")
def test_a_cache_hit_carries_a_csp_nonce_that_matches_its_html(client, home):
    """A page with an inline script (nonce from the security middleware): on a hit, the
    stored page's nonce is replaced by the request's own, in the HTML and the header alike."""
    import re

    from cities_portal.security import SecurityHeadersMiddleware  # noqa: F401 (it must exist)

    responses = [client.get("/fr/nonce/") for _ in range(3)]
    assert [state(r) for r in responses] == ["miss", "hit", "hit"]
    nonces = []
    for response in responses:
        header = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
        assert set(re.findall(r'nonce="([^"]+)"', response.content.decode())) == {header}
        nonces.append(header)
    assert len(set(nonces)) == 3
