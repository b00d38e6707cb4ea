"""Peer mentoring: capacity and open places, the race for the last place, notes, appreciations."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import func, select

import app.connections.mentoring as mentoring
from app.accounts.models import Role, User
from app.clock import utcnow
from app.connections.contacts import ConnectionRefused, accept_request
from app.connections.matching import find_mentors
from app.connections.models import (
    ContactRequest,
    Mentorship,
    MentorshipNote,
    MentorshipStatus,
    RequestStatus,
    RequestTopic,
)
from app.extensions import db
from app.members.models import Level, ProfileLanguage, Visibility
from app.skills.taxonomy import resolve_skill
from tests.helpers import csrf_token, post_form
from tests.test_connections import make_member, member, send, signed_in, text


def mentor(
    email,
    name,
    capacity=1,
    skills=("bookkeeping",),
    place="Gent",
    languages=("nl",),
    level=Level.EXPERT,
    visibility=Visibility.MEMBERS,
):
    """A member who offers mentoring in ``skills``; returns (user, profile)."""
    user, profile = member(
        email,
        name,
        visibility=visibility,
        place=place,
        skills=skills,
        mentor=True,
        mentor_capacity=capacity,
    )
    profile.languages = [ProfileLanguage(lang=code) for code in languages]
    for row in profile.skills:
        row.level = level
    db.session.commit()
    return user, profile


def open_mentorship_between(mentor_user, mentee_user) -> Mentorship:
    """An active mentorship made directly, as if a request had been accepted."""
    mentorship = Mentorship(
        mentor_id=mentor_user.id,
        mentee_id=mentee_user.id,
        goals="Leren factureren",
        start_date=utcnow().date(),
        status=MentorshipStatus.ACTIVE,
    )
    db.session.add(mentorship)
    db.session.commit()
    return mentorship


def latest_request() -> ContactRequest:
    db.session.expire_all()
    return db.session.scalar(select(ContactRequest).order_by(ContactRequest.id.desc()))


def accept_via(client, request_id):
    url = f"/connections/{request_id}"
    return post_form(client, url + "/accept", page=url)


# --- the life of a mentorship ------------------------------------------------------------------


def test_an_accepted_mentoring_request_opens_a_mentorship(app, world):
    mia, mia_profile = mentor("mia@example.org", "Mia Mentor", capacity=2)
    max_user, _ = member("max@example.org", "Max Mentee")
    _cas, _ = member("cas@example.org", "Cas Derde")
    mia_client, max_client = signed_in(app, mia.email), signed_in(app, max_user.email)
    cas_client = signed_in(app, "cas@example.org")
    profile_url = f"/members/{mia_profile.id}"

    page = text(max_client.get(profile_url))
    assert "2 open places" in page
    assert f"/connections/new/{mia_profile.id}?topic=mentoring" in page
    assert (
        send(
            max_client, mia_profile, topic="mentoring", message="Ik wil leren boekhouden."
        ).status_code
        == 302
    )
    request_row = latest_request()
    assert accept_via(mia_client, request_row.id).status_code == 302

    mentorship = db.session.scalar(select(Mentorship))
    assert (mentorship.mentor_id, mentorship.mentee_id) == (mia.id, max_user.id)
    assert mentorship.status is MentorshipStatus.ACTIVE
    assert mentorship.goals == "Ik wil leren boekhouden."
    assert mentorship.start_date == utcnow().date()
    assert mentorship.request_id == request_row.id
    assert "1 open place" in text(cas_client.get(profile_url))
    url = f"/connections/mentorships/{mentorship.id}"
    assert url in text(max_client.get(f"/connections/{request_row.id}"))
    assert "Mentored by Mia Mentor" in text(max_client.get("/connections/mentorships"))
    assert "Mentoring Max Mentee" in text(mia_client.get("/connections/mentorships"))

    # Dated notes, by either of the two, newest meeting first.
    yesterday = (utcnow() - timedelta(days=1)).date()
    post_form(
        max_client,
        url + "/notes",
        {"met_on": yesterday.isoformat(), "body": "Eerste les"},
        page=url,
    )
    post_form(
        mia_client,
        url + "/notes",
        {"met_on": utcnow().date().isoformat(), "body": "Tweede les"},
        page=url,
    )
    for client in (mia_client, max_client):
        page = text(client.get(url))
        assert page.index("Tweede les") < page.index("Eerste les")
    assert db.session.scalar(select(func.count(MentorshipNote.id))) == 2
    assert cas_client.get(url).status_code == 404
    assert "Eerste les" not in text(cas_client.get(profile_url))

    response = post_form(
        mia_client,
        url + "/goals",
        {"goals": "Een jaarrekening maken", "start_date": "2025-01-06"},
        page=url,
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Mentorship, mentorship.id).goals == "Een jaarrekening maken"

    # It ends; the place opens again; the mentee thanks the mentor.
    assert (
        post_form(max_client, url + "/close", {"outcome": "completed"}, page=url).status_code == 302
    )
    db.session.expire_all()
    ended = db.session.get(Mentorship, mentorship.id)
    assert ended.status is MentorshipStatus.COMPLETED and ended.ended_on == utcnow().date()
    assert "2 open places" in text(cas_client.get(profile_url))
    thanks = "Mia legde alles geduldig uit."
    assert (
        post_form(max_client, url + "/appreciation", {"text": thanks}, page=url).status_code == 302
    )
    profile_page = text(cas_client.get(profile_url))
    assert thanks in profile_page and "Max Mentee" in profile_page

    # The mentor can hide it from the profile, and show it again.
    post_form(mia_client, url + "/appreciation/visibility", {"hidden": "1"}, page=url)
    assert thanks not in text(cas_client.get(profile_url))
    assert thanks in text(mia_client.get(url))
    post_form(mia_client, url + "/appreciation/visibility", {"hidden": "0"}, page=url)
    assert thanks in text(cas_client.get(profile_url))


def test_a_full_mentor_cannot_be_asked_and_suggests_others(app, world):
    mia, mia_profile = mentor("mia@example.org", "Mia Mentor", capacity=1)
    _noor, noor_profile = mentor("noor@example.org", "Noor Vrij", capacity=1)
    mentee, _ = member("old@example.org", "Oud Mentee")
    open_mentorship_between(mia, mentee)
    max_user, _ = member("max@example.org", "Max Mentee")
    max_client = signed_in(app, max_user.email)

    profile_page = text(max_client.get(f"/members/{mia_profile.id}"))
    assert "No open place at the moment" in profile_page
    assert f"/members/{noor_profile.id}" in profile_page
    assert f"/connections/new/{mia_profile.id}?topic=mentoring" not in profile_page

    form_page = text(max_client.get(f"/connections/new/{mia_profile.id}?topic=mentoring"))
    assert "has no open place for a new mentee" in form_page
    assert "Noor Vrij" in form_page
    refused = send(max_client, mia_profile, topic="mentoring")
    assert refused.status_code == 200 and "no open place" in text(refused)
    assert db.session.scalar(select(func.count(ContactRequest.id))) == 0
    # A question is still welcome.
    assert send(max_client, mia_profile, topic="question").status_code == 302


def test_mentoring_only_from_mentors_and_not_twice(app, world):
    _plain, plain_profile = member("plain@example.org", "Geen Mentor")
    mia, mia_profile = mentor("mia@example.org", "Mia Mentor", capacity=3)
    max_user, _ = member("max@example.org", "Max Mentee")
    max_client = signed_in(app, max_user.email)
    refused = send(max_client, plain_profile, topic="mentoring")
    assert refused.status_code == 200 and "does not offer mentoring" in text(refused)
    open_mentorship_between(mia, max_user)
    again = send(max_client, mia_profile, topic="mentoring")
    assert again.status_code == 200 and "already your mentor" in text(again)


def test_accepting_beyond_capacity_is_refused(app, world):
    mia, mia_profile = mentor("mia@example.org", "Mia Mentor", capacity=1)
    first, _ = member("max@example.org", "Max Mentee")
    second, _ = member("cas@example.org", "Cas Mentee")
    send(signed_in(app, first.email), mia_profile, topic="mentoring")
    first_request = latest_request().id
    send(signed_in(app, second.email), mia_profile, topic="mentoring")
    second_request = latest_request().id
    mia_client = signed_in(app, mia.email)
    assert "no open place" not in text(mia_client.get(f"/connections/{second_request}"))

    accept_via(mia_client, first_request)
    page = text(mia_client.get(f"/connections/{second_request}"))
    assert "no open place for a new mentee" in page
    response = accept_via(mia_client, second_request)
    assert response.status_code == 302
    assert "no open place" in text(mia_client.get(response.headers["Location"]))
    db.session.expire_all()
    assert db.session.get(ContactRequest, second_request).status is RequestStatus.PENDING
    assert db.session.scalar(select(func.count(Mentorship.id))) == 1


def test_two_accepts_at_once_on_the_last_place(app, monkeypatch):
    """Two workers accept two mentees for a mentor's last place at the same time: one wins."""
    mia, _ = mentor("mia@example.org", "Mia Mentor", capacity=1, skills=(), place=None)
    request_ids = []
    for i in range(2):
        mentee, _ = member(f"mentee{i}@example.org", f"Mentee {i}")
        db.session.add(
            ContactRequest(
                sender_id=mentee.id,
                recipient_id=mia.id,
                topic=RequestTopic.MENTORING,
                message="Help me",
                status=RequestStatus.PENDING,
            )
        )
        db.session.commit()
        request_ids.append(db.session.scalar(select(func.max(ContactRequest.id))))
    mia_id = mia.id
    db.session.remove()

    counted = mentoring.count_active_mentorships

    def slow_count(mentor_id):
        result = counted(mentor_id)
        time.sleep(0.3)  # without the lock, both would count 0 here and both would open
        return result

    monkeypatch.setattr(mentoring, "count_active_mentorships", slow_count)
    outcomes = []
    barrier = threading.Barrier(2)

    def accept(request_id):
        with app.app_context():
            try:
                user = db.session.get(User, mia_id)
                contact_request = db.session.get(ContactRequest, request_id)
                barrier.wait()
                accept_request(contact_request, user)
                outcomes.append("accepted")
            except ConnectionRefused:
                outcomes.append("refused")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=accept, args=(rid,)) for rid in request_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["accepted", "refused"]
    assert db.session.scalar(select(func.count(Mentorship.id))) == 1
    statuses = sorted(db.session.get(ContactRequest, rid).status.value for rid in request_ids)
    assert statuses == ["accepted", "pending"]


