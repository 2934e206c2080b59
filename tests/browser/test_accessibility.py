"""axe-core finds no serious or critical WCAG 2.2 A/AA violation on any public page type, in
any language, on a phone (360 px) or a desktop (1280 px); images have alt text and every piece
of Korean text is marked lang="ko"."""

import pytest

from tests.browser import helpers

# Every public page type.
KINDS = [
    "home", "pillar", "service", "event_index", "event", "standard", "transfer_form",
    "library", "library_map", "practice", "case", "partners_directory", "partner_profile",
    "partner_login", "not_found",
]


@pytest.mark.parametrize("language", helpers.LANGS)
@pytest.mark.parametrize("kind", KINDS)
def test_page_type_has_no_serious_violation(open_page, site, kind, language):
    path = site.urls[kind][language]
    page = open_page(language, width=1280)
    response = page.goto(path)
    assert response.status == (404 if kind == "not_found" else 200), path
    assert page.evaluate("() => document.documentElement.lang") == language
    assert helpers.images_without_alt(page) == []
    assert helpers.hangul_outside_korean(page) == []
    for width in helpers.WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        violations = helpers.serious(helpers.run_axe(page))
        assert not violations, f"{path} at {width}px:\n{helpers.describe(violations)}"
