"""Sessions for the demo community: some past (with attendance), most upcoming."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from app.accounts.models import Role, User
from app.clock import utcnow
from app.extensions import db
from app.places.gazetteer import resolve_place
from app.sessions.models import (
    DEFAULT_TIMEZONE,
    GuidanceSession,
    Registration,
    RegistrationStatus,
    SessionKind,
)
from app.skills.taxonomy import resolve_skill

# (days from today, hour, title, kind, language, place or None for online, skill, capacity)
DEMO_SESSIONS = (
    (-21, 10, "Je uurtarief berekenen", SessionKind.WORKSHOP, "nl", "Gent", "pricing", 12),
    (-7, 14, "Fixer ses prix sans se brader", SessionKind.WORKSHOP, "fr", "Liège", "pricing", 10),
    (3, 19, "Intervisie voor starters", SessionKind.PEER_EXCHANGE, "nl", None, "pricing", 8),
    (5, 9, "Coworkingdag in Antwerpen", SessionKind.COWORKING, "nl", "Antwerpen", None, 20),
    (
        9,
        10,
        "Séance d'info : démarrer comme indépendant·e",
        SessionKind.INFORMATION,
        "fr",
        "Namur",
        "boekhouding",
        30,
    ),
    (
        16,
        13,
        "Bookkeeping basics for freelancers",
        SessionKind.TRAINING,
        "en",
        None,
        "boekhouding",
        2,
    ),
    (30, 10, "Netwerken zonder schrik", SessionKind.WORKSHOP, "nl", "Leuven", None, 15),
)


def add_demo_sessions() -> int:
    """Add the demo sessions with registrations from demo members; returns how many. Commits."""
    members = db.session.scalars(
        select(User).where(User.role == Role.MEMBER).order_by(User.id).limit(40)
    ).all()
    if len(members) < 10:
        return 0
    zone = ZoneInfo(DEFAULT_TIMEZONE)
    today = utcnow().astimezone(zone).date()
    for number, (days, hour, title, kind, lang, place, skill, capacity) in enumerate(DEMO_SESSIONS):
        start = datetime.combine(today + timedelta(days=days), time(hour), zone)
        found = resolve_place(place) if place else None
        session = GuidanceSession(
            title=title,
            description=f"**{title}**\n\n" + "Breng je vragen mee. / Apportez vos questions.",
            language=lang,
            kind=kind,
            online=found is None,
            in_person=found is not None,
            place=found,
            online_link="" if found else "https://meet.example.org/gilde-demo",
            starts_at=start.astimezone(ZoneInfo("UTC")),
            ends_at=(start + timedelta(hours=2)).astimezone(ZoneInfo("UTC")),
            capacity=capacity,
            languages=lang,
            organiser_id=members[number].id,
        )
        named = resolve_skill(skill) if skill else None
        session.skills = [named] if named else []
        db.session.add(session)
        db.session.flush()
        for offset, member in enumerate(members[10 + number : 10 + number + capacity + 1]):
            status = (
                RegistrationStatus.REGISTERED if offset < capacity else RegistrationStatus.WAITING
            )
            db.session.add(
                Registration(
                    session_id=session.id,
                    user_id=member.id,
                    status=status,
                    attended=(offset % 4 != 0)
                    if days < 0 and status.value == "registered"
                    else None,
                )
            )
    db.session.commit()
    return len(DEMO_SESSIONS)