def test_open_places_by_profile(app, world):
    mia, mia_profile = mentor("mia@example.org", "Mia Mentor", capacity=3)
    _noor, noor_profile = mentor("noor@example.org", "Noor", capacity=1)
    _plain, plain_profile = member("plain@example.org", "Plain")
    mentee, _ = member("max@example.org", "Max")
    open_mentorship_between(mia, mentee)
    places = mentoring.open_places_by_profile([mia_profile, noor_profile, plain_profile])
    assert places == {mia_profile.id: 2, noor_profile.id: 1, plain_profile.id: 0}


# --- find a mentor -----------------------------------------------------------------------------


@pytest.fixture
def mentors(app, world):
    """A seeker in Liège who speaks French, and mentors in bookkeeping around Belgium."""
    seeker, seeker_profile = member(
        "max@example.org", "Max Zoeker", place="Liège", skills=("illustration",)
    )
    seeker_profile.languages = [ProfileLanguage(lang="fr")]
    db.session.commit()
    made = {
        "far_fr": mentor(
            "a@example.org", "Anna Oostende", place="Oostende", languages=("fr", "nl")
        ),
        "near_nl": mentor("b@example.org", "Bram Seraing", place="Seraing", languages=("nl",)),
        "near_fr_experienced": mentor(
            "c@example.org",
            "Chloé Liège",
            place="Liège",
            languages=("fr",),
            level=Level.EXPERIENCED,
        ),
        "full": mentor("d@example.org", "Dirk Vol", place="Liège", languages=("fr",)),
        "hidden": mentor(
            "e@example.org",
            "Eva Verborgen",
            place="Liège",
            languages=("fr",),
            visibility=Visibility.HIDDEN,
        ),
        "public_mid_fr": mentor(
            "g@example.org",
            "Gaëlle Namur",
            place="Namur",
            languages=("fr",),
            visibility=Visibility.PUBLIC,
        ),
    }
    not_mentor, _ = member("f@example.org", "Frank Geen", place="Liège", skills=("bookkeeping",))
    open_mentorship_between(made["full"][0], not_mentor)
    return seeker, made


