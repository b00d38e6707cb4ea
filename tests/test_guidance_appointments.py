"""Appointments: slots across DST, booking, the concurrent last slot, moving, cancelling,
who sees a description, and reminders sent once."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, time, timedelta
from email.message import EmailMessage

import icalendar
import pytest
from sqlalchemy import func, select

from app.accounts.models import Role
from app.clock import as_utc, utcnow
from app.extensions import db
from app.guidance import scheduling
from app.guidance.models import Absence, Appointment, AppointmentStatus, Mode
from app.guidance.scheduling import BookingRefused, available_slots, book
from tests.guidance_scene import make_adviser, make_appointment, make_member, make_office, topics
from tests.helpers import PASSWORD, post_form
from tests.mail import smtp_server  # noqa: F401

WEEKDAYS = tuple(range(7))


@pytest.fixture
def scene(world):
    """An office in Gent, a staff adviser there every day 09:00-12:00, a member in Gent."""
    topics()
    gent = make_office("Gent", "Gent")
    adviser = make_adviser(
        offices=(gent,),
        locale="fr",
        hours=tuple((day, time(9), time(12), gent) for day in WEEKDAYS),
    )
    member = make_member(locale="nl")
    return {"office": gent, "adviser": adviser, "member": member}


def first_slot(adviser, index: int = 0):
    return available_slots(adviser, date.today(), 14)[index]


def ics_of(message: EmailMessage) -> icalendar.Calendar:
    (part,) = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    return icalendar.Calendar.from_ical(part.get_content())


# --- slots ---------------------------------------------------------------------------------------


def test_slots_keep_their_wall_clock_time_across_the_spring_change(world):
    topics()
    adviser = make_adviser(hours=((0, time(9), time(10), None),))
    # Summer time starts on Sunday 29 March 2026: Monday 9:00 is 8:00 UTC before, 7:00 after.
    slots = available_slots(adviser, date(2026, 3, 23), 14, now=datetime(2026, 3, 1, tzinfo=UTC))
    assert [s.starts_at for s in slots] == [
        datetime(2026, 3, 23, 8, 0, tzinfo=UTC),
        datetime(2026, 3, 23, 8, 30, tzinfo=UTC),
        datetime(2026, 3, 30, 7, 0, tzinfo=UTC),
        datetime(2026, 3, 30, 7, 30, tzinfo=UTC),
    ]
    assert {s.local_start.strftime("%H:%M") for s in slots} == {"09:00", "09:30"}


def test_slots_across_the_autumn_change_and_in_the_skipped_hour(world):
    topics()
    adviser = make_adviser(hours=((6, time(1, 30), time(3, 30), None),), slot_minutes=30)
    now = datetime(2026, 1, 1, tzinfo=UTC)
    # 29 March 2026: 02:00-03:00 does not exist in Brussels; no slot starts in it.
    spring = available_slots(adviser, date(2026, 3, 29), 1, now=now)
    assert [s.local_start.strftime("%H:%M") for s in spring] == ["01:30", "03:00"]
    assert [s.starts_at.hour for s in spring] == [0, 1]
    # 25 October 2026, winter time comes back: 01:30 local is 23:30 UTC the day before.
    autumn = available_slots(adviser, date(2026, 10, 25), 1, now=now)
    assert autumn[0].starts_at == datetime(2026, 10, 24, 23, 30, tzinfo=UTC)
    assert autumn[-1].starts_at == datetime(2026, 10, 25, 2, 0, tzinfo=UTC)  # 03:00 CET
    assert len({s.starts_at for s in autumn}) == len(autumn)


def test_days_off_booked_slots_and_the_past_have_no_slots(world):
    topics()
    adviser = make_adviser(hours=((0, time(9), time(10), None),))
    member = make_member()
    now = datetime(2030, 1, 1, tzinfo=UTC)
    db.session.add(
        Absence(adviser_id=adviser.id, first_day=date(2030, 1, 7), last_day=date(2030, 1, 7))
    )
    db.session.commit()
    make_appointment(adviser, member, datetime(2030, 1, 14, 8, 0, tzinfo=UTC))
    slots = available_slots(adviser, date(2030, 1, 7), 14, now=now)
    assert [s.starts_at for s in slots] == [datetime(2030, 1, 14, 8, 30, tzinfo=UTC)]
    later = datetime(2030, 1, 14, 8, 10, tzinfo=UTC)
    assert [s.starts_at for s in available_slots(adviser, date(2030, 1, 14), 1, now=later)] == [
        datetime(2030, 1, 14, 8, 30, tzinfo=UTC)
    ]


# --- booking ------------------------------------------------------------------------------------


def test_a_member_books_a_slot_and_both_get_a_mail_with_an_ics(
    scene,
    client,
    auth,
    smtp_server,  # noqa: F811
):
    adviser, member = scene["adviser"], scene["member"]
    slot = first_slot(adviser)
    auth.login(member.email, PASSWORD)
    url = f"/guidance/advisers/{adviser.id}/book?slot={slot.key}"
    page = client.get(url).get_data(as_text=True)
    assert "Sara Staff" in page and "sara@staff.example.org" not in page
    response = post_form(
        client,
        f"/guidance/advisers/{adviser.id}/book",
        {"slot": slot.key, "topic": "pricing", "mode": "office", "description": "Mijn uurtarief"},
        page=url,
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    appointment = db.session.scalar(select(Appointment))
    assert as_utc(appointment.starts_at) == slot.starts_at
    assert appointment.office_id == scene["office"].id and appointment.region == "BE-VLG"
    messages = smtp_server.wait_for(2)
    assert sorted(m["To"] for m in messages) == sorted([member.email, adviser.user.email])
    (to_member,) = smtp_server.to(member.email)
    (to_adviser,) = smtp_server.to(adviser.user.email)
    assert to_member["Content-Language"] == "nl" and "Afspraak" in to_member["Subject"]
    assert to_adviser["Content-Language"] == "fr" and "Rendez-vous" in to_adviser["Subject"]
    event = ics_of(to_member).walk("VEVENT")[0]
    assert event.decoded("dtstart") == slot.starts_at
    assert event.decoded("dtend") == slot.ends_at
    assert "Kortrijksesteenweg" in str(event["location"])
    # The slot is gone from the adviser's page.
    assert slot.key not in client.get(f"/guidance/advisers/{adviser.id}").get_data(as_text=True)


def test_booking_refuses_bad_input_and_keeps_it(scene, client, auth):
    adviser, member = scene["adviser"], scene["member"]
    member.locale = "en"
    db.session.commit()
    slot = first_slot(adviser)
    auth.login(member.email, PASSWORD)
    url = f"/guidance/advisers/{adviser.id}/book?slot={slot.key}"
    for data, message in [
        ({"topic": "pricing", "mode": "video", "description": ""}, "Say in a few words"),
        ({"topic": "nonsense", "mode": "video", "description": "x"}, "Not a valid choice"),
        ({"topic": "pricing", "mode": "fax", "description": "x"}, "Not a valid choice"),
        ({"topic": "pricing", "mode": "video", "description": "x" * 5000}, "at most 2000"),
        ({"topic": "pricing", "mode": "video", "description": "a\x00b"}, "invisible"),
    ]:
        response = post_form(
            client, f"/guidance/advisers/{adviser.id}/book", {"slot": slot.key, **data}, page=url
        )
        assert response.status_code == 200
        assert message in response.get_data(as_text=True)
    response = post_form(
        client,
        f"/guidance/advisers/{adviser.id}/book",
        {"slot": "garbage", "topic": "pricing", "mode": "video", "description": "<b>hoi</b>"},
        page=url,
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "&lt;b&gt;hoi&lt;/b&gt;" in page and "<b>hoi" not in page
    assert db.session.scalar(select(func.count(Appointment.id))) == 0


def test_the_office_mode_needs_an_office_slot(world):
    topics()
    adviser = make_adviser(hours=((d, time(9), time(10), None) for d in WEEKDAYS))
    member = make_member()
    slot = first_slot(adviser)
    with pytest.raises(BookingRefused):
        book(member, adviser, slot.starts_at, "pricing", Mode.OFFICE, "x")
    assert book(member, adviser, slot.starts_at, "pricing", Mode.PHONE, "x").office_id is None


def test_two_members_booking_the_last_slot_at_once_exactly_one_gets_it(scene, app, monkeypatch):
    adviser = scene["adviser"]
    other = make_member("bea@example.org", "Bea Claes")
    slot = first_slot(adviser)
    ids = {"adviser": adviser.id, "members": [scene["member"].id, other.id]}
    db.session.remove()
    barrier = threading.Barrier(2)
    found = scheduling.find_slot

    def find_then_wait(*args, **kwargs):
        # Both have seen the slot free before either writes: only the database decides.
        result = found(*args, **kwargs)
        barrier.wait(timeout=10)
        return result

    monkeypatch.setattr(scheduling, "find_slot", find_then_wait)
    outcomes = []

    def attempt(member_id):
        with app.app_context():
            from app.accounts.models import User
            from app.guidance.models import Adviser

            try:
                book(
                    db.session.get(User, member_id),
                    db.session.get(Adviser, ids["adviser"]),
                    slot.starts_at,
                    "pricing",
                    Mode.VIDEO,
                    "tegelijk",
                )
                outcomes.append("booked")
            except BookingRefused as refused:
                outcomes.append(refused.field)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=attempt, args=(m,)) for m in ids["members"]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["booked", "slot"]
    assert db.session.scalar(select(func.count(Appointment.id))) == 1


def test_moving_and_cancelling_tell_the_other_with_the_reason(
    scene,
    client,
    auth,
    smtp_server,  # noqa: F811
):
    adviser, member = scene["adviser"], scene["member"]
    slot, later = first_slot(adviser), first_slot(adviser, 3)
    appointment = book(member, adviser, slot.starts_at, "pricing", Mode.VIDEO, "Mijn tarieven")
    url = f"/guidance/appointments/{appointment.id}"
    auth.login(member.email, PASSWORD)
    response = post_form(
        client, f"{url}/change", {"slot": later.key, "reason": "Ik ben ziek"}, page=url
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert as_utc(db.session.get(Appointment, appointment.id).starts_at) == later.starts_at
    (moved,) = smtp_server.to(adviser.user.email)
    assert "Ik ben ziek" in moved.get_body().get_content() and "déplacé" in moved["Subject"]
    assert ics_of(moved).walk("VEVENT")[0].decoded("dtstart") == later.starts_at
    # The first slot is free again; a move needs a reason.
    assert slot.starts_at in {s.starts_at for s in available_slots(adviser, date.today(), 14)}
    response = post_form(client, f"{url}/change", {"slot": "", "reason": ""}, page=url)
    assert response.status_code == 400 and "Zeg waarom" in response.get_data(as_text=True)
    # The adviser cancels.
    auth.logout()
    auth.login(adviser.user.email, PASSWORD)
    response = post_form(client, f"{url}/change", {"slot": "", "reason": "Congé"}, page=url)
    assert response.status_code == 302
    db.session.expire_all()
    row = db.session.get(Appointment, appointment.id)
    assert row.status is AppointmentStatus.CANCELLED and row.cancelled_by_id == adviser.user_id
    cancelled = smtp_server.to(member.email)[-1]
    assert "geannuleerd" in cancelled["Subject"] and "Congé" in cancelled.get_body().get_content()
    assert ics_of(cancelled)["method"] == "CANCEL"
    # Nothing more to change.
    response = post_form(client, f"{url}/change", {"slot": "", "reason": "nog eens"}, page=url)
    assert response.status_code == 400


def test_moving_onto_a_taken_slot_is_refused(scene):
    adviser, member = scene["adviser"], scene["member"]
    bea = make_member("bea@example.org", "Bea Claes")
    first, second = first_slot(adviser), first_slot(adviser, 1)
    mine = book(member, adviser, first.starts_at, "pricing", Mode.VIDEO, "x")
    book(bea, adviser, second.starts_at, "pricing", Mode.VIDEO, "y")
    with pytest.raises(BookingRefused):
        scheduling.move(mine, member, second.starts_at, "later")


# --- who sees what ------------------------------------------------------------------------------


@pytest.fixture
def booked(scene):
    slot = first_slot(scene["adviser"])
    appointment = book(
        scene["member"], scene["adviser"], slot.starts_at, "pricing", Mode.OFFICE, "Geheim plan"
    )
    liege = make_office("Liège", "Liège")
    make_adviser("luc@staff.example.org", "Luc Staff", offices=(liege,))
    make_adviser("gert@staff.example.org", "Gert Staff", offices=(scene["office"],))
    make_member("bea@example.org", "Bea Claes")
    return appointment


@pytest.mark.parametrize(
    ("email", "status"),
    [
        ("an@example.org", 200),  # the member
        ("sara@staff.example.org", 200),  # the adviser
        ("gert@staff.example.org", 200),  # staff of the office
        ("luc@staff.example.org", 404),  # staff of another office
        ("bea@example.org", 404),  # another member
    ],
)
def test_an_appointments_description_is_seen_only_by_those_concerned(
    booked, client, auth, email, status
):
    auth.login(email, PASSWORD)
    response = client.get(f"/guidance/appointments/{booked.id}")
    assert response.status_code == status
    assert ("Geheim plan" in response.get_data(as_text=True)) is (status == 200)


def test_an_anonymous_visitor_is_sent_to_sign_in(booked, client):
    response = client.get(f"/guidance/appointments/{booked.id}")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_staff_of_the_office_cannot_change_it_and_others_get_404(booked, client, auth):
    url = f"/guidance/appointments/{booked.id}"
    auth.login("gert@staff.example.org", PASSWORD)
    assert post_form(client, f"{url}/change", {"reason": "x"}, page=url).status_code == 403
    auth.logout()
    auth.login("bea@example.org", PASSWORD)
    response = post_form(client, f"{url}/change", {"reason": "x"}, page="/guidance/")
    assert response.status_code == 404


def test_the_agenda_lists_the_advisers_appointments(booked, client, auth):
    auth.login("sara@staff.example.org", PASSWORD)
    page = client.get("/guidance/agenda").get_data(as_text=True)
    assert "An Peeters" in page and "an@example.org" not in page
    auth.logout()
    auth.login("an@example.org", PASSWORD)
    assert client.get("/guidance/agenda").status_code == 403


# --- reminders ----------------------------------------------------------------------------------


def test_reminders_go_out_the_day_before_once(scene, runner, smtp_server):  # noqa: F811
    adviser, member = scene["adviser"], scene["member"]
    tomorrow = (
        (utcnow() + timedelta(days=1))
        .astimezone(scheduling.LOCAL)
        .replace(hour=10, minute=0, second=0, microsecond=0)
    )
    make_appointment(adviser, member, tomorrow.astimezone(UTC))
    make_appointment(adviser, member, (tomorrow + timedelta(days=1)).astimezone(UTC))
    cancelled = make_appointment(adviser, member, (tomorrow + timedelta(hours=1)).astimezone(UTC))
    cancelled.status = AppointmentStatus.CANCELLED
    db.session.commit()
    base = ["guidance", "send-reminders", "--base-url", "https://gilde.example.org"]
    assert runner.invoke(args=["guidance", "send-reminders"]).exit_code == 2
    result = runner.invoke(args=base)
    assert result.exit_code == 0, result.output
    assert "Sent 2 reminders for 1 appointments" in result.output
    assert sorted(m["To"] for m in smtp_server.wait_for(2)) == sorted(
        [member.email, adviser.user.email]
    )
    assert (
        "https://gilde.example.org/guidance/appointments/"
        in smtp_server.messages[0].get_body().get_content()
    )
    again = runner.invoke(args=base)
    assert "Sent 0 reminders for 0 appointments" in again.output
    assert len(smtp_server.messages) == 2


def test_a_staff_member_without_adviser_profile_has_no_agenda(world, client, auth):
    from tests.helpers import make_user

    make_user("admin@example.org", role=Role.ADMIN)
    auth.login("admin@example.org", PASSWORD)
    assert client.get("/guidance/agenda").status_code == 403
