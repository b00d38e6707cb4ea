"""What guidance adds to a member's data export: their adviser profile, appointments, questions."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, or_, select

from app.extensions import db
from app.guidance.models import Adviser, Appointment, Question, QuestionMessage
from app.personal import Erasure, PersonalData, delete_rows, register, rows
from app.personal import row_data as _row_data


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
    return {"guidance": _guidance(adviser, appointments, questions, other_messages)}


def _guidance(adviser, appointments, questions, other_messages) -> dict[str, Any]:
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


def erase_guidance(erasure: Erasure) -> None:
    """Their adviser profile (a search document; its appointments and hours go with it) and
    their messages in others' questions (private threads, not published writing)."""
    user_id = erasure.user.id
    delete_rows(rows(Adviser, Adviser.user_id == user_id))
    db.session.execute(
        delete(QuestionMessage)
        .where(QuestionMessage.author_id == user_id)
        .execution_options(synchronize_session=False)
    )


def register_personal_data() -> None:
    """Declare the guidance rows (a member's questions go by ON DELETE CASCADE)."""
    register(
        PersonalData(
            name="guidance",
            models=(Adviser, Appointment, Question, QuestionMessage),
            export=guidance_export,
            export_order=90,
            erase=erase_guidance,
            erase_order=80,
        )
    )
