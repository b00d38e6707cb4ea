"""Telling people how Gilde read the skill names they typed: "we read … as …"."""

from __future__ import annotations

from collections.abc import Iterable

from flask import flash
from flask_babel import get_locale
from flask_babel import gettext as _

from app.places.gazetteer import clean
from app.skills.taxonomy import resolve_skill_match


def loose_readings(names: Iterable[str], lang: str | None = None) -> list[tuple[str, str]]:
    """(typed, read as) for each distinct name that matched only by stem, compound or typo."""
    readings: dict[str, str] = {}
    for name in names:
        match = resolve_skill_match(name, lang) if name and name.strip() else None
        if match is not None and match.loose:
            readings.setdefault(clean(name).strip(), match.name)
    return list(readings.items())


def flash_loose_readings(rows) -> None:
    """Say, after a form is saved, which names in its skill rows were read as another name."""
    names = [row.form.name.data for row in rows]
    for typed, read_as in loose_readings(names, str(get_locale() or "nl")):
        flash(_("We read “%(typed)s” as “%(skill)s”.", typed=typed, skill=read_as), "info")
