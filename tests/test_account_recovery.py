"""Password reset, address verification and invitations, with the real SMTP test server."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import func, select

from app.accounts.models import User
from app.accounts.tokens import password_token, verification_token
from app.extensions import db
from app.needs.models import Need
from tests.helpers import PASSWORD, make_user, post_form
from tests.mail import body_of, smtp_server  # noqa: F401

NEW_PASSWORD = "zonnebloem-kapstok-42"
LINK_RE = re.compile(r"https?://\S+")
TOKEN_RE = re.compile(r'value="[\w.-]{40,}"')


def link_in(message, path: str) -> str:
    """The path of the link to ``path`` in a mail (the test client wants no host)."""
    (url,) = [u for u in LINK_RE.findall(body_of(message)) if path in u]
    return "/" + url.split("/", 3)[3]


def reset(client, path: str, password: str = NEW_PASSWORD):
    return post_form(client, path, {"password": password, "confirm": password})


def ask_reset(client, email: str):
    return post_form(client, "/password/forgot", {"email": email})


# --- password reset ---------------------------------------------------------------


def test_reset_by_mail_sets_the_password_once(app, client, auth, smtp_server):  # noqa: F811
    user = make_user(locale="fr")
    response = ask_reset(client, "AN@example.org")
    assert response.status_code == 302
    (message,) = smtp_server.to("an@example.org")
    # In the recipient's language, not the visitor's (English here).
    assert message["Content-Language"] == "fr"
    path = link_in(message, "/password/reset/")
    response = reset(client, path)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/me/edit")
    db.session.refresh(user)
    assert user.check_password(NEW_PASSWORD)
    # Used once: the password changed, so the same link is dead.
    other = app.test_client()
    assert other.get(path).status_code == 400
    assert reset(other, path, "een-heel-ander-wachtwoord-9").status_code == 400
    db.session.refresh(user)
    assert user.check_password(NEW_PASSWORD)


def test_a_reset_link_dies_when_the_password_changes_otherwise(app, client):
    user = make_user()
    token = password_token(user)
    user.set_password(NEW_PASSWORD)
    db.session.commit()
    assert client.get(f"/password/reset/{token}").status_code == 400


def test_a_reset_link_expires_after_an_hour(app, client):
    user = make_user()
    token = password_token(user)
    assert client.get(f"/password/reset/{token}").status_code == 200
    app.config["PASSWORD_RESET_MAX_AGE"] = -1  # every token is older than that
    assert client.get(f"/password/reset/{token}").status_code == 400


def test_a_tampered_or_foreign_token_is_refused(app, client):
    an = make_user()
    bram = make_user(email="bram@example.org", name="Bram")
    token = password_token(an)
    payload, _, rest = token.partition(".")
    for bad in [
        "garbage",
        token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        "x" + token,
        f"{payload}x.{rest}",
    ]:
        assert client.get(f"/password/reset/{bad}").status_code == 400
    # A token signed with another key (another instance) does not work here.
    key = app.config["SECRET_KEY"]
    app.config["SECRET_KEY"] = "another-instance-secret-key-0123456789"
    foreign = password_token(bram)
    app.config["SECRET_KEY"] = key
    assert client.get(f"/password/reset/{foreign}").status_code == 400
    # A verification token is not a password token, even for the same account.
    assert client.get(f"/password/reset/{verification_token(an)}").status_code == 400
    # An's token sets An's password, never Bram's.
    assert reset(client, f"/password/reset/{token}").status_code == 302
    db.session.refresh(bram)
    assert bram.check_password(PASSWORD)


def test_the_reset_request_answers_the_same_with_or_without_an_account(app, smtp_server):  # noqa: F811
    make_user()
    answers = []
    for email in ["an@example.org", "nobody@example.org"]:
        client = app.test_client()
        response = ask_reset(client, email)
        page = client.get(response.headers["Location"]).get_data(as_text=True)
        # Each client has its own CSRF tokens.
        answers.append((response.status_code, TOKEN_RE.sub("", page.replace(email, "ADDRESS"))))
    assert answers[0] == answers[1]
    assert [m["To"] for m in smtp_server.messages] == ["an@example.org"]


def test_reset_requests_are_throttled_per_address_and_per_ip(app, smtp_server):  # noqa: F811
    make_user()
    for attempt in range(4):
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = f"10.0.1.{attempt + 1}"
        assert ask_reset(client, "an@example.org").status_code == (429 if attempt == 3 else 302)
    assert len(smtp_server.to("an@example.org")) == 3
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = "10.0.2.1"
    codes = [ask_reset(client, f"x{n}@example.org").status_code for n in range(21)]
    assert codes == [302] * 20 + [429]


def test_reset_form_rejects_bad_input(client):
    response = ask_reset(client, "not-an-address<script>")
    assert response.status_code == 200
    assert "valid e-mail address" in response.get_data(as_text=True)
    assert "<script>" not in response.get_data(as_text=True)


# --- registration and verification --------------------------------------------------


GOOD = {
    "name": "Lotte Claes",
    "email": "lotte@example.org",
    "password": PASSWORD,
    "confirm": PASSWORD,
}


def test_registration_sends_a_link_that_confirms_the_address(app, client, smtp_server):  # noqa: F811
    response = post_form(client, "/register", GOOD)
    assert response.status_code == 302
    user = User.by_email("lotte@example.org")
    assert not user.is_verified
    (message,) = smtp_server.to("lotte@example.org")
    path = link_in(message, "/verify/")
    assert client.get(path).status_code == 302
    db.session.refresh(user)
    assert user.is_verified
    page = client.get("/").get_data(as_text=True)
    assert "confirmed" in page
    # Again: nothing changes, and it says so.
    client.get(path)
    assert "already confirmed" in client.get("/").get_data(as_text=True)


def test_registering_a_taken_address_mails_its_owner_and_tells_the_visitor_nothing(
    app,
    smtp_server,  # noqa: F811
):
    make_user(email="an@example.org", locale="en")
    first = app.test_client()
    taken = post_form(first, "/register", {**GOOD, "email": "AN@example.org"})
    second = app.test_client()
    new = post_form(second, "/register", {**GOOD, "email": "nieuw@example.org"})
    assert taken.status_code == new.status_code == 302
    assert taken.headers["Location"] == new.headers["Location"]
    assert db.session.scalar(select(func.count(User.id))) == 2
    (message,) = smtp_server.to("an@example.org")
    assert "already have an account" in body_of(message)
    assert "/password/forgot" in body_of(message)
    an = User.by_email("an@example.org")
    assert an.check_password(PASSWORD) and an.name == "An Peeters"


def test_verification_tokens_expired_tampered_or_for_an_old_address(app, client):
    user = make_user(email_verified_at=None)
    token = verification_token(user)
    client.get(f"/verify/{token[:-3]}xyz")
    client.get(f"/verify/{password_token(user)}")
    db.session.refresh(user)
    assert not user.is_verified
    app.config["VERIFICATION_MAX_AGE"] = -1
    client.get(f"/verify/{token}")
    db.session.refresh(user)
    assert not user.is_verified
    app.config["VERIFICATION_MAX_AGE"] = 3600
    user.email = "an.new@example.org"
    db.session.commit()
    client.get(f"/verify/{token}")
    db.session.refresh(user)
    assert not user.is_verified
    assert client.get(f"/verify/{verification_token(user)}").status_code == 302
    db.session.refresh(user)
    assert user.is_verified


def test_an_unverified_member_cannot_post_until_verified(app, world, client, auth):
    app.config["REQUIRE_VERIFIED_TO_POST"] = True
    user = make_user(email_verified_at=None)
    auth.login()
    data = {"title": "Hulp gezocht bij mijn btw-aangifte", "body": "Wie helpt?"}
    response = post_form(client, "/needs/new", data)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/settings")
    page = client.get("/settings").get_data(as_text=True)
    assert "Confirm your e-mail address first" in page
    assert "Send the link again" in page
    assert db.session.scalar(select(func.count(Need.id))) == 0
    user.email_verified_at = user.created_at
    db.session.commit()
    assert "Send the link again" not in client.get("/settings").get_data(as_text=True)


def test_send_again_is_throttled(app, client, auth, smtp_server):  # noqa: F811
    make_user(email_verified_at=None)
    auth.login()
    codes = [post_form(client, "/verify/again", page="/settings").status_code for _ in range(4)]
    assert codes == [302, 302, 302, 429]
    assert len(smtp_server.to("an@example.org")) == 3


def test_changing_the_address_tells_the_old_one_and_asks_to_confirm_the_new(
    app,
    client,
    auth,
    smtp_server,  # noqa: F811
):
    user = make_user(locale="nl")
    auth.login()
    response = post_form(
        client, "/settings/email", {"email": "an.nieuw@example.org", "current": PASSWORD}
    )
    assert response.status_code == 302
    db.session.refresh(user)
    assert user.email == "an.nieuw@example.org" and not user.is_verified
    (old,) = smtp_server.to("an@example.org")
    assert old["Content-Language"] == "nl"
    assert "an.nieuw@example.org" not in body_of(old)
    (new,) = smtp_server.to("an.nieuw@example.org")
    client.get(link_in(new, "/verify/"))
    db.session.refresh(user)
    assert user.is_verified


# --- invitations --------------------------------------------------------------------


def test_import_with_invite_mails_each_new_member_a_long_lived_link(
    app,
    world,
    runner,
    tmp_path,
    smtp_server,  # noqa: F811
):
    make_user(email="an@example.org")
    source = tmp_path / "members.json"
    members = [
        {"email": "an@example.org", "name": "An Peeters"},
        {"email": "el@example.org", "name": "El Janssens", "locale": "fr"},
        {"email": "jo@example.org", "name": "Jo Maes"},
    ]
    source.write_text(json.dumps({"members": members}))
    result = runner.invoke(
        args=["data", "import", str(source), "--invite", "--base-url", "https://gilde.test"]
    )
    assert result.exit_code == 0, result.output
    assert "2 invitations sent" in result.output
    assert sorted(m["To"] for m in smtp_server.messages) == ["el@example.org", "jo@example.org"]
    (message,) = smtp_server.to("jo@example.org")
    assert "https://gilde.test/password/reset/" in body_of(message)
    path = link_in(message, "/password/reset/")
    # An invitation outlives a reset link.
    app.config["PASSWORD_RESET_MAX_AGE"] = -1
    client = app.test_client()
    assert reset(client, path).status_code == 302
    jo = User.by_email("jo@example.org")
    assert jo.check_password(NEW_PASSWORD) and jo.is_verified
    app.config["INVITATION_MAX_AGE"] = -1
    el_path = link_in(smtp_server.to("el@example.org")[0], "/password/reset/")
    assert app.test_client().get(el_path).status_code == 400


def test_users_invite_by_address_or_all_unconfirmed(app, runner, smtp_server):  # noqa: F811
    make_user(email="an@example.org")
    make_user(email="jo@example.org", name="Jo", email_verified_at=None)
    make_user(email="el@example.org", name="El", email_verified_at=None)
    result = runner.invoke(args=["users", "invite", "an@example.org"])
    assert result.exit_code == 0, result.output
    assert [m["To"] for m in smtp_server.messages] == ["an@example.org"]
    result = runner.invoke(args=["users", "invite", "--all-unconfirmed"])
    assert result.exit_code == 0, result.output
    assert "2 invitations sent" in result.output
    assert [m["To"] for m in smtp_server.messages[1:]] == ["jo@example.org", "el@example.org"]
    assert runner.invoke(args=["users", "invite"]).exit_code != 0
    assert runner.invoke(args=["users", "invite", "nobody@example.org"]).exit_code != 0


def test_a_reset_signs_out_every_other_session(app, client, auth):
    user = make_user()
    auth.login()
    assert client.get("/settings").status_code == 200
    other = app.test_client()
    assert reset(other, f"/password/reset/{password_token(user)}").status_code == 302
    assert other.get("/settings").status_code == 200
    # The session signed in with the old password is over.
    assert client.get("/settings").status_code == 302


def test_a_new_partner_account_is_sent_a_confirmation_link(app, world, client, smtp_server):  # noqa: F811
    data = {
        "organisation": "Guichet de Namur",
        "name": "Nadia",
        "place": "Namur",
        "email": "nadia@example.org",
        "password": PASSWORD,
        "confirm": PASSWORD,
    }
    assert post_form(client, "/partners/register", data).status_code == 302
    (message,) = smtp_server.to("nadia@example.org")
    client.get(link_in(message, "/verify/"))
    assert User.by_email("nadia@example.org").is_verified


@pytest.mark.parametrize(
    ("page", "url"),
    [("/sessions/new", "/sessions/new"), ("/guidance/ask", "/guidance/ask")],
)
def test_an_unverified_member_organises_and_asks_nothing(app, world, client, auth, page, url):
    app.config["REQUIRE_VERIFIED_TO_POST"] = True
    make_user(email_verified_at=None)
    auth.login()
    response = post_form(client, url, {"title": "Prijszetting"}, page=page)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/settings")
