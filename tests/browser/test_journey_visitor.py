"""A visitor's journeys, with the mouse and with the keyboard alone, in Korean and another
language: arriving on the site, and searching the library."""

import re

import pytest

from tests.browser import helpers


# --- Arriving: / sends to the visitor's language; the switcher keeps the page ---------------
@pytest.mark.parametrize("language, other", [("ko", "fr"), ("es", "ko")])
def test_visitor_arrives_in_their_language_and_switches_on_the_same_page(open_page, site, language, other):
    page = open_page(language)
    page.goto("/")
    assert helpers.same_path(page.url, f"/{language}/")
    assert page.locator("html").get_attribute("lang") == language
    pillar = site.urls["pillar"][language]
    helpers.click_and_wait(page, page.locator(".main-nav a").first)
    assert helpers.same_path(page.url, pillar)
    helpers.click_and_wait(page, page.locator(f".lang-switcher a[hreflang='{other}']"))
    assert helpers.same_path(page.url, site.urls["pillar"][other])
    assert page.locator("html").get_attribute("lang") == other
    assert page.locator(f".lang-switcher a[hreflang='{other}']").get_attribute("aria-current") == "true"


def test_visitor_arrives_and_switches_with_the_keyboard_alone(open_page, site):
    page = open_page("ko")
    page.goto("/")
    assert helpers.same_path(page.url, "/ko/")
    first = helpers.tab_to(page, lambda info: info["tag"] == "a")
    assert first["cls"] == "skip-link"  # the first stop skips the navigation
    pillar = site.urls["pillar"]["ko"]
    helpers.tab_to(page, lambda info: info["href"] and helpers.same_path(info["href"], pillar))
    helpers.press_and_wait(page)
    assert helpers.same_path(page.url, pillar)
    helpers.tab_to(page, lambda info: info["href"] and info["href"].startswith("/en/"))
    helpers.press_and_wait(page)
    assert page.locator("html").get_attribute("lang") == "en"
    assert helpers.same_path(page.url, site.urls["pillar"]["en"])


# --- The library: filter, search, open an item, come back, the map ---------------------------
def tick_first_option(page, facet):
    """Tick the first option of a facet that still has results; returns its value."""
    option = page.locator(f".library-filters input[name='{facet}']").first
    option.check()
    return option.get_attribute("value")


def search_word(title):
    return max(re.findall(r"\w+", title), key=len)


@pytest.mark.parametrize("language", ["ko", "fr"])
def test_visitor_filters_searches_opens_an_item_comes_back_and_follows_the_map(open_page, site, language):
    page = open_page(language)
    page.goto(site.urls["library"][language])
    country = tick_first_option(page, "country")
    theme = tick_first_option(page, "theme")
    helpers.click_and_wait(page, page.locator(".library-filters p button[type=submit]"))
    assert f"country={country}" in page.url and f"theme={theme}" in page.url
    first_title = page.locator(".library-list h3 a").first.inner_text()
    word = search_word(first_title)
    page.fill("#library-q", word)
    helpers.press_and_wait(page)
    results = page.locator(".library-list h3 a")
    assert results.count() >= 1
    assert first_title in results.all_inner_texts()
    library_url = page.url
    helpers.click_and_wait(page, results.filter(has_text=first_title).first)
    assert page.locator("h1").inner_text() == first_title
    page.go_back()
    assert page.url == library_url
    assert page.locator(f".library-filters input[name='country'][value='{country}']").is_checked()
    assert page.locator(f".library-filters input[name='theme'][value='{theme}']").is_checked()
    assert page.input_value("#library-q") == word

    # The map shows the same results; a marker leads to its item (through a popup when
    # several items share the place).
    helpers.click_and_wait(page, page.locator(".view-switch a").nth(1))
    assert "view=map" in page.url and f"country={country}" in page.url
    follow_first_marker(page, lambda marker: marker.click(), lambda link: link.click())


