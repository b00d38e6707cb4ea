"""How a session's times read: in the session's own time zone, in the reader's language."""

from __future__ import annotations

from babel.dates import format_datetime, format_time
from flask_babel import get_locale

from app.sessions.models import GuidanceSession


def local_time(session: GuidanceSession) -> str:
    """ "Monday 30 March 2026, 10:00-12:00 (Europe/Brussels)" in the current language."""
    locale = str(get_locale() or "en")
    start, end = session.local_start, session.local_end
    first = format_datetime(start, "EEEE d MMMM y, HH:mm", locale=locale)
    if start.date() == end.date():
        last = format_time(end, "HH:mm", locale=locale)
    else:
        last = format_datetime(end, "EEEE d MMMM y, HH:mm", locale=locale)
    return f"{first}\u2013{last} ({session.timezone})"
