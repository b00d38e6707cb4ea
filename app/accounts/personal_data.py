"""A member's own data, as the JSON file they download from their settings.

Everything they entered or that is about them as a party (requests, mentorships), with
every column of those rows, so that nothing is left out when a column is added; and
nothing that belongs only to others. Withheld on purpose, see ``WITHHELD`` (each feature
declares its own in its handler, ``app/personal.py``): the
password hash and session token (secrets, not data), and whether a request was
suppressed (it would tell its sender that the recipient blocked them). Another member
appears by the name they show others, and with contact details only as far as they
share them with this member.

The sections come from the personal-data registry: each feature registers what it holds.
"""

from __future__ import annotations

from typing import Any

from app.accounts.models import User
from app.clock import utcnow
from app.personal import WITHHELD, exporters, json_value, row_data

__all__ = ["FORMAT", "VERSION", "WITHHELD", "json_value", "personal_export", "row_data"]

FORMAT = "gilde-personal-data"
VERSION = 1


def personal_export(user: User) -> dict[str, Any]:
    """Everything of ``user``'s, for them to download."""
    export: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": json_value(utcnow()),
    }
    for handler in exporters():
        export.update(handler.export(user))
    return export
