"""A small iCalendar (RFC 5545) writer for the events, with no dependency.

Times are written in UTC (the "Z" form), which every calendar application understands and
which needs no VTIMEZONE component; the application shows them in the reader's own zone.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime

LINE_LIMIT = 75  # octets, not counting the CRLF (RFC 5545, 3.1)
CRLF = "\r\n"
PRODID = "-//C.I.T.I.E.S.//Portal events//FR"


def escape_text(value):
    """Escape a TEXT value (RFC 5545, 3.3.11): backslash, semicolon, comma and newlines."""
    value = str(value or "")
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def format_utc(value):
    """A DATE-TIME in UTC form: 20261122T063000Z."""
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def fold(line):
    """Fold a content line so that no physical line is longer than 75 octets.

    Continuation lines start with one space, which counts in their 75 octets. A multi-byte
    UTF-8 character is never split.
    """
    encoded_length = len(line.encode("utf-8"))
    if encoded_length <= LINE_LIMIT:
        return line
    parts = []
    current = ""
    current_size = 0
    limit = LINE_LIMIT
    for char in line:
        size = len(char.encode("utf-8"))
        if current_size + size > limit:
            parts.append(current)
            current, current_size = "", 0
            limit = LINE_LIMIT - 1  # room for the leading space
        current += char
        current_size += size
    parts.append(current)
    return (CRLF + " ").join(parts)


@dataclass
class CalendarEvent:
    uid: str
    start: datetime
    end: datetime
    summary: str
    description: str = ""
    location: str = ""
    url: str = ""
    last_modified: datetime | None = None
    categories: list[str] = field(default_factory=list)


def event_lines(event, stamp):
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.uid}",
        f"DTSTAMP:{format_utc(stamp)}",
        f"DTSTART:{format_utc(event.start)}",
        f"DTEND:{format_utc(event.end)}",
        f"SUMMARY:{escape_text(event.summary)}",
    ]
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    if event.url:
        # URL is a URI value: not escaped as TEXT.
        lines.append(f"URL:{event.url}")
    if event.categories:
        lines.append("CATEGORIES:" + ",".join(escape_text(c) for c in event.categories))
    if event.last_modified:
        lines.append(f"LAST-MODIFIED:{format_utc(event.last_modified)}")
    lines.append("END:VEVENT")
    return lines


def calendar(events, *, name="", stamp=None):
    """The text of a VCALENDAR holding `events` (CalendarEvent instances), CRLF-terminated."""
    stamp = stamp or datetime.now(UTC)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    if name:
        lines.append(f"X-WR-CALNAME:{escape_text(name)}")
    for event in events:
        lines.extend(event_lines(event, stamp))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
