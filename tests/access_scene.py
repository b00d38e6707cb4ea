"""The objects and signed-in clients the authorization matrix walks the URL map with.

One of each kind of object, most of them An's (tests/personal_scene.py), and a client
for each role: anonymous, An (the owner), Dee (a member with nothing to do with An), Pia
(a partner, owner of the partner and its offer), Sam (staff) and Ada (an administrator).
"""

from __future__ import annotations

import hashlib

from sqlalchemy import select

from app.accounts.models import Role
from app.circles.models import CircleMembership, CircleMessage, PeerCircle
from app.connections.models import ContactRequest, Mentorship, RequestReport, RequestStatus
from app.extensions import db
from app.guidance.models import (
    Absence,
    Adviser,
    AdviserKind,
    Appointment,
    Office,
    Question,
    WeeklyHours,
)
from app.members.models import Profile
from app.needs.models import NeedResponse
from app.notifications.models import Notification
from app.partners.models import Offer, Partner
from app.proposals.models import Proposal, ProposalComment
from app.sessions.models import GuidanceSession
from app.skills.models import Skill
from app.skills.sectors import Sector
from tests.helpers import PASSWORD, make_user, post_form
from tests.personal_scene import AN_EMAIL, build_scene

ROLES = ("anonymous", "owner", "member", "partner", "staff", "admin")
EMAILS = {
    "owner": AN_EMAIL,
    "member": "dee.onbekend@example.org",
    "partner": "pia@example.org",
    "staff": "staff@example.org",
    "admin": "ada.admin@example.org",
}
# Reference data no request changes, left out of the snapshot (thousands of rows).
REFERENCE_TABLES = frozenset(
    {
        "skill_categories",
        "skill_labels",
        "sectors",
        "sector_labels",
        "places",
        "place_names",
        "guidance_topics",
        "alembic_version",
    }
)


def build_access_scene() -> dict[str, object]:
    """Every kind of object, committed; the values of the URL map's arguments by name."""
    scene = build_scene()
    make_user(EMAILS["admin"], "Ada Admin", role=Role.ADMIN)
    an, bo = scene.an, scene.bo

    def one(query):
        return db.session.scalars(query).first()

    peer = one(select(Adviser).where(Adviser.kind == AdviserKind.PEER))
    own_circle = one(select(PeerCircle).where(PeerCircle.facilitator_id == an.id))
    accepted = one(
        select(ContactRequest).where(
            ContactRequest.sender_id == an.id, ContactRequest.status == RequestStatus.ACCEPTED
        )
    )
    return {
        "article_id": scene.an_article.id,
        "draft_id": scene.an_draft.id,
        "bo_article_id": scene.bo_article.id,
        "comment_id": scene.an_comment.id,
        "number": 1,
        "user_id": an.id,
        "bo_id": bo.id,
        "tag": "starten",
        "slug": "pricing",
        "page_slug": "privacy",
        "request_id": accepted.id,
        "mentorship_id": one(select(Mentorship).where(Mentorship.mentee_id == an.id)).id,
        "report_id": one(select(RequestReport)).id,
        "profile_id": one(select(Profile).where(Profile.user_id == an.id)).id,
        "bo_profile_id": one(select(Profile).where(Profile.user_id == bo.id)).id,
        "adviser_id": peer.id,
        "appointment_id": one(select(Appointment).where(Appointment.member_id == an.id)).id,
        "absence_id": one(select(Absence)).id,
        "hours_id": one(select(WeeklyHours)).id,
        "office_id": one(select(Office)).id,
        "question_id": one(select(Question).where(Question.member_id == an.id)).id,
        "notification_id": one(select(Notification).where(Notification.user_id == an.id)).id,
        "partner_id": one(select(Partner)).id,
        "offer_id": one(select(Offer)).id,
        "need_id": scene.an_need.id,
        "response_id": one(select(NeedResponse).where(NeedResponse.need_id == scene.an_need.id)).id,
        "session_id": one(select(GuidanceSession).where(GuidanceSession.organiser_id == an.id)).id,
        "skill_id": one(select(Skill)).id,
        "sector_id": one(select(Sector).where(Sector.slug == "music")).id,
        "table": "months",
        "proposal_id": one(select(Proposal).where(Proposal.author_id == an.id)).id,
        "bo_proposal_id": one(select(Proposal).where(Proposal.author_id == bo.id)).id,
        "proposal_comment_id": one(select(ProposalComment)).id,
        "circle_id": own_circle.id,
        "membership_id": one(
            select(CircleMembership).where(
                CircleMembership.circle_id == own_circle.id, CircleMembership.user_id == bo.id
            )
        ).id,
        "message_id": one(
            select(CircleMessage).where(
                CircleMessage.circle_id == own_circle.id, CircleMessage.author_id == an.id
            )
        ).id,
        "answer": "accept",
        "sign_in_id": 1,
        "token": "no-such-token",
        "size": "200",
        "filename": "css/gilde.css",
    }


def sign_in(app) -> dict[str, object]:
    """A test client per role, signed in (the anonymous one is not)."""
    clients = {"anonymous": app.test_client()}
    for role, email in EMAILS.items():
        client = app.test_client()
        response = post_form(client, "/login", {"email": email, "password": PASSWORD})
        assert response.status_code == 302, (role, response.status_code)
        clients[role] = client
    return clients


def snapshot() -> str:
    """A digest of every row of every table but the reference data."""
    digest = hashlib.sha256()
    with db.engine.connect() as connection:
        for table in db.metadata.sorted_tables:
            if table.name in REFERENCE_TABLES:
                continue
            order = list(table.primary_key.columns) or list(table.columns)
            for row in connection.execute(select(table).order_by(*order)):
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()
