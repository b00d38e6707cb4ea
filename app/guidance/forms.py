"""Forms for offices, adviser profiles, hours, bookings, questions and feedback."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    EmailField,
    HiddenField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, Email, InputRequired, Length, Optional, ValidationError

from app.connections.forms import message_field, no_hidden_characters
from app.forms import MultiCheckboxField, no_control_characters, strip_filter
from app.guidance.models import (
    ADDRESS_LENGTH,
    DESCRIPTION_LENGTH,
    HELPED_LABELS,
    MODE_LABELS,
    NAME_LENGTH,
    REASON_LENGTH,
    WEEKDAY_LABELS,
)
from app.members.forms import SKILL_AUTOCOMPLETE, spoken_language_choices
from app.places.forms import PlaceField

SLOT_LENGTHS = (15, 20, 30, 45, 60, 90)
MODE_CHOICES = [SelectChoice(mode.value, label) for mode, label in MODE_LABELS.items()]


def one_line(label, length, required=None, description=None, **kwargs):
    validators = [DataRequired(required)] if required else [Optional()]
    return StringField(
        label,
        filters=[strip_filter],
        description=description,
        validators=[
            *validators,
            Length(max=length, message=_l("Write at most %(n)d characters.", n=length)),
            no_control_characters,
        ],
        render_kw={"maxlength": length},
        **kwargs,
    )


def long_text(label, length, required=None, rows=4, description=None):
    validators = [DataRequired(required)] if required else [Optional()]
    return TextAreaField(
        label,
        filters=[strip_filter],
        description=description,
        validators=[
            *validators,
            Length(max=length, message=_l("Write at most %(n)d characters.", n=length)),
            no_hidden_characters,
        ],
        render_kw={"rows": rows, "maxlength": length},
    )


class OfficeForm(FlaskForm):
    name = one_line(_l("Name"), NAME_LENGTH, _l("Give the office a name."))
    address = one_line(_l("Address"), ADDRESS_LENGTH, _l("Give the office's address."))
    place = PlaceField(
        _l("Place"), validators=[DataRequired(_l("Give the place the office is in."))]
    )
    opening_hours = long_text(_l("Opening hours"), 1000, rows=3)
    languages = MultiCheckboxField(_l("Languages spoken"), choices=[])
    description = long_text(_l("Short description"), DESCRIPTION_LENGTH)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.languages.choices = spoken_language_choices()


class AdviserForm(FlaskForm):
    headline = one_line(_l("Headline"), 160)
    bio = long_text(_l("About you as an adviser"), DESCRIPTION_LENGTH, rows=5)
    topics = MultiCheckboxField(
        _l("Topics"), choices=[], validators=[DataRequired(_l("Choose at least one topic."))]
    )
    skills = one_line(
        _l("Skills"),
        1000,
        description=_l("Separate skills with commas, in any language."),
    )
    languages = MultiCheckboxField(
        _l("Languages"), choices=[], validators=[DataRequired(_l("Choose at least one language."))]
    )
    offices = MultiCheckboxField(_l("Offices you work at"), choices=[], coerce=int)
    modes = MultiCheckboxField(
        _l("How you see people"),
        choices=MODE_CHOICES,
        validators=[DataRequired(_l("Choose at least one way of seeing people."))],
    )
    slot_minutes = SelectField(
        _l("Length of an appointment"),
        choices=[SelectChoice(n, _l("%(n)d minutes", n=n)) for n in SLOT_LENGTHS],
        coerce=int,
        validate_choice=True,
    )

    def __init__(self, *args, topics=(), offices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.skills.render_kw = {**self.skills.render_kw, **SKILL_AUTOCOMPLETE}
        self.topics.choices = list(topics)
        self.offices.choices = list(offices)
        self.languages.choices = spoken_language_choices()

    def skill_names(self) -> list[str]:
        return [name.strip() for name in (self.skills.data or "").split(",") if name.strip()]


class PeerAdviserForm(FlaskForm):
    email = EmailField(
        _l("The member's e-mail address"),
        filters=[strip_filter],
        validators=[
            DataRequired(_l("Give the member's e-mail address.")),
            Length(max=254, message=_l("Write at most %(n)d characters.", n=254)),
            Email(message=_l("Give a valid e-mail address.")),
        ],
    )
    topics = MultiCheckboxField(
        _l("Topics"), choices=[], validators=[DataRequired(_l("Choose at least one topic."))]
    )

    def __init__(self, *args, topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.topics.choices = list(topics)


class HoursForm(FlaskForm):
    weekday = SelectField(
        _l("Day"),
        choices=[SelectChoice(n, label) for n, label in enumerate(WEEKDAY_LABELS)],
        coerce=int,
    )
    starts = TimeField(_l("From"), validators=[InputRequired(_l("Give a time such as 09:00."))])
    ends = TimeField(_l("Until"), validators=[InputRequired(_l("Give a time such as 12:00."))])
    office = SelectField(_l("Where"), choices=[], coerce=int)

    def __init__(self, *args, offices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.office.choices = [SelectChoice(0, _l("Remote (video or phone)")), *offices]

    def validate_ends(self, field) -> None:
        if self.starts.data and field.data and field.data <= self.starts.data:
            raise ValidationError(_l("The end comes after the start."))


class AbsenceForm(FlaskForm):
    first_day = DateField(_l("From"), validators=[InputRequired(_l("Give a date."))])
    last_day = DateField(_l("Until"), validators=[InputRequired(_l("Give a date."))])
    note = one_line(_l("Note"), NAME_LENGTH)

    def validate_last_day(self, field) -> None:
        if self.first_day.data and field.data and field.data < self.first_day.data:
            raise ValidationError(_l("The last day comes on or after the first."))


class BookingForm(FlaskForm):
    slot = HiddenField(validators=[DataRequired(_l("Choose a slot."))])
    topic = SelectField(_l("Topic"), choices=[], validators=[DataRequired(_l("Choose a topic."))])
    mode = RadioField(
        _l("How"), choices=MODE_CHOICES, validators=[DataRequired(_l("Choose how you meet."))]
    )
    description = long_text(
        _l("What would you like to discuss?"),
        DESCRIPTION_LENGTH,
        _l("Say in a few words what you would like to discuss."),
        description=_l("Only you, the adviser and the office's staff see this."),
    )
    question = HiddenField()

    def __init__(self, *args, topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.topic.choices = [SelectChoice("", _l("Choose a topic")), *topics]


class ChangeForm(FlaskForm):
    """Cancelling, or moving to another slot (``slot`` set)."""

    slot = HiddenField()
    reason = one_line(_l("Reason"), REASON_LENGTH, _l("Say why, for the other person."))


class QuestionForm(FlaskForm):
    topic = SelectField(_l("Topic"), choices=[], validators=[DataRequired(_l("Choose a topic."))])
    mode = RadioField(
        _l("How would you prefer to be helped?"),
        choices=MODE_CHOICES,
        validators=[DataRequired(_l("Choose how you would prefer to be helped."))],
    )
    body = message_field(_l("Your question"), _l("Write your question."), DESCRIPTION_LENGTH)

    def __init__(self, *args, topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.topic.choices = [SelectChoice("", _l("Choose a topic")), *topics]


class AssignForm(FlaskForm):
    adviser = SelectField(
        _l("Adviser"), choices=[], coerce=int, validators=[DataRequired(_l("Choose an adviser."))]
    )

    def __init__(self, *args, advisers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.adviser.choices = [SelectChoice(0, _l("Choose an adviser")), *advisers]


class AnswerForm(FlaskForm):
    body = message_field(_l("Your message"), _l("Write a message."), DESCRIPTION_LENGTH)


class FeedbackForm(FlaskForm):
    helped = RadioField(
        _l("Did it help?"),
        choices=[SelectChoice(h.value, label) for h, label in HELPED_LABELS.items()],
        validators=[DataRequired(_l("Say whether it helped."))],
    )
    could_be_remote = RadioField(
        _l("Could it have been done remotely (video or phone)?"),
        choices=[SelectChoice("yes", _l("Yes")), SelectChoice("no", _l("No"))],
        validators=[DataRequired(_l("Say whether it could have been done remotely."))],
    )
