"""Registering, signing in and out, and managing the account."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.accounts.models import Role, User
from app.extensions import db
from tests.helpers import PASSWORD, csrf_token, make_user, post_form

GOOD = {
    "name": "An Peeters",
    "email": "an@example.org",
    "password": PASSWORD,
    "confirm": PASSWORD,
}


def register(client, **changes):
    return post_form(client, "/register", {**GOOD, **changes})


def user_count() -> int:
    return db.session.scalar(select(func.count(User.id)))


def test_register_signs_in_and_hashes_with_scrypt(app, client):
    del app.config["PASSWORD_HASH_METHOD"]  # what production does, not the tests' cheap hash
    response = register(client)
    assert response.status_code == 302
    user = db.session.scalar(select(User))
    assert user.email == "an@example.org"
    assert user.role is Role.MEMBER
    assert user.password_hash.startswith("scrypt:")
    assert PASSWORD not in user.password_hash
    page = client.get("/settings")
    assert page.status_code == 200
    assert "An Peeters" in page.get_data(as_text=True)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "Enter your name."),
        ({"name": "   "}, "Enter your name."),
        ({"name": "x" * 101}, "at most 100 characters"),
        ({"name": "An\x00Peeters"}, "control characters"),
        ({"email": ""}, "Enter your e-mail address."),
        ({"email": "not-an-address"}, "valid e-mail address"),
        ({"email": "a" * 250 + "@example.org"}, "at most 254 characters"),
        ({"password": "", "confirm": ""}, "Choose a password."),
        ({"password": "kort-1", "confirm": "kort-1"}, "at least 10 characters"),
        ({"password": "x" * 129, "confirm": "x" * 129}, "at most 128 characters"),
        ({"password": "password123", "confirm": "password123"}, "most common passwords"),
        ({"password": "aaaaaaaaaaaa", "confirm": "aaaaaaaaaaaa"}, "too easy to guess"),
        ({"confirm": PASSWORD + "x"}, "not the same"),
    ],
)
def test_register_rejects_bad_input_and_keeps_what_was_typed(client, changes, message):
    response = register(client, **changes)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert message in page
    assert 'aria-invalid="true"' in page
    if changes.get("name", "").strip() and "name" not in changes:
        assert GOOD["name"] in page
    assert user_count() == 0
    # Passwords are never echoed back into the page.
    assert PASSWORD not in page


def test_register_keeps_the_typed_name_and_email(client):
    page = register(client, confirm="something-else-entirely").get_data(as_text=True)
    assert 'value="An Peeters"' in page
    assert 'value="an@example.org"' in page


def test_register_makes_no_second_account_for_an_address_in_another_case(client):
    make_user(email="an@example.org")
    response = register(client, email="  AN@Example.ORG ")
    # The visitor is not told (tests/test_account_recovery.py: the owner gets a mail).
    assert response.status_code == 302
    assert "already exists" not in client.get("/").get_data(as_text=True)
    assert user_count() == 1


def test_register_escapes_html_in_the_name(client):
    register(client, name='<script>alert("x")</script>')
    page = client.get("/settings").get_data(as_text=True)
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page


def test_long_password_is_accepted_and_never_truncated(client, auth):
    long_password = "lange zin over fietsen in de regen " * 3 + "x" * 23
    assert len(long_password) == 128
    assert register(client, password=long_password, confirm=long_password).status_code == 302
    auth.logout()
    assert auth.login(password=long_password[:-1]).status_code == 200
    assert auth.login(password=long_password).status_code == 302


def test_password_may_not_repeat_the_name_or_email(client):
    page = register(
        client, email="fietsenmaker@example.org", password="fietsenmaker", confirm="fietsenmaker"
    ).get_data(as_text=True)
    assert "too easy to guess" in page or "at least 10" in page
    assert user_count() == 0


def test_login_and_logout(client, auth):
    make_user()
    response = auth.login()
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert client.get("/settings").status_code == 200
    assert auth.logout().status_code == 302
    assert client.get("/settings").status_code == 302


@pytest.mark.parametrize(
    ("email", "password"),
    [
        ("an@example.org", "wrong-password-123"),
        ("nobody@example.org", PASSWORD),
        ("", ""),
        ("an@example.org", ""),
    ],
)
def test_login_failures_say_so_without_telling_which_part(client, auth, email, password):
    make_user()
    response = auth.login(email=email, password=password)
    assert response.status_code == 200
    assert client.get("/settings").status_code == 302


def test_login_is_case_insensitive_on_email(auth):
    make_user()
    assert auth.login(email="An@Example.org").status_code == 302


def test_logout_needs_post(client, auth):
    make_user()
    auth.login()
    assert client.get("/logout").status_code == 405
    assert client.get("/settings").status_code == 200


def test_logout_invalidates_every_copy_of_the_session_cookie(app, client, auth):
    make_user()
    auth.login(remember="y")
    stolen = app.test_client()
    for cookie in client._cookies.values():
        stolen.set_cookie(cookie.key, cookie.value)
    assert stolen.get("/settings").status_code == 200
    auth.logout()
    assert stolen.get("/settings").status_code == 302


def test_remember_cookie_alone_is_invalidated_by_logout(app, client, auth):
    make_user()
    auth.login(remember="y")
    remember = client.get_cookie("remember_token")
    assert remember is not None
    assert "HttpOnly" in str(remember.http_only) or remember.http_only
    stolen = app.test_client()
    stolen.set_cookie("remember_token", remember.value)
    assert stolen.get("/settings").status_code == 200
    auth.logout()
    fresh = app.test_client()
    fresh.set_cookie("remember_token", remember.value)
    assert fresh.get("/settings").status_code == 302


def test_change_password_signs_out_other_devices(app, client, auth):
    make_user()
    auth.login()
    other = app.test_client()
    AuthOther = type(auth)
    AuthOther(other).login()
    new = "nieuw-wachtwoord-voor-de-winter"
    response = post_form(
        client, "/settings/password", {"current": PASSWORD, "password": new, "confirm": new}
    )
    assert response.status_code == 302
    assert client.get("/settings").status_code == 200
    assert other.get("/settings").status_code == 302
    auth.logout()
    assert auth.login(password=PASSWORD).status_code == 200
    assert auth.login(password=new).status_code == 302


def test_change_password_needs_the_current_one(client, auth):
    make_user()
    auth.login()
    new = "nieuw-wachtwoord-voor-de-winter"
    response = post_form(
        client, "/settings/password", {"current": "not-it-at-all", "password": new, "confirm": new}
    )
    assert "not your current password" in response.get_data(as_text=True)
    user = db.session.scalar(select(User))
    db.session.refresh(user)
    assert user.check_password(PASSWORD)


def test_change_email_asks_for_the_password(client, auth):
    make_user()
    auth.login()
    wrong = post_form(
        client, "/settings/email", {"email": "new@example.org", "current": "wrong-one-here"}
    )
    assert "not your current password" in wrong.get_data(as_text=True)
    right = post_form(client, "/settings/email", {"email": "New@Example.org", "current": PASSWORD})
    assert right.status_code == 302
    assert User.by_email("new@example.org") is not None
    assert User.by_email("an@example.org") is None


def test_change_email_refuses_an_address_in_use(client, auth):
    make_user()
    make_user(email="bo@example.org", name="Bo")
    auth.login()
    page = post_form(
        client, "/settings/email", {"email": "BO@example.org", "current": PASSWORD}
    ).get_data(as_text=True)
    assert "already exists" in page
    assert User.by_email("an@example.org") is not None


def test_delete_account_asks_for_password_and_invalidates_sessions(app, client, auth):
    make_user()
    auth.login()
    copy = app.test_client()
    for cookie in client._cookies.values():
        copy.set_cookie(cookie.key, cookie.value)
    refused = post_form(client, "/settings/delete", {"current": "wrong-password-1", "confirm": "y"})
    assert "not your current password" in refused.get_data(as_text=True)
    unconfirmed = post_form(client, "/settings/delete", {"current": PASSWORD})
    assert "Tick the box" in unconfirmed.get_data(as_text=True)
    assert user_count() == 1
    done = post_form(client, "/settings/delete", {"current": PASSWORD, "confirm": "y"})
    assert done.status_code == 302
    assert user_count() == 0
    assert copy.get("/settings").status_code == 302
    # The address can register again.
    assert register(client).status_code == 302


@pytest.mark.parametrize(
    "url", ["/settings", "/settings/password", "/settings/email", "/settings/delete"]
)
def test_settings_need_a_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "https:evil.example",
        "https://evil.example/",
        "http:/evil.example",
        "/\t/evil.example",
        "/%0a/evil.example".replace("%0a", "\n"),
        "javascript:alert(1)",
        " //evil.example",
        "evil.example",
    ],
)
def test_next_never_leaves_the_site(client, auth, target):
    make_user()
    response = auth.login(next=target)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_next_to_an_own_path_is_followed(client, auth):
    make_user()
    client.get("/login?next=/settings")
    response = auth.login(next="/settings?tab=1")
    assert response.headers["Location"] == "/settings?tab=1"


def test_next_from_the_query_string_is_kept_in_the_form(client):
    page = client.get("/login?next=/settings").get_data(as_text=True)
    assert '<input id="next" name="next" type="hidden" value="/settings">' in page
    page = client.get("/login?next=//evil.example").get_data(as_text=True)
    assert '<input id="next" name="next" type="hidden" value="">' in page


def test_forged_csrf_token_is_refused(client):
    csrf_token(client, "/register")
    response = client.post("/register", data={**GOOD, "csrf_token": "forged"})
    assert response.status_code == 400
    assert user_count() == 0
    assert client.post("/register", data=GOOD).status_code == 400
    assert user_count() == 0


def test_seventh_login_failure_within_a_minute_is_refused_per_ip(app, auth):
    make_user()
    for _ in range(6):
        assert auth.login(password="wrong-password-1").status_code == 200
    assert auth.login(password="wrong-password-1").status_code == 429
    # Even the right password waits until the minute is over.
    assert auth.login().status_code == 429


def test_login_failures_are_counted_per_account_across_addresses(app):
    make_user()
    for attempt in range(7):
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = f"10.0.0.{attempt + 1}"
        response = post_form(
            client, "/login", {"email": "AN@example.org", "password": "wrong-password-1"}
        )
        assert response.status_code == (429 if attempt == 6 else 200)
    other = app.test_client()
    other.environ_base["REMOTE_ADDR"] = "10.0.1.1"
    make_user(email="bo@example.org", name="Bo")
    assert (
        post_form(other, "/login", {"email": "bo@example.org", "password": PASSWORD}).status_code
        == 302
    )


def test_successful_logins_are_not_throttled(client, auth):
    make_user()
    for _ in range(8):
        assert auth.login().status_code == 302
        auth.logout()


def test_create_admin_prompts_for_a_password(runner):
    strong = "beheerder-van-de-gilde-42"
    result = runner.invoke(
        args=["users", "create-admin", "Admin@Example.org"], input=f"{strong}\n{strong}\n"
    )
    assert result.exit_code == 0, result.output
    user = User.by_email("admin@example.org")
    assert user.role is Role.ADMIN
    assert user.is_staff
    assert user.check_password(strong)


def test_create_admin_promotes_an_existing_account(runner):
    make_user()
    strong = "beheerder-van-de-gilde-42"
    result = runner.invoke(
        args=["users", "create-admin", "an@example.org"], input=f"{strong}\n{strong}\n"
    )
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert User.by_email("an@example.org").role is Role.ADMIN
    assert db.session.scalar(select(func.count(User.id))) == 1


def test_create_admin_refuses_a_weak_password(runner):
    result = runner.invoke(
        args=["users", "create-admin", "admin@example.org"], input="password1\npassword1\n"
    )
    assert result.exit_code != 0
    assert "Invalid value for password" in result.output
    assert User.by_email("admin@example.org") is None
