"""Sessions: places and the waiting list (also under concurrency), cancelling, time zones,
calendars and feeds, what each viewer may see, reminders and the forms."""

from __future__ import annotations

import threading
from datetime import UTC, timedelta

import icalendar
import pytest
from sqlalchemy import func, select

from app.clock import utcnow
from app.extensions import db
from app.notifications.models import Notification, NotificationKind
from app.sessions.commands import send_reminders
from app.sessions.models import (
    CalendarFeed,
    GuidanceSession,
    Registration,
    RegistrationStatus,
)
from app.sessions.registrations import cancel_registration, register
from tests.helpers import make_user, post_form
from tests.mail import body_of, smtp_server  # noqa: F401


def make_session(organiser, **fields) -> GuidanceSession:
    """Add and commit a session starting in two days, for two hours."""
    start = fields.pop("starts_at", utcnow() + timedelta(days=2))
    values = {
        "title": "Prijszetting voor starters",
        "description": "We rekenen **samen** je uurtarief uit.",
        "language": "nl",
        "starts_at": start,
        "ends_at": start + timedelta(hours=2),
        "capacity": 2,
        "online": True,
        "in_person": False,
        "online_link": "https://meet.example.org/prijs",
        "languages": "nl",
        "organiser_id": organiser.id,
    }
    values.update(fields)
    session = GuidanceSession(**values)
    db.session.add(session)
    db.session.commit()
    return session


@pytest.fixture(autouse=True)
def in_request(app):
    """The service functions build links for their mails, as they do within a request."""
    with app.test_request_context("/", base_url="https://gilde.example.org"):
        yield


@pytest.fixture
def people(app):
    return {
        "organiser": make_user("org@example.org", "Olga Organiser"),
        "an": make_user("an@example.org", "An Peeters", locale="nl"),
        "bo": make_user("bo@example.org", "Bo Lambert", locale="fr"),
        "cy": make_user("cy@example.org", "Cy Janssens", locale="en"),
    }


def status_of(session_id: int, user) -> RegistrationStatus:
    return db.session.scalar(
        select(Registration.status).where(
            Registration.session_id == session_id, Registration.user_id == user.id
        )
    )


def test_a_full_session_queues_and_a_freed_place_goes_to_the_first_waiting(
    people,
    smtp_server,  # noqa: F811
):
    session = make_session(people["organiser"], capacity=1)
    assert register(session, people["an"]).status is RegistrationStatus.REGISTERED
    assert register(session, people["bo"]).status is RegistrationStatus.WAITING
    assert register(session, people["cy"]).status is RegistrationStatus.WAITING
    # Registering again changes nothing.
    assert register(session, people["bo"]).status is RegistrationStatus.WAITING

    assert cancel_registration(session, people["an"])
    assert status_of(session.id, people["an"]) is RegistrationStatus.CANCELLED
    assert status_of(session.id, people["bo"]) is RegistrationStatus.REGISTERED
    assert status_of(session.id, people["cy"]) is RegistrationStatus.WAITING

    (mail,) = smtp_server.wait_for(1)
    assert mail["To"] == "bo@example.org"
    assert mail["Content-Language"] == "fr"
    assert f"/sessions/{session.id}" in body_of(mail)
    assert db.session.scalar(
        select(func.count(Notification.id)).where(
            Notification.user_id == people["bo"].id,
            Notification.kind == NotificationKind.SESSION_PLACE,
        )
    )


def test_two_members_taking_the_last_place_at_once_one_gets_it(app, people):
    """Real threads, each with its own connection, against the real database."""
    session = make_session(people["organiser"], capacity=1)
    ids = (session.id, people["an"].id, people["bo"].id)
    db.session.remove()
    barrier = threading.Barrier(2)
    errors = []

    def take(user_id: int) -> None:
        from app.accounts.models import User

        try:
            with app.app_context():
                one = db.session.get(GuidanceSession, ids[0])
                user = db.session.get(User, user_id)
                barrier.wait()
                register(one, user)
                db.session.remove()
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    for _round in range(3):
        threads = [threading.Thread(target=take, args=(uid,)) for uid in ids[1:]]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not errors
        statuses = sorted(
            db.session.scalars(
                select(Registration.status).where(Registration.session_id == ids[0])
            ).all()
        )
        assert statuses == [RegistrationStatus.REGISTERED, RegistrationStatus.WAITING]
        # Free the place again for the next round.
        db.session.execute(Registration.__table__.delete())
        db.session.commit()
        db.session.remove()