def test_find_a_mentor_ranks_by_level_then_language_then_distance(mentors):
    seeker, _ = mentors
    matches = find_mentors(resolve_skill("comptabilité"), seeker)
    assert [m.profile.display_name for m in matches] == [
        "Gaëlle Namur",
        "Anna Oostende",
        "Bram Seraing",
        "Chloé Liège",
    ]
    first = matches[0]
    assert first.level is Level.EXPERT and first.open_places == 1
    assert first.shared_languages == ["fr"] and 40 < first.distance_km < 80
    assert matches[2].shared_languages == []


def test_find_a_mentor_page(app, mentors):
    seeker, made = mentors
    client = signed_in(app, seeker.email)
    page = text(client.get("/connections/mentors?skill=boekhouding"))
    order = [
        page.index(name)
        for name in ("Gaëlle Namur", "Anna Oostende", "Bram Seraing", "Chloé Liège")
    ]
    assert order == sorted(order)
    for absent in ("Dirk Vol", "Eva Verborgen", "Frank Geen"):
        assert absent not in page
    assert f"/connections/new/{made['far_fr'][1].id}?topic=mentoring" in page
    # Visitors see only the mentors with a public profile, and cannot ask.
    visitor = text(app.test_client().get("/connections/mentors?skill=boekhouding"))
    assert "Gaëlle Namur" in visitor and "Anna Oostende" not in visitor
    assert "?topic=mentoring" not in visitor


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("zzqqxx", "do not know the skill"),
        ("x" * 101, "at most 100 characters"),
        ("boek\x07houding", "control characters"),
        ("<script>alert(1)</script>", "do not know the skill"),
    ],
)
def test_find_a_mentor_bad_input(app, world, query, message):
    response = app.test_client().get("/connections/mentors", query_string={"skill": query})
    assert response.status_code == 200
    page = text(response)
    assert message in page and "<script>alert(1)" not in page


