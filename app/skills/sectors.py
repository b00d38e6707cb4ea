"""Sectors: the curated list of trades members work in, with labels and synonyms in nl/fr/en."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import yaml
from flask import g
from flask_babel import get_locale
from sqlalchemy import ForeignKey, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from app.extensions import db
from app.skills.models import LABEL_LENGTH, SLUG_LENGTH, _fallbacks
from app.text import fold

logger = logging.getLogger(__name__)

#: The sector unknown sectors go to with ``flask data import --new-sectors other``.
OTHER = "other"
_TOP_KEYS = {"sectors"}
_SECTOR_KEYS = {"id", "labels", "synonyms"}


class Sector(db.Model):
    __tablename__ = "sectors"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The id in content/sectors.yaml, stable: links and search facets use it.
    slug: Mapped[str] = mapped_column(String(SLUG_LENGTH), unique=True)
    position: Mapped[int] = mapped_column(default=0)
    # A merged sector stays so that a load does not bring it back; its names name the target.
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("sectors.id", ondelete="SET NULL")
    )

    labels: Mapped[list[SectorLabel]] = relationship(
        back_populates="sector",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="selectin",
        order_by=lambda: (SectorLabel.preferred.desc(), SectorLabel.lang, SectorLabel.id),
    )

    def __repr__(self) -> str:
        return f"<Sector {self.slug}>"

    def label(self, lang: str | None = None) -> str:
        """The preferred label in ``lang`` (default: the interface language), else en, nl, fr."""
        preferred = {label.lang: label.text for label in self.labels if label.preferred}
        for code in _fallbacks(lang):
            if code in preferred:
                return preferred[code]
        return self.slug

    def synonyms(self, lang: str) -> list[str]:
        """The other names in ``lang``."""
        return [label.text for label in self.labels if label.lang == lang and not label.preferred]


class SectorLabel(db.Model):
    """A name of a sector in one language: its preferred label or a synonym."""

    __tablename__ = "sector_labels"
    __table_args__ = (UniqueConstraint("sector_id", "lang", "folded"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sector_id: Mapped[int] = mapped_column(ForeignKey("sectors.id", ondelete="CASCADE"))
    lang: Mapped[str] = mapped_column(String(2))
    text: Mapped[str] = mapped_column(String(LABEL_LENGTH))
    folded: Mapped[str] = mapped_column(String(LABEL_LENGTH), index=True)
    preferred: Mapped[bool] = mapped_column(default=False)
    # "taxonomy" labels follow sectors.yaml on every load; "staff" and "merge" ones stay.
    source: Mapped[str] = mapped_column(String(10), default="taxonomy")

    sector: Mapped[Sector] = relationship(back_populates="labels")

    @validates("text")
    def _fold_text(self, key: str, text: str) -> str:
        self.folded = fold(text)
        return text


def all_sectors() -> list[Sector]:
    """Every sector in the file's order ("other" last as the file has it)."""
    return list(
        db.session.scalars(
            select(Sector).where(Sector.merged_into_id.is_(None)).order_by(Sector.position)
        )
    )


def sector_choices(empty: str) -> list[tuple[str, str]]:
    """The sectors as form choices (by slug), labelled in the interface language."""
    return [("", empty)] + [(sector.slug, sector.label()) for sector in all_sectors()]


def sector_labels() -> dict[str, str]:
    """Every sector's label in the interface language, by slug; a merged one names its target.

    Kept for the request: a search page labels a dozen facet values with it.
    """
    from app.names import taxonomy_version

    key = (str(get_locale() or "nl"), taxonomy_version())
    cached = g.get("_sector_labels")
    if cached is not None and cached[0] == key:
        return cached[1]
    sectors = {sector.id: sector for sector in db.session.scalars(select(Sector))}
    labels = {
        sector.slug: sectors.get(sector.merged_into_id, sector).label(key[0])
        for sector in sectors.values()
    }
    g._sector_labels = (key, labels)
    return labels


def sector_label(slug: str | None) -> str:
    """What a sector is called in the interface language (its slug if it is unknown)."""
    if not slug:
        return ""
    return sector_labels().get(slug, slug)


