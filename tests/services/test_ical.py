"""The iCalendar writer: escaping, CRLF, folding at 75 octets without splitting characters."""

import datetime as dt

from services import ical
from tests.services.icalparse import parse, parse_utc, unescape, unfold


def test_text_is_escaped():
    assert ical.escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    assert unescape(ical.escape_text("Forum, Montréal; 2026\\\nSuite")) == "Forum, Montréal; 2026\\\nSuite"


def test_long_lines_are_folded_at_75_octets_without_splitting_characters():
    summary = "사회연대경제 국제 포럼 " * 12 + "é" * 50
    text = ical.calendar([ical.CalendarEvent(
        uid="x@cities-ess.org", summary=summary,
        start=dt.datetime(2026, 1, 1, 15, tzinfo=dt.UTC), end=dt.datetime(2026, 1, 1, 17, tzinfo=dt.UTC),
    )])
    # unfold() checks CRLF and the 75-octet limit of each physical line.
    lines = unfold(text)
    assert any(line.startswith("SUMMARY:") for line in lines)
    assert text.encode("utf-8").decode("utf-8") == text
    event = parse(text)["events"][0]
    assert unescape(event["SUMMARY"]) == summary


def test_calendar_has_required_properties():
    start = dt.datetime(2026, 3, 2, 14, 30, tzinfo=dt.UTC)
    stamp = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    text = ical.calendar([ical.CalendarEvent(uid="e-1@cities-ess.org", summary="S", start=start,
                                             end=start + dt.timedelta(hours=1))], stamp=stamp)
    data = parse(text)
    assert data["calendar"]["VERSION"] == "2.0"
    assert data["calendar"]["PRODID"]
    event = data["events"][0]
    assert event["UID"] == "e-1@cities-ess.org"
    assert parse_utc(event["DTSTAMP"]) == stamp
    assert parse_utc(event["DTSTART"]) == start
