"""Who may see an appointment or a question: the one rule every page and mail follows."""

from __future__ import annotations

from flask import abort
from sqlalchemy import ColumnElement, false, or_, select, true

from app.accounts.models import Role
from app.extensions import db
from app.guidance.models import (
    Adviser,
    AdviserKind,
    AdviserOffice,
    Appointment,
    Office,
    Question,
)
from app.places.models import Place


def adviser_of(user) -> Adviser | None:
    """The signed-in user's active adviser profile, if any."""
    if user is None or not user.is_authenticated:
        return None
    return db.session.scalar(select(Adviser).where(Adviser.user_id == user.id, Adviser.active))


def staff_office_ids(user) -> set[int]:
    """The offices a staff member works at (through their staff adviser profile)."""
    if user is None or not user.is_authenticated or not user.is_staff:
        return set()
    return set(
        db.session.scalars(
            select(AdviserOffice.office_id)
            .join(Adviser, Adviser.id == AdviserOffice.adviser_id)
            .where(Adviser.user_id == user.id, Adviser.kind == AdviserKind.STAFF)
        )
    )


def staff_regions(user) -> set[str]:
    """The regions of the offices a staff member works at."""
    ids = staff_office_ids(user)
    if not ids:
        return set()
    return set(
        db.session.scalars(
            select(Place.region).join(Office, Office.place_id == Place.id).where(Office.id.in_(ids))
        )
    )


def appointment_visible_to(appointment: Appointment, user) -> bool:
    """The member, the adviser, administrators and the staff of the office it concerns."""
    if user is None or not user.is_authenticated:
        return False
    if user.id == appointment.member_id or user.id == appointment.adviser.user_id:
        return True
    if user.role is Role.ADMIN:
        return True
    offices = {appointment.office_id} if appointment.office_id else set()
    offices |= set(appointment.adviser.office_ids)
    return bool(staff_office_ids(user) & offices)


def appointment_for(appointment_id: int, user) -> Appointment:
    """The appointment, or 404 for anyone who may not see it (its existence included)."""
    appointment = db.session.get(Appointment, appointment_id)
    if appointment is None or not appointment_visible_to(appointment, user):
        abort(404)
    return appointment


def queue_clause(user) -> ColumnElement[bool]:
    """Questions in a staff member's queue: their offices' regions, and those of no region."""
    if user.role is Role.ADMIN:
        return true()
    regions = staff_regions(user)
    return or_(
        Question.region.is_(None),
        Question.region.in_(regions) if regions else false(),
    )


def question_visible_to(question: Question, user) -> bool:
    """The member who asked, the adviser it is assigned to, and the staff whose queue holds it."""
    if user is None or not user.is_authenticated:
        return False
    if user.id == question.member_id:
        return True
    if question.adviser is not None and question.adviser.user_id == user.id:
        return True
    if not user.is_staff:
        return False
    if user.role is Role.ADMIN or question.region is None:
        return True
    return question.region in staff_regions(user)


def question_for(question_id: int, user) -> Question:
    """The question, or 404 for anyone who may not see it."""
    question = db.session.get(Question, question_id)
    if question is None or not question_visible_to(question, user):
        abort(404)
    return question
