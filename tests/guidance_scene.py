"""Factories for the guidance tests: offices, advisers with hours, members with a region."""

from __future__ import annotations

from datetime import UTC, datetime, time

from app.accounts.models import Role
from app.extensions import db
from app.guidance.models import (
    Adviser,
    AdviserKind,
    AdviserOffice,
    AdviserTopic,
    Appointment,
    Mode,
    Office,
    WeeklyHours,
)
from app.guidance.topics import load_topics
from app.members.models import Profile
from app.places.gazetteer import resolve_place
from tests.helpers import make_user

#: A Monday in winter time; its week and the next are free of holidays in the tests.
MONDAY = datetime(2030, 1, 7, tzinfo=UTC)


def make_office(name: str = "Gent", place: str = "Gent", **fields) -> Office:
    office = Office(
        name=name,
        address=fields.pop("address", "Kortrijksesteenweg 1"),
        place=resolve_place(place),
        languages=fields.pop("languages", "nl en"),
        **fields,
    )
    db.session.add(office)
    db.session.commit()
    return office


def make_adviser(
    email: str = "sara@staff.example.org",
    name: str = "Sara Staff",
    offices: tuple[Office, ...] = (),
    topics: tuple[str, ...] = ("pricing", "taxes"),
    modes: str = "office video phone",
    kind: AdviserKind = AdviserKind.STAFF,
    locale: str | None = None,
    hours: tuple[tuple[int, time, time, Office | None], ...] = (),
    slot_minutes: int = 30,
) -> Adviser:
    """A staff member (or, for a peer, a member) with an adviser profile and weekly hours."""
    role = Role.STAFF if kind is AdviserKind.STAFF else Role.MEMBER
    user = make_user(email=email, name=name, role=role, locale=locale)
    adviser = Adviser(
        user_id=user.id,
        kind=kind,
        headline="Adviseur prijszetting",
        languages="nl fr",
        modes=modes,
        slot_minutes=slot_minutes,
    )
    adviser.topics = [AdviserTopic(topic_id=t) for t in topics]
    adviser.offices = [AdviserOffice(office_id=o.id) for o in offices]
    adviser.hours = [
        WeeklyHours(weekday=day, starts=start, ends=end, office_id=office.id if office else None)
        for day, start, end, office in hours
    ]
    db.session.add(adviser)
    db.session.commit()
    return adviser


def make_member(email: str = "an@example.org", name: str = "An Peeters", place="Gent", **fields):
    """A member with a profile in ``place`` (its region routes their questions)."""
    user = make_user(email=email, name=name, **fields)
    db.session.add(
        Profile(user_id=user.id, display_name=name, place=resolve_place(place) if place else None)
    )
    db.session.commit()
    return user


def topics() -> None:
    load_topics()


def make_appointment(adviser, member, starts_at, **fields) -> Appointment:
    from datetime import timedelta

    appointment = Appointment(
        adviser_id=adviser.id,
        member_id=member.id,
        topic_id=fields.pop("topic_id", "pricing"),
        mode=fields.pop("mode", Mode.VIDEO),
        description=fields.pop("description", "Mijn tarieven"),
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=30),
        **fields,
    )
    db.session.add(appointment)
    db.session.commit()
    return appointment
