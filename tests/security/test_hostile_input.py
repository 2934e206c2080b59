"""Hostile input on every public URL, in every language (issue 7, item 5).

One table, one line per public URL: when a URL is added to the site, add its line to URLS (and,
for a form, to FORMS; PLAIN_STATUS if its plain answer is not 200). Every line is tried in fr,
en, es and ko with every hostile query in HOSTILE_QUERIES, raw bytes in the path and query,
and unknown language prefixes. The answer must be 200 (with a message), 400 or 404, never a
500, never an unescaped script, never a redirect to another host. Requests Django refuses
before any view (too large, too many fields or files, forged Host, no CSRF token) get a 400 or
403 page in the visitor's language. The partner space is also tried signed in, every field of
its forms stuffed, and the library's query parameters get a property-based test (hypothesis).

The client is Client(raise_request_exception=False): a crash comes back as the 500 a visitor
would get, so that the status is what is checked.

The URLs come from the fixtures of the security tests (tests/security/conftest.py `site`, which
borrows the services, practices and partners fixtures), so a renamed slug never breaks this file.
"""

from urllib.parse import quote, urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from cities_portal.i18n import LANGUAGE_CODES
from practices.library import FACET_ORDER
from tests.partners.space.conftest import partner_a, proposal_a, rep_a  # noqa: F401  (fixtures)

ALLOWED = {200, 400, 404}
SCRIPT = "<script>alert(1)</script>"
EVIL = "evil.example"
# Markup that would run if it came back as sent (bodies are compared lower-cased).
MARKERS = ("<script>alert(1)", "<svg onload=", "<img src=x onerror=")

# One line per public URL: name -> how to get its address from the `site` fixture in the
# active language. Grow this table with every new public URL.
URLS = {
    "home": lambda s: s["home"].url,
    "standard": lambda s: s["standard"].url,
    "pillar": lambda s: s["pillar"].url,
    "service": lambda s: s["service"].url,
    "event_index": lambda s: s["event_index"].url,
    "past_events": lambda s: s["event_index"].past_url(),
    "event_calendar": lambda s: s["event_index"].url + "calendar/",
    "event": lambda s: s["event"].url,
    "transfer_form": lambda s: s["form"].url,
    "library": lambda s: s["library"].url,
    "library_map": lambda s: s["library"].url + "?view=map",
    "practice": lambda s: s["library"].item_url(s["practice"].slug),
    "case": lambda s: s["library"].item_url(s["case"].slug),
    "library_rss": lambda s: s["library"].url + "feed/rss/",
    "library_atom": lambda s: s["library"].url + "feed/atom/",
    "library_feed_unknown": lambda s: s["library"].url + "feed/xml/",
    "library_csv": lambda s: s["library"].url + "export/csv/",
    "library_json": lambda s: s["library"].url + "export/json/",
    "library_export_unknown": lambda s: s["library"].url + "export/xlsx/",
    "directory": lambda s: s["directory"].url,
    "partner": lambda s: s["directory"].partner_url(s["partner"]),
    "space_login": lambda s: reverse("partner_space:login"),
    "space_password_reset": lambda s: reverse("partner_space:password_reset"),
    "space_password_reset_sent": lambda s: reverse("partner_space:password_reset_done"),
    "space_password_reset_done": lambda s: reverse("partner_space:password_reset_complete"),
    "space_password_reset_link": lambda s: reverse("partner_space:password_reset_confirm", args=["MQ", "x-y"]),
    "space_invitation_link": lambda s: reverse("partner_space:invitation", args=["MQ", "x-y"]),
    "space_invitation_done": lambda s: reverse("partner_space:invitation_done"),
    "space_dashboard": lambda s: reverse("partner_space:dashboard"),
    "space_organisation": lambda s: reverse("partner_space:partner_edit", args=["ville-de-montreal"]),
    "space_new_practice": lambda s: reverse("partner_space:practice_create", args=["ville-de-montreal"]),
    "space_new_case": lambda s: reverse("partner_space:case_create", args=["ville-de-montreal"]),
    "space_proposal": lambda s: reverse("partner_space:practice_edit", args=[1]),
    "space_proposal_delete": lambda s: reverse("partner_space:case_delete", args=[1]),
    "sitemap": lambda s: "/sitemap.xml",
    "robots": lambda s: "/robots.txt",
    "healthz": lambda s: "/healthz",
    "readyz": lambda s: "/readyz",
    "admin_login": lambda s: "/admin/login/",
    "admin_password_reset": lambda s: "/admin/password_reset/",
    "admin_second_factor": lambda s: "/admin/2fa/",
    "document_missing": lambda s: "/documents/99999999999999999999/rapport.pdf",
    "root": lambda s: "/",
}
# The plain answer of the few lines above that are not pages (200 is the rule): the rest of
# the checks are the same for them.
PLAIN_STATUS = {"library_feed_unknown": 404, "library_export_unknown": 404, "document_missing": 404}

