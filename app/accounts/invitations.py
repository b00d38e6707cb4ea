"""Invitations: a mail to imported members to set their password and review their profile.

One piece of code for `flask users invite`, `flask data import --invite` and the staff page.
"""

from __future__ import annotations

from sqlalchemy import select

from app.accounts.models import Role, User
from app.extensions import db


def invite_users(users, progress=None) -> tuple[int, int]:
    """Mail each of ``users`` an invitation; (sent, failed). ``progress`` is told each one."""
    from app.accounts.mails import send_invitation

    sent = failed = 0
    for user in users:
        if send_invitation(user):
            sent += 1
        else:
            failed += 1
        if progress is not None:
            progress(user)
    return sent, failed


def never_confirmed_members() -> list[User]:
    """Members and partners whose address was never confirmed: imported, never signed in."""
    return list(
        db.session.scalars(
            select(User)
            .where(User.email_verified_at.is_(None), User.role.in_([Role.MEMBER, Role.PARTNER]))
            .order_by(User.id)
        )
    )


def users_to_invite(emails, all_unconfirmed: bool) -> tuple[list[User], list[str]]:
    """The accounts named by ``emails`` (and every never-confirmed one if asked), each
    once; and the addresses no account has."""
    users = never_confirmed_members() if all_unconfirmed else []
    unknown = []
    for email in emails:
        user = User.by_email(email)
        if user is None:
            unknown.append(email)
        elif user not in users:
            users.append(user)
    return users, unknown
