""" "Ask an adviser": routing questions to offices' queues, assigning, answering, overdue."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.accounts.models import User
from app.clock import as_utc, utcnow
from app.connections.people import profile_of_user
from app.extensions import db
from app.guidance.models import Adviser, Mode, Question, QuestionMessage, QuestionStatus
from app.guidance.scheduling import LOCAL

#: A question waiting this many working days (Monday to Friday) for an answer is overdue.
OVERDUE_WORKING_DAYS = 3


def member_region(user: User) -> str | None:
    """The region of the member's profile place: which offices' queue their question is in."""
    profile = profile_of_user(user.id)
    return profile.place.region if profile is not None and profile.place is not None else None


def add_working_days(moment: datetime, days: int) -> datetime:
    """``moment`` plus ``days`` working days, counted in Brussels (weekends do not count)."""
    local = as_utc(moment).astimezone(LOCAL)
    added = 0
    while added < days:
        local += timedelta(days=1)
        if local.weekday() < 5:
            added += 1
    return local


def is_overdue(question: Question, now: datetime | None = None) -> bool:
    """Unanswered for OVERDUE_WORKING_DAYS working days."""
    if question.status not in (QuestionStatus.OPEN, QuestionStatus.ASSIGNED):
        return False
    return (now or utcnow()) >= add_working_days(question.created_at, OVERDUE_WORKING_DAYS)


def ask(member: User, topic_id: str, mode: Mode, body: str) -> Question:
    """Record a member's question in the queue of their region's offices. Commits."""
    question = Question(
        member_id=member.id, topic_id=topic_id, mode=mode, body=body, region=member_region(member)
    )
    db.session.add(question)
    db.session.commit()
    return question


def assign(question: Question, adviser: Adviser) -> None:
    """Give the question to an adviser. Commits."""
    question.adviser_id = adviser.id
    if question.status is QuestionStatus.OPEN:
        question.status = QuestionStatus.ASSIGNED
    db.session.commit()


def post_answer(question: Question, author: User, body: str) -> QuestionMessage:
    """A message in the thread; the adviser's first one answers the question. Commits."""
    message = QuestionMessage(question_id=question.id, author_id=author.id, body=body)
    db.session.add(message)
    by_adviser = question.adviser is not None and author.id == question.adviser.user_id
    if by_adviser and question.status in (QuestionStatus.OPEN, QuestionStatus.ASSIGNED):
        question.status = QuestionStatus.ANSWERED
        question.answered_at = utcnow()
    db.session.commit()
    return message