# Query strings already encoded as they travel (so %00 and broken %-escapes reach Django).
HOSTILE_QUERIES = [
    "q=" + quote(SCRIPT),
    "q=" + quote('"><svg onload=alert(1)>') + "&territory=" + quote("<img src=x onerror=alert(1)>"),
    "q=%00",
    "q=a%00b&page=%00&sort=%00&view=%00",
    "q=" + "x" * 5000,
    "page=" + "9" * 400,
    "page=-1",
    "page=0",
    "page=1e9",
    "page=%27%20OR%201%3D1--",
    "q=%27%3B%20DROP%20TABLE%20wagtailcore_page%3B--",
    "q=%22%20UNION%20SELECT%20password%20FROM%20auth_user--",
    "q=%25%5F%5C%25",
    "q=a&q=b&q=c&page=1&page=2&sort=title&sort=newest",
    "theme=" + "&theme=".join(["x"] * 200),
    "theme=" + quote(SCRIPT) + "&territory=%00&country=%27&kind=" + quote(SCRIPT),
    "stakeholder=1%20OR%201%3D1&form=%3Cb%3E&stage=%FF&resource=..%2F..%2Fetc%2Fpasswd",
    "year_from=" + "9" * 400 + "&year_to=-" + "9" * 400,
    "year_from=%00&year_to=abc",
    "year_from=2020&year_to=1800",
    "view=" + quote(SCRIPT),
    "sort=" + quote(SCRIPT),
    "q=%FF%FE%C3%28",  # invalid UTF-8, percent-encoded
    "q=%",  # a broken percent escape
    "q=%E2%80%AE%E2%80%8B",  # right-to-left override, zero-width space
    "next=" + quote("//" + EVIL),
    "=&&&=&==",
]

# Paths appended to a URL (relative to its last slash): raw bytes and odd segments.
HOSTILE_SUFFIXES = ["%FF%FE/", "%00/", "%C3%28/", quote(SCRIPT, safe="") + "/", "..%2F..%2F/", "'%20OR%201=1--/"]

OFF_SITE_NEXT = ["//" + EVIL, "https://" + EVIL, "/\\" + EVIL, "\\\\" + EVIL, "javascript:alert(1)",
                 "http:" + EVIL, "///" + EVIL, "%2F%2F" + EVIL]


@pytest.fixture
def urls(site):
    """{language: {name: path}} for every line of URLS."""
    result = {}
    for code in LANGUAGE_CODES:
        with translation.override(code):
            result[code] = {name: get(site) for name, get in URLS.items()}
    return result


@pytest.fixture
def hostile_client():
    # A view's exception must come back as the 500 page a visitor would see, not as a raised
    # exception, so that the status is what is checked.
    return Client(raise_request_exception=False)


def check(response, label):
    """The common rule: an allowed status, no unescaped script, no redirect off-site."""
    status = response.status_code
    if status in (301, 302, 303, 307, 308):
        location = response.headers["Location"]
        assert not off_site(location), f"{label}: redirects off-site to {location!r}"
        return
    assert status in ALLOWED, f"{label}: status {status}"
    body = response.content.decode("utf-8", "replace").lower()
    for marker in MARKERS:
        assert marker not in body, f"{label}: {marker!r} came back unescaped"
    assert "traceback (most recent call last)" not in body, f"{label}: a traceback was shown"


def off_site(location):
    """True when a browser would leave the site following `location`."""
    cleaned = location.strip().replace("\\", "/")
    parts = urlsplit(cleaned)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return True
    return bool(parts.netloc) and parts.netloc not in ("testserver", "")


def follow_on_site(client, url, label, **extra):
    """GET `url`, following redirects as long as they stay on the site; checks each answer."""
    response = client.get(url, **extra)
    for _ in range(5):
        check(response, label)
        if response.status_code not in (301, 302, 303, 307, 308):
            return response
        response = client.get(response.headers["Location"])
    return response