def test_cancelling_a_session_tells_everyone(client, auth, people, smtp_server):  # noqa: F811
    session = make_session(people["organiser"], capacity=1)
    register(session, people["an"])
    register(session, people["bo"])
    auth.login("org@example.org")
    response = post_form(client, f"/sessions/{session.id}/cancel", page=f"/sessions/{session.id}")
    assert response.status_code == 302
    mails = smtp_server.wait_for(2)
    assert {m["To"] for m in mails} == {"an@example.org", "bo@example.org"}
    db.session.expire_all()
    assert db.session.get(GuidanceSession, session.id).cancelled_at is not None
    # A cancelled session leaves the agenda and takes no registrations.
    assert "Prijszetting" not in client.get("/sessions/").get_data(as_text=True)


def test_only_the_organiser_cancels_or_sees_participants(client, auth, people):
    session = make_session(people["organiser"])
    auth.login("an@example.org")
    assert client.get(f"/sessions/{session.id}/participants").status_code == 403
    response = post_form(client, f"/sessions/{session.id}/cancel", page=f"/sessions/{session.id}")
    assert response.status_code == 403
    db.session.expire_all()
    assert db.session.get(GuidanceSession, session.id).cancelled_at is None


def test_the_online_link_is_for_those_with_a_place(client, auth, people):
    session = make_session(people["organiser"], capacity=1)
    link = "https://meet.example.org/prijs"
    url = f"/sessions/{session.id}"
    assert link not in client.get(url).get_data(as_text=True)
    auth.login("bo@example.org")
    assert link not in client.get(url).get_data(as_text=True)
    register(session, people["an"])
    register(session, people["bo"])  # waiting: no link yet
    assert link not in client.get(url).get_data(as_text=True)
    auth.logout()
    auth.login("an@example.org")
    assert link in client.get(url).get_data(as_text=True)
    # Nor is it in the calendar file anyone can download.
    assert link.encode() not in client.get(f"/sessions/{session.id}.ics").data


def test_a_members_only_session_is_hidden_from_anonymous_visitors(client, auth, people):
    session = make_session(people["organiser"], public=False, title="Intervisie")
    assert client.get(f"/sessions/{session.id}").status_code == 404
    assert client.get(f"/sessions/{session.id}.ics").status_code == 404
    assert "Intervisie" not in client.get("/sessions/").get_data(as_text=True)
    assert b"Intervisie" not in client.get("/sessions/public.ics").data
    auth.login("an@example.org")
    assert client.get(f"/sessions/{session.id}").status_code == 200
    assert "Intervisie" in client.get("/sessions/").get_data(as_text=True)


def test_past_sessions_leave_the_agenda(client, people):
    make_session(people["organiser"], title="Voorbij", starts_at=utcnow() - timedelta(days=1))
    make_session(people["organiser"], title="Binnenkort")
    page = client.get("/sessions/").get_data(as_text=True)
    assert "Binnenkort" in page and "Voorbij" not in page


def session_form(**overrides) -> dict:
    data = {
        "title": "Boekhouding in de lente",
        "kind": "workshop",
        "description": "Alles over je *kwartaalaangifte*.",
        "language": "nl",
        "modes": ["in_person"],
        "place": "Gent",
        "address": "Korenmarkt 1",
        "date": "2026-03-29",
        "start_time": "10:00",
        "end_time": "12:00",
        "timezone": "Europe/Brussels",
        "capacity": "10",
        "languages": ["nl"],
        "price": "",
        "public": "y",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("day", "utc_hour"),
    [("2026-03-28", 9), ("2026-03-29", 8), ("2026-10-24", 8), ("2026-10-25", 9)],
)
def test_times_are_stored_in_utc_and_shown_local_across_daylight_saving(
    client, auth, people, world, day, utc_hour
):
    auth.login("org@example.org")
    response = post_form(client, "/sessions/new", session_form(date=day))
    assert response.status_code == 302, response.get_data(as_text=True)
    session = db.session.scalar(select(GuidanceSession))
    starts = session.starts_at.replace(tzinfo=session.starts_at.tzinfo or UTC)
    assert starts.astimezone(UTC).hour == utc_hour
    page = client.get(response.location).get_data(as_text=True)
    assert "10:00" in page and "12:00" in page
    calendar = icalendar.Calendar.from_ical(client.get(f"/sessions/{session.id}.ics").data)
    (event,) = calendar.walk("VEVENT")
    start = event.decoded("dtstart")
    assert (start.hour, str(start.tzinfo)) == (10, "Europe/Brussels")
    assert start.astimezone(UTC).hour == utc_hour
    assert calendar.walk("VTIMEZONE")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"end_time": "09:00"}, "must end after it starts"),
        ({"capacity": "0"}, "between 1 and"),
        ({"capacity": "veel"}, "valid integer"),
        ({"capacity": ""}, "Give the number of places"),
        (
            {"modes": ["online"], "online_link": "javascript:alert(1)"},
            "starting with https:// or http://",
        ),
        ({"place": "Nergenshuizen-aan-Zee"}, "We do not know the place"),
        ({"title": ""}, "Give the session a title"),
        ({"modes": []}, "Choose online, in person or both"),
    ],
)
def test_the_form_refuses_bad_input_and_keeps_what_was_typed(
    client, auth, people, world, overrides, message
):
    auth.login("org@example.org")
    response = post_form(client, "/sessions/new", session_form(**overrides))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert message in page
    assert "Korenmarkt 1" in page
    assert db.session.scalar(select(func.count(GuidanceSession.id))) == 0


