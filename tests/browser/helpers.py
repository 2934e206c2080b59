"""What the browser tests share: the demo site's addresses, accounts, axe-core, focus checks."""

import gzip
import re
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from cities_portal.i18n import LANGUAGE_CODES

LANGS = LANGUAGE_CODES
LOCALES = {"fr": "fr-CA", "en": "en-CA", "es": "es-ES", "ko": "ko-KR"}
WIDTHS = (360, 1280)
AXE_JS = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
# WCAG 2.0, 2.1 and 2.2, levels A and AA.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
HANGUL = re.compile(r"[\uac00-\ud7a3]")


# --- Accounts and addresses (read in the main thread, against the demo content) ------------
def create_accounts(password):
    """An editor and a moderator (in the groups the migrations create) and an administrator."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user_model = get_user_model()
    accounts = {}
    for role, group in (("editor", "Editors"), ("moderator", "Moderators")):
        user = user_model.objects.create_user(
            f"{role}-browser", f"{role}@example.org", password, first_name=role.title(), last_name="Test",
        )
        user.groups.add(Group.objects.get(name=group))
        accounts[role] = user.username
    user_model.objects.create_superuser("admin-browser", "admin@example.org", password)
    accounts["admin"] = "admin-browser"
    # A partner's representative: no admin access, signs in to the partner space by e-mail.
    partner = _item("partners.Partner")
    if partner is not None and hasattr(partner, "representatives"):
        user = user_model.objects.create_user("representative-browser", "representative@example.org", password)
        partner.representatives.add(user)
        accounts["representative"] = user.email
        accounts["represented_partner"] = partner.slug
    return accounts


def _model(label):
    from django.apps import apps

    try:
        return apps.get_model(label)
    except LookupError:
        return None


def _first_page(label):
    model = _model(label)
    if model is None:
        return None
    return model.objects.live().public().order_by("path").first()


def _item(label):
    model = _model(label)
    if model is None:
        return None
    return model.objects.filter(live=True).order_by("pk").first()


def discover_urls():
    """{kind: {language: path}} for every public page type the demo content has."""
    from django.urls import NoReverseMatch, reverse
    from django.utils import translation

    pages = {
        "home": _first_page("services.HomePage"),
        "pillar": _first_page("services.ServicePillarPage"),
        "service": _first_page("services.ServicePage"),
        "event_index": _first_page("services.EventIndexPage"),
        "event": _first_page("services.EventPage"),
        "standard": _first_page("services.StandardPage"),
        "transfer_form": _first_page("services.TransferRequestFormPage"),
        "library": _first_page("practices.LibraryPage"),
        "partners_directory": _first_page("partners.PartnerDirectoryPage"),
    }
    library = pages["library"]
    items = {"practice": _item("practices.GoodPractice"), "case": _item("practices.CollaborationCase")}
    directory, partner = pages["partners_directory"], _item("partners.Partner")
    urls = {}
    for code in LANGS:
        with translation.override(code):
            for kind, page in pages.items():
                if page is not None:
                    urls.setdefault(kind, {})[code] = urlsplit(page.get_url()).path
            if library is not None:
                urls.setdefault("library_map", {})[code] = urls["library"][code] + "?view=map"
                for kind, item in items.items():
                    if item is not None:
                        urls.setdefault(kind, {})[code] = urlsplit(library.item_url(item.slug, code)).path
            if directory is not None and partner is not None:
                urls.setdefault("partner_profile", {})[code] = urlsplit(directory.partner_url(partner, code)).path
            try:
                urls.setdefault("partner_login", {})[code] = reverse("partner_space:login")
            except NoReverseMatch:
                pass
            urls.setdefault("not_found", {})[code] = f"/{code}/this-page-does-not-exist/"
    return urls


# --- axe-core -------------------------------------------------------------------------------
@cache
def axe_source():
    return AXE_JS.read_text(encoding="utf-8")


def run_axe(page):
    """Run axe-core inside the page; returns its violations (id, impact, help, targets).

    The script is evaluated through the DevTools protocol, which the page's Content Security
    Policy does not govern, so the site's CSP stays as strict as in production."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: "tag", values: tags},
                                                    resultTypes: ["violations"]});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " :: " + n.failureSummary),
            }));
        }""",
        AXE_TAGS,
    )


def serious(violations):
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def describe(violations):
    return "\n".join(f"- {v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["targets"])
                     for v in violations)


# --- Page checks ----------------------------------------------------------------------------
def images_without_alt(page):
    return page.evaluate("() => [...document.images].filter(i => !i.hasAttribute('alt')).map(i => i.src)")


def hangul_outside_korean(page):
    """Text nodes containing Hangul whose nearest lang attribute is not Korean."""
    return page.evaluate(
        """() => {
            const bad = [];
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
                const node = walker.currentNode;
                if (!/[\\uac00-\\ud7a3]/.test(node.textContent)) continue;
                const parent = node.parentElement;
                if (!parent || parent.closest("script, style, template")) continue;
                const marked = parent.closest("[lang]");
                if (!marked || !marked.lang.toLowerCase().startsWith("ko")) {
                    bad.push(node.textContent.trim().slice(0, 60));
                }
            }
            return bad;
        }"""
    )


def horizontal_overflow(page):
    """How many CSS pixels the page is wider than the window (0 when it fits)."""
    return page.evaluate("() => document.scrollingElement.scrollWidth - window.innerWidth")


def focus_indicator(page):
    """The focused element and how its focus shows: outline and box-shadow, as computed."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            if (!el || el === document.body) return null;
            const style = getComputedStyle(el);
            const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
            const shadow = style.boxShadow && style.boxShadow !== "none";
            const text = (el.innerText || el.value || el.name || "").trim().slice(0, 60);
            return {tag: el.tagName.toLowerCase(), text: text, name: el.getAttribute("name"),
                    type: el.getAttribute("type"), id: el.id, cls: el.className,
                    href: el.getAttribute("href"), visible: Boolean(outline || shadow),
                    outline: style.outlineStyle + " " + style.outlineWidth, shadow: style.boxShadow};
        }"""
    )


def tab_to(page, predicate, limit=150, key="Tab"):
    """Press Tab (or `key`, e.g. Shift+Tab) until the focused element satisfies
    predicate(info); every stop must show its focus. Returns the info of the element reached."""
    for _ in range(limit):
        page.keyboard.press(key)
        info = focus_indicator(page)
        if info is None:
            continue
        assert info["visible"], f"focus not visible on {info}"
        if predicate(info):
            return info
    raise AssertionError("element not reached with the Tab key")


def record_posts(page):
    """The paths of the form posts the page sends, as a list that fills as it goes: a
    submit must reach the server once (a background save racing it once sent it twice)."""
    posts = []
    page.on("request", lambda request: posts.append(urlsplit(request.url).path) if request.method == "POST" else None)
    return posts


def press_and_wait(page, key="Enter"):
    """Press a key that follows a link or submits a form, and wait for the new page."""
    with page.expect_navigation():
        page.keyboard.press(key)


def click_and_wait(page, locator):
    with page.expect_navigation():
        locator.click()


def same_path(url, path):
    """True when `url` (as the browser shows it, percent-encoded) is the page at `path`."""
    return unquote(urlsplit(url).path) == unquote(urlsplit(path).path)


def gzip_size(body):
    return len(gzip.compress(body, compresslevel=6))
