"""Forms for posting a need, responding to it, changing its status, and the board's filters."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    FormField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from app.forms import MultiCheckboxField, no_control_characters, strip_filter
from app.members.forms import SKILL_AUTOCOMPLETE
from app.members.models import MODE_LABELS
from app.needs.models import (
    BODY_LENGTH,
    NEED_VISIBILITY_LABELS,
    RESPONSE_LENGTH,
    SOLVED_LABELS,
    STATUS_LABELS,
    TITLE_LENGTH,
    NeedStatus,
    NeedVisibility,
    Solved,
)
from app.needs.models import MAX_SKILLS as MAX_NEED_SKILLS
from app.partners.forms import SkillNameRowForm
from app.places.forms import PlaceField


class NeedForm(FlaskForm):
    title = StringField(
        _l("What do you need?"),
        filters=[strip_filter],
        description=_l("One line, e.g. “Someone to check my first quote”."),
        validators=[
            DataRequired(_l("Say in one line what you need.")),
            Length(max=TITLE_LENGTH, message=_l("Write at most %(n)d characters.", n=TITLE_LENGTH)),
            no_control_characters,
        ],
        render_kw={"maxlength": TITLE_LENGTH},
    )
    body = TextAreaField(
        _l("Details"),
        description=_l("Markdown: **bold**, *italic*, lists and links."),
        validators=[
            DataRequired(_l("Describe your need in a few sentences.")),
            Length(max=BODY_LENGTH, message=_l("Write at most %(n)d characters.", n=BODY_LENGTH)),
        ],
        render_kw={"rows": 8, "maxlength": BODY_LENGTH},
    )
    skills = FieldList(
        FormField(SkillNameRowForm),
        label=_l("Related skills"),
        min_entries=1,
        max_entries=MAX_NEED_SKILLS,
    )
    place = PlaceField(_l("Place"), description=_l("Where you would like help, if it matters."))
    modes = MultiCheckboxField(
        _l("How you would like help"),
        choices=[SelectChoice(mode.value, label) for mode, label in MODE_LABELS.items()],
    )
    visibility = RadioField(
        _l("Who can see this need"),
        choices=[SelectChoice(v.value, label) for v, label in NEED_VISIBILITY_LABELS.items()],
        default=NeedVisibility.MEMBERS.value,
    )


class ResponseForm(FlaskForm):
    body = TextAreaField(
        _l("Your response"),
        description=_l("Markdown: **bold**, *italic*, lists and links."),
        validators=[
            DataRequired(_l("Write your response.")),
            Length(
                max=RESPONSE_LENGTH,
                message=_l("Write at most %(n)d characters.", n=RESPONSE_LENGTH),
            ),
        ],
        render_kw={"rows": 5, "maxlength": RESPONSE_LENGTH},
    )
    # Choices are the responder's own current offers and published articles, set by the view.
    offer = SelectField(_l("Point to one of your offers"), default="")
    article = SelectField(_l("Point to one of your articles"), default="")


class StatusForm(FlaskForm):
    status = RadioField(
        _l("Status"),
        choices=[SelectChoice(s.value, label) for s, label in STATUS_LABELS.items()],
    )
    solved = RadioField(
        _l("Was your need solved?"),
        description=_l("Answering this closes the need."),
        choices=[SelectChoice(s.value, label) for s, label in SOLVED_LABELS.items()],
        # Only asked when closing: checked below rather than by the field.
        validate_choice=False,
    )

    def validate_solved(self, field) -> None:
        if field.data and field.data not in {s.value for s in Solved}:
            raise ValidationError(field.gettext("Not a valid choice."))
        if self.status.data == NeedStatus.CLOSED.value and not field.data:
            raise ValidationError(_l("Say whether your need was solved."))


class BoardFilterForm(FlaskForm):
    """The board's filters, read from the query string."""

    class Meta:
        csrf = False

    skill = StringField(_l("Skill"), filters=[strip_filter], render_kw=SKILL_AUTOCOMPLETE)
    region = SelectField(_l("Region"), default="")
    mode = SelectField(
        _l("Mode"),
        choices=[
            SelectChoice("", _l("Any way")),
            *(SelectChoice(mode.value, label) for mode, label in MODE_LABELS.items()),
        ],
        default="",
    )
    can_help = BooleanField(_l("Needs I can help with"))


#: The longest period the radar counts over, in days (ten years).
MAX_PERIOD_DAYS = 3660


class RadarPeriodForm(FlaskForm):
    """The radar's period, read from the query string; empty: the last twelve months."""

    class Meta:
        csrf = False

    since = DateField(
        _l("From"), validators=[Optional()], render_kw={"type": "date"}, format="%Y-%m-%d"
    )
    until = DateField(
        _l("Until"), validators=[Optional()], render_kw={"type": "date"}, format="%Y-%m-%d"
    )

    def validate_until(self, field) -> None:
        if self.since.data and field.data:
            if field.data < self.since.data:
                raise ValidationError(_l("The end of the period comes before its start."))
            if (field.data - self.since.data).days > MAX_PERIOD_DAYS:
                raise ValidationError(_l("Choose a period of at most ten years."))
