"""The skill taxonomy: categories, skills and their labels in nl, fr and en."""

from __future__ import annotations

import enum
from datetime import datetime

from flask import current_app, has_app_context
from flask_babel import get_locale
from sqlalchemy import ForeignKey, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from app.clock import utcnow
from app.extensions import db, enum_type
from app.i18n import LANGUAGES
from app.text import fold

#: The order a missing label falls back to (a label can be in any of the LANGUAGES).
FALLBACK = ("en", "nl", "fr")
SLUG_LENGTH = 100
LABEL_LENGTH = 255


class SkillStatus(enum.StrEnum):
    CURATED = "curated"
    COMMUNITY = "community"


def interface_language() -> str:
    """The language of the current interface (nl, fr or en)."""
    locale = get_locale() if has_app_context() else None
    if locale is not None and locale.language in LANGUAGES:
        return locale.language
    if has_app_context():
        return current_app.config.get("BABEL_DEFAULT_LOCALE", "nl")
    return "nl"


def _fallbacks(lang: str | None) -> tuple[str, ...]:
    first = lang or interface_language()
    return (first, *(code for code in FALLBACK if code != first))


class SkillCategory(db.Model):
    __tablename__ = "skill_categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(SLUG_LENGTH), unique=True)
    label_nl: Mapped[str] = mapped_column(String(LABEL_LENGTH))
    label_fr: Mapped[str] = mapped_column(String(LABEL_LENGTH))
    label_en: Mapped[str] = mapped_column(String(LABEL_LENGTH))

    skills: Mapped[list[Skill]] = relationship(back_populates="category")

    def __repr__(self) -> str:
        return f"<SkillCategory {self.slug}>"

    def label(self, lang: str | None = None) -> str:
        """The name in ``lang`` (default: the interface language), else in en, nl, fr."""
        for code in _fallbacks(lang):
            text = getattr(self, f"label_{code}", None)
            if text:
                return text
        return self.slug


class Skill(db.Model):
    __tablename__ = "skills"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The taxonomy id from content/skills.yaml; null for a community skill until it is promoted.
    slug: Mapped[str | None] = mapped_column(String(SLUG_LENGTH), unique=True)
    category_id: Mapped[int | None] = mapped_column(
        ForeignKey("skill_categories.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[SkillStatus] = mapped_column(enum_type(SkillStatus), default=SkillStatus.CURATED)
    esco_uri: Mapped[str | None] = mapped_column(String(LABEL_LENGTH), unique=True)
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    category: Mapped[SkillCategory | None] = relationship(back_populates="skills")
    # A skill is nearly always shown by a label, so the labels come with it.
    labels: Mapped[list[SkillLabel]] = relationship(
        back_populates="skill",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="selectin",
        order_by=lambda: (SkillLabel.preferred.desc(), SkillLabel.lang, SkillLabel.id),
    )

    def __repr__(self) -> str:
        return f"<Skill {self.id} {self.slug or self.status.value}>"

    @property
    def is_community(self) -> bool:
        return self.status is SkillStatus.COMMUNITY

    def label(self, lang: str | None = None) -> str:
        """The preferred label in ``lang`` (default: the interface language), else en, nl, fr."""
        preferred = {label.lang: label.text for label in self.labels if label.preferred}
        for code in _fallbacks(lang):
            if code in preferred:
                return preferred[code]
        if self.labels:
            return self.labels[0].text
        return self.slug or f"#{self.id}"


def skill_names(skill_ids: set[int], lang: str) -> dict[int, str]:
    """Each skill's name as ``Skill.label`` gives it, from the preferred labels alone (one
    query): for pages that show many skills without loading every synonym of each."""
    preferred: dict[int, dict[str, str]] = {}
    for skill_id, code, text in db.session.execute(
        select(SkillLabel.skill_id, SkillLabel.lang, SkillLabel.text)
        .where(SkillLabel.skill_id.in_(skill_ids), SkillLabel.preferred)
        .order_by(SkillLabel.lang, SkillLabel.id)
    ):
        preferred.setdefault(skill_id, {})[code] = text  # the last, as in Skill.label
    names = {}
    for skill_id in skill_ids:
        texts = preferred.get(skill_id, {})
        found = next((texts[code] for code in _fallbacks(lang) if code in texts), None)
        if found is None:  # no preferred label at all: as Skill.label says it
            skill = db.session.get(Skill, skill_id)
            found = skill.label(lang) if skill else f"#{skill_id}"
        names[skill_id] = found
    return names


class SkillLabel(db.Model):
    """A name of a skill in one language: its preferred label or a synonym."""

    __tablename__ = "skill_labels"
    __table_args__ = (UniqueConstraint("skill_id", "lang", "folded"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # The unique constraint's index, which starts with skill_id, serves lookups by skill.
    skill_id: Mapped[int] = mapped_column(ForeignKey("skills.id", ondelete="CASCADE"))
    lang: Mapped[str] = mapped_column(String(2))
    text: Mapped[str] = mapped_column(String(LABEL_LENGTH))
    # app.text.fold(text): what every lookup by name compares.
    folded: Mapped[str] = mapped_column(String(LABEL_LENGTH), index=True)
    preferred: Mapped[bool] = mapped_column(default=False)
    # Where the label came from: "taxonomy" labels follow skills.yaml on every load;
    # labels from ESCO, merges and members are never removed by a load.
    source: Mapped[str] = mapped_column(String(10), default="taxonomy")

    skill: Mapped[Skill] = relationship(back_populates="labels")

    def __repr__(self) -> str:
        return f"<SkillLabel {self.lang} {self.text!r}>"

    @validates("text")
    def _fold_text(self, key: str, text: str) -> str:
        self.folded = fold(text)
        return text
