"""Events: local times in the event's zone, upcoming and past lists, .ics files and the feed."""

import datetime as dt
import re
import zoneinfo
from urllib.parse import unquote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from services.models import EventPage
from services.models.events import EventPageForm
from tests.services.conftest import make_event
from tests.services.icalparse import parse, parse_utc, unescape

pytestmark = pytest.mark.django_db
SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")


def url(page, code="fr", suffix=""):
    with translation.override(code):
        return page.get_url() + suffix


def test_event_page_shows_times_in_the_event_zone(client, event_index):
    start = timezone.now().replace(microsecond=0) + dt.timedelta(days=20)
    local = start.astimezone(SEOUL).replace(hour=10, minute=0, second=0, tzinfo=None)
    event = make_event(event_index, "seoul", local, hours=2, time_zone="Asia/Seoul")
    html = client.get(url(event, "en")).content.decode()
    # 10:00 in Seoul, whatever the site's zone (Montréal).
    assert timezone.make_aware(local, SEOUL).isoformat() in html
    assert "10:00" in html or "10 a.m." in html
    assert "Asia/Seoul" in html
    assert "KST" in html


def test_event_ics_download_parses_with_the_right_times(client, event_index):
    local = dt.datetime(2030, 6, 15, 9, 30)
    event = make_event(event_index, "forum", local, hours=8, time_zone="America/Montreal",
                       title_en="Forum, Montréal; day 1")
    response = client.get(url(event, "en", "calendar/"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    data = parse(response.content.decode("utf-8"))
    (vevent,) = data["events"]
    # 09:30 in Montréal (UTC-4 in June) is 13:30 UTC.
    assert parse_utc(vevent["DTSTART"]) == dt.datetime(2030, 6, 15, 13, 30, tzinfo=dt.UTC)
    assert parse_utc(vevent["DTEND"]) == dt.datetime(2030, 6, 15, 21, 30, tzinfo=dt.UTC)
    assert unescape(vevent["SUMMARY"]) == "Forum, Montréal; day 1"
    assert vevent["UID"] == f"event-{event.pk}@cities-ess.org"
    assert "DTSTAMP" in vevent
    assert unescape(vevent["LOCATION"]) == "Convention centre, Montreal"
    assert vevent["URL"].endswith(url(event, "en"))


@pytest.mark.parametrize("code", ["fr", "ko"])
def test_calendar_files_link_to_the_host_of_the_request(client, events, event_index, code):
    """The Site record says localhost; the visitor came through another address."""
    host = "127.0.0.1:8443"
    feed = parse(client.get(url(event_index, code, "calendar/"), HTTP_HOST=host, secure=True).content.decode())
    single = parse(client.get(url(events["upcoming"], code, "calendar/"), HTTP_HOST=host,
                              secure=True).content.decode())
    for vevent in feed["events"] + single["events"]:
        assert vevent["URL"].startswith(f"https://{host}/{code}/"), vevent["URL"]
    assert unquote(single["events"][0]["URL"]) == f"https://{host}{unquote(url(events['upcoming'], code))}"


def test_ics_text_follows_the_language(client, event_index):
    event = make_event(event_index, "forum", dt.datetime(2030, 6, 15, 9, 30))
    data = parse(client.get(url(event, "ko", "calendar/")).content.decode())
    assert unescape(data["events"][0]["SUMMARY"]) == "행사 forum"


def test_feed_lists_only_upcoming_events(client, events, event_index):
    response = client.get(url(event_index, "es", "calendar/"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    data = parse(response.content.decode())
    uids = [e["UID"] for e in data["events"]]
    assert uids == [f"event-{events['upcoming'].pk}@cities-ess.org", f"event-{events['later'].pk}@cities-ess.org"]
    assert "Evento forum" in unescape(data["events"][0]["SUMMARY"])


def test_upcoming_and_past_lists(client, events, event_index):
    upcoming = client.get(url(event_index, "en")).content.decode()
    past = client.get(url(event_index, "en", "past/")).content.decode()
    assert "Event forum" in upcoming and "Event mission" in upcoming
    assert "Event webinaire" not in upcoming
    assert "Event webinaire" in past and "Event forum" not in past
    # The language switcher keeps the visitor on the past events, in the other language's words.
    assert 'href="/fr/rassembler/evenements/passes/"' in past


PAST = {"fr": "/fr/rassembler/evenements/passes/", "en": "/en/gather/events/past/",
        "es": "/es/reunir/eventos/pasados/", "ko": "/ko/모으기/행사/지난-행사/"}


def links(html):
    return [unquote(href) for href in re.findall(r'href="([^"]+)"', html)]


@pytest.mark.parametrize("code, title", [("fr", "Événement webinaire"), ("ko", "행사 webinaire")])
def test_past_events_have_a_translated_address(client, events, event_index, code, title):
    upcoming = client.get(url(event_index, code)).content.decode()
    assert PAST[code] in links(upcoming)  # the "Past events" tab
    response = client.get(PAST[code])
    assert response.status_code == 200
    html = response.content.decode()
    assert title in html and "forum" not in html
    # Each language in the switcher and in hreflang leads to the same list in that language.
    found = links(html)
    for other in ("fr", "en", "es", "ko"):
        assert PAST[other] in found, other
        assert f"http://testserver{PAST[other]}" in found, other
        assert client.get(PAST[other]).status_code == 200


@pytest.mark.parametrize("code, spelling", [("fr", "past"), ("ko", "past"), ("ko", "passes"), ("en", "지난-행사")])
def test_the_past_route_of_another_language_redirects_for_good(client, events, event_index, code, spelling):
    response = client.get(f"{url(event_index, code)}{spelling}/", {"page": "2"})
    assert response.status_code == 301
    assert unquote(response["Location"]) == f"{PAST[code]}?page=2"


def test_an_event_that_started_but_is_not_over_is_still_upcoming(event_index):
    now = timezone.now()
    running = make_event(event_index, "running", now - dt.timedelta(hours=1), hours=3)
    assert running in EventPage.objects.upcoming()
    assert running not in EventPage.objects.past()


def test_lists_paginate_with_a_constant_number_of_queries(client, event_index):
    now = timezone.now()
    counts = []
    for batch in (3, 25):
        for i in range(batch - EventPage.objects.count()):
            make_event(event_index, f"e{batch}-{i}", now + dt.timedelta(days=5 + i))
        client.get(url(event_index, "en"))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url(event_index, "en"), {"page": 2 if batch > 10 else 1})
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[1] <= 12


@pytest.mark.parametrize("value", ["abc", "999", "-1", "1.5", ""])
def test_bad_page_numbers_are_not_errors(client, events, event_index, value):
    response = client.get(url(event_index, "fr"), {"page": value})
    assert response.status_code == 200


def test_event_clean_requires_a_place_or_a_link_and_a_sensible_end(event_index):
    from django.core.exceptions import ValidationError

    event = EventPage(title="X", slug="x", start=timezone.now(), end=timezone.now() - dt.timedelta(hours=1),
                      time_zone="Europe/Madrid")
    with pytest.raises(ValidationError) as info:
        event.clean()
    assert "end" in info.value.message_dict
    assert "venue" in info.value.message_dict


def test_time_zone_is_validated():
    from django.core.exceptions import ValidationError

    from services.models.events import validate_time_zone

    validate_time_zone("Asia/Seoul")
    with pytest.raises(ValidationError):
        validate_time_zone("Mars/Olympus")


def test_admin_form_reads_times_on_the_event_clock(event_index):
    """An editor in Montréal types 10:00 for a Seoul event: it is 10:00 in Seoul."""
    form_class = EventPage.get_edit_handler().get_form_class()
    assert issubclass(form_class, EventPageForm)
    event = make_event(event_index, "seoul", dt.datetime(2030, 3, 10, 10, 0), time_zone="Asia/Seoul")
    form = form_class(instance=event, for_user=None)
    assert form.initial["start"] == dt.datetime(2030, 3, 10, 10, 0)
    form.cleaned_data = {"start": timezone.make_aware(dt.datetime(2030, 3, 10, 10, 0)),
                         "end": timezone.make_aware(dt.datetime(2030, 3, 10, 12, 0)),
                         "time_zone": "Asia/Seoul"}
    form._errors = {}
    cleaned = EventPageForm.clean(form)
    assert cleaned["start"] == dt.datetime(2030, 3, 10, 1, 0, tzinfo=dt.UTC)
    assert cleaned["end"].astimezone(SEOUL).hour == 12


def test_event_languages_are_named_in_the_visitor_language(client, event_index):
    event = make_event(event_index, "langs", timezone.now() + dt.timedelta(days=3), languages=["ko", "es"])
    html = client.get(url(event, "fr")).content.decode()
    assert "coréen, espagnol" in html.lower()


def test_sitemap_lists_events_and_past_events_in_four_languages(client, events, event_index):
    xml = unquote(client.get("/sitemap.xml").content.decode())
    for code in ("fr", "en", "es", "ko"):
        with translation.override(code):
            assert f"<loc>http://testserver{PAST[code]}</loc>" in xml
            assert f"<loc>http://testserver{unquote(events['past'].get_url())}</loc>" in xml
    # The past list's alternates are the translated routes too.
    assert f'hreflang="ko" href="http://testserver{PAST["ko"]}"' in xml


@pytest.mark.parametrize(("code", "one_day", "several_days"), [
    ("fr", '<time datetime="2030-06-15T09:30:00-04:00">15 juin 2030, 09:30</time>–'
           '<time datetime="2030-06-15T11:30:00-04:00">11:30</time> '
           '<span class="tz">(heure locale, America/Montreal, EDT)</span>',
     '<time datetime="2030-11-20T22:00:00+09:00">20 novembre 2030, 22:00</time> – '
     '<time datetime="2030-11-21T03:00:00+09:00">21 novembre 2030, 03:00</time> '
     '<span class="tz">(heure locale, Asia/Seoul, KST)</span>'),
    ("en", '<time datetime="2030-06-15T09:30:00-04:00">June 15, 2030, 9:30 a.m.</time>–'
           '<time datetime="2030-06-15T11:30:00-04:00">11:30 a.m.</time> '
           '<span class="tz">(local time, America/Montreal, EDT)</span>', None),
    ("es", None, None),
    ("ko", None, '<time datetime="2030-11-20T22:00:00+09:00">2030년 11월 20일, 오후 10:00</time> – '
                 '<time datetime="2030-11-21T03:00:00+09:00">2030년 11월 21일, 오전 3:00</time> '
                 '<span class="tz">(현지 시각, Asia/Seoul, KST)</span>'),
])
def test_when_an_event_happens_reads_on_its_own_clock_in_each_language(client, event_index, code, one_day,
                                                                         several_days):
    morning = make_event(event_index, "atelier", dt.datetime(2030, 6, 15, 9, 30), hours=2)
    night = make_event(event_index, "nuit", dt.datetime(2030, 11, 20, 22, 0), hours=5, time_zone="Asia/Seoul")
    pages = {page: client.get(url(page, code)).content.decode() for page in (morning, night)}
    listing = client.get(url(event_index, code)).content.decode()
    for page, expected in ((morning, one_day), (night, several_days)):
        when = re.search(r'<time datetime=.*?<span class="tz">\(.*?\)</span>', pages[page]).group(0)
        if expected is not None:
            assert when == expected
        # The same words on the event's page and in the list of events; nothing left unescaped.
        assert when in listing
        assert "{" not in when and "%(" not in when
    if code == "es":
        assert "(hora local, America/Montreal, EDT)" in pages[morning]
