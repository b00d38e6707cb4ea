"""A member's own data, as the JSON file they download from their settings.

Everything they entered or that is about them as a party (requests, mentorships), with
every column of those rows, so that nothing is left out when a column is added; and
nothing that belongs only to others. Withheld on purpose, see ``WITHHELD``: the
password hash and session token (secrets, not data), and whether a request was
suppressed (it would tell its sender that the recipient blocked them). Another member
appears by the name they show others, and with contact details only as far as they
share them with this member.
"""

from __future__ import annotations

import enum
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import inspect, or_, select

from app import images
from app.accounts.models import RecoveryCode, SignIn, User
from app.articles.models import (
    Article,
    ArticleKind,
    ArticleRevision,
    ArticleSkill,
    ArticleTag,
    ArticleTopic,
    Comment,
    HelpfulMark,
)
from app.circles.personal import personal_circles
from app.clock import as_utc, utcnow
from app.connections.access import request_visible_to
from app.connections.contacts import visible_messages
from app.connections.models import (
    ContactNotification,
    ContactPreferences,
    ContactRequest,
    MemberBlock,
    Mentorship,
    MentorshipNote,
    RequestReport,
    RequestStatus,
)
from app.connections.people import member_name, shared_details
from app.extensions import db
from app.guidance.personal_data import guidance_export
from app.members.models import MemberSkill, MentorWish, Profile, ProfileLanguage, ProfileMode
from app.needs.models import Need, NeedMode, NeedResponse, NeedSkill
from app.notifications.models import Notification
from app.partners.models import (
    Offer,
    OfferLanguage,
    OfferMode,
    OfferSkill,
    Partner,
    PartnerLanguage,
)
from app.proposals.personal_data import proposals_export
from app.sessions.personal import personal_sessions
from app.skills.models import Skill

FORMAT = "gilde-personal-data"
VERSION = 1
#: (table, column) never exported, and why.
WITHHELD = {
    ("users", "password_hash"): "a secret, not data",
    ("users", "session_token"): "a secret, not data",
    ("users", "totp_secret"): "a secret, not data",
    ("sign_ins", "token"): "a secret, not data",
    ("recovery_codes", "code_hash"): "a secret, not data",
    ("contact_requests", "suppressed"): "would tell the sender that the recipient blocked them",
}


def json_value(value: Any) -> Any:
    """A column value as JSON has it: times in UTC ISO 8601, enums by their value."""
    if isinstance(value, datetime):
        return as_utc(value).isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value


def row_data(row: Any, **extra: Any) -> dict[str, Any]:
    """Every column of an ORM row (but the withheld ones), plus ``extra``."""
    mapper = inspect(type(row))
    table = mapper.local_table.name
    data = {
        attribute.key: json_value(getattr(row, attribute.key))
        for attribute in mapper.column_attrs
        if (table, attribute.columns[0].name) not in WITHHELD
    }
    data.update(extra)
    return data


def _skill_name(skill_id: int) -> str:
    skill = db.session.get(Skill, skill_id)
    return skill.label() if skill is not None else ""


def _rows(model, *conditions) -> list:
    return list(db.session.scalars(select(model).where(*conditions)))