def with_query(url, query):
    return f"{url}{'&' if '?' in url else '?'}{query}"


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_every_public_url_survives_hostile_queries(urls, hostile_client, language):
    for name, url in urls[language].items():
        expected = PLAIN_STATUS.get(name, 200)
        assert follow_on_site(hostile_client, url, f"{language} {name}").status_code == expected, (language, name)
        for query in HOSTILE_QUERIES:
            follow_on_site(hostile_client, with_query(url, query), f"{language} {name} ?{query[:60]}")
    # The library says what it ignored, with the value escaped (not stripped, not executed).
    response = hostile_client.get(with_query(urls[language]["library"], "theme=" + quote(SCRIPT)))
    assert response.status_code == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.content.decode(), language


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_every_public_url_survives_raw_bytes(urls, hostile_client, language):
    for name, url in urls[language].items():
        path = urlsplit(url).path
        # Raw (not percent-encoded) bytes in the query, as a hand-made request would send them:
        # the WSGI server hands them over as latin-1 characters.
        for raw in ("q=\xff\xfe", "q=\xc3\x28&page=\x00", "q=<script>alert(1)</script>"):
            check(hostile_client.get(path, QUERY_STRING=raw), f"{language} {name} raw ?{raw!r}")
        for suffix in HOSTILE_SUFFIXES:
            target = path.rsplit("/", 1)[0] + "/" + suffix if "." in path.rsplit("/", 1)[-1] else path + suffix
            check(hostile_client.get(target), f"{language} {name} path {suffix!r}")


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["xx", "fr-ca", "en-us", "zz-ZZ", "ko-kr", "%FF", "%00", "FR", "..", "fr%00"])
def test_unknown_language_prefixes_are_not_found_or_redirected_on_site(urls, hostile_client, prefix):
    for name, url in urls["fr"].items():
        if not url.startswith("/fr/"):
            continue
        target = f"/{prefix}/" + url[len("/fr/"):]
        response = hostile_client.get(target)
        check(response, f"{prefix} {name}")
        # A 200 would mean a page answers under a language the site doesn't have.
        assert response.status_code != 200, f"{target} answered 200"


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_next_off_site_never_redirects_off_site(urls, hostile_client, language, django_user_model):
    from tests.partners.space.conftest import PASSWORD, make_partner, make_user

    user = django_user_model.objects.create_superuser("hostile-admin", "hostile@example.org", PASSWORD)
    logins = {"admin": "/admin/login/", "space": urls[language]["space_login"]}
    for where, login in logins.items():
        for target in OFF_SITE_NEXT:
            label = f"{language} {where} next={target!r}"
            # The login form itself, rendered with the hostile next.
            check(hostile_client.get(with_query(login, "next=" + quote(target, safe=""))), label)
            # A successful log-in must land on the site, whatever next says.
            response = hostile_client.post(with_query(login, "next=" + quote(target, safe="")),
                                           {"username": user.username, "password": PASSWORD, "next": target})
            check(response, label)
            assert response.status_code in (200, 302), f"{label}: status {response.status_code}"
            hostile_client.logout()
    # A representative really logs in to the partner space (the superuser above is refused
    # there), and everyone logs out, with a hostile next.
    representative = make_user("hostile-rep")
    make_partner("hostile-partner", "Partenaire hostile", name_fr="Partenaire hostile").representatives.add(
        representative)
    with translation.override(language):
        space_logout = reverse("partner_space:logout")
    for target in OFF_SITE_NEXT:
        label = f"{language} space next={target!r}"
        response = hostile_client.post(with_query(urls[language]["space_login"], "next=" + quote(target, safe="")),
                                       {"username": representative.email, "password": PASSWORD, "next": target})
        assert response.status_code == 302, f"{label}: status {response.status_code}"
        check(response, label)
        check(hostile_client.post(space_logout, {"next": target}), f"{language} space logout next={target!r}")
        hostile_client.force_login(user)
        # The second factor's pages keep next on the site too.
        check(hostile_client.get("/admin/2fa/?next=" + quote(target, safe="")), f"2fa next={target!r}")
        check(hostile_client.get("/admin/2fa/setup/?next=" + quote(target, safe="")), f"2fa setup next={target!r}")
        check(hostile_client.post("/admin/logout/", {"next": target}), f"admin logout next={target!r}")
    # Django's set_language view is not installed: its address must not exist (nor redirect).
    for target in OFF_SITE_NEXT:
        response = hostile_client.post("/i18n/setlang/", {"language": "en", "next": target})
        check(response, f"setlang next={target!r}")
        response = hostile_client.get(f"/{language}/i18n/setlang/?next=" + quote(target, safe=""))
        check(response, f"{language} setlang next={target!r}")