def sector_by_slug(slug: str | None) -> Sector | None:
    """The sector with this taxonomy id, or None."""
    if not slug:
        return None
    sector = db.session.scalar(select(Sector).where(Sector.slug == slug))
    if sector is not None and sector.merged_into_id is not None:
        return db.session.get(Sector, sector.merged_into_id)
    return sector


# --- content/sectors.yaml ---------------------------------------------------------------------


def _check_sectors(data: Any) -> tuple[list[dict], list[str]]:
    """The sectors of a parsed file, and the problems found (the skill loader's rules)."""
    from app.skills.taxonomy import _check_entry, _check_keys, _check_synonyms

    problems: list[str] = []
    if not isinstance(data, dict) or not isinstance(data.get("sectors"), list):
        return [], ["the file must be a mapping with a list of 'sectors'"]
    _check_keys(data, _TOP_KEYS, "top level", problems)
    entries: list[dict] = []
    seen: set[str] = set()
    owner: dict[tuple[str, str], str] = {}
    for index, item in enumerate(data["sectors"], 1):
        entry = _check_entry(item, f"sectors #{index}", _SECTOR_KEYS, problems)
        if entry is None:
            continue
        where = f"sectors #{index} ({entry.slug})"
        if entry.slug in seen:
            problems.append(f"{where}: id {entry.slug!r} is used twice")
        seen.add(entry.slug)
        synonyms = _check_synonyms(item.get("synonyms"), where, problems)
        names = [(lang, text) for lang, text in entry.labels.items()]
        names += [(lang, text) for lang, texts in synonyms.items() for text in texts]
        for lang, text in names:
            other = owner.setdefault((lang, fold(text)), entry.slug)
            if other != entry.slug:
                problems.append(f"{where}: {lang} name {text!r} is also a name of {other}")
        entries.append({"slug": entry.slug, "labels": entry.labels, "synonyms": synonyms})
    if OTHER not in seen and entries:
        problems.append(f"the sector {OTHER!r} is missing (unknown sectors go there)")
    return entries, problems


def load_sectors(path: str | Path) -> dict[str, int]:
    """Load or update the sectors from a YAML file, all at once; nothing is written on error."""
    from app.skills.taxonomy import _YAML_LOADER, TaxonomyError, _yaml_problem

    path = Path(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)  # noqa: S506
    except (OSError, UnicodeDecodeError) as error:
        raise TaxonomyError(f"Cannot read {path}: {error}.") from error
    except yaml.YAMLError as error:
        raise TaxonomyError(f"{path} is not valid YAML:", [_yaml_problem(error)]) from error
    entries, problems = _check_sectors(data)
    if problems:
        raise TaxonomyError(f"{path} has problems; nothing was loaded:", problems)
    known = {sector.slug: sector for sector in db.session.scalars(select(Sector))}
    created = 0
    try:
        with db.session.no_autoflush:
            for position, entry in enumerate(entries):
                sector = known.get(entry["slug"])
                if sector is None:
                    sector = Sector(slug=entry["slug"])
                    db.session.add(sector)
                    created += 1
                sector.position = position
                _replace_labels(sector, entry)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    counts = {"sectors": len(entries), "created": created}
    logger.info("loaded the sectors from %s: %s", path, counts)
    return counts


def _replace_labels(sector: Sector, entry: dict) -> None:
    wanted: dict[tuple[str, str], tuple[str, bool]] = {}
    for lang, text in entry["labels"].items():
        wanted[(lang, fold(text))] = (text, True)
    for lang, texts in entry["synonyms"].items():
        for text in texts:
            wanted.setdefault((lang, fold(text)), (text, False))
    # A label staff gave stays the preferred one; the file's label is a synonym then.
    staff_named = {
        label.lang for label in sector.labels if label.preferred and label.source == "staff"
    }
    current = {(label.lang, label.folded): label for label in sector.labels}
    for key, label in current.items():
        if key not in wanted and label.source == "taxonomy":
            sector.labels.remove(label)
    for (lang, folded), (text, preferred) in wanted.items():
        preferred = preferred and lang not in staff_named
        label = current.get((lang, folded))
        if label is None:
            sector.labels.append(SectorLabel(lang=lang, text=text, preferred=preferred))
        elif label.source == "taxonomy":
            label.text, label.preferred = text, preferred