def test_the_session_calendar_file_parses_back(client, people):
    session = make_session(people["organiser"], title="Netwerkmoment", address="Markt 3")
    response = client.get(f"/sessions/{session.id}.ics")
    assert response.mimetype == "text/calendar"
    calendar = icalendar.Calendar.from_ical(response.data)
    (event,) = calendar.walk("VEVENT")
    assert str(event["summary"]) == "Netwerkmoment"
    assert str(event["uid"]) == f"session-{session.id}@gilde"
    assert "Markt 3" in str(event["location"])
    assert str(event["url"]).endswith(f"/sessions/{session.id}")
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(hours=2)


def test_the_private_feed_shows_my_sessions_and_renewing_kills_the_old_address(
    client, auth, people
):
    mine = make_session(people["organiser"], title="Mijn sessie")
    make_session(people["organiser"], title="Andere sessie")
    register(mine, people["an"])
    auth.login("an@example.org")
    page = client.get("/sessions/mine").get_data(as_text=True)
    assert "feed-url" not in page and "Mijn privéadres maken" in page  # a GET makes none
    assert db.session.get(CalendarFeed, people["an"].id) is None
    made = post_form(client, "/sessions/feed/renew", page="/sessions/mine", follow_redirects=True)
    assert "Je privéadres voor je agenda is klaar." in made.get_data(as_text=True)
    token = db.session.scalar(
        select(CalendarFeed.token).where(CalendarFeed.user_id == people["an"].id)
    )
    old = client.get(f"/sessions/feed/{token}.ics")
    calendar = icalendar.Calendar.from_ical(old.data)
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == ["Mijn sessie"]

    assert post_form(client, "/sessions/feed/renew", page="/sessions/mine").status_code == 302
    db.session.expire_all()
    new = db.session.scalar(
        select(CalendarFeed.token).where(CalendarFeed.user_id == people["an"].id)
    )
    assert new != token
    assert client.get(f"/sessions/feed/{token}.ics").status_code == 404
    assert client.get(f"/sessions/feed/{new}.ics").status_code == 200
    auth.logout()
    assert client.get("/sessions/feed/not-a-token.ics").status_code == 404


def test_the_public_feed_lists_upcoming_public_sessions(client, people):
    make_session(people["organiser"], title="Open workshop")
    make_session(people["organiser"], title="Gesloten", public=False)
    make_session(people["organiser"], title="Gisteren", starts_at=utcnow() - timedelta(days=1))
    calendar = icalendar.Calendar.from_ical(client.get("/sessions/public.ics").data)
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == ["Open workshop"]


def test_reminders_go_out_once(runner, people, smtp_server):  # noqa: F811
    soon = make_session(people["organiser"], starts_at=utcnow() + timedelta(hours=20))
    later = make_session(people["organiser"], starts_at=utcnow() + timedelta(days=3))
    register(soon, people["an"])
    register(later, people["bo"])
    first = runner.invoke(
        args=["sessions", "send-reminders", "--base-url", "https://gilde.example.org"]
    )
    assert first.exit_code == 0, first.output
    assert "1 reminders sent" in first.output
    second = runner.invoke(
        args=["sessions", "send-reminders", "--base-url", "https://gilde.example.org"]
    )
    assert "0 reminders sent" in second.output
    (mail,) = smtp_server.wait_for(1)
    assert mail["To"] == "an@example.org"
    assert send_reminders() == 0
    assert runner.invoke(args=["sessions", "send-reminders"]).exit_code != 0  # no address


