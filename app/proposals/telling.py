"""Telling the people around a proposal of each status change: on the site, and by mail as
each chose (the same mail settings as the sessions' mails), in their own language."""

from __future__ import annotations

import logging

from flask import render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from app.accounts.models import User
from app.extensions import db
from app.mail import MailError, send_mail
from app.needs.models import Need
from app.notifications.models import NotificationKind, notify
from app.proposals.models import PROPOSAL_STATUS_LABELS, Proposal, ProposalNeed, ProposalSupport

logger = logging.getLogger(__name__)


def followers(proposal: Proposal) -> list[User]:
    """Its supporters, the authors of its linked needs and its own author, once each."""
    ids = set(
        db.session.scalars(
            select(ProposalSupport.user_id).where(ProposalSupport.proposal_id == proposal.id)
        )
    )
    ids |= set(
        db.session.scalars(
            select(Need.author_id)
            .join(ProposalNeed, ProposalNeed.need_id == Need.id)
            .where(ProposalNeed.proposal_id == proposal.id)
        )
    )
    if proposal.author_id is not None:
        ids.add(proposal.author_id)
    return list(db.session.scalars(select(User).where(User.id.in_(ids)).order_by(User.id)))


def notify_status_change(proposal: Proposal, actor) -> list[User]:
    """Add a site notification for each follower but the actor; the caller commits, then
    calls ``mail_status_change`` with the list returned."""
    told = []
    link = url_for("proposals.show", proposal_id=proposal.id)
    for user in followers(proposal):
        if actor is not None and user.id == actor.id:
            continue
        notify(
            user.id,
            NotificationKind.PROPOSAL_STATUS,
            actor=actor,
            subject=proposal.title,
            link=link,
        )
        told.append(user)
    return told


def _language(user: User) -> str:
    return user.locale or "nl"


def mail_status_change(proposal: Proposal, users: list[User]) -> int:
    """Mail each of ``users`` who lets us the proposal's new status; how many were sent.
    A mail that fails is logged: the site notification is there anyway."""
    from app.sessions.registrations import wants_mail

    sent = 0
    url = url_for("proposals.show", proposal_id=proposal.id, _external=True)
    for user in users:
        if not wants_mail(user):
            continue
        language = _language(user)
        with force_locale(language):
            status = str(PROPOSAL_STATUS_LABELS[proposal.status])
            subject = _("%(title)s: %(status)s", title=proposal.title, status=status)
            body = render_template(
                "mail/proposals/status.txt", user=user, proposal=proposal, status=status, url=url
            )
        try:
            send_mail(user.email, subject, body, language=language)
        except MailError:
            logger.exception("proposal mail to user %s not sent", user.id)
            continue
        sent += 1
    return sent