# --- staff curation -----------------------------------------------------------------------------


class SectorError(ValueError):
    """A sector change that would break the taxonomy's rules; the message says which."""


def sector_usage() -> dict[str, int]:
    """How many profiles name each sector, by slug."""
    from sqlalchemy import func

    from app.members.models import Profile

    rows = db.session.execute(
        select(Profile.sector, func.count(Profile.id))
        .where(Profile.sector.is_not(None))
        .group_by(Profile.sector)
    )
    return dict(rows.all())


def _check_free(names: dict[str, str], sector: Sector | None) -> None:
    """No two sectors share a name in one language (the loader's rule, for staff too)."""
    for lang, text in names.items():
        owner = db.session.scalar(
            select(Sector)
            .join(SectorLabel)
            .where(SectorLabel.lang == lang, SectorLabel.folded == fold(text))
        )
        if owner is not None and owner is not sector:
            raise SectorError(f"{lang}: {text!r} is already a name of {owner.slug}")


def add_sector(labels: dict[str, str]) -> Sector:
    """A new sector with these labels (by language), its slug made from the English one."""
    from app.skills.taxonomy import slugify

    _check_free(labels, None)
    base = slugify(labels.get("en") or next(iter(labels.values()))) or "sector"
    slug, number = base[:SLUG_LENGTH], 1
    while db.session.scalar(select(Sector.id).where(Sector.slug == slug)) is not None:
        number += 1
        slug = f"{base[: SLUG_LENGTH - 4]}-{number}"
    last = db.session.scalar(select(Sector.position).order_by(Sector.position.desc()).limit(1))
    sector = Sector(slug=slug, position=(last or 0) + 1)
    for lang, text in labels.items():
        sector.labels.append(SectorLabel(lang=lang, text=text, preferred=True, source="staff"))
    db.session.add(sector)
    db.session.flush()
    return sector


def rename_sector(sector: Sector, labels: dict[str, str]) -> None:
    """Give ``sector`` these preferred labels; the names it had stay as synonyms.

    Files and people that write the old name still find the sector, and a later
    ``flask skills load`` keeps the staff's label preferred.
    """
    _check_free(labels, sector)
    for lang, text in labels.items():
        folded = fold(text)
        for label in sector.labels:
            if label.lang == lang and label.preferred and label.folded != folded:
                label.preferred = False
        label = next((x for x in sector.labels if x.lang == lang and x.folded == folded), None)
        if label is None:
            sector.labels.append(SectorLabel(lang=lang, text=text, preferred=True, source="staff"))
        else:
            label.text, label.preferred, label.source = text, True, "staff"
    db.session.flush()


def merge_sector(source: Sector, target: Sector) -> int:
    """Move the members of ``source`` to ``target``; ``source``'s names name ``target`` now.

    Returns how many profiles moved. The source stays, merged, so that loading
    content/sectors.yaml again does not bring it back.
    """
    from app.members.models import Profile

    if source.id == target.id:
        raise SectorError("a sector cannot be merged into itself")
    if source.slug == OTHER:
        raise SectorError(f"{OTHER!r} cannot be merged: unknown sectors go there")
    if target.merged_into_id is not None:
        raise SectorError(f"{target.slug} is itself merged")
    profiles = list(db.session.scalars(select(Profile).where(Profile.sector == source.slug)))
    # Through the ORM, so that the search outbox re-indexes each profile.
    for profile in profiles:
        profile.sector = target.slug
    source.merged_into_id = target.id
    for merged in db.session.scalars(select(Sector).where(Sector.merged_into_id == source.id)):
        merged.merged_into_id = target.id
    db.session.flush()
    logger.info("merged sector %s into %s (%d profiles)", source.slug, target.slug, len(profiles))
    return len(profiles)
