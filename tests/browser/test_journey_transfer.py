"""A visitor sends a transfer request with a mistake, corrects it and sees the confirmation,
with the mouse and with the keyboard alone, in Korean and in Spanish."""

import pytest
from django.core import mail

from tests.browser import helpers

REQUESTS = {
    "ko": {"organisation": "부산사회적경제지원센터", "country": "대한민국",
           "need": "주민 참여형 공동 창업 지원 방식을 배우고 싶습니다."},
    "es": {"organisation": "Ayuntamiento de Zaragoza", "country": "España",
           "need": "Queremos conocer los presupuestos participativos con cooperativas."},
}


def fill(page, values, email):
    page.fill("#id_organisation", values["organisation"])
    page.fill("#id_pays", values["country"])
    page.fill("#id_votre_besoin", values["need"])
    page.fill("#id_courriel_de_contact", email)


def assert_email_error_shown(page, values, typed):
    alert = page.locator("#form-errors[role=alert]")
    assert alert.is_visible()
    email = page.locator("#id_courriel_de_contact")
    assert email.get_attribute("aria-invalid") == "true"
    assert page.locator("#id_courriel_de_contact_error").inner_text().strip()
    # What was typed is kept, the mistake included, so that only the mistake needs fixing.
    assert page.input_value("#id_organisation") == values["organisation"]
    assert page.input_value("#id_votre_besoin") == values["need"]
    assert email.input_value() == typed


@pytest.mark.parametrize("language", ["ko", "es"])
def test_visitor_corrects_a_mistake_and_sends_a_transfer_request(open_page, site, language):
    values = REQUESTS[language]
    page = open_page(language)
    page.goto(site.urls["transfer_form"][language])
    fill(page, values, "contact-at-example.org")
    helpers.click_and_wait(page, page.locator("form button[type=submit]"))
    assert_email_error_shown(page, values, "contact-at-example.org")
    assert page.locator("html").get_attribute("lang") == language
    assert len(mail.outbox) == 0

    page.fill("#id_courriel_de_contact", "contact@example.org")
    helpers.click_and_wait(page, page.locator("form button[type=submit]"))
    assert page.locator(".notice-success[role=status]").is_visible()
    assert page.locator("form").count() == 0
    assert len(mail.outbox) == 1
    assert values["organisation"] in mail.outbox[0].body


def test_transfer_request_with_the_keyboard_alone(open_page, site):
    values = REQUESTS["ko"]
    page = open_page("ko")
    page.goto(site.urls["transfer_form"]["ko"])
    helpers.tab_to(page, lambda info: info["id"] == "id_organisation")
    page.keyboard.type(values["organisation"])
    helpers.tab_to(page, lambda info: info["id"] == "id_pays", limit=3)
    page.keyboard.type(values["country"])
    helpers.tab_to(page, lambda info: info["id"] == "id_votre_besoin", limit=3)
    page.keyboard.type(values["need"])
    helpers.tab_to(page, lambda info: info["id"] == "id_langue_preferee", limit=3)
    page.keyboard.press("ArrowDown")  # the next language in the list
    helpers.tab_to(page, lambda info: info["id"] == "id_courriel_de_contact", limit=3)
    page.keyboard.type("busan@")
    helpers.tab_to(page, lambda info: info["tag"] == "button", limit=3)  # the trap field is skipped
    helpers.press_and_wait(page)
    assert_email_error_shown(page, values, "busan@")

    helpers.tab_to(page, lambda info: info["id"] == "id_courriel_de_contact")
    page.keyboard.press("End")
    page.keyboard.type("example.org")
    helpers.tab_to(page, lambda info: info["tag"] == "button", limit=3)
    helpers.press_and_wait(page, "Space")
    assert page.locator(".notice-success[role=status]").is_visible()
    assert len(mail.outbox) == 1
