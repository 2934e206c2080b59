"""`make screenshots`: the home, a pillar, the library, an item and a partner profile in four
languages at 360 and 1280 px, written to screenshots/ (git-ignored) for a person to look at.

Run by pytest with the browser tests' fixtures (the file name keeps it out of `make test`).
Each shot also checks that Korean glyphs are drawn by a real font (not empty boxes) and that
the page is no wider than the window.
"""

from pathlib import Path

import pytest

from tests.browser import helpers

OUTPUT = Path(__file__).resolve().parents[2] / "screenshots"
KINDS = ["home", "pillar", "library", "practice", "case", "partner_profile"]

# Draws a Hangul syllable and a character no font has (a private-use code point, drawn as
# the missing-glyph box); the same pixels mean Korean has no font either.
KOREAN_GLYPHS_DRAWN = """() => {
    const draw = (text) => {
        const canvas = document.createElement("canvas");
        canvas.width = 40; canvas.height = 40;
        const context = canvas.getContext("2d");
        context.font = "32px " + getComputedStyle(document.body).fontFamily;
        context.fillText(text, 2, 32);
        return canvas.toDataURL();
    };
    return draw("\\uD55C") !== draw("\\uE000");
}"""


@pytest.mark.parametrize("kind", KINDS)
def test_screenshots(open_page, site, kind):
    OUTPUT.mkdir(exist_ok=True)
    for language in helpers.LANGS:
        for width in helpers.WIDTHS:
            page = open_page(language, width=width)
            page.goto(site.urls[kind][language])
            page.wait_for_load_state("networkidle")
            path = OUTPUT / f"{kind}-{language}-{width}.png"
            page.screenshot(path=str(path), full_page=True)
            assert helpers.horizontal_overflow(page) <= 0, f"{path.name} is wider than the window"
            if language == "ko":
                assert page.evaluate(KOREAN_GLYPHS_DRAWN), "no font draws Korean: apt-get install fonts-nanum"
