"""Sessions and peer circles in the bulk format: import, idempotence, problems, round trip."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from app.circles.models import MembershipStatus, PeerCircle
from app.data.exporter import export_bulk
from app.data.importer import import_bulk, import_text
from app.data.validation import BulkFileError
from app.extensions import db
from app.sessions.models import GuidanceSession, OrganiserKind
from tests.test_data import fresh_app

pytestmark = pytest.mark.usefixtures("world")


def gatherings() -> dict:
    """Two members, a session of each kind of place, and a circle."""
    return {
        "members": [
            {"email": "an@example.org", "name": "An Peeters"},
            {"email": "bo@example.org", "name": "Bo Dubois", "role": "staff"},
            {"email": "cy@example.org", "name": "Cy Janssens"},
        ],
        "sessions": [
            {
                "organiser_email": "An@Example.org",
                "title": "Boekhouden voor starters",
                "description": "We **oefenen** samen.",
                "language": "nl",
                "kind": "workshop",
                "modes": ["in_person"],
                "place": "Gand",
                "country": "BE",
                "address": "Korenmarkt 1",
                "starts": "2031-03-29T10:00:00+01:00",
                "ends": "2031-03-29T12:00:00+01:00",
                "timezone": "Europe/Brussels",
                "capacity": 10,
                "languages": ["nl", "en"],
                "price": "€ 10",
                "public": False,
                "skills": ["boekhouding"],
            },
            {
                "organiser_email": "bo@example.org",
                "title": "Séance d'info en ligne",
                "language": "fr",
                "kind": "information",
                "modes": ["online"],
                "online_link": "https://meet.example.org/info",
                "starts": "2031-04-02T18:00:00Z",
                "ends": "2031-04-02T19:00:00Z",
            },
        ],
        "circles": [
            {
                "facilitator_email": "an@example.org",
                "name": "Intervisie Gent",
                "theme": "Elke maand een casus.",
                "language": "nl",
                "kind": "intervision",
                "place": "Gent",
                "size_limit": 6,
                "admission": "on_request",
                "visibility": "public",
                "skills": ["prijszetting"],
                "members": ["cy@example.org", "an@example.org"],
            }
        ],
    }


def test_import_creates_the_sessions_and_circles_once(app):
    result = import_bulk(gatherings())
    assert result.created["sessions"] == 2 and result.created["circles"] == 1
    assert "sessions: 2 created" in result.summary()
    workshop, info = db.session.scalars(
        select(GuidanceSession).order_by(GuidanceSession.starts_at)
    ).all()
    assert workshop.place.name == "Gent" and workshop.in_person and not workshop.online
    assert workshop.local_start.hour == 10 and not workshop.public
    assert workshop.language_list == ["nl", "en"]
    assert [skill.slug for skill in workshop.skills] == ["bookkeeping"]
    assert info.online_link == "https://meet.example.org/info" and info.place is None
    assert info.organiser_kind is OrganiserKind.STAFF
    circle = db.session.scalar(select(PeerCircle))
    assert circle.facilitator.email == "an@example.org"
    assert sorted(m.user.email for m in circle.memberships) == [
        "an@example.org",
        "cy@example.org",
    ]
    assert all(m.status is MembershipStatus.MEMBER for m in circle.memberships)
    # A second time: nothing new.
    again = import_bulk(gatherings())
    assert again.created.get("sessions", 0) == 0 and again.existing["sessions"] == 2
    assert again.existing["circles"] == 1
    assert db.session.scalar(select(func.count(GuidanceSession.id))) == 2


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            lambda d: d["sessions"][0].update(ends="2031-03-29T09:00:00+01:00"),
            "sessions[0].ends: must come after starts",
        ),
        (lambda d: d["sessions"][0].update(capacity=0), "sessions[0].capacity: must be from 1"),
        (
            lambda d: d["sessions"][1].update(online_link="javascript:alert(1)"),
            "sessions[1].online_link",
        ),
        (lambda d: d["sessions"][0].update(place="Nergenshuizen"), "unknown place"),
        (lambda d: d["sessions"][0].pop("starts"), "sessions[0].starts: is missing"),
        (lambda d: d["sessions"][0].update(starts="morgen"), "sessions[0].starts: must be a date"),
        (lambda d: d["sessions"][0].update(timezone="Mars/Olympus"), "unknown time zone"),
        (lambda d: d["sessions"][0].update(kind="party"), "sessions[0].kind: unknown value"),
        (lambda d: d["sessions"][0].update(colour="red"), 'unknown key "colour"'),
        (
            lambda d: d["sessions"][0].update(organiser_email="nobody@example.org"),
            "sessions[0].organiser_email: no member",
        ),
        (lambda d: d["circles"][0].update(size_limit=1), "circles[0].size_limit: must be from 2"),
        (
            lambda d: d["circles"][0].update(
                size_limit=2, members=["cy@example.org", "bo@example.org"]
            ),
            "the size limit is 2",
        ),
        (lambda d: d["circles"][0].update(members=["x@example.org"]), "circles[0].members[0]"),
        (lambda d: d["circles"][0].update(theme=""), "circles[0].theme: is empty"),
        (lambda d: d["circles"][0].pop("place"), "circles[0].place: is missing"),
        (lambda d: d["circles"][0].update(admission="all"), "circles[0].admission"),
        (lambda d: d.update(sessions={"a": 1}), "sessions: must be a list"),
        (lambda d: d["sessions"].append("Nope"), "sessions[2]: must be an object"),
        (
            lambda d: d["sessions"].append(dict(d["sessions"][0])),
            "sessions[2].title: this session is also in sessions[0]",
        ),
    ],
)
def test_bad_sessions_and_circles_are_refused_with_their_path(app, change, problem):
    data = gatherings()
    change(data)
    with pytest.raises(BulkFileError) as refused:
        import_bulk(data)
    assert problem in str(refused.value)
    assert db.session.scalar(select(func.count(GuidanceSession.id))) == 0


def test_an_export_brings_the_sessions_and_circles_along(app, tmp_path, world_template):
    import_bulk(gatherings())
    first = export_bulk()
    assert [s["title"] for s in first["sessions"]] == [
        "Boekhouden voor starters",
        "Séance d'info en ligne",
    ]
    assert first["circles"][0]["members"] == ["cy@example.org"]
    second = fresh_app(tmp_path, world_template)
    with second.app_context():
        db.create_all()
        import_text(json.dumps(first))
        assert export_bulk() == first
        db.session.remove()
        db.engine.dispose()