def personal_export(user: User) -> dict[str, Any]:
    """Everything of ``user``'s, for them to download."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": json_value(utcnow()),
        "account": row_data(user),
        "sign_ins": [row_data(sign_in) for sign_in in _rows(SignIn, SignIn.user_id == user.id)],
        "recovery_codes": [
            row_data(code) for code in _rows(RecoveryCode, RecoveryCode.user_id == user.id)
        ],
        "profile": _profile(user),
        "contact_preferences": _preferences(user),
        "articles": _articles(user),
        "revisions_of_other_articles": _other_revisions(user),
        "comments": [
            row_data(comment, article_title=comment.article.title)
            for comment in _rows(Comment, Comment.author_id == user.id)
        ],
        "helpful_marks": [
            row_data(mark, article_title=db.session.get(Article, mark.article_id).title)
            for mark in _rows(HelpfulMark, HelpfulMark.user_id == user.id)
        ],
        "needs": _needs(user),
        "responses": [
            row_data(response, need_title=response.need.title)
            for response in _rows(
                NeedResponse,
                NeedResponse.author_id == user.id,
                NeedResponse.need.has(Need.author_id != user.id),
            )
        ],
        "contact_requests": _requests(user),
        "contact_notifications": [
            row_data(row)
            for row in _rows(ContactNotification, ContactNotification.user_id == user.id)
        ],
        "blocks": [
            row_data(block, blocked_member=member_name(block.blocked))
            for block in _rows(MemberBlock, MemberBlock.blocker_id == user.id)
        ],
        "reports": [
            row_data(report)
            for report in _rows(RequestReport, RequestReport.reporter_id == user.id)
        ],
        "mentorships": _mentorships(user),
        "notifications": [
            row_data(row, message=row.message)
            for row in _rows(Notification, Notification.user_id == user.id)
        ],
        "organisation": _organisation(user),
        "guidance": guidance_export(user),
        **proposals_export(user, row_data),
        **personal_sessions(user, row_data),
        **personal_circles(user, row_data),
    }


def _profile(user: User) -> dict[str, Any] | None:
    profile = db.session.scalar(select(Profile).where(Profile.user_id == user.id))
    if profile is None:
        return None
    return row_data(
        profile,
        place=profile.place.name if profile.place else None,
        # The re-encoded copies we keep of their photo (under UPLOAD_DIR).
        photo_files=images.stored_files("photos", profile.photo),
        skills=[
            row_data(row, skill=_skill_name(row.skill_id))
            for row in _rows(MemberSkill, MemberSkill.profile_id == profile.id)
        ],
        mentor_wishes=[
            row_data(row, skill=_skill_name(row.skill_id))
            for row in _rows(MentorWish, MentorWish.profile_id == profile.id)
        ],
        languages=[
            row_data(row)
            for row in _rows(ProfileLanguage, ProfileLanguage.profile_id == profile.id)
        ],
        modes=[row_data(row) for row in _rows(ProfileMode, ProfileMode.profile_id == profile.id)],
    )


def _preferences(user: User) -> dict[str, Any] | None:
    preferences = db.session.get(ContactPreferences, user.id)
    return row_data(preferences) if preferences is not None else None


def _articles(user: User) -> list[dict[str, Any]]:
    return [
        row_data(
            article,
            tags=[row_data(row) for row in _rows(ArticleTag, ArticleTag.article_id == article.id)],
            topics=[
                row_data(row) for row in _rows(ArticleTopic, ArticleTopic.article_id == article.id)
            ],
            skills=[
                row_data(row, skill=_skill_name(row.skill_id))
                for row in _rows(ArticleSkill, ArticleSkill.article_id == article.id)
            ],
            revisions=[
                row_data(row)
                for row in _rows(ArticleRevision, ArticleRevision.article_id == article.id)
            ],
        )
        for article in _rows(
            Article, Article.author_id == user.id, Article.kind == ArticleKind.ARTICLE
        )
    ]


def _other_revisions(user: User) -> list[dict[str, Any]]:
    """Revisions they saved of articles that are not theirs (staff moderating)."""
    return [
        row_data(revision, article_title=revision.article.title)
        for revision in _rows(
            ArticleRevision,
            ArticleRevision.author_id == user.id,
            ArticleRevision.article.has(
                or_(Article.author_id.is_(None), Article.author_id != user.id)
            ),
        )
    ]


def _needs(user: User) -> list[dict[str, Any]]:
    return [
        row_data(
            need,
            skills=[
                row_data(row, skill=_skill_name(row.skill_id))
                for row in _rows(NeedSkill, NeedSkill.need_id == need.id)
            ],
            modes=[row_data(row) for row in _rows(NeedMode, NeedMode.need_id == need.id)],
            # Answers to their need, signed as the need's page signs them.
            responses=[
                row_data(response, author=member_name(response.author))
                for response in _rows(NeedResponse, NeedResponse.need_id == need.id)
            ],
        )
        for need in _rows(Need, Need.author_id == user.id)
    ]


def _requests(user: User) -> list[dict[str, Any]]:
    requests = _rows(
        ContactRequest,
        or_(ContactRequest.sender_id == user.id, ContactRequest.recipient_id == user.id),
    )
    entries = []
    for contact_request in requests:
        # A request from a member they blocked never reached them: not theirs to see.
        if not request_visible_to(contact_request, user):
            continue
        other = contact_request.other_party(user)
        extra: dict[str, Any] = {
            "direction": "sent" if contact_request.sender_id == user.id else "received",
            "other_member": member_name(other),
            "messages": [row_data(message) for message in visible_messages(contact_request, user)],
        }
        if contact_request.status is RequestStatus.ACCEPTED:
            details = shared_details(other)
            extra["other_member_shares"] = {
                "email": details.email,
                "phone": details.phone,
                "website": details.website,
            }
        entries.append(row_data(contact_request, **extra))
    return entries


def _mentorships(user: User) -> list[dict[str, Any]]:
    mentorships = _rows(
        Mentorship, or_(Mentorship.mentor_id == user.id, Mentorship.mentee_id == user.id)
    )
    return [
        row_data(
            mentorship,
            role="mentor" if mentorship.mentor_id == user.id else "mentee",
            other_member=member_name(mentorship.other_party(user)),
            notes=[
                row_data(note)
                for note in _rows(MentorshipNote, MentorshipNote.mentorship_id == mentorship.id)
            ],
        )
        for mentorship in mentorships
    ]


def _organisation(user: User) -> dict[str, Any] | None:
    """The organisation of a partner account, with its offers."""
    partner = db.session.scalar(select(Partner).where(Partner.user_id == user.id))
    if partner is None:
        return None
    offers = [
        row_data(
            offer,
            modes=[row_data(row) for row in _rows(OfferMode, OfferMode.offer_id == offer.id)],
            languages=[
                row_data(row) for row in _rows(OfferLanguage, OfferLanguage.offer_id == offer.id)
            ],
            skills=[
                row_data(row, skill=_skill_name(row.skill_id))
                for row in _rows(OfferSkill, OfferSkill.offer_id == offer.id)
            ],
        )
        for offer in _rows(Offer, Offer.partner_id == partner.id)
    ]
    return row_data(
        partner,
        logo_files=images.stored_files("logos", partner.logo),
        languages=[
            row_data(row)
            for row in _rows(PartnerLanguage, PartnerLanguage.partner_id == partner.id)
        ],
        offers=offers,
    )
