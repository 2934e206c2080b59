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
    posts = helpers.record_posts(editor)
    add_url = reverse("wagtailsnippets_practices_collaborationcase:add")
    editor.goto(add_url)
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

    assert posts == [add_url]
    assert helpers.same_path(editor.url, reverse("wagtailsnippets_practices_collaborationcase:list"))
    case = CollaborationCase.objects.get(slug=CASE["slug"])
    assert not case.live and case.workflow_in_progress
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


def focused_matches(page, selector):
    return page.evaluate("(selector) => document.activeElement.matches(selector)", selector)


def test_editor_and_moderator_with_the_keyboard_alone(open_page, site):
    from practices.models import CollaborationCase

    slug = CASE["slug"] + "-keyboard"
    editor = open_page("ko")
    editor.goto("/admin/login/")
    helpers.tab_to(editor, lambda info: info["id"] == "id_username")
    editor.keyboard.type(site.accounts["editor"])
    helpers.tab_to(editor, lambda info: info["id"] == "id_password", limit=5)
    editor.keyboard.type(site.password)
    helpers.press_and_wait(editor)
    posts = helpers.record_posts(editor)
    editor.goto("/admin/snippets/practices/collaborationcase/add/")
    helpers.tab_to(editor, lambda info: info["id"] == "id_title_fr")
    editor.keyboard.type(CASE["fr"]["title"] + " (clavier)")
    helpers.tab_to(editor, lambda info: info["id"] == "id_slug", limit=10)
    editor.keyboard.type(slug)
    helpers.tab_to(editor, lambda info: info["id"] == "id_summary_fr", limit=10)
    editor.keyboard.type(CASE["fr"]["summary"])
    helpers.tab_to(editor, lambda info: "locale-toggle" in (info["cls"] or "") and info["text"] == "KO",
                   key="Shift+Tab")
    editor.keyboard.press("Enter")
    helpers.tab_to(editor, lambda info: info["id"] == "id_title_ko")
    editor.keyboard.type(CASE["ko"]["title"] + " (키보드)")
    helpers.tab_to(editor, lambda info: info["id"] == "id_summary_ko", limit=10)
    editor.keyboard.type(CASE["ko"]["summary"])
    helpers.tab_to(editor, lambda info: focused_matches(editor, "footer [data-w-dropdown-target=toggle]"))
    editor.keyboard.press("Enter")
    helpers.tab_to(editor, lambda info: info["name"] == "action-submit", limit=5)
    helpers.press_and_wait(editor)
    assert posts == ["/admin/snippets/practices/collaborationcase/add/"]
    assert helpers.same_path(editor.url, "/admin/snippets/practices/collaborationcase/")
    case = CollaborationCase.objects.get(slug=slug)
    assert case.title_ko == CASE["ko"]["title"] + " (키보드)"
    assert case.get_latest_revision() is not None and not case.live and case.workflow_in_progress

    moderator = open_page("ko")
    moderator.goto("/admin/login/")
    helpers.tab_to(moderator, lambda info: info["id"] == "id_username")
    moderator.keyboard.type(site.accounts["moderator"])
    helpers.tab_to(moderator, lambda info: info["id"] == "id_password", limit=5)
    moderator.keyboard.type(site.password)
    helpers.press_and_wait(moderator)
    moderator.goto(f"/admin/snippets/practices/collaborationcase/edit/{case.pk}/")
    if not moderator.locator("[data-workflow-action-name=approve]").first.is_visible():
        helpers.tab_to(moderator, lambda info: focused_matches(moderator, "footer [data-w-dropdown-target=toggle]"))
        moderator.keyboard.press("Enter")
    helpers.tab_to(moderator, lambda info: focused_matches(moderator, "[data-workflow-action-name=approve]"))
    helpers.press_and_wait(moderator)
    case.refresh_from_db()
    assert case.live
