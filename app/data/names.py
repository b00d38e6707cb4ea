"""Resolving the names a bulk file uses: skills, sectors and places, each distinct name once."""

from __future__ import annotations

import re
from typing import Any

from app.data.checker import Checker, quote
from app.data.entries import CommunitySkillEntry, SkillRef
from app.extensions import db
from app.names import name_index, resolve_name
from app.places.gazetteer import clean, resolve_place, suggest_places
from app.places.models import NAME_LENGTH as PLACE_NAME_LENGTH
from app.skills.models import LABEL_LENGTH
from app.skills.models import LANGUAGES as SKILL_LANGUAGES
from app.skills.sectors import OTHER, Sector, sector_by_slug
from app.skills.taxonomy import COMMUNITY_LABEL_LENGTH, name_key, resolve_skill_match
from app.text import fold

COUNTRY_RE = re.compile(r"[A-Za-z]{2}")


def _closest(kind: str, name: str) -> str:
    """ "; closest: a, b" naming the ``kind`` names (skill, sector) closest to ``name``, or ""."""
    index = name_index(kind)
    names = [index.name_of(name_id) for name_id in index.closest(name)]
    return f"; closest: {', '.join(quote(n) for n in names)}" if names else ""


class SkillNames:
    """Resolves skill names through the taxonomy, each distinct name once."""

    def __init__(self, community: dict[str, CommunitySkillEntry], create: bool = False) -> None:
        self.community = community
        self.create = create
        self._cache: dict[str, SkillRef | None] = {}
        #: Names read loosely (stem, compound, typo): name -> "label (how)", for the report.
        self.loose: dict[str, str] = {}
        #: Community skills made of unknown names (``create``), in the order first met.
        self.created: list[CommunitySkillEntry] = []

    def resolve(self, name: str) -> SkillRef | None:
        key = name_key(name)
        if key not in self._cache:
            match = resolve_skill_match(name)
            if match is not None:
                self._cache[key] = match.id
                if match.loose:
                    self.loose[clean(name).strip()] = f"{match.name} ({match.how})"
            else:
                self._cache[key] = key if key in self.community else None
        return self._cache[key]

    def closest(self, name: str) -> str:
        """ "; closest: a, b" naming the skills closest to an unknown name, or nothing."""
        return _closest("skill", name)

    def read(
        self, checker: Checker, value: Any, where: str, language: str | None = None
    ) -> SkillRef | None:
        """The skill a name in the file means; a problem if it is not a known name.

        With ``create``, an unknown name becomes a community skill labelled in ``language``.
        """
        if not isinstance(value, str) or not value.strip():
            checker.problem(where, f"must be the name of a skill, not {quote(value)}")
            return None
        if len(value) > COMMUNITY_LABEL_LENGTH * 4:
            checker.problem(where, f"is far too long for a skill name ({len(value)} characters)")
            return None
        ref = self.resolve(value)
        if ref is None and self.create and len(value.strip()) <= COMMUNITY_LABEL_LENGTH:
            key = name_key(value)
            entry = CommunitySkillEntry(
                key=key, name=clean(value).strip(), language=language or SKILL_LANGUAGES[0]
            )
            self.community[key] = entry
            self.created.append(entry)
            ref = self._cache[key] = key
        if ref is None:
            checker.problem(where, f"unknown skill {quote(value)}{self.closest(value)}")
        return ref

    def read_list(
        self,
        checker: Checker,
        entry: dict,
        key: str,
        path: str,
        limit: int,
        language: str | None = None,
    ) -> list[SkillRef]:
        """The distinct skills of a list of names (a skill named twice counts once)."""
        refs: dict[SkillRef, None] = {}
        items = checker.items(entry, key, path)
        if len(items) > limit:
            checker.problem(f"{path}.{key}", f"has {len(items)} skills; at most {limit} allowed")
            return []
        for where, item in items:
            ref = self.read(checker, item, where, language)
            if ref is not None:
                refs[ref] = None
        return list(refs)


class SectorNames:
    """Resolves sector names (a slug, a label or a synonym, written loosely) to slugs."""

    def __init__(self, loose: dict[str, str], to_other: bool = False) -> None:
        self.loose = loose
        self.to_other = to_other
        self._cache: dict[str, str | None] = {}
        #: Unknown names put under "other": name -> how many entries gave it.
        self.unknown: dict[str, int] = {}

    def resolve(self, name: str) -> str | None:
        """The slug ``name`` means, or None."""
        key = fold(clean(name).strip())
        if key not in self._cache:
            sector = sector_by_slug(clean(name).strip())
            if sector is None:
                match = resolve_name("sector", name)
                if match is not None:
                    sector = db.session.get(Sector, match.id)
                    if match.loose:
                        self.loose[clean(name).strip()] = f"{match.name} ({match.how})"
            self._cache[key] = sector.slug if sector is not None else None
        return self._cache[key]

    def read(self, checker: Checker, entry: dict, path: str) -> str | None:
        """The slug of the entry's "sector"; a problem (or "other") if it is unknown."""
        value = entry.get("sector")
        where = f"{path}.sector"
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip() or len(value) > LABEL_LENGTH:
            checker.problem(where, f"must be the name of a sector, not {quote(value)}")
            return None
        slug = self.resolve(value)
        if slug is None and self.to_other and sector_by_slug(OTHER) is not None:
            name = clean(value).strip()
            self.unknown[name] = self.unknown.get(name, 0) + 1
            return OTHER
        if slug is None:
            checker.problem(where, f"unknown sector {quote(value)}{_closest('sector', value)}")
        return slug


class PlaceNames:
    """Resolves place names through the gazetteer, each distinct (name, country) once."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str | None], int | None] = {}

    def read(self, checker: Checker, entry: dict, path: str) -> int | None:
        """The id of the entry's "place" (in its "country", when given)."""
        name = checker.text(entry, "place", path, PLACE_NAME_LENGTH)
        country_value = entry.get("country")
        country = None
        if country_value is not None:
            if isinstance(country_value, str) and COUNTRY_RE.fullmatch(country_value.strip()):
                country = country_value.strip().upper()
            else:
                checker.problem(
                    f"{path}.country",
                    f"must be a two-letter country code, not {quote(country_value)}",
                )
        if not name or len(name) > PLACE_NAME_LENGTH:
            return None
        key = (fold(clean(name)), country)
        if key not in self._cache:
            place = resolve_place(name, country)
            self._cache[key] = place.id if place is not None else None
            if place is None:
                hints = suggest_places(name, limit=1)
                hint = (
                    f"; did you mean {quote(hints[0].name)} ({hints[0].country})?" if hints else ""
                )
                where = f" in {country}" if country else ""
                checker.problem(f"{path}.place", f"unknown place {quote(name)}{where}{hint}")
                return None
        elif self._cache[key] is None:
            checker.problem(f"{path}.place", f"unknown place {quote(name)}")
        return self._cache[key]