# Public forms: name -> (URLS line, the name of one text field to stuff).
FORMS = {
    "transfer_form": "organisation",
    "space_login": "username",
    "space_password_reset": "email",
    "admin_login": "username",
}
OVERSIZED = 6 * 1024 * 1024  # above DATA_UPLOAD_MAX_MEMORY_SIZE (5 MiB)


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_public_forms_survive_oversized_and_hostile_posts(urls, hostile_client, language):
    for name, field in FORMS.items():
        url = urls[language][name]
        label = f"{language} {name}"
        response = hostile_client.post(url, {field: "x" * OVERSIZED})
        assert response.status_code == 400, f"{label} oversized: {response.status_code}"
        response = hostile_client.post(url, {f"f{n}": "x" for n in range(11_000)})
        assert response.status_code == 400, f"{label} too many fields: {response.status_code}"
        for value in (SCRIPT, "a\x00b", "' OR 1=1 --", "x" * 100_000, "\ud800".encode("utf-8", "surrogatepass")
                      .decode("latin-1")):
            check(hostile_client.post(url, {field: value, "email": value, "password": value}),
                  f"{label} {value[:20]!r}")
        # Raw invalid UTF-8 in a urlencoded body.
        check(hostile_client.post(url, data=b"username=%FF%FE&organisation=\xff\xfe&email=%00",
                                  content_type="application/x-www-form-urlencoded"), f"{label} raw body")
        # A repeated field.
        check(hostile_client.post(url, data=f"{field}=a&{field}=b&{field}=%00",
                                  content_type="application/x-www-form-urlencoded"), f"{label} repeated")


# --- Property-based: the library's query parameters ------------------------------------------
# Every parameter practices/library.py reads (the facets come from the module itself, so a new
# facet is covered the day it is added), plus the page number read by practices/views.py.
LIBRARY_PARAMS = ["q", *FACET_ORDER, "year_from", "year_to", "sort", "view", "page"]
# Values the library knows (so that some examples really filter), and hostile ones.
KNOWN_VALUES = ["map", "list", "title", "newest", "relevance", "case", "practice", "developpement-local",
                "montreal", "CA", "ca", "partnership", "1984", "2012", "1", "2"]
HOSTILE_SAMPLES = [SCRIPT, "%00", "\x00", "a\x00b", "' OR 1=1 --", "1; DROP TABLE wagtailcore_page; --",
                   "9" * 50, "-0", "1e309", "NaN", "\u202e", "\ufffd", "%FF", "x" * 300]
values = st.one_of(
    st.text(max_size=80),
    st.integers(min_value=-(10 ** 30), max_value=10 ** 30).map(str),
    st.sampled_from(KNOWN_VALUES + HOSTILE_SAMPLES),
    # Any text with a script in it: it must come back escaped, wherever it is echoed.
    st.tuples(st.text(max_size=20), st.text(max_size=20)).map(lambda parts: parts[0] + SCRIPT + parts[1]),
)
pair = st.tuples(st.sampled_from(LIBRARY_PARAMS), values)
# The same parameter given many times (?theme=a&theme=b&...), as a form or a robot sends it.
repeated = st.tuples(st.sampled_from(LIBRARY_PARAMS), st.lists(values, min_size=2, max_size=30)).map(
    lambda item: [(item[0], value) for value in item[1]])
queries = st.tuples(st.lists(pair, max_size=10), st.lists(repeated, max_size=2)).map(
    lambda parts: parts[0] + [p for group in parts[1] for p in group])


def unfiltered_total(language):
    from django.http import QueryDict

    from practices.library import LibraryQuery

    with translation.override(language):
        return LibraryQuery(QueryDict()).total()


