"""A partner's representative logs in to the partner space, edits the organisation's
profile, submits it for moderation and sees its status: in Korean and French, and with the
keyboard alone."""

import pytest

from tests.browser import helpers

DESCRIPTIONS = {
    "ko": "지역 협동조합과 함께 일하는 사회적경제 연결망입니다. (브라우저 테스트에서 고침)",
    "fr": "Un réseau qui accompagne les coopératives de son territoire (modifié par le test du navigateur).",
}


def log_in(page, site, language):
    page.goto(site.urls["partner_login"][language])
    page.fill("#id_username", site.accounts["representative"])
    page.fill("#id_password", site.password)
    helpers.click_and_wait(page, page.locator("main form button[type=submit]"))


@pytest.mark.parametrize("language", ["ko", "fr"])
def test_representative_edits_the_profile_submits_it_and_sees_its_status(open_page, site, language):
    page = open_page(language)
    log_in(page, site, language)
    assert page.locator("html").get_attribute("lang") == language
    slug = site.accounts["represented_partner"]
    helpers.click_and_wait(page, page.locator(f"main a[href*='/{slug}/']").first)
    assert page.locator(".status").count() == 1
    page.fill(f"#id_description_{language}", DESCRIPTIONS[language])
    helpers.click_and_wait(page, page.locator("button[name=action][value=submit]"))
    assert page.locator(".status.status-in_moderation").is_visible()
    assert page.input_value(f"#id_description_{language}") == DESCRIPTIONS[language]
    # Until a moderator approves, the public profile is unchanged.
    page.goto(site.urls["partner_profile"][language])
    assert DESCRIPTIONS[language] not in page.locator("main").inner_text()


def test_partner_space_journey_with_the_keyboard_alone(open_page, site):
    page = open_page("ko")
    page.goto(site.urls["partner_login"]["ko"])
    helpers.tab_to(page, lambda info: info["id"] == "id_username")
    page.keyboard.type(site.accounts["representative"])
    helpers.tab_to(page, lambda info: info["id"] == "id_password", limit=5)
    page.keyboard.type(site.password)
    helpers.press_and_wait(page)
    slug = site.accounts["represented_partner"]
    public = site.urls["partner_profile"]["ko"]
    helpers.tab_to(page, lambda info: bool(info["href"]) and f"/{slug}/" in info["href"]
                   and not helpers.same_path(info["href"], public))
    helpers.press_and_wait(page)
    helpers.tab_to(page, lambda info: info["id"] == "id_description_ko")
    page.keyboard.press("Control+End")
    page.keyboard.type(" 키보드로 고침.")
    helpers.tab_to(page, lambda info: info["name"] == "action" and info["text"] and
                   page.evaluate("() => document.activeElement.value") == "submit")
    helpers.press_and_wait(page)
    assert page.locator(".status.status-in_moderation").is_visible()
    assert page.input_value("#id_description_ko").endswith("키보드로 고침.")
