"""What guidance adds to a member's data export: their adviser profile, appointments, questions."""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select

from app.extensions import db
from app.guidance.models import Adviser, Appointment, Question, QuestionMessage


def _row_data(row, **extra):
    from app.accounts.personal_data import row_data

    return row_data(row, **extra)


def guidance_export(user) -> dict[str, Any]:
    """Every guidance row of ``user``'s, as a member or as an adviser."""
    adviser = db.session.scalar(select(Adviser).where(Adviser.user_id == user.id))
    adviser_id = adviser.id if adviser is not None else None
    appointments = db.session.scalars(
        select(Appointment)
        .where(or_(Appointment.member_id == user.id, Appointment.adviser_id == adviser_id))
        .order_by(Appointment.id)
    )
    questions = db.session.scalars(
        select(Question)
        .where(or_(Question.member_id == user.id, Question.adviser_id == adviser_id))
        .order_by(Question.id)
    ).all()
    in_questions = {q.id for q in questions}
    other_messages = db.session.scalars(
        select(QuestionMessage).where(
            QuestionMessage.author_id == user.id, QuestionMessage.question_id.not_in(in_questions)
        )
    )
    return {
        "adviser_profile": None
        if adviser is None
        else _row_data(
            adviser,
            topics=[_row_data(row) for row in adviser.topics],
            skills=[_row_data(row) for row in adviser.skills],
            offices=[_row_data(row, office=row.office.name) for row in adviser.offices],
            hours=[_row_data(row) for row in adviser.hours],
            absences=[_row_data(row) for row in adviser.absences],
        ),
        "appointments": [_row_data(row, adviser=row.adviser.user.name) for row in appointments],
        "questions": [
            _row_data(row, messages=[_row_data(m) for m in row.messages]) for row in questions
        ],
        "messages_in_other_questions": [_row_data(m) for m in other_messages],
    }