def test_the_organiser_writes_to_participants_and_marks_attendance(
    client,
    auth,
    people,
    smtp_server,  # noqa: F811
):
    session = make_session(people["organiser"], capacity=3)
    register(session, people["an"])
    register(session, people["bo"])
    auth.login("org@example.org")
    url = f"/sessions/{session.id}/participants"
    page = client.get(url).get_data(as_text=True)
    assert "An Peeters" in page and "an@example.org" not in page
    response = post_form(
        client,
        f"/sessions/{session.id}/message",
        {"subject": "Neem je laptop mee", "body": "Tot morgen!"},
        page=url,
    )
    assert response.status_code == 302
    mails = smtp_server.wait_for(2)
    assert all("Tot morgen!" in body_of(m) for m in mails)

    db.session.get(GuidanceSession, session.id).starts_at = utcnow() - timedelta(hours=3)
    db.session.get(GuidanceSession, session.id).ends_at = utcnow() - timedelta(hours=1)
    db.session.commit()
    response = post_form(client, url, {"present": [str(people["an"].id)]})
    assert response.status_code == 302
    db.session.expire_all()
    attended = dict(
        db.session.execute(
            select(Registration.user_id, Registration.attended).where(
                Registration.session_id == session.id
            )
        ).all()
    )
    assert attended == {people["an"].id: True, people["bo"].id: False}


def test_registering_through_the_pages(client, auth, people):
    session = make_session(people["organiser"], capacity=1)
    url = f"/sessions/{session.id}"
    auth.login("an@example.org")
    post_form(client, f"{url}/register", page=url)
    auth.logout()
    auth.login("bo@example.org")
    response = post_form(client, f"{url}/register", page=url, follow_redirects=True)
    assert "liste d" in response.get_data(as_text=True)  # Bo reads French
    assert status_of(session.id, people["bo"]) is RegistrationStatus.WAITING
    assert client.post(f"{url}/register").status_code == 400  # no CSRF token


def test_a_leaving_member_passes_the_place_on_and_calls_off_what_they_organise(people):
    from app.accounts.deletion import WritingChoice, delete_account

    taken = make_session(people["cy"], capacity=1, title="Cy's workshop")
    full = make_session(people["organiser"], capacity=1)
    register(full, people["an"])
    register(full, people["bo"])
    register(taken, people["an"])
    delete_account(people["an"], WritingChoice.DELETE)
    db.session.expire_all()
    assert status_of(full.id, people["bo"]) is RegistrationStatus.REGISTERED
    delete_account(db.session.get(type(people["cy"]), people["cy"].id), WritingChoice.DELETE)
    db.session.expire_all()
    assert db.session.get(GuidanceSession, taken.id).cancelled_at is not None


def test_the_demo_has_past_and_upcoming_sessions_with_a_waiting_list(app, world, client):
    from app.sessions.demo import DEMO_SESSIONS, add_demo_sessions

    for number in range(45):
        make_user(f"demo{number}@example.org", f"Demo {number}")
    assert add_demo_sessions() == len(DEMO_SESSIONS)
    sessions = db.session.scalars(select(GuidanceSession)).all()
    assert any(s.is_past for s in sessions) and any(not s.is_past for s in sessions)
    assert any(s.waiting for s in sessions)
    assert any(r.attended for s in sessions if s.is_past for r in s.registrations)
    assert all(s.place is not None for s in sessions if s.in_person)
    page = client.get("/sessions/").get_data(as_text=True)
    assert "Netwerken zonder schrik" in page and "Je uurtarief berekenen" not in page


def test_the_home_page_offers_sessions_in_my_region_or_online(client, auth, people, world):
    from app.places.gazetteer import resolve_place
    from tests.test_members import make_profile

    make_profile(people["an"], place="Gent")
    organiser = people["organiser"]
    near = make_session(
        organiser,
        title="Boekhouden in Gent",
        online=False,
        in_person=True,
        place=resolve_place("Gent"),
    )
    make_session(
        organiser,
        title="Atelier à Liège",
        online=False,
        in_person=True,
        place=resolve_place("Liège"),
    )
    make_session(organiser, title="Online prijzen")
    joined = make_session(organiser, title="Al ingeschreven", online=True)
    register(joined, people["an"])
    db.session.commit()
    auth.login()
    page = client.get("/").get_data(as_text=True)
    assert "Boekhouden in Gent" in page and "Online prijzen" in page
    assert "Atelier à Liège" not in page and "Al ingeschreven" not in page
    assert f"/sessions/{near.id}" in page