def test_find_a_mentor_offers_the_members_wishes(app, world):
    user, profile = member("max@example.org", "Max")
    from app.members.models import MentorWish

    profile.mentor_wishes = [MentorWish(skill_id=resolve_skill("negotiation").id)]
    db.session.commit()
    page = text(signed_in(app, user.email).get("/connections/mentors"))
    assert "/connections/mentors?skill=Negotiation" in page


# --- forms and access --------------------------------------------------------------------------


@pytest.fixture
def pair(app):
    """Mia mentors Max: returns (mentorship url, mentor client, mentee client, mentorship id)."""
    mia, _ = mentor("mia@example.org", "Mia Mentor", capacity=2, skills=(), place=None)
    max_user, _ = member("max@example.org", "Max Mentee")
    mentorship = open_mentorship_between(mia, max_user)
    url = f"/connections/mentorships/{mentorship.id}"
    return url, signed_in(app, mia.email), signed_in(app, max_user.email), mentorship.id


def tomorrow_plus(days):
    return (utcnow() + timedelta(days=days)).date().isoformat()


@pytest.mark.parametrize(
    ("suffix", "data", "message"),
    [
        ("/notes", {"met_on": "", "body": "Les"}, "Give a date"),
        ("/notes", {"met_on": "gisteren", "body": "Les"}, "Not a valid date"),
        ("/notes", {"met_on": tomorrow_plus(3), "body": "Les"}, "not in the future"),
        ("/notes", {"met_on": "2025-01-06", "body": ""}, "Write the note."),
        ("/notes", {"met_on": "2025-01-06", "body": "x" * 5001}, "at most 5000 characters"),
        ("/notes", {"met_on": "2025-01-06", "body": "a\x00b"}, "control characters"),
        ("/goals", {"goals": "", "start_date": "2025-01-06"}, "Write the goals"),
        ("/goals", {"goals": "x" * 2001, "start_date": "2025-01-06"}, "at most 2000 characters"),
        ("/goals", {"goals": "Leren", "start_date": "06/01/2025"}, "Not a valid date"),
        ("/close", {"outcome": "active"}, "Not a valid choice"),
        ("/close", {"outcome": ""}, "Choose how the mentorship ends."),
    ],
)
def test_bad_mentorship_input_is_refused(pair, suffix, data, message):
    url, _mentor_client, mentee_client, mentorship_id = pair
    response = post_form(mentee_client, url + suffix, data, page=url)
    assert response.status_code == 200
    assert message.lower() in text(response).lower()
    db.session.expire_all()
    mentorship = db.session.get(Mentorship, mentorship_id)
    assert mentorship.goals == "Leren factureren" and mentorship.is_active
    assert mentorship.appreciation is None and not mentorship.notes


