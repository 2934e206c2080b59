"""A small RFC 5545 reader for the tests: unfolds lines, splits properties, unescapes text."""

import datetime as dt


def unfold(text):
    assert text.endswith("\r\n"), "content lines end with CRLF"
    physical = text[:-2].split("\r\n")
    for line in physical:
        assert "\n" not in line and "\r" not in line, "bare LF or CR inside a line"
        assert len(line.encode("utf-8")) <= 75, f"line longer than 75 octets: {line!r}"
    logical = []
    for line in physical:
        if line.startswith((" ", "\t")):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    return logical


def unescape(value):
    out, i = [], 0
    while i < len(value):
        char = value[i]
        if char == "\\" and i + 1 < len(value):
            nxt = value[i + 1]
            out.append("\n" if nxt in "nN" else nxt)
            i += 2
            continue
        assert char not in ";,", f"unescaped {char!r} in TEXT value {value!r}"
        out.append(char)
        i += 1
    return "".join(out)


def parse_utc(value):
    assert value.endswith("Z"), value
    return dt.datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)


def parse(text):
    """{"calendar": {...}, "events": [{...}]} with property names as keys."""
    lines = unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    calendar, events, current = {}, [], None
    for line in lines[1:-1]:
        name, _sep, value = line.partition(":")
        name = name.split(";", 1)[0]
        if line == "BEGIN:VEVENT":
            current = {}
            continue
        if line == "END:VEVENT":
            events.append(current)
            current = None
            continue
        target = current if current is not None else calendar
        target[name] = value
    return {"calendar": calendar, "events": events}
