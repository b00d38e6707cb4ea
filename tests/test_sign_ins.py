"""Where a member is signed in: one sign-in per browser, listed, each one ended on its own."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.accounts.models import SignIn, User
from app.accounts.signins import describe_device
from app.clock import utcnow
from app.extensions import db
from tests.helpers import PASSWORD, make_user, post_form

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)


def browser(app, auth, user_agent: str, email: str = "an@example.org", **extra):
    """Another test client, signed in with this User-Agent."""
    client = app.test_client()
    client.environ_base["HTTP_USER_AGENT"] = user_agent
    assert type(auth)(client).login(email=email, **extra).status_code == 302
    return client


def signed_in(client) -> bool:
    return client.get("/settings").status_code == 200


def sign_in_ids(user: User) -> list[int]:
    return list(db.session.scalars(select(SignIn.id).where(SignIn.user_id == user.id)))


def test_the_page_lists_each_browser_with_its_device(app, auth):
    make_user()
    laptop = browser(app, auth, FIREFOX)
    browser(app, auth, IPHONE)
    page = laptop.get("/settings/sign-ins").get_data(as_text=True)
    assert "Firefox on Linux" in page
    assert "Safari on iOS" in page
    assert page.count("this browser") == 1
    assert "Sign out everywhere else" in page
    assert "/settings/sign-ins" in laptop.get("/settings").get_data(as_text=True)


def test_ending_one_sign_in_signs_out_that_browser_only(app, auth):
    user = make_user()
    laptop = browser(app, auth, FIREFOX)
    phone = browser(app, auth, IPHONE)
    (phone_id,) = db.session.scalars(
        select(SignIn.id).where(SignIn.user_id == user.id, SignIn.user_agent == IPHONE)
    )
    response = post_form(laptop, f"/settings/sign-ins/{phone_id}/end", page="/settings/sign-ins")
    assert response.status_code == 302
    assert not signed_in(phone)
    assert signed_in(laptop)


def test_ending_this_browser_signs_it_out(app, auth):
    user = make_user()
    laptop = browser(app, auth, FIREFOX, remember="y")
    assert laptop.get_cookie("remember_token") is not None
    (own_id,) = sign_in_ids(user)
    response = post_form(laptop, f"/settings/sign-ins/{own_id}/end", page="/settings/sign-ins")
    assert response.headers["Location"].endswith("/")
    assert not signed_in(laptop)
    assert laptop.get_cookie("remember_token") is None


def test_sign_out_everywhere_else(app, auth):
    user = make_user()
    laptop = browser(app, auth, FIREFOX)
    others = [browser(app, auth, IPHONE) for _ in range(3)]
    response = post_form(laptop, "/settings/sign-ins/end-others", page="/settings/sign-ins")
    assert response.status_code == 302
    assert "3 other devices are signed out." in laptop.get("/settings/sign-ins").get_data(
        as_text=True
    )
    assert not any(signed_in(other) for other in others)
    assert signed_in(laptop)
    assert len(sign_in_ids(user)) == 1


def test_another_members_sign_in_is_not_found_and_stays(app, auth):
    make_user()
    bo = make_user("bo@example.org", "Bo Dubois")
    laptop = browser(app, auth, FIREFOX)
    bos = browser(app, auth, IPHONE, email="bo@example.org")
    (bo_id,) = sign_in_ids(bo)
    for path in (f"/settings/sign-ins/{bo_id}/end", "/settings/sign-ins/999999/end"):
        assert post_form(laptop, path, page="/settings/sign-ins").status_code == 404
    assert signed_in(bos)
    assert laptop.get("/settings/sign-ins/abc/end").status_code == 404


def test_ending_needs_a_post_with_the_csrf_token(app, auth):
    user = make_user()
    laptop = browser(app, auth, FIREFOX)
    phone = browser(app, auth, IPHONE)
    phone_id = max(sign_in_ids(user))
    assert laptop.get(f"/settings/sign-ins/{phone_id}/end").status_code == 405
    assert laptop.post(f"/settings/sign-ins/{phone_id}/end").status_code == 400
    assert laptop.post("/settings/sign-ins/end-others").status_code == 400
    assert signed_in(phone)


def test_the_page_needs_a_signed_in_member(client):
    response = client.get("/settings/sign-ins")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_signing_out_ends_this_browser_only(app, auth):
    user = make_user()
    laptop = browser(app, auth, FIREFOX)
    phone = browser(app, auth, IPHONE)
    assert post_form(laptop, "/logout", page="/").status_code == 302
    assert not signed_in(laptop)
    assert signed_in(phone)
    assert len(sign_in_ids(user)) == 1


def test_a_password_change_ends_the_other_sign_ins(app, auth):
    user = make_user()
    laptop = browser(app, auth, FIREFOX)
    phone = browser(app, auth, IPHONE)
    new = "nieuw-wachtwoord-voor-de-winter"
    response = post_form(
        laptop, "/settings/password", {"current": PASSWORD, "password": new, "confirm": new}
    )
    assert response.status_code == 302
    assert not signed_in(phone)
    assert signed_in(laptop)
    assert len(sign_in_ids(user)) == 1


def test_a_cookie_of_before_sign_ins_no_longer_signs_in(app, client):
    user = make_user()
    with client.session_transaction() as session:
        session["_user_id"] = user.session_token
        session["_fresh"] = True
    assert not signed_in(client)
    with client.session_transaction() as session:
        session["_user_id"] = f"{user.session_token}.made-up"
    assert not signed_in(client)


def test_last_seen_is_brought_up_to_date(app, auth):
    user = make_user()
    laptop = browser(app, auth, FIREFOX)
    (sign_in,) = db.session.scalars(select(SignIn).where(SignIn.user_id == user.id))
    old = sign_in.last_seen_at - timedelta(hours=2)
    sign_in.last_seen_at = old
    db.session.commit()
    laptop.get("/")
    db.session.refresh(sign_in)
    assert sign_in.last_seen_at > old


def test_a_sign_in_is_recorded_for_every_way_of_signing_in(app, client, auth):
    make_user()
    auth.login(remember="y")
    assert db.session.scalar(select(func.count()).select_from(SignIn)) == 1
    # The remember cookie alone (a new session) is the same sign-in, not another.
    remember = client.get_cookie("remember_token")
    fresh = app.test_client()
    fresh.set_cookie("remember_token", remember.value)
    assert signed_in(fresh)
    assert db.session.scalar(select(func.count()).select_from(SignIn)) == 1


@pytest.mark.parametrize(
    ("user_agent", "device"),
    [
        (FIREFOX, "Firefox on Linux"),
        (IPHONE, "Safari on iOS"),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0",
            "Edge on Windows",
        ),
        ("curl/8.5.0", "Unknown browser"),
        ("", "Unknown browser"),
        ("<script>alert(1)</script> Android", "Android"),
    ],
)
def test_describe_device(app, user_agent, device):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert describe_device(user_agent) == device


def test_a_hostile_user_agent_is_stored_short_and_shown_escaped(app, auth):
    make_user()
    hostile = "<script>alert(1)</script>" + "x" * 1000 + " Firefox/1"
    laptop = browser(app, auth, hostile)
    (sign_in,) = db.session.scalars(select(SignIn))
    assert len(sign_in.user_agent) == 300
    assert "<script>alert(1)" not in laptop.get("/settings/sign-ins").get_data(as_text=True)


def age(user: User, days: int) -> None:
    """Make every sign-in of ``user`` last seen ``days`` ago."""
    for sign_in in db.session.scalars(select(SignIn).where(SignIn.user_id == user.id)):
        sign_in.last_seen_at = utcnow() - timedelta(days=days)
    db.session.commit()


def test_a_sign_in_without_keep_me_signed_in_ends_after_two_idle_weeks(app, client, auth):
    user = make_user()
    auth.login()
    age(user, 13)
    assert signed_in(client)
    age(user, 15)
    assert not signed_in(client)
    # Forgotten at the next sign-in.
    auth.login()
    assert len(sign_in_ids(user)) == 1


def test_a_remembered_sign_in_lasts_as_long_as_its_cookie(app, client, auth):
    user = make_user()
    auth.login(remember="y")
    (sign_in,) = db.session.scalars(select(SignIn))
    assert sign_in.remembered
    age(user, 300)
    assert signed_in(client)
    age(user, 401)
    assert not signed_in(client)


def test_the_list_of_sign_ins_is_paginated(app, client, auth):
    user = make_user()
    auth.login()
    for _ in range(25):
        db.session.add(SignIn(user_id=user.id, user_agent=IPHONE))
    db.session.commit()
    first = client.get("/settings/sign-ins").get_data(as_text=True)
    assert first.count("Safari on iOS") >= 19
    assert 'aria-label="Pages"' in first
    second = client.get("/settings/sign-ins?page=2").get_data(as_text=True)
    assert second.count("Safari on iOS") >= 6
    assert client.get("/settings/sign-ins?page=abc").status_code == 200
    assert client.get("/settings/sign-ins?page=999").status_code == 200
