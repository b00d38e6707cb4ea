"""The staff page that invites members: the same invitations as `flask users invite`."""

from __future__ import annotations

import re

import pytest

from app.accounts.forms import MAX_INVITATIONS
from app.accounts.models import Role
from app.extensions import db
from tests.helpers import make_user, post_form
from tests.mail import body_of, smtp_server  # noqa: F401

PAGE = "/staff/invitations"


def as_staff(auth) -> None:
    make_user("staff@example.org", "Sam Staff", role=Role.STAFF)
    auth.login("staff@example.org")


def invite(client, emails: str = "", all_unconfirmed: bool = False):
    data = {"emails": emails}
    if all_unconfirmed:
        data["all_unconfirmed"] = "y"
    return post_form(client, PAGE, data)


@pytest.mark.parametrize(
    ("role", "status"),
    [(None, 302), (Role.MEMBER, 403), (Role.PARTNER, 403), (Role.STAFF, 200), (Role.ADMIN, 200)],
)
def test_only_staff_reach_the_page(client, auth, role, status):
    if role is not None:
        make_user("who@example.org", "Who", role=role)
        auth.login("who@example.org")
    assert client.get(PAGE).status_code == status
    if role is not None and status == 403:
        assert client.post(PAGE, data={"emails": "x@example.org"}).status_code in (400, 403)


def test_staff_invite_members_by_address_each_in_their_language(
    app,
    client,
    auth,
    smtp_server,  # noqa: F811
):
    as_staff(auth)
    jo = make_user("jo@example.org", "Jo", email_verified_at=None, locale="fr")
    make_user("el@example.org", "El", email_verified_at=None, locale="nl")
    response = invite(client, "JO@example.org,\n el@example.org ; jo@example.org")
    assert response.status_code == 302
    assert "2 invitations sent." in client.get(PAGE).get_data(as_text=True)
    (to_jo,) = smtp_server.to("jo@example.org")
    (to_el,) = smtp_server.to("el@example.org")
    assert to_jo["Content-Language"] == "fr" and to_el["Content-Language"] == "nl"
    # An invitation is a password link: Jo sets a password with it.
    (url,) = [u for u in re.findall(r"https?://\S+", body_of(to_jo)) if "/password/reset/" in u]
    path = "/" + url.split("/", 3)[3]
    new = "zonnebloem-kapstok-42"
    other = app.test_client()
    assert post_form(other, path, {"password": new, "confirm": new}).status_code == 302
    db.session.refresh(jo)
    assert jo.check_password(new) and jo.is_verified


def test_all_unconfirmed_members(client, auth, smtp_server):  # noqa: F811
    as_staff(auth)
    make_user("an@example.org")
    make_user("jo@example.org", "Jo", email_verified_at=None)
    make_user("el@example.org", "El", email_verified_at=None)
    assert invite(client, all_unconfirmed=True).status_code == 302
    assert sorted(m["To"] for m in smtp_server.messages) == ["el@example.org", "jo@example.org"]


def test_an_unknown_address_sends_nothing_and_keeps_the_list(client, auth, smtp_server):  # noqa: F811
    as_staff(auth)
    make_user("jo@example.org", "Jo", email_verified_at=None)
    response = invite(client, "jo@example.org\nnobody@example.org")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "No account has these addresses: nobody@example.org" in page
    assert "jo@example.org\nnobody@example.org" in page
    assert smtp_server.messages == []


@pytest.mark.parametrize(
    ("emails", "message"),
    [
        ("", "Give at least one address, or tick the box."),
        (" ,;\n ", "Give at least one address, or tick the box."),
        (
            "\n".join(f"m{i}@example.org" for i in range(MAX_INVITATIONS + 1)),
            f"At most {MAX_INVITATIONS} addresses at a time.",
        ),
        ("x" * 70_000, "That is too long a list."),
    ],
)
def test_bad_lists_are_refused_with_a_message(client, auth, emails, message):
    as_staff(auth)
    response = invite(client, emails)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_hostile_input_is_shown_escaped(client, auth):
    as_staff(auth)
    response = invite(client, "<script>alert(1)</script>")
    assert response.status_code == 400
    assert "<script>alert(1)" not in response.get_data(as_text=True)


def test_nobody_left_to_invite(client, auth, smtp_server):  # noqa: F811
    as_staff(auth)
    response = invite(client, all_unconfirmed=True)
    assert response.status_code == 302
    assert "Nobody to invite" in client.get(PAGE).get_data(as_text=True)


def test_the_form_needs_the_csrf_token(client, auth, smtp_server):  # noqa: F811
    as_staff(auth)
    make_user("jo@example.org", "Jo", email_verified_at=None)
    assert client.post(PAGE, data={"emails": "jo@example.org"}).status_code == 400
    assert smtp_server.messages == []


def test_the_settings_link_to_the_page_for_staff_only(client, auth):
    as_staff(auth)
    assert PAGE in client.get("/settings").get_data(as_text=True)
