"""Front-end weight: no public page loads anything from another host, and a page's own HTML,
CSS and JavaScript stay under 150 KB once compressed (gzip; images apart). Nothing the
page needs is refused by its Content Security Policy either."""

from urllib.parse import urlsplit

import pytest

from tests.browser import helpers
from tests.browser.test_accessibility import KINDS

BUDGET = 150 * 1024
COUNTED = {"document", "stylesheet", "script"}


def record(page):
    """The requests the page makes, and the console's Content Security Policy refusals."""
    requests, refused = [], []
    page.on("requestfinished", lambda request: requests.append(request))
    page.on("requestfailed", lambda request: requests.append(request))
    page.on("console", lambda message: refused.append(message.text)
            if "Content Security Policy" in message.text else None)
    return requests, refused


@pytest.mark.parametrize("kind", KINDS)
def test_page_loads_only_from_its_own_host_and_stays_light(open_page, site, kind):
    own_host = urlsplit(site.url).netloc
    for language in ("fr", "ko"):
        page = open_page(language)
        requests, refused = record(page)
        page.goto(site.urls[kind][language])
        page.wait_for_load_state("networkidle")
        elsewhere = [r.url for r in requests if urlsplit(r.url).netloc != own_host
                     and urlsplit(r.url).scheme not in ("data", "blob")]
        assert elsewhere == [], f"{kind} ({language}) loads from another host"
        assert refused == [], f"{kind} ({language}): {refused}"
        sizes = {}
        for request in requests:
            response = request.response() if request.resource_type in COUNTED else None
            if response is not None and response.status < 300:
                sizes[request.url] = helpers.gzip_size(response.body())
        assert any(request.resource_type == "document" for request in requests)
        total = sum(sizes.values())
        assert total < BUDGET, f"{kind} ({language}): {total} bytes compressed: {sizes}"
