"""Forms of the circles: starting one, joining, the board, the directory's filters."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from app.circles.models import (
    CIRCLE_KIND_LABELS,
    MAX_SIZE,
    MESSAGE_LENGTH,
    NAME_LENGTH,
    Admission,
    CircleVisibility,
)
from app.forms import no_control_characters, strip_filter
from app.members.forms import spoken_language_choices
from app.places.forms import PlaceField
from app.sessions.forms import skill_ids_named

ADMISSION_CHOICES = (
    SelectChoice(Admission.OPEN.value, _l("Open: members join at once while places are left")),
    SelectChoice(Admission.ON_REQUEST.value, _l("On request: I accept each new member")),
)
VISIBILITY_CHOICES = (
    SelectChoice(CircleVisibility.MEMBERS.value, _l("Signed-in members find it")),
    SelectChoice(CircleVisibility.PUBLIC.value, _l("Everyone finds it")),
)


class CircleForm(FlaskForm):
    name = StringField(
        _l("Name"),
        filters=[strip_filter],
        validators=[
            DataRequired(_l("Give the circle a name.")),
            Length(max=NAME_LENGTH, message=_l("Write at most %(n)d characters.", n=NAME_LENGTH)),
            no_control_characters,
        ],
    )
    theme = TextAreaField(
        _l("Theme"),
        description=_l("What the circle works on, and for whom. Markdown."),
        validators=[
            DataRequired(_l("Say what the circle is about.")),
            Length(max=5000, message=_l("Write at most %(n)d characters.", n=5000)),
        ],
    )
    kind = SelectField(
        _l("Kind"),
        choices=[SelectChoice(k.value, label) for k, label in CIRCLE_KIND_LABELS.items()],
    )
    language = SelectField(_l("Language"), default="nl")
    skills = StringField(
        _l("Related skills"),
        description=_l("Separate the skills with commas."),
        filters=[strip_filter],
        validators=[Length(max=1000), no_control_characters],
    )
    online = BooleanField(_l("The circle meets online"))
    place = PlaceField(
        _l("Place"), description=_l("Where it meets in person; its region is the place's.")
    )
    size_limit = IntegerField(
        _l("Size limit"),
        default=8,
        description=_l("You included."),
        validators=[
            InputRequired(_l("Give the size limit (at least 2).")),
            NumberRange(
                min=2,
                max=MAX_SIZE,
                message=_l("Give a size limit between 2 and %(max)d.", max=MAX_SIZE),
            ),
        ],
    )
    admission = RadioField(
        _l("Membership"), choices=ADMISSION_CHOICES, default=Admission.OPEN.value
    )
    visibility = RadioField(
        _l("Who finds the circle"),
        choices=VISIBILITY_CHOICES,
        default=CircleVisibility.MEMBERS.value,
        description=_l("Its meetings and board are for its members in any case."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.language.choices = spoken_language_choices()
        self.skill_ids: list[int] = []

    def validate_skills(self, field) -> None:
        self.skill_ids = skill_ids_named(field.data)

    def validate_place(self, field) -> None:
        if not self.online.data and not field.data:
            raise ValidationError(_l("Give the place where it meets, or choose online."))


class JoinForm(FlaskForm):
    motivation = TextAreaField(
        _l("A word for the facilitator"),
        filters=[strip_filter],
        validators=[
            Optional(),
            Length(max=1000, message=_l("Write at most %(n)d characters.", n=1000)),
        ],
    )


class BoardForm(FlaskForm):
    body = TextAreaField(
        _l("Message"),
        filters=[strip_filter],
        validators=[
            DataRequired(_l("Write a message.")),
            Length(
                max=MESSAGE_LENGTH, message=_l("Write at most %(n)d characters.", n=MESSAGE_LENGTH)
            ),
        ],
    )


class CircleFilterForm(FlaskForm):
    class Meta:
        csrf = False

    kind = SelectField(_l("Kind"), validators=[Optional()])
    language = SelectField(_l("Language"), validators=[Optional()])
    mode = SelectField(_l("How"), validators=[Optional()])
    region = StringField(
        _l("Region"), filters=[strip_filter], validators=[Optional(), Length(max=10)]
    )
    skill = StringField(
        _l("Skill"), filters=[strip_filter], validators=[Optional(), Length(max=100)]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = [SelectChoice("", _l("Any kind"))] + [
            SelectChoice(k.value, label) for k, label in CIRCLE_KIND_LABELS.items()
        ]
        self.language.choices = [SelectChoice("", _l("Any language")), *spoken_language_choices()]
        self.mode.choices = [
            SelectChoice("", _l("Online or in person")),
            SelectChoice("in_person", _l("In person")),
            SelectChoice("online", _l("Online")),
        ]