def test_sessions_are_found_in_search_until_they_end(client, auth, people, world):
    from app.search.indexer import apply_outbox
    from tests.helpers import found_titles, search_api

    organiser = people["organiser"]
    make_session(organiser, title="Facturatie voor makers")
    make_session(organiser, title="Facturatie voor leden", public=False)
    make_session(
        organiser,
        title="Facturatie van vorige week",
        starts_at=utcnow() - timedelta(days=8),
    )
    called_off = make_session(organiser, title="Facturatie afgelast")
    called_off.cancelled_at = utcnow()
    db.session.commit()
    apply_outbox()
    anonymous = found_titles(search_api(client, q="facturatie", kind="session"))
    assert anonymous == {"Facturatie voor makers"}
    auth.login()
    member = found_titles(search_api(client, q="facturatie", kind="session"))
    assert member == {"Facturatie voor makers", "Facturatie voor leden"}


def test_the_agenda_filters(client, auth, people, world):
    from app.places.gazetteer import resolve_place
    from app.sessions.models import SessionKind
    from app.skills.taxonomy import resolve_skill

    organiser = people["organiser"]
    soon = utcnow() + timedelta(days=2)
    gent = make_session(
        organiser,
        title="Workshop in Gent",
        online=False,
        in_person=True,
        place=resolve_place("Gent"),
        starts_at=soon,
    )
    gent.skills = [resolve_skill("bookkeeping")]
    make_session(
        organiser,
        title="Formation à Liège",
        kind=SessionKind.TRAINING,
        online=False,
        in_person=True,
        place=resolve_place("Liège"),
        languages="fr",
        starts_at=soon + timedelta(days=20),
    )
    make_session(organiser, title="Online exchange", languages="en,nl", starts_at=soon)
    db.session.commit()
    titles = ("Workshop in Gent", "Formation à Liège", "Online exchange")

    def shown(query: str) -> set[str]:
        page = client.get(f"/sessions/?{query}").get_data(as_text=True)
        return {title for title in titles if title in page}

    assert shown("") == set(titles)
    assert shown("kind=training") == {"Formation à Liège"}
    assert shown("mode=online") == {"Online exchange"}
    assert shown("mode=in_person") == {"Workshop in Gent", "Formation à Liège"}
    assert shown("language=fr") == {"Formation à Liège"}
    assert shown("language=en") == {"Online exchange"}
    assert shown("skill=boekhouding") == {"Workshop in Gent"}
    assert shown("skill=comptabilit%C3%A9") == {"Workshop in Gent"}
    assert shown(f"region={resolve_place('Liège').region}") == {"Formation à Liège"}
    assert shown("near=Gand&radius_km=30") == {"Workshop in Gent"}
    later = (soon + timedelta(days=10)).date().isoformat()
    assert shown(f"date_from={later}") == {"Formation à Liège"}
    assert shown(f"date_to={later}") == {"Workshop in Gent", "Online exchange"}
    # The days are the days of Brussels: a session at 00:30 there is on that day.
    from datetime import datetime
    from zoneinfo import ZoneInfo

    night = datetime(2031, 6, 2, 0, 30, tzinfo=ZoneInfo("Europe/Brussels")).astimezone(UTC)
    make_session(organiser, title="Nachtsessie", starts_at=night)
    night_page = client.get("/sessions/?date_from=2031-06-02&date_to=2031-06-02")
    assert "Nachtsessie" in night_page.get_data(as_text=True)
    assert "Nachtsessie" not in client.get("/sessions/?date_to=2031-06-01").get_data(as_text=True)
    # A range the wrong way round, and nonsense, are told, never a 500.
    backwards = client.get(f"/sessions/?date_from={later}&date_to=2026-01-01")
    assert "The last day cannot come before the first" in backwards.get_data(as_text=True)
    for nonsense in (
        "date_from=gisteren",
        "radius_km=-5&near=Gent",
        "near=Nergenshuizen",
        "kind=x",
    ):
        assert client.get(f"/sessions/?{nonsense}").status_code == 200


