"""The profile form: identity, skills, mentoring, place, modes and visibility."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.validators import URL, DataRequired, Length, NumberRange, Optional, ValidationError

from app.forms import MultiCheckboxField, no_control_characters, strip_filter
from app.i18n import language_name
from app.members.models import (
    BIO_LENGTH,
    DISPLAY_NAME_LENGTH,
    HEADLINE_LENGTH,
    LEVEL_LABELS,
    MAX_CAPACITY,
    MAX_SKILLS,
    MAX_WISHES,
    MODE_LABELS,
    SPOKEN_LANGUAGES,
    URL_LENGTH,
    VISIBILITY_LABELS,
    Level,
    Visibility,
)
from app.places.forms import PlaceField
from app.skills.sectors import sector_choices


def http_url(form, field) -> None:
    """Links must be http or https: no javascript:, data: or ftp:."""
    if field.data and not field.data.lower().startswith(("http://", "https://")):
        raise ValidationError(_l("Give a web address starting with https:// or http://."))


def spoken_language_choices() -> list[SelectChoice]:
    """The languages a member can speak, named in the interface language."""
    return [SelectChoice(code, language_name(code)) for code in SPOKEN_LANGUAGES]


SKILL_NAME_VALIDATORS = [
    Length(max=100, message=_l("A skill name has at most 100 characters.")),
    no_control_characters,
]
SKILL_AUTOCOMPLETE = {"data-autocomplete": "/skills/suggest", "autocomplete": "off"}
URL_VALIDATORS = [
    Optional(),
    Length(max=URL_LENGTH, message=_l("A web address has at most 300 characters.")),
    URL(message=_l("Give a full web address.")),
    http_url,
]


class SkillRowForm(Form):
    """One skill of the member; an empty name means the row is unused."""

    name = StringField(
        _l("Skill"),
        filters=[strip_filter],
        validators=SKILL_NAME_VALIDATORS,
        render_kw={**SKILL_AUTOCOMPLETE, "maxlength": 100},
    )
    level = SelectField(
        _l("Level"),
        choices=[SelectChoice(level.value, label) for level, label in LEVEL_LABELS.items()],
        default=Level.EXPERIENCED.value,
    )
    can_help = BooleanField(_l("I can help others with this"))


class WishRowForm(Form):
    name = StringField(
        _l("Skill"),
        filters=[strip_filter],
        validators=SKILL_NAME_VALIDATORS,
        render_kw={**SKILL_AUTOCOMPLETE, "maxlength": 100},
    )


class ProfileForm(FlaskForm):
    display_name = StringField(
        _l("Display name"),
        filters=[strip_filter],
        validators=[
            DataRequired(_l("Enter the name other members see.")),
            Length(max=DISPLAY_NAME_LENGTH, message=_l("A name has at most 100 characters.")),
            no_control_characters,
        ],
        render_kw={"maxlength": DISPLAY_NAME_LENGTH},
    )
    headline = StringField(
        _l("Headline"),
        filters=[strip_filter],
        description=_l("One line about what you do, e.g. “Illustrator of children's books”."),
        validators=[
            Length(max=HEADLINE_LENGTH, message=_l("A headline has at most 160 characters.")),
            no_control_characters,
        ],
        render_kw={"maxlength": HEADLINE_LENGTH},
    )
    bio = TextAreaField(
        _l("About me"),
        description=_l("Markdown: **bold**, *italic*, lists and links."),
        validators=[
            Length(max=BIO_LENGTH, message=_l("Write at most %(n)d characters.", n=BIO_LENGTH))
        ],
        render_kw={"rows": 6, "maxlength": BIO_LENGTH},
    )
    sector = SelectField(
        _l("Sector"),
        default="",
    )
    place = PlaceField(_l("Place"), description=_l("Your town or city, in any language."))
    languages = MultiCheckboxField(_l("Languages I speak"))
    skills = FieldList(
        FormField(SkillRowForm), label=_l("My skills"), min_entries=1, max_entries=MAX_SKILLS
    )
    mentor = BooleanField(_l("I offer mentoring"))
    mentor_capacity = IntegerField(
        _l("How many mentees at once"),
        default=0,
        validators=[
            Optional(),
            NumberRange(min=0, max=MAX_CAPACITY, message=_l("Choose a number from 0 to 20.")),
        ],
        render_kw={"min": 0, "max": MAX_CAPACITY},
    )
    mentor_wishes = FieldList(
        FormField(WishRowForm),
        label=_l("I am looking for a mentor in"),
        min_entries=1,
        max_entries=MAX_WISHES,
    )
    modes = MultiCheckboxField(
        _l("How I like to help and learn"),
        choices=[SelectChoice(mode.value, label) for mode, label in MODE_LABELS.items()],
    )
    website = URLField(
        _l("Website"),
        filters=[strip_filter],
        validators=URL_VALIDATORS,
        render_kw={"maxlength": URL_LENGTH, "placeholder": "https://"},
    )
    portfolio = URLField(
        _l("Portfolio"),
        filters=[strip_filter],
        validators=URL_VALIDATORS,
        render_kw={"maxlength": URL_LENGTH, "placeholder": "https://"},
    )
    visibility = RadioField(
        _l("Who can see my profile"),
        choices=[SelectChoice(v.value, label) for v, label in VISIBILITY_LABELS.items()],
        default=Visibility.MEMBERS.value,
    )
    on_map = BooleanField(
        _l("Show me on the map"),
        description=_l(
            "At your town's centre, never your address, and only to those who may see your profile."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.languages.choices = spoken_language_choices()
        self.sector.choices = sector_choices("—")

    def validate_mentor_capacity(self, field) -> None:
        if self.mentor.data and not field.data:
            raise ValidationError(_l("Say how many mentees you can take on at once."))


ONBOARDING_SKILLS = 3


class OnboardingForm(FlaskForm):
    """A newcomer's first profile: the profile form's own fields, only the essential ones."""

    display_name = ProfileForm.display_name
    headline = ProfileForm.headline
    place = ProfileForm.place
    languages = ProfileForm.languages
    skills = FieldList(
        FormField(SkillRowForm),
        label=_l("Three things you are good at"),
        min_entries=ONBOARDING_SKILLS,
        max_entries=ONBOARDING_SKILLS,
    )
    mentor = ProfileForm.mentor
    mentor_capacity = ProfileForm.mentor_capacity

    validate_mentor_capacity = ProfileForm.validate_mentor_capacity

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.languages.choices = spoken_language_choices()


class DirectoryFilterForm(FlaskForm):
    """The directory's filters, read from the query string."""

    class Meta:
        csrf = False

    skill = StringField(_l("Skill"), filters=[strip_filter], render_kw=SKILL_AUTOCOMPLETE)
    sector = SelectField(
        _l("Sector"),
        default="",
    )
    language = SelectField(_l("Language"), default="")
    region = SelectField(_l("Region"), default="")
    mode = SelectField(
        _l("Mode"),
        choices=[
            SelectChoice("", _l("Any way")),
            *(SelectChoice(mode.value, label) for mode, label in MODE_LABELS.items()),
        ],
        default="",
    )
    mentor = BooleanField(_l("Mentors only"))
    near = PlaceField(_l("Near"))
    sort = SelectField(
        _l("Sort by"),
        choices=[SelectChoice("name", _l("Name")), SelectChoice("distance", _l("Distance"))],
        default="name",
    )
