"""Calendar files (iCalendar, RFC 5545) built with ``icalendar``: any feature's events.

Sessions, appointments or anything else with a start and an end hand ``CalendarEvent``s
to ``build_calendar`` and serve its bytes with ``ics_response``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import icalendar
from flask import Response

PRODUCT_ID = "-//Gilde//Gilde calendar//EN"


@dataclass(frozen=True)
class CalendarEvent:
    """What a calendar needs of one event; times are aware datetimes."""

    uid: str
    title: str
    starts_at: datetime
    ends_at: datetime
    timezone: str = "UTC"
    description: str = ""
    location: str = ""
    url: str = ""
    cancelled: bool = False
    # Raised each time the event changes, so that a calendar replaces its copy.
    sequence: int = 0


def build_calendar(events, name: str = "Gilde", method: str | None = None) -> bytes:
    """One VCALENDAR holding ``events``, with times in each event's own time zone.

    ``method`` (PUBLISH, CANCEL) is for a file sent by mail about one event (RFC 5546).
    """
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    if method:
        calendar.add("method", method)
    zones = set()
    for event in events:
        zone = ZoneInfo(event.timezone)
        zones.add(event.timezone)
        item = icalendar.Event()
        item.add("uid", event.uid)
        item.add("dtstamp", datetime.now(ZoneInfo("UTC")))
        item.add("summary", event.title)
        item.add("dtstart", event.starts_at.astimezone(zone))
        item.add("dtend", event.ends_at.astimezone(zone))
        if event.description:
            item.add("description", event.description)
        if event.location:
            item.add("location", event.location)
        if event.url:
            item.add("url", event.url)
        item.add("sequence", event.sequence)
        item.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
        calendar.add_component(item)
    if zones - {"UTC"}:
        # Calendar programs need the VTIMEZONE of every TZID the events name.
        calendar.add_missing_timezones()
    return calendar.to_ical()


def ics_response(data: bytes, filename: str) -> Response:
    """The calendar as a download (or a feed a calendar program subscribes to)."""
    response = Response(data, mimetype="text/calendar")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, max-age=300"
    return response
