"""Contact requests: lifecycle, privacy, limits, blocks, reports, access, notification mails."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from babel.dates import format_date
from flask import render_template_string
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func, select
from werkzeug.security import generate_password_hash

import app.connections.contacts as contacts
from app.accounts.models import Role, User
from app.clock import utcnow
from app.connections.models import (
    DAILY_REQUEST_LIMIT,
    ContactMessage,
    ContactNotification,
    ContactPreferences,
    ContactRequest,
    MemberBlock,
    NotifyMode,
    RequestReport,
    RequestStatus,
    RequestTopic,
)
from app.extensions import db
from app.mail import MailError, send_mail
from app.members.models import Visibility
from app.templating import DATE_FORMAT
from tests.helpers import PASSWORD, csrf_token, post_form
from tests.mail import SMTP_PASSWORD, SMTP_USER, body_of, free_port, smtp_server  # noqa: F401
from tests.test_members import make_profile

SECRET_EMAIL = "bea.secret@example.org"
SECRET_PHONE = "+32 470 99 88 77"
SECRET_SITE = "https://bea-private.example.org"


# Scrypt takes a tenth of a second per hash: these tests sign in many members.
FAST_HASH = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1")


def make_member(email, name, locale="en", role=Role.MEMBER) -> User:
    """Add and commit a user who signs in with PASSWORD (hashed cheaply, for speed)."""
    user = User(email=email, name=name, locale=locale, role=role, password_hash=FAST_HASH)
    db.session.add(user)
    db.session.commit()
    return user


def member(email, name, locale="en", visibility=Visibility.MEMBERS, **profile_fields):
    """A user with a profile; returns (user, profile)."""
    user = make_member(email, name, locale)
    return user, make_profile(user, visibility, **profile_fields)


def share(user, share_email=True, phone=SECRET_PHONE, website=SECRET_SITE, notify=NotifyMode.EACH):
    db.session.add(
        ContactPreferences(
            user_id=user.id, share_email=share_email, phone=phone, website=website, notify=notify
        )
    )
    db.session.commit()


def signed_in(app, email):
    """A client of its own, signed in as ``email``."""
    client = app.test_client()
    response = post_form(client, "/login", {"email": email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def send(client, profile, topic="question", message="Hallo, mag ik iets vragen?", **extra):
    return post_form(
        client,
        f"/connections/new/{profile.id}",
        {"topic": topic, "message": message, **extra},
    )


def text(response) -> str:
    return response.get_data(as_text=True)


class People(dict):
    """The members of a test by name; "<name>_client" signs that member in on first use."""

    def __init__(self, app, **members):
        super().__init__(**members)
        self.app = app

    def __missing__(self, key):
        name, _, suffix = key.partition("_")
        if suffix != "client":
            raise KeyError(key)
        client = self[key] = signed_in(self.app, self[name].email)
        return client


@pytest.fixture
def people(app):
    """An (asker), Bea (who shares everything) and Cas (a third party)."""
    an, an_profile = member("an@example.org", "An Peeters")
    bea, bea_profile = member(SECRET_EMAIL, "Bea Janssens")
    cas, _cas_profile = member("cas@example.org", "Cas Wouters")
    share(bea)
    share(an, share_email=False, phone="", website="https://an.example.org")
    return People(app, an=an, bea=bea, cas=cas, an_profile=an_profile, bea_profile=bea_profile)


def only_request() -> ContactRequest:
    db.session.expire_all()
    return db.session.scalar(select(ContactRequest))


# --- the lifecycle -----------------------------------------------------------------------------


def test_request_accept_and_thread(people):
    an_client, bea_client = people["an_client"], people["bea_client"]
    response = send(an_client, people["bea_profile"], topic="collaboration")
    assert response.status_code == 302
    request_row = only_request()
    assert response.headers["Location"] == f"/connections/{request_row.id}"
    assert request_row.status is RequestStatus.PENDING
    assert request_row.topic is RequestTopic.COLLABORATION

    received = text(bea_client.get("/connections/"))
    assert "From An Peeters" in received and "Waiting for an answer" in received
    assert "To Bea Janssens" in text(an_client.get("/connections/?box=sent"))
    assert "From An" not in text(bea_client.get("/connections/?box=sent"))

    accepted = post_form(
        bea_client, f"/connections/{request_row.id}/accept", page=f"/connections/{request_row.id}"
    )
    assert accepted.status_code == 302
    assert only_request().status is RequestStatus.ACCEPTED

    url = f"/connections/{request_row.id}"
    assert (
        post_form(an_client, url + "/messages", {"body": "Dank je!"}, page=url).status_code == 302
    )
    assert post_form(bea_client, url + "/messages", {"body": "Graag."}, page=url).status_code == 302
    for client in (an_client, bea_client):
        page = text(client.get(url))
        assert page.index("Dank je!") < page.index("Graag.")
    assert db.session.scalar(select(func.count(ContactMessage.id))) == 2


def test_decline_and_withdraw(people):
    an_client, bea_client = people["an_client"], people["bea_client"]
    send(an_client, people["bea_profile"])
    first = only_request()
    url = f"/connections/{first.id}"
    assert post_form(bea_client, url + "/decline", page=url).status_code == 302
    assert only_request().status is RequestStatus.DECLINED
    # Answered once: accepting now changes nothing.
    post_form(bea_client, url + "/accept", page=url)
    assert only_request().status is RequestStatus.DECLINED
    page = text(an_client.get(url))
    assert "Declined" in page and SECRET_EMAIL not in page and SECRET_PHONE not in page
    # After a decline a new request may be sent; its sender can withdraw it.
    assert send(an_client, people["bea_profile"]).status_code == 302
    second = db.session.scalar(select(ContactRequest).order_by(ContactRequest.id.desc()))
    url = f"/connections/{second.id}"
    assert post_form(an_client, url + "/withdraw", page=url).status_code == 302
    db.session.expire_all()
    assert db.session.get(ContactRequest, second.id).status is RequestStatus.WITHDRAWN


def test_messages_only_once_accepted(people):
    send(people["an_client"], people["bea_profile"])
    url = f"/connections/{only_request().id}"
    response = post_form(people["an_client"], url + "/messages", {"body": "Nog iets"}, page=url)
    assert response.status_code == 200
    assert "once the request is accepted" in text(response)
    assert db.session.scalar(select(func.count(ContactMessage.id))) == 0


def test_form_takes_topic_and_context_from_the_link(people):
    an_client, profile = people["an_client"], people["bea_profile"]
    page = text(an_client.get(f"/connections/new/{profile.id}?topic=collaboration&context=need:9"))
    assert 'checked class="form-check-input" id="topic-1"' in page
    assert 'name="context" type="hidden" value="need:9"' in page
    assert "a need" in page
    bogus = text(an_client.get(f"/connections/new/{profile.id}?topic=gossip&context=javascript:x"))
    assert "checked" not in bogus
    assert 'id="context" name="context" type="hidden" value=""' in bogus
    send(an_client, profile, context="need:9")
    assert only_request().context == "need:9"
    assert "a need" in text(people["bea_client"].get(f"/connections/{only_request().id}"))


def test_other_pages_link_to_the_form_with_their_context(app, people):
    template = (
        '{% from "connections/_macros.html" import contact_link %}{{ contact_link(id, context=c) }}'
    )
    with app.test_request_context():
        link = render_template_string(template, id=people["bea_profile"].id, c="offer:3")
    href = link.split('href="')[1].split('"')[0]
    assert href == f"/connections/new/{people['bea_profile'].id}?context=offer:3"
    page = text(people["an_client"].get(href))
    assert 'value="offer:3"' in page and "an offer" in page


def test_profile_page_links_to_the_request_form(people):
    page = text(people["an_client"].get(f"/members/{people['bea_profile'].id}"))
    assert f"/connections/new/{people['bea_profile'].id}" in page
    own = text(people["bea_client"].get(f"/members/{people['bea_profile'].id}"))
    assert "/connections/new/" not in own and "My contact requests" in own


# --- privacy -----------------------------------------------------------------------------------


def test_contact_details_only_after_acceptance_and_only_to_the_other_party(app, people):
    an_client, bea_client, cas_client = (
        people[k] for k in ("an_client", "bea_client", "cas_client")
    )
    staff = make_member("staff@example.org", "Sam Staff", role=Role.STAFF)
    staff_client = signed_in(app, staff.email)
    secrets = (SECRET_EMAIL, SECRET_PHONE, SECRET_SITE)

    def pages_of(client, request_id):
        urls = [
            f"/members/{people['bea_profile'].id}",
            f"/connections/new/{people['bea_profile'].id}",
            "/connections/",
            "/connections/?box=sent",
            "/members/",
        ]
        if request_id:
            urls.append(f"/connections/{request_id}")
        return [text(client.get(url)) for url in urls]

    for client in (an_client, cas_client, staff_client, app.test_client()):
        for page in pages_of(client, None):
            assert not any(secret in page for secret in secrets)
    send(an_client, people["bea_profile"])
    request_id = only_request().id
    for client in (an_client, cas_client, staff_client):
        for page in pages_of(client, request_id):
            assert not any(secret in page for secret in secrets)
    assert "an.example.org" not in text(bea_client.get(f"/connections/{request_id}"))

    post_form(
        bea_client,
        f"/connections/{request_id}/report",
        {"reason": "other"},
        page=f"/connections/{request_id}",
    )
    post_form(bea_client, f"/connections/{request_id}/accept", page=f"/connections/{request_id}")
    accepted = text(an_client.get(f"/connections/{request_id}"))
    assert all(secret in accepted for secret in secrets)
    # Bea sees what An shares: the website, not the e-mail address An keeps to themself.
    bea_view = text(bea_client.get(f"/connections/{request_id}"))
    assert "https://an.example.org" in bea_view and "an@example.org" not in bea_view
    # Third parties still see nothing, not even staff moderating the report.
    assert cas_client.get(f"/connections/{request_id}").status_code == 404
    for client in (cas_client, staff_client):
        for page in pages_of(client, None):
            assert not any(secret in page for secret in secrets)
    assert not any(secret in text(staff_client.get("/connections/reports")) for secret in secrets)


def test_the_email_address_is_never_shared_unless_chosen(people):
    db.session.get(ContactPreferences, people["bea"].id).share_email = False
    db.session.commit()
    send(people["an_client"], people["bea_profile"])
    url = f"/connections/{only_request().id}"
    post_form(people["bea_client"], url + "/accept", page=url)
    page = text(people["an_client"].get(url))
    assert SECRET_PHONE in page and SECRET_EMAIL not in page


def test_a_member_without_settings_shares_nothing(app):
    an, _ = member("an@example.org", "An Peeters")
    bea, bea_profile = member(SECRET_EMAIL, "Bea Janssens")
    an_client, bea_client = signed_in(app, an.email), signed_in(app, bea.email)
    send(an_client, bea_profile)
    url = f"/connections/{only_request().id}"
    post_form(bea_client, url + "/accept", page=url)
    page = text(an_client.get(url))
    assert "shares no contact details" in page and SECRET_EMAIL not in page


# --- abuse limits ------------------------------------------------------------------------------


def test_no_second_request_while_one_is_pending(people):
    an_client, bea_client = people["an_client"], people["bea_client"]
    send(an_client, people["bea_profile"])
    again = send(an_client, people["bea_profile"], message="Nog eens")
    assert again.status_code == 200 and "already sent this member a request" in text(again)
    reverse = send(bea_client, people["an_profile"])
    assert reverse.status_code == 200 and "already sent you a request" in text(reverse)
    assert db.session.scalar(select(func.count(ContactRequest.id))) == 1


def test_at_most_ten_requests_a_day(app, people):
    an = people["an"]
    others = [member(f"m{i}@example.org", f"Member {i}")[1] for i in range(DAILY_REQUEST_LIMIT + 1)]
    # A request of yesterday does not count.
    db.session.add(
        ContactRequest(
            sender_id=an.id,
            recipient_id=people["cas"].id,
            topic=RequestTopic.QUESTION,
            message="old",
            status=RequestStatus.DECLINED,
            created_at=utcnow() - timedelta(hours=25),
        )
    )
    db.session.commit()
    for profile in others[:DAILY_REQUEST_LIMIT]:
        assert send(people["an_client"], profile).status_code == 302
    refused = send(people["an_client"], others[-1])
    assert refused.status_code == 200
    assert "10 requests in the last 24 hours" in text(refused)
    assert db.session.scalar(select(func.count(ContactRequest.id))) == DAILY_REQUEST_LIMIT + 1


def test_the_daily_limit_holds_for_two_requests_at_once(app, people, monkeypatch):
    """Two workers, one request left: the count happens under a lock, so only one is sent."""
    an_id = people["an"].id
    targets = [
        member(f"m{i}@example.org", f"Member {i}")[1] for i in range(DAILY_REQUEST_LIMIT + 1)
    ]
    for profile in targets[: DAILY_REQUEST_LIMIT - 1]:
        db.session.add(
            ContactRequest(
                sender_id=an_id,
                recipient_id=profile.user_id,
                topic=RequestTopic.QUESTION,
                message="earlier",
            )
        )
    db.session.commit()
    last_two = [p.id for p in targets[DAILY_REQUEST_LIMIT - 1 :]]
    db.session.remove()

    counted = contacts.sent_today

    def slow_count(sender_id):
        result = counted(sender_id)
        time.sleep(0.3)  # both would pass a check made without the lock
        return result

    monkeypatch.setattr(contacts, "sent_today", slow_count)
    # The friendly early check reads without a lock; only the guarded count decides.
    monkeypatch.setattr(contacts, "check_can_request", lambda *args: None)
    outcomes = []
    barrier = threading.Barrier(2)

    def attempt(profile_id):
        with app.app_context():
            from app.members.models import Profile

            sender = db.session.get(User, an_id)
            profile = db.session.get(Profile, profile_id)
            barrier.wait()
            try:
                contacts.send_request(sender, profile, RequestTopic.QUESTION, "hoi", None)
                outcomes.append("sent")
            except contacts.ConnectionRefused:
                outcomes.append("refused")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=attempt, args=(pid,)) for pid in last_two]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["refused", "sent"]
    assert db.session.scalar(select(func.count(ContactRequest.id))) == DAILY_REQUEST_LIMIT


def test_blocked_members_cannot_reach_and_are_not_told(people, smtp_server):  # noqa: F811
    an_client, bea_client = people["an_client"], people["bea_client"]
    send(an_client, people["bea_profile"], message="Eerste verzoek")
    first = only_request()
    smtp_server.wait_for(1)
    url = f"/connections/{first.id}"
    response = post_form(
        bea_client, f"/connections/block/{people['an'].id}", {"next": url}, page=url
    )
    assert response.status_code == 302 and response.headers["Location"] == url
    assert db.session.scalar(select(func.count()).select_from(MemberBlock)) == 1
    # The pending request leaves Bea's inbox and page; An still sees it waiting.
    assert "Eerste verzoek" not in text(bea_client.get("/connections/"))
    assert bea_client.get(url).status_code == 404
    an_view = text(an_client.get(url))
    assert "Waiting for an answer" in an_view and "blocked" not in an_view
    # Withdrawn, then sent again: An is told it is sent; Bea never sees it, nor gets mail.
    post_form(an_client, url + "/withdraw", page=url)
    again = send(an_client, people["bea_profile"], message="Tweede verzoek")
    assert again.status_code == 302
    assert "blocked" not in text(an_client.get(again.headers["Location"]))
    assert "Tweede verzoek" not in text(bea_client.get("/connections/"))
    assert len(smtp_server.to(SECRET_EMAIL)) == 1
    # Nobody else can tell either: the profile pages look the same.
    assert (
        "block" not in text(people["cas_client"].get(f"/members/{people['an_profile'].id}")).lower()
    )
    # Unblocking brings the waiting request back.
    settings = text(bea_client.get("/connections/settings"))
    assert "An Peeters" in settings
    post_form(bea_client, f"/connections/unblock/{people['an'].id}", page="/connections/settings")
    assert "Tweede verzoek" in text(bea_client.get("/connections/"))


def test_messages_of_a_blocked_member_are_not_shown_nor_mailed(people, smtp_server):  # noqa: F811
    an_client, bea_client = people["an_client"], people["bea_client"]
    send(an_client, people["bea_profile"])
    url = f"/connections/{only_request().id}"
    post_form(bea_client, url + "/accept", page=url)
    post_form(bea_client, f"/connections/block/{people['an'].id}", page=url)
    smtp_server.wait_for(2)
    before = len(smtp_server.messages)
    assert post_form(an_client, url + "/messages", {"body": "Hallo??"}, page=url).status_code == 302
    assert "Hallo??" in text(an_client.get(url))
    assert "Hallo??" not in text(bea_client.get(url))
    assert len(smtp_server.messages) == before


def test_report_reaches_staff(app, people):
    send(people["an_client"], people["bea_profile"], message="Koop mijn cursus!!!")
    url = f"/connections/{only_request().id}"
    response = post_form(
        people["bea_client"], url + "/report", {"reason": "spam", "comment": "Reclame"}, page=url
    )
    assert response.status_code == 302
    twice = post_form(people["bea_client"], url + "/report", {"reason": "spam"}, page=url)
    assert twice.status_code == 302
    assert db.session.scalar(select(func.count(RequestReport.id))) == 1

    staff_client = signed_in(app, make_member("staff@example.org", "Sam", role=Role.STAFF).email)
    page = text(staff_client.get("/connections/reports"))
    assert "Koop mijn cursus!!!" in page and "Reclame" in page and "Spam or advertising" in page
    report = db.session.scalar(select(RequestReport))
    done = post_form(
        staff_client, f"/connections/reports/{report.id}/resolve", page="/connections/reports"
    )
    assert done.status_code == 302
    db.session.expire_all()
    assert db.session.get(RequestReport, report.id).resolved_at is not None
    assert people["an_client"].get("/connections/reports").status_code == 403
    assert app.test_client().get("/connections/reports").status_code == 302


# --- who may do what ---------------------------------------------------------------------------

ROLES = ["anonymous", "sender", "recipient", "third", "staff"]
# route, method, data, whether the request must be accepted first, expected status per role
ACCESS = [
    ("", "get", None, False, (302, 200, 200, 404, 404)),
    ("/accept", "post", {}, False, (302, 403, 302, 404, 404)),
    ("/decline", "post", {}, False, (302, 403, 302, 404, 404)),
    ("/withdraw", "post", {}, False, (302, 302, 403, 404, 404)),
    ("/messages", "post", {"body": "Hoi"}, True, (302, 302, 302, 404, 404)),
    ("/report", "post", {"reason": "other"}, False, (302, 302, 302, 404, 404)),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("suffix", "method", "data", "accepted", "expected"), ACCESS)
def test_request_access(app, people, role, suffix, method, data, accepted, expected):
    send(people["an_client"], people["bea_profile"])
    request_id = only_request().id
    if accepted:
        url = f"/connections/{request_id}"
        post_form(people["bea_client"], url + "/accept", page=url)
    if role == "staff":
        make_member("staff@example.org", "Sam", role=Role.STAFF)
    client = {
        "anonymous": lambda: app.test_client(),
        "sender": lambda: people["an_client"],
        "recipient": lambda: people["bea_client"],
        "third": lambda: people["cas_client"],
        "staff": lambda: signed_in(app, "staff@example.org"),
    }[role]()
    url = f"/connections/{request_id}{suffix}"
    if method == "get":
        response = client.get(url)
    else:
        response = client.post(url, data={**data, "csrf_token": csrf_token(client, "/")})
    assert response.status_code == expected[ROLES.index(role)]


def test_missing_and_forbidden_targets(app, people):
    an_client = people["an_client"]
    assert an_client.get("/connections/99999").status_code == 404
    assert post_form(an_client, "/connections/99999/accept", page="/").status_code == 404
    assert an_client.get("/connections/new/99999").status_code == 404
    assert an_client.get(f"/connections/new/{people['an_profile'].id}").status_code == 403
    _hidden_user, hidden = member("h@example.org", "Hidden Hanne", visibility=Visibility.HIDDEN)
    assert an_client.get(f"/connections/new/{hidden.id}").status_code == 404
    assert send(an_client, hidden).status_code == 404
    assert app.test_client().get(f"/connections/new/{people['bea_profile'].id}").status_code == 302
    assert post_form(an_client, "/connections/block/99999", page="/").status_code == 404
    assert (
        post_form(an_client, f"/connections/block/{people['an'].id}", page="/").status_code == 403
    )
    for url in ("/connections/", "/connections/settings", "/connections/mentorships"):
        assert app.test_client().get(url).status_code == 302


def test_every_state_change_needs_the_csrf_token(people):
    send(people["an_client"], people["bea_profile"])
    request_id = only_request().id
    for url in (
        f"/connections/{request_id}/accept",
        f"/connections/{request_id}/decline",
        f"/connections/block/{people['an'].id}",
        "/connections/settings",
    ):
        assert people["bea_client"].post(url, data={}).status_code == 400
    assert (
        people["an_client"]
        .post(
            f"/connections/new/{people['bea_profile'].id}",
            data={"topic": "question", "message": "x"},
        )
        .status_code
        == 400
    )
    assert only_request().status is RequestStatus.PENDING
    assert db.session.scalar(select(func.count()).select_from(MemberBlock)) == 0


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"topic": ""}, "Choose what your request is about."),
        ({"topic": "gossip"}, "Not a valid choice"),
        ({"message": ""}, "Write a message."),
        ({"message": "   "}, "Write a message."),
        ({"message": "x" * 2001}, "at most 2000 characters"),
        ({"message": "bel\x07me"}, "control characters"),
        ({"message": "null\x00byte"}, "control characters"),
    ],
)
def test_bad_request_input_is_refused(people, changes, message):
    data = {"topic": "question", "message": "Hallo", **changes}
    response = send(people["an_client"], people["bea_profile"], **data)
    assert response.status_code == 200
    assert message.lower() in text(response).lower()
    assert db.session.scalar(select(func.count(ContactRequest.id))) == 0


def test_script_and_odd_text_is_shown_as_text(people):
    script = "<script>alert(1)</script>\n<img src=x onerror=alert(1)>"
    assert (
        send(people["an_client"], people["bea_profile"], message=script, context="<b>").status_code
        == 302
    )
    url = f"/connections/{only_request().id}"
    post_form(people["bea_client"], url + "/accept", page=url)
    post_form(people["bea_client"], url + "/messages", {"body": script}, page=url)
    for client in (people["an_client"], people["bea_client"]):
        for page_url in (url, "/connections/", "/connections/?box=sent"):
            page = text(client.get(page_url))
            assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert only_request().context is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"body": ""}, "Write a message."),
        ({"body": "x" * 2001}, "at most 2000 characters"),
        ({"body": "a\x1bb"}, "control characters"),
    ],
)
def test_bad_message_input_is_refused(people, data, message):
    send(people["an_client"], people["bea_profile"])
    url = f"/connections/{only_request().id}"
    post_form(people["bea_client"], url + "/accept", page=url)
    response = post_form(people["an_client"], url + "/messages", data, page=url)
    assert response.status_code == 200 and message.lower() in text(response).lower()
    assert db.session.scalar(select(func.count(ContactMessage.id))) == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"reason": ""}, "Choose what is wrong."),
        ({"reason": "boredom"}, "Not a valid choice"),
        ({"reason": "spam", "comment": "x" * 1001}, "at most 1000 characters"),
        ({"reason": "spam", "comment": "a\x00"}, "control characters"),
    ],
)
def test_bad_report_input_is_refused(people, data, message):
    send(people["an_client"], people["bea_profile"])
    url = f"/connections/{only_request().id}"
    response = post_form(people["bea_client"], url + "/report", data, page=url)
    assert response.status_code == 200 and message.lower() in text(response).lower()
    assert db.session.scalar(select(func.count(RequestReport.id))) == 0


GOOD_SETTINGS = {"share_email": "y", "phone": "+32 9 123 45 67", "website": "", "notify": "digest"}


def test_contact_settings_are_saved(people):
    client = people["cas_client"]
    page = text(client.get("/settings"))
    assert "/connections/settings" in page
    response = post_form(client, "/connections/settings", GOOD_SETTINGS)
    assert response.status_code == 302
    saved = db.session.get(ContactPreferences, people["cas"].id)
    assert saved.share_email and saved.phone == "+32 9 123 45 67"
    assert saved.notify is NotifyMode.DIGEST and saved.website == ""
    assert 'value="+32 9 123 45 67"' in text(client.get("/connections/settings"))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"phone": "call me maybe"}, "phone number of digits"),
        ({"phone": "1" * 31}, "at most 30 characters"),
        ({"phone": "+32\x0012345678"}, "control characters"),
        ({"website": "javascript:alert(1)"}, "web address"),
        ({"website": "x" * 301}, "at most 300 characters"),
        ({"notify": "sometimes"}, "Not a valid choice"),
        ({"notify": ""}, "Choose how you want to be told."),
    ],
)
def test_bad_settings_input_is_refused(people, changes, message):
    client = people["cas_client"]
    response = post_form(client, "/connections/settings", {**GOOD_SETTINGS, **changes})
    assert response.status_code == 200
    assert message.lower() in text(response).lower()
    assert db.session.get(ContactPreferences, people["cas"].id) is None


# --- notification mails ------------------------------------------------------------------------

LANGUAGES = ["nl", "fr", "en"]


def subject_in(lang, msgid, **values):
    with force_locale(lang):
        return _(msgid, **values)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_notification_mails_in_the_recipients_language(app, smtp_server, lang):  # noqa: F811
    an, _an_profile = member("an@example.org", "An Peeters", locale=lang)
    bea, bea_profile = member(SECRET_EMAIL, "Bea Janssens", locale=lang)
    # The sender's interface language does not matter: mails follow the recipient's setting.
    an.locale = "fr" if lang != "fr" else "nl"
    db.session.commit()
    an_client, bea_client = signed_in(app, an.email), signed_in(app, bea.email)

    send(an_client, bea_profile, message="Mag ik je iets vragen over btw?")
    request_row = only_request()
    [new_request] = smtp_server.wait_for(1)
    assert new_request["To"] == SECRET_EMAIL and new_request["From"] == "gilde@example.org"
    assert new_request["Content-Language"] == lang
    assert new_request["Subject"] == subject_in(
        lang, "%(name)s sent you a contact request on Gilde", name="An Peeters"
    )
    body = body_of(new_request)
    assert "Mag ik je iets vragen over btw?" in body
    # One date format per language, in mails as on the pages (app/templating.py).
    assert format_date(request_row.created_at.date(), DATE_FORMAT, locale=lang) in body
    assert f"http://localhost/connections/{request_row.id}" in body
    assert "an@example.org" not in body

    url = f"/connections/{request_row.id}"
    post_form(bea_client, url + "/accept", page=url)
    accepted = smtp_server.wait_for(2)[1]
    assert accepted["To"] == "an@example.org"
    assert accepted["Content-Language"] == an.locale
    assert accepted["Subject"] == subject_in(
        an.locale, "%(name)s accepted your contact request", name="Bea Janssens"
    )
    assert format_date(utcnow().date(), DATE_FORMAT, locale=an.locale) in body_of(accepted)

    post_form(an_client, url + "/messages", {"body": "Dank je wel!"}, page=url)
    message = smtp_server.wait_for(3)[2]
    assert message["To"] == SECRET_EMAIL and message["Content-Language"] == lang
    assert message["Subject"] == subject_in(
        lang, "New message from %(name)s on Gilde", name="An Peeters"
    )
    assert "Dank je wel!" in body_of(message)
    db.session.expire_all()
    assert (
        db.session.scalar(
            select(func.count(ContactNotification.id)).where(ContactNotification.sent_at.is_(None))
        )
        == 0
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_daily_digest_in_the_recipients_language(app, runner, smtp_server, lang):  # noqa: F811
    an, _ = member("an@example.org", "An Peeters")
    cas, _ = member("cas@example.org", "Cas Wouters")
    bea, bea_profile = member(SECRET_EMAIL, "Bea Janssens", locale=lang)
    share(bea, notify=NotifyMode.DIGEST)
    send(signed_in(app, an.email), bea_profile)
    send(signed_in(app, cas.email), bea_profile)
    assert smtp_server.messages == []

    result = runner.invoke(args=["connections", "send-digest", "--base-url", "https://gilde.test"])
    assert result.exit_code == 0, result.output
    [digest] = smtp_server.wait_for(1)
    assert digest["To"] == SECRET_EMAIL and digest["Content-Language"] == lang
    with force_locale(lang):
        from flask_babel import ngettext

        assert digest["Subject"] == ngettext(
            "Gilde: %(num)d new notification", "Gilde: %(num)d new notifications", 2
        )
    body = body_of(digest)
    for name in ("An Peeters", "Cas Wouters"):
        assert subject_in(lang, "%(name)s sent you a contact request on Gilde", name=name) in body
    assert "https://gilde.test/connections/" in body
    # Sent once: the next run has nothing to say.
    again = runner.invoke(args=["connections", "send-digest", "--base-url", "https://gilde.test"])
    assert again.exit_code == 0 and "0 digest" in again.output
    assert len(smtp_server.messages) == 1


def test_no_mail_for_members_who_want_none(app, runner, smtp_server):  # noqa: F811
    an, _ = member("an@example.org", "An Peeters")
    bea, bea_profile = member(SECRET_EMAIL, "Bea Janssens")
    share(bea, notify=NotifyMode.NONE)
    send(signed_in(app, an.email), bea_profile)
    runner.invoke(args=["connections", "send-digest", "--base-url", "https://gilde.test"])
    assert smtp_server.messages == []
    assert db.session.scalar(select(func.count(ContactNotification.id))) == 0


def test_a_withdrawn_request_is_left_out_of_the_digest(app, runner, smtp_server):  # noqa: F811
    an, _ = member("an@example.org", "An Peeters")
    bea, bea_profile = member(SECRET_EMAIL, "Bea Janssens")
    share(bea, notify=NotifyMode.DIGEST)
    an_client = signed_in(app, an.email)
    send(an_client, bea_profile)
    url = f"/connections/{only_request().id}"
    post_form(an_client, url + "/withdraw", page=url)
    result = runner.invoke(args=["connections", "send-digest", "--base-url", "https://gilde.test"])
    assert result.exit_code == 0 and "0 digest" in result.output
    assert smtp_server.messages == []


def test_a_mail_server_that_is_down_costs_no_request(app, runner, smtp_server):  # noqa: F811
    an, _ = member("an@example.org", "An Peeters")
    _bea, bea_profile = member(SECRET_EMAIL, "Bea Janssens")
    working_port = app.config["MAIL_PORT"]
    app.config["MAIL_PORT"] = free_port()  # nothing listens there
    response = send(signed_in(app, an.email), bea_profile)
    assert response.status_code == 302
    assert only_request() is not None
    waiting = db.session.scalar(select(ContactNotification))
    assert waiting.sent_at is None
    down = runner.invoke(args=["connections", "send-digest", "--base-url", "https://gilde.test"])
    assert down.exit_code == 1 and "could not be sent" in down.output
    # The next run, with the server back, sends what waited.
    app.config["MAIL_PORT"] = working_port
    result = runner.invoke(args=["connections", "send-digest", "--base-url", "https://gilde.test"])
    assert result.exit_code == 0, result.output
    assert smtp_server.wait_for(1) and smtp_server.messages[0]["To"] == SECRET_EMAIL


def test_send_digest_needs_the_site_address(runner):
    result = runner.invoke(args=["connections", "send-digest"])
    assert result.exit_code == 2 and "--base-url" in result.output
    bad = runner.invoke(args=["connections", "send-digest", "--base-url", "gilde.test"])
    assert bad.exit_code == 2


def test_mail_logs_in_when_a_user_is_set(app, smtp_server):  # noqa: F811
    app.config.update(MAIL_USERNAME=SMTP_USER, MAIL_PASSWORD=SMTP_PASSWORD)
    with app.test_request_context():
        send_mail("an@example.org", "Hallo", "Test")
    assert smtp_server.wait_for(1) and smtp_server.logins == [SMTP_USER]
    app.config["MAIL_PASSWORD"] = "wrong"
    with app.test_request_context(), pytest.raises(MailError):
        send_mail("an@example.org", "Hallo", "Test")


def test_mail_with_tls_is_never_sent_in_the_clear(app, smtp_server):  # noqa: F811
    app.config["MAIL_USE_TLS"] = True  # this server offers no STARTTLS
    with app.test_request_context(), pytest.raises(MailError):
        send_mail("an@example.org", "Hallo", "Geheim")
    assert smtp_server.messages == []


def test_without_a_mail_server_mail_goes_to_the_log(app, caplog):
    app.config["MAIL_SERVER"] = ""
    with app.test_request_context(), caplog.at_level("INFO", logger="app.mail"):
        message = send_mail("an@example.org", "Hallo\nBcc: evil@example.org", "Inhoud")
    assert "Inhoud" in caplog.text and "an@example.org" in caplog.text
    assert message["Subject"] == "Hallo Bcc: evil@example.org"
    assert message["Bcc"] is None


# --- accounts ----------------------------------------------------------------------------------


def test_deleting_an_account_takes_its_requests_along(people):
    an_id = people["an"].id
    send(people["an_client"], people["bea_profile"])
    url = f"/connections/{only_request().id}"
    post_form(people["bea_client"], url + "/accept", page=url)
    post_form(people["an_client"], url + "/messages", {"body": "Hoi"}, page=url)
    post_form(people["bea_client"], f"/connections/block/{people['an'].id}", page=url)
    response = post_form(
        people["an_client"], "/settings/delete", {"current": PASSWORD, "confirm": "y"}
    )
    assert response.status_code == 302
    db.session.expire_all()
    for model in (ContactRequest, ContactMessage, ContactNotification, MemberBlock):
        assert db.session.scalar(select(func.count()).select_from(model)) == 0
    assert db.session.get(ContactPreferences, an_id) is None
    assert people["bea_client"].get("/connections/").status_code == 200
    assert people["bea_client"].get(url).status_code == 404