@pytest.mark.parametrize(
    ("data", "message"),
    [({"text": ""}, "Write a few words."), ({"text": "x" * 1001}, "at most 1000 characters")],
)
def test_bad_appreciation_is_refused(pair, data, message):
    url, _mentor_client, mentee_client, mentorship_id = pair
    post_form(mentee_client, url + "/close", {"outcome": "ended"}, page=url)
    response = post_form(mentee_client, url + "/appreciation", data, page=url)
    assert response.status_code == 200 and message in text(response)
    db.session.expire_all()
    assert db.session.get(Mentorship, mentorship_id).appreciation is None


def test_no_appreciation_while_the_mentorship_is_active(pair):
    url, _mentor_client, mentee_client, mentorship_id = pair
    response = post_form(mentee_client, url + "/appreciation", {"text": "Dank je"}, page=url)
    assert response.status_code == 302
    assert "once the mentorship has ended" in text(mentee_client.get(response.headers["Location"]))
    db.session.expire_all()
    assert db.session.get(Mentorship, mentorship_id).appreciation is None


def test_an_ended_mentorship_is_said_so_in_french_as_a_mentorship_not_an_offer(pair):
    url, _mentor_client, mentee_client, _mentorship_id = pair
    post_form(mentee_client, url + "/close", {"outcome": "ended"}, page=url)
    post_form(mentee_client, "/language", {"language": "fr"}, page=url)
    page = text(mentee_client.get(url))
    assert "mentorat" in page.lower()  # the page is in French
    assert "Terminé" in page and "Terminée" not in page  # "le mentorat", not "l'offre"


def test_closing_twice_is_refused(pair):
    url, mentor_client, mentee_client, mentorship_id = pair
    post_form(mentee_client, url + "/close", {"outcome": "ended"}, page=url)
    response = post_form(mentor_client, url + "/close", {"outcome": "completed"}, page=url)
    assert response.status_code == 200
    db.session.expire_all()
    assert db.session.get(Mentorship, mentorship_id).status is MentorshipStatus.ENDED


ROLES = ["anonymous", "mentor", "mentee", "third", "staff"]
# route, data, whether the mentorship has ended (with an appreciation), expected per role
MENTORSHIP_ACCESS = [
    ("", None, False, (302, 200, 200, 404, 404)),
    ("/goals", {"goals": "Nieuw", "start_date": "2025-01-06"}, False, (302, 302, 302, 404, 404)),
    ("/notes", {"met_on": "2025-01-06", "body": "Les"}, False, (302, 302, 302, 404, 404)),
    ("/close", {"outcome": "completed"}, False, (302, 302, 302, 404, 404)),
    ("/appreciation", {"text": "Dank"}, True, (302, 403, 302, 404, 404)),
    ("/appreciation/visibility", {"hidden": "1"}, True, (302, 302, 403, 404, 404)),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("suffix", "data", "ended", "expected"), MENTORSHIP_ACCESS)
def test_mentorship_access(app, pair, role, suffix, data, ended, expected):
    url, mentor_client, mentee_client, mentorship_id = pair
    if ended:
        row = db.session.get(Mentorship, mentorship_id)
        row.status, row.appreciation, row.appreciation_at = MentorshipStatus.ENDED, "Top", utcnow()
        db.session.commit()
    if role in ("third", "staff"):
        make_member(
            f"{role}@example.org", role.title(), role=Role.STAFF if role == "staff" else Role.MEMBER
        )
    client = {
        "anonymous": lambda: app.test_client(),
        "mentor": lambda: mentor_client,
        "mentee": lambda: mentee_client,
        "third": lambda: signed_in(app, "third@example.org"),
        "staff": lambda: signed_in(app, "staff@example.org"),
    }[role]()
    if data is None:
        response = client.get(url + suffix)
    else:
        response = client.post(url + suffix, data={**data, "csrf_token": csrf_token(client, "/")})
    assert response.status_code == expected[ROLES.index(role)]


def test_missing_mentorship_is_404(pair):
    _url, mentor_client, _mentee_client, _id = pair
    assert mentor_client.get("/connections/mentorships/99999").status_code == 404
    assert (
        post_form(
            mentor_client, "/connections/mentorships/99999/close", {"outcome": "ended"}, page="/"
        ).status_code
        == 404
    )


def test_visibility_of_a_missing_appreciation_is_404(pair):
    url, mentor_client, _mentee_client, _id = pair
    response = post_form(mentor_client, url + "/appreciation/visibility", {"hidden": "1"}, page=url)
    assert response.status_code == 404
