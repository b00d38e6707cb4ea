"""Peer circles: the size limit (also under concurrency), requests and answers, who sees
what (members-only circles, the board, the meetings), the forms, search, the home page,
the mails in each recipient's language, personal data and leaving."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.accounts.models import User
from app.circles.membership import JoinOutcome, decide, join, leave, start_circle
from app.circles.models import (
    Admission,
    CircleMembership,
    CircleMessage,
    CircleVisibility,
    MembershipStatus,
    PeerCircle,
)
from app.clock import utcnow
from app.extensions import db
from app.notifications.models import Notification, NotificationKind
from app.sessions.models import GuidanceSession
from app.sessions.registrations import register
from tests.helpers import make_user, post_form
from tests.mail import body_of, smtp_server  # noqa: F401


@pytest.fixture(autouse=True)
def in_request(app):
    """The service functions build links for their mails, as they do within a request."""
    with app.test_request_context("/", base_url="https://gilde.example.org"):
        yield


@pytest.fixture
def people(app):
    return {
        "fa": make_user("fa@example.org", "Fien Facilitator", locale="en"),
        "an": make_user("an@example.org", "An Peeters", locale="nl"),
        "bo": make_user("bo@example.org", "Bo Lambert", locale="fr"),
        "cy": make_user("cy@example.org", "Cy Janssens", locale="en"),
    }


def make_circle(facilitator, **fields) -> PeerCircle:
    """Start and commit a circle with its facilitator as first member."""
    values = {
        "name": "Intervisie starters",
        "theme": "We bespreken **elke maand** een casus.",
        "language": "nl",
        "online": True,
        "size_limit": 3,
        "admission": Admission.OPEN,
        "visibility": CircleVisibility.MEMBERS,
    }
    values.update(fields)
    circle = PeerCircle(**values)
    start_circle(circle, facilitator)
    return circle


def status_of(circle_id: int, user) -> MembershipStatus | None:
    return db.session.scalar(
        select(CircleMembership.status).where(
            CircleMembership.circle_id == circle_id, CircleMembership.user_id == user.id
        )
    )


def members_of(circle_id: int) -> int:
    return db.session.scalar(
        select(func.count(CircleMembership.id)).where(
            CircleMembership.circle_id == circle_id,
            CircleMembership.status == MembershipStatus.MEMBER,
        )
    )


def test_an_open_circle_takes_members_up_to_its_limit_facilitator_included(people):
    circle = make_circle(people["fa"], size_limit=3)
    assert join(circle, people["an"]) is JoinOutcome.JOINED
    assert join(circle, people["an"]) is JoinOutcome.ALREADY
    assert join(circle, people["bo"]) is JoinOutcome.JOINED
    assert join(circle, people["cy"]) is JoinOutcome.FULL
    assert status_of(circle.id, people["cy"]) is None
    assert members_of(circle.id) == 3
    # A member who leaves frees a place; the facilitator cannot leave their circle.
    assert leave(circle, people["an"])
    assert not leave(circle, people["fa"])
    assert join(circle, people["cy"]) is JoinOutcome.JOINED
    # Someone who left may come back once there is room.
    assert join(circle, people["an"]) is JoinOutcome.FULL


def test_a_closed_circle_takes_nobody(people):
    circle = make_circle(people["fa"])
    circle.closed_at = utcnow()
    db.session.commit()
    assert join(circle, people["an"]) is JoinOutcome.CLOSED


def race(app, target, args_list) -> list[Exception]:
    """Run ``target(*args)`` for each args in threads released together, each in its own
    application context (so its own database connection); return the errors."""
    db.session.remove()
    barrier = threading.Barrier(len(args_list))
    errors = []

    def run(*args) -> None:
        try:
            with app.app_context(), app.test_request_context("/"):
                barrier.wait()
                target(*args)
                db.session.remove()
        except Exception as error:  # pragma: no cover - reported by the caller
            errors.append(error)

    threads = [threading.Thread(target=run, args=args) for args in args_list]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_two_members_taking_the_last_place_at_once_one_gets_it(app, people):
    """Real threads, each with its own connection, against the real database."""
    circle = make_circle(people["fa"], size_limit=2)
    circle_id, an_id, bo_id = circle.id, people["an"].id, people["bo"].id
    outcomes = []

    def take(user_id: int) -> None:
        one = db.session.get(PeerCircle, circle_id)
        outcomes.append(join(one, db.session.get(User, user_id)))

    for _round in range(3):
        outcomes.clear()
        assert race(app, take, [(an_id,), (bo_id,)]) == []
        assert sorted(outcomes) == [JoinOutcome.FULL, JoinOutcome.JOINED]
        assert members_of(circle_id) == 2
        # Free the place again for the next round.
        db.session.execute(
            CircleMembership.__table__.delete().where(CircleMembership.user_id.in_([an_id, bo_id]))
        )
        db.session.commit()


def test_accepting_two_requests_at_once_for_the_last_place_accepts_one(app, people):
    circle = make_circle(people["fa"], size_limit=2, admission=Admission.ON_REQUEST)
    circle_id, fa_id = circle.id, people["fa"].id
    asker_ids = (people["an"].id, people["bo"].id)
    outcomes = []

    def accept(membership_id: int) -> None:
        one = db.session.get(PeerCircle, circle_id)
        outcomes.append(decide(one, membership_id, True, db.session.get(User, fa_id)))

    for _round in range(3):
        requests = []
        for user in (db.session.get(User, uid) for uid in asker_ids):
            assert join(circle, user, "graag") is JoinOutcome.REQUESTED
            requests.append(
                db.session.scalar(
                    select(CircleMembership.id).where(
                        CircleMembership.circle_id == circle_id,
                        CircleMembership.user_id == user.id,
                    )
                )
            )
        outcomes.clear()
        assert race(app, accept, [(rid,) for rid in requests]) == []
        assert sorted(outcomes) == [JoinOutcome.FULL, JoinOutcome.JOINED]
        assert members_of(circle_id) == 2
        db.session.execute(
            CircleMembership.__table__.delete().where(CircleMembership.id.in_(requests))
        )
        db.session.commit()
        circle = db.session.get(PeerCircle, circle_id)


def test_a_request_is_answered_and_each_is_told_in_their_language(
    client,
    auth,
    people,
    smtp_server,  # noqa: F811
):
    fa, bo = people["fa"], people["bo"]
    fa.locale = "fr"  # the facilitator reads French, the asker too
    db.session.commit()
    circle = make_circle(fa, admission=Admission.ON_REQUEST, name="Cercle des graphistes")
    auth.login("bo@example.org")
    response = post_form(
        client,
        f"/circles/{circle.id}/join",
        {"motivation": "Je débute en graphisme."},
        page=f"/circles/{circle.id}",
    )
    assert response.status_code == 302
    assert status_of(circle.id, bo) is MembershipStatus.REQUESTED
    (to_fa,) = smtp_server.wait_for(1)
    assert to_fa["To"] == "fa@example.org" and to_fa["Content-Language"] == "fr"
    assert "Je débute en graphisme." in body_of(to_fa)
    assert "bo@example.org" not in body_of(to_fa)
    assert db.session.scalar(
        select(func.count(Notification.id)).where(
            Notification.user_id == fa.id, Notification.kind == NotificationKind.CIRCLE_REQUEST
        )
    )
    auth.logout()
    auth.login("fa@example.org")
    notices = client.get("/notifications/").get_data(as_text=True)
    # In her language, as the notification is shown to her.
    assert "Bo Lambert demande à rejoindre votre cercle" in notices
    auth.logout()
    auth.login("bo@example.org")
    # Bo is not inside yet: no board, no posting.
    assert 'id="board"' not in client.get(f"/circles/{circle.id}").get_data(as_text=True)
    auth.logout()

    auth.login("fa@example.org")
    page = client.get(f"/circles/{circle.id}").get_data(as_text=True)
    assert "Je débute en graphisme." in page and "Bo Lambert" in page
    membership_id = db.session.scalar(
        select(CircleMembership.id).where(CircleMembership.user_id == bo.id)
    )
    response = post_form(
        client,
        f"/circles/{circle.id}/requests/{membership_id}/accept",
        page=f"/circles/{circle.id}",
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert status_of(circle.id, bo) is MembershipStatus.MEMBER
    welcome = smtp_server.wait_for(2)[1]
    assert welcome["To"] == "bo@example.org" and welcome["Content-Language"] == "fr"
    assert "Bienvenue" in welcome["Subject"] or "Cercle des graphistes" in welcome["Subject"]
    # A request answered already is no longer there to answer.
    response = post_form(
        client,
        f"/circles/{circle.id}/requests/{membership_id}/decline",
        page=f"/circles/{circle.id}",
    )
    assert response.status_code == 404


def test_a_declined_member_is_told_and_may_ask_again(people, smtp_server):  # noqa: F811
    circle = make_circle(people["fa"], admission=Admission.ON_REQUEST)
    join(circle, people["cy"], "")
    membership = circle.membership_of(people["cy"])
    assert decide(circle, membership.id, False, people["fa"]) is JoinOutcome.CLOSED
    assert status_of(circle.id, people["cy"]) is MembershipStatus.DECLINED
    mails = smtp_server.wait_for(2)
    assert mails[1]["To"] == "cy@example.org" and mails[1]["Content-Language"] == "en"
    assert join(circle, people["cy"], "Once more") is JoinOutcome.REQUESTED


def test_no_mail_for_a_member_who_wants_none(people, smtp_server):  # noqa: F811
    from app.connections.models import ContactPreferences, NotifyMode

    db.session.add(ContactPreferences(user_id=people["fa"].id, notify=NotifyMode.NONE))
    db.session.commit()
    circle = make_circle(people["fa"], admission=Admission.ON_REQUEST)
    assert join(circle, people["an"]) is JoinOutcome.REQUESTED
    assert smtp_server.messages == []
    # The site's notification is there all the same.
    assert db.session.scalar(
        select(func.count(Notification.id)).where(Notification.user_id == people["fa"].id)
    )


@pytest.mark.parametrize(
    ("who", "method", "path", "expected"),
    [
        (None, "get", "/circles/{id}", 404),
        (None, "get", "/circles/{id}/edit", 302),
        ("an", "get", "/circles/{id}", 200),
        ("an", "get", "/circles/{id}/edit", 403),
        ("an", "get", "/circles/{id}/meetings/new", 403),
        ("an", "post", "/circles/{id}/messages", 403),
        ("an", "post", "/circles/{id}/requests/{request}/accept", 403),
        ("bo", "post", "/circles/{id}/messages", 302),
        ("fa", "get", "/circles/{id}/edit", 200),
        ("fa", "get", "/circles/{id}/meetings/new", 200),
        ("fa", "post", "/circles/{id}/requests/{request}/accept", 302),
        ("fa", "post", "/circles/{id}/requests/999999/accept", 404),
        ("fa", "get", "/circles/999999", 404),
    ],
)
def test_who_may_do_what_with_a_members_only_circle(
    client, auth, people, who, method, path, expected
):
    circle = make_circle(people["fa"], admission=Admission.ON_REQUEST, size_limit=5)
    join(circle, people["cy"], "graag")
    request_id = circle.membership_of(people["cy"]).id
    db.session.add(CircleMembership(circle_id=circle.id, user_id=people["bo"].id, status="member"))
    db.session.commit()
    url = path.format(id=circle.id, request=request_id)
    if who:
        auth.login(f"{who}@example.org")
    if method == "get":
        response = client.get(url)
    else:
        response = post_form(client, url, {"body": "Hallo"}, page="/circles/")
    assert response.status_code == expected


def test_a_public_circle_is_found_by_anonymous_visitors_but_its_inside_is_not(client, auth, people):
    circle = make_circle(
        people["fa"], visibility=CircleVisibility.PUBLIC, name="Open kring voor makers"
    )
    hidden = make_circle(people["fa"], name="Besloten kring")
    db.session.add(CircleMessage(circle_id=circle.id, author_id=people["fa"].id, body="Geheim"))
    db.session.commit()
    directory = client.get("/circles/").get_data(as_text=True)
    assert "Open kring voor makers" in directory and "Besloten kring" not in directory
    page = client.get(f"/circles/{circle.id}").get_data(as_text=True)
    assert "Open kring voor makers" in page and "Geheim" not in page
    assert client.get(f"/circles/{hidden.id}").status_code == 404
    auth.login("an@example.org")
    assert "Besloten kring" in client.get("/circles/").get_data(as_text=True)
    # Never an e-mail address on the circle's page, even to its members.
    join(circle, people["an"])
    page = client.get(f"/circles/{circle.id}").get_data(as_text=True)
    assert "Geheim" in page and "Fien Facilitator" in page
    assert "fa@example.org" not in page


def test_a_circles_meetings_are_for_its_members_unless_made_public(client, auth, people):
    circle = make_circle(people["fa"], visibility=CircleVisibility.PUBLIC)
    start = utcnow() + timedelta(days=3)
    meeting = GuidanceSession(
        title="Kringmoment maart",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        online=True,
        in_person=False,
        online_link="https://meet.example.org/kring",
        organiser_id=people["fa"].id,
        circle_id=circle.id,
        public=False,
    )
    db.session.add(meeting)
    db.session.commit()
    url = f"/sessions/{meeting.id}"
    auth.login("an@example.org")
    assert client.get(url).status_code == 404
    assert client.get(f"{url}.ics").status_code == 404
    assert "Kringmoment" not in client.get("/sessions/").get_data(as_text=True)
    response = post_form(client, f"{url}/register", page="/circles/")
    assert response.status_code == 404
    join(circle, people["an"])
    assert client.get(url).status_code == 200
    assert "Kringmoment maart" in client.get(f"/circles/{circle.id}").get_data(as_text=True)
    # Still not on the agenda: it is the circle's.
    assert "Kringmoment" not in client.get("/sessions/").get_data(as_text=True)
    meeting.public = True
    db.session.commit()
    auth.logout()
    assert client.get(url).status_code == 200
    assert "Kringmoment" in client.get("/sessions/").get_data(as_text=True)


def meeting_form(**changes) -> dict:
    data = {
        "title": "Kringmoment april",
        "kind": "peer_exchange",
        "description": "Casus van Bo.",
        "language": "nl",
        "modes": ["online"],
        "online_link": "https://meet.example.org/kring",
        "date": (utcnow() + timedelta(days=10)).date().isoformat(),
        "start_time": "19:00",
        "end_time": "21:00",
        "timezone": "Europe/Brussels",
        "capacity": "3",
        "languages": ["nl"],
    }
    data.update(changes)
    return data


def test_a_new_meeting_is_announced_to_the_members_in_their_language(
    client,
    auth,
    people,
    smtp_server,  # noqa: F811
):
    circle = make_circle(people["fa"], size_limit=4)
    join(circle, people["an"])
    join(circle, people["bo"])
    auth.login("fa@example.org")
    url = f"/circles/{circle.id}/meetings/new"
    assert 'value="Intervisie starters"' in client.get(url).get_data(as_text=True)
    response = post_form(client, url, meeting_form())
    assert response.status_code == 302
    meeting = db.session.scalar(select(GuidanceSession))
    assert meeting.circle_id == circle.id and not meeting.public
    mails = smtp_server.wait_for(2)
    languages = {m["To"]: m["Content-Language"] for m in mails}
    assert languages == {"an@example.org": "nl", "bo@example.org": "fr"}
    assert all(f"/sessions/{meeting.id}" in body_of(m) for m in mails)
    # Members register for the meeting the way they register for any session.
    assert register(meeting, people["an"]).status.value == "registered"


def test_a_meeting_form_with_bad_input_keeps_what_was_typed(client, auth, people):
    circle = make_circle(people["fa"])
    auth.login("fa@example.org")
    response = post_form(
        client,
        f"/circles/{circle.id}/meetings/new",
        meeting_form(end_time="18:00", online_link="javascript:alert(1)"),
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "The session must end after it starts" in page
    assert "Casus van Bo." in page
    assert db.session.scalar(select(func.count(GuidanceSession.id))) == 0


def circle_form(**changes) -> dict:
    data = {
        "name": "Vertalerskring",
        "theme": "Tarieven en tools <script>alert(1)</script>",
        "kind": "trade",
        "language": "nl",
        "skills": "",
        "online": "y",
        "place": "",
        "size_limit": "6",
        "admission": "on_request",
        "visibility": "members",
    }
    data.update(changes)
    return data


def test_starting_a_circle_makes_me_its_facilitator(client, auth, people):
    auth.login("an@example.org")
    response = post_form(client, "/circles/new", circle_form())
    assert response.status_code == 302
    circle = db.session.scalar(select(PeerCircle))
    assert circle.facilitator_id == people["an"].id
    assert circle.admission is Admission.ON_REQUEST
    assert status_of(circle.id, people["an"]) is MembershipStatus.MEMBER
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "Vertalerskring" in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name": ""}, "Give the circle a name"),
        ({"name": "x" * 151}, "Write at most 150 characters"),
        ({"theme": ""}, "Say what the circle is about"),
        ({"size_limit": "1"}, "Give a size limit between 2 and 30"),
        ({"size_limit": "0"}, "Give a size limit between 2 and 30"),
        ({"size_limit": "veel"}, "Not a valid integer value"),
        ({"size_limit": "99999999999999999999"}, "Give a size limit between 2 and 30"),
        ({"online": ""}, "Give the place where it meets, or choose online"),
        ({"place": "Nergenshuizen-aan-Zee"}, "We do not know the place"),
        ({"skills": "zwevend kantwerk"}, "We do not know the skill"),
        ({"admission": "everyone"}, "Not a valid choice"),
        ({"name": "Kring\x00"}, ""),
    ],
)
def test_the_circle_form_refuses_bad_input_and_keeps_what_was_typed(
    client, auth, people, world, overrides, message
):
    auth.login("cy@example.org")
    data = circle_form(**{"theme": "Tarieven en tools voor vertalers", **overrides})
    response = post_form(client, "/circles/new", data)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert message in page
    assert "Tarieven en tools voor vertalers" in page or overrides.get("theme") == ""
    assert db.session.scalar(select(func.count(PeerCircle.id))) == 0


def test_the_size_limit_cannot_drop_below_the_members(client, auth, people):
    circle = make_circle(people["fa"], size_limit=3)
    join(circle, people["an"])
    join(circle, people["bo"])
    auth.login("fa@example.org")
    data = circle_form(name=circle.name, theme=circle.theme, size_limit="2")
    response = post_form(client, f"/circles/{circle.id}/edit", data)
    assert response.status_code == 200
    assert "more members than that" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(PeerCircle, circle.id).size_limit == 3


def test_the_board_takes_members_messages_and_their_authors_delete_them(client, auth, people):
    circle = make_circle(people["fa"], size_limit=5)
    join(circle, people["an"])
    join(circle, people["bo"])
    auth.login("an@example.org")
    page = f"/circles/{circle.id}"
    assert post_form(client, f"{page}/messages", {"body": "  "}, page=page).status_code == 302
    assert db.session.scalar(select(func.count(CircleMessage.id))) == 0
    huge = {"body": "x" * 2001}
    post_form(client, f"{page}/messages", huge, page=page)
    assert db.session.scalar(select(func.count(CircleMessage.id))) == 0
    post_form(client, f"{page}/messages", {"body": "<b>Wie</b> komt er?\nIk wel."}, page=page)
    message = db.session.scalar(select(CircleMessage))
    shown = client.get(page).get_data(as_text=True)
    assert "&lt;b&gt;Wie&lt;/b&gt; komt er?" in shown
    auth.logout()
    auth.login("bo@example.org")
    response = post_form(client, f"{page}/messages/{message.id}/delete", page=page)
    assert response.status_code == 403
    auth.logout()
    # The facilitator moderates the board.
    auth.login("fa@example.org")
    response = post_form(client, f"{page}/messages/{message.id}/delete", page=page)
    assert response.status_code == 302
    assert db.session.scalar(select(func.count(CircleMessage.id))) == 0


def test_the_board_paginates(client, auth, people):
    circle = make_circle(people["fa"])
    for number in range(25):
        db.session.add(
            CircleMessage(circle_id=circle.id, author_id=people["fa"].id, body=f"Bericht {number}")
        )
    db.session.commit()
    auth.login("fa@example.org")
    first = client.get(f"/circles/{circle.id}").get_data(as_text=True)
    assert "Bericht 24" in first and "Bericht 0<" not in first
    second = client.get(f"/circles/{circle.id}?page=2").get_data(as_text=True)
    assert "Bericht 0<" in second


def test_the_directory_filters(client, auth, people, world):
    from app.places.gazetteer import resolve_place
    from app.skills.taxonomy import resolve_skill

    gent = make_circle(
        people["fa"], name="Kring in Gent", online=False, place=resolve_place("Gent")
    )
    gent.skills = [resolve_skill("pricing")]
    db.session.commit()
    make_circle(people["fa"], name="Cercle en ligne", language="fr")
    auth.login("an@example.org")

    def names(query: str) -> set[str]:
        page = client.get(f"/circles/?{query}").get_data(as_text=True)
        return {n for n in ("Kring in Gent", "Cercle en ligne") if n in page}

    assert names("") == {"Kring in Gent", "Cercle en ligne"}
    assert names("language=fr") == {"Cercle en ligne"}
    assert names("mode=in_person") == {"Kring in Gent"}
    assert names("mode=online") == {"Cercle en ligne"}
    assert names(f"region={resolve_place('Gent').region}") == {"Kring in Gent"}
    assert names("skill=prijszetting") == {"Kring in Gent"}
    assert names("skill=onbekend") == set()
    # Nonsense filters are ignored, never a 500.
    assert client.get("/circles/?kind=%00&mode=x&region=" + "x" * 50).status_code == 200


def test_circles_are_found_in_search_as_their_own_kind(client, auth, people, world):
    from app.search.indexer import apply_outbox
    from tests.helpers import found_titles, search_api

    make_circle(people["fa"], name="Kring fotografen", visibility=CircleVisibility.PUBLIC)
    make_circle(people["fa"], name="Kring fotografen voor leden")
    closed = make_circle(people["fa"], name="Kring fotografen gesloten")
    closed.closed_at = utcnow()
    db.session.commit()
    apply_outbox()
    assert found_titles(search_api(client, q="fotografen", kind="circle")) == {"Kring fotografen"}
    auth.login("an@example.org")
    assert found_titles(search_api(client, q="fotografen", kind="circle")) == {
        "Kring fotografen",
        "Kring fotografen voor leden",
    }
    page = client.get("/search/?q=fotografen&kind=circle").get_data(as_text=True)
    assert "Kring fotografen voor leden" in page and "Kring fotografen gesloten" not in page


def test_the_home_page_suggests_circles_by_shared_skills_and_region(client, auth, people, world):
    from app.places.gazetteer import resolve_place
    from app.skills.taxonomy import resolve_skill
    from tests.test_members import make_profile

    make_profile(people["an"], place="Gent", skills=["boekhouding"])
    by_skill = make_circle(people["fa"], name="Boekhoudkring online")
    by_skill.skills = [resolve_skill("boekhouding")]
    make_circle(people["fa"], name="Kring in Gent", online=False, place=resolve_place("Gent"))
    make_circle(people["fa"], name="Cercle liégeois", online=False, place=resolve_place("Liège"))
    joined = make_circle(people["fa"], name="Al mijn kring", place=resolve_place("Gent"))
    join(joined, people["an"])
    db.session.commit()
    auth.login("an@example.org")
    page = client.get("/").get_data(as_text=True)
    assert "Boekhoudkring online" in page and "Kring in Gent" in page
    assert "Cercle liégeois" not in page and "Al mijn kring" not in page


def test_a_leaving_facilitator_hands_the_circle_to_its_longest_member(people):
    from app.accounts.deletion import WritingChoice, delete_account

    kept = make_circle(people["fa"], name="Blijft")
    join(kept, people["an"])
    join(kept, people["bo"])
    alone = make_circle(people["fa"], name="Alleen")
    start = utcnow() + timedelta(days=5)
    db.session.add(
        GuidanceSession(
            title="Open kringmoment",
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            # Organised by another: the leaving member's own sessions are called off anyway.
            organiser_id=people["cy"].id,
            circle_id=alone.id,
            public=True,
        )
    )
    db.session.add(CircleMessage(circle_id=kept.id, author_id=people["fa"].id, body="Tot ziens"))
    db.session.commit()
    kept_id, alone_id = kept.id, alone.id
    from app.search.outbox import SearchOutbox

    before = db.session.scalar(select(func.max(SearchOutbox.id)))
    delete_account(people["fa"], WritingChoice.DELETE)
    db.session.expire_all()
    assert db.session.get(PeerCircle, kept_id).facilitator_id == people["an"].id
    assert db.session.get(PeerCircle, alone_id) is None
    assert db.session.scalar(select(func.count(GuidanceSession.id))) == 0
    # The outbox saw the public meeting go (the index forgets it).
    assert db.session.scalar(
        select(func.count(SearchOutbox.id)).where(
            SearchOutbox.id > before, SearchOutbox.key.like("session:%")
        )
    )
    assert db.session.scalar(select(func.count(CircleMessage.id))) == 0
    assert members_of(kept_id) == 2


def test_the_demo_has_circles_with_members_requests_and_meetings(app, world, client):
    from app.circles.demo import DEMO_CIRCLES, add_demo_circles

    for number in range(60):
        make_user(f"demo{number}@example.org", f"Demo {number}")
    assert add_demo_circles() == len(DEMO_CIRCLES)
    circles = db.session.scalars(select(PeerCircle)).all()
    assert all(1 < len(c.members) <= c.size_limit for c in circles)
    assert any(c.requests for c in circles)
    meetings = db.session.scalars(select(GuidanceSession)).all()
    assert any(m.is_past for m in meetings) and any(not m.is_past for m in meetings)
    assert all(m.circle_id is not None for m in meetings)


def test_a_closed_circle_leaves_the_directory_but_its_members_keep_it(client, auth, people):
    circle = make_circle(people["fa"], name="Kring die stopt")
    join(circle, people["an"])
    auth.login("an@example.org")
    # Only the facilitator closes it.
    response = post_form(client, f"/circles/{circle.id}/close", page=f"/circles/{circle.id}")
    assert response.status_code == 403
    auth.logout()
    auth.login("fa@example.org")
    post_form(client, f"/circles/{circle.id}/close", page=f"/circles/{circle.id}")
    db.session.expire_all()
    assert db.session.get(PeerCircle, circle.id).closed_at is not None
    auth.logout()
    auth.login("bo@example.org")
    assert "Kring die stopt" not in client.get("/circles/").get_data(as_text=True)
    assert client.get(f"/circles/{circle.id}").status_code == 404
    auth.logout()
    auth.login("an@example.org")
    assert client.get(f"/circles/{circle.id}").status_code == 200


@pytest.mark.parametrize(
    ("lang", "heading"),
    [("nl", "Intervisiekringen"), ("fr", "Les cercles de pairs"), ("en", "Peer circles")],
)
def test_the_privacy_page_says_what_circles_store(client, lang, heading):
    page = client.get("/pages/privacy", headers={"Accept-Language": lang}).get_data(as_text=True)
    assert f"<strong>{heading}</strong>" in page
