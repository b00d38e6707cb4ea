"""Forms for requests, messages, contact preferences, reports and mentorships."""

from __future__ import annotations

import re
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    RadioField,
    SelectChoice,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    Optional,
    Regexp,
    ValidationError,
)

from app.clock import utcnow
from app.connections.models import (
    APPRECIATION_LENGTH,
    MESSAGE_LENGTH,
    NOTE_LENGTH,
    NOTIFY_LABELS,
    PHONE_LENGTH,
    REASON_LABELS,
    REPORT_COMMENT_LENGTH,
    TOPIC_LABELS,
    MentorshipStatus,
    NotifyMode,
)
from app.forms import no_control_characters, strip_filter
from app.members.forms import SKILL_AUTOCOMPLETE, URL_VALIDATORS

#: The pages a request can come from, by the kinds of the search keys ("need:9").
CONTEXT_KINDS = ("member", "need", "offer", "partner", "article", "guide", "search", "mentors")
_CONTEXT_RE = re.compile(r"^(?P<kind>[a-z]{1,10})(?::(?P<id>[1-9][0-9]{0,9}))?$")
_PHONE_RE = r"^\+?[0-9 ()./-]{6,30}$"


def clean_context(value):
    """A known "kind" or "kind:id" context, else nothing: a bad one is dropped, not an error."""
    if not isinstance(value, str):
        return None
    match = _CONTEXT_RE.match(value.strip())
    if match is None or match["kind"] not in CONTEXT_KINDS:
        return None
    return match.group(0)


def no_hidden_characters(form, field) -> None:
    """Refuse invisible control characters in a text of several lines (line breaks are fine)."""
    if field.data and any(
        (ord(ch) < 32 and ch not in "\n\r\t") or 127 <= ord(ch) < 160 for ch in field.data
    ):
        raise ValidationError(_l("Remove the invisible control characters."))


def message_field(label, required_message, length=MESSAGE_LENGTH, rows=5, description=None):
    return TextAreaField(
        label,
        filters=[strip_filter],
        description=description,
        validators=[
            DataRequired(required_message),
            Length(max=length, message=_l("Write at most %(n)d characters.", n=length)),
            no_hidden_characters,
        ],
        render_kw={"rows": rows, "maxlength": length},
    )


class ContactRequestForm(FlaskForm):
    topic = RadioField(
        _l("What is it about?"),
        choices=[SelectChoice(topic.value, label) for topic, label in TOPIC_LABELS.items()],
        validators=[DataRequired(_l("Choose what your request is about."))],
    )
    message = message_field(
        _l("Your message"),
        _l("Write a message."),
        description=_l(
            "Say who you are and what you would like. Your e-mail address is not shown."
        ),
    )
    context = HiddenField(filters=[clean_context])


class MessageForm(FlaskForm):
    body = message_field(_l("Your message"), _l("Write a message."), rows=3)


class ContactPreferencesForm(FlaskForm):
    share_email = BooleanField(_l("Share my e-mail address"))
    phone = StringField(
        _l("Phone number to share"),
        filters=[strip_filter],
        description=_l("Leave empty to share none."),
        validators=[
            Optional(),
            Length(
                max=PHONE_LENGTH,
                message=_l("A phone number has at most %(n)d characters.", n=PHONE_LENGTH),
            ),
            no_control_characters,
            Regexp(_PHONE_RE, message=_l("Give a phone number of digits, like +32 470 12 34 56.")),
        ],
        render_kw={"maxlength": PHONE_LENGTH, "autocomplete": "tel", "inputmode": "tel"},
    )
    website = URLField(
        _l("Website to share"),
        filters=[strip_filter],
        description=_l("Leave empty to share none."),
        validators=URL_VALIDATORS,
        render_kw={"maxlength": 300, "placeholder": "https://"},
    )
    notify = RadioField(
        _l("Tell me by e-mail of new requests, acceptances and messages"),
        choices=[SelectChoice(mode.value, label) for mode, label in NOTIFY_LABELS.items()],
        default=NotifyMode.EACH.value,
        validators=[DataRequired(_l("Choose how you want to be told."))],
    )


class ReportForm(FlaskForm):
    reason = RadioField(
        _l("What is wrong?"),
        choices=[SelectChoice(reason.value, label) for reason, label in REASON_LABELS.items()],
        validators=[DataRequired(_l("Choose what is wrong."))],
    )
    comment = TextAreaField(
        _l("Anything staff should know (optional)"),
        filters=[strip_filter],
        validators=[
            Length(
                max=REPORT_COMMENT_LENGTH,
                message=_l("Write at most %(n)d characters.", n=REPORT_COMMENT_LENGTH),
            ),
            no_hidden_characters,
        ],
        render_kw={"rows": 3, "maxlength": REPORT_COMMENT_LENGTH},
    )


def not_in_future(form, field) -> None:
    """A meeting took place: today at the latest (a day of leeway for time zones)."""
    if field.data and field.data > (utcnow() + timedelta(days=1)).date():
        raise ValidationError(_l("Choose a date that is not in the future."))


class GoalsForm(FlaskForm):
    goals = message_field(_l("Goals"), _l("Write the goals of the mentorship."), rows=4)
    start_date = DateField(
        _l("Start date"),
        validators=[InputRequired(_l("Give a date, like 2025-03-14."))],
    )


class NoteForm(FlaskForm):
    met_on = DateField(
        _l("Date of the meeting"),
        validators=[InputRequired(_l("Give a date, like 2025-03-14.")), not_in_future],
    )
    body = message_field(_l("Note"), _l("Write the note."), length=NOTE_LENGTH, rows=4)


class CloseMentorshipForm(FlaskForm):
    outcome = RadioField(
        _l("How does the mentorship end?"),
        choices=[
            SelectChoice(MentorshipStatus.COMPLETED.value, _l("Completed: the goals are reached")),
            SelectChoice(MentorshipStatus.ENDED.value, _l("Ended before the goals were reached")),
        ],
        validators=[DataRequired(_l("Choose how the mentorship ends."))],
    )


class AppreciationForm(FlaskForm):
    text = message_field(
        _l("A word of thanks for your mentor"),
        _l("Write a few words."),
        length=APPRECIATION_LENGTH,
        rows=3,
        description=_l("It is shown on your mentor's profile, with your name."),
    )


class FindMentorForm(FlaskForm):
    """The skill to learn, read from the query string."""

    class Meta:
        csrf = False

    skill = StringField(
        _l("I want to learn"),
        filters=[strip_filter],
        validators=[
            Length(max=100, message=_l("A skill name has at most 100 characters.")),
            no_control_characters,
        ],
        render_kw={**SKILL_AUTOCOMPLETE, "maxlength": 100},
    )
