"""Forms of the sessions: creating one, registering, messaging participants, the agenda."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo, available_timezones

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
    URLField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from app.forms import MultiCheckboxField, no_control_characters, strip_filter
from app.i18n import LANGUAGE_NAMES
from app.members.forms import URL_VALIDATORS, spoken_language_choices
from app.places.forms import PlaceField
from app.sessions.models import (
    DEFAULT_TIMEZONE,
    KIND_LABELS,
    LINK_LENGTH,
    TITLE_LENGTH,
)
from app.skills.taxonomy import resolve_skill

MAX_CAPACITY = 10_000
MAX_SKILLS = 10
MODE_CHOICES = (SelectChoice("in_person", _l("In person")), SelectChoice("online", _l("Online")))
# The zones organisers in Belgium and its neighbours need first; any IANA name is accepted.
COMMON_ZONES = ("Europe/Brussels", "Europe/Paris", "Europe/Luxembourg", "Europe/Amsterdam", "UTC")


def skill_ids_named(text: str | None) -> list[int]:
    """The ids of the comma-separated skill names, in any language; ValidationError if one
    is unknown or there are too many."""
    names = [name.strip() for name in (text or "").split(",") if name.strip()]
    if len(names) > MAX_SKILLS:
        raise ValidationError(_l("Name at most %(n)d skills.", n=MAX_SKILLS))
    ids = []
    for name in names:
        skill = resolve_skill(name)
        if skill is None:
            # gettext, not lazy_gettext: Jinja takes a lazy string for markup (it has
            # __html__), and this one holds what was typed.
            raise ValidationError(_("We do not know the skill “%(name)s”.", name=name))
        ids.append(skill.id)
    return list(dict.fromkeys(ids))


def organiser_choices(user) -> list[SelectChoice]:
    """Who may be named as organiser: oneself, the organisation one's account is, and for
    staff any verified partner organisation."""
    from sqlalchemy import or_, select

    from app.extensions import db
    from app.partners.models import Partner

    choices = [SelectChoice("", _l("Myself"))]
    if user is None or not getattr(user, "is_authenticated", False):
        return choices
    condition = Partner.user_id == user.id
    if user.is_staff:
        condition = or_(condition, Partner.verified.is_(True))
    partners = db.session.scalars(select(Partner).where(condition).order_by(Partner.name))
    return choices + [SelectChoice(str(p.id), p.name) for p in partners]


def timezone_choices() -> list[tuple[str, str]]:
    rest = sorted(available_timezones() - set(COMMON_ZONES))
    return [SelectChoice(zone, zone) for zone in (*COMMON_ZONES, *rest)]


class SessionForm(FlaskForm):
    title = StringField(
        _l("Title"),
        filters=[strip_filter],
        validators=[
            DataRequired(_l("Give the session a title.")),
            Length(max=TITLE_LENGTH, message=_l("Write at most %(n)d characters.", n=TITLE_LENGTH)),
            no_control_characters,
        ],
    )
    description = TextAreaField(
        _l("Description"),
        description=_l("Markdown: **bold**, *italic*, lists and links."),
        validators=[Length(max=20_000, message=_l("Write at most %(n)d characters.", n=20_000))],
    )
    language = SelectField(
        _l("Language of the description"),
        choices=[SelectChoice(code, name) for code, name in LANGUAGE_NAMES.items()],
        default="nl",
    )
    kind = SelectField(
        _l("Kind"), choices=[SelectChoice(k.value, label) for k, label in KIND_LABELS.items()]
    )
    skills = StringField(
        _l("Related skills"),
        description=_l("Separate the skills with commas."),
        filters=[strip_filter],
        validators=[Length(max=1000), no_control_characters],
    )
    modes = MultiCheckboxField(_l("How it takes place"), choices=MODE_CHOICES)
    place = PlaceField(_l("Place"))
    address = StringField(
        _l("Address"), filters=[strip_filter], validators=[Length(max=300), no_control_characters]
    )
    online_link = URLField(
        _l("Online link"),
        description=_l("Shown only to the people registered."),
        filters=[strip_filter],
        validators=[*URL_VALIDATORS[:1], Length(max=LINK_LENGTH), *URL_VALIDATORS[2:]],
        render_kw={"placeholder": "https://"},
    )
    date = DateField(_l("Date"), validators=[DataRequired(_l("Give a valid date."))])
    start_time = TimeField(_l("Starts at"), validators=[DataRequired(_l("Give a valid time."))])
    end_date = DateField(
        _l("Ends on"), validators=[Optional()], description=_l("Leave empty if the same day.")
    )
    end_time = TimeField(_l("Ends at"), validators=[DataRequired(_l("Give a valid time."))])
    timezone = SelectField(_l("Time zone"), default=DEFAULT_TIMEZONE)
    capacity = IntegerField(
        _l("Places"),
        default=12,
        validators=[
            InputRequired(_l("Give the number of places (at least 1).")),
            NumberRange(
                min=1,
                max=MAX_CAPACITY,
                message=_l("Give a number of places between 1 and %(max)d.", max=MAX_CAPACITY),
            ),
        ],
    )
    languages = MultiCheckboxField(_l("Spoken languages"))
    price = StringField(
        _l("Price"),
        description=_l("Leave empty if it is free."),
        filters=[strip_filter],
        validators=[Length(max=100), no_control_characters],
    )
    public = BooleanField(_l("Show it to everyone (not only to members)"), default=True)
    partner = SelectField(
        _l("Organised by"),
        description=_l("A partner organisation may organise it; you stay its contact."),
        validators=[Optional()],
    )

    def __init__(self, *args, organiser=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.partner.choices = organiser_choices(organiser)
        self.timezone.choices = timezone_choices()
        self.languages.choices = spoken_language_choices()
        self.skill_ids: list[int] = []

    def validate_modes(self, field) -> None:
        if not field.data:
            raise ValidationError(_l("Choose online, in person or both."))

    def validate_place(self, field) -> None:
        if "in_person" in (self.modes.data or []) and not field.data:
            raise ValidationError(_l("Give the place of a session in person."))

    def validate_online_link(self, field) -> None:
        if "online" in (self.modes.data or []) and not field.data:
            raise ValidationError(_l("Give the link of an online session."))

    def validate_languages(self, field) -> None:
        if not field.data:
            raise ValidationError(_l("Choose at least one language."))

    def validate_skills(self, field) -> None:
        self.skill_ids = skill_ids_named(field.data)

    def validate_end_time(self, field) -> None:
        moments = self.moments()
        if moments is not None and moments[1] <= moments[0]:
            raise ValidationError(_l("The session must end after it starts."))

    def moments(self) -> tuple[datetime, datetime] | None:
        """Start and end as aware datetimes in the chosen zone, or None if incomplete."""
        if not (self.date.data and self.start_time.data and self.end_time.data):
            return None
        if self.timezone.data not in available_timezones():
            return None
        zone = ZoneInfo(self.timezone.data)
        start = datetime.combine(self.date.data, self.start_time.data, zone)
        end = datetime.combine(self.end_date.data or self.date.data, self.end_time.data, zone)
        return start, end


class ActionForm(FlaskForm):
    """A button that changes something: register, cancel; only its CSRF token."""


class MessageForm(FlaskForm):
    subject = StringField(
        _l("Subject"),
        filters=[strip_filter],
        validators=[
            DataRequired(_l("Give a subject.")),
            Length(max=150),
            no_control_characters,
        ],
    )
    body = TextAreaField(
        _l("Message"),
        validators=[DataRequired(_l("Write a message.")), Length(max=5000)],
    )


class AgendaFilterForm(FlaskForm):
    class Meta:
        csrf = False

    kind = SelectField(_l("Kind"), validators=[Optional()])
    mode = SelectField(_l("How"), validators=[Optional()])
    language = SelectField(_l("Language"), validators=[Optional()])
    region = StringField(
        _l("Region"), filters=[strip_filter], validators=[Optional(), Length(max=10)]
    )
    skill = StringField(
        _l("Skill"), filters=[strip_filter], validators=[Optional(), Length(max=100)]
    )
    date_from = DateField(_l("From"), validators=[Optional()])
    date_to = DateField(_l("Until"), validators=[Optional()])
    near = PlaceField(_l("Near"))
    radius_km = IntegerField(
        _l("Within (km)"), default=50, validators=[Optional(), NumberRange(min=1, max=1000)]
    )

    def validate_date_to(self, field) -> None:
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError(_l("The last day cannot come before the first."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = [SelectChoice("", _l("Any kind"))] + [
            SelectChoice(k.value, label) for k, label in KIND_LABELS.items()
        ]
        self.mode.choices = [SelectChoice("", _l("Online or in person")), *MODE_CHOICES]
        self.language.choices = [SelectChoice("", _l("Any language")), *spoken_language_choices()]
