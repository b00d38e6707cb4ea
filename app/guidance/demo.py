"""The demo's guidance: six offices, their advisers, weekly hours, appointments and questions."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from sqlalchemy import select

from app.accounts.models import Role, User
from app.clock import utcnow
from app.extensions import db
from app.guidance.models import (
    Adviser,
    AdviserKind,
    AdviserOffice,
    AdviserTopic,
    Appointment,
    AppointmentStatus,
    Helped,
    Mode,
    Office,
    Question,
    WeeklyHours,
)
from app.guidance.scheduling import LOCAL
from app.guidance.topics import load_topics
from app.places.gazetteer import resolve_place

#: (office, place, address, languages, adviser name, topics)
OFFICES = (
    (
        "Brussel / Bruxelles",
        "Brussel",
        "Rue Royale 10, 1000 Bruxelles",
        "nl fr en",
        "Nadia El Amrani",
        ("starting-out", "international-work", "contracts"),
    ),
    (
        "Gent",
        "Gent",
        "Kortrijksesteenweg 100, 9000 Gent",
        "nl en",
        "Pieter Van Damme",
        ("pricing", "invoicing", "taxes"),
    ),
    (
        "Antwerpen",
        "Antwerpen",
        "Meir 50, 2000 Antwerpen",
        "nl en",
        "Els Janssens",
        ("social-security", "funding", "starting-out"),
    ),
    (
        "Liège",
        "Liège",
        "Place Saint-Lambert 5, 4000 Liège",
        "fr",
        "Julien Lambert",
        ("taxes", "contracts", "intellectual-property"),
    ),
    (
        "Namur",
        "Namur",
        "Rue de Fer 20, 5000 Namur",
        "fr nl",
        "Sophie Dubois",
        ("funding", "pricing"),
    ),
    (
        "Charleroi",
        "Charleroi",
        "Boulevard Tirou 30, 6000 Charleroi",
        "fr",
        "Marc Lefèvre",
        ("invoicing", "social-security", "finding-clients"),
    ),
)
HOURS = "Maandag-vrijdag 9:00-17:00 / Lundi-vendredi 9h-17h"


def _staff(name: str) -> User:
    email = f"{name.lower().replace(' ', '.').replace('è', 'e')}@staff.demo.gilde.example"
    user = User.by_email(email)
    if user is None:
        user = User(email=email, name=name, role=Role.STAFF, locale=None)
        user.set_unusable_password()
        db.session.add(user)
        db.session.flush()
    return user


def load_guidance_demo(demo_email: str | None = None) -> int:
    """Add the demo offices and advisers (once), with appointments and questions of the
    demo members; returns how many offices were created."""
    load_topics()
    if db.session.scalar(select(Office.id).limit(1)) is not None:
        return 0
    members = db.session.scalars(
        select(User).where(User.role == Role.MEMBER).order_by(User.id).limit(40)
    ).all()
    today = utcnow().astimezone(LOCAL).date()
    created = 0
    for number, (office_name, place, address, languages, name, topics) in enumerate(OFFICES):
        office = Office(
            name=office_name,
            address=address,
            place=resolve_place(place, "BE"),
            languages=languages,
            opening_hours=HOURS,
            description="",
        )
        adviser = Adviser(
            user_id=_staff(name).id,
            kind=AdviserKind.STAFF,
            headline=office_name,
            languages=languages,
            modes="office video phone",
            slot_minutes=45,
        )
        adviser.topics = [AdviserTopic(topic_id=t) for t in topics]
        adviser.offices = [AdviserOffice(office=office)]
        # Office days on Tuesday and Thursday, remote hours on Wednesday morning.
        adviser.hours = [
            WeeklyHours(weekday=1, starts=time(9), ends=time(12, 45), office=office),
            WeeklyHours(weekday=3, starts=time(13, 30), ends=time(17), office=office),
            WeeklyHours(weekday=2, starts=time(9), ends=time(12)),
        ]
        db.session.add_all([office, adviser])
        db.session.flush()
        created += 1
        for offset, member in enumerate(members[number :: len(OFFICES)]):
            day = today + timedelta(days=offset * 9 - 30)
            starts = datetime.combine(day, time(10), tzinfo=LOCAL).astimezone(UTC)
            mode = (Mode.OFFICE, Mode.VIDEO, Mode.PHONE)[offset % 3]
            past = starts < utcnow()
            db.session.add(
                Appointment(
                    adviser_id=adviser.id,
                    member_id=member.id,
                    office_id=office.id if mode is Mode.OFFICE else None,
                    topic_id=topics[offset % len(topics)],
                    mode=mode,
                    description="Demo",
                    region=office.region,
                    starts_at=starts,
                    ends_at=starts + timedelta(minutes=45),
                    status=AppointmentStatus.BOOKED,
                    helped=(Helped.YES, Helped.PARTLY)[offset % 2] if past else None,
                    could_be_remote=(offset % 3 == 1) if past else None,
                )
            )
            if offset % 2 == 0:
                db.session.add(
                    Question(
                        member_id=member.id,
                        topic_id=topics[-1],
                        mode=Mode.VIDEO,
                        body="Demo: waar begin ik? / par où commencer ?",
                        region=office.region,
                    )
                )
    db.session.commit()
    return created