@pytest.mark.django_db
# Deterministic (the same examples on every run and in CI), no per-example deadline (the
# first request warms caches), and the function-scoped fixtures are built once for all the
# examples on purpose: they are read, never changed, by the GET requests made here.
@settings(derandomize=True, max_examples=80, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(pairs=queries, language=st.sampled_from(LANGUAGE_CODES))
def test_library_query_parameters_never_break(library_page, library_items, hostile_client, pairs, language):
    with translation.override(language):
        url = library_page.url
    query = "&".join(f"{quote(name)}={quote(value.encode('utf-8', 'surrogatepass'), safe='')}"
                     for name, value in pairs)
    response = hostile_client.get(with_query(url, query))
    assert response.status_code in ALLOWED, (pairs, response.status_code)
    body = response.content.decode("utf-8", "replace").lower()
    for marker in MARKERS:
        assert marker not in body, pairs
    assert "traceback (most recent call last)" not in body, pairs
    if response.status_code == 200:
        # Filters only ever narrow the list: never more results than the unfiltered library,
        # never more rows on a page than the page size.
        total, everything = response.context["total"], unfiltered_total(language)
        assert 0 <= total <= everything, (pairs, total)
        # Shown by --hypothesis-show-statistics: how many examples really narrowed the list.
        event("narrowed" if total < everything else "not narrowed")
        assert len(response.context.get("rows") or []) <= min(total, library_page.per_page), pairs
        assert len(response.context.get("map_rows") or []) <= total, pairs


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_a_refused_request_is_explained_in_the_visitors_language(urls, hostile_client, language):
    """Too large, too many fields, too many files, a forged Host: Django refuses them (400)
    before any view runs; the page says why in the language of the address, not in English."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils.translation import gettext

    with translation.override(language):
        expected = gettext("This request could not be handled")
    url = urls[language]["transfer_form"]
    form = "application/x-www-form-urlencoded"
    refused = {
        "too large": lambda: hostile_client.post(url, data="a=" + "x" * OVERSIZED, content_type=form),
        "too many fields": lambda: hostile_client.post(url, data="&".join(f"f{n}=x" for n in range(11_000)),
                                                       content_type=form),
        "too many files": lambda: hostile_client.post(
            url, {f"f{n}": SimpleUploadedFile(f"{n}.txt", b"x") for n in range(101)}),
        "forged host": lambda: hostile_client.get(url, HTTP_HOST=EVIL),
    }
    for label, send in refused.items():
        response = send()
        html = response.content.decode()
        assert response.status_code == 400, (language, label, response.status_code)
        assert expected in html and f'<html lang="{language}">' in html, (language, label, html[:300])
        assert EVIL not in html


# --- The partner space, signed in ---------------------------------------------------------------
SPACE_FORM_VALUES = [SCRIPT, "a\x00b", "' OR 1=1 --", "x" * 100_000, "9" * 400, "-1", "\ufffd\u202e"]


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_a_signed_in_representative_cannot_break_the_partner_space(language, hostile_client, partner_a, rep_a,  # noqa: F811
                                                                     proposal_a):  # noqa: F811
    from practices.models import GoodPractice

    hostile_client.force_login(rep_a)
    with translation.override(language):
        pages = {
            "dashboard": reverse("partner_space:dashboard"),
            "organisation": reverse("partner_space:partner_edit", args=[partner_a.slug]),
            "new practice": reverse("partner_space:practice_create", args=[partner_a.slug]),
            "new case": reverse("partner_space:case_create", args=[partner_a.slug]),
            "proposal": reverse("partner_space:practice_edit", args=[proposal_a.pk]),
            "proposal deletion": reverse("partner_space:practice_delete", args=[proposal_a.pk]),
        }
        # Out-of-range ids and hostile slugs in the address: not found, whoever asks.
        missing = [reverse("partner_space:practice_edit", args=[10 ** 30]),
                   reverse("partner_space:case_delete", args=[2 ** 63]),
                   *(reverse("partner_space:partner_edit", args=["-"]).replace("/-/", f"/{segment}")
                     for segment in ["%00/", "a%00b/", "x" * 3000 + "/", *HOSTILE_SUFFIXES])]
    for name, url in pages.items():
        assert hostile_client.get(url).status_code == 200, (language, name)
        for query in HOSTILE_QUERIES:
            check(hostile_client.get(with_query(url, query)), f"{language} signed-in {name} ?{query[:60]}")
    for url in missing:
        response = hostile_client.get(url)
        assert response.status_code == 404, (language, url[:80], response.status_code)
        check(response, f"{language} signed-in {url[:80]}")
    # Every field of every form, stuffed with each hostile value: a form error (400) or a
    # saved draft (302), never a 500.
    before = GoodPractice.objects.count()
    for name in ("organisation", "new practice", "new case", "proposal"):
        fields = list(hostile_client.get(pages[name]).context["form"].fields)
        for value in SPACE_FORM_VALUES:
            data = {field: value for field in fields}
            response = hostile_client.post(pages[name], {**data, "action": "draft"})
            check(response, f"{language} signed-in POST {name} {value[:20]!r}")
            assert response.status_code in (200, 302, 400), (language, name, value[:20], response.status_code)
    # Whatever was saved as a draft is shown back escaped, on the dashboard and in its form.
    dashboard = hostile_client.get(pages["dashboard"])
    check(dashboard, f"{language} signed-in dashboard after hostile drafts")
    for proposal in GoodPractice.objects.filter(proposed_by_partner=partner_a):
        with translation.override(language):
            url = reverse("partner_space:practice_edit", args=[proposal.pk])
        check(hostile_client.get(url), f"{language} signed-in draft {proposal.pk}")
    # A forged action ("publish") is refused, not carried out.
    response = hostile_client.post(pages["new practice"], {"title_fr": "Publiée ?", "action": "publish"})
    assert response.status_code == 403
    assert GoodPractice.objects.filter(live=True, proposed_by_partner=partner_a).count() == 0
    assert GoodPractice.objects.count() >= before


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_a_forged_post_is_refused_in_the_visitors_language(urls, language, partner_a, rep_a):  # noqa: F811
    """A POST without this site's CSRF token (sent from another site, or replayed) and a
    forged partner-space action are refused (403), with a page that says why in the
    visitor's language rather than Django's English one."""
    from django.utils.translation import gettext

    with translation.override(language):
        csrf_message = gettext("This form could not be accepted")
        denied_message = gettext("Access denied")
        new_practice = reverse("partner_space:practice_create", args=[partner_a.slug])
    browser = Client(enforce_csrf_checks=True, raise_request_exception=False)
    for name in ("transfer_form", "space_login", "space_password_reset"):
        response = browser.post(urls[language][name], {"username": SCRIPT, "email": SCRIPT})
        html = response.content.decode()
        assert response.status_code == 403, (language, name, response.status_code)
        assert csrf_message in html and f'<html lang="{language}">' in html, (language, name, html[:300])
        check_escaped(html, f"{language} {name} without CSRF token")
    representative = Client(raise_request_exception=False)
    representative.force_login(rep_a)
    response = representative.post(new_practice, {"title_fr": SCRIPT, "action": "publish"})
    html = response.content.decode()
    assert response.status_code == 403
    assert denied_message in html and f'<html lang="{language}"' in html, (language, html[:300])
    check_escaped(html, f"{language} forged action")


def check_escaped(html, label):
    lowered = html.lower()
    for marker in MARKERS:
        assert marker not in lowered, f"{label}: {marker!r} came back unescaped"


@pytest.mark.django_db
def test_hostile_language_headers_and_cookies_fall_back_to_a_real_language(urls, hostile_client, settings):
    """The language comes from the address, else the language cookie, else Accept-Language:
    any garbage in the last two ends on a page of the site in one of its four languages."""
    values = [SCRIPT, "xx", "fr-ca", "fr-CA;q=abc", "*", "," * 2000, "en;q=" + "9" * 400, "ko-KR,ko;q=0.9",
              "a\x00b", "\xff\xfe", "zz-ZZ-zz-ZZ", "-", "en-" + "x" * 300]
    pages = [urls["fr"]["home"], urls["ko"]["library"] + "?q=" + quote(SCRIPT)]
    for value in values:
        for page in ("/", *pages):
            label = f"Accept-Language {value[:30]!r} {page[:40]}"
            response = follow_on_site(hostile_client, page, label, HTTP_ACCEPT_LANGUAGE=value)
            assert response.status_code == 200, label
            assert response["Content-Language"] in LANGUAGE_CODES, label
        hostile_client.cookies[settings.LANGUAGE_COOKIE_NAME] = value
        response = follow_on_site(hostile_client, "/", f"language cookie {value[:30]!r}")
        assert response.status_code == 200 and response["Content-Language"] in LANGUAGE_CODES
    hostile_client.cookies.clear()
