import html
import re

ROW_RE = re.compile(r'<li class="library-item library-item-(\w+)">.*?<h3><a href="([^"]+)"[^>]*>(.*?)</a></h3>', re.S)


def rows(response):
    """[(kind, url, title)] of the listing's results, in order."""
    assert response.status_code == 200, response.status_code
    return [(kind, html.unescape(url), html.unescape(title)) for kind, url, title in
            ROW_RE.findall(response.content.decode())]


def titles(response):
    return [title for _kind, _url, title in rows(response)]


def slugs(response):
    return [url.split("?")[0].rstrip("/").rsplit("/", 1)[-1] for _kind, url, _title in rows(response)]


def option_count(response, facet, value):
    """The count shown next to a facet option, or None when the option is not offered."""
    content = response.content.decode()
    match = re.search(
        rf'name="{facet}" value="{re.escape(value)}" id="([^"]+)"[^>]*>\s*<label for="\1">.*?\((\d+)<', content, re.S)
    return int(match.group(2)) if match else None
