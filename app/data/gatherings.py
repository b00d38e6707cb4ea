"""Sessions and peer circles in the bulk format: checking, importing and exporting them.

A session is known by its organiser, title and start; a circle by its facilitator and
name: importing a file twice creates each once. Registrations and board messages are
members' own doings, not community data: they stay out of the file (a member takes
theirs along in their personal export).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import available_timezones

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.accounts.models import Role, User, normalise_email
from app.circles.models import (
    MAX_SIZE,
    Admission,
    CircleKind,
    CircleMembership,
    CircleVisibility,
    MembershipStatus,
    PeerCircle,
)
from app.circles.models import NAME_LENGTH as CIRCLE_NAME_LENGTH
from app.clock import as_utc
from app.data.checker import first_seen, object_entries, quote
from app.extensions import db
from app.i18n import LANGUAGES
from app.members.models import SPOKEN_LANGUAGES
from app.sessions.forms import MAX_CAPACITY, MAX_SKILLS
from app.sessions.models import (
    DEFAULT_TIMEZONE,
    LINK_LENGTH,
    TITLE_LENGTH,
    GuidanceSession,
    OrganiserKind,
    SessionKind,
)
from app.text import fold

SESSION_KEYS = {
    "organiser_email",
    "title",
    "description",
    "language",
    "kind",
    "modes",
    "place",
    "country",
    "address",
    "online_link",
    "starts",
    "ends",
    "timezone",
    "capacity",
    "languages",
    "price",
    "public",
    "skills",
}
CIRCLE_KEYS = {
    "facilitator_email",
    "name",
    "theme",
    "language",
    "kind",
    "online",
    "place",
    "country",
    "size_limit",
    "admission",
    "visibility",
    "skills",
    "members",
}
SESSION_MODES = ("in_person", "online")
DESCRIPTION_LENGTH = 20_000
THEME_LENGTH = 5000


@dataclass
class SessionEntry:
    path: str
    organiser_email: str
    title: str
    description: str
    language: str
    kind: SessionKind
    modes: list[str]
    place_id: int | None
    address: str
    online_link: str
    starts: datetime | None
    ends: datetime | None
    timezone: str
    capacity: int
    languages: list[str]
    price: str
    public: bool
    skills: list = field(default_factory=list)
    exists: bool = False


@dataclass
class CircleEntry:
    path: str
    facilitator_email: str
    name: str
    theme: str
    language: str
    kind: CircleKind
    online: bool
    place_id: int | None
    size_limit: int
    admission: Admission
    visibility: CircleVisibility
    skills: list = field(default_factory=list)
    members: list[str] = field(default_factory=list)
    exists: bool = False


def _person(context, entry: dict, key: str, path: str) -> str:
    """The e-mail of a member the file or the database has (not an organisation's account)."""
    email = context.checker.email(entry, key, path, required=True)
    if email and email not in context.authors:
        context.checker.problem(f"{path}.{key}", f"no member with the address {quote(email)}")
    return email


def check_sessions(context, items: list) -> list[SessionEntry]:
    """The file's sessions, checked as the session form checks them."""
    checker = context.checker
    existing = {
        (email, title, as_utc(starts))
        for email, title, starts in db.session.execute(
            select(func.lower(User.email), GuidanceSession.title, GuidanceSession.starts_at).join(
                User, User.id == GuidanceSession.organiser_id
            )
        )
    }
    entries: list[SessionEntry] = []
    seen: dict[tuple, str] = {}
    for path, entry in object_entries(checker, items, "sessions", "a session"):
        checker.keys(entry, SESSION_KEYS, path)
        organiser = _person(context, entry, "organiser_email", path)
        title = checker.text(entry, "title", path, TITLE_LENGTH, required=True)
        modes = checker.choice_list(entry, "modes", path, SESSION_MODES) or ["in_person"]
        place_id = context.places.read(checker, entry, path)
        online_link = checker.url(entry, "online_link", path)
        if "in_person" in modes and place_id is None and not entry.get("place"):
            checker.problem(f"{path}.place", "is missing (the session is in person)")
        if "online" in modes and not online_link and not entry.get("online_link"):
            checker.problem(f"{path}.online_link", "is missing (the session is online)")
        if len(online_link) > LINK_LENGTH:
            checker.problem(f"{path}.online_link", f"has more than {LINK_LENGTH} characters")
        starts = checker.moment(entry, "starts", path)
        ends = checker.moment(entry, "ends", path)
        if entry.get("starts") is None:
            checker.problem(f"{path}.starts", "is missing")
        if entry.get("ends") is None:
            checker.problem(f"{path}.ends", "is missing")
        if starts and ends and ends <= starts:
            checker.problem(f"{path}.ends", "must come after starts")
        zone = checker.text(entry, "timezone", path, 64) or DEFAULT_TIMEZONE
        if zone not in available_timezones():
            checker.problem(f"{path}.timezone", f"unknown time zone {quote(zone)}")
            zone = DEFAULT_TIMEZONE
        languages = checker.choice_list(entry, "languages", path, SPOKEN_LANGUAGES)
        language = checker.choice(entry, "language", path, LANGUAGES, "nl")
        session = SessionEntry(
            path=path,
            organiser_email=organiser,
            title=title,
            description=checker.text(
                entry, "description", path, DESCRIPTION_LENGTH, multiline=True
            ),
            language=language,
            kind=SessionKind(
                checker.choice(entry, "kind", path, SessionKind, SessionKind.WORKSHOP.value)
            ),
            modes=modes,
            place_id=place_id if "in_person" in modes else None,
            address=checker.text(entry, "address", path, 300) if "in_person" in modes else "",
            online_link=online_link if "online" in modes else "",
            starts=starts,
            ends=ends,
            timezone=zone,
            capacity=checker.number(entry, "capacity", path, 1, MAX_CAPACITY, 12),
            languages=languages or [language],
            price=checker.text(entry, "price", path, 100),
            public=checker.flag(entry, "public", path, default=True),
            skills=context.skills.read_list(checker, entry, "skills", path, MAX_SKILLS),
        )
        key = (organiser, fold(title), starts)
        if (
            title
            and starts
            and first_seen(seen, key, path, checker, f"{path}.title", "this session")
        ):
            session.exists = (organiser, title, as_utc(starts)) in existing
            entries.append(session)
    return entries


def check_circles(context, items: list) -> list[CircleEntry]:
    """The file's circles, checked as the circle form checks them."""
    checker = context.checker
    existing = set(
        db.session.execute(
            select(func.lower(User.email), PeerCircle.name).join(
                User, User.id == PeerCircle.facilitator_id
            )
        ).all()
    )
    entries: list[CircleEntry] = []
    seen: dict[tuple, str] = {}
    for path, entry in object_entries(checker, items, "circles", "a peer circle"):
        checker.keys(entry, CIRCLE_KEYS, path)
        facilitator = _person(context, entry, "facilitator_email", path)
        name = checker.text(entry, "name", path, CIRCLE_NAME_LENGTH, required=True)
        online = checker.flag(entry, "online", path)
        place_id = context.places.read(checker, entry, path)
        if not online and place_id is None and not entry.get("place"):
            checker.problem(f"{path}.place", "is missing (the circle is not online)")
        size = checker.number(entry, "size_limit", path, 2, MAX_SIZE, 8)
        members: dict[str, None] = {}
        for where, item in checker.items(entry, "members", path):
            email = normalise_email(item) if isinstance(item, str) else ""
            if email not in context.authors:
                checker.problem(where, f"no member with the address {quote(item)}")
            elif email != facilitator:
                members[email] = None
        if len(members) + 1 > size:
            checker.problem(
                f"{path}.members",
                f"has {len(members) + 1} members with the facilitator; the size limit is {size}",
            )
        circle = CircleEntry(
            path=path,
            facilitator_email=facilitator,
            name=name,
            theme=checker.text(entry, "theme", path, THEME_LENGTH, required=True, multiline=True),
            language=checker.choice(entry, "language", path, SPOKEN_LANGUAGES, "nl"),
            kind=CircleKind(
                checker.choice(entry, "kind", path, CircleKind, CircleKind.OTHER.value)
            ),
            online=online,
            place_id=place_id,
            size_limit=size,
            admission=Admission(
                checker.choice(entry, "admission", path, Admission, Admission.OPEN.value)
            ),
            visibility=CircleVisibility(
                checker.choice(
                    entry, "visibility", path, CircleVisibility, CircleVisibility.MEMBERS.value
                )
            ),
            skills=context.skills.read_list(checker, entry, "skills", path, MAX_SKILLS),
            members=list(members),
        )
        key = (facilitator, fold(name))
        if name and first_seen(seen, key, path, checker, f"{path}.name", "this circle"):
            circle.exists = (facilitator, name) in existing
            entries.append(circle)
    return entries


def add_session(entry: SessionEntry, users: dict[str, int], roles: dict[int, Role], skill) -> None:
    """Add a checked session; the caller flushes and commits."""
    from app.partners.models import Partner
    from app.skills.models import Skill

    organiser_id = users[entry.organiser_email]
    role = roles.get(organiser_id)
    kind = OrganiserKind.MEMBER
    partner_id = None
    if role in (Role.STAFF, Role.ADMIN):
        kind = OrganiserKind.STAFF
    elif role is Role.PARTNER:
        # An organisation's account organises in the organisation's name.
        partner_id = db.session.scalar(select(Partner.id).where(Partner.user_id == organiser_id))
        kind = OrganiserKind.PARTNER if partner_id else kind
    session = GuidanceSession(
        title=entry.title,
        description=entry.description,
        language=entry.language,
        kind=entry.kind,
        online="online" in entry.modes,
        in_person="in_person" in entry.modes,
        place_id=entry.place_id,
        address=entry.address,
        online_link=entry.online_link,
        starts_at=as_utc(entry.starts),
        ends_at=as_utc(entry.ends),
        timezone=entry.timezone,
        capacity=entry.capacity,
        languages=",".join(entry.languages),
        price=entry.price,
        public=entry.public,
        organiser_id=organiser_id,
        organiser_kind=kind,
        partner_id=partner_id,
    )
    session.skills = [db.session.get(Skill, skill(ref)) for ref in dict.fromkeys(entry.skills)]
    db.session.add(session)


def add_circle(entry: CircleEntry, users: dict[str, int], skill) -> None:
    """Add a checked circle with its facilitator and members; the caller commits."""
    from app.skills.models import Skill

    facilitator_id = users[entry.facilitator_email]
    circle = PeerCircle(
        name=entry.name,
        theme=entry.theme,
        language=entry.language,
        kind=entry.kind,
        online=entry.online,
        place_id=entry.place_id,
        facilitator_id=facilitator_id,
        size_limit=entry.size_limit,
        admission=entry.admission,
        visibility=entry.visibility,
    )
    circle.skills = [db.session.get(Skill, skill(ref)) for ref in dict.fromkeys(entry.skills)]
    circle.memberships = [
        CircleMembership(user_id=user_id, status=MembershipStatus.MEMBER)
        for user_id in dict.fromkeys([facilitator_id, *(users[email] for email in entry.members)])
    ]
    db.session.add(circle)


def export_sessions(names, emails: dict[int, str]) -> list[dict[str, Any]]:
    """Every session (with an organiser still here) as the file writes it."""
    from app.data.exporter import _compact, iso_moment

    sessions = db.session.scalars(
        select(GuidanceSession)
        .where(GuidanceSession.organiser_id.is_not(None))
        .options(selectinload(GuidanceSession.skills), selectinload(GuidanceSession.place))
    ).all()
    entries = []
    for session in sessions:
        place, country = names.place(session.place)
        modes = [m for m in SESSION_MODES if getattr(session, m)]
        entry = _compact(
            {
                "organiser_email": emails[session.organiser_id],
                "title": session.title,
                "description": session.description,
                "language": session.language,
                "kind": session.kind.value,
                "modes": modes,
                "place": place,
                "country": country,
                "address": session.address,
                "online_link": session.online_link,
                "starts": iso_moment(session.starts_at),
                "ends": iso_moment(session.ends_at),
                "timezone": session.timezone,
                "capacity": session.capacity,
                "languages": session.language_list,
                "price": session.price,
                "skills": [names.skill(skill) for skill in session.skills],
            }
        )
        entry["public"] = session.public
        entries.append(entry)
    entries.sort(key=lambda e: (e["organiser_email"], e["starts"], e["title"].casefold()))
    return entries


def export_circles(names, emails: dict[int, str]) -> list[dict[str, Any]]:
    """Every circle (with a facilitator) and its members, as the file writes them."""
    from app.data.exporter import _compact

    circles = db.session.scalars(
        select(PeerCircle)
        .where(PeerCircle.facilitator_id.is_not(None))
        .options(selectinload(PeerCircle.skills), selectinload(PeerCircle.memberships))
    ).all()
    entries = []
    for circle in circles:
        place, country = names.place(circle.place)
        entry = _compact(
            {
                "facilitator_email": emails[circle.facilitator_id],
                "name": circle.name,
                "theme": circle.theme,
                "language": circle.language,
                "kind": circle.kind.value,
                "online": circle.online,
                "place": place,
                "country": country,
                "size_limit": circle.size_limit,
                "admission": circle.admission.value,
                "visibility": circle.visibility.value,
                "skills": [names.skill(skill) for skill in circle.skills],
                "members": sorted(
                    emails[m.user_id] for m in circle.members if m.user_id != circle.facilitator_id
                ),
            }
        )
        entries.append(entry)
    entries.sort(key=lambda e: (e["facilitator_email"], e["name"].casefold()))
    return entries