def test_a_partner_organisation_organises_a_session(client, auth, people, world):
    from app.sessions.models import OrganiserKind
    from tests.test_partners import make_partner

    desk = make_partner(email="desk@example.org", name="Guichet Liège", verified=False)
    other = make_partner(email="other@example.org", name="Coworking Namur")
    auth.login("desk@example.org")
    form_page = client.get("/sessions/new").get_data(as_text=True)
    assert "Guichet Liège" in form_page and "Coworking Namur" not in form_page
    response = post_form(client, "/sessions/new", session_form(partner=str(desk.id)))
    assert response.status_code == 302
    session = db.session.scalar(select(GuidanceSession))
    assert session.partner_id == desk.id and session.organiser_kind is OrganiserKind.PARTNER
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f'href="/partners/{desk.id}">Guichet Liège' in page
    # Another organisation's name is not one to give.
    refused = post_form(client, "/sessions/new", session_form(partner=str(other.id)))
    assert refused.status_code == 200 and "Not a valid choice" in refused.get_data(as_text=True)
    auth.logout()
    # Staff organise on behalf of any verified organisation.
    from app.accounts.models import Role

    make_user("staff@example.org", "Sam Staff", role=Role.STAFF)
    auth.login("staff@example.org")
    response = post_form(client, "/sessions/new", session_form(partner=str(other.id)))
    assert response.status_code == 302
    assert db.session.scalar(
        select(func.count(GuidanceSession.id)).where(GuidanceSession.partner_id == other.id)
    )
    # Staff editing the organisation's own session keep its organiser.
    edited = post_form(
        client, f"/sessions/{session.id}/edit", session_form(partner=str(desk.id), title="Nieuw")
    )
    assert edited.status_code == 302
    db.session.expire_all()
    kept = db.session.get(GuidanceSession, session.id)
    assert kept.title == "Nieuw" and kept.partner_id == desk.id


def test_sessions_on_a_needs_skills_are_suggested_with_it(client, auth, people, world):
    from app.needs.matching import suggest_sessions
    from app.search.indexer import apply_outbox
    from app.skills.taxonomy import resolve_skill
    from tests.test_needs import make_need

    organiser = people["organiser"]
    bookkeeping = resolve_skill("bookkeeping")
    on_topic = make_session(organiser, title="Boekhouden voor starters")
    on_topic.skills = [bookkeeping]
    members_only = make_session(organiser, title="Boekhouden voor leden", public=False)
    members_only.skills = [bookkeeping]
    over = make_session(
        organiser, title="Boekhouden vorige week", starts_at=utcnow() - timedelta(days=8)
    )
    over.skills = [bookkeeping]
    make_session(organiser, title="Iets anders")
    db.session.commit()
    apply_outbox()
    need = make_need(people["an"])
    apply_outbox()

    class Anonymous:
        is_authenticated = False

    assert [s.item.title for s in suggest_sessions(need, Anonymous())] == [
        "Boekhouden voor starters"
    ]
    assert {s.item.title for s in suggest_sessions(need, people["bo"])} == {
        "Boekhouden voor starters",
        "Boekhouden voor leden",
    }
    auth.login("bo@example.org")
    page = client.get(f"/needs/{need.id}").get_data(as_text=True)
    assert "suggestions-sessions" in page and f"/sessions/{on_topic.id}" in page
    assert "Iets anders" not in page and "vorige week" not in page


def test_search_has_a_date_facet_for_sessions(client, auth, people, world):
    from app.search.indexer import apply_outbox
    from tests.helpers import found_titles, search_api

    organiser = people["organiser"]
    make_session(organiser, title="Facturatie morgen", starts_at=utcnow() + timedelta(days=1))
    make_session(
        organiser, title="Facturatie binnen drie weken", starts_at=utcnow() + timedelta(days=20)
    )
    make_session(organiser, title="Facturatie in de zomer", starts_at=utcnow() + timedelta(days=90))
    apply_outbox()
    answer = search_api(client, q="facturatie", kind="session")
    assert answer["facets"]["when"] == {"week": 1, "month": 2, "later": 1}
    week = search_api(client, q="facturatie", kind="session", when="week")
    assert found_titles(week) == {"Facturatie morgen"}
    month = search_api(client, q="facturatie", when="month")
    assert found_titles(month) == {"Facturatie morgen", "Facturatie binnen drie weken"}
    assert found_titles(search_api(client, q="facturatie", when="later")) == {
        "Facturatie in de zomer"
    }
    assert client.get("/api/v1/search?q=facturatie&when=gisteren").status_code == 400
    # An empty number is no number (the API document says integer).
    assert client.get("/api/v1/search?q=facturatie&per_page=").status_code == 400
    page = client.get("/search/?q=facturatie&kind=session").get_data(as_text=True)
    assert "when=week" in page and "In the coming week" in page
    assert client.get("/search/?q=facturatie&when=%00").status_code == 400