def follow_first_marker(page, activate_marker, activate_link):
    """Open the first marker of the map and follow it to an item listed under the map."""
    listed = [helpers.unquote(helpers.urlsplit(href).path) for href in page.locator(".map-list a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")]
    marker = page.locator("#library-map .place-marker").first
    marker.wait_for()
    if marker.inner_text().strip():  # a number: several items, a popup lists them
        activate_marker(marker)
        link = page.locator(".leaflet-popup a").first
        link.wait_for()
        with page.expect_navigation():
            activate_link(link)
    else:
        with page.expect_navigation():
            activate_marker(marker)
    assert helpers.unquote(helpers.urlsplit(page.url).path) in listed
    assert page.locator("h1").count() == 1


def test_library_journey_with_the_keyboard_alone(open_page, site):
    page = open_page("ko")
    page.goto(site.urls["library"]["ko"])
    box = helpers.tab_to(page, lambda info: info["name"] == "country")
    page.keyboard.press("Space")
    ticked = page.locator(f"#{box['id']}")
    assert ticked.is_checked()
    country = f".library-filters input[name='country'][value='{ticked.get_attribute('value')}']"
    helpers.tab_to(page, lambda info: info["tag"] == "button" and info["cls"] == "button"
                   and page.evaluate("() => !!document.activeElement.closest('p')"))
    helpers.press_and_wait(page)
    assert "country=" in page.url
    helpers.tab_to(page, lambda info: info["id"] == "library-q")
    first_title = page.locator(".library-list h3 a").first.inner_text()
    page.keyboard.type(search_word(first_title))
    helpers.press_and_wait(page)
    assert "q=" in page.url
    item = helpers.tab_to(page, lambda info: info["tag"] == "a" and info["text"] == first_title)
    helpers.press_and_wait(page)
    assert helpers.same_path(page.url, item["href"])
    page.go_back()
    assert page.locator(country).is_checked()
    helpers.tab_to(page, lambda info: info["href"] and "view=map" in info["href"])
    helpers.press_and_wait(page)
    assert "view=map" in page.url
    page.locator("#library-map .place-marker").first.wait_for()

    def focus_marker(marker):
        helpers.tab_to(page, lambda info: "place-marker" in (info["cls"] or ""))
        page.keyboard.press("Enter")

    def focus_link(link):
        target = link.get_attribute("href")
        helpers.tab_to(page, lambda info: info["href"] == target, limit=10)
        page.keyboard.press("Enter")

    follow_first_marker(page, focus_marker, focus_link)


# --- The map's background: our own outlines, under the markers ------------------------------
def outlines_under_markers(page):
    """Wait for the country outlines; they are drawn in their pane, under the markers."""
    page.locator("#library-map.basemap-drawn").wait_for()
    return page.evaluate("""() => {
        const pane = document.querySelector('#library-map .leaflet-basemap-pane');
        const markers = document.querySelector('#library-map .leaflet-marker-pane');
        return {
            paths: pane ? pane.querySelectorAll('path').length : 0,
            below: pane && markers && Number(getComputedStyle(pane).zIndex) < Number(getComputedStyle(markers).zIndex),
            markers: document.querySelectorAll('#library-map .place-marker, #library-map .marker-cluster').length,
            attribution: document.querySelector('#library-map .leaflet-control-attribution').textContent,
        };
    }""")


def test_map_draws_its_own_country_outlines_by_default(open_page, site):
    page = open_page("fr")
    fetched = []
    page.on("requestfinished", lambda request: fetched.append(request.url))
    page.goto(site.urls["library_map"]["fr"])
    drawn = outlines_under_markers(page)
    assert drawn["paths"] > 100 and drawn["below"] and drawn["markers"] >= 1, drawn
    assert "Natural Earth" in drawn["attribution"]
    assert any(url.endswith(".geo.json") and url.startswith(site.url) for url in fetched)
    assert not page.locator("#library-map.tiles-unavailable").count()


def test_map_with_a_tile_server_that_fails_falls_back_to_the_outlines(open_page, site):
    from django.test.utils import override_settings

    with override_settings(PRACTICES_MAP_TILES_URL="https://tiles.example.invalid/{z}/{x}/{y}.png"):
        page = open_page("en")
        page.route("https://tiles.example.invalid/**", lambda route: route.abort())
        page.goto(site.urls["library_map"]["en"])
        drawn = outlines_under_markers(page)
    assert drawn["paths"] > 100 and drawn["markers"] >= 1, drawn
