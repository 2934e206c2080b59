"""An editor writes a collaboration case in French and Korean in the admin (one language at
a time, behind its language picker) and submits it; a moderator approves it; visitors find it
in the library in both languages."""

from urllib.parse import quote

from tests.browser import helpers

CASE = {
    "slug": "browser-test-busan-co-governance",
    "fr": {"title": "Cogouvernance des marchés publics à Busan",
           "summary": "La ville et les coopératives écrivent ensemble les règles des achats publics."},
    "ko": {"title": "부산 공공조달 협치",
           "summary": "부산시와 협동조합이 공공구매 규칙을 함께 만듭니다."},
}


def admin_login(page, site, role):
    page.goto("/admin/login/")
    page.fill("#id_username", site.accounts[role])
    page.fill("#id_password", site.password)
    helpers.click_and_wait(page, page.locator("form button[type=submit]"))
    assert not page.url.endswith("/admin/login/")


def show_language(page, code):
    page.locator(".locale-toggle", has_text=code.upper()).first.click()
    page.locator(f"#id_title_{code}").wait_for(state="visible")


def test_editor_writes_a_case_in_french_and_korean_a_moderator_approves_it(open_page, site):
    from django.urls import reverse

    from practices.models import CollaborationCase

    editor = open_page("fr")
    admin_login(editor, site, "editor")
    editor.goto(reverse("wagtailsnippets_practices_collaborationcase:add"))
    editor.fill("#id_title_fr", CASE["fr"]["title"])
    editor.fill("#id_slug", CASE["slug"])
    editor.fill("#id_summary_fr", CASE["fr"]["summary"])
    show_language(editor, "ko")
    editor.fill("#id_title_ko", CASE["ko"]["title"])
    editor.fill("#id_summary_ko", CASE["ko"]["summary"])
    editor.get_by_role("button", name="More actions").or_(
        editor.get_by_role("button", name="Plus d’actions")).or_(
        editor.locator("footer [data-w-dropdown-target=toggle]")).first.click()
    helpers.click_and_wait(editor, editor.locator("button[name=action-submit]"))

    case = CollaborationCase.objects.get(slug=CASE["slug"])
    assert not case.live
    assert case.title_ko == CASE["ko"]["title"]
    item_url = {code: helpers.urlsplit(site.urls["library"][code]).path + CASE["slug"] + "/" for code in ("fr", "ko")}
    anonymous = open_page("fr")
    assert anonymous.goto(item_url["fr"]).status == 404  # not public before approval

    moderator = open_page("fr")
    admin_login(moderator, site, "moderator")
    moderator.goto(reverse("wagtailsnippets_practices_collaborationcase:edit", args=[case.pk]))
    approve = moderator.locator("[data-workflow-action-name=approve]").first
    if not approve.is_visible():
        moderator.locator("footer [data-w-dropdown-target=toggle]").first.click()
    helpers.click_and_wait(moderator, approve)
    case.refresh_from_db()
    assert case.live

    for code in ("fr", "ko"):
        visitor = open_page(code)
        visitor.goto(site.urls["library"][code] + "?q=" + quote(CASE[code]["title"].split()[-1]))
        link = visitor.locator(".library-list h3 a", has_text=CASE[code]["title"])
        assert link.count() == 1
        helpers.click_and_wait(visitor, link)
        assert visitor.locator("h1").inner_text() == CASE[code]["title"]
        assert CASE[code]["summary"] in visitor.locator("main").inner_text()
        assert helpers.same_path(visitor.url, item_url[code])
