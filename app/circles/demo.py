"""Circles for the demo community: open and on request, online and in person, with meetings."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from app.accounts.models import Role, User
from app.circles.models import (
    Admission,
    CircleKind,
    CircleMembership,
    CircleMessage,
    CircleVisibility,
    MembershipStatus,
    PeerCircle,
)
from app.clock import utcnow
from app.extensions import db
from app.places.gazetteer import resolve_place
from app.sessions.models import DEFAULT_TIMEZONE, GuidanceSession, Registration, RegistrationStatus
from app.skills.taxonomy import resolve_skill

# (name, kind, language, place or None for online, skill, size, admission, members, theme)
DEMO_CIRCLES = (
    (
        "Intervisie grafisch ontwerpers Gent",
        CircleKind.INTERVISION,
        "nl",
        "Gent",
        "pricing",
        8,
        Admission.ON_REQUEST,
        6,
        "Elke maand een casus van een van ons: een moeilijke klant, een offerte, een planning.",
    ),
    (
        "Cercle des starters liégeois",
        CircleKind.STARTERS,
        "fr",
        "Liège",
        "boekhouding",
        10,
        Admission.OPEN,
        7,
        "Pour celles et ceux qui démarrent : on partage nos premiers pas et nos outils.",
    ),
    (
        "Freelance translators' circle",
        CircleKind.TRADE,
        "en",
        None,
        None,
        6,
        Admission.OPEN,
        6,
        "Translators working from home: rates, tools, and keeping clients. We meet online.",
    ),
)


def add_demo_circles() -> int:
    """Add the demo circles with members, a board and meetings (one past); commits."""
    members = db.session.scalars(
        select(User).where(User.role == Role.MEMBER).order_by(User.id).limit(60)
    ).all()
    if len(members) < 30:
        return 0
    zone = ZoneInfo(DEFAULT_TIMEZONE)
    today = utcnow().astimezone(zone).date()
    for number, (name, kind, lang, place, skill, size, admission, count, theme) in enumerate(
        DEMO_CIRCLES
    ):
        found = resolve_place(place) if place else None
        facilitator = members[number]
        circle = PeerCircle(
            name=name,
            theme=theme,
            language=lang,
            kind=kind,
            online=found is None,
            place=found,
            facilitator_id=facilitator.id,
            size_limit=size,
            admission=admission,
            visibility=CircleVisibility.PUBLIC if number == 1 else CircleVisibility.MEMBERS,
        )
        named = resolve_skill(skill) if skill else None
        circle.skills = [named] if named else []
        db.session.add(circle)
        db.session.flush()
        group = [facilitator, *members[20 + number * 10 : 20 + number * 10 + count - 1]]
        for member in group:
            db.session.add(
                CircleMembership(
                    circle_id=circle.id, user_id=member.id, status=MembershipStatus.MEMBER
                )
            )
        if admission is Admission.ON_REQUEST:
            db.session.add(
                CircleMembership(
                    circle_id=circle.id,
                    user_id=members[-1].id,
                    status=MembershipStatus.REQUESTED,
                    motivation="Ik zou graag aansluiten.",
                )
            )
        db.session.add(CircleMessage(circle_id=circle.id, author_id=facilitator.id, body=theme))
        for days in (-14, 14):
            start = datetime.combine(today + timedelta(days=days), time(18), zone)
            meeting = GuidanceSession(
                title=name,
                description=theme,
                language=lang,
                online=found is None,
                in_person=found is not None,
                place=found,
                online_link="" if found else "https://meet.example.org/gilde-circle",
                starts_at=start.astimezone(ZoneInfo("UTC")),
                ends_at=(start + timedelta(hours=2)).astimezone(ZoneInfo("UTC")),
                capacity=size,
                languages=lang,
                organiser_id=facilitator.id,
                circle_id=circle.id,
                public=False,
            )
            db.session.add(meeting)
            db.session.flush()
            for member in group:
                db.session.add(
                    Registration(
                        session_id=meeting.id,
                        user_id=member.id,
                        status=RegistrationStatus.REGISTERED,
                        attended=True if days < 0 else None,
                    )
                )
    db.session.commit()
    return len(DEMO_CIRCLES)
