"""Forms for "me too", merging needs, and proposals: writing, supporting, commenting, status."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from app.forms import no_control_characters, strip_filter
from app.proposals.models import (
    ANSWER_KIND_LABELS,
    AUDIENCE_LENGTH,
    BODY_LENGTH,
    COMMENT_LENGTH,
    PROPOSAL_STATUS_LABELS,
    REASON_LENGTH,
    TITLE_LENGTH,
    AnswerKind,
    ProposalStatus,
)

MAX_LINKED_NEEDS = 50
#: A need given by its number ("12", "#12") or its page ("/needs/12", "https://…/needs/12").
_NEED_REF = re.compile(r"^(?:#?(\d{1,9})|(?:https?://[^/\s]+)?/needs/(\d{1,9})/?)$")


def _length(n: int):
    return Length(max=n, message=_l("Write at most %(n)d characters.", n=n))


class ActionForm(FlaskForm):
    """A button that changes something: only its CSRF token ("me too", support, delete)."""


def parse_need_refs(text: str) -> list[int] | None:
    """The need ids in ``text`` (numbers or need pages, separated by commas, spaces or lines),
    in order and once each; None if a piece is neither."""
    ids: list[int] = []
    for piece in re.split(r"[\s,;]+", text or ""):
        if not piece:
            continue
        match = _NEED_REF.match(piece)
        if match is None:
            return None
        need_id = int(match.group(1) or match.group(2))
        if need_id not in ids:
            ids.append(need_id)
    return ids


class ProposalForm(FlaskForm):
    title = StringField(
        _l("Name of the service"),
        filters=[strip_filter],
        description=_l("One line, e.g. “A pricing workshop for starting makers”."),
        validators=[
            DataRequired(_l("Give the service a name.")),
            _length(TITLE_LENGTH),
            no_control_characters,
        ],
        render_kw={"maxlength": TITLE_LENGTH},
    )
    body = TextAreaField(
        _l("What it would be"),
        description=_l("Markdown: **bold**, *italic*, lists and links."),
        validators=[
            DataRequired(_l("Describe the service in a few sentences.")),
            _length(BODY_LENGTH),
        ],
        render_kw={"rows": 8, "maxlength": BODY_LENGTH},
    )
    kind = SelectField(
        _l("Kind of answer"),
        choices=[SelectChoice(k.value, label) for k, label in ANSWER_KIND_LABELS.items()],
        default=AnswerKind.GUIDANCE.value,
    )
    audience = StringField(
        _l("Who it is for"),
        filters=[strip_filter],
        description=_l("e.g. “Members starting out in the creative sector”."),
        validators=[Optional(), _length(AUDIENCE_LENGTH), no_control_characters],
        render_kw={"maxlength": AUDIENCE_LENGTH},
    )
    needs = StringField(
        _l("Needs it answers"),
        filters=[strip_filter],
        description=_l("The numbers or addresses of the needs, separated by commas."),
        validators=[Optional(), Length(max=2000), no_control_characters],
    )

    def validate_needs(self, field) -> None:
        ids = parse_need_refs(field.data)
        if ids is None:
            raise ValidationError(_l("Give needs by their number or their page's address."))
        if len(ids) > MAX_LINKED_NEEDS:
            raise ValidationError(_l("Link at most %(n)d needs.", n=MAX_LINKED_NEEDS))
        field.need_ids = ids


class CommentForm(FlaskForm):
    body = TextAreaField(
        _l("Your comment"),
        description=_l("Markdown: **bold**, *italic*, lists and links."),
        validators=[DataRequired(_l("Write your comment.")), _length(COMMENT_LENGTH)],
        render_kw={"rows": 4, "maxlength": COMMENT_LENGTH},
    )


class ProposalStatusForm(FlaskForm):
    status = SelectField(
        _l("New status"),
        choices=[SelectChoice(s.value, label) for s, label in PROPOSAL_STATUS_LABELS.items()],
    )
    reason = TextAreaField(
        _l("Why it is declined"),
        description=_l("Required when declining; the supporters read it."),
        # No Optional(): it would skip validate_reason, which makes it required when declining.
        validators=[_length(REASON_LENGTH)],
        render_kw={"rows": 3, "maxlength": REASON_LENGTH},
    )
    answer = StringField(
        _l("What now answers it"),
        filters=[strip_filter],
        description=_l("Required when available: the address of the offer, session or guide."),
        validators=[Length(max=500), no_control_characters],
    )

    def validate_reason(self, field) -> None:
        if self.status.data == ProposalStatus.DECLINED.value and not (field.data or "").strip():
            raise ValidationError(_l("Say why the proposal is declined."))

    def validate_answer(self, field) -> None:
        if self.status.data != ProposalStatus.AVAILABLE.value:
            return
        if not field.data:
            raise ValidationError(_l("Give the address of the offer, session or guide."))
        from app.proposals.answers import resolve_answer

        field.resolved = resolve_answer(field.data)
        if field.resolved is None:
            raise ValidationError(_l("This is not the address of an offer, session or guide."))


class MergeForm(FlaskForm):
    target = IntegerField(
        _l("Number of the need to keep"),
        validators=[
            DataRequired(_l("Give the number of the need to keep.")),
            NumberRange(min=1, max=10**9, message=_l("Give the number of the need to keep.")),
        ],
    )


class ProposalListForm(FlaskForm):
    """The list's order and status filter, read from the query string."""

    class Meta:
        csrf = False

    sort = SelectField(
        _l("Sort by"),
        choices=[
            SelectChoice("support", _l("Most supported")),
            SelectChoice("demand", _l("Most demand in its needs")),
            SelectChoice("newest", _l("Newest")),
        ],
        default="support",
    )
    status = SelectField(
        _l("Status"),
        choices=[
            SelectChoice("", _l("Any status")),
            *(SelectChoice(s.value, label) for s, label in PROPOSAL_STATUS_LABELS.items()),
        ],
        default="",
    )
