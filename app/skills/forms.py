"""Forms for curating the taxonomy: community skills (merge, promote) and sectors."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional, Regexp, ValidationError

from app.extensions import db
from app.forms import no_control_characters, strip_filter
from app.skills.models import LABEL_LENGTH, SLUG_LENGTH, Skill, SkillCategory
from app.skills.sectors import Sector
from app.skills.taxonomy import COMMUNITY_LABEL_LENGTH, resolve_skill


def category_choices() -> list[tuple[str, str]]:
    """The categories as form choices, labelled in the interface language, "none" first."""
    categories = sorted(
        db.session.scalars(select(SkillCategory)), key=lambda category: category.label().casefold()
    )
    return [("", _("No category"))] + [(c.slug, c.label()) for c in categories]


class MergeSkillForm(FlaskForm):
    target = StringField(
        _l("Merge into"),
        filters=[strip_filter],
        validators=[
            DataRequired(_l("Enter the name of the skill to merge into.")),
            Length(
                max=COMMUNITY_LABEL_LENGTH,
                message=_l("A skill name has at most 100 characters."),
            ),
            no_control_characters,
        ],
        description=_l("A label or synonym of an existing skill, in any language."),
        render_kw={"maxlength": COMMUNITY_LABEL_LENGTH, "autocomplete": "off"},
    )

    def __init__(self, source: Skill, *args, **kwargs):
        super().__init__(*args, prefix=f"merge-{source.id}", **kwargs)
        self.skill = self.source = source
        self.target_skill: Skill | None = None

    def validate_target(self, field) -> None:
        skill = resolve_skill(field.data)
        if skill is None:
            raise ValidationError(_l("No skill has this name. Try another label or synonym."))
        if skill.id == self.source.id:
            raise ValidationError(_l("A skill cannot be merged into itself."))
        self.target_skill = skill


class PromoteSkillForm(FlaskForm):
    slug = StringField(
        _l("Identifier"),
        filters=[strip_filter],
        validators=[
            Optional(),
            Length(max=SLUG_LENGTH, message=_l("An identifier has at most 100 characters.")),
            Regexp(
                r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z",
                message=_l("Use lower-case letters, digits and single hyphens, like web-design."),
            ),
        ],
        description=_l("Optional; made from the English label when left empty."),
        render_kw={"maxlength": SLUG_LENGTH, "autocomplete": "off"},
    )
    category = SelectField(_l("Category"), choices=[])

    def __init__(self, skill: Skill, choices: list[tuple[str, str]], *args, **kwargs):
        super().__init__(*args, prefix=f"promote-{skill.id}", **kwargs)
        self.skill = skill
        self.category.choices = choices

    def validate_slug(self, field) -> None:
        if field.data and db.session.scalar(
            select(Skill.id).where(Skill.slug == field.data, Skill.id != self.skill.id)
        ):
            raise ValidationError(_l("Another skill already has this identifier."))


SECTOR_LANGUAGES = (("nl", _l("Dutch name")), ("fr", _l("French name")), ("en", _l("English name")))


def _sector_name(label) -> StringField:
    return StringField(
        label,
        filters=[strip_filter],
        validators=[
            DataRequired(_l("Name the sector in each of the three languages.")),
            Length(max=LABEL_LENGTH, message=_l("A name has at most 255 characters.")),
            no_control_characters,
        ],
        render_kw={"maxlength": LABEL_LENGTH},
    )


class SectorForm(FlaskForm):
    """A sector's preferred name in nl, fr and en: to add a sector or to rename one."""

    nl = _sector_name(SECTOR_LANGUAGES[0][1])
    fr = _sector_name(SECTOR_LANGUAGES[1][1])
    en = _sector_name(SECTOR_LANGUAGES[2][1])

    def __init__(self, *args, sector: Sector | None = None, **kwargs):
        prefix = f"sector-{sector.id}" if sector is not None else "new-sector"
        super().__init__(*args, prefix=prefix, **kwargs)
        self.sector = sector
        if sector is not None and not self.is_submitted():
            for lang, _label in SECTOR_LANGUAGES:
                getattr(self, lang).data = sector.label(lang)

    def labels(self) -> dict[str, str]:
        """The names typed, by language."""
        return {lang: getattr(self, lang).data for lang, _label in SECTOR_LANGUAGES}


class MergeSectorForm(FlaskForm):
    target = SelectField(_l("Merge into"), validate_choice=True)

    def __init__(self, source: Sector, sectors: list[Sector], *args, **kwargs):
        super().__init__(*args, prefix=f"merge-sector-{source.id}", **kwargs)
        self.sector = source
        self.target.choices = [("", _("Choose a sector"))] + [
            (str(s.id), s.label()) for s in sectors if s.id != source.id
        ]

    def validate_target(self, field) -> None:
        if not field.data:
            raise ValidationError(_l("Choose the sector to merge into."))
