"""Security headers, caching of personal pages and error pages."""

from __future__ import annotations

import pytest

from tests.helpers import make_user


def test_security_headers_on_every_response(client):
    for url in ("/", "/login", "/does-not-exist", "/static/css/gilde.css"):
        with client.get(url) as response:
            headers = response.headers
        csp = headers["Content-Security-Policy"]
        assert "object-src 'none'" in csp
        assert "base-uri 'none'" in csp
        assert "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp
        assert "script-src 'self'" in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_pages_have_no_inline_scripts_or_styles(client):
    page = client.get("/register").get_data(as_text=True)
    assert "<script>" not in page
    assert " style=" not in page
    assert " onclick=" not in page


def test_bootstrap_is_served_from_the_package(client):
    page = client.get("/").get_data(as_text=True)
    assert "/bootstrap/static/css/bootstrap.min.css" in page
    assert "cdn" not in page.lower()
    with client.get("/bootstrap/static/css/bootstrap.min.css") as css:
        assert css.status_code == 200


def test_pages_for_a_signed_in_member_are_not_cached(client, auth):
    make_user()
    assert "no-store" not in client.get("/login").headers.get("Cache-Control", "")
    auth.login()
    assert client.get("/settings").headers["Cache-Control"] == "no-store"
    assert client.get("/").headers["Cache-Control"] == "no-store"
    with client.get("/static/css/gilde.css") as css:
        assert "no-store" not in css.headers.get("Cache-Control", "")


@pytest.mark.parametrize(
    ("code", "title"), [(404, "Pagina niet gevonden"), (405, "Niet toegestaan")]
)
def test_error_pages_speak_the_users_language(client, code, title):
    url = "/nope" if code == 404 else "/logout"
    response = client.get(url, headers={"Accept-Language": "nl-BE,nl;q=0.9"})
    assert response.status_code == code
    page = response.get_data(as_text=True)
    assert title in page
    assert '<html lang="nl">' in page


def test_unexpected_errors_show_a_page_without_a_stack_trace(app, client):
    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internals")

    response = client.get("/boom", headers={"Accept-Language": "fr"})
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "secret internals" not in page
    assert "Traceback" not in page
    assert '<html lang="fr">' in page


def test_error_pages_for_forbidden_and_rate_limited(app, client):
    from flask import abort

    @app.get("/forbidden")
    def forbidden():
        abort(403)

    assert client.get("/forbidden", headers={"Accept-Language": "en"}).status_code == 403
    assert "Not allowed" in client.get("/forbidden", headers={"Accept-Language": "en"}).get_data(
        as_text=True
    )


def test_api_errors_answer_json(client):
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.is_json
    assert response.json["error"] == "Page not found" or response.json["error"]


def test_oversized_bodies_are_refused(client):
    response = client.post("/login", data={"email": "x" * (3 * 1024 * 1024)})
    assert response.status_code == 413
